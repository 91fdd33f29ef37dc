"""The action plan pages in a real browser: accessible, phone-sized, and the conflict page."""

import pytest
from django.urls import reverse

from coreflect.actions import services
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_action_pages_are_accessible_and_fit_a_phone(page, visit, sign_in, fran, riverside, alice):
    round_ = make_round(riverside, alice)
    reciprocity = round_.framework_version.principle_rows.get(key="reciprocity")
    idea = services.add_idea(round_, principle=reciprocity, text="A skills swap café")
    action = services.create_action(
        organisation=riverside,
        created_by=fran,
        round=round_,
        what="Open a skills swap café",
        owner_name="Jo",
        principles=[reciprocity],
    )
    services.add_note(action, text="Venue found", author=fran)
    services.add_contribution(action, name="Jo Reed", role="Co-lead", hours=4)
    sign_in(page, fran)
    for path in (
        reverse("actions:plan"),
        reverse("actions:print"),
        reverse("actions:detail", args=[action.pk]),
        reverse("actions:edit", args=[action.pk]),
        reverse("actions:create") + f"?round={round_.pk}&idea={idea.pk}",
        reverse("actions:ideas", args=[round_.pk]),
    ):
        visit(page, path)
        page.set_viewport_size({"width": 1024, "height": 800})
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
        assert_fits_narrow_screen(page)
        assert_accessible(page)

    # An impossible date is explained, and the other answers stay.
    visit(page, reverse("actions:edit", args=[action.pk]))
    page.get_by_label("When will it be done by?").fill("31/02/2027")
    page.get_by_label("How will it be done?").fill("With the tenants’ group")
    page.get_by_role("button", name="Save action").click()
    assert "Enter the date as day/month/year" in page.inner_text(".govuk-error-summary")
    assert page.input_value("#id_how") == "With the tenants’ group"
    assert_accessible(page)
