"""Paper responses in a real browser: typed in, listed, corrected and deleted with JavaScript off, and
every paper page checked for access at full width and on a 320 px screen."""

import pytest
from django.urls import reverse

from coreflect.reflections.models import Participant
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


def check_page(page):
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)
    page.set_viewport_size({"width": 1024, "height": 800})


def choose(page, name, value):
    page.check(f"input[name='{name}'][value='{value}']")


def type_in(page, perspective, stage):
    page.get_by_label(perspective).check()
    choose(page, "people-as-assets-stage", stage)
    page.fill("#id_people-as-assets-evidence", "Written on the paper form")
    page.get_by_role("button", name="Save paper response").click()
    assert "Paper response saved" in page.inner_text(".govuk-notification-banner")


def test_paper_responses_are_typed_in_corrected_and_deleted_with_javascript_off(
    no_js_page, visit, sign_in, fran, open_round
):
    page = no_js_page
    sign_in(page, fran)
    visit(page, reverse("reflections:detail", args=[open_round.pk]))
    page.get_by_role("link", name="Type in a paper response").click()
    type_in(page, "Family member or unpaid carer", "basics")
    type_in(page, "Frontline worker", "not-yet")
    page.get_by_role("link", name="Paper responses typed in so far").click()
    assert "2 paper responses" in page.inner_text("caption")
    assert "Family member or unpaid carer" in page.inner_text("tbody tr:first-child")

    page.get_by_role("link", name="Change paper response 1").click()
    assert page.is_checked("input[name='people-as-assets-stage'][value='basics']")
    assert page.input_value("#id_people-as-assets-evidence") == "Written on the paper form"
    page.fill("#id_people-as-assets-evidence", "x" * 5001)
    page.fill("#id_reciprocity-ideas", "Ask carers first")
    page.get_by_role("button", name="Save changes").click()
    assert "Your answer must be 5,000 characters or fewer" in page.inner_text(".govuk-error-summary")
    assert page.input_value("#id_reciprocity-ideas") == "Ask carers first"
    page.fill("#id_people-as-assets-evidence", "Corrected from the paper form")
    page.get_by_label("Manager or leader").check()
    page.get_by_label("Remove the answer to part 1: the person did not fill it in").check()
    page.get_by_role("button", name="Save changes").click()
    assert "Paper response 1 changed" in page.inner_text(".govuk-notification-banner")
    moved = page.locator("tbody tr", has_text="Manager or leader").inner_text()
    assert "\t3\t" in moved  # part 3 answered now, part 1 taken away
    assert "Family member or unpaid carer" not in page.inner_text("tbody")

    page.get_by_role("link", name="Delete paper response 2").click()
    assert "Are you sure you want to delete paper response 2?" in page.inner_text("h1")
    page.get_by_role("button", name="Delete paper response").click()
    assert "Paper response 2 deleted" in page.inner_text(".govuk-notification-banner")
    assert "1 paper response" in page.inner_text("caption")
    assert Participant.objects.count() == 1


def test_paper_pages_are_accessible_and_fit_a_small_phone(page, visit, sign_in, fran, open_round):
    sign_in(page, fran)
    visit(page, reverse("reflections:paper-list", args=[open_round.pk]))
    assert "No paper responses have been typed in yet" in page.inner_text("main")
    check_page(page)
    visit(page, reverse("reflections:paper", args=[open_round.pk]))
    type_in(page, "Person who draws on care and support", "getting-there")
    visit(page, reverse("reflections:paper-list", args=[open_round.pk]))
    check_page(page)
    page.get_by_role("link", name="Change paper response 1").click()
    check_page(page)
    page.fill("#id_reciprocity-evidence", "y" * 5001)
    page.get_by_role("button", name="Save changes").click()
    assert "There is a problem" in page.inner_text(".govuk-error-summary")
    check_page(page)
    visit(page, reverse("reflections:paper-list", args=[open_round.pk]))
    page.get_by_role("link", name="Delete paper response 1").click()
    check_page(page)
