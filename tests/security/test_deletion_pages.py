"""The pages that delete a round, an organisation and one's own account: who may reach them, what they say
goes and stays, the confirmation (a typed name, or a password) with its errors, and a fixed number of queries."""

import pytest
from django.test import Client
from django.urls import reverse

from coreflect.accounts.models import User
from coreflect.actions import services as actions
from coreflect.audit.models import AuditEvent, Kind
from coreflect.organisations.models import Organisation
from coreflect.reflections.models import Round
from tests.conftest import PASSWORD
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows
from tests.reflections.conftest import Visitor, make_round

EVERYONE_200 = {"anonymous": 200, "dan": 200, "carol": 200, "bob": 200, "fran": 200, "alice": 200}

MATRIX = [
    (
        "reflections:delete",
        "round",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 403, "alice": 200},
    ),
    (
        "reflections:delete",
        "round",
        "post",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 403, "alice": 200},
    ),
    # Carol deletes only her own organisation, Hillside: the organisation is the one she is working in.
    (
        "organisations:delete",
        None,
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 403, "fran": 403, "carol": 200, "alice": 200},
    ),
    (
        "organisations:delete",
        None,
        "post",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 403, "fran": 403, "carol": 200, "alice": 200},
    ),
    (
        "organisations:account-delete",
        None,
        "get",
        {"anonymous": SIGN_IN, "dan": 200, "carol": 200, "bob": 200, "fran": 200, "alice": 200},
    ),
    (
        "organisations:account-delete",
        None,
        "post",
        {"anonymous": SIGN_IN, "dan": 200, "carol": 200, "bob": 200, "fran": 200, "alice": 200},
    ),
    ("organisations:account-deleted", None, "get", EVERYONE_200),
]


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice, title="Day services 2026")


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, open_round, name, target, method, visitor, expected):
    args = [open_round.pk] if target else []
    check_visit(client_for(people[visitor]), method, reverse(name, args=args), expected)
    # A POST with nothing typed never deletes anything.
    assert Round.objects.filter(pk=open_round.pk).exists()
    assert Organisation.objects.count() == 2


def page(response) -> str:
    return response.content.decode()


def error_summary(text: str) -> str:
    return text.split('class="govuk-error-summary', 1)[1].split("</div>", 2)[0]


