"""Ideas in the room and the spread on the projector, below the pages: posting, hiding, merging, dots, the
ranking, turning an idea into an action; small groups hidden on the spread (named rounds too); and dots
spent at the same moment never over- or under-counted."""

import threading

import pytest
from django.db import connection

from coreflect.actions.models import IdeaSource
from coreflect.reflections import disclosure
from coreflect.workshops import ideas, queries, services
from coreflect.workshops.models import Attendee, Dot, PostedIdea, Step
from tests.reflections.conftest import make_round

from .conftest import join_many


@pytest.fixture
def room(workshop, principle):
    """A workshop with three phones and four ideas posted, at the dots step."""
    attendees = join_many(workshop, {"frontline": 2, "draws-on-support": 1})
    posted = [
        ideas.post_idea(workshop, principle, text, attendee=attendees[0] if n == 0 else None)
        for n, text in enumerate(["Ask people to run the café", "Pay people for their time", "Share the rota", "Meet"])
    ]
    services.go_to(workshop, Step.DOTS)
    return workshop, attendees, posted


def ranked(workshop) -> list[tuple[str, int]]:
    return [(item.idea.text, item.dot_count) for item in ideas.ranking(workshop)]


def fresh(posted: PostedIdea) -> PostedIdea:
    return PostedIdea.objects.select_related("workshop").get(pk=posted.pk)


# --- Posting, hiding, merging ----------------------------------------------------------------------------


def test_an_idea_posted_from_a_phone_or_by_the_facilitator_is_the_rounds_idea(workshop, principle):
    (attendee,) = join_many(workshop, {"frontline": 1})
    version = workshop.version
    from_phone = ideas.post_idea(workshop, principle, "  Let people choose the trips  ", attendee=attendee)
    typed_in = ideas.post_idea(workshop, principle, "A notice board people run")
    assert from_phone.idea.text == "Let people choose the trips"
    assert from_phone.idea.round == workshop.round and from_phone.idea.principle == principle
    assert from_phone.idea.source == IdeaSource.WORKSHOP
    assert from_phone.idea.perspective == attendee.perspective and typed_in.idea.perspective is None
    assert from_phone.attendee == attendee and typed_in.attendee is None
    assert list(ideas.on_screen(workshop)) == [from_phone, typed_in]
    workshop.refresh_from_db()
    assert workshop.version == version + 2  # the projector and phones see each one


def test_no_idea_after_the_workshop_finished(workshop, principle):
    services.finish_workshop(workshop)
    with pytest.raises(services.WorkshopFinished):
        ideas.post_idea(workshop, principle, "Too late")
    assert not PostedIdea.objects.filter(workshop=workshop).exists()


def test_a_hidden_idea_is_kept_with_who_hid_it_and_leaves_the_screens(room, fran):
    workshop, (first, second, _third), posted = room
    ideas.spend_dot(first, posted[1])
    ideas.spend_dot(second, posted[1])
    ideas.hide_idea(fresh(posted[1]), by=fran)
    kept = fresh(posted[1])
    assert kept.is_hidden and kept.hidden_by == fran and kept.hidden_at is not None
    assert posted[1] not in ideas.on_screen(workshop)
    assert "Pay people for their time" not in dict(ranked(workshop))
    record = {item.idea.text: item for item in ideas.ideas_with_dots(workshop)}
    assert record["Pay people for their time"].dot_count == 2  # kept, for the record
    with pytest.raises(services.NotNow):  # nobody can put a dot on what the room cannot see
        ideas.spend_dot(first, fresh(posted[1]))


def test_an_idea_can_be_put_back_on_the_screens(room, fran):
    workshop, _attendees, posted = room
    ideas.hide_idea(fresh(posted[2]), by=fran)
    ideas.hide_idea(fresh(posted[2]), by=fran, hidden=False)
    back = fresh(posted[2])
    assert not back.is_hidden and back.hidden_by is None
    assert back in ideas.on_screen(workshop)


def test_merging_moves_the_dots_to_the_idea_kept(room):
    workshop, (first, second, third), posted = room
    ideas.spend_dot(first, posted[1])
    ideas.spend_dot(second, posted[1])
    ideas.spend_dot(third, posted[0])
    kept = ideas.merge_ideas(fresh(posted[1]), fresh(posted[0]))
    assert kept == posted[0]
    assert posted[1] not in ideas.on_screen(workshop)
    assert ranked(workshop)[0] == ("Ask people to run the café", 3)
    assert fresh(posted[1]).merged_into == posted[0]


