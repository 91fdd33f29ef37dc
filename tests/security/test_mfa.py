"""Two-factor authentication: setting up an authenticator app, signing in with its codes or a recovery code,
and who must use it – admins, staff, and everyone in an organisation that asks – with no way around it."""

import json
import re
import secrets

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD, TOTP_SECRET, make_person, totp_code
from tests.permissions import SIGN_IN, check_visit

MFA_SET_UP = "/account/mfa/"


def sign_in(client, email, password=PASSWORD, next_url=None):
    url = reverse("accounts:sign-in") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": email, "password": password})


def set_up_app(client):
    """Goes through the authenticator app set-up as a person would; returns the secret their app holds."""
    page = client.get(reverse("mfa_activate_totp"))
    if page.status_code == 302:  # a change to how one signs in asks for the password again first
        assert page["Location"].startswith(reverse("account_reauthenticate"))
        assert "Confirm your password" in client.get(page["Location"]).content.decode()
        client.post(page["Location"], {"password": PASSWORD})
        page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200, page.get("Location")
    secret = re.search(r'id="authenticator_secret">([A-Z2-7]+)<', page.content.decode()).group(1)
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000" if totp_code(secret) != "000000" else "1"})
    assert "There is a problem" in wrong.content.decode()
    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    assert done.status_code == 200
    return secret, done


@pytest.fixture
def fresh_client():
    return Client()


@pytest.mark.django_db(transaction=True)  # the notice is emailed once the change is committed
def test_a_facilitator_sets_up_an_app_and_then_signs_in_with_its_code(fresh_client, fran):
    client = fresh_client
    assert sign_in(client, fran.email)["Location"] == reverse("organisations:dashboard")
    secret, done = set_up_app(client)
    page = done.content.decode()
    assert "Your recovery codes" in page  # shown straight after, to keep somewhere safe
    codes = re.findall(r"<li><code>([A-Za-z0-9]+)</code></li>", page)
    assert len(codes) == 10
    told = [message for message in mail.outbox if "An authenticator app has been set up" in message.subject]
    assert told and told[0].to == [fran.email]
    assert "If this was not you, reset your password straight away" in told[0].body

    client.post(reverse("accounts:sign-out"))
    asked = sign_in(client, fran.email)
    assert asked["Location"] == reverse("mfa_authenticate")
    # Signed in only once the code is given: every other page still sends her to sign in.
    assert client.get(reverse("organisations:dashboard"))["Location"].startswith(reverse("accounts:sign-in"))
    wrong = client.post(reverse("mfa_authenticate"), {"code": "12345"}).content.decode()
    assert "Incorrect code" in wrong or "not right" in wrong
    assert "There is a problem" in wrong
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})["Location"] == reverse(
        "organisations:dashboard"
    )

    # A recovery code works once, in the same box.
    client.post(reverse("accounts:sign-out"))
    sign_in(client, fran.email)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]})["Location"] == reverse(
        "organisations:dashboard"
    )
    client.post(reverse("accounts:sign-out"))
    sign_in(client, fran.email)
    assert client.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 200  # refused


def test_the_challenge_page_is_a_govuk_form(fresh_client, alice):
    sign_in(fresh_client, alice.email)
    page = fresh_client.post(reverse("mfa_authenticate"), {"code": ""}).content.decode()
    assert "<title>Error: Enter your code – Coreflect</title>" in page
    assert 'class="govuk-error-summary"' in page and "Enter the code" in page
    assert 'autocomplete="one-time-code"' in page and "govuk-input--error" in page


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/",
        "/organisation/members/",
        "/organisation/settings/",
        "/rounds/new/",
        "/frameworks/",
        "/admin/",
    ],
)
def test_an_admin_without_mfa_can_reach_only_the_set_up(client_for, riverside, url):
    newcomer = make_person("nadia@riverside.example", "Nadia Noor", riverside, "admin")
    Authenticator.objects.filter(user=newcomer).delete()
    response = client_for(newcomer).get(url)
    assert response.status_code == 302 and response["Location"] == MFA_SET_UP


