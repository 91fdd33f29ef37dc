"""The views groups agreed in workshops, beside the individual answers on the results pages: each page,
several workshops on one principle, none at all, text escaped, both rounds compared, and fixed query
counts however many views there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coreflect.reflections import groups, services
from coreflect.reflections.models import Stance
from coreflect.results import comparison, queries
from coreflect.workshops import services as workshops
from tests.reflections.conftest import make_round

from .test_results import answer

FIRST = "The group’s view (Workshop on 1 December 2026)"
SECOND = "The group’s view (Workshop on 8 December 2026)"


@pytest.fixture
def named_round(riverside, alice):
    return make_round(riverside, alice, anonymous=False)


def principle_row(round_, key="people-as-assets"):
    return round_.framework_version.principle_rows.get(key=key)


def stage_row(round_, key):
    return round_.framework_version.stage_rows.get(key=key)


def agree(
    round_,
    *,
    label="Workshop on 1 December 2026",
    key="people-as-assets",
    stage="basics",
    rag="amber",
    evidence="We saw people lead the Tuesday group",
    dissent="",
    replies=(3, 2, 1),
):
    """A group's view of one principle, as a workshop records it, with the room's replies."""
    consensus = groups.record_consensus(
        round_,
        principle_row(round_, key),
        label=label,
        stage=stage_row(round_, stage) if stage else None,
        rag=rag,
        evidence=evidence,
        recorded_by=None,
    )
    agreed, live_with, objected = replies
    stances = [Stance.AGREE] * agreed + [Stance.LIVE_WITH] * live_with + [Stance.OBJECT] * objected
    return groups.record_replies(consensus, stances, dissent=dissent)


def page(client, name, round_, query=""):
    response = client.get(reverse(f"results:{name}", args=[round_.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("name", "query"), [("overview", ""), ("perspectives", ""), ("words", "?principle=people-as-assets")]
)
def test_each_page_shows_the_groups_view_beside_the_answers(client_for, bob, named_round, name, query):
    answer(named_round, "frontline", **{"people-as-assets": {"stage": "getting-there", "evidence": "Own words"}})
    agree(named_round, dissent="People who draw on support placed this lower: the group is run for them")
    html = page(client_for(bob), name, named_round, query)
    assert FIRST in html
    assert "Stage 2 (We’ve got the basics), AMBER" in html
    assert "3 agreed, 2 could live with it, 1 objected" in html
    assert "We saw people lead the Tuesday group" in html
    assert "“People who draw on support placed this lower: the group is run for them”" in html
    # The individual answers are still there beside it.
    assert ("Own words" if name == "words" else "We’re getting there") in html


def test_the_words_page_shows_only_the_chosen_principles_views(client_for, bob, named_round):
    answer(named_round, "frontline", **{"reciprocity": {"stage": "basics", "evidence": "We swap skills"}})
    agree(named_round, key="people-as-assets")
    client = client_for(bob)
    assert FIRST not in page(client, "words", named_round, "?principle=reciprocity")
    assert FIRST in page(client, "words", named_round, "?principle=people-as-assets")


def test_several_workshops_views_of_one_principle_are_each_shown_with_their_label(client_for, bob, named_round):
    answer(named_round, "frontline", **{"people-as-assets": {"stage": "basics"}})
    agree(named_round, stage="basics", rag="amber", replies=(4, 0, 0))
    agree(named_round, label="Workshop on 8 December 2026", stage="getting-there", rag="green", replies=(2, 1, 0))
    client = client_for(bob)
    for name in ("overview", "perspectives", "words"):
        html = page(client, name, named_round)
        assert FIRST in html and SECOND in html
        assert html.index(FIRST) < html.index(SECOND)  # in the order they were agreed
        assert "Stage 2 (We’ve got the basics), AMBER" in html
        assert "Stage 3 (We’re getting there), GREEN" in html
        assert "4 agreed, 0 could live with it, 0 objected" in html
        assert "2 agreed, 1 could live with it, 0 objected" in html


def test_pages_say_nothing_of_group_views_when_no_workshop_agreed_one(client_for, bob, named_round):
    answer(named_round, "frontline", **{"people-as-assets": {"stage": "basics"}})
    client = client_for(bob)
    for name in ("overview", "perspectives", "words"):
        html = page(client, name, named_round)
        assert "The group’s view" not in html and "What groups agreed" not in html
    assert queries.group_views(named_round) == {named_round.pk: {}}


def test_a_view_with_only_a_score_and_no_replies_says_so(client_for, bob, named_round):
    answer(named_round, "frontline", **{"people-as-assets": {"stage": "basics"}})
    agree(named_round, stage=None, rag="red", evidence="", replies=(0, 0, 0))
    html = page(client_for(bob), "overview", named_round)
    assert "RED" in html and "Stage 2 (" not in html
    assert "Nobody replied to this view in the room" in html
    assert "The group’s evidence" not in html and "Where people disagreed" not in html


def test_the_groups_words_are_escaped(client_for, bob, named_round):
    answer(named_round, "frontline", **{"people-as-assets": {"stage": "basics"}})
    agree(
        named_round,
        label="Workshop <i>on</i> Friday",
        evidence="<script>alert('evidence')</script>",
        dissent="<b>Not us</b> & them",
    )
    client = client_for(bob)
    for name in ("overview", "perspectives", "words"):
        html = page(client, name, named_round)
        assert "<script>alert" not in html and "<b>Not us</b>" not in html and "<i>on</i>" not in html
        assert "&lt;script&gt;alert(&#x27;evidence&#x27;)&lt;/script&gt;" in html
        assert "&lt;b&gt;Not us&lt;/b&gt; &amp; them" in html
        assert "Workshop &lt;i&gt;on&lt;/i&gt; Friday" in html


def test_the_overview_shows_a_groups_view_while_too_few_answers_are_released(client_for, bob, open_round):
    """A group's view is what the room agreed in the open, not anyone's answer: it is shown even while the
    anonymous round's figures wait for enough people."""
    answer(open_round, "frontline", **{"people-as-assets": {"stage": "basics"}})
    agree(open_round)
    html = page(client_for(bob), "overview", open_round)
    assert "Results appear when at least 5 people have sent their answers" in html
    assert FIRST in html and "Stage 2 (We’ve got the basics), AMBER" in html


