"""Choosing what the report quotes, in a real browser: accessible, phone-sized, working without JavaScript
and by keyboard."""

import os

import pytest
from django.urls import reverse

from coreflect.reflections.demo import seed_demo_rounds
from tests.a11y import assert_accessible, assert_fits_narrow_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_round(riverside, fran):
    return seed_demo_rounds(riverside, fran, participants_per_round=20)[0]


def test_a_facilitator_chooses_and_clears_without_javascript_by_keyboard(no_js_page, visit, sign_in, fran, demo_round):
    page = no_js_page
    sign_in(page, fran)
    visit(page, reverse("exports:report", args=[demo_round.pk]))
    page.get_by_role("link", name="Choose what the report quotes from what people wrote").click()
    first = page.locator("section[id^=principle-]").first
    title = first.locator("h2").inner_text()
    box = first.get_by_role("checkbox").first
    box.focus()
    page.keyboard.press("Space")  # tick by keyboard
    first.get_by_role("button", name=f"Include in the report ({title})").click()
    banner = page.locator(".govuk-notification-banner--success")
    assert "The report now quotes what you chose" in banner.inner_text()
    first = page.locator("section[id^=principle-]").first
    assert first.get_by_role("checkbox").first.is_checked()
    assert "The report quotes: chosen by the facilitator." in first.inner_text()
    visit(page, reverse("exports:report", args=[demo_round.pk]))
    assert page.get_by_text("Chosen by the facilitator", exact=True).count() == 1
    visit(page, reverse("exports:report-words", args=[demo_round.pk]))
    page.locator("section[id^=principle-]").first.get_by_role(
        "button", name=f"Go back to the 5 most recent ({title})"
    ).click()
    assert "The report quotes: the 5 most recent." in page.locator("section[id^=principle-]").first.inner_text()


def test_the_page_is_accessible_and_fits_a_phone(page, visit, sign_in, fran, demo_round, tmp_path):
    sign_in(page, fran)
    visit(page, reverse("exports:report-words", args=[demo_round.pk]))
    assert page.locator("h1").count() == 1
    assert page.get_by_role("checkbox").count() >= 5
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    shots = os.environ.get("SCREENSHOT_DIR") or tmp_path
    page.screenshot(path=f"{shots}/report-words-320.png", full_page=False)  # to look at by hand
    page.locator("section[id^=principle-]").first.screenshot(path=f"{shots}/report-words-principle-320.png")
