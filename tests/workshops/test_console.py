"""The facilitator's console: start a workshop from the round, move the room through a principle, count
hands, agree the group's view and its dissent, look after the ideas and turn them into actions, finish."""

import re

import pytest
from django.urls import reverse

from coreflect.reflections.models import RoundStatus, Stance
from coreflect.reflections.services import set_status
from coreflect.workshops import ideas, queries, services
from coreflect.workshops.models import Counting, Step, Workshop

from .conftest import join_many


def console(workshop):
    return reverse("workshops:console", args=[workshop.pk])


def url(name, workshop, *args):
    return reverse(f"workshops:{name}", args=[workshop.pk, *args])


def page_text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


# Starting ---------------------------------------------------------------------------------------------


def test_a_facilitator_starts_a_workshop_from_the_round_page(client_for, fran, open_round):
    client = client_for(fran)
    round_page = client.get(reverse("reflections:detail", args=[open_round.pk]))
    start = reverse("workshops:start", args=[open_round.pk])
    assert start in round_page.content.decode()
    assert "Start a workshop" in page_text(round_page)
    form = client.get(start)
    assert "Keep their own answer" in page_text(form)
    response = client.post(start, {"counting": Counting.BESIDE}, follow=True)
    workshop = Workshop.objects.get(round=open_round)
    assert workshop.counting == Counting.BESIDE and workshop.started_by == fran
    assert response.redirect_chain[-1][0] == console(workshop)
    assert workshop.code in page_text(response)


def test_only_one_workshop_runs_per_round(client_for, fran, workshop):
    client = client_for(fran)
    round_page = page_text(client.get(reverse("reflections:detail", args=[workshop.round_id])))
    assert "Go to the running workshop" in round_page and "Start a workshop" not in round_page
    response = client.post(reverse("workshops:start", args=[workshop.round_id]), {"counting": "replace"}, follow=True)
    assert response.redirect_chain[-1][0] == console(workshop)
    assert "already running" in page_text(response)
    assert Workshop.objects.filter(round=workshop.round).count() == 1


def test_starting_without_a_choice_says_what_is_missing(client_for, fran, open_round):
    response = client_for(fran).post(reverse("workshops:start", args=[open_round.pk]), {})
    assert "There is a problem" in page_text(response)
    assert page_text(response).count("Select what happens to an answer given on its own") == 2
    assert not Workshop.objects.exists()


