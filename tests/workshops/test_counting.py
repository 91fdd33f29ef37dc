"""Votes in the room are answers of the round, counted once: in the results like any other answer, released in
batches in anonymous rounds, replacing or sitting beside what someone answered on their own, and never lost
when several phones vote at once (on SQLite and PostgreSQL alike)."""

import threading

import pytest
from django.db import connection

from coreflect.reflections import disclosure, groups
from coreflect.reflections import services as reflections
from coreflect.reflections.models import Participant, Response
from coreflect.workshops import queries, services
from coreflect.workshops.models import Attendee, Counting, Step, Vote
from tests.reflections.conftest import make_round
from tests.reflections.test_counting import assert_totals_match_a_recount, stage_counts

from .conftest import join_many


def indicators(principle):
    return list(principle.indicators.order_by("position"))


def answer_alone(round_, perspective_key, principle, stage, *, rag="", ticked=(), evidence="", send=True):
    """Someone answering on their own pages before the workshop."""
    own, _token = reflections.start_participant(round_, round_.perspectives.get(key=perspective_key))
    reflections.save_answer(
        own,
        principle,
        reflections.Answer(stage=stage, rag=rag, ticked=tuple(ticked), evidence=evidence, ideas="Own idea"),
        asks_stage=True,
        finished=True,
    )
    if send:
        reflections.submit(own)
    return own


def whole(round_, principle) -> dict:
    """What the results pages may show of the principle's stages, for the round as a whole."""
    counts = disclosure.figures(round_).stages(principle.key).whole()
    return {} if counts is None else {key: n for key, n in counts.items() if n}


# --- Votes are answers -----------------------------------------------------------------------------


def test_a_vote_is_the_participants_answer_marked_as_from_the_workshop(workshop, principle, stages):
    (attendee,) = join_many(workshop, {"frontline": 1})
    services.go_to(workshop, Step.VOTING, principle)
    ticks = indicators(principle)[:2]
    services.vote(attendee, principle, stage=stages[2], rag="green", ticked=ticks)
    response = Response.objects.get(participant=attendee.participant, principle=principle)
    assert response.from_workshop
    assert (response.stage, response.rag) == (stages[2], "green")
    assert set(response.ticked.all()) == set(ticks)
    assert response.round == workshop.round


def test_votes_count_in_the_results_like_any_other_answers(riverside, alice, fran, principle, stages):
    named = make_round(riverside, alice, anonymous=False)
    principle = named.framework_version.principle_rows.get(key=principle.key)
    stages = list(named.framework_version.stage_rows.order_by("position"))
    answer_alone(named, "manager", principle, stages[0])  # someone who answered on their own, and did not come
    workshop = services.start_workshop(named, started_by=fran)
    attendees = join_many(workshop, {"draws-on-support": 2, "frontline": 1})
    services.go_to(workshop, Step.VOTING, principle)
    for attendee, stage in zip(attendees, (stages[1], stages[1], stages[3]), strict=True):
        services.vote(attendee, principle, stage=stage, rag="amber")
    assert whole(named, principle) == {stages[0].key: 1, stages[1].key: 2, stages[3].key: 1}
    assert disclosure.figures(named).participants == 4
    assert disclosure.participation(named)["submitted"] == 4
    assert_totals_match_a_recount(named)


def test_an_anonymous_round_releases_a_workshops_votes_once_a_perspective_has_enough(workshop, principle, stages):
    round_ = workshop.round
    frontline = join_many(workshop, {"frontline": 5})
    lived = join_many(workshop, {"draws-on-support": 4})
    services.go_to(workshop, Step.VOTING, principle)
    for attendee in frontline[:4] + lived:
        services.vote(attendee, principle, stage=stages[1], rag="amber")
    # Four of each: sent (and counted live), but nothing released yet.
    assert disclosure.participation(round_)["submitted"] == 8
    assert disclosure.figures(round_).participants == 0
    services.vote(frontline[4], principle, stage=stages[2], rag="green")
    figures = disclosure.figures(round_)
    assert figures.participants == 5  # the fifth frontline vote released the frontline's five
    assert figures.sent[round_.perspectives.get(key="frontline").pk] == 5
    assert figures.sent[round_.perspectives.get(key="draws-on-support").pk] == 0
    assert_totals_match_a_recount(round_)


