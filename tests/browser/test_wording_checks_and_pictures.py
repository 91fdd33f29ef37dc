"""Checks of Welsh and Easy Read wording, organisations' pictures and the picture credits in a real browser:
accessible, working with JavaScript off, by keyboard, and at 320 px wide."""

import io
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image

from coreflect.frameworks import pictures, services, uploads
from coreflect.frameworks.models import Framework, UploadedPicture, WordingReview
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.frameworks.test_wording_checks import english_copy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png(tmp_path, name="hands.png"):
    path = tmp_path / name
    Image.new("RGB", (64, 64), (30, 120, 200)).save(path, "PNG")
    return path


@pytest.fixture
def welsh_copy(riverside, alice):
    copy = english_copy(riverside, "how-are-we-doing", "riverside-reflects")
    services.save_wording(
        copy,
        "details",
        {"title__cy": "Sut rydyn ni’n gwneud?", "summary__easy_read": "This is about working together."},
        created_by=alice,
    )
    copy.refresh_from_db()
    return copy


def look(page, tmp_path, name):
    """A full-page screenshot at the current size, for a person to look at."""
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)


def test_a_facilitator_records_a_check_with_javascript_off(
    no_js_page, page, visit, sign_in, fran, welsh_copy, tmp_path
):
    js_page, page = page, no_js_page
    sign_in(page, fran)
    visit(page, reverse("frameworks:detail", args=[welsh_copy.slug]))
    assert "Welsh: awaiting review" in page.inner_text("main")
    page.get_by_role("link", name="Record a check of the wording").click()
    page.get_by_label("Welsh").check()
    page.get_by_role("button", name="Record the check").click()
    summary = page.inner_text(".govuk-error-summary")
    assert "Enter who checked the wording" in summary and "Enter the date it was checked" in summary
    page.get_by_label("Who checked it?").fill("Our Welsh language officer")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Record the check").click()
    assert "Welsh checked by Our Welsh language officer on 1 December 2026" in page.inner_text("main")
    assert WordingReview.objects.filter(variant="cy").count() == 1

    sign_in(js_page, fran)
    visit(js_page, reverse("frameworks:checks", args=[welsh_copy.slug]))
    js_page.get_by_role("button", name="Record the check").click()
    assert_accessible(js_page)
    look(js_page, tmp_path, "checks-errors")
    assert_fits_narrow_screen(js_page)
    look(js_page, tmp_path, "checks-errors-320")
    visit(js_page, reverse("frameworks:detail", args=[welsh_copy.slug]))
    assert_accessible(js_page)
    assert_fits_narrow_screen(js_page)


def test_an_admin_uploads_a_picture_and_chooses_it_with_javascript_off(
    no_js_page, page, visit, sign_in, alice, welsh_copy, tmp_path
):
    js_page, page = page, no_js_page
    sign_in(page, alice)
    visit(page, reverse("frameworks:pictures"))
    page.get_by_role("button", name="Upload a picture").click()
    page.get_by_label("What does the picture show?").fill("Two people shaking hands")
    page.get_by_role("button", name="Upload the picture").click()
    summary = page.inner_text(".govuk-error-summary")
    assert "Select a picture to upload" in summary and "Enter the credit for the picture" in summary
    assert page.get_by_label("What does the picture show?").input_value() == "Two people shaking hands"
    svg = tmp_path / "picture.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    page.get_by_label("Picture file").set_input_files(str(svg))
    page.get_by_label("Creative Commons Attribution 4.0 (CC BY 4.0)").check()
    page.get_by_label("Credit").fill("Picture by Sam Lee")
    page.get_by_role("button", name="Upload the picture").click()
    assert "SVG pictures are not accepted" in page.inner_text(".govuk-error-summary")
    page.get_by_label("Picture file").set_input_files(str(png(tmp_path)))
    page.get_by_role("button", name="Upload the picture").click()
    picture = UploadedPicture.objects.get()
    assert f"Its code is {picture.code}" in page.inner_text("main")

    visit(page, reverse("frameworks:edit", args=[welsh_copy.slug]))
    page.get_by_label("Stage 1 (We haven’t got this yet): picture").fill("not a code")
    page.get_by_label("Title (Easy Read)").fill("How are we doing?")
    page.get_by_role("button", name="Save as a new version").click()
    assert "Enter a picture code that exists" in page.inner_text(".govuk-error-summary")
    assert page.get_by_label("Title (Easy Read)").input_value() == "How are we doing?"
    page.get_by_label("Stage 1 (We haven’t got this yet): picture").fill(picture.code)
    page.get_by_label("Stage 2 (We’re getting there): picture").fill("1F91D")
    page.get_by_role("button", name="Save as a new version").click()
    assert "Saved as version 3" in page.inner_text("main")

    sign_in(js_page, alice)
    for name, url in (
        ("pictures", reverse("frameworks:pictures")),
        ("picture-upload", reverse("frameworks:picture-upload")),
        ("edit", reverse("frameworks:edit", args=[welsh_copy.slug])),
    ):
        visit(js_page, url)
        if name == "picture-upload":
            js_page.get_by_role("button", name="Upload the picture").click()
        assert_accessible(js_page)
        look(js_page, tmp_path, name)
        assert_fits_narrow_screen(js_page)
        look(js_page, tmp_path, f"{name}-320")
        js_page.set_viewport_size({"width": 1024, "height": 800})
    image = js_page.goto(js_page.url.split("/frameworks/")[0] + pictures.picture_url(picture.code))
    assert image.headers["content-type"] == "image/png"


