"""The language lens's pages in a real browser: accessible, 320 px wide, with JavaScript off, by keyboard."""

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document

from coreflect.language import services
from tests.a11y import assert_accessible, assert_fits_narrow_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(tempfile.gettempdir()) / "lens-shots"  # to look at by eye after a run
ENTRY = {
    "theme": "labels",
    "words_en": "patient",
    "words_cy": "",
    "why_en": "People at home are not in hospital.",
    "why_cy": "",
    "instead_en": "the people we support",
    "instead_cy": "",
}


def shoot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def check_page(page, name):
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    shoot(page, name)
    page.set_viewport_size({"width": 1024, "height": 800})


def test_every_language_page_is_accessible_and_fits_a_phone(page, visit, sign_in, fran, riverside):
    entry = services.add_own_entry(riverside, ENTRY, by=fran)
    services.switch_off(riverside, "clients", "Our contracts use the word", by=fran)
    sign_in(page, fran)
    visit(page, reverse("language:list"))
    page.locator("summary", has_text="Labels that put a category").click()
    check_page(page, "list")
    for name, url in [
        ("add", reverse("language:add")),
        ("edit", reverse("language:edit", args=[entry.pk])),
        ("remove", reverse("language:remove", args=[entry.pk])),
        ("switch-off", reverse("language:switch-off", args=["service-users"])),
        ("check", reverse("language:check")),
    ]:
        visit(page, url)
        check_page(page, name)
    visit(page, reverse("language:add"))
    page.get_by_role("button", name="Add the entry").click()
    assert "There is a problem" in page.inner_text(".govuk-error-summary")
    check_page(page, "add-errors")


def test_a_facilitator_checks_pasted_text_and_a_word_document_with_javascript_off(
    no_js_page, page, visit, sign_in, fran, tmp_path
):
    js_page, page = page, no_js_page
    sign_in(page, fran)
    visit(page, reverse("language:check"))
    page.get_by_role("button", name="Check the words").click()
    assert "Paste some text or choose a Word document to check" in page.inner_text(".govuk-error-summary")
    page.get_by_label("Paste the text").fill("Our service users are all so vulnerable.\n\nWe let them choose.")
    page.get_by_role("button", name="Check the words").click()
    assert "The lens found 3 phrases to think about." in page.inner_text("main")
    assert page.locator("mark").all_inner_texts() == ["service users", "all so vulnerable", "let them"]

    document = Document()
    document.add_paragraph("Job description: you will support our clients.")
    path = tmp_path / "job.docx"
    document.save(path)
    page.get_by_label("Paste the text").fill("")
    page.get_by_label("Or choose a Word document (.docx)").set_input_files(path)
    page.get_by_role("button", name="Check the words").click()
    assert "In “job.docx”." in page.inner_text("main")
    assert page.locator("mark").all_inner_texts() == ["clients"]

    sign_in(js_page, fran)
    visit(js_page, reverse("language:check"))
    js_page.get_by_label("Paste the text").fill("Our service users are all so vulnerable.\n\nWe let them choose.")
    js_page.get_by_role("button", name="Check the words").click()
    assert js_page.locator("h1").inner_text() == "What the lens found"
    check_page(js_page, "check-results")


def test_the_suggestion_is_one_keypress_from_the_marked_words(page, visit, sign_in, fran):
    sign_in(page, fran)
    visit(page, reverse("language:check"))
    page.get_by_label("Paste the text").fill("We support our clients.")
    page.get_by_role("button", name="Check the words").click()
    link = page.locator("#in-text-1")
    link.focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#match-1")
    assert "Instead: the people we support" in page.locator("#match-1").inner_text()


def test_switching_an_entry_off_and_on_by_keyboard(page, visit, sign_in, fran):
    sign_in(page, fran)
    visit(page, reverse("language:switch-off", args=["clients"]))
    page.get_by_label("Why are you switching this off?").fill("Our contracts use the word")
    page.get_by_role("button", name="Switch it off").press("Enter")
    assert "That entry is switched off" in page.inner_text("main")
    page.locator("summary", has_text="Labels that put a category").click()
    page.get_by_role("button", name="Switch back on client").click()
    assert "That entry is switched back on" in page.inner_text("main")