def test_a_view_agreed_in_a_workshop_reaches_the_results(client_for, bob, fran, named_round):
    """End to end through the workshop's own services: the label is the day it started, the replies are
    counted, the dissent is the facilitator's summary."""
    answer(named_round, "frontline", **{"people-as-assets": {"stage": "basics"}})
    workshop = workshops.start_workshop(named_round, started_by=fran)
    frontline = named_round.perspectives.get(key="frontline")
    first, second = (workshops.join(workshop, frontline)[0] for _ in range(2))
    view = workshops.agree_view(
        workshop,
        principle_row(named_round),
        stage=stage_row(named_round, "getting-there"),
        rag="green",
        evidence="Everyone named a skill they share",
        recorded_by=fran,
    )
    workshops.reply(first, view, Stance.AGREE)
    workshops.reply(second, view, Stance.OBJECT, "Not for people at home")
    workshops.record_dissent(view, "Those supported at home see less of this")
    html = page(client_for(bob), "overview", named_round)
    assert f"The group’s view ({workshops.workshop_label(workshop)})" in html
    assert "Stage 3 (We’re getting there), GREEN" in html
    assert "1 agreed, 0 could live with it, 1 objected" in html
    assert "“Those supported at home see less of this”" in html
    assert "Not for people at home" not in html  # a person's own reason stays in the workshop's record


