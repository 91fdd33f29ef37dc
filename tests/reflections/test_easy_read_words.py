"""The journey's own words in Easy Read: every sentence short (15 words at most), and each page in Easy Read
says its own things in Easy Read – check answers names the statements ticked, with their pictures.

The words measured are the ones a template gives only to Easy Read readers: what is inside `{% if easy_read %}`
(and the templates it includes), and the answer forms' messages built in Easy Read.
"""

import re

import pytest
from django.db import connection
from django.template import engines
from django.template.base import Node
from django.template.defaulttags import IfNode
from django.template.loader_tags import ExtendsNode, IncludeNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from coreflect.frameworks import wording
from coreflect.reflections.answer_forms import PrincipleAnswerForm
from coreflect.reflections.forms import FollowForm, PerspectiveChoiceForm

from .conftest import make_round
from .easy_read import STATEMENT_PICTURE, add_easy_read, joined_in_easy_read

LONGEST_SENTENCE = 15
JOURNEY_PAGES = [
    "start",
    "perspective",
    "tasks",
    "principle",
    "check",
    "later",
    "submitted",
    "closed",
    "delete",
    "deleted",
    "unknown_link",
]


def _is_easy_read_condition(condition) -> bool:
    value = getattr(condition, "value", None)  # a bare variable: {% if easy_read %}
    return getattr(value, "token", None) == "easy_read"


def _msgids(nodelist, easy: bool, seen: set, found: list[str]) -> None:
    for node in nodelist:
        _node_msgids(node, easy, seen, found)


def _node_msgids(node: Node, easy: bool, seen: set, found: list[str]) -> None:
    if isinstance(node, TranslateNode) and easy:
        found.append(str(node.filter_expression.var.literal))
    elif isinstance(node, BlockTranslateNode) and easy:
        found.append(node.render_token_list(node.singular)[0])
        if node.plural:
            found.append(node.render_token_list(node.plural)[0])
    elif isinstance(node, IfNode):
        for condition, branch in node.conditions_nodelists:
            if _is_easy_read_condition(condition):
                _msgids(branch, True, seen, found)
                if easy:  # what follows is for the usual wording only
                    break
            else:
                _msgids(branch, easy, seen, found)
    elif isinstance(node, IncludeNode | ExtendsNode):
        expression = node.template if isinstance(node, IncludeNode) else node.parent_name
        name = expression.var.literal if hasattr(expression.var, "literal") else expression.var
        if isinstance(name, str) and name.startswith("reflections/") and (name, easy) not in seen:
            seen.add((name, easy))
            _msgids(engines["django"].engine.get_template(name).nodelist, easy, seen, found)
        if isinstance(node, ExtendsNode):
            _msgids(node.nodelist, easy, seen, found)
    else:
        for attribute in node.child_nodelists:
            _msgids(getattr(node, attribute, None) or [], easy, seen, found)


def easy_read_msgids() -> list[str]:
    """Every msgid the journey's templates show only in Easy Read."""
    seen: set = set()
    found: list[str] = []
    for page in JOURNEY_PAGES:
        _msgids(engines["django"].engine.get_template(f"reflections/journey/{page}.html").nodelist, False, seen, found)
    return sorted(set(found))


def long_sentences(words: str) -> list[str]:
    """The sentences of `words` longer than Easy Read allows (a placeholder counts as a word)."""
    sentences = re.split(r"(?<=[.?!])\s+", " ".join(words.split()))
    return [sentence for sentence in sentences if len(sentence.split()) > LONGEST_SENTENCE]


def test_every_easy_read_sentence_of_the_journey_is_short():
    msgids = easy_read_msgids()
    assert len(msgids) > 60  # the walk found the Easy Read words (it would find none if the templates changed)
    assert "We save your answers as you go." in msgids and "Sentences you ticked" in msgids
    assert "Save and continue" not in msgids  # the usual wording is not Easy Read
    too_long = {msgid: long_sentences(msgid) for msgid in msgids if long_sentences(msgid)}
    assert too_long == {}


@pytest.mark.django_db
def test_the_forms_messages_in_easy_read_are_short(open_round):
    add_easy_read()
    version = open_round.framework_version
    version.refresh_from_db()
    principle = version.principles[0]
    with translation.override("en-gb"), wording.easy_read():
        answer = PrincipleAnswerForm(version=version, principle=principle, stage_rows={}, indicator_rows={})
        perspective = PerspectiveChoiceForm(round_=make_round(open_round.organisation, None, anonymous=False))
        messages = [
            str(answer.fields["evidence"].error_messages["max_length"]),
            str(answer.fields["ticked"].error_messages["invalid_choice"]),
            str(perspective.fields["perspective"].help_text),
            str(perspective.fields["perspective"].error_messages["required"]),
            str(perspective.fields["name"].help_text),
            str(perspective.fields["name"].error_messages["max_length"]),
            str(FollowForm().fields["email"].help_text),
        ]
    assert "Your answer is too long. Make it shorter, then save it again" in messages
    assert [message for message in messages if long_sentences(message)] == []


@pytest.fixture
def easy_visitor(riverside, alice):
    return joined_in_easy_read(riverside, alice)


def body(visitor, name, *args, status=200):
    response = visitor.client.get(visitor.url(name, *args))
    assert response.status_code == status
    return response.content.decode()


