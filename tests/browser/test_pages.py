"""Every page that exists, in a real browser: axe finds nothing, it fits 320 px, and it works
by keyboard and with JavaScript off."""

import pytest
from django.core import mail
from django.urls import reverse

from coreflect.organisations import services
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.conftest import PASSWORD, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    reverse("home"),
    reverse("accounts:sign-in"),
    reverse("accounts:password-reset"),
    reverse("accounts:password-reset-sent"),
    reverse("accessibility"),
    reverse("privacy"),
    reverse("cookies"),
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible_and_fits_a_small_phone(page, visit, path, db):
    visit(page, path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)  # and again at phone width, where the layout changes


def admin_pages(alice, bob, riverside):
    services.invite(organisation=riverside, email="new@example.org", role="viewer", invited_by=alice)
    membership = bob.memberships.get()
    return [
        reverse("organisations:dashboard"),
        reverse("organisations:members"),
        reverse("organisations:invite"),
        reverse("organisations:settings"),
        reverse("organisations:create"),
        reverse("organisations:member-role", args=[membership.pk]),
        reverse("organisations:member-remove", args=[membership.pk]),
    ]


def test_every_signed_in_page_is_accessible_and_fits_a_small_phone(page, visit, sign_in, alice, bob, riverside):
    sign_in(page, alice)
    for path in admin_pages(alice, bob, riverside):
        visit(page, path)
        page.set_viewport_size({"width": 1024, "height": 800})
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
        assert_fits_narrow_screen(page)
        assert_accessible(page)


def test_forms_with_errors_are_accessible(page, visit, sign_in, alice):
    sign_in(page, alice)
    visit(page, reverse("organisations:invite"))
    page.fill("#id_email", "not an address")
    page.get_by_role("button", name="Send invitation").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter an email address in the correct format" in summary.inner_text()
    # GOV.UK Frontend moves focus to the summary so screen readers announce it.
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    assert page.input_value("#id_email") == "not an address"
    assert_accessible(page)


def test_dashboard_for_someone_without_an_organisation(page, visit, sign_in, dan):
    sign_in(page, dan)
    visit(page, reverse("organisations:dashboard"))
    assert "You are not a member of any organisation yet" in page.inner_text("main")
    assert_accessible(page)


def test_403_page_is_accessible(page, visit, sign_in, bob):
    sign_in(page, bob)
    response = visit(page, reverse("organisations:members"))
    assert response.status == 403
    assert_accessible(page)


def test_invitation_pages_are_accessible(page, visit, alice, riverside):
    _, token = services.invite(organisation=riverside, email="nina@example.org", role="viewer", invited_by=alice)
    visit(page, reverse("organisations:accept-invitation", args=[token]))
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    visit(page, reverse("organisations:accept-invitation", args=["unknown-token"]))
    assert "This invitation cannot be used" in page.inner_text("h1")
    assert_accessible(page)


def test_sign_in_by_keyboard_alone_reaches_the_dashboard(page, visit, alice):
    visit(page, reverse("accounts:sign-in"))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    # Tab through to the email field from the main content, type, and submit with Enter.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "id_login":
            break
    page.keyboard.type("alice@riverside.example")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    # Alice is an admin: the code from her authenticator app comes next, in a field that has the focus order.
    page.wait_for_url(lambda url: "/mfa/authenticate/" in url)
    page.keyboard.press("Tab")
    for _ in range(10):
        if page.evaluate("() => document.activeElement.id") == "id_code":
            break
        page.keyboard.press("Tab")
    page.keyboard.type(totp_code())
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/dashboard/" in url)
    assert "Riverside Council" in page.inner_text("h1")
    assert_accessible(page)


def test_the_whole_admin_journey_works_with_javascript_off(no_js_page, visit, alice, bob, riverside):
    page = no_js_page
    visit(page, reverse("accounts:sign-in"))
    page.fill("#id_login", "alice@riverside.example")
    page.fill("#id_password", "wrong password")
    page.get_by_role("button", name="Sign in").click()
    assert "The email address or password is not right" in page.inner_text(".govuk-error-summary")
    assert page.input_value("#id_login") == "alice@riverside.example"
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.fill("#id_code", totp_code())
    page.get_by_role("button", name="Continue").click()
    assert "Riverside Council" in page.inner_text("h1")

    page.get_by_role("link", name="Members", exact=True).click()
    page.get_by_role("button", name="Invite someone").click()
    page.fill("#id_email", "nina@example.org")
    page.check("#id_role_1")
    page.get_by_role("button", name="Send invitation").click()
    assert "Invitation sent to nina@example.org" in page.inner_text("main")
    assert mail.outbox[-1].to == ["nina@example.org"]

    page.get_by_role("link", name="Change role for Bob Brown").click()
    page.check("#id_role_1")
    page.get_by_role("button", name="Save role").click()
    assert "Bob Brown is now a facilitator" in page.inner_text("main")

    page.get_by_role("button", name="Sign out").click()
    assert "Reflect on co-production, together" in page.inner_text("h1")


def test_switching_organisation_from_the_header(page, visit, sign_in, carol, riverside):
    from coreflect.organisations.models import Membership

    Membership.objects.create(organisation=riverside, user=carol, role="viewer")
    sign_in(page, carol)
    visit(page, reverse("organisations:dashboard"))
    assert page.inner_text("h1") == "Hillside Care"
    page.select_option("#switch-organisation", label="Riverside Council")
    page.get_by_role("button", name="Switch").click()
    assert page.inner_text("h1") == "Riverside Council"
    assert_accessible(page)
