"""Results against hand-worked examples: counts, medians, the honesty hint, perception gaps,
anonymity (including working a hidden group back by subtraction), round to round, and permissions."""

import pytest
from django.urls import reverse

from coreflect.frameworks.models import Framework
from coreflect.reflections import paper, services
from coreflect.results import comparison, gaps, indicators, queries
from coreflect.results.queries import median_position
from tests.permissions import NO_ORG, SIGN_IN, check_visit
from tests.reflections.conftest import make_round

STAGES = ["not-yet", "basics", "getting-there", "doing-really-well"]


def answer(round_, perspective_key, *, submit=True, **by_principle):
    """One participant: by_principle maps principle key -> dict(stage=, rag=, ticked=[...], evidence=)."""
    version = round_.framework_version
    participant, _token = services.start_participant(round_, round_.perspectives.get(key=perspective_key))
    stages = {row.key: row for row in version.stage_rows.all()}
    for key, fields in by_principle.items():
        principle = version.principle_rows.get(key=key)
        indicators_ = {row.key: row for row in principle.indicators.all()}
        services.save_answer(
            participant,
            principle,
            services.Answer(
                stage=stages.get(fields.get("stage")),
                ticked=tuple(indicators_[k] for k in fields.get("ticked", [])),
                evidence=fields.get("evidence", ""),
                rag=fields.get("rag", ""),
            ),
            asks_stage=True,
            finished=True,
        )
    if submit:
        services.submit(participant)
    return participant


@pytest.fixture
def named_round(riverside, alice):
    return make_round(riverside, alice, anonymous=False)


@pytest.mark.parametrize(
    ("histogram", "expected"),
    [({}, None), ({2: 1}, 2), ({0: 1, 3: 1}, 1.5), ({0: 2, 1: 1}, 0), ({0: 1, 1: 1, 3: 2}, 2.0), ({1: 3, 2: 1}, 1)],
)
def test_median_of_a_histogram(histogram, expected):
    assert median_position(histogram) == expected


def test_an_empty_round_has_no_results_and_no_errors(named_round):
    data = queries.overview(named_round)
    assert data.participants == 0
    assert all(summary.median is None and summary.stage_answers == 0 for summary in data.principles)
    assert all(not gap.comparable for gap in gaps.perception_gaps(named_round))


def test_a_single_response_in_a_named_round(named_round):
    answer(named_round, "frontline", **{"people-as-assets": {"stage": "basics", "rag": "amber"}})
    data = queries.overview(named_round)
    summary = data.principles[0]
    assert data.participants == 1 and data.enough_people
    assert summary.stage_counts == {"basics": 1} and summary.rag_counts == {"amber": 1} and summary.median == 1


def test_answers_not_yet_sent_are_not_counted(named_round):
    answer(named_round, "frontline", submit=False, **{"people-as-assets": {"stage": "basics"}})
    assert queries.overview(named_round).principles[0].stage_answers == 0


def test_overview_counts_by_hand(named_round):
    for stage, rag in [("not-yet", "red"), ("basics", "red"), ("basics", "amber"), ("doing-really-well", "green")]:
        answer(named_round, "frontline", **{"reciprocity": {"stage": stage, "rag": rag}})
    summary = next(s for s in queries.overview(named_round).principles if s.principle["key"] == "reciprocity")
    assert summary.stage_counts == {"not-yet": 1, "basics": 2, "doing-really-well": 1}
    assert summary.rag_counts == {"red": 2, "amber": 1, "green": 1}
    assert summary.median == 1  # 0, 1, 1, 3 -> middle two are 1 and 1


def test_the_honesty_hint_counts_stages_ahead_of_the_ticks(named_round):
    # people-as-assets has 3 statements at not-yet, 2 at basics, 3 at getting-there, 3 at doing-really-well.
    answer(
        named_round,
        "frontline",
        **{"people-as-assets": {"stage": "doing-really-well", "ticked": ["people-as-assets-4", "people-as-assets-5"]}},
    )  # evidence: basics -> ahead
    answer(
        named_round, "frontline", **{"people-as-assets": {"stage": "basics", "ticked": ["people-as-assets-4"]}}
    )  # half of basics -> not ahead
    answer(
        named_round, "frontline", **{"people-as-assets": {"stage": "getting-there", "ticked": ["people-as-assets-6"]}}
    )  # 1 of 3 -> ahead
    answer(named_round, "frontline", **{"people-as-assets": {"stage": "not-yet"}})  # lowest stage is never ahead
    summary = next(s for s in queries.overview(named_round).principles if s.principle["key"] == "people-as-assets")
    assert summary.ahead_of_evidence == 2