def confirm_password(client):
    """Give the password again, as allauth's page asks for it, so deleting an organisation goes ahead."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, page(response)[:500]


# --- Deleting a round ---------------------------------------------------------------------------


def test_the_round_page_links_admins_to_deleting_it(client_for, alice, fran, open_round):
    url = reverse("reflections:delete", args=[open_round.pk])
    assert url in page(client_for(alice).get(reverse("reflections:detail", args=[open_round.pk])))
    assert url not in page(client_for(fran).get(reverse("reflections:detail", args=[open_round.pk])))


def test_the_page_says_what_goes_and_what_stays_with_counts_and_no_names(client_for, alice, riverside, open_round):
    for key in ["draws-on-support", "frontline"]:
        Visitor(open_round).join(key, name="Someone Named")
    actions.create_action(organisation=riverside, created_by=alice, round=open_round, what="Meet monthly")
    text = page(client_for(alice).get(reverse("reflections:delete", args=[open_round.pk])))
    assert "2 people’s answers" in text
    assert "workshop" not in text.split('id="what-goes"')[1].split("</ul>")[0]  # none, so not listed
    assert "1 action in the action plan, marked as coming from a round that was deleted" in text
    assert "the audit trail" in text
    assert "Someone Named" not in text


def test_the_page_counts_workshops_ideas_views_links_and_reports(client_for, alice, fran, riverside):
    from tests.security.test_deletion import full_round

    round_ = full_round(riverside, alice, fran, title="Day services 2026")
    text = page(client_for(alice).get(reverse("reflections:delete", args=[round_.pk])))
    for said in [
        "4 people’s answers",
        "1 workshop, with its votes, ideas and dots",
        "1 idea for change",
        "1 view agreed by the group in a workshop",
        "1 share link, which stops working",
        "1 report file made for downloading",
        "2 actions in the action plan",
    ]:
        assert said in text


def test_a_title_that_does_not_match_deletes_nothing_and_says_why(client_for, alice, open_round):
    url = reverse("reflections:delete", args=[open_round.pk])
    response = client_for(alice).post(url, {"confirm": "Day services"})
    text = page(response)
    message = "The title you typed does not match. Type it exactly as shown: Day services 2026"
    assert response.status_code == 200
    assert text.count(message) == 2  # next to the field and in the summary
    assert message in error_summary(text)
    assert 'value="Day services"' in text  # what was typed is kept
    assert "<title>Error:" in text
    empty = page(client_for(alice).post(url, {"confirm": "  "}))
    assert "Type the round’s title to confirm you want to delete it" in error_summary(empty)
    assert Round.objects.filter(pk=open_round.pk).exists()
    assert not AuditEvent.objects.filter(kind=Kind.ROUND_DELETED).exists()


def test_typing_the_title_deletes_the_round_and_says_so_on_the_rounds_list(client_for, alice, open_round):
    response = client_for(alice).post(
        reverse("reflections:delete", args=[open_round.pk]), {"confirm": " Day  services 2026 "}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("reflections:list")
    assert "“Day services 2026” has been deleted. Its actions are still in the action plan." in page(response)
    assert not Round.objects.filter(pk=open_round.pk).exists()
    assert AuditEvent.objects.get(kind=Kind.ROUND_DELETED).actor == alice


def test_an_action_from_a_deleted_round_says_so_in_the_plan_and_on_its_page(client_for, alice, riverside, open_round):
    action = actions.create_action(organisation=riverside, created_by=alice, round=open_round, what="Meet monthly")
    client = client_for(alice)
    client.post(reverse("reflections:delete", args=[open_round.pk]), {"confirm": "Day services 2026"})
    mark = "From a round that was deleted: Day services 2026"
    assert mark in page(client.get(reverse("actions:plan")))
    assert mark in page(client.get(reverse("actions:detail", args=[action.pk])))


def test_changing_an_action_from_a_deleted_round_keeps_its_principles(client_for, alice, riverside, open_round):
    principles = list(open_round.framework_version.principle_rows.order_by("position")[:2])
    action = actions.create_action(
        organisation=riverside, created_by=alice, round=open_round, what="Meet monthly", principles=principles
    )
    client = client_for(alice)
    client.post(reverse("reflections:delete", args=[open_round.pk]), {"confirm": "Day services 2026"})
    saved = client.post(
        reverse("actions:edit", args=[action.pk]),
        {"what": "Meet every month", "status": "not_started", "version": action.version},
    )
    assert saved.status_code == 302, page(saved)[:1000]
    action.refresh_from_db()
    assert action.what == "Meet every month"
    assert set(action.principles.all()) == set(principles)


def test_the_round_deletion_page_runs_a_fixed_number_of_queries(
    client_for, alice, riverside, open_round, django_assert_max_num_queries
):
    for _ in range(6):
        Visitor(open_round).join()
        actions.create_action(organisation=riverside, created_by=alice, round=open_round, what="Do it")
    client = client_for(alice)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("reflections:delete", args=[open_round.pk])).status_code == 200


# --- Deleting the organisation ------------------------------------------------------------------


def test_the_settings_page_links_admins_to_deleting_the_organisation(client_for, alice):
    assert reverse("organisations:delete") in page(client_for(alice).get(reverse("organisations:settings")))


def test_the_organisation_page_says_what_goes_and_that_accounts_stay(client_for, alice, bob, fran, open_round):
    Visitor(open_round).join()
    text = page(client_for(alice).get(reverse("organisations:delete")))
    assert "1 round, with its results" in text and "1 person’s answers" in text
    assert "3 memberships, yours included" in text
    assert "people’s accounts" in text


def test_a_name_that_does_not_match_deletes_nothing_and_asks_no_password(client_for, alice):
    response = client_for(alice).post(reverse("organisations:delete"), {"confirm": "Riverside"})
    text = page(response)
    assert response.status_code == 200
    assert "The name you typed does not match. Type it exactly as shown: Riverside Council" in error_summary(text)
    assert 'value="Riverside"' in text
    assert Organisation.objects.filter(name="Riverside Council").exists()


def test_the_right_name_asks_for_the_password_again_then_deletes(client_for, alice, bob, riverside, open_round):
    client = client_for(alice)
    url = reverse("organisations:delete")
    asked = client.post(url, {"confirm": "Riverside Council"})
    assert asked.status_code == 302 and asked["Location"].startswith(reverse("account_reauthenticate"))
    assert Organisation.objects.filter(pk=riverside.pk).exists()

    confirm_password(client)
    response = client.post(url, {"confirm": "Riverside Council"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("organisations:dashboard")
    assert "Riverside Council has been deleted, with its rounds, answers and action plan." in page(response)
    assert "You are not a member of any organisation yet." in page(response)
    assert not Organisation.objects.filter(pk=riverside.pk).exists()
    assert User.objects.filter(pk__in=[alice.pk, bob.pk]).count() == 2
    assert AuditEvent.objects.get(kind=Kind.ORGANISATION_DELETED).organisation_id == riverside.pk


def test_the_organisation_deletion_page_runs_a_fixed_number_of_queries(
    client_for, alice, riverside, django_assert_max_num_queries
):
    for number in range(4):
        round_ = make_round(riverside, alice, title=f"Round {number}")
        Visitor(round_).join()
    client = client_for(alice)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("organisations:delete")).status_code == 200


# --- Deleting one's own account -----------------------------------------------------------------


def test_the_dashboard_and_two_factor_page_link_to_deleting_ones_account(client_for, bob, dan):
    url = reverse("organisations:account-delete")
    assert url in page(client_for(bob).get(reverse("organisations:dashboard")))
    assert url in page(client_for(dan).get(reverse("organisations:dashboard")))
    assert url in page(client_for(bob).get(reverse("mfa_index")))


def test_the_account_page_says_what_happens(client_for, alice, bob):
    text = page(client_for(bob).get(reverse("organisations:account-delete")))
    assert "Riverside Council (viewer)" in text
    assert "marked as needing a new owner" in text
    assert "The audit trail keeps your email address" in text
    assert 'name="password"' in text


def test_a_wrong_password_deletes_nothing_and_counts_as_a_failed_attempt(client_for, alice, bob, riverside):
    response = client_for(bob).post(reverse("organisations:account-delete"), {"password": "not-my-password"})
    text = page(response)
    assert response.status_code == 200
    assert "The password is not right" in error_summary(text)
    assert User.objects.filter(pk=bob.pk).exists()
    assert AuditEvent.objects.filter(kind=Kind.SIGN_IN_FAILED, target_label=bob.email).exists()
    missing = page(client_for(bob).post(reverse("organisations:account-delete"), {"password": ""}))
    assert "Enter your password" in error_summary(missing)


def test_wrong_passwords_count_towards_the_limit_on_guessing(client_for, alice, bob):
    client = client_for(bob)
    url = reverse("organisations:account-delete")
    for _ in range(10):
        client.post(url, {"password": "a-guess"})
    refused = page(client.post(url, {"password": PASSWORD}))
    assert "There have been too many wrong tries to sign in. Try again after" in error_summary(refused)
    assert User.objects.filter(pk=bob.pk).exists()


def test_the_right_password_deletes_the_account_signs_out_and_says_it_is_done(client_for, alice, bob, riverside):
    action = actions.create_action(organisation=riverside, created_by=bob, what="Pay for time", owner=bob)
    client = client_for(bob)
    response = client.post(reverse("organisations:account-delete"), {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("organisations:account-deleted")
    assert "Your account has been deleted" in page(response)
    assert not User.objects.filter(pk=bob.pk).exists()
    check_visit(client, "get", reverse("organisations:dashboard"), SIGN_IN)
    assert not Client().login(email="bob@riverside.example", password=PASSWORD)
    action.refresh_from_db()
    assert action.needs_new_owner


def test_the_plan_marks_an_action_whose_owner_left(client_for, alice, bob, riverside):
    actions.create_action(organisation=riverside, created_by=alice, what="Pay for time", owner=bob)
    client_for(bob).post(reverse("organisations:account-delete"), {"password": PASSWORD})
    text = page(client_for(alice).get(reverse("actions:plan")))
    assert "Needs a new owner" in text and "(Bob Brown’s account was deleted)" in text


def test_the_only_admin_is_told_to_make_someone_else_admin_first(client_for, alice, bob):
    client = client_for(alice)
    text = page(client.get(reverse("organisations:account-delete")))
    assert "you are the only admin of Riverside Council, and it has other members" in text
    assert 'name="password"' not in text
    refused = client.post(reverse("organisations:account-delete"), {"password": PASSWORD})
    assert refused.status_code == 200 and User.objects.filter(pk=alice.pk).exists()


def test_the_only_member_is_told_to_delete_the_organisation_first(client_for, carol):
    text = page(client_for(carol).get(reverse("organisations:account-delete")))
    assert "you are the only member of Hillside Care. Delete the organisation first" in text
    assert reverse("organisations:delete") in text


def test_the_account_deletion_page_runs_a_fixed_number_of_queries(
    client_for, bob, hillside, django_assert_max_num_queries
):
    from coreflect.organisations.models import Membership

    Membership.objects.create(organisation=hillside, user=bob, role="viewer")
    client = client_for(bob)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("organisations:account-delete")).status_code == 200
