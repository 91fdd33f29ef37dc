"""Signing in and out, resetting a forgotten password, and the idle timeout."""

import re
import time

from django.core import mail
from django.urls import reverse

from coreflect.accounts.middleware import LAST_SEEN_KEY
from tests.conftest import PASSWORD, totp_code


def test_sign_in_with_email_and_password_reaches_the_dashboard(client, alice):
    response = client.post(
        reverse("accounts:sign-in"), {"login": "ALICE@riverside.example", "password": PASSWORD}, follow=True
    )
    # Alice is an admin, so her account uses two-factor authentication: her app's code comes next.
    assert "Enter your code" in response.content.decode()
    response = client.post(response.redirect_chain[-1][0], {"code": totp_code()}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("organisations:dashboard")
    assert "Riverside Council" in response.content.decode()


def test_wrong_password_is_explained_and_the_address_kept(client, alice):
    response = client.post(reverse("accounts:sign-in"), {"login": "alice@riverside.example", "password": "nope"})
    page = response.content.decode()
    assert "The email address or password is not right" in page
    assert 'value="alice@riverside.example"' in page
    assert "<title>Error: Sign in – Coreflect</title>" in page


def test_empty_sign_in_says_what_is_missing(client, db):
    page = client.post(reverse("accounts:sign-in"), {"login": "", "password": ""}).content.decode()
    assert "Enter your email address" in page and "Enter your password" in page


def test_sign_out_needs_a_form_post_and_ends_the_session(client_for, alice):
    client = client_for(alice)
    # A link (or an image on another site) cannot sign anyone out: following one only asks.
    asked = client.get(reverse("accounts:sign-out"))
    assert "Sign out of Coreflect?" in asked.content.decode()
    assert client.get(reverse("organisations:dashboard")).status_code == 200
    client.post(reverse("accounts:sign-out"))
    response = client.get(reverse("organisations:dashboard"))
    assert response.status_code == 302 and reverse("accounts:sign-in") in response["Location"]


def test_signed_out_visitor_returns_to_the_page_they_asked_for(client, alice):
    response = client.get(reverse("organisations:members"))
    assert response["Location"] == reverse("accounts:sign-in") + "?next=" + reverse("organisations:members")
    response = client.post(response["Location"], {"login": "alice@riverside.example", "password": PASSWORD})
    response = client.post(response["Location"], {"code": totp_code()})
    assert response["Location"] == reverse("organisations:members")


def test_password_reset_by_emailed_link(client, alice):
    response = client.post(reverse("accounts:password-reset"), {"email": "Alice@Riverside.example"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/password-reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]

    mismatch = client.post(set_url, {"password1": "new-river-password", "password2": "different-password"})
    assert "The two passwords do not match" in mismatch.content.decode()

    done = client.post(set_url, {"password1": "new-river-password", "password2": "new-river-password"}, follow=True)
    assert "Your password has been changed" in done.content.decode()
    assert client.login(username="alice@riverside.example", password="new-river-password")


def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your email" in response.content.decode()
    assert not mail.outbox


def test_idle_session_is_signed_out(client_for, alice, settings):
    client = client_for(alice)
    client.get(reverse("organisations:dashboard"))
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = client.get(reverse("organisations:dashboard"), follow=True)
    assert "You were signed out because you had not used Coreflect for a while" in response.content.decode()


def test_an_active_session_stays_signed_in(client_for, alice, settings):
    client = client_for(alice)
    client.get(reverse("organisations:dashboard"))
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 + 60
    session.save()
    assert client.get(reverse("organisations:dashboard")).status_code == 200