def test_a_workshop_only_phone_is_sent_on_its_first_vote_and_counted_once(workshop, principle, stages):
    (attendee,) = join_many(workshop, {"frontline": 1})
    assert attendee.participant.submitted_at is None
    assert disclosure.participation(workshop.round)["submitted"] == 0
    services.go_to(workshop, Step.VOTING, principle)
    services.vote(attendee, principle, stage=stages[0], rag="red")
    assert Participant.objects.get(pk=attendee.participant_id).submitted_at is not None
    services.vote(attendee, principle, stage=stages[1], rag="amber")  # changing the vote
    later = workshop.round.framework_version.principle_rows.exclude(pk=principle.pk).order_by("position").first()
    services.go_to(workshop, Step.VOTING, later)
    services.vote(attendee, later, stage=stages[3], rag="green")
    assert disclosure.participation(workshop.round)["submitted"] == 1
    assert stage_counts(workshop.round, principle.key) == {stages[1].key: 1}
    assert stage_counts(workshop.round, later.key) == {stages[3].key: 1}
    assert_totals_match_a_recount(workshop.round)


def test_no_vote_once_the_workshop_has_finished(workshop, principle, stages):
    (attendee,) = join_many(workshop, {"frontline": 1})
    services.go_to(workshop, Step.VOTING, principle)
    services.vote(attendee, principle, stage=stages[0], rag="red")
    services.finish_workshop(workshop)
    with pytest.raises(services.WorkshopFinished):
        services.vote(attendee, principle, stage=stages[3], rag="green")
    assert queries.vote_of(attendee, principle).rag == "red"
    assert Response.objects.get(participant=attendee.participant, principle=principle).rag == "red"
    with pytest.raises(services.WorkshopFinished):
        services.join(workshop, workshop.round.perspectives.get(key="frontline"))


# --- Someone who answered on their own first ------------------------------------------------------------


def test_replace_the_vote_replaces_their_stage_score_and_ticks_and_keeps_their_words(workshop, principle, stages):
    assert workshop.counting == Counting.REPLACE
    first, second = indicators(principle)[:2]
    own = answer_alone(
        workshop.round, "frontline", principle, stages[0], rag="red", ticked=[first], evidence="What I saw myself"
    )
    attendee, _token = services.join(workshop, own.perspective, own=own)
    services.go_to(workshop, Step.VOTING, principle)
    vote = services.vote(attendee, principle, stage=stages[2], rag="green", ticked=[second])
    assert vote.counted
    response = own.responses.get(principle=principle)
    assert (response.stage, response.rag, list(response.ticked.all())) == (stages[2], "green", [second])
    assert response.from_workshop
    assert (response.evidence, response.ideas) == ("What I saw myself", "Own idea")
    # Counted once: one person sent, one answer to the principle, the new one.
    assert disclosure.participation(workshop.round)["submitted"] == 1
    assert stage_counts(workshop.round, principle.key) == {stages[2].key: 1}
    assert_totals_match_a_recount(workshop.round)


def test_replace_leaves_sending_to_someone_who_has_not_sent_their_own_answers(workshop, principle, stages):
    own = answer_alone(workshop.round, "frontline", principle, stages[0], rag="red", send=False)
    attendee, _token = services.join(workshop, own.perspective, own=own)
    services.go_to(workshop, Step.VOTING, principle)
    services.vote(attendee, principle, stage=stages[1], rag="amber")
    own.refresh_from_db()
    assert own.submitted_at is None  # their own pages still say what they have not finished
    assert own.responses.get(principle=principle).stage == stages[1]
    assert disclosure.participation(workshop.round)["submitted"] == 0
    assert stage_counts(workshop.round, principle.key) == {}


