"""The round report and its progress page in a real browser: accessible, phone-sized, working without JavaScript."""

import pytest
from django.urls import reverse

from coreflect.exports.models import Format, JobStatus, ReportJob
from coreflect.reflections.demo import seed_demo_rounds
from tests.a11y import assert_accessible, assert_fits_narrow_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_round(riverside, fran):
    return seed_demo_rounds(riverside, fran, participants_per_round=20)[0]


def test_the_report_page_is_accessible_and_fits_a_phone(page, visit, sign_in, bob, demo_round, tmp_path):
    sign_in(page, bob)
    visit(page, reverse("exports:report", args=[demo_round.pk]))
    page.set_viewport_size({"width": 1024, "height": 800})
    assert page.locator("h1").count() == 1
    assert page.locator(".coreflect-chart svg[role=img] title").count() >= 3
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.screenshot(path=tmp_path / "report-page-320.png", full_page=True)  # to look at by hand
    assert_accessible(page)


def test_choosing_sections_works_without_javascript_and_by_keyboard(no_js_page, visit, sign_in, bob, demo_round):
    page = no_js_page
    sign_in(page, bob)
    visit(page, reverse("exports:report", args=[demo_round.pk]))
    for label in ("About this round", "Summary", "Principle by principle", "Ideas and the actions chosen"):
        page.get_by_role("checkbox", name=label, exact=True).uncheck()
    page.get_by_role("checkbox", name="Action plan", exact=True).focus()
    page.keyboard.press("Space")  # untick by keyboard
    page.get_by_role("button", name="Show these sections").click()
    assert "section=contributions" in page.url and "section=plan" not in page.url
    headings = page.locator(".coreflect-report h2").all_inner_texts()
    assert headings == ["Contributions of people with lived experience", "How anonymity was kept"]
    pdf_link = page.get_by_role("link", name="Download the report as a PDF")
    assert pdf_link.get_attribute("href").endswith("?section=contributions&section=anonymity")


def test_the_progress_page_is_accessible_while_waiting_and_when_ready(page, visit, sign_in, fran, demo_round):
    sign_in(page, fran)
    waiting = ReportJob.objects.create(round=demo_round, requested_by=fran, format=Format.PDF)
    ready = ReportJob.objects.create(
        round=demo_round,
        requested_by=fran,
        format=Format.WORD,
        status=JobStatus.DONE,
        progress=100,
        file=b"x",
        file_name="day-report.docx",
        content_type="application/octet-stream",
    )
    for job in (waiting, ready):
        visit(page, reverse("exports:report-job", args=[demo_round.pk, job.pk]))
        assert page.locator("[role=status][aria-live=polite]").count() == 1
        assert_accessible(page)
        assert_fits_narrow_screen(page)
        page.set_viewport_size({"width": 1024, "height": 800})
    assert page.get_by_role("link", name="Download day-report.docx").count() == 1
