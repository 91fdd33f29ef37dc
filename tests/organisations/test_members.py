"""Admins invite people, change roles and remove members; an organisation never loses its last admin."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from coreflect.organisations import services
from coreflect.organisations.models import Invitation


def invitation_link(message) -> str:
    return re.search(r"http://\S+/invitations/\S+/", message.body).group(0)


def test_admin_invites_someone_by_email(client_for, alice, riverside):
    response = client_for(alice).post(
        reverse("organisations:invite"), {"email": "Nina@Example.org", "role": "facilitator"}, follow=True
    )
    assert "Invitation sent to nina@example.org" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@example.org"]
    assert "Riverside Council" in message.subject
    assert "Alice Adams has invited you to join Riverside Council on Coreflect as a facilitator" in message.body
    invitation = riverside.invitations.get()
    token = invitation_link(message).rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert token not in invitation.token_hash  # only a hash of the token is stored


def test_invite_form_keeps_what_was_typed_and_explains_errors(client_for, alice, bob):
    response = client_for(alice).post(reverse("organisations:invite"), {"email": "not-an-address", "role": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert "Select a role" in page
    assert 'value="not-an-address"' in page
    assert '<a href="#id_email">' in page and '<a href="#id_role_0">' in page


def test_cannot_invite_an_existing_member(client_for, alice, bob):
    response = client_for(alice).post(
        reverse("organisations:invite"), {"email": "BOB@riverside.example", "role": "admin"}
    )
    assert "bob@riverside.example is already a member of this organisation" in response.content.decode()
    assert not mail.outbox


def test_new_person_accepts_invitation_by_creating_an_account(client, alice, riverside):
    services.invite(organisation=riverside, email="nina@example.org", role="facilitator", invited_by=alice)
    link = invitation_link(mail.outbox[0]).replace("http://127.0.0.1:8000", "")
    page = client.get(link).content.decode()
    assert "Join Riverside Council on Coreflect" in page and "nina@example.org" in page

    short = client.post(link, {"name": "Nina Novak", "password1": "short", "password2": "short"})
    assert "This password is too short" in short.content.decode()
    assert 'value="Nina Novak"' in short.content.decode()

    response = client.post(
        link, {"name": "Nina Novak", "password1": "river-walks-daily", "password2": "river-walks-daily"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("organisations:dashboard")
    assert "Welcome to Riverside Council" in response.content.decode()
    assert riverside.memberships.get(user__email="nina@example.org").role == "facilitator"

    # Single use: the same link now explains itself instead of working again.
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "This invitation has already been used" in again.content.decode()


def test_existing_account_joins_after_signing_in(client, alice, carol, riverside):
    services.invite(organisation=riverside, email="carol@hillside.example", role="viewer", invited_by=alice)
    link = invitation_link(mail.outbox[0]).replace("http://127.0.0.1:8000", "")
    assert "Sign in to join" in client.get(link).content.decode()
    client.force_login(carol)
    client.post(link)
    assert riverside.memberships.get(user=carol).role == "viewer"
    assert carol.memberships.count() == 2


def test_expired_and_cancelled_invitations_are_refused_kindly(client, alice, riverside):
    invitation, token = services.invite(
        organisation=riverside, email="late@example.org", role="viewer", invited_by=alice
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("organisations:accept-invitation", args=[token]))
    assert response.status_code == 410 and "This invitation has expired" in response.content.decode()

    invitation, token = services.invite(
        organisation=riverside, email="gone@example.org", role="viewer", invited_by=alice
    )
    services.cancel_invitation(invitation)
    response = client.get(reverse("organisations:accept-invitation", args=[token]))
    assert "This invitation has been cancelled" in response.content.decode()

    response = client.get(reverse("organisations:accept-invitation", args=["not-a-real-token"]))
    assert "This invitation link is not recognised" in response.content.decode()


def test_invitations_expire_after_fourteen_days(alice, riverside):
    invitation, _ = services.invite(organisation=riverside, email="x@example.org", role="viewer", invited_by=alice)
    assert timedelta(days=13, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=14)


def test_admin_changes_a_role(client_for, alice, bob):
    membership = bob.memberships.get()
    response = client_for(alice).post(
        reverse("organisations:member-role", args=[membership.pk]), {"role": "facilitator"}, follow=True
    )
    assert "Bob Brown is now a facilitator" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "facilitator"


def test_the_last_admin_cannot_step_down_or_be_removed(client_for, alice):
    membership = alice.memberships.get()
    client = client_for(alice)
    response = client.post(reverse("organisations:member-role", args=[membership.pk]), {"role": "viewer"})
    assert "Alice Adams is the only admin. Make someone else an admin first." in response.content.decode()
    response = client.post(reverse("organisations:member-remove", args=[membership.pk]))
    assert "Alice Adams is the only admin" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_admin_removes_a_member_who_then_loses_access(client_for, alice, bob):
    membership = bob.memberships.get()
    bobs_client = client_for(bob)
    assert bobs_client.get(reverse("organisations:dashboard")).status_code == 200
    response = client_for(alice).post(reverse("organisations:member-remove", args=[membership.pk]), follow=True)
    assert "Bob Brown has been removed from Riverside Council" in response.content.decode()
    # Membership is re-checked on every request: Bob's next page no longer shows Riverside.
    page = bobs_client.get(reverse("organisations:dashboard")).content.decode()
    assert "You are not a member of any organisation yet" in page
    assert bobs_client.get(reverse("organisations:members")).status_code == 302


def test_admin_cancels_an_invitation(client_for, alice, riverside):
    invitation, _ = services.invite(organisation=riverside, email="x@example.org", role="viewer", invited_by=alice)
    response = client_for(alice).post(reverse("organisations:invitation-cancel", args=[invitation.pk]), follow=True)
    assert "The invitation to x@example.org has been cancelled" in response.content.decode()
    assert not riverside.invitations.pending().exists()


@pytest.mark.parametrize("bad_role", ["owner", "", "ADMIN"])
def test_role_must_be_one_of_the_roles(client_for, alice, bob, bad_role):
    membership = bob.memberships.get()
    response = client_for(alice).post(reverse("organisations:member-role", args=[membership.pk]), {"role": bad_role})
    assert response.status_code == 200
    assert "Select a role" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "viewer"
