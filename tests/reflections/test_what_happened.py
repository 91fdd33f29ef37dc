"""A participant's "what happened" page and its public copy: what they see (results once the round closes, the
group's view, every idea and what became of it), what they never see (names, hidden ideas, private notes, small
groups of an anonymous round), who may reach it, and the facilitator's switch that publishes it."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coreflect.actions import services as action_services
from coreflect.actions.models import ActionStatus, ProgressNote
from coreflect.audit.models import AuditEvent, Kind
from coreflect.reflections import groups, services
from coreflect.reflections.models import RoundStatus
from coreflect.reflections.queries import PARTICIPANT_COOKIE
from coreflect.workshops import ideas as workshop_ideas
from coreflect.workshops import services as workshops
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows
from tests.reflections.conftest import make_round

PRINCIPLE = "people-as-assets"


def take_part(round_, perspective="frontline", stage="basics", rag="amber"):
    """Someone who sent an answer to one principle: a browser holding their private cookie."""
    participant, token = services.start_participant(round_, round_.perspectives.get(key=perspective))
    version = round_.framework_version
    services.save_answer(
        participant,
        version.principle_rows.get(key=PRINCIPLE),
        services.Answer(
            stage=version.stage_rows.get(key=stage), ticked=(), rag=rag, evidence="", reflections="", ideas=""
        ),
        asks_stage=True,
        finished=True,
    )
    services.submit(participant)
    client = Client()
    client.cookies[PARTICIPANT_COOKIE] = token
    return client


def page_of(round_):
    return reverse("happened:participant", args=[round_.link_code])


def tell_the_story(round_, fran):
    """What came of a round: a group's view, an idea chosen (with its action, notes and outcome), two not
    chosen (one with a reason) and one hidden in a workshop."""
    version = round_.framework_version
    principle = version.principle_rows.get(key=PRINCIPLE)
    view = groups.record_consensus(
        round_,
        principle,
        label="Workshop on 1 December 2026",
        stage=version.stage_rows.get(key="getting-there"),
        rag="amber",
        evidence="We pay people for their travel",
        recorded_by=fran,
    )
    groups.record_replies(view, ["agree", "agree", "live_with", "object"], dissent="Not everyone is paid yet")
    chosen = action_services.add_idea(round_, principle=principle, text="Pay people for their time")
    action = action_services.create_action(
        organisation=round_.organisation,
        created_by=fran,
        round=round_,
        idea=chosen,
        what="Write a payment policy",
        owner=fran,
        co_lead_name="Sam Lee",
        status=ActionStatus.IN_PROGRESS,
        we_asked="How could we value your time?",
        you_said="Pay us like any expert",
        we_did="A payment policy from April",
        outcome_written_at=timezone.now(),
    )
    ProgressNote.objects.create(action=action, text="Policy drafted with the group", shared=True, author=fran)
    ProgressNote.objects.create(action=action, text="Budget row 42 still unsigned", shared=False, author=fran)
    parking = action_services.add_idea(round_, principle=principle, text="Free parking")
    action_services.set_why_not_chosen(parking, "The car park is not ours")
    action_services.add_idea(round_, principle=principle, text="Monthly coffee mornings")
    workshop = workshops.start_workshop(round_, started_by=fran)
    hidden = workshop_ideas.post_idea(workshop, principle, "An idea that was hidden in the room")
    workshop_ideas.hide_idea(hidden, by=fran)
    return action


@pytest.fixture
def named_round(riverside, alice):
    return make_round(riverside, alice, anonymous=False)


def test_a_participant_sees_what_happened_in_plain_words(named_round, fran):
    client = take_part(named_round)
    tell_the_story(named_round, fran)
    services.set_status(named_round, RoundStatus.CLOSED)

    response = client.get(page_of(named_round))
    page = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "These results include the answers of 1 person" in page
    # The group's view, with its replies and dissent as the results pages say them.
    assert "The group’s view (Workshop on 1 December 2026)" in page
    assert "2 agreed, 1 could live with it, 1 objected" in page
    assert "Not everyone is paid yet" in page and "We pay people for their travel" in page
    # The idea chosen, its action led by a role (never a name), the co-lead, shared notes only, the outcome.
    assert "Pay people for their time" in page and "Write a payment policy" in page
    assert "A facilitator at Riverside Council" in page and "Fran Fisher" not in page
    assert "Co-led by Sam Lee" in page
    assert "Policy drafted with the group" in page and "Budget row 42" not in page
    assert "Pay us like any expert" in page and "A payment policy from April" in page
    # Ideas not chosen: why not, or that no reason is given yet. Hidden ideas never.
    assert "The car park is not ours" in page
    assert re.search(r"Monthly coffee mornings.*?No reason given yet", page, re.S)
    assert "An idea that was hidden in the room" not in page
    assert "Get an email when there is news" in page


def test_before_the_round_closes_the_page_shows_no_results(named_round, fran):
    client = take_part(named_round)
    page = client.get(page_of(named_round)).content.decode()
    assert "The results will be here when it closes" in page
    assert "These results include" not in page
    assert "No ideas have been collected yet" in page


def test_in_an_anonymous_round_a_small_perspective_stays_hidden_as_on_members_pages(open_round, client_for, bob):
    clients = [take_part(open_round, "frontline") for _ in range(5)]
    take_part(open_round, "draws-on-support", stage="not-yet", rag="red")
    take_part(open_round, "draws-on-support", stage="not-yet", rag="red")
    services.set_status(open_round, RoundStatus.CLOSED)

    page = clients[0].get(page_of(open_round)).content.decode()
    members = client_for(bob).get(reverse("results:overview", args=[open_round.pk])).content.decode()

    def row(html, label):
        return re.search(rf"<tr class=\"govuk-table__row\"><th scope=\"row\"[^>]*>{label}</th>.*?</tr>", html).group(0)

    small = row(page, "Person who draws on care and support")
    assert "fewer than 5" in small and ">2<" not in small
    assert small == row(members, "Person who draws on care and support")
    assert row(page, "Frontline worker") == row(members, "Frontline worker")
    assert "Why some figures are hidden" in page


def test_an_idea_from_someones_answers_does_not_say_whose_perspective(open_round, fran):
    client = take_part(open_round)
    principle = open_round.framework_version.principle_rows.get(key=PRINCIPLE)
    action_services.add_idea(
        open_round,
        principle=principle,
        text="A buddy for new people",
        source="participant",
        perspective=open_round.perspectives.get(key="manager"),
    )
    page = client.get(page_of(open_round)).content.decode()
    assert "A buddy for new people" in page and "From someone’s answers" in page
    assert "Manager or leader" not in page


# --- Who may see it --------------------------------------------------------------------------------


def test_the_page_needs_the_participants_own_private_cookie(open_round, hillside_round):
    assert Client().get(page_of(open_round)).status_code == 404
    other = take_part(hillside_round)  # a token from another round
    assert other.get(page_of(open_round)).status_code == 404
    assert other.get(page_of(hillside_round)).status_code == 200
    assert Client().get(reverse("happened:participant", args=["no-such-code"])).status_code == 404


def test_the_public_page_shows_only_when_published(open_round, fran, client_for):
    public = reverse("happened:public", args=[open_round.link_code])
    assert Client().get(public).status_code == 404
    response = client_for(fran).post(reverse("reflections:publish-happened", args=[open_round.pk]), {"publish": "yes"})
    assert response.status_code == 302
    response = Client().get(public)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    assert "What happened" in page and "Get an email when there is news" not in page
    event = AuditEvent.objects.filter(kind=Kind.ROUND_CHANGED, target_id=open_round.pk).latest("pk")
    assert event.changes == {"publish_happened": [False, True]}

    client_for(fran).post(reverse("reflections:publish-happened", args=[open_round.pk]), {"publish": "no"})
    assert Client().get(public).status_code == 404


def test_the_round_page_offers_the_switch_and_shows_the_public_link(open_round, fran, client_for):
    client = client_for(fran)
    page = client.get(reverse("reflections:detail", args=[open_round.pk])).content.decode()
    assert "Publish the “what happened” page" in page
    client.post(reverse("reflections:publish-happened", args=[open_round.pk]), {"publish": "yes"})
    page = client.get(reverse("reflections:detail", args=[open_round.pk])).content.decode()
    assert reverse("happened:public", args=[open_round.link_code]) in page
    assert "Stop publishing the “what happened” page" in page


MATRIX = [
    (
        "reflections:publish-happened",
        "round",
        "post",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 302, "alice": 302},
    ),
    ("reflections:publish-happened", "round", "get", {"fran": 405}),
]


@pytest.fixture
def people(alice, bob, carol, dan, fran):
    return {"anonymous": None, "alice": alice, "bob": bob, "carol": carol, "dan": dan, "fran": fran}


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, open_round, name, target, method, visitor, expected):
    check_visit(client_for(people[visitor]), method, reverse(name, args=[open_round.pk]), expected)


def test_only_the_rounds_own_facilitators_can_publish_it(open_round, bob, carol, client_for):
    url = reverse("reflections:publish-happened", args=[open_round.pk])
    assert client_for(bob).post(url, {"publish": "yes"}).status_code == 403
    assert client_for(carol).post(url, {"publish": "yes"}).status_code == 404
    open_round.refresh_from_db()
    assert open_round.publish_happened is False
    assert not AuditEvent.objects.filter(kind=Kind.ROUND_CHANGED).exists()


# --- Journey links ---------------------------------------------------------------------------------


def test_the_confirmation_page_links_to_what_happened_and_offers_the_email(open_round):
    client = take_part(open_round)
    page = client.get(reverse("journey:submitted", args=[open_round.link_code])).content.decode()
    assert page_of(open_round) in page
    assert reverse("follow:add", args=[open_round.link_code]) in page
    assert "The round has closed" not in page


def test_once_the_round_closes_a_returning_participant_is_pointed_to_what_happened(open_round):
    client = take_part(open_round)
    services.set_status(open_round, RoundStatus.CLOSED)
    page = client.get(reverse("journey:tasks", args=[open_round.link_code])).content.decode()
    assert "The round has closed" in page and page_of(open_round) in page


# --- Queries -----------------------------------------------------------------------------------------


def test_the_pages_run_a_fixed_number_of_queries(named_round, fran, client_for, django_assert_max_num_queries):
    client = take_part(named_round)
    tell_the_story(named_round, fran)
    principle = named_round.framework_version.principle_rows.get(key=PRINCIPLE)
    for n in range(5):
        take_part(named_round, "manager")
        idea = action_services.add_idea(named_round, principle=principle, text=f"Idea {n}")
        action = action_services.create_action(
            organisation=named_round.organisation, created_by=fran, round=named_round, idea=idea, what=f"Do {n}"
        )
        for _ in range(3):
            ProgressNote.objects.create(action=action, text=f"Note {n}", shared=True)
    services.set_status(named_round, RoundStatus.CLOSED)
    services.set_happened_published(named_round, True, by=fran)
    with django_assert_max_num_queries(10):
        assert client.get(page_of(named_round)).status_code == 200
    with django_assert_max_num_queries(10):
        assert Client().get(reverse("happened:public", args=[named_round.link_code])).status_code == 200