def test_merging_into_a_merged_idea_merges_into_the_idea_it_went_into(room):
    workshop, (first, _second, _third), posted = room
    ideas.merge_ideas(fresh(posted[1]), fresh(posted[0]))  # "pay" went into "café"
    ideas.spend_dot(first, fresh(posted[2]))
    kept = ideas.merge_ideas(fresh(posted[2]), fresh(posted[1]))  # "rota" into "pay": it goes into "café"
    assert kept == posted[0]
    assert fresh(posted[2]).merged_into == posted[0]
    assert dict(ranked(workshop))["Ask people to run the café"] == 1
    # And an idea merged into one that is merged later follows it on.
    ideas.merge_ideas(fresh(posted[0]), fresh(posted[3]))
    assert {fresh(p).merged_into_id for p in posted[:3]} == {posted[3].pk}
    assert ranked(workshop) == [("Meet", 1)]


def test_an_idea_cannot_be_merged_into_itself_even_by_way_of_another(room):
    workshop, (first, _second, _third), posted = room
    ideas.spend_dot(first, posted[1])
    with pytest.raises(services.NotNow):
        ideas.merge_ideas(fresh(posted[0]), fresh(posted[0]))
    ideas.merge_ideas(fresh(posted[0]), fresh(posted[1]))  # "café" went into "pay"
    with pytest.raises(services.NotNow):  # "pay" into "café" would be "pay" into itself
        ideas.merge_ideas(fresh(posted[1]), fresh(posted[0]))
    assert fresh(posted[1]).merged_into is None
    assert ranked(workshop)[0] == ("Pay people for their time", 1)


# --- Dots ------------------------------------------------------------------------------------------------


def test_three_dots_each_and_one_an_idea(room):
    _workshop, (first, _second, _third), posted = room
    assert ideas.dots_left(first) == 3
    ideas.spend_dot(first, posted[0])
    with pytest.raises(ideas.OneDotEach):
        ideas.spend_dot(first, posted[0])
    ideas.spend_dot(first, posted[1])
    ideas.spend_dot(first, posted[2])
    assert ideas.dots_left(first) == 0
    with pytest.raises(ideas.NoDotsLeft):
        ideas.spend_dot(first, posted[3])
    assert Dot.objects.filter(attendee=first).count() == 3


def test_two_dots_on_one_idea_when_allowed_but_never_three(room):
    workshop, (first, _second, _third), posted = room
    workshop.double_dots = True
    workshop.save(update_fields=["double_dots"])
    ideas.spend_dot(first, posted[0])
    ideas.spend_dot(first, posted[0])
    with pytest.raises(ideas.OneDotEach):
        ideas.spend_dot(first, posted[0])
    assert ideas.dots_left(first) == 1
    assert ranked(workshop)[0] == ("Ask people to run the café", 2)


def test_dots_only_at_the_dots_step(room, principle):
    workshop, (first, _second, _third), posted = room
    ideas.spend_dot(first, posted[0])
    services.go_to(workshop, Step.VOTING, principle)
    with pytest.raises(services.NotNow):
        ideas.spend_dot(first, posted[1])
    with pytest.raises(services.NotNow):
        ideas.take_back_dot(first, posted[0])
    assert Dot.objects.filter(attendee=first).count() == 1


def test_a_dot_taken_back_can_be_spent_again(room):
    workshop, (first, _second, _third), posted = room
    for item in posted[:3]:
        ideas.spend_dot(first, item)
    ideas.take_back_dot(first, posted[1])
    assert ideas.dots_left(first) == 1
    ideas.take_back_dot(first, posted[1])  # nothing there to take back: nothing happens
    assert ideas.dots_left(first) == 1
    ideas.spend_dot(first, posted[3])
    assert dict(ranked(workshop)) == {
        "Ask people to run the café": 1,
        "Pay people for their time": 0,
        "Share the rota": 1,
        "Meet": 1,
    }


def test_no_dot_on_an_idea_merged_away_while_the_phone_still_showed_it(room):
    """The phone's page (and the idea it holds) is older than the merge: the dot is refused rather than
    spent on an idea nobody sees, where it would count for nothing."""
    _workshop, (first, _second, _third), posted = room
    on_the_phone = fresh(posted[1])
    ideas.merge_ideas(fresh(posted[1]), fresh(posted[0]))
    with pytest.raises(services.NotNow):
        ideas.spend_dot(first, on_the_phone)
    assert ideas.dots_left(first) == 3


