"""The dashboard, setting up an organisation, and switching between organisations."""

from django.urls import reverse

from coreflect.organisations.models import Membership
from coreflect.organisations.permissions import Role
from tests.conftest import make_person


def test_dashboard_shows_the_organisation_and_an_empty_state(client_for, alice, bob):
    page = client_for(alice).get(reverse("organisations:dashboard")).content.decode()
    assert "Riverside Council" in page
    assert "There are no reflections yet" in page
    assert "Bob Brown" in page  # admins see the members


def test_viewers_do_not_see_the_member_list(client_for, bob, alice):
    page = client_for(bob).get(reverse("organisations:dashboard")).content.decode()
    assert "Riverside Council" in page
    assert "Alice Adams" not in page
    assert "Manage members" not in page


def test_someone_with_no_organisation_can_set_one_up(client_for, dan):
    client = client_for(dan)
    assert (
        "You are not a member of any organisation yet"
        in client.get(reverse("organisations:dashboard")).content.decode()
    )
    response = client.post(
        reverse("organisations:create"), {"name": "  Dale   Carers Network ", "kind": "user_led"}, follow=True
    )
    page = response.content.decode()
    assert "Dale Carers Network is set up. You are its admin." in page
    assert dan.memberships.get().role == Role.ADMIN
    # An admin must use two-factor authentication: Dan is asked to set it up before anything else.
    assert response.redirect_chain[-1][0] == reverse("mfa_index")
    assert "You are an admin of Dale Carers Network, so your account must use two-factor authentication" in page


def test_setting_up_an_organisation_explains_missing_answers(client_for, dan):
    response = client_for(dan).post(reverse("organisations:create"), {"name": "", "kind": "spaceship"})
    page = response.content.decode()
    assert "Enter the organisation’s name" in page
    assert "Select what kind of organisation it is" in page
    assert not dan.memberships.exists()


def test_a_person_in_two_organisations_switches_and_the_header_follows(client_for, carol, riverside):
    Membership.objects.create(organisation=riverside, user=carol, role=Role.VIEWER)
    client = client_for(carol)
    first = client.get(reverse("organisations:dashboard")).content.decode()
    assert "Organisation: <strong>Hillside Care</strong>" in first
    assert "Switch to" in first
    response = client.post(reverse("organisations:switch"), {"organisation": riverside.pk}, follow=True)
    page = response.content.decode()
    assert "You are now working in Riverside Council" in page
    assert "Organisation: <strong>Riverside Council</strong> (Viewer)" in page


def test_cannot_switch_into_an_organisation_you_do_not_belong_to(client_for, carol, riverside):
    response = client_for(carol).post(reverse("organisations:switch"), {"organisation": riverside.pk}, follow=True)
    page = response.content.decode()
    assert "You are not a member of that organisation" in page
    assert "Organisation: <strong>Hillside Care</strong>" in page


def test_admin_edits_organisation_details(client_for, alice, riverside):
    response = client_for(alice).post(
        reverse("organisations:settings"), {"name": "Riverside City Council", "kind": "local_authority"}, follow=True
    )
    assert "Organisation details saved" in response.content.decode()
    riverside.refresh_from_db()
    assert riverside.name == "Riverside City Council"


def add_viewers(organisation, count):
    for number in range(count):
        Membership.objects.create(
            organisation=organisation,
            user=make_person(f"p{number}@example.org", f"Person {number}"),
            role=Role.VIEWER,
        )


def test_dashboard_query_count_does_not_grow_with_members(client_for, alice, riverside, django_assert_max_num_queries):
    client = client_for(alice)
    add_viewers(riverside, 30)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("organisations:dashboard"))
    assert response.content.decode().count("@example.org") >= 30


def test_members_page_query_count_is_bounded(client_for, alice, riverside, django_assert_max_num_queries):
    client = client_for(alice)
    add_viewers(riverside, 30)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("organisations:members"))
    assert response.content.decode().count("@example.org") >= 30
