"""A workshop's record: who took part (counts only, small groups hidden), the spread per principle, the
group's views with replies and dissent, the ideas with their dots (who hid one: facilitators only), and the
actions made."""

import re

import pytest
from django.urls import reverse

from coreflect.reflections.models import Stance
from coreflect.workshops import ideas, services
from coreflect.workshops.models import Step

from .conftest import join_many


def record(workshop):
    return reverse("workshops:record", args=[workshop.pk])


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def held(workshop, principle, stages, fran):
    """A finished workshop: 6 people who draw on support, 3 frontline workers and 2 managers voted on the first
    principle, agreed a view with an objection and its dissent, posted ideas (one hidden), and made an action."""
    attendees = join_many(workshop, {"draws-on-support": 6, "frontline": 3, "manager": 2})
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 2], rag="amber")
    group_view = services.agree_view(
        workshop, principle, stage=stages[1], rag="amber", evidence="Forum minutes", recorded_by=fran
    )
    for attendee in attendees[:5]:
        services.reply(attendee, group_view, Stance.AGREE)
    services.reply(attendees[5], group_view, Stance.OBJECT, "Too high for us")
    services.record_dissent(group_view, "Some people who draw on support placed this lower")
    kept = ideas.post_idea(workshop, principle, "Peer support group", attendee=attendees[0])
    unkind = ideas.post_idea(workshop, principle, "Unkind words", attendee=attendees[1])
    ideas.hide_idea(unkind, by=fran)
    services.go_to(workshop, Step.DOTS)
    ideas.spend_dot(attendees[0], kept)
    ideas.spend_dot(attendees[1], kept)
    action = ideas.make_action(kept, created_by=fran)
    services.finish_workshop(workshop)
    return {"action": action}


def test_the_record_keeps_what_the_workshop_said(client_for, fran, workshop, held):
    response = client_for(fran).get(record(workshop))
    text = page_text(response)
    assert response.status_code == 200
    # who took part: frontline workers and managers are small groups, hidden
    assert "Person who draws on care and support 6" in text
    assert "Frontline worker fewer than 5" in text and "Manager or leader fewer than 5" in text
    assert "Everyone 11" in text
    assert "Forum minutes" in text and "5 agree, 0 can live with it, 1 object" in text
    assert "Some people who draw on support placed this lower" in text
    assert "Too high for us" not in text  # reasons are not kept in the record, only the dissent
    assert "Peer support group 2" in text
    assert "Hidden by Fran Fisher" in text
    assert reverse("actions:detail", args=[held["action"].pk]) in response.content.decode()


def test_viewers_see_an_idea_was_hidden_but_not_who_hid_it(client_for, bob, workshop, held):
    text = page_text(client_for(bob).get(record(workshop)))
    assert "Unkind words" in text and "Hidden" in text
    assert "Fran Fisher" not in text


def test_the_record_hides_small_groups_in_the_spread(client_for, bob, workshop, held):
    html = client_for(bob).get(record(workshop)).content.decode()
    table = re.search(r"Stage, by perspective</caption>(.*?)</table>", html, re.S).group(1)
    frontline = re.search(r"Frontline worker</th>(.*?)</tr>", table, re.S).group(1)
    assert "fewer than 5" in frontline and not re.search(r">\s*\d+\s*<", frontline)


@pytest.mark.parametrize("people", [5, 12])
def test_the_record_reads_a_fixed_number_of_queries(
    client_for, fran, workshop, principle, stages, people, django_assert_max_num_queries
):
    attendees = join_many(workshop, {"draws-on-support": people, "frontline": people})
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 2], rag="amber")
        posted = ideas.post_idea(workshop, principle, f"Idea {n}", attendee=attendee)
        if n % 4 == 0:
            ideas.make_action(posted, created_by=fran)
    group_view = services.agree_view(workshop, principle, stage=stages[0], rag="red", evidence="", recorded_by=fran)
    for attendee in attendees:
        services.reply(attendee, group_view, Stance.LIVE_WITH)
    client = client_for(fran)
    with django_assert_max_num_queries(21):  # two for each of the 4 principles' spread, however many people
        assert client.get(record(workshop)).status_code == 200


def test_an_idea_made_into_two_actions_keeps_its_own_dot_count(workshop, principle, fran):
    first, second = join_many(workshop, {"frontline": 2})
    posted = ideas.post_idea(workshop, principle, "Shared lunches")
    services.go_to(workshop, Step.DOTS)
    ideas.spend_dot(first, posted)
    ideas.spend_dot(second, posted)
    ideas.make_action(posted, created_by=fran)
    ideas.make_action(posted, created_by=fran, what="Ask the café to host them")
    (row,) = ideas.ideas_with_dots(workshop)
    assert (row.dot_count, row.action_count) == (2, 2)


def test_double_dots_are_the_facilitators_choice(workshop, principle):
    (attendee,) = join_many(workshop, {"frontline": 1})
    posted = ideas.post_idea(workshop, principle, "Shared lunches")
    services.go_to(workshop, Step.DOTS)
    ideas.spend_dot(attendee, posted)
    with pytest.raises(ideas.OneDotEach):
        ideas.spend_dot(attendee, posted)
    version = workshop.version
    ideas.allow_double_dots(workshop, True)
    assert workshop.version == version + 1
    ideas.spend_dot(attendee, posted)
    assert ideas.dots_left(attendee) == 1
    services.finish_workshop(workshop)
    with pytest.raises(services.WorkshopFinished):
        ideas.allow_double_dots(workshop, False)