def test_perception_gaps_are_ranked_and_described(named_round):
    for _ in range(2):
        answer(
            named_round,
            "draws-on-support",
            **{
                "people-as-assets": {"stage": "not-yet", "rag": "red"},
                "valuing-work": {"stage": "basics", "rag": "amber"},
            },
        )
        answer(
            named_round,
            "manager",
            **{
                "people-as-assets": {"stage": "getting-there", "rag": "green"},
                "valuing-work": {"stage": "basics", "rag": "green"},
            },
        )
    found = gaps.perception_gaps(named_round)
    assert [gap.principle["key"] for gap in found][:2] == ["people-as-assets", "valuing-work"]
    first = found[0]
    assert first.stage_gap == 2 and first.green_gap == 100
    assert (
        first.sentence
        == "Staff place this principle about 2 stages higher than people with lived experience. 100% of staff say green, against 0% of people with lived experience."
    )
    assert found[1].sentence.startswith(
        "Staff and people with lived experience place this principle at about the same stage."
    )


def test_the_sides_compared_can_be_changed(named_round):
    answer(named_round, "family-carer", **{"people-as-assets": {"stage": "not-yet"}})
    answer(named_round, "frontline", **{"people-as-assets": {"stage": "doing-really-well"}})
    assert gaps.perception_gaps(named_round)[0].stage_gap == 3
    named_round.perspectives.filter(key="family-carer").update(group="other")
    assert not gaps.perception_gaps(named_round)[0].comparable


def test_statement_shares_overall_and_by_perspective(named_round):
    answer(
        named_round, "frontline", **{"reciprocity": {"stage": "basics", "ticked": ["reciprocity-1", "reciprocity-2"]}}
    )
    answer(named_round, "frontline", **{"reciprocity": {"stage": "basics", "ticked": ["reciprocity-1"]}})
    answer(named_round, "draws-on-support", **{"reciprocity": {"stage": "basics"}})
    perspectives, shares = indicators.indicator_shares(named_round)
    first = next(s for s in shares if s.indicator["key"] == "reciprocity-1")
    assert (first.ticked, first.out_of) == (2, 3)
    frontline = next(p for p in perspectives if p.key == "frontline")
    support = next(p for p in perspectives if p.key == "draws-on-support")
    assert first.by_perspective[frontline.pk] == 100 and first.by_perspective[support.pk] == 0
    differences = indicators.notable_differences(shares, perspectives)
    assert differences[0]["share"].indicator["key"] == "reciprocity-1" and differences[0]["difference"] == 100


# --- Anonymity ----------------------------------------------------------------------------------


def test_results_wait_for_enough_people_in_an_anonymous_round(client_for, bob, open_round):
    answer(open_round, "frontline", **{"people-as-assets": {"stage": "basics"}})
    page = client_for(bob).get(reverse("results:overview", args=[open_round.pk])).content.decode()
    assert "Results appear when at least 5 people have sent their answers" in page
    assert "We’ve got the basics" not in page


# --- Round to round ------------------------------------------------------------------------------


def test_round_to_round_across_a_new_framework_version(client_for, alice, fran, riverside):
    first = make_round(riverside, alice, anonymous=False)
    for stage in ("not-yet", "basics", "basics"):
        answer(first, "frontline", **{"people-as-assets": {"stage": stage, "rag": "red"}})
    services.set_status(first, "closed")
    # The framework gets a reworded version with the same keys before the next round.
    from coreflect.frameworks.content import create_version
    from coreflect.frameworks.schema import parse_document

    framework = Framework.objects.get(slug="how-are-you-doing-2011")
    document = dict(framework.current_version.document)
    document["title"] = {"en": "Co-production – how are you doing? (reworded)"}
    create_version(framework, parse_document(document))

    client_for(fran).post(reverse("reflections:next", args=[first.pk]), {"title": "Day services 2027"})
    second = first.next_rounds.get()
    assert second.framework_version.number == 2 and second.status == "draft"
    assert [p.key for p in second.perspectives.all()] == [p.key for p in first.perspectives.all()]
    services.set_status(second, "open")
    for stage in ("getting-there", "getting-there", "basics"):
        answer(second, "frontline", **{"people-as-assets": {"stage": stage, "rag": "green"}})
    before, now, movements = comparison.compare(second)
    move = next(m for m in movements if m.key == "people-as-assets")
    assert (before.participants, now.participants) == (3, 3)
    assert move.before.median == 1 and move.after.median == 2 and move.direction == "up"
    page = client_for(fran).get(reverse("results:compare", args=[second.pk])).content.decode()
    assert "Moved up" in page and "3 people answered then, 3 now" in page


