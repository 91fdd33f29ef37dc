"""Managing two-factor authentication with the test client: removing the authenticator app when the
organisation asks everyone to use it, and the passkey pages kept to their owner."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from tests.conftest import TOTP_SECRET, totp_code
from tests.permissions import SIGN_IN, check_visit

MFA_SET_UP = "/account/mfa/"


def passkey(user, name="Work laptop"):
    return Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": name, "credential": {"clientExtensionResults": {"credProps": {"rk": False}}}},
    )


def confirm_with_code(client):
    response = client.post(reverse("mfa_reauthenticate"), {"code": totp_code()})
    assert response.status_code == 302, response.content.decode()[:300]


def remove_app(client):
    confirm_with_code(client)
    page = client.get(reverse("mfa_deactivate_totp")).content.decode()
    assert '<h1 class="govuk-heading-l">Remove the authenticator app</h1>' in page
    assert "There is a problem" not in page
    return client.post(reverse("mfa_deactivate_totp"), follow=True)


def test_removing_the_app_when_the_organisation_asks_for_it_leads_back_to_setting_one_up(client_for, riverside, fran):
    riverside.requires_mfa = True
    riverside.save()
    TOTP.activate(fran, TOTP_SECRET)
    client = client_for(fran)
    assert client.get(reverse("organisations:dashboard")).status_code == 200

    response = remove_app(client)

    assert not Authenticator.objects.filter(user=fran, type=Authenticator.Type.TOTP).exists()
    assert response.redirect_chain[-1][0] == MFA_SET_UP
    page = response.content.decode()
    assert "Set up two-factor authentication to carry on" in page
    assert "Riverside Council asks everyone in it to use two-factor authentication" in page
    assert client.get(reverse("organisations:dashboard"))["Location"] == MFA_SET_UP


def test_without_the_requirement_removing_the_app_leaves_the_service_open(client_for, bob):
    TOTP.activate(bob, TOTP_SECRET)
    client = client_for(bob)

    remove_app(client)

    assert not Authenticator.objects.filter(user=bob).exclude(type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get(reverse("organisations:dashboard")).status_code == 200


def test_the_new_pages_need_signing_in(client, db):
    for name in ["mfa_reauthenticate", "mfa_generate_recovery_codes", "mfa_deactivate_totp", "mfa_list_webauthn"]:
        check_visit(client, "get", reverse(name), SIGN_IN)


def test_someone_elses_passkey_cannot_be_renamed_or_removed(client_for, alice, carol):
    key = passkey(alice)
    client = client_for(carol)
    confirm_with_code(client)  # carol's app has the same secret in the tests: she may change her own keys

    for name in ["mfa_edit_webauthn", "mfa_remove_webauthn"]:
        assert client.get(reverse(name, kwargs={"pk": key.pk})).status_code == 404
        assert client.post(reverse(name, kwargs={"pk": key.pk}), {"name": "Mine now"}).status_code == 404
    key.refresh_from_db()
    assert key.data["name"] == "Work laptop"
    assert "Work laptop" not in client.get(reverse("mfa_list_webauthn")).content.decode()


def test_a_security_key_says_what_it_is_and_the_list_keeps_to_a_fixed_number_of_queries(
    client_for, alice, django_assert_max_num_queries
):
    for number in range(5):
        passkey(alice, f"Key {number}")
    client = client_for(alice)
    client.get(reverse("mfa_index"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("mfa_list_webauthn")).content.decode()
    assert page.count('<h2 class="govuk-summary-card__title') == 5
    assert "Security key" in page


@pytest.mark.parametrize("name", ["", "   "])
def test_a_key_needs_a_name(client_for, alice, name):
    key = passkey(alice)
    client = client_for(alice)
    confirm_with_code(client)

    page = client.post(reverse("mfa_edit_webauthn", kwargs={"pk": key.pk}), {"name": name}).content.decode()

    assert page.count("Enter a name") == 2  # the error summary and the field
    key.refresh_from_db()
    assert key.data["name"] == "Work laptop"
