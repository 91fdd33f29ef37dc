"""The projector: the join code, the principle's words, the count of votes as they arrive, the spread with
small groups hidden, the group's view, ideas (never hidden or merged ones) and the ranking; a polled
fragment that answers 304 while nothing has changed."""

import re

import pytest
from django.urls import reverse

from coreflect.reflections.models import Stance
from coreflect.workshops import ideas, services
from coreflect.workshops.models import Step

from .conftest import join_many


def url(name, workshop):
    return reverse(f"workshops:{name}", args=[workshop.pk])


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def row_of(html: str, label: str, caption: str) -> str:
    """The text of one row (by its heading) of the table with this caption."""
    table = re.search(rf"<caption[^>]*>{re.escape(caption)}</caption>(.*?)</table>", html, re.S).group(1)
    row = re.search(rf"<tr[^>]*>\s*<th scope=\"row\"[^>]*>{re.escape(label)}</th>(.*?)</tr>", table, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


def test_the_projector_shows_the_join_code_and_qr_on_welcome(client_for, bob, workshop):
    response = client_for(bob).get(url("projector", workshop))
    html = response.content.decode()
    assert response.status_code == 200
    assert workshop.code in page_text(response)
    assert "<svg" in html and "Join on your phone at" in page_text(response)
    assert "data-live-status" in html and 'aria-live="polite"' in html
    assert "data-live-refresh" in html and "Refresh" in page_text(response)


def test_voting_shows_the_principle_words_and_the_count_as_votes_arrive(client_for, fran, workshop, principle, stages):
    attendees = join_many(workshop, {"frontline": 3})
    services.go_to(workshop, Step.VOTING, principle)
    services.vote(attendees[0], principle, stage=stages[0], rag="red")
    text = page_text(client_for(fran).get(url("projector", workshop)))
    assert "1 person has voted" in text
    assert "What this is about" in text and "Kathy’s story" in text and "My name is Kathy" in text
    assert "You might hear people say:" in text
    assert "Complex autism is our specialism." in text  # a quote for the lowest stage
    assert "You and your organisation see yourselves as the experts" in text  # a statement
    services.vote(attendees[1], principle, stage=stages[0], rag="red")
    fragment = client_for(fran).get(url("projector-live", workshop))
    assert 'data-announce="2 people have voted"' in fragment.content.decode()
    assert "<form" not in fragment.content.decode()


def test_an_unchanged_fragment_answers_304_and_a_vote_changes_it(client_for, bob, workshop, principle, stages):
    (attendee,) = join_many(workshop, {"frontline": 1})
    services.go_to(workshop, Step.VOTING, principle)
    client = client_for(bob)
    first = client.get(url("projector-live", workshop))
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(url("projector-live", workshop), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert "no-cache" in again["Cache-Control"] and "private" in again["Cache-Control"]
    services.vote(attendee, principle, stage=stages[0], rag="red")
    changed = client.get(url("projector-live", workshop), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "1 person has voted" in page_text(changed)


def test_the_revealed_spread_hides_small_groups(client_for, bob, workshop, principle, stages):
    attendees = join_many(workshop, {"draws-on-support": 6, "frontline": 3, "manager": 2})
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 2], rag="amber")
    services.go_to(workshop, Step.REVEALED, principle)
    response = client_for(bob).get(url("projector", workshop))
    html = response.content.decode()
    caption = "Stage, by perspective"
    assert row_of(html, "Person who draws on care and support", caption) == "3 3 0 0"
    assert row_of(html, "Frontline worker", caption) == "fewer than 5"
    assert row_of(html, "Manager or leader", caption) == "fewer than 5"
    assert row_of(html, "Everyone", caption) == "6 5 0 0"
    assert row_of(html, "Frontline worker", "RED, AMBER or GREEN, by perspective") == "fewer than 5"
    assert 'data-announce="The spread of 11 votes is shown"' in html


def test_a_room_too_small_shows_no_spread_at_all(client_for, bob, workshop, principle, stages):
    attendees = join_many(workshop, {"frontline": 3})
    services.go_to(workshop, Step.VOTING, principle)
    for attendee in attendees:
        services.vote(attendee, principle, stage=stages[0], rag="red")
    services.go_to(workshop, Step.REVEALED, principle)
    html = client_for(bob).get(url("projector", workshop)).content.decode()
    assert row_of(html, "Frontline worker", "Stage, by perspective") == "fewer than 5"
    assert row_of(html, "Everyone", "Stage, by perspective") == "fewer than 5"


def test_the_group_view_shows_its_replies(client_for, bob, fran, workshop, principle, stages):
    first, second = join_many(workshop, {"frontline": 2})
    group_view = services.agree_view(
        workshop, principle, stage=stages[2], rag="green", evidence="People lead the forum", recorded_by=fran
    )
    services.go_to(workshop, Step.AGREEING, principle)
    services.reply(first, group_view, Stance.AGREE)
    services.reply(second, group_view, Stance.OBJECT, "Not for everyone")
    text = page_text(client_for(bob).get(url("projector", workshop)))
    assert "We’re getting there" in text and "GREEN" in text and "People lead the forum" in text
    assert "Agree 1" in text and "Object 1" in text
    assert "Not for everyone" not in text  # reasons stay on the console


def test_hidden_and_merged_ideas_are_not_on_the_projector(client_for, bob, fran, workshop, principle):
    services.go_to(workshop, Step.VOTING, principle)
    ideas.post_idea(workshop, principle, "A shared garden")
    unkind = ideas.post_idea(workshop, principle, "Something unkind")
    again = ideas.post_idea(workshop, principle, "A garden to share")
    ideas.hide_idea(unkind, by=fran)
    ideas.merge_ideas(again, workshop.posted_ideas.get(idea__text="A shared garden"))
    text = page_text(client_for(bob).get(url("projector", workshop)))
    assert "A shared garden" in text
    assert "Something unkind" not in text and "A garden to share" not in text


def test_the_dots_show_the_ranking(client_for, bob, workshop, principle):
    first, second = join_many(workshop, {"frontline": 2})
    low = ideas.post_idea(workshop, principle, "Low idea")
    high = ideas.post_idea(workshop, principle, "High idea")
    services.go_to(workshop, Step.DOTS)
    ideas.spend_dot(first, high)
    ideas.spend_dot(second, high)
    ideas.spend_dot(first, low)
    text = page_text(client_for(bob).get(url("projector", workshop)))
    assert text.index("High idea 2 dots") < text.index("Low idea 1 dot")


def test_a_finished_workshop_says_so_and_shows_no_code(client_for, bob, workshop):
    services.finish_workshop(workshop)
    text = page_text(client_for(bob).get(url("projector", workshop)))
    assert "The workshop has finished" in text and workshop.code not in text


@pytest.mark.parametrize("people", [5, 12])
@pytest.mark.parametrize("step", [Step.VOTING, Step.REVEALED, Step.AGREEING, Step.DOTS])
def test_the_projector_reads_a_fixed_number_of_queries(
    client_for, bob, fran, workshop, principle, stages, people, step, django_assert_max_num_queries
):
    attendees = join_many(workshop, {"draws-on-support": people, "frontline": people})
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 2], rag="amber")
        ideas.post_idea(workshop, principle, f"Idea {n}", attendee=attendee)
    services.agree_view(workshop, principle, stage=stages[0], rag="red", evidence="", recorded_by=fran)
    services.go_to(workshop, step, principle if step != Step.DOTS else None)
    client = client_for(bob)
    with django_assert_max_num_queries(11):
        assert client.get(url("projector", workshop)).status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(url("projector-live", workshop))
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(url("projector-live", workshop), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