def test_the_set_up_page_explains_why(client_for, riverside):
    newcomer = make_person("nadia@riverside.example", "Nadia Noor", riverside, "admin")
    Authenticator.objects.filter(user=newcomer).delete()
    client = client_for(newcomer)
    page = client.get(reverse("organisations:dashboard"), follow=True).content.decode()
    assert "Set up two-factor authentication to carry on" in page
    assert "You are an admin of Riverside Council, so your account must use two-factor authentication" in page
    assert client.post(reverse("accounts:sign-out")).status_code == 302  # signing out is always possible


def test_a_new_admin_sets_up_an_app_and_carries_on(fresh_client, riverside):
    newcomer = make_person("nadia@riverside.example", "Nadia Noor", riverside, "admin")
    Authenticator.objects.filter(user=newcomer).delete()
    client = fresh_client
    assert sign_in(client, newcomer.email)["Location"] == reverse("organisations:dashboard")
    assert client.get(reverse("organisations:members"))["Location"] == MFA_SET_UP
    set_up_app(client)
    assert client.get(reverse("organisations:members")).status_code == 200


def test_removing_the_only_app_sends_an_admin_back_to_set_up(client_for, riverside, alice):
    client = client_for(alice)
    assert client.get(reverse("organisations:members")).status_code == 200
    Authenticator.objects.filter(user=alice).delete()  # e.g. from another session, or by Coreflect's staff
    session = client.session
    session.pop("coreflect_has_mfa", None)
    session.save()
    assert client.get(reverse("organisations:members"))["Location"] == MFA_SET_UP


def test_an_organisation_can_ask_everyone_to_use_mfa(client_for, alice, bob, riverside):
    bobs = client_for(bob)
    assert bobs.get(reverse("organisations:dashboard")).status_code == 200
    page = client_for(alice).get(reverse("organisations:settings")).content.decode()
    assert "Everyone in this organisation must use two-factor authentication" in page
    client_for(alice).post(
        reverse("organisations:settings"), {"name": riverside.name, "kind": riverside.kind, "requires_mfa": "on"}
    )
    riverside.refresh_from_db()
    assert riverside.requires_mfa
    response = bobs.get(reverse("organisations:dashboard"), follow=True)
    assert response.redirect_chain[-1][0] == MFA_SET_UP
    assert "Riverside Council asks everyone in it to use two-factor authentication" in response.content.decode()


def test_only_an_admin_changes_the_mfa_setting(client_for, fran, riverside):
    response = client_for(fran).post(
        reverse("organisations:settings"), {"name": riverside.name, "kind": riverside.kind, "requires_mfa": "on"}
    )
    assert response.status_code == 403
    riverside.refresh_from_db()
    assert not riverside.requires_mfa


def test_staff_must_use_mfa_for_the_operations_admin(fresh_client, db):
    staff = make_person("ops@coreflect.example", "Ops")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client = fresh_client
    assert client.get("/admin/login/")["Location"].startswith(reverse("accounts:sign-in"))
    sign_in(client, staff.email, next_url="/admin/")
    assert client.get("/admin/")["Location"] == MFA_SET_UP
    secret, _done = set_up_app(client)
    assert client.get("/admin/").status_code == 200

    client.post(reverse("accounts:sign-out"))
    asked = sign_in(client, staff.email, next_url="/admin/")
    assert asked["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302  # not in yet
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200


def test_a_password_reset_does_not_skip_mfa_and_is_emailed_about(client, alice):
    client.post(reverse("accounts:password-reset"), {"email": alice.email})
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    client.post(set_url, {"password1": "new-river-password", "password2": "new-river-password"})
    assert any("password has been changed" in message.subject for message in mail.outbox[1:])
    # Not signed in by the reset: signing in asks for the code as always.
    assert client.get(reverse("organisations:dashboard")).status_code == 302
    assert sign_in(client, alice.email, "new-river-password")["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("organisations:members")).status_code == 302
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)}).status_code == 302
    assert client.get(reverse("organisations:members")).status_code == 200


def test_every_mfa_page_needs_signing_in(client, db):
    for name in ["mfa_index", "mfa_activate_totp", "mfa_view_recovery_codes", "mfa_add_webauthn"]:
        check_visit(client, "get", reverse(name), SIGN_IN)


def test_mfa_pages_keep_to_a_fixed_number_of_queries(client_for, alice, django_assert_max_num_queries):
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("mfa_index")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("organisations:dashboard")).status_code == 200


# --- Passkeys and security keys (WebAuthn), with a key made in software ------------------------------------


