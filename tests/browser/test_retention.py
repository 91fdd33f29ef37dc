"""Once free text is removed, the results say so: accessible, fits 320 px, and the setting's page too."""

import datetime

import pytest
from django.urls import reverse

from coreflect.exports.retention import apply_retention
from coreflect.reflections.retention import months_after
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.exports.test_retention import round_with_words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_results_say_when_and_why_the_words_went(page, no_js_page, visit, sign_in, riverside, alice, bob, tmp_path):
    round_ = round_with_words(riverside, alice)
    apply_retention(today=months_after(round_.closed_on, 24) + datetime.timedelta(days=1))
    sign_in(page, bob)
    for name in ("overview", "words"):
        visit(page, reverse(f"results:{name}", args=[round_.pk]))
        notice = page.locator("#free-text-removed")
        assert "as Riverside Council keeps it for 24 months after a round closes" in notice.inner_text()
        assert_accessible(page)
        assert_fits_narrow_screen(page)
        if name == "words":
            page.screenshot(path=str(tmp_path / "words-removed-320.png"), full_page=True)
        page.set_viewport_size({"width": 1024, "height": 800})
    sign_in(no_js_page, bob)
    visit(no_js_page, reverse("results:words", args=[round_.pk]))
    assert "What people wrote in this round has been removed." in no_js_page.inner_text("main")


def test_an_admin_sets_the_period_without_javascript(page, no_js_page, visit, sign_in, riverside, alice):
    sign_in(page, alice)
    visit(page, reverse("organisations:settings"))
    assert_accessible(page)
    assert_fits_narrow_screen(page)

    sign_in(no_js_page, alice)
    visit(no_js_page, reverse("organisations:settings"))
    no_js_page.get_by_label("12 months").check()
    no_js_page.get_by_role("button", name="Save details").click()
    riverside.refresh_from_db()
    assert riverside.free_text_months == 12