def test_beside_keeps_their_own_answer_and_marks_the_vote_not_counted(open_round, fran, principle, stages):
    workshop = services.start_workshop(open_round, started_by=fran, counting=Counting.BESIDE)
    first, second = indicators(principle)[:2]
    own = answer_alone(open_round, "frontline", principle, stages[0], rag="red", ticked=[first], evidence="Mine")
    attendee, _token = services.join(workshop, own.perspective, own=own)
    services.go_to(workshop, Step.VOTING, principle)
    for rag in ("green", "amber"):  # voting again does not make it count
        vote = services.vote(attendee, principle, stage=stages[3], rag=rag, ticked=[second])
        assert not vote.counted
    response = own.responses.get(principle=principle)
    assert (response.stage, response.rag, list(response.ticked.all())) == (stages[0], "red", [first])
    assert not response.from_workshop and response.evidence == "Mine"
    assert queries.vote_of(attendee, principle).rag == "amber"  # the vote is kept, beside it
    assert disclosure.participation(open_round)["submitted"] == 1
    assert stage_counts(open_round, principle.key) == {stages[0].key: 1}
    assert_totals_match_a_recount(open_round)


def test_beside_counts_a_vote_on_a_principle_they_had_not_answered_on_their_own(open_round, fran, principle, stages):
    workshop = services.start_workshop(open_round, started_by=fran, counting=Counting.BESIDE)
    later = open_round.framework_version.principle_rows.exclude(pk=principle.pk).order_by("position").first()
    own = answer_alone(open_round, "frontline", principle, stages[0], rag="red")
    attendee, _token = services.join(workshop, own.perspective, own=own)
    services.go_to(workshop, Step.VOTING, later)
    assert services.vote(attendee, later, stage=stages[2], rag="green").counted
    assert own.responses.get(principle=later).from_workshop
    assert stage_counts(open_round, later.key) == {stages[2].key: 1}
    assert stage_counts(open_round, principle.key) == {stages[0].key: 1}
    assert disclosure.participation(open_round)["submitted"] == 1
    assert_totals_match_a_recount(open_round)


def test_has_answered_means_a_stage_or_a_score_of_their_own(open_round, principle, stages):
    only_words = answer_alone(open_round, "frontline", principle, None, evidence="Just words")
    own = answer_alone(open_round, "frontline", principle, stages[1])
    assert not groups.has_answered(only_words, principle)
    assert groups.has_answered(own, principle)


# --- Many phones at once ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_phones_voting_at_the_same_moment_lose_no_vote(riverside, alice, fran):
    """Six phones vote and change their votes together, interleaved: each person is counted once, with their
    last vote, on SQLite (writers queue) and PostgreSQL (the workshop's row is locked) alike."""
    round_ = make_round(riverside, alice)
    principle = round_.framework_version.principle_rows.order_by("position").first()
    stages = list(round_.framework_version.stage_rows.order_by("position"))
    workshop = services.start_workshop(round_, started_by=fran)
    attendees = join_many(workshop, {"frontline": 3, "draws-on-support": 3})
    services.go_to(workshop, Step.VOTING, principle)
    ready = threading.Barrier(len(attendees), timeout=60)
    failures = []

    def phone(number, attendee_pk):
        try:
            attendee = Attendee.objects.select_related("participant__round", "perspective").get(pk=attendee_pk)
            ready.wait()
            for stage in (stages[number % 4], stages[(number + 1) % 4]):
                services.vote(attendee, principle, stage=stage, rag="amber")
                attendee.participant.refresh_from_db()  # as the next request would read it
        except Exception as error:
            failures.append((number, repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=phone, args=(n, a.pk)) for n, a in enumerate(attendees)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert failures == []
    assert Vote.objects.filter(workshop=workshop).count() == 6
    assert queries.votes_so_far(workshop, principle) == 6
    expected: dict[str, int] = {}
    for n in range(6):
        expected[stages[(n + 1) % 4].key] = expected.get(stages[(n + 1) % 4].key, 0) + 1
    assert stage_counts(round_, principle.key) == expected
    assert disclosure.participation(round_)["submitted"] == 6
    assert queries.spread(workshop, principle).stages.whole().total() == 6
    workshop.refresh_from_db()
    assert workshop.version == 1 + 6 + 1 + 12  # joins, the move to voting, every vote: no change missed
    assert_totals_match_a_recount(round_)
