"""Signed-in sessions end after 30 idle minutes and after 12 hours whatever the activity; a warning with a
"Stay signed in" button comes 2 minutes before the idle end, and typed text is never lost to it."""

import time

import pytest
from django.urls import reverse

from coreflect.accounts.middleware import LAST_SEEN_KEY, SIGNED_IN_AT_KEY
from tests.conftest import PASSWORD, totp_code
from tests.permissions import SIGN_IN, check_visit

KEEP_ALIVE = "/account/keep-alive/"


def age_session(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"last_seen": LAST_SEEN_KEY, "signed_in": SIGNED_IN_AT_KEY}[key]] = now - ago
    session.save()


def test_the_defaults_are_30_idle_minutes_and_12_hours(settings):
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_LIFETIME_HOURS == 12


def test_signing_in_starts_both_clocks(client, fran):
    before = int(time.time())
    client.post(reverse("accounts:sign-in"), {"login": fran.email, "password": PASSWORD})
    assert client.session[SIGNED_IN_AT_KEY] >= before and client.session[LAST_SEEN_KEY] >= before


def test_a_session_ends_after_its_lifetime_however_busy(client_for, bob, settings):
    client = client_for(bob)
    age_session(client, signed_in=settings.SESSION_LIFETIME_HOURS * 3600 + 5, last_seen=10)
    response = client.get(reverse("organisations:dashboard"), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:sign-in"))
    assert "You were signed out because you had been signed in for more than 12 hours" in page


def test_a_session_within_its_lifetime_carries_on(client_for, bob, settings):
    client = client_for(bob)
    age_session(client, signed_in=settings.SESSION_LIFETIME_HOURS * 3600 - 60, last_seen=10)
    assert client.get(reverse("organisations:dashboard")).status_code == 200


def test_an_idle_session_ends_after_30_minutes(client_for, bob):
    client = client_for(bob)
    age_session(client, last_seen=30 * 60 + 5)
    page = client.get(reverse("organisations:dashboard"), follow=True).content.decode()
    assert "You were signed out because you had not used Coreflect for a while" in page


def test_stay_signed_in_starts_the_idle_time_again(client_for, bob):
    client = client_for(bob)
    age_session(client, last_seen=28 * 60)
    assert client.post(KEEP_ALIVE).status_code == 204
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 2
    age_session(client, last_seen=0)
    assert client.get(reverse("organisations:dashboard")).status_code == 200


def test_keep_alive_is_a_post_for_signed_in_people_only(client, client_for, bob):
    check_visit(client, "post", KEEP_ALIVE, SIGN_IN)
    assert client_for(bob).get(KEEP_ALIVE).status_code == 405


def test_keep_alive_costs_few_queries(client_for, bob, django_assert_max_num_queries):
    client = client_for(bob)
    with django_assert_max_num_queries(6):
        assert client.post(KEEP_ALIVE).status_code == 204


def test_signed_in_pages_carry_the_warning_and_others_do_not(client, client_for, alice):
    page = client_for(alice).get(reverse("organisations:members")).content.decode()
    assert 'data-idle-seconds="1800"' in page and "Stay signed in" in page
    assert 'src="/static/js/session.mjs"' in page
    assert "Stay signed in" not in client.get(reverse("accounts:sign-in")).content.decode()


@pytest.mark.parametrize("hours", ["0", "x"])
def test_a_bad_lifetime_is_refused_at_start_up(monkeypatch, hours):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import coreflect.settings

    monkeypatch.setenv("SESSION_LIFETIME_HOURS", hours)
    with pytest.raises(ImproperlyConfigured, match="SESSION_LIFETIME_HOURS"):
        importlib.reload(coreflect.settings)
    monkeypatch.delenv("SESSION_LIFETIME_HOURS")
    importlib.reload(coreflect.settings)


def test_mfa_sign_in_also_starts_the_clocks(client, alice):
    client.post(reverse("accounts:sign-in"), {"login": alice.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert SIGNED_IN_AT_KEY in client.session