def test_the_ranking_is_most_dots_first_then_oldest(room):
    workshop, (first, second, third), posted = room
    ideas.spend_dot(first, posted[2])
    ideas.spend_dot(second, posted[2])
    ideas.spend_dot(third, posted[3])
    ideas.spend_dot(first, posted[1])
    assert ranked(workshop) == [
        ("Share the rota", 2),
        ("Pay people for their time", 1),
        ("Meet", 1),
        ("Ask people to run the café", 0),
    ]


def test_an_idea_chosen_becomes_a_shortlisted_action_linked_to_it(room, fran, principle):
    workshop, (first, second, _third), posted = room
    ideas.spend_dot(first, posted[2])
    ideas.spend_dot(second, posted[2])
    action = ideas.make_action(fresh(posted[2]), created_by=fran)
    idea = fresh(posted[2]).idea
    assert action.idea == idea and idea.shortlisted
    assert action.what == "Share the rota"
    assert action.round == workshop.round and action.organisation == workshop.round.organisation
    assert list(action.principles.all()) == [principle]
    record = {item.idea.text: item for item in ideas.ideas_with_dots(workshop)}
    assert (record["Share the rota"].dot_count, record["Share the rota"].action_count) == (2, 1)
    assert record["Meet"].action_count == 0


# --- The spread on the projector -------------------------------------------------------------------------


def test_the_spread_hides_small_perspectives_and_counts_a_show_of_hands_in_the_whole(workshop, principle, stages):
    attendees = join_many(workshop, {"draws-on-support": 6, "frontline": 3, "manager": 2})
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 2], rag="amber")
    services.count_hands(workshop, principle, {(stages[3], ""): 4, (stages[2], ""): 2, (None, "green"): 6})
    spread = queries.spread(workshop, principle)
    perspectives = {p.key: p.pk for p in workshop.round.perspectives.all()}
    assert spread.stages.row(perspectives["draws-on-support"]) == {stages[0].key: 3, stages[1].key: 3}
    assert isinstance(spread.stages.row(perspectives["frontline"]), disclosure.Hidden)
    assert isinstance(spread.stages.row(perspectives["manager"]), disclosure.Hidden)
    assert spread.stages.row(disclosure.HANDS) == {stages[3].key: 4, stages[2].key: 2}
    assert spread.stages.whole() == {stages[0].key: 6, stages[1].key: 5, stages[2].key: 2, stages[3].key: 4}
    assert spread.people == 17
    assert spread.rags.whole() == {"amber": 11, "green": 6}
    # Hands go up for the stage and again for the score: the same six people, counted once.
    assert queries.votes_so_far(workshop, principle) == 11 + 6


def test_hands_counted_only_for_a_score_are_people_too(workshop, principle, stages):
    attendees = join_many(workshop, {"draws-on-support": 5})
    services.go_to(workshop, Step.VOTING, principle)
    for attendee in attendees:
        services.vote(attendee, principle, stage=None, rag="red")
    services.count_hands(workshop, principle, {(None, "green"): 4, (None, "amber"): 3})
    spread = queries.spread(workshop, principle)
    assert spread.people == queries.votes_so_far(workshop, principle) == 12
    assert spread.rags.whole() == {"red": 5, "green": 4, "amber": 3}


def test_a_small_show_of_hands_is_hidden_with_the_groups_that_protect_it(workshop, principle, stages):
    attendees = join_many(workshop, {"draws-on-support": 6})
    services.go_to(workshop, Step.VOTING, principle)
    for attendee in attendees:
        services.vote(attendee, principle, stage=stages[1], rag="amber")
    services.count_hands(workshop, principle, {(stages[2], ""): 2})
    spread = queries.spread(workshop, principle)
    lived = workshop.round.perspectives.get(key="draws-on-support").pk
    assert isinstance(spread.stages.row(disclosure.HANDS), disclosure.Hidden)
    assert isinstance(spread.stages.row(lived), disclosure.Hidden)  # else the whole less it gives the hands
    assert spread.stages.whole() == {stages[1].key: 6, stages[2].key: 2}


