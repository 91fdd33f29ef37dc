"""The language lens's notes after a save, in a real browser: the outcome saved with a phrase from the list
leads to the action's page, where the note sits beside the words – accessible, fitting a phone, and the words
marked with more than colour (they are named in the note's text too)."""

import pytest
from django.urls import reverse

from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.browser.test_outcomes import an_action, named_round_with_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_outcome_saved_with_a_phrase_shows_the_note_on_the_action(page, visit, sign_in, fran, riverside, alice):
    round_ = named_round_with_answers(riverside, alice)
    action = an_action(round_, riverside, fran)
    sign_in(page, fran)
    visit(page, reverse("results:outcome", args=[action.pk]))
    page.get_by_label("We did").fill("We asked our service users to run the café with us, and they do.")
    page.get_by_role("button", name="Save the outcome").click()

    assert page.url.endswith(f"{reverse('actions:detail', args=[action.pk])}?lens=we_did#outcome")
    assert "Outcome saved." in page.inner_text("main")
    note = page.locator(".coreflect-lens-notes")
    assert note.count() == 1
    assert "“service users”" in note.inner_text()
    assert "Instead: people who draw on care and support" in note.inner_text()
    assert note.locator("mark").inner_text() == "service users"
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)


def test_the_framework_editor_with_a_note_is_accessible_and_fits_a_phone(page, visit, sign_in, alice):
    sign_in(page, alice)
    visit(page, reverse("frameworks:detail", args=["how-are-you-doing-2011"]))
    page.get_by_role("button", name="Make a copy to change the wording").click()
    page.get_by_role("button", name="Make a copy").click()
    page.get_by_role("link", name="Promoting reciprocity").click()
    statement = page.get_by_label("Statement 1 (We haven’t got this yet) (English)")
    statement.fill("Around here, service users are seen only as takers of help.")
    page.get_by_role("button", name="Save as a new version").click()
    assert "Saved as version 2" in page.inner_text("main")
    note = page.locator(".coreflect-lens-notes")
    assert note.count() == 1 and "“service users”" in note.inner_text()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
