"""Starting the next round, in a real browser: the form, its errors and the round pages it links are
accessible, fit a 320 px screen, and work by keyboard."""

import pytest
from django.urls import reverse

from coreflect.reflections.models import RoundStatus
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page):
    page.set_viewport_size({"width": 1024, "height": 800})
    assert page.locator("h1").count() == 1, page.url
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)  # and again at phone width, where the layout changes


def test_starting_the_next_round_is_accessible_and_fits_a_small_phone(page, visit, sign_in, riverside, alice, fran):
    closed = make_round(
        riverside, alice, status=RoundStatus.CLOSED, title="Riverside day services for older people 2026"
    )
    sign_in(page, fran)
    visit(page, reverse("reflections:detail", args=[closed.pk]))
    page.get_by_role("button", name="Start the next round").click()
    assert page.locator("h1").inner_text() == "What is the next round called?"
    check(page)

    title = page.get_by_label("What is the next round called?")
    assert title.input_value() == "Riverside day services for older people 2026 – next round"
    title.fill("")
    page.get_by_role("button", name="Start the next round").click()
    assert page.title().startswith("Error:")
    assert page.locator(".govuk-error-summary").get_by_text("Enter a title for the next round").is_visible()
    check(page)

    page.get_by_label("What is the next round called?").fill("Riverside day services for older people 2027")
    page.keyboard.press("Enter")
    page.get_by_text("The next round is set up as a draft").wait_for()
    assert page.locator("h1").inner_text() == "Riverside day services for older people 2027"
    assert page.get_by_role("link", name="Riverside day services for older people 2026").is_visible()
    check(page)

    # Back on the round it follows: a link to the next round, and no button to make another.
    page.get_by_role("link", name="Riverside day services for older people 2026").click()
    assert page.get_by_role("link", name="Riverside day services for older people 2027").is_visible()
    assert page.get_by_role("button", name="Start the next round").count() == 0
    check(page)
