"""The data page and the raw-data page in a real browser: accessible, phone-sized, working without JavaScript."""

import pytest
from django.urls import reverse

from coreflect.reflections import services
from coreflect.reflections.models import RoundStatus
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.exports.test_data import fill
from tests.reflections.conftest import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def closed_round(riverside, alice):
    round_ = make_round(riverside, alice, title="Day services 2026")
    fill(round_)
    services.set_status(round_, RoundStatus.CLOSED)
    return round_


def test_the_data_page_is_accessible_and_fits_a_phone(page, visit, sign_in, alice, closed_round, tmp_path):
    sign_in(page, alice)
    visit(page, reverse("results:overview", args=[closed_round.pk]))
    page.get_by_role("link", name="Download the data (Excel, CSV or JSON)").click()
    assert page.locator("h1").inner_text() == "Download the data"
    assert page.locator("table a[download]").count() == 6  # a CSV for each table an anonymous round has
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.screenshot(path=str(tmp_path / "data-320.png"), full_page=True)
    assert_accessible(page)


def test_raw_data_without_javascript_explains_refuses_and_then_downloads(
    no_js_page, visit, sign_in, alice, closed_round
):
    page = no_js_page
    sign_in(page, alice)
    visit(page, reverse("exports:data", args=[closed_round.pk]))
    page.get_by_role("link", name="Raw data: what it is and how to download it").click()
    assert "Nothing is hidden" in page.inner_text("main")
    page.get_by_label("Excel workbook (.xlsx)").check()
    page.get_by_role("button", name="Download raw data").click()
    summary = page.locator(".govuk-error-summary")
    assert "Confirm that you understand what raw data shows" in summary.inner_text()
    assert page.get_by_label("Excel workbook (.xlsx)").is_checked()  # nothing chosen is lost
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1024, "height": 800})
    page.get_by_label("I understand").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download raw data").click()
    assert download.value.suggested_filename.startswith("day-services-2026-raw-data-")
    assert download.value.suggested_filename.endswith(".xlsx")


def test_the_raw_data_page_is_reached_and_used_by_keyboard(page, visit, sign_in, alice, closed_round, tmp_path):
    sign_in(page, alice)
    visit(page, reverse("exports:data-raw", args=[closed_round.pk]))
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page)
    page.get_by_role("button", name="Download raw data").click()  # nothing chosen: the errors, accessible too
    assert page.locator(".govuk-error-summary").count() == 1
    assert_fits_narrow_screen(page)
    page.screenshot(path=str(tmp_path / "raw-data-errors-320.png"), full_page=True)
    assert_accessible(page)
    page.locator("#id_format_0").focus()
    page.keyboard.press("Space")
    page.locator("#id_understood").focus()
    page.keyboard.press("Space")
    with page.expect_download() as download:
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")
