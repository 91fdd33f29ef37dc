"""Share links in a real browser: the page that makes and withdraws them, the shared report a board opens,
and the page a withdrawn link shows – accessible, phone-sized, working without JavaScript and by keyboard."""

import pytest
from django.urls import reverse

from coreflect.exports import share
from coreflect.reflections.demo import seed_demo_rounds
from tests.a11y import assert_accessible, assert_fits_narrow_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_round(riverside, fran):
    return seed_demo_rounds(riverside, fran, participants_per_round=20)[0]


def test_a_facilitator_makes_and_withdraws_a_link_without_javascript(no_js_page, visit, sign_in, fran, demo_round):
    page = no_js_page
    sign_in(page, fran)
    visit(page, reverse("exports:report", args=[demo_round.pk]))
    page.get_by_role("link", name="Share this report with people who have no account, such as a board").click()
    page.get_by_label("How many days should the link work for?").fill("0")
    page.get_by_label("Who is the link for? (optional)").fill("Scrutiny panel")
    page.get_by_role("button", name="Make a share link").click()
    assert page.locator(".govuk-error-summary").count() == 1
    assert page.get_by_label("Who is the link for? (optional)").input_value() == "Scrutiny panel"
    page.get_by_label("How many days should the link work for?").fill("14")
    page.get_by_label("How many days should the link work for?").press("Enter")  # by keyboard
    assert page.get_by_role("heading", name="Scrutiny panel").count() == 1
    page.get_by_role("button", name="Withdraw Scrutiny panel").click()
    assert page.locator(".govuk-tag", has_text="Withdrawn").count() == 1


def test_the_share_page_the_shared_report_and_a_withdrawn_link_are_accessible(
    page, visit, sign_in, fran, demo_round, tmp_path
):
    link = share.create_link(demo_round, by=fran, label="Board")
    sign_in(page, fran)
    visit(page, reverse("exports:share-links", args=[demo_round.pk]))
    assert page.get_by_role("heading", name="Board").count() == 1
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.screenshot(path=tmp_path / "share-links-320.png", full_page=True)
    page.context.clear_cookies()  # the board has no account
    page.set_viewport_size({"width": 1024, "height": 800})
    visit(page, reverse("exports:shared-report", args=[link.token]))
    assert page.locator("h1").count() == 1
    assert page.get_by_role("link", name="Download this report as a PDF").count() == 1
    assert page.get_by_role("link", name="Back to the round").count() == 0
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.screenshot(path=tmp_path / "shared-report-320.png", full_page=True)
    share.withdraw_link(link, by=fran)
    page.set_viewport_size({"width": 1024, "height": 800})
    visit(page, reverse("exports:shared-report", args=[link.token]))
    assert page.get_by_role("heading", name="This link no longer works").count() == 1
    assert_accessible(page)
    assert_fits_narrow_screen(page)
