"""Signing in with two-factor authentication in a real browser: the code page, setting up an app and the recovery
codes pass axe, fit 320 px and work with JavaScript off; the idle warning appears before a session ends."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.conftest import PASSWORD, make_person, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_js_page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    yield context.new_page()
    context.close()


def check_page(page, javascript):
    """One heading, fits 320 px; axe (which needs JavaScript) runs on the same page in the JavaScript run."""
    assert page.locator("h1").count() == 1
    if javascript:
        assert_accessible(page)
    assert_fits_narrow_screen(page)
    if javascript:
        assert_accessible(page)
    page.set_viewport_size({"width": 1024, "height": 800})


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_code_page_after_the_password(page, no_js_page, visit, alice, javascript):
    page = page if javascript else no_js_page
    visit(page, reverse("accounts:sign-in"))
    page.fill("#id_login", alice.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.inner_text("h1") == "Enter your code"
    check_page(page, javascript)
    page.get_by_role("button", name="Continue").click()
    assert "Enter the code" in page.inner_text(".govuk-error-summary")
    check_page(page, javascript)
    page.fill("#id_code", totp_code())
    page.get_by_role("button", name="Continue").click()
    assert "Riverside Council" in page.inner_text("h1")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_new_admin_sets_up_an_app(page, no_js_page, visit, riverside, javascript):
    page = page if javascript else no_js_page
    nadia = make_person("nadia@riverside.example", "Nadia Noor", riverside, "admin")
    Authenticator.objects.filter(user=nadia).delete()
    visit(page, reverse("accounts:sign-in"))
    page.fill("#id_login", nadia.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Sent to set up MFA, with the reason.
    assert page.inner_text("h1") == "Two-factor authentication"
    assert "You are an admin of Riverside Council" in page.inner_text("main")
    check_page(page, javascript)

    page.get_by_role("button", name="Set up an authenticator app").click()
    assert page.inner_text("h1") == "Confirm your password"
    check_page(page, javascript)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Continue").click()

    assert page.inner_text("h1") == "Set up an authenticator app"
    check_page(page, javascript)
    secret = page.inner_text("#authenticator_secret").strip()
    page.fill("#id_code", "12")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    assert page.locator(".govuk-error-summary").count() == 1
    check_page(page, javascript)
    page.fill("#id_code", totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()

    assert page.inner_text("h1") == "Your recovery codes"
    assert page.locator("#recovery_codes li").count() == 10
    check_page(page, javascript)
    page.get_by_role("link", name="I have saved them: go to your dashboard").click()
    assert "Riverside Council" in page.inner_text("h1")


def test_the_idle_warning_keeps_what_was_typed(page, visit, sign_in, alice, settings):
    # A 2-minute-and-3-second idle time: the warning (2 minutes before the end) shows after 3 seconds.
    settings.SESSION_IDLE_MINUTES = 2.05
    sign_in(page, alice)
    visit(page, reverse("organisations:invite"))
    page.fill("#id_email", "nina@example.org")
    warning = page.locator("[data-session-warning]")
    assert warning.is_hidden()
    warning.wait_for(state="visible", timeout=10_000)
    assert "You will be signed out in 2 minutes" in warning.inner_text()
    assert "You will be signed out in 2 minutes" in page.inner_text("[data-session-status]")
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1024, "height": 800})

    with page.expect_response(lambda response: "/account/keep-alive/" in response.url) as answer:
        page.get_by_role("button", name="Stay signed in").click()
    assert answer.value.status == 204
    warning.wait_for(state="hidden")
    assert page.input_value("#id_email") == "nina@example.org"  # nothing typed is lost
    assert page.inner_text("[data-session-status]") == "You are still signed in."


def test_without_javascript_the_warning_never_shows(no_js_page, visit, sign_in, alice):
    sign_in(no_js_page, alice)
    visit(no_js_page, reverse("organisations:invite"))
    assert no_js_page.locator("[data-session-warning]").is_hidden()
    no_js_page.fill("#id_email", "nina@example.org")
    no_js_page.check("#id_role_1")
    no_js_page.get_by_role("button", name="Send invitation").click()
    assert "Invitation sent to nina@example.org" in no_js_page.inner_text("main")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_passkey_page_explains_itself(page, no_js_page, visit, riverside, javascript):
    page = page if javascript else no_js_page
    nadia = make_person("nadia@riverside.example", "Nadia Noor", riverside, "admin")
    Authenticator.objects.filter(user=nadia).delete()
    visit(page, reverse("accounts:sign-in"))
    page.fill("#id_login", nadia.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Add a passkey or security key").click()
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Continue").click()
    assert page.inner_text("h1") == "Add a passkey or security key"
    check_page(page, javascript)
    # Headless Chromium has WebAuthn, so with JavaScript the form shows; without it, the note and a way on.
    assert page.locator("[data-no-webauthn]").is_visible() is not javascript
    assert page.locator("form[data-needs-webauthn]").is_visible() is javascript
    if not javascript:
        page.get_by_role("link", name="Set up an authenticator app").click()
        assert page.inner_text("h1") == "Set up an authenticator app"
