"""Framework pages in a real browser: accessible, phone-sized, and the copy-and-reword journey."""

import pytest
from django.urls import reverse

from coreflect.frameworks.models import Framework
from tests.a11y import assert_accessible, assert_fits_narrow_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("slug", ["how-are-we-doing", "how-are-you-doing-2011", "scie-lens"])
def test_framework_page_is_accessible_and_fits_a_phone(page, visit, slug):
    visit(page, reverse("frameworks:detail", args=[slug]))
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)


def test_framework_list_is_accessible(page, visit, sign_in, alice):
    sign_in(page, alice)
    visit(page, reverse("frameworks:list"))
    assert_accessible(page)
    assert_fits_narrow_screen(page)


def test_the_story_opens_by_keyboard(page, visit):
    visit(page, reverse("frameworks:detail", args=["how-are-you-doing-2011"]))
    story = page.locator("summary", has_text="Kathy’s story")
    story.focus()
    page.keyboard.press("Enter")
    assert page.get_by_text("Painting is something I love").is_visible()


def test_admin_copies_and_rewords_a_framework_with_javascript_off(no_js_page, page, visit, sign_in, alice):
    js_page, page = page, no_js_page
    sign_in(page, alice)
    visit(page, reverse("frameworks:detail", args=["how-are-you-doing-2011"]))
    page.get_by_role("button", name="Make a copy to change the wording").click()
    page.fill("#id_title", "")
    page.get_by_role("button", name="Make a copy").click()
    assert "Enter a name for your copy" in page.inner_text(".govuk-error-summary")
    page.fill("#id_title", "Riverside: how are we doing?")
    page.get_by_role("button", name="Make a copy").click()
    assert "Your copy is ready" in page.inner_text("main")

    page.get_by_role("link", name="Promoting reciprocity").click()
    statement = page.get_by_label("Statement 1 (We haven’t got this yet) (English)")
    statement.fill("Around here, people are seen only as takers of help.")
    page.get_by_role("button", name="Save as a new version").click()
    assert "Saved as version 2" in page.inner_text("main")
    edit_url = page.url

    copy = Framework.objects.get(organisation__isnull=False)
    page.goto(page.url.split("/frameworks/")[0] + reverse("frameworks:detail", args=[copy.slug]))
    assert "Around here, people are seen only as takers of help." in page.inner_text("main")
    assert "version 2" in page.inner_text(".govuk-caption-l")

    # The same pages, scanned with JavaScript on (axe itself needs it).
    sign_in(js_page, alice)
    js_page.goto(edit_url)
    assert_accessible(js_page)
    assert_fits_narrow_screen(js_page)
