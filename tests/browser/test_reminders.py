"""The reminder emails settings page in a real browser: accessible, fits a phone, works by keyboard."""

import pytest
from django.urls import reverse

from tests.a11y import assert_accessible, assert_fits_narrow_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reminder_settings_are_accessible_fit_a_phone_and_save(page, visit, sign_in, bob):
    sign_in(page, bob)
    visit(page, reverse("actions:reminders"))

    assert page.locator("h1").inner_text() == "Reminder emails"
    checkbox = page.get_by_label("Email me about actions I lead that are due within a week or overdue")
    assert checkbox.is_checked()
    assert_accessible(page)
    assert_fits_narrow_screen(page)

    checkbox.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save").click()

    assert (
        "Reminder emails are off for Riverside Council."
        in page.locator(".govuk-notification-banner--success").inner_text()
    )
    assert not page.get_by_label("Email me about actions I lead that are due within a week or overdue").is_checked()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert bob.memberships.get().receives_reminders is False
