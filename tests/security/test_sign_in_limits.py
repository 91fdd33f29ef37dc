"""Guessing is limited: 10 wrong passwords in 5 minutes per account and per client, then even the right password
is refused – without being hashed – with a time to try again. Password reset emails, invitations and new
rounds are limited too, and a made-up X-Forwarded-For never starts a count afresh."""

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD, make_person

SIGN_IN = "/sign-in/"
LOCKED = "There have been too many wrong tries to sign in. Try again after"


@pytest.fixture
def hashing(monkeypatch):
    """Counts every password hashed or checked (the tests' hasher is MD5; the service's is PBKDF2)."""
    calls = []
    real_verify, real_encode = MD5PasswordHasher.verify, MD5PasswordHasher.encode

    def verify(self, password, encoded):
        calls.append("verify")
        return real_verify(self, password, encoded)

    def encode(self, password, salt):
        calls.append("encode")
        return real_encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "verify", verify)
    monkeypatch.setattr(MD5PasswordHasher, "encode", encode)
    return calls


def sign_in(client, email, password, **headers):
    return client.post(SIGN_IN, {"login": email, "password": password}, **headers)


def test_after_ten_wrong_passwords_the_right_one_is_refused_without_hashing(client, alice, hashing):
    for _ in range(10):
        page = sign_in(client, alice.email, "not-the-password").content.decode()
        assert "The email address or password is not right" in page
    assert hashing.count("verify") == 10

    hashing.clear()
    refused = sign_in(client, alice.email, PASSWORD)
    page = refused.content.decode()
    assert refused.status_code == 200 and LOCKED in page
    assert re.search(LOCKED + r" \d{1,2}(:\d\d)?(am|pm)", page) or "midday" in page or "midnight" in page
    assert hashing == []  # no hash was worked out: guessing cannot be used to load the server
    assert "_auth_user_id" not in client.session


def test_the_limit_is_per_account_from_any_client(client, alice, hashing):
    for number in range(10):
        sign_in(client, alice.email, "wrong", REMOTE_ADDR=f"198.51.100.{number + 1}")
    hashing.clear()
    page = sign_in(client, alice.email, PASSWORD, REMOTE_ADDR="203.0.113.77").content.decode()
    assert LOCKED in page and hashing == []


def test_the_limit_is_per_client_across_accounts(client, alice, bob, hashing):
    for number in range(10):
        sign_in(client, f"someone{number}@riverside.example", "wrong", REMOTE_ADDR="198.51.100.7")
    hashing.clear()
    page = sign_in(client, bob.email, PASSWORD, REMOTE_ADDR="198.51.100.7").content.decode()
    assert LOCKED in page and hashing == []
    # Bob himself, from his own computer, is not held up by someone else's guessing at other accounts.
    assert sign_in(client, bob.email, PASSWORD, REMOTE_ADDR="192.0.2.10").status_code == 302


def test_a_rotated_x_forwarded_for_does_not_start_afresh(client, bob, settings, hashing):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for number in range(10):
        # The client makes up a new first hop each time; our proxy (10.0.0.2) appends the real address.
        sign_in(
            client,
            f"guess{number}@riverside.example",
            "wrong",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.5",
        )
    hashing.clear()
    page = sign_in(
        client, bob.email, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.5"
    ).content.decode()
    assert LOCKED in page and hashing == []


def test_a_made_up_header_without_a_trusted_proxy_changes_nothing(client, bob, settings):
    settings.TRUSTED_PROXIES = []
    for number in range(10):
        sign_in(client, f"guess{number}@x.example", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    page = sign_in(client, bob.email, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").content.decode()
    assert LOCKED in page


def test_right_passwords_do_not_use_up_the_limit(client, alice):
    for _ in range(12):
        assert sign_in(client, alice.email, PASSWORD).status_code == 302
        client.post(reverse("accounts:sign-out"))


def test_the_admin_sign_in_is_the_same_sign_in_page(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN + "?next=")
    staff = make_person("ops@coreflect.example", "Ops")
    staff.is_staff = True
    staff.save()
    for _ in range(10):
        sign_in(client, staff.email, "wrong")
    assert LOCKED in sign_in(client, staff.email, PASSWORD).content.decode()


def test_password_reset_emails_are_limited_per_address(client, alice):
    for _ in range(3):
        assert client.post(reverse("accounts:password-reset"), {"email": alice.email}).status_code == 302
    assert len(mail.outbox) == 3
    refused = client.post(reverse("accounts:password-reset"), {"email": "ALICE@riverside.example"})
    page = refused.content.decode()
    assert refused.status_code == 429 and "You have tried that too many times" in page
    assert "Try again after" in page
    assert len(mail.outbox) == 3


def test_password_reset_emails_are_limited_per_client(client, db):
    for number in range(10):
        client.post(reverse("accounts:password-reset"), {"email": f"person{number}@example.org"})
    refused = client.post(reverse("accounts:password-reset"), {"email": "another@example.org"})
    assert refused.status_code == 429 and "Try again after" in refused.content.decode()


def test_invitation_emails_are_limited_per_account(client_for, alice, monkeypatch):
    monkeypatch.setattr("coreflect.accounts.limits.INVITATIONS", "3/h")
    client = client_for(alice)
    url = reverse("organisations:invite")
    for number in range(3):
        response = client.post(url, {"email": f"new{number}@example.org", "role": "viewer"})
        assert response.status_code == 302
    refused = client.post(url, {"email": "one-more@example.org", "role": "viewer"})
    assert refused.status_code == 429 and "Try again after" in refused.content.decode()
    assert not alice.memberships.get().organisation.invitations.filter(email="one-more@example.org").exists()


def test_new_rounds_are_limited_per_account(client_for, fran, monkeypatch):
    from tests.reflections.test_rounds import round_form  # the form as a facilitator fills it in

    monkeypatch.setattr("coreflect.accounts.limits.NEW_ROUNDS", "2/h")
    client = client_for(fran)
    url = reverse("reflections:create")
    for _ in range(2):
        assert client.post(url, round_form()).status_code == 302
    refused = client.post(url, round_form())
    assert refused.status_code == 429 and "You have tried that too many times" in refused.content.decode()
    assert fran.memberships.get().organisation.rounds.count() == 2


def test_once_a_client_is_shut_out_its_tries_are_turned_away_cheaply(client, bob, django_assert_max_num_queries):
    for number in range(10):
        sign_in(client, f"someone{number}@riverside.example", "wrong")
    assert LOCKED in sign_in(client, bob.email, PASSWORD).content.decode()
    with django_assert_max_num_queries(2):  # one cache read (and the session, if any): no counting, no hash
        refused = sign_in(client, bob.email, PASSWORD)
    assert refused.status_code == 429 and "Try again after" in refused.content.decode()
