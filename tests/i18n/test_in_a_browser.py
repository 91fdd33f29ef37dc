"""Welsh pages in a real browser: axe finds nothing, GOV.UK's character count speaks Welsh as people type, the
switch keeps the page with JavaScript off, and a Welsh page with the switch fits a 320 pixel screen."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def in_welsh(name: str, args=()) -> str:
    with translation.override("cy"):
        return reverse(name, args=list(args))


@pytest.fixture(autouse=True)
def _forget_limits(transactional_db):
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def test_the_character_count_speaks_welsh_near_its_limit(page, visit, riverside, alice):
    round_ = make_round(riverside, alice)
    visit(page, in_welsh("journey:perspective", [round_.link_code]))
    assert page.get_attribute("html", "lang") == "cy"
    page.locator("input[type=radio]").first.check()
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/cy/r/" in url and "/perspective/" not in url)
    visit(page, in_welsh("journey:principle", [round_.link_code, "reciprocity"]))
    count = page.locator(".govuk-character-count").first
    textarea = count.locator("textarea")
    textarea.fill("a" * 4990)
    status = count.locator(".govuk-character-count__status")
    page.wait_for_function("() => document.querySelector('.govuk-character-count__status').textContent.includes('10')")
    assert status.inner_text().strip() == "Mae gennych 10 nod ar ôl"
    # Coreflect's own script says it saved, in Welsh, with a Welsh time (4:51yp, 9yb, hanner dydd).
    page.wait_for_function("() => document.querySelector('[data-autosave-status]').textContent !== ''")
    saved = page.inner_text("[data-autosave-status]")
    assert re.fullmatch(r"Wedi'i gadw am (\d{1,2}(:(?!00)\d\d)?(yb|yp)|hanner dydd|hanner nos)", saved), saved
    textarea.fill("a" * 5002)
    page.wait_for_function("() => document.querySelector('.govuk-character-count__status').textContent.includes('2')")
    assert status.inner_text().strip() == "Mae gennych 2 nod yn ormod"  # the "two" plural form
    textarea.fill("a" * 5000)
    page.wait_for_function("() => document.querySelector('.govuk-character-count__status').textContent.includes('0')")
    assert status.inner_text().strip() == "Mae gennych 0 nod ar ôl"
    assert_accessible(page)


def test_a_welsh_error_summary_is_accessible(page, visit):
    visit(page, in_welsh("accounts:password-reset"))
    page.locator("main button[type=submit]").first.click()
    summary = page.locator(".govuk-error-summary")
    assert "Mae problem wedi codi" in summary.inner_text()
    assert page.title().startswith("Gwall:")
    assert_accessible(page)


@pytest.mark.parametrize("name", ["home", "privacy", "accounts:sign-in"])
def test_welsh_pages_are_accessible_and_fit_a_small_phone(page, visit, name):
    visit(page, in_welsh(name))
    assert page.get_attribute("html", "lang") == "cy"
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)
    switch = page.get_by_role("navigation", name="Iaith")
    assert switch.is_visible()
    if name == "home":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "welsh-home-320.png"), full_page=True)


def test_the_switch_keeps_the_page_with_javascript_off(no_js_page, visit):
    page = no_js_page
    visit(page, "/privacy/?from=poster")
    page.get_by_role("link", name="Cymraeg").click()
    assert page.url.endswith("/cy/privacy/?from=poster")
    assert page.get_attribute("html", "lang") == "cy"
    assert page.locator("[aria-current=true][lang=cy]").inner_text() == "Cymraeg"
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/privacy/?from=poster") and "/cy/" not in page.url
    assert page.get_attribute("html", "lang") == "en-gb"


def test_a_participant_who_switches_to_welsh_half_way_keeps_their_answers(page, visit, riverside, alice):
    round_ = make_round(riverside, alice)
    with translation.override("en-gb"):
        start = reverse("journey:perspective", args=[round_.link_code])
    visit(page, start)
    page.get_by_label("Frontline worker").check()
    page.get_by_role("button", name="Continue").click()
    assert "You have completed 0 of 4 parts" in page.inner_text("main")
    page.get_by_role("link", name="Cymraeg").click()
    assert page.url.endswith(f"/cy/r/{round_.link_code}/tasks/")
    assert page.get_attribute("html", "lang") == "cy"
    assert page.locator("main a[href*='/cy/r/']").count() > 0  # the journey's own links stay in Welsh
    page.get_by_role("link", name="English").click()
    assert "You have completed 0 of 4 parts" in page.inner_text("main")
