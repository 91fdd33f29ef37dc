"""Ideas become actions; actions are edited without overwriting each other, noted, filtered,
printed, recognised, and carried into the next round's results."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coreflect.actions import services
from coreflect.actions.models import Action, Idea
from coreflect.reflections import services as reflections
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows
from tests.reflections.conftest import Visitor, make_round


@pytest.fixture
def round_(riverside, alice):
    return make_round(riverside, alice)


def principle(round_, key="reciprocity"):
    return round_.framework_version.principle_rows.get(key=key)


def action_form(**overrides):
    data = {
        "what": "Pay people for their time on panels",
        "how": "Agree a rate with the finance team",
        "owner": "",
        "owner_name": "Priya (Carers’ Voice)",
        "due_on": "31/3/2027",
        "principles": ["valuing-work"],
        "lens": "structure",
        "status": "not_started",
        "dropped_reason": "",
    }
    data.update(overrides)
    return data


def test_ideas_are_collected_from_answers_once_with_their_perspective(client_for, fran, riverside, alice):
    named = make_round(riverside, alice, anonymous=False)
    visitor = Visitor(named)
    visitor.join("family-carer", name="Sam Patel")
    visitor.answer("valuing-work", stage="basics", ideas="Pay carers for their time on panels")
    visitor.client.post(visitor.url("check"))
    client = client_for(fran)
    client.post(reverse("actions:ideas", args=[named.pk]), {"collect": "1"})
    client.post(reverse("actions:ideas", args=[named.pk]), {"collect": "1"})
    idea = Idea.objects.get()
    assert idea.text == "Pay carers for their time on panels"
    assert idea.perspective.key == "family-carer" and idea.principle.key == "valuing-work"
    page = client.get(reverse("actions:ideas", args=[named.pk])).content.decode()
    assert "Family member or unpaid carer" in page and "From someone’s answers" in page


def test_an_anonymous_rounds_ideas_wait_for_release_and_never_name_a_small_group(client_for, fran, round_):
    visitor = Visitor(round_)
    visitor.join("family-carer")
    visitor.answer("valuing-work", stage="basics", ideas="Pay carers for their time on panels")
    visitor.client.post(visitor.url("check"))
    client = client_for(fran)
    client.post(reverse("actions:ideas", args=[round_.pk]), {"collect": "1"})
    assert not Idea.objects.exists()  # one person's answers are not released yet: no idea may appear
    client.post(reverse("reflections:status", args=[round_.pk]), {"status": "closed"})
    client.post(reverse("actions:ideas", args=[round_.pk]), {"collect": "1"})
    assert Idea.objects.get().perspective.key == "family-carer"
    page = client.get(reverse("actions:ideas", args=[round_.pk])).content.decode()
    assert "Pay carers for their time on panels" in page and "From someone’s answers" in page
    assert "Family member or unpaid carer" not in page  # a group of one is never named


def test_facilitator_adds_shortlists_and_turns_an_idea_into_an_action(client_for, fran, round_, riverside):
    client = client_for(fran)
    client.post(reverse("actions:ideas", args=[round_.pk]), {"principle": "reciprocity", "text": "A skills swap café"})
    idea = Idea.objects.get()
    client.post(reverse("actions:shortlist", args=[round_.pk, idea.pk]), {"shortlisted": "1"})
    idea.refresh_from_db()
    assert idea.shortlisted
    url = reverse("actions:create") + f"?round={round_.pk}&idea={idea.pk}"
    page = client.get(url).content.decode()
    assert 'value="A skills swap café"' in page
    response = client.post(url, action_form(what="Open a skills swap café", principles=["reciprocity"]), follow=True)
    assert "Action added to the plan" in response.content.decode()
    action = Action.objects.get()
    assert action.idea == idea and action.organisation == riverside and action.round == round_
    assert [p.key for p in action.principles.all()] == ["reciprocity"]
    assert action.who == "Priya (Carers’ Voice)"


def test_an_action_can_be_made_without_an_idea_with_a_member_as_owner(client_for, fran, round_, bob):
    client_for(fran).post(
        reverse("actions:create") + f"?round={round_.pk}", action_form(owner=str(bob.pk), owner_name="")
    )
    assert Action.objects.get().owner == bob


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"due_on": "31/02/2027"}, "Enter the date as day/month/year, like 31/3/2027"),
        ({"due_on": "next spring"}, "Enter the date as day/month/year"),
        ({"what": ""}, "Enter what will be done"),
        ({"status": "dropped"}, "Say why the action was dropped"),
        ({"principles": ["not-a-principle"]}, "Choose principles from the list"),
    ],
)
def test_bad_action_input_is_explained_and_kept(client_for, fran, round_, overrides, message):
    response = client_for(fran).post(reverse("actions:create") + f"?round={round_.pk}", action_form(**overrides))
    page = response.content.decode()
    assert message in page and "There is a problem" in page
    assert "Agree a rate with the finance team" in page
    assert not Action.objects.exists()


def test_an_owner_from_another_organisation_is_refused(client_for, fran, round_, carol):
    page = (
        client_for(fran)
        .post(reverse("actions:create") + f"?round={round_.pk}", action_form(owner=str(carol.pk), owner_name=""))
        .content.decode()
    )
    assert "Choose someone from your organisation, or type the person’s name below" in page
    assert not Action.objects.exists()


def make_action(round_, riverside, fran, **fields):
    base = {"what": "Co-design the new leaflet", "owner_name": "Jo", "due_on": date(2027, 1, 31), "round": round_}
    base.update(fields)
    return services.create_action(organisation=riverside, created_by=fran, principles=[principle(round_)], **base)


def edit_data(action, **overrides):
    data = action_form(
        what=action.what,
        how=action.how,
        owner_name=action.owner_name,
        principles=["reciprocity"],
        version=str(action.version),
    )
    data.update(overrides)
    return data


def test_two_people_editing_at_once_never_silently_overwrite_each_other(client_for, fran, alice, round_, riverside):
    action = make_action(round_, riverside, fran)
    url = reverse("actions:edit", args=[action.pk])
    first, second = client_for(fran), client_for(alice)
    first.get(url)
    second.get(url)
    first.post(url, edit_data(action, what="Fran’s wording"))
    response = second.post(url, edit_data(action, what="Alice’s wording"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this action while you were editing it" in page
    assert "Fran’s wording" in page and 'value="Alice’s wording"' in page
    action.refresh_from_db()
    assert action.what == "Fran’s wording" and action.version == 2
    # Saving again, having seen both, keeps Alice's.
    version = page.split('name="version" value="')[1].split('"')[0]
    second.post(url, edit_data(action, what="Alice’s wording", version=version))
    action.refresh_from_db()
    assert action.what == "Alice’s wording" and action.version == 3


def test_progress_notes_and_contributions(client_for, fran, round_, riverside, bob):
    action = make_action(round_, riverside, fran)
    client = client_for(fran)
    client.post(reverse("actions:note", args=[action.pk]), {"text": "First draft shared with the group"})
    client.post(
        reverse("actions:contribution", args=[action.pk]),
        {"name": "Jo Reed", "role": "Co-led the design", "hours": "6.5"},
    )
    bad = client.post(
        reverse("actions:contribution", args=[action.pk]), {"name": "Sam", "role": "Reviewer", "hours": "lots"}
    )
    assert "Enter the hours as a number, for example 6 or 2.5" in bad.content.decode()
    page = client_for(bob).get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "First draft shared with the group" in page and "Jo Reed – Co-led the design" in page
    # When the note was written, as GOV.UK writes it: "1 December 2026 at 4:51pm", not "1 December 2026, 16:51".
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4} at (\d{1,2}(:\d\d)?(am|pm)|midday|midnight)", page)
    plan = client_for(bob).get(reverse("actions:plan")).content.decode()
    assert "Thank you: contributions of people with lived experience" in plan and "6.5" in plan


def test_the_plan_filters_sorts_and_prints(client_for, bob, fran, round_, riverside):
    today = timezone.localdate()
    make_action(round_, riverside, fran, what="Overdue thing", due_on=today - timedelta(days=3), owner_name="Jo")
    make_action(round_, riverside, fran, what="Done thing", status="done", owner_name="Sam")
    make_action(
        round_, riverside, fran, what="Later thing", due_on=today + timedelta(days=30), owner_name="Sam", lens="culture"
    )
    client = client_for(bob)
    assert "Overdue thing" in client.get(reverse("actions:plan") + "?overdue=1").content.decode()
    page = client.get(reverse("actions:plan") + "?overdue=1").content.decode()
    assert "Later thing" not in page and "Done thing" not in page
    page = client.get(reverse("actions:plan") + "?owner=Sam&status=done").content.decode()
    assert "Done thing" in page and "Later thing" not in page
    assert "Later thing" in client.get(reverse("actions:plan") + "?lens=culture").content.decode()
    page = client.get(reverse("actions:plan") + "?sort=what").content.decode()
    assert page.index("Done thing") < page.index("Later thing") < page.index("Overdue thing")
    printable = client.get(reverse("actions:print") + "?status=done").content.decode()
    assert (
        "Action plan – Riverside Council" in printable and "Done thing" in printable and "Later thing" not in printable
    )
    assert client.get(reverse("actions:plan") + "?sort=nonsense&status=weird&round=x").status_code == 200


def test_the_next_round_shows_what_happened_to_the_last_rounds_actions(client_for, fran, round_, riverside):
    make_action(round_, riverside, fran, status="done")
    make_action(round_, riverside, fran, due_on=timezone.localdate() - timedelta(days=1))
    reflections.set_status(round_, "closed")
    client = client_for(fran)
    client.post(reverse("reflections:next", args=[round_.pk]), {"title": "Day services 2027"})
    following = round_.next_rounds.get()
    page = client.get(reverse("results:compare", args=[following.pk])).content.decode()
    assert "Last round’s actions" in page
    assert "1 done, 0 in progress, 1 not started, 0 dropped (1 overdue)" in page


def test_plan_runs_a_fixed_number_of_queries(client_for, bob, fran, round_, riverside, django_assert_max_num_queries):
    for n in range(12):
        action = make_action(round_, riverside, fran, what=f"Action {n}")
        services.add_contribution(action, name=f"Person {n}", role="Helper", hours=2)
    client = client_for(bob)
    client.get(reverse("organisations:dashboard"))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("actions:plan")).status_code == 200


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


@pytest.fixture
def targets(round_, riverside, fran):
    action = make_action(round_, riverside, fran)
    idea = services.add_idea(round_, principle=principle(round_), text="An idea")
    return {"action": [action.pk], "round": [round_.pk], "idea": [round_.pk, idea.pk], None: []}


MATRIX = [
    (
        "actions:plan",
        None,
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 200, "bob": 200, "fran": 200, "alice": 200},
    ),
    ("actions:print", None, "get", {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 200, "fran": 200}),
    (
        "actions:detail",
        "action",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 200, "fran": 200, "alice": 200},
    ),
    (
        "actions:edit",
        "action",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200, "alice": 200},
    ),
    ("actions:note", "action", "post", {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200}),
    (
        "actions:contribution",
        "action",
        "post",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200},
    ),
    ("actions:ideas", "round", "get", {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 200, "fran": 200}),
    ("actions:ideas", "round", "post", {"bob": 403, "carol": 404}),
    ("actions:shortlist", "idea", "post", {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 302}),
    ("actions:why-not", "idea", "get", {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200}),
    ("actions:why-not", "idea", "post", {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 302}),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, targets, name, target, method, visitor, expected):
    check_visit(client_for(people[visitor]), method, reverse(name, args=targets[target]), expected)


def test_creating_an_action_for_another_organisations_round_is_404(client_for, carol, round_):
    assert client_for(carol).get(reverse("actions:create") + f"?round={round_.pk}").status_code == 404
    assert client_for(carol).get(reverse("actions:create") + "?round=abc").status_code == 404


def test_every_action_view_is_in_a_permission_table():
    from coreflect.actions import urls

    covered = {name.split(":")[1] for name, *_ in MATRIX} | {"create", "reminders"}  # reminders: test_reminders.py
    assert {pattern.name for pattern in urls.urlpatterns} <= covered


def test_a_link_to_an_action_in_another_of_my_organisations_switches_to_it(client_for, carol, round_, riverside, fran):
    from coreflect.organisations.models import Membership

    action = make_action(round_, riverside, fran)
    Membership.objects.create(organisation=riverside, user=carol, role="viewer")
    client = client_for(carol)
    client.get(reverse("organisations:dashboard"))  # working in Hillside
    response = client.get(reverse("actions:detail", args=[action.pk]), follow=True)
    assert response.status_code == 200
    assert "Organisation: <strong>Riverside Council</strong>" in response.content.decode()