def test_the_comparison_shows_both_rounds_group_views(client_for, bob, riverside, alice):
    first = make_round(riverside, alice, anonymous=False, title="Day services 2026")
    answer(first, "frontline", **{"people-as-assets": {"stage": "not-yet", "rag": "red"}})
    agree(first, label="Workshop on 1 December 2026", stage="not-yet", rag="red", replies=(5, 1, 0))
    services.set_status(first, "closed")
    second = make_round(riverside, alice, anonymous=False, title="Day services 2027", previous_round=first)
    answer(second, "frontline", **{"people-as-assets": {"stage": "getting-there", "rag": "green"}})
    agree(second, label="Workshop on 8 December 2026", stage="getting-there", rag="green", replies=(2, 2, 1))

    _before, _now, movements = comparison.compare(second)
    move = next(m for m in movements if m.key == "people-as-assets")
    assert [v.label for v in move.views_before] == ["Workshop on 1 December 2026"]
    assert [v.label for v in move.views_after] == ["Workshop on 8 December 2026"]

    html = page(client_for(bob), "compare", second)
    row = html[html.index("Recognising people as assets") :]
    row = row[: row.index("</tr>")]
    assert "The group’s view (Workshop on 1 December 2026): Stage 1 (We haven’t got this yet), RED." in row
    assert "5 agreed, 1 could live with it, 0 objected." in row
    assert "The group’s view (Workshop on 8 December 2026): Stage 3 (We’re getting there), GREEN." in row
    assert "2 agreed, 2 could live with it, 1 objected." in row
    assert row.index("Workshop on 1 December 2026") < row.index("Workshop on 8 December 2026")  # last, then this


# --- Query counts: the views cost one query, however many there are ---------------------------------


def count_queries(client, name, round_) -> int:
    with CaptureQueriesContext(connection) as captured:
        page(client, name, round_)
    return len(captured)


@pytest.mark.parametrize("name", ["overview", "perspectives", "gaps", "statements", "words", "compare"])
def test_group_views_cost_the_same_queries_however_many_there_are(
    client_for, bob, riverside, alice, name, django_assert_max_num_queries
):
    rounds = []
    for views in (1, 6):
        before = make_round(riverside, alice, anonymous=False, title=f"Before {views}")
        round_ = make_round(riverside, alice, anonymous=False, title=f"With {views}", previous_round=before)
        for each in (before, round_):
            for n in range(6):
                answer(each, ["frontline", "manager"][n % 2], **{"people-as-assets": {"stage": "basics"}})
            for n in range(views):
                agree(each, label=f"Workshop {n}", key=["people-as-assets", "reciprocity"][n % 2])
        rounds.append(round_)
    client = client_for(bob)
    client.get(reverse("organisations:dashboard"))  # the first request of a session also saves the session
    few, many = (count_queries(client, name, round_) for round_ in rounds)
    assert few == many
    with django_assert_max_num_queries(16):
        page(client, name, rounds[1])


def test_a_view_changed_in_the_room_is_shown_without_the_old_views_replies_or_dissent(
    client_for, bob, fran, named_round
):
    answer(named_round, "frontline", **{"people-as-assets": {"stage": "basics"}})
    workshop = workshops.start_workshop(named_round, started_by=fran)
    attendee, _token = workshops.join(workshop, named_round.perspectives.get(key="frontline"))
    agreed = {"stage": stage_row(named_round, "basics"), "rag": "amber", "evidence": "First go", "recorded_by": fran}
    view = workshops.agree_view(workshop, principle_row(named_round), **agreed)
    workshops.reply(attendee, view, Stance.OBJECT, "Lower")
    workshops.record_dissent(view, "Some placed it lower")
    agreed.update(stage=stage_row(named_round, "not-yet"), rag="red", evidence="Second go")
    workshops.agree_view(workshop, principle_row(named_round), **agreed)  # put to the room again
    html = page(client_for(bob), "overview", named_round)
    assert "Stage 1 (We haven’t got this yet), RED" in html and "Second go" in html
    assert "Nobody replied to this view in the room" in html
    assert "Some placed it lower" not in html and "First go" not in html
