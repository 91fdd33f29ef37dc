"""The honest hint in a real browser, with JavaScript off: shown after saving on the principle page and the
check-answers page, and on the facilitator's paper form, accessible and fitting a 320 px screen."""

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir())

HINT = "The stage you chose is two or more stages above the statements you ticked."


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


def check_page(page):
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1024, "height": 800})


def test_a_participant_sees_the_hint_after_saving_and_can_still_send(no_js_page, visit, open_round):
    page = no_js_page
    visit(page, reverse("journey:perspective", args=[open_round.link_code]))
    page.get_by_label("Frontline worker").check()
    page.get_by_role("button", name="Continue").click()
    principle = reverse("journey:principle", args=[open_round.link_code, "people-as-assets"])
    visit(page, principle)
    assert HINT not in page.inner_text("main")
    page.check("input[name='ticked'][value='people-as-assets-4']")
    page.check("input[name='stage'][value='doing-really-well']")
    page.get_by_role("button", name="Save and continue").click()
    assert "worth a second look" in page.inner_text(".govuk-task-list")  # straight after saving

    visit(page, principle)
    hint = page.locator(".govuk-inset-text.coreflect-stage-hint")
    assert HINT in hint.inner_text()

    visit(page, reverse("journey:check", args=[open_round.link_code]))
    assert HINT in page.locator(".coreflect-stage-hint").inner_text()
    page.get_by_role("button", name="Send my answers").click()
    assert "/submitted/" in page.url


def test_the_facilitator_sees_it_on_the_paper_form(no_js_page, visit, sign_in, fran, open_round):
    page = no_js_page
    sign_in(page, fran)
    visit(page, reverse("reflections:paper", args=[open_round.pk]))
    page.get_by_label("Family member or unpaid carer").check()
    page.check("input[name='people-as-assets-stage'][value='getting-there']")
    page.get_by_role("button", name="Save paper response").click()
    banners = page.inner_text("main")
    assert "Paper response saved" in banners and "two or more stages above the statements ticked" in banners
    page.get_by_role("link", name="Paper responses typed in so far").click()
    page.get_by_role("link", name="Change paper response 1").click()
    assert "Check it was typed in as the person wrote it" in page.locator(".coreflect-stage-hint").inner_text()


def test_pages_with_the_hint_are_accessible_and_fit_a_small_phone(page, visit, sign_in, fran, open_round):
    visit(page, reverse("journey:perspective", args=[open_round.link_code]))
    page.get_by_label("Frontline worker").check()
    page.get_by_role("button", name="Continue").click()
    principle = reverse("journey:principle", args=[open_round.link_code, "people-as-assets"])
    visit(page, principle)
    page.check("input[name='stage'][value='getting-there']")
    page.get_by_role("button", name="Save and continue").click()
    assert "worth a second look" in page.inner_text(".govuk-task-list")
    check_page(page)
    visit(page, principle)
    assert HINT in page.locator(".coreflect-stage-hint").inner_text()
    check_page(page)
    page.locator(".coreflect-stage-hint").scroll_into_view_if_needed()
    page.set_viewport_size({"width": 320, "height": 700})
    page.locator(".coreflect-stage-hint").screenshot(path=str(SHOTS / "honest-hint.png"))  # for people to look at
    visit(page, reverse("journey:check", args=[open_round.link_code]))
    assert HINT in page.locator(".coreflect-stage-hint").inner_text()
    check_page(page)

    sign_in(page, fran)
    visit(page, reverse("reflections:paper", args=[open_round.pk]))
    page.get_by_label("Family member or unpaid carer").check()
    page.check("input[name='people-as-assets-stage'][value='getting-there']")
    page.fill("#id_people-as-assets-evidence", "x" * 5001)  # a mistake, so the form comes back with the hint
    page.get_by_role("button", name="Save paper response").click()
    assert "Check it was typed in as the person wrote it" in page.locator(".coreflect-stage-hint").inner_text()
    check_page(page)