def test_a_closed_round_cannot_start_a_workshop(client_for, fran, open_round):
    set_status(open_round, RoundStatus.CLOSED)
    response = client_for(fran).post(
        reverse("workshops:start", args=[open_round.pk]), {"counting": "replace"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("reflections:detail", args=[open_round.pk])
    assert "only while the round is open" in page_text(response)
    assert not Workshop.objects.exists()


# Stepping through a principle ---------------------------------------------------------------------------


def test_the_console_steps_the_room_through_a_principle(client_for, fran, workshop, principle):
    client = client_for(fran)
    assert "Start voting on" in page_text(client.get(console(workshop)))
    client.post(url("step", workshop), {"step": "voting", "principle": principle.key})
    workshop.refresh_from_db()
    assert (workshop.step, workshop.principle) == (Step.VOTING, principle)
    assert "Show the spread" in page_text(client.get(console(workshop)))
    client.post(url("step", workshop), {"step": "revealed", "principle": principle.key})
    workshop.refresh_from_db()
    assert workshop.step == Step.REVEALED
    client.post(url("step", workshop), {"step": "agreeing", "principle": principle.key})
    workshop.refresh_from_db()
    assert workshop.step == Step.AGREEING
    assert "Next principle: vote on" in page_text(client.get(console(workshop)))


@pytest.mark.parametrize("data", [{"step": "voting"}, {"step": "finished"}, {"step": "voting", "principle": "nope"}])
def test_a_step_that_is_not_possible_is_refused_with_a_message(client_for, fran, workshop, data):
    response = client_for(fran).post(url("step", workshop), data, follow=True)
    assert "That step is not possible" in page_text(response)
    workshop.refresh_from_db()
    assert workshop.step == Step.WELCOME


def test_the_console_shows_the_votes_so_far_live(client_for, fran, workshop, principle, stages):
    attendees = join_many(workshop, {"frontline": 3})
    services.go_to(workshop, Step.VOTING, principle)
    for attendee in attendees[:2]:
        services.vote(attendee, principle, stage=stages[0], rag="red")
    fragment = client_for(fran).get(url("console-live", workshop))
    assert "2 people have voted" in page_text(fragment)
    assert "<form" not in fragment.content.decode()


# Show of hands --------------------------------------------------------------------------------------


def test_a_show_of_hands_counts_with_the_votes(client_for, fran, workshop, principle, stages):
    services.go_to(workshop, Step.VOTING, principle)
    client = client_for(fran)
    client.post(url("hands", workshop), {f"hands-stage_{stages[0].key}": "4", "hands-rag_green": "2"})
    assert queries.votes_so_far(workshop, principle) == 4  # the same people show hands for the stage and the score
    page = client.get(console(workshop)).content.decode()
    assert re.search(
        rf'name="hands-stage_{stages[0].key}"[^>]*value="4"|value="4"[^>]*name="hands-stage_{stages[0].key}"', page
    )
    assert re.search(r'name="hands-rag_green"[^>]*value="2"|value="2"[^>]*name="hands-rag_green"', page)


def test_a_wrong_count_of_hands_is_shown_by_the_field_and_kept(client_for, fran, workshop, principle, stages):
    services.go_to(workshop, Step.VOTING, principle)
    response = client_for(fran).post(
        url("hands", workshop), {f"hands-stage_{stages[0].key}": "four", f"hands-stage_{stages[1].key}": "3"}
    )
    text = page_text(response)
    assert "There is a problem" in text
    assert text.count("Enter the number of hands as a whole number, like 4") == 2
    assert 'value="four"' in response.content.decode() and 'value="3"' in response.content.decode()
    assert queries.votes_so_far(workshop, principle) == 0


# The group's view -----------------------------------------------------------------------------------


def test_the_group_view_is_recorded_and_dissent_written(client_for, fran, workshop, principle, stages):
    first, second, third = join_many(workshop, {"frontline": 3})
    services.go_to(workshop, Step.REVEALED, principle)
    client = client_for(fran)
    client.post(url("agree", workshop), {"view-stage": stages[1].key, "view-rag": "amber", "view-evidence": "We heard"})
    group_view = queries.group_view(workshop, principle)
    assert (group_view.consensus.stage, group_view.consensus.rag) == (stages[1], "amber")
    assert group_view.consensus.evidence == "We heard" and group_view.consensus.recorded_by == fran
    workshop.refresh_from_db()
    assert workshop.step == Step.AGREEING
    services.reply(first, group_view, Stance.OBJECT, "It is lower for people who draw on support")
    services.reply(second, group_view, Stance.AGREE)
    services.reply(third, group_view, Stance.LIVE_WITH)
    text = page_text(client.get(console(workshop)))
    assert "Agree 1" in text and "Can live with it 1" in text and "Object 1" in text
    assert "It is lower for people who draw on support" in text
    client.post(url("dissent", workshop), {"dissent-dissent": "Frontline staff placed this lower because…"})
    group_view.consensus.refresh_from_db()
    assert group_view.consensus.dissent == "Frontline staff placed this lower because…"
    assert group_view.consensus.object_count == 1
    projector = page_text(client.get(url("projector", workshop)))
    assert "Frontline staff placed this lower because…" in projector


def test_a_group_view_needs_a_stage_or_score(client_for, fran, workshop, principle):
    services.go_to(workshop, Step.AGREEING, principle)
    response = client_for(fran).post(url("agree", workshop), {"view-evidence": "Kept words"})
    text = page_text(response)
    assert text.count("Select the stage or the score the group settled on") == 2
    assert "Kept words" in text
    assert queries.group_view(workshop, principle) is None


# Ideas ----------------------------------------------------------------------------------------------


def test_ideas_are_hidden_with_who_hid_them_and_merged(client_for, fran, workshop, principle):
    client = client_for(fran)
    client.post(url("add-idea", workshop), {"idea-principle": principle.key, "idea-text": "A shared garden"})
    unkind = ideas.post_idea(workshop, principle, "Something unkind")
    again = ideas.post_idea(workshop, principle, "A garden we share")
    garden = workshop.posted_ideas.get(idea__text="A shared garden")
    client.post(url("hide-idea", workshop, unkind.pk), {"hidden": "1"})
    unkind.refresh_from_db()
    assert unkind.is_hidden and unkind.hidden_by == fran
    client.post(url("merge-ideas", workshop), {"merge-duplicate": again.pk, "merge-into": garden.pk})
    again.refresh_from_db()
    assert again.merged_into == garden
    assert [posted.pk for posted in ideas.on_screen(workshop)] == [garden.pk]
    text = page_text(client.get(console(workshop)))
    assert "Hidden by Fran Fisher" in text and "Merged into “A shared garden”" in text
    client.post(url("hide-idea", workshop, unkind.pk), {"hidden": ""})
    unkind.refresh_from_db()
    assert not unkind.is_hidden


def test_merging_an_idea_into_itself_is_refused_by_the_field(client_for, fran, workshop, principle):
    first = ideas.post_idea(workshop, principle, "One")
    ideas.post_idea(workshop, principle, "Two")
    response = client_for(fran).post(
        url("merge-ideas", workshop), {"merge-duplicate": first.pk, "merge-into": first.pk}
    )
    assert page_text(response).count("Select a different idea from the one said again") == 2


def test_an_empty_idea_is_refused_and_the_choice_kept(client_for, fran, workshop, principle):
    response = client_for(fran).post(url("add-idea", workshop), {"idea-principle": principle.key, "idea-text": "  "})
    assert page_text(response).count("Enter the idea") >= 2
    assert not workshop.posted_ideas.exists()


def test_dots_open_and_double_dots_allowed(client_for, fran, workshop):
    client_for(fran).post(url("dots", workshop), {"dots-double_dots": "on", "open": "1"})
    workshop.refresh_from_db()
    assert workshop.step == Step.DOTS and workshop.double_dots


def test_chosen_ideas_become_actions_linked_to_the_idea(client_for, fran, workshop, principle):
    posted = ideas.post_idea(workshop, principle, "Open the kitchen to families")
    client = client_for(fran)
    response = client.post(url("make-action", workshop), {"action-idea": posted.pk, "action-what": ""}, follow=True)
    action = posted.idea.actions.get()
    assert action.what == "Open the kitchen to families" and action.round == workshop.round
    assert action.created_by == fran
    assert reverse("actions:detail", args=[action.pk]) in response.content.decode()
    posted.idea.refresh_from_db()
    assert posted.idea.shortlisted


def test_a_hidden_idea_cannot_become_an_action(client_for, fran, workshop, principle):
    posted = ideas.post_idea(workshop, principle, "Unkind")
    ideas.hide_idea(posted, by=fran)
    response = client_for(fran).post(url("make-action", workshop), {"action-idea": posted.pk})
    assert "Select an idea from the list" in page_text(response)
    assert not posted.idea.actions.exists()


# Finishing ------------------------------------------------------------------------------------------


def test_finishing_asks_first_then_refuses_changes(client_for, fran, workshop, principle, stages):
    client = client_for(fran)
    confirm = client.get(url("finish", workshop))
    assert "Are you sure you want to finish the workshop?" in page_text(confirm)
    workshop.refresh_from_db()
    assert workshop.is_running
    response = client.post(url("finish", workshop), follow=True)
    assert response.redirect_chain[-1][0] == url("record", workshop)
    workshop.refresh_from_db()
    assert not workshop.is_running
    version = workshop.version
    refused = [
        client.post(url("step", workshop), {"step": "voting", "principle": principle.key}, follow=True),
        client.post(url("add-idea", workshop), {"idea-principle": principle.key, "idea-text": "Late"}, follow=True),
        client.post(url("dots", workshop), {"dots-double_dots": "on"}, follow=True),
        client.post(url("hands", workshop), {f"hands-stage_{stages[0].key}": "3"}, follow=True),
        client.post(url("agree", workshop), {"view-stage": stages[0].key}, follow=True),
        client.post(url("make-action", workshop), {"action-idea": "1"}, follow=True),
    ]
    for response in refused:
        assert "This workshop has finished, so nothing in it can be changed." in page_text(response)
    workshop.refresh_from_db()
    assert workshop.version == version and workshop.step == Step.FINISHED and not workshop.double_dots
    assert not workshop.posted_ideas.exists()
    assert "Finish the workshop" not in page_text(client.get(console(workshop)))


# Queries --------------------------------------------------------------------------------------------


def _busy(workshop, principle, stages, fran, people):
    attendees = join_many(workshop, {"draws-on-support": people, "frontline": people})
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 2], rag="amber")
    group_view = services.agree_view(workshop, principle, stage=stages[0], rag="red", evidence="", recorded_by=fran)
    for attendee in attendees:
        services.reply(attendee, group_view, Stance.OBJECT, "Lower")
    for n in range(people):
        posted = ideas.post_idea(workshop, principle, f"Idea {n}", attendee=attendees[n])
        if n % 3 == 0:
            ideas.make_action(posted, created_by=fran)


@pytest.mark.parametrize("people", [5, 12])
def test_the_console_reads_a_fixed_number_of_queries(
    client_for, fran, workshop, principle, stages, people, django_assert_max_num_queries
):
    _busy(workshop, principle, stages, fran, people)
    client = client_for(fran)
    with django_assert_max_num_queries(15):
        assert client.get(console(workshop)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(url("console-live", workshop)).status_code == 200


def test_a_workshop_finished_meanwhile_refuses_with_a_message_not_an_error(
    client_for, fran, workshop, principle, monkeypatch
):
    def finished_in_another_tab(*args, **kwargs):
        raise services.WorkshopFinished

    monkeypatch.setattr(services, "go_to", finished_in_another_tab)
    client = client_for(fran)
    response = client.post(url("step", workshop), {"step": "voting", "principle": principle.key})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert "This workshop has finished, so nothing in it can be changed." in page_text(response)
