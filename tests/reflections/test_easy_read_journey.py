"""Taking part in Easy Read: choosing it on the start page, switching on any page, and the answers kept."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from coreflect.frameworks import wording
from coreflect.reflections.models import Participant

from .conftest import Visitor, make_round
from .easy_read import STATEMENT_PICTURE, add_easy_read, remove_easy_read

EASY = "wording=easy-read"


@pytest.fixture
def easy_round(riverside, alice):
    add_easy_read()
    return make_round(riverside, alice)


@pytest.fixture
def easy_visitor(easy_round):
    return Visitor(easy_round)


def page(visitor, name, *args, **params):
    response = visitor.client.get(visitor.url(name, *args), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_start_page_offers_easy_read_and_starting_in_it_keeps_it(easy_visitor):
    start = page(easy_visitor, "start")
    assert ">Easy Read</button>" in start
    assert "You can read this reflection in Easy Read: short sentences, with pictures." in start
    easy_start = page(easy_visitor, "start", wording="easy-read")
    assert "You are reading the Easy Read version." in easy_start
    assert "coreflect-easy-read" in easy_start
    assert f'/perspective/?{EASY}"' in easy_start
    perspective = easy_visitor.round.perspectives.get(key="draws-on-support")
    response = easy_visitor.client.post(easy_visitor.url("perspective") + f"?{EASY}", {"perspective": perspective.pk})
    assert response.status_code == 302
    assert Participant.objects.get().easy_read is True
    tasks = page(easy_visitor, "tasks")
    assert "Easy title of people-as-assets" in tasks


def test_a_framework_with_no_easy_read_offers_none(visitor):
    remove_easy_read(visitor.round.framework_version.framework.slug)
    start = page(visitor, "start")
    assert "Easy Read" not in start
    visitor.join()
    assert "Easy Read" not in page(visitor, "tasks", wording="easy-read")


def test_the_principle_page_in_easy_read_has_the_words_and_pictures_on_the_left(easy_visitor):
    easy_visitor.join()
    standard = page(easy_visitor, "principle", "people-as-assets")
    assert "Easy statement" not in standard and 'class="coreflect-picture"' not in standard
    easy_visitor.client.post(easy_visitor.url("wording"), {"wording": "easy-read", "next": easy_visitor.url("tasks")})
    easy = page(easy_visitor, "principle", "people-as-assets")
    assert "Easy about people-as-assets. One idea at a time." in easy
    assert "Easy statement people-as-assets-1" in easy
    assert "Easy stage 1" in easy
    # The picture comes before the words, and says nothing the words do not.
    assert f'<img class="coreflect-picture" src="/static/openmoji/{STATEMENT_PICTURE}.svg" alt=""' in easy
    assert easy.index(f"{STATEMENT_PICTURE}.svg") < easy.index("Easy statement people-as-assets-1")
    assert "data-listen-text" in easy


def test_switching_back_and_forth_keeps_the_answers_saved_and_typed(easy_visitor):
    easy_visitor.join()
    easy_visitor.answer("people-as-assets", ticked=["people-as-assets-1"], stage="basics", evidence="Saved words")
    url = easy_visitor.url("principle", "people-as-assets")
    typed = {"wording": "easy-read", "ticked": ["people-as-assets-2"], "evidence": "Typed, not saved", "stage": ""}
    response = easy_visitor.client.post(url, typed)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Easy statement people-as-assets-2" in body and "Typed, not saved" in body
    assert 'value="people-as-assets-2" id="id_ticked_1" checked' in body
    assert "There is a problem" not in body
    # Nothing typed was saved by switching, and what was saved before is still there.
    saved = page(easy_visitor, "principle", "people-as-assets")
    assert "Saved words" in saved and "Easy statement" in saved
    easy_visitor.client.post(url, {"wording": "standard", "evidence": "Saved words", "stage": "basics"})
    standard = page(easy_visitor, "principle", "people-as-assets")
    assert "Easy statement" not in standard and "Saved words" in standard
    assert Participant.objects.get().easy_read is False


def test_the_switch_goes_back_to_the_page_it_was_on_and_nowhere_else(easy_visitor):
    easy_visitor.join()
    response = easy_visitor.client.post(
        easy_visitor.url("wording"), {"wording": "easy-read", "next": easy_visitor.url("check")}
    )
    assert response["Location"] == easy_visitor.url("check")
    for elsewhere in ("https://example.com/", "//example.com/r/", "/accounts/"):
        response = easy_visitor.client.post(easy_visitor.url("wording"), {"wording": "standard", "next": elsewhere})
        assert response["Location"] == easy_visitor.url("start")


def test_before_starting_the_switch_keeps_the_choice_in_the_address(easy_visitor):
    response = easy_visitor.client.post(
        easy_visitor.url("wording"), {"wording": "easy-read", "next": easy_visitor.url("start")}
    )
    assert response["Location"] == easy_visitor.url("start") + f"?{EASY}"
    assert not Participant.objects.exists()


def test_check_answers_and_the_confirmation_are_in_easy_read(easy_visitor):
    easy_visitor.join()
    easy_visitor.client.post(easy_visitor.url("wording"), {"wording": "easy-read", "next": easy_visitor.url("tasks")})
    easy_visitor.answer("people-as-assets", ticked=["people-as-assets-1"], stage="basics")
    check = page(easy_visitor, "check")
    assert "Easy title of people-as-assets" in check and "Easy stage 2" in check
    easy_visitor.client.post(easy_visitor.url("check"))
    submitted = page(easy_visitor, "submitted")
    assert "coreflect-easy-read" in submitted
    participant = Participant.objects.get()
    assert participant.sent_in_easy_read is True


def test_welsh_pages_say_easy_read_is_in_english(easy_visitor):
    with translation.override("en-gb"):  # the Welsh page leaves Welsh switched on for this thread
        response = easy_visitor.client.get(f"/cy{easy_visitor.url('start')}")
    assert "Use the standard wording" not in response.content.decode()
    assert "Easy Read (in English)" in response.content.decode() or "Saesneg" in response.content.decode()


def test_the_next_request_is_in_the_usual_wording_again(easy_visitor, open_round):
    """The wording chosen for one page never leaks to the next page built on the same thread."""
    page(easy_visitor, "start", wording="easy-read")
    assert not wording.is_easy_read()  # the test client runs each request on this thread
    assert "Easy title" not in page(easy_visitor, "start")
    easy_visitor.join()
    easy_visitor.client.post(easy_visitor.url("wording"), {"wording": "easy-read", "next": easy_visitor.url("tasks")})
    for name in ("tasks", "check", "later", "invited"):
        easy_visitor.client.get(easy_visitor.url(name))
        assert not wording.is_easy_read(), name


def test_an_easy_read_principle_page_reads_no_more_than_the_usual_one(easy_visitor):
    easy_visitor.join()
    url = easy_visitor.url("principle", "people-as-assets")
    easy_visitor.client.get(url)
    with CaptureQueriesContext(connection) as standard:
        easy_visitor.client.get(url)
    easy_visitor.client.post(easy_visitor.url("wording"), {"wording": "easy-read", "next": url})
    easy_visitor.client.get(url)
    with CaptureQueriesContext(connection) as easy:
        easy_visitor.client.get(url)
    assert len(easy) == len(standard) <= 4


def test_the_switch_changes_only_the_visitors_own_wording_and_only_by_post(easy_round, riverside, alice):
    """Who may use the wording switch: only a participant of this round changes anything, and only their own."""
    other_round = make_round(riverside, alice, title="Another round")
    theirs, mine = Visitor(easy_round), Visitor(other_round)
    theirs.join()
    mine.join()
    # Joined another round: that round's private token names nobody in this one.
    for visitor in (mine, Visitor(easy_round)):
        address = f"/r/{easy_round.link_code}/wording/"
        response = visitor.client.post(address, {"wording": "easy-read", "next": theirs.url("tasks")})
        assert response.status_code == 302
    assert visitor.client.get(f"/r/{easy_round.link_code}/wording/").status_code == 405
    assert not Participant.objects.filter(easy_read=True).exists()
    assert visitor.client.post("/r/not-a-round/wording/", {"wording": "easy-read"}).status_code == 404


def test_on_a_welsh_page_the_easy_read_words_say_they_are_english(easy_visitor):
    easy_visitor.join()
    easy_visitor.client.post(easy_visitor.url("wording"), {"wording": "easy-read", "next": easy_visitor.url("tasks")})
    with translation.override("en-gb"):  # the Welsh page leaves Welsh switched on for this thread
        welsh = easy_visitor.client.get(f"/cy{easy_visitor.url('principle', 'people-as-assets')}")
    body = welsh.content.decode()
    assert welsh.status_code == 200 and '<html lang="cy"' in body
    assert '<h1 class="govuk-heading-l" lang="en">Easy title of people-as-assets</h1>' in body
    assert 'data-listen-text lang="en">Easy statement people-as-assets-1<' in body
    english = page(easy_visitor, "principle", "people-as-assets")  # on an English page, nothing needs marking
    assert 'lang="en">Easy' not in english and "data-listen-text lang=" not in english
