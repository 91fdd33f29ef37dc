"""Every organisation view × every kind of visitor: signed out, no organisation, another
organisation, each role. Another organisation's object is a 404; the wrong role is a 403."""

import pytest
from django.urls import reverse

from coreflect.organisations import services
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


@pytest.fixture
def riverside_objects(riverside, alice, bob):
    invitation, _token = services.invite(
        organisation=riverside, email="new@riverside.example", role="viewer", invited_by=alice
    )
    return {
        "bob_membership": bob.memberships.get().pk,
        "invitation": invitation.pk,
    }


def url_for(name, objects, key=None):
    return reverse(name, args=[objects[key]] if key else [])


# (url name, object key or None, method, {visitor: expected})
MATRIX = [
    (
        "organisations:dashboard",
        None,
        "get",
        {"anonymous": SIGN_IN, "dan": 200, "carol": 200, "bob": 200, "fran": 200, "alice": 200},
    ),
    ("organisations:create", None, "get", {"anonymous": SIGN_IN, "dan": 200, "carol": 200, "bob": 200, "alice": 200}),
    (
        "organisations:settings",
        None,
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 200, "bob": 403, "fran": 403, "alice": 200},
    ),
    (
        "organisations:members",
        None,
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 200, "bob": 403, "fran": 403, "alice": 200},
    ),
    (
        "organisations:audit-trail",
        None,
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 200, "bob": 403, "fran": 403, "alice": 200},
    ),
    (
        "organisations:invite",
        None,
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 200, "bob": 403, "fran": 403, "alice": 200},
    ),
    (
        "organisations:member-role",
        "bob_membership",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 403, "alice": 200},
    ),
    (
        "organisations:member-remove",
        "bob_membership",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 403, "alice": 200},
    ),
    (
        "organisations:invitation-cancel",
        "invitation",
        "post",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 403, "alice": 302},
    ),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, riverside_objects, name, target, method, visitor, expected):
    check_visit(client_for(people[visitor]), method, url_for(name, riverside_objects, target), expected)


def test_another_organisations_admin_sees_only_their_own_members(client_for, carol, alice, bob):
    page = client_for(carol).get(reverse("organisations:members")).content.decode()
    assert "Carol Clarke" in page
    assert "Alice Adams" not in page and "Bob Brown" not in page


def test_another_organisations_admin_cannot_change_a_riverside_role(client_for, carol, bob):
    membership = bob.memberships.get()
    response = client_for(carol).post(reverse("organisations:member-role", args=[membership.pk]), {"role": "admin"})
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.role == "viewer"


def test_a_viewer_cannot_invite_people(client_for, bob, riverside):
    response = client_for(bob).post(reverse("organisations:invite"), {"email": "x@example.org", "role": "admin"})
    assert response.status_code == 403
    assert not riverside.invitations.exists()


def test_every_organisation_view_is_in_the_matrix():
    """A new view in the organisations app must get a row here."""
    from coreflect.organisations import urls

    deletion = {"delete", "account-delete", "account-deleted"}  # tests/security/test_deletion_pages.py
    covered = {name.split(":")[1] for name, *_ in MATRIX} | {"switch", "accept-invitation"} | deletion
    assert {pattern.name for pattern in urls.urlpatterns} <= covered
