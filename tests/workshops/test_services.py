"""The workshop's rules, below its pages: codes, joining, votes counted once, the spread through the
gatekeeper, the group's view with replies."""

import pytest

from coreflect.reflections import disclosure
from coreflect.reflections.models import Stance
from coreflect.workshops import queries, services
from coreflect.workshops.models import CODE_ALPHABET, Counting, Step

from .conftest import join_many


def test_a_code_is_six_characters_with_no_look_alikes(workshop):
    assert len(workshop.code) == 6
    assert set(workshop.code) <= set(CODE_ALPHABET)
    assert not set("0O1IL5S8B2ZUV") & set(CODE_ALPHABET)


def test_a_code_finds_its_workshop_only_while_it_runs(workshop):
    assert services.running_workshop(workshop.code.lower()) == workshop
    assert services.running_workshop(f" {workshop.code[:3]}-{workshop.code[3:]} ") == workshop
    services.finish_workshop(workshop)
    assert services.running_workshop(workshop.code) is None


def test_votes_become_answers_counted_in_the_round_results(workshop, principle, stages):
    attendees = join_many(workshop, {"draws-on-support": 3, "frontline": 3})
    services.go_to(workshop, Step.VOTING, principle)
    for attendee in attendees:
        services.vote(attendee, principle, stage=stages[1], rag="amber")
    assert queries.votes_so_far(workshop, principle) == 6
    live = disclosure.participation(workshop.round)
    assert live["submitted"] == 6  # each phone's participant sent their answers with their vote


def test_voting_again_changes_the_vote_and_counts_once(workshop, principle, stages):
    (attendee,) = join_many(workshop, {"frontline": 1})
    services.go_to(workshop, Step.VOTING, principle)
    services.vote(attendee, principle, stage=stages[0], rag="red")
    services.vote(attendee, principle, stage=stages[2], rag="green")
    assert queries.votes_so_far(workshop, principle) == 1
    assert queries.vote_of(attendee, principle).rag == "green"


def test_no_vote_on_a_principle_the_room_is_not_voting_on(workshop, principle, stages):
    (attendee,) = join_many(workshop, {"frontline": 1})
    with pytest.raises(services.NotNow):
        services.vote(attendee, principle, stage=stages[0], rag="red")


def test_the_spread_hides_small_perspectives(workshop, principle, stages):
    attendees = join_many(workshop, {"draws-on-support": 6, "frontline": 3, "manager": 2})
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 2], rag="amber")
    spread = queries.spread(workshop, principle)
    lived = workshop.round.perspectives.get(key="draws-on-support")
    frontline = workshop.round.perspectives.get(key="frontline")
    assert not isinstance(spread.stages.row(lived.pk), disclosure.Hidden)
    assert isinstance(spread.stages.row(frontline.pk), disclosure.Hidden)
    assert spread.stages.whole().total() == 11


def test_an_objection_needs_a_reason_and_replies_are_counted(workshop, principle, stages, fran):
    first, second, third = join_many(workshop, {"frontline": 3})
    group_view = services.agree_view(
        workshop, principle, stage=stages[1], rag="amber", evidence="We heard it", recorded_by=fran
    )
    with pytest.raises(services.ReasonNeeded):
        services.reply(first, group_view, Stance.OBJECT, "  ")
    services.reply(first, group_view, Stance.OBJECT, "It is lower for us")
    services.reply(second, group_view, Stance.AGREE)
    services.reply(third, group_view, Stance.LIVE_WITH)
    consensus = group_view.consensus
    consensus.refresh_from_db()
    assert (consensus.agree_count, consensus.live_with_count, consensus.object_count) == (1, 1, 1)
    assert queries.objections(group_view) == ["It is lower for us"]


def test_beside_keeps_an_own_answer_out_of_the_count(open_round, fran, principle, stages):
    from coreflect.reflections import services as reflections

    workshop = services.start_workshop(open_round, started_by=fran, counting=Counting.BESIDE)
    perspective = open_round.perspectives.get(key="frontline")
    own, _token = reflections.start_participant(open_round, perspective)
    reflections.save_answer(
        own, principle, reflections.Answer(stage=stages[0], rag="red"), asks_stage=True, finished=True
    )
    attendee, _token = services.join(workshop, perspective, own=own)
    services.go_to(workshop, Step.VOTING, principle)
    found = services.vote(attendee, principle, stage=stages[2], rag="green")
    assert not found.counted
    assert own.responses.get(principle=principle).rag == "red"


def test_a_page_opened_before_the_workshop_finished_cannot_change_it(workshop, principle, stages, fran):
    from coreflect.workshops import ideas
    from coreflect.workshops.models import Workshop

    stale = Workshop.objects.get(pk=workshop.pk)  # the console in another tab, loaded while it ran
    posted = ideas.post_idea(workshop, principle, "Meet in the library")
    services.finish_workshop(workshop)
    changes = [
        lambda: services.go_to(stale, Step.VOTING, principle),
        lambda: services.count_hands(stale, principle, {(stages[0], ""): 3}),
        lambda: services.agree_view(stale, principle, stage=stages[0], rag="red", evidence="", recorded_by=fran),
        lambda: ideas.allow_double_dots(stale, True),
    ]
    for change in changes:
        with pytest.raises(services.WorkshopFinished):
            change()
    posted.workshop = stale
    with pytest.raises(services.WorkshopFinished):
        ideas.hide_idea(posted, by=fran)
    stale.refresh_from_db()
    assert stale.step == Step.FINISHED and not stale.hand_counts.exists() and not stale.group_views.exists()