# --- Pages: permissions and query counts ----------------------------------------------------------

RESULT_PAGES = ["overview", "perspectives", "gaps", "statements", "words", "words-used", "compare"]


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


@pytest.mark.parametrize("page", RESULT_PAGES)
@pytest.mark.parametrize(
    ("visitor", "expected"),
    [("anonymous", SIGN_IN), ("dan", NO_ORG), ("carol", 404), ("bob", 200), ("fran", 200), ("alice", 200)],
)
def test_permission_matrix(client_for, people, open_round, page, visitor, expected):
    check_visit(client_for(people[visitor]), "get", reverse(f"results:{page}", args=[open_round.pk]), expected)


def test_every_results_view_is_in_the_matrix():
    from coreflect.results import urls

    outcomes = {"outcomes", "outcome"}  # the outcome pages' rows are in tests/actions/test_outcomes.py
    assert {pattern.name for pattern in urls.urlpatterns} == set(RESULT_PAGES) | outcomes


@pytest.mark.parametrize("page", RESULT_PAGES)
def test_results_pages_run_the_same_number_of_queries_for_10_or_40_people(
    client_for, bob, riverside, alice, page, django_assert_num_queries
):
    small, large = make_round(riverside, alice, title="Small"), make_round(riverside, alice, title="Large")
    for round_, people_count in ((small, 10), (large, 40)):
        for n in range(people_count):
            answer(
                round_,
                ["frontline", "draws-on-support", "manager", "family-carer"][n % 4],
                **{
                    key: {"stage": STAGES[n % 4], "rag": "amber", "ticked": [f"{key}-1"], "evidence": f"Note {n}"}
                    for key in ("people-as-assets", "reciprocity")
                },
            )
    client = client_for(bob)
    client.get(reverse("organisations:dashboard"))  # the first request of a session also saves the session
    counts = []
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for round_ in (small, large):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(f"results:{page}", args=[round_.pk])).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1] and counts[1] <= 16, counts


def test_named_rounds_show_who_wrote_what_and_anonymous_rounds_never_do(named_round, open_round):
    participant = answer(named_round, "frontline", **{"reciprocity": {"stage": "basics", "evidence": "We swap skills"}})
    participant.name = "Sam Patel"
    participant.save()
    assert indicators.written_answers(named_round, "reciprocity").rows[0]["name"] == "Sam Patel"
    for _ in range(5):
        answer(open_round, "frontline", **{"reciprocity": {"stage": "basics", "evidence": "Anonymous words"}})
    assert {row["name"] for row in indicators.written_answers(open_round, "reciprocity").rows} == {""}


def test_running_totals_always_match_a_recount_from_the_answers(named_round, riverside, alice):
    """Send, change after sending, delete, type in from paper: the totals follow every step."""
    from coreflect.reflections import tallies
    from coreflect.reflections.models import Tally, TickTally

    def snapshot():
        return (
            sorted(
                Tally.objects.filter(round=named_round, n__gt=0).values_list(
                    "principle_key", "perspective_id", "stage_key", "rag", "ahead", "n"
                )
            ),
            sorted(
                TickTally.objects.filter(round=named_round, n__gt=0).values_list("indicator_key", "perspective_id", "n")
            ),
            sorted(named_round.perspectives.values_list("key", "submitted_count")),
        )

    kept = answer(
        named_round,
        "frontline",
        **{"reciprocity": {"stage": "basics", "rag": "amber", "ticked": ["reciprocity-1", "reciprocity-4"]}},
    )
    leaving = answer(named_round, "manager", **{"reciprocity": {"stage": "doing-really-well", "rag": "green"}})
    answer(named_round, "draws-on-support", submit=False, **{"reciprocity": {"stage": "not-yet"}})
    principle = named_round.framework_version.principle_rows.get(key="reciprocity")
    stage = named_round.framework_version.stage_rows.get(key="getting-there")
    services.save_answer(kept, principle, services.Answer(stage=stage, rag="green"), asks_stage=True, finished=True)
    services.delete_participant(leaving)
    paper.enter_paper_response(
        named_round,
        named_round.perspectives.get(key="family-carer"),
        name="",
        entered_by=alice,
        answers=[(principle, services.Answer(stage=stage, rag="red"), True)],
        key=paper.new_form_key(),
    )
    live = snapshot()
    tallies.rebuild(named_round)
    assert snapshot() == live
    summary = next(s for s in queries.overview(named_round).principles if s.principle["key"] == "reciprocity")
    assert summary.stage_counts == {"getting-there": 2} and summary.rag_counts == {"green": 1, "red": 1}