def test_a_named_round_still_hides_small_groups_on_the_projector(riverside, alice, fran):
    named = make_round(riverside, alice, anonymous=False)
    principle = named.framework_version.principle_rows.order_by("position").first()
    stages = list(named.framework_version.stage_rows.order_by("position"))
    workshop = services.start_workshop(named, started_by=fran)
    attendees = join_many(workshop, {"draws-on-support": 6, "frontline": 3, "manager": 2})
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 2], rag="amber")
    spread = queries.spread(workshop, principle)
    frontline = named.perspectives.get(key="frontline").pk
    assert isinstance(spread.stages.row(frontline), disclosure.Hidden)
    assert isinstance(spread.rags.row(frontline), disclosure.Hidden)
    assert spread.stages.whole().total() == 11
    # The round's own results, being named, show every perspective.
    assert disclosure.figures(named).stages(principle.key).row(frontline) == {stages[0].key: 2, stages[1].key: 1}


# --- Many phones at once ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_dots_and_votes_at_the_same_moment_are_counted_exactly(riverside, alice, fran):
    """Two people vote at the same moment, then tap away at once – each tries five dots, one of them twice on
    one idea: no vote or dot is lost, nobody gets a fourth dot, no idea gets two from one person."""
    round_ = make_round(riverside, alice)
    principle = round_.framework_version.principle_rows.order_by("position").first()
    stages = list(round_.framework_version.stage_rows.order_by("position"))
    workshop = services.start_workshop(round_, started_by=fran)
    first, second = join_many(workshop, {"frontline": 2})
    posted = [ideas.post_idea(workshop, principle, f"Idea {n}") for n in range(4)]
    services.go_to(workshop, Step.VOTING, principle)
    ready = threading.Barrier(2, timeout=60)
    failures, refused = [], []

    def tap(attendee_pk, order):
        try:
            attendee = Attendee.objects.select_related("workshop", "participant__round").get(pk=attendee_pk)
            ready.wait()
            services.vote(attendee, principle, stage=stages[attendee_pk % 4], rag="amber")
            ready.wait()
            if attendee_pk == first.pk:
                services.go_to(services.running_workshop(workshop.code), Step.DOTS)
            ready.wait()
            for index in order:
                try:
                    ideas.spend_dot(attendee, PostedIdea.objects.get(pk=posted[index].pk))
                except (ideas.NoDotsLeft, ideas.OneDotEach) as error:
                    refused.append((attendee_pk, type(error).__name__))
        except Exception as error:
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=tap, args=(first.pk, [0, 0, 1, 2, 3])),
        threading.Thread(target=tap, args=(second.pk, [3, 2, 2, 1, 0])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert failures == []
    assert sorted(refused) == sorted(
        [(first.pk, "OneDotEach"), (first.pk, "NoDotsLeft"), (second.pk, "OneDotEach"), (second.pk, "NoDotsLeft")]
    )
    assert dict(ranked(workshop)) == {"Idea 0": 1, "Idea 1": 2, "Idea 2": 2, "Idea 3": 1}
    assert Dot.objects.filter(attendee=first).count() == Dot.objects.filter(attendee=second).count() == 3
    assert queries.votes_so_far(workshop, principle) == 2
    assert disclosure.participation(round_)["submitted"] == 2


@pytest.mark.django_db(transaction=True)
def test_two_quick_taps_from_one_phone_take_the_last_dot_once(riverside, alice, fran):
    round_ = make_round(riverside, alice)
    principle = round_.framework_version.principle_rows.order_by("position").first()
    workshop = services.start_workshop(round_, started_by=fran)
    (attendee,) = join_many(workshop, {"frontline": 1})
    posted = [ideas.post_idea(workshop, principle, f"Idea {n}") for n in range(4)]
    services.go_to(workshop, Step.DOTS)
    ideas.spend_dot(attendee, posted[0])
    ideas.spend_dot(attendee, posted[1])
    ready = threading.Barrier(2, timeout=60)
    outcomes = []

    def tap(index):
        try:
            phone = Attendee.objects.select_related("workshop").get(pk=attendee.pk)
            ready.wait()
            ideas.spend_dot(phone, PostedIdea.objects.get(pk=posted[index].pk))
            outcomes.append("spent")
        except ideas.NoDotsLeft:
            outcomes.append("none left")
        except Exception as error:
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=tap, args=(index,)) for index in (2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(outcomes) == ["none left", "spent"]
    assert Dot.objects.filter(attendee=attendee).count() == 3
