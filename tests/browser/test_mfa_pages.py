"""Managing two-factor authentication in a real browser: confirming it is you with a code, making new recovery
codes, removing the authenticator app, and the list of passkeys and security keys with renaming and removing.
Each page passes axe, fits 320 px and works with JavaScript off (adding or using a passkey needs JavaScript,
and says so)."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BOTH = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


def check_page(page, javascript, heading):
    """The heading, one h1, fits 320 px; axe (which needs JavaScript) in the JavaScript run."""
    assert page.inner_text("h1") == heading
    assert page.locator("h1").count() == 1
    if javascript:
        assert_accessible(page)
    assert_fits_narrow_screen(page)
    if javascript:
        assert_accessible(page)
    page.set_viewport_size({"width": 1024, "height": 800})


def confirm_with_a_code(page, javascript):
    """allauth asks again before changes to how someone signs in: here, with the app's code."""
    assert page.inner_text("h1") == "Confirm your password"
    page.get_by_role("link", name="Use a code from your authenticator app, or a recovery code").click()
    check_page(page, javascript, "Enter a code to carry on")
    page.get_by_role("button", name="Continue").click()
    assert "Enter the code" in page.inner_text(".govuk-error-summary")
    check_page(page, javascript, "Enter a code to carry on")
    page.fill("#id_code", totp_code())
    page.get_by_role("button", name="Continue").click()


def add_passkey(user, name="Work laptop"):
    """A passkey as allauth keeps it, without a real device: enough for the pages that list, rename and remove
    keys (signing in with it would need a real credential)."""
    return Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": name, "credential": {"clientExtensionResults": {"credProps": {"rk": True}}}},
    )


@BOTH
def test_removing_the_app_when_two_factor_authentication_is_required(
    page, no_js_page, visit, sign_in, alice, javascript
):
    page = page if javascript else no_js_page
    sign_in(page, alice)
    visit(page, reverse("mfa_index"))
    page.get_by_role("link", name="Remove the authenticator app").click()
    confirm_with_a_code(page, javascript)

    check_page(page, javascript, "Remove the authenticator app")
    assert "no two-factor authentication left" in page.inner_text(".govuk-warning-text")
    page.get_by_role("link", name="Keep it").click()
    assert page.inner_text("h1") == "Two-factor authentication"
    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.TOTP).exists()

    page.get_by_role("link", name="Remove the authenticator app").click()
    page.get_by_role("button", name="Remove the authenticator app").click()

    # Alice is an admin, so she must use two-factor authentication: she is taken straight back to set it up,
    # and can reach nothing else until she has.
    assert not Authenticator.objects.filter(user=alice, type=Authenticator.Type.TOTP).exists()
    assert page.inner_text("h1") == "Two-factor authentication"
    assert "Set up two-factor authentication to carry on" in page.inner_text("main")
    assert "You are an admin of Riverside Council" in page.inner_text("main")
    visit(page, reverse("organisations:dashboard"))
    assert page.inner_text("h1") == "Two-factor authentication"
    page.get_by_role("button", name="Set up an authenticator app").click()
    assert page.inner_text("h1") == "Set up an authenticator app"


@BOTH
def test_making_new_recovery_codes(page, no_js_page, visit, sign_in, alice, javascript):
    page = page if javascript else no_js_page
    sign_in(page, alice)
    visit(page, reverse("mfa_generate_recovery_codes"))
    confirm_with_a_code(page, javascript)

    check_page(page, javascript, "Make new recovery codes")
    page.get_by_role("button", name="Make new codes").click()
    assert page.inner_text("h1") == "Your recovery codes"
    assert page.locator("#recovery_codes li").count() == 10

    visit(page, reverse("mfa_generate_recovery_codes"))
    check_page(page, javascript, "Make new recovery codes")
    assert "Your 10 unused recovery codes will stop working." in page.inner_text(".govuk-warning-text")


def test_adding_a_passkey_and_confirming_with_it_needs_javascript_and_says_so(page, no_js_page, visit, sign_in, alice):
    # Chromium's virtual authenticator stands in for a phone or a security key.
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    sign_in(page, alice)
    visit(page, reverse("mfa_add_webauthn"))
    confirm_with_a_code(page, True)
    assert page.inner_text("h1") == "Add a passkey or security key"
    page.fill("#id_name", "Work laptop")
    page.get_by_role("button", name="Add a passkey or security key").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    (key,) = Authenticator.objects.filter(user=alice, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Work laptop"

    # Confirming it is you with the passkey: the button with JavaScript, a note and other ways without.
    visit(page, reverse("mfa_reauthenticate_webauthn"))
    check_page(page, True, "Use your passkey or security key to carry on")
    assert page.locator("[data-no-webauthn]").is_hidden()
    assert page.get_by_role("button", name="Use a passkey or security key").is_visible()

    sign_in(no_js_page, alice)
    visit(no_js_page, reverse("mfa_reauthenticate_webauthn"))
    check_page(no_js_page, False, "Use your passkey or security key to carry on")
    assert "This needs JavaScript switched on" in no_js_page.inner_text("[data-no-webauthn]")
    assert no_js_page.locator("form[data-needs-webauthn]").is_hidden()
    no_js_page.get_by_role("link", name="Use a code from your authenticator app, or a recovery code").click()
    assert no_js_page.inner_text("h1") == "Enter a code to carry on"


@BOTH
def test_the_list_of_passkeys_with_renaming_and_removing(page, no_js_page, visit, sign_in, alice, javascript, tmp_path):
    page = page if javascript else no_js_page
    key = add_passkey(alice)
    sign_in(page, alice)
    visit(page, reverse("mfa_index"))
    page.get_by_role("link", name="Manage your keys").click()

    check_page(page, javascript, "Your passkeys and security keys")
    card = page.locator(".govuk-summary-card")
    assert card.count() == 1
    assert card.locator(".govuk-summary-card__title").inner_text() == "Work laptop"
    assert "Passkey" in card.inner_text() and "Not used yet" in card.inner_text()
    if javascript:
        page.set_viewport_size({"width": 320, "height": 800})
        page.screenshot(path=str(tmp_path / "passkeys-320.png"), full_page=True)
        page.set_viewport_size({"width": 1024, "height": 800})

    page.get_by_role("link", name="Rename Work laptop").click()
    confirm_with_a_code(page, javascript)
    check_page(page, javascript, "Rename a passkey or security key")
    page.fill("#id_name", "")
    page.get_by_role("button", name="Save the name").click()
    assert "Enter a name" in page.inner_text(".govuk-error-summary")
    check_page(page, javascript, "Rename a passkey or security key")
    page.fill("#id_name", "Blue key")
    page.get_by_role("button", name="Save the name").click()
    assert page.inner_text("h1") == "Your passkeys and security keys"
    assert page.locator(".govuk-summary-card__title").inner_text() == "Blue key"
    key.refresh_from_db()
    assert key.data["name"] == "Blue key"

    page.get_by_role("link", name="Remove Blue key").click()
    check_page(page, javascript, "Remove this passkey or security key?")
    page.get_by_role("link", name="Keep it").click()
    assert page.locator(".govuk-summary-card").count() == 1
    page.get_by_role("link", name="Remove Blue key").click()
    page.get_by_role("button", name="Remove it").click()

    assert page.inner_text("h1") == "Your passkeys and security keys"
    assert "You have not added any passkeys or security keys." in page.inner_text("main")
    assert not Authenticator.objects.filter(user=alice, type=Authenticator.Type.WEBAUTHN).exists()