def test_the_picture_credits_page_is_accessible_and_fits_a_phone(page, visit, riverside, alice, welsh_copy, tmp_path):
    out = io.BytesIO()
    Image.new("RGB", (48, 48), (200, 60, 60)).save(out, "PNG")
    picture = uploads.upload(
        riverside,
        uploads.clean(out.getvalue()),
        description="A red square",
        licence="CC-BY-SA-4.0",
        credit="Picture by Riverside Council",
        uploaded_by=alice,
    )
    services.save_wording(welsh_copy, "details", {"stages__0__picture": picture.code}, created_by=alice)
    welsh_copy.refresh_from_db()
    visit(page, reverse("frameworks:list"))
    page.get_by_role("link", name="Picture credits").click()
    assert "All emojis designed by OpenMoji" in page.inner_text("main")
    visit(page, pictures.credits_url(welsh_copy.current_version))
    assert "Picture by Riverside Council" in page.inner_text("main")
    assert_accessible(page)
    look(page, tmp_path, "credits")
    assert_fits_narrow_screen(page)
    look(page, tmp_path, "credits-320")


def test_the_check_form_works_by_keyboard(page, visit, sign_in, fran, welsh_copy):
    sign_in(page, fran)
    visit(page, reverse("frameworks:checks", args=[welsh_copy.slug]))
    page.get_by_label("Easy Read").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Speak Up Sefton group")
    for value in ("3", "11", "2026"):
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Easy Read checked by Speak Up Sefton group on 3 November 2026" in page.inner_text("main")


def test_the_easy_read_paper_version_shows_an_uploaded_picture(page, visit, sign_in, riverside, alice):
    version = Framework.objects.get(slug="how-are-we-doing").current_version
    copy = services.copy_framework(version, organisation=riverside, title="Riverside reflects", created_by=alice)
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 60, 60)).save(out, "PNG")
    picture = uploads.upload(
        riverside,
        uploads.clean(out.getvalue()),
        description="A red rectangle",
        licence="CC0-1.0",
        credit="Riverside Council",
        uploaded_by=alice,
    )
    services.save_wording(copy, "details", {"stages__0__picture": picture.code}, created_by=alice)
    sign_in(page, alice)
    visit(page, reverse("frameworks:print", args=[copy.slug]) + "?wording=easy-read")
    shown = page.locator(f'img.paper-picture[src="{pictures.picture_url(picture.code)}"]')
    assert shown.count() == 4  # the first stage, under each principle
    assert shown.first.evaluate("img => img.complete && img.naturalWidth") == 60  # it loads
    box = shown.first.bounding_box()
    assert box["width"] > 0 and box["height"] > 0
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    shown.first.scroll_into_view_if_needed()
    page.screenshot(path=str(Path(tempfile.gettempdir()) / "paper-easy-read-uploaded-320.png"))  # to look at