@pytest.mark.django_db
def test_check_answers_in_easy_read_lists_the_statements_ticked_with_their_pictures(easy_visitor):
    easy_visitor.answer("people-as-assets", ticked=["people-as-assets-1", "people-as-assets-3"], stage="basics")
    easy_visitor.answer("valuing-work", stage="basics")
    page = body(easy_visitor, "check")
    assert "Sentences you ticked" in page and "1 statement" not in page and "2 statements" not in page
    first, third = "Easy statement people-as-assets-1", "Easy statement people-as-assets-3"
    assert first in page and third in page and "Easy statement people-as-assets-2" not in page
    # Each with its picture on the left of its words, the picture saying nothing the words do not.
    picture = f'<img class="coreflect-picture" src="/static/openmoji/{STATEMENT_PICTURE}.svg" alt=""'
    assert page.count(picture) == 2
    assert page.index(picture) < page.index(first) < page.rindex(picture) < page.index(third)
    assert "You did not tick any." in page  # the part answered with no ticks
    # The usual wording keeps its summary.
    easy_visitor.client.post(easy_visitor.url("wording"), {"wording": "standard", "next": easy_visitor.url("check")})
    standard = body(easy_visitor, "check")
    assert "2 statements" in standard and first not in standard


@pytest.mark.django_db
def test_the_journeys_own_words_are_in_easy_read(easy_visitor):
    start = body(easy_visitor, "start")
    assert "We save your answers as you go." in start
    # Each block of guidance has a picture on the left of its words, which says nothing the words do not.
    assert (
        '<div class="coreflect-pictured govuk-!-margin-bottom-4"><img class="coreflect-picture" src="/static/openmoji/1F4BE.svg" alt=""'
        in start
    )
    tasks = body(easy_visitor, "tasks")
    assert "The parts to answer" in tasks and "You have done 0 of 4 parts." in tasks
    assert "Your reflection" not in tasks
    principle = body(easy_visitor, "principle", "people-as-assets")
    assert ">Save this part<" in principle and "Save and continue" not in principle
    later = body(easy_visitor, "later")
    assert "Keep your link safe." in later and "Keep it somewhere safe" not in later
    response = easy_visitor.client.post(easy_visitor.url("check"))
    assert "Answer at least one part first. Then you can send your answers" in response.content.decode()
    easy_visitor.answer("people-as-assets", ticked=["people-as-assets-1"], stage="basics")
    easy_visitor.client.post(easy_visitor.url("check"))
    submitted = body(easy_visitor, "submitted")
    assert "Thank you. Your answers have been sent." in submitted
    assert "will look at everyone’s answers together." in submitted
    assert "especially where different groups" not in submitted


@pytest.mark.django_db
def test_too_long_an_answer_is_told_in_easy_read(easy_visitor):
    response = easy_visitor.answer("people-as-assets", stage="basics", evidence="x" * 5001)
    page = response.content.decode()
    assert "Your answer is too long. Make it shorter, then save it again" in page
    assert "x" * 5001 in page  # nothing typed is lost


@pytest.mark.django_db
def test_a_closed_round_and_an_unknown_link_in_easy_read(easy_visitor):
    from coreflect.reflections import services
    from coreflect.reflections.models import RoundStatus

    services.set_status(easy_visitor.round, RoundStatus.CLOSED)
    response = easy_visitor.answer("people-as-assets", stage="basics", evidence="Typed after closing")
    told = "We could not save your answer. The time to answer has ended. What you typed is still below."
    assert response.status_code == 403 and told in response.content.decode() and not long_sentences(told)
    assert "Typed after closing" in response.content.decode()
    autosaved = easy_visitor.client.post(
        easy_visitor.url("principle", "people-as-assets"), {"evidence": "Typing"}, headers={"X-Autosave": "1"}
    )
    assert autosaved.json()["reason"] == "The time to answer has ended. We cannot save your answers now."
    closed = easy_visitor.client.get(easy_visitor.url("perspective"))
    assert "You cannot answer now" in closed.content.decode()
    assert "You cannot answer these questions any more." in closed.content.decode()
    unknown = easy_visitor.client.get(easy_visitor.url("resume", "not-a-token") + "?wording=easy-read")
    assert unknown.status_code == 404 and "This link does not work" in unknown.content.decode()


@pytest.mark.django_db
def test_check_answers_in_easy_read_reads_no_more_than_the_usual_one(easy_visitor):
    for key in ("people-as-assets", "valuing-work", "reciprocity"):
        easy_visitor.answer(key, stage="basics", ticked=[f"{key}-1", f"{key}-2"])
    url = easy_visitor.url("check")
    with CaptureQueriesContext(connection) as easy:
        assert "Easy statement reciprocity-2" in easy_visitor.client.get(url).content.decode()
    easy_visitor.client.post(easy_visitor.url("wording"), {"wording": "standard", "next": url})
    with CaptureQueriesContext(connection) as standard:
        assert "2 statements" in easy_visitor.client.get(url).content.decode()
    assert len(easy) == len(standard)


@pytest.mark.django_db
def test_on_a_welsh_page_the_frameworks_easy_read_questions_are_marked_english(easy_visitor):
    principle, tasks = easy_visitor.url("principle", "people-as-assets"), easy_visitor.url("tasks")
    with translation.override("en-gb"):  # a Welsh page leaves Welsh switched on for this thread
        welsh = easy_visitor.client.get(f"/cy{principle}").content.decode()
        task_list = easy_visitor.client.get(f"/cy{tasks}").content.decode()
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--m" lang="en">' in welsh
    assert 'for="id_evidence" lang="en">What shows you are at this stage?' in welsh
    assert re.search(r'<a [^>]*lang="en"[^>]*>Easy title of valuing-work</a>', task_list)
    english = body(easy_visitor, "principle", "people-as-assets")
    assert 'lang="en"' not in english.split("<main", 1)[1]  # on an English page, nothing needs marking
