"""Results pages in a real browser: accessible, phone-sized, charts with tables, working without JavaScript."""

import pytest
from django.urls import reverse

from coreflect.reflections.demo import seed_demo_rounds
from tests.a11y import assert_accessible, assert_fits_narrow_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["overview", "perspectives", "gaps", "statements", "words", "compare"]


@pytest.fixture
def demo_rounds(riverside, fran):
    return seed_demo_rounds(riverside, fran)


def test_every_results_page_is_accessible_and_fits_a_phone(page, visit, sign_in, bob, demo_rounds):
    sign_in(page, bob)
    for round_ in demo_rounds:
        for name in PAGES:
            visit(page, reverse(f"results:{name}", args=[round_.pk]))
            page.set_viewport_size({"width": 1024, "height": 800})
            assert page.locator("h1").count() == 1
            assert_accessible(page)
            assert_fits_narrow_screen(page)
            assert_accessible(page)


def test_every_chart_has_a_table_and_a_name(page, visit, sign_in, bob, demo_rounds):
    sign_in(page, bob)
    visit(page, reverse("results:overview", args=[demo_rounds[0].pk]))
    charts = page.locator(".coreflect-chart svg[role=img]")
    assert charts.count() == 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.evaluate("svg => svg.querySelector('title').textContent.length > 10")
        # The chart's numbers are in the table straight after it.
        assert chart.evaluate("svg => svg.parentElement.nextElementSibling.querySelector('table') !== null")


@pytest.fixture
def no_js_page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_filtering_what_people_wrote_works_without_javascript(no_js_page, visit, sign_in, bob, demo_rounds):
    page = no_js_page
    sign_in(page, bob)
    visit(page, reverse("results:words", args=[demo_rounds[0].pk]))
    page.select_option("#perspective", label="Frontline worker")
    page.get_by_role("button", name="Show").click()
    assert "perspective=" in page.url
    cards = page.locator(".govuk-summary-card__title")
    assert cards.count() > 0
    assert all("Frontline worker" in cards.nth(i).inner_text() for i in range(cards.count()))
    page.select_option("#perspective", label="Commissioner")
    page.get_by_role("button", name="Show").click()
    assert "it is not shown" in page.inner_text("main")