class SoftKey:
    """A security key in software: what a browser and a key send back to the service, made with fido2's types."""

    def __init__(self, rp_id="testserver", origin="http://testserver"):
        from cryptography.hazmat.primitives.asymmetric import ec

        self.private = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(16)
        self.rp_id, self.origin, self.counter = rp_id, origin, 0

    def _auth_data(self, flags, credential=b""):
        from fido2.utils import sha256
        from fido2.webauthn import AuthenticatorData

        self.counter += 1
        return AuthenticatorData.create(sha256(self.rp_id.encode()), flags, self.counter, credential)

    def register(self, challenge: str) -> str:
        from fido2.cose import ES256
        from fido2.utils import websafe_decode, websafe_encode
        from fido2.webauthn import AttestationObject, AttestedCredentialData, AuthenticatorData, CollectedClientData

        client_data = CollectedClientData.create("webauthn.create", websafe_decode(challenge), self.origin)
        credential = AttestedCredentialData.create(
            b"\0" * 16, self.credential_id, ES256.from_cryptography_key(self.private.public_key())
        )
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.AT
        attestation = AttestationObject.create("none", self._auth_data(flags, credential), {})
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(bytes(client_data)),
                    "attestationObject": websafe_encode(bytes(attestation)),
                },
                "clientExtensionResults": {},
            }
        )

    def sign_in(self, challenge: str) -> str:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from fido2.utils import sha256, websafe_decode, websafe_encode
        from fido2.webauthn import AuthenticatorData, CollectedClientData

        client_data = CollectedClientData.create("webauthn.get", websafe_decode(challenge), self.origin)
        auth_data = self._auth_data(AuthenticatorData.FLAG.UP)
        signature = self.private.sign(bytes(auth_data) + sha256(bytes(client_data)), ec.ECDSA(hashes.SHA256()))
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(bytes(client_data)),
                    "authenticatorData": websafe_encode(bytes(auth_data)),
                    "signature": websafe_encode(signature),
                },
                "clientExtensionResults": {},
            }
        )


def webauthn_challenge(client) -> str:
    return client.session["mfa.webauthn.state"]["challenge"]


@pytest.mark.django_db(transaction=True)  # the notice is emailed once the change is committed
def test_a_security_key_is_added_and_then_signs_in(fresh_client, riverside, settings):
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the test client speaks plain HTTP
    newcomer = make_person("nadia@riverside.example", "Nadia Noor", riverside, "admin")
    Authenticator.objects.filter(user=newcomer).delete()
    client = fresh_client
    sign_in(client, newcomer.email)
    page = client.get(reverse("mfa_add_webauthn"))
    if page.status_code == 302:
        client.post(page["Location"], {"password": PASSWORD})
        page = client.get(reverse("mfa_add_webauthn"))
    text = page.content.decode()
    assert "Add a passkey or security key" in text and "data-no-webauthn" in text  # explained without JavaScript
    key = SoftKey()
    added = client.post(
        reverse("mfa_add_webauthn"), {"name": "Blue key", "credential": key.register(webauthn_challenge(client))}
    )
    assert added.status_code == 302, added.content.decode()[:3000]
    assert Authenticator.objects.filter(user=newcomer, type=Authenticator.Type.WEBAUTHN).count() == 1
    assert client.get(reverse("organisations:members")).status_code == 200  # MFA is set up now
    assert any("security key has been added" in message.subject for message in mail.outbox)

    client.post(reverse("accounts:sign-out"))
    assert sign_in(client, newcomer.email)["Location"] == reverse("mfa_authenticate")
    challenge_page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Use a passkey or security key" in challenge_page
    done = client.post(reverse("mfa_authenticate"), {"credential": key.sign_in(webauthn_challenge(client))})
    assert done.status_code == 302 and done["Location"] == reverse("organisations:dashboard")
    assert client.get(reverse("organisations:members")).status_code == 200

    # Another key, made up, is refused.
    client.post(reverse("accounts:sign-out"))
    sign_in(client, newcomer.email)
    client.get(reverse("mfa_authenticate"))
    refused = client.post(reverse("mfa_authenticate"), {"credential": SoftKey().sign_in(webauthn_challenge(client))})
    assert refused.status_code == 200
    assert client.get(reverse("organisations:members")).status_code == 302
