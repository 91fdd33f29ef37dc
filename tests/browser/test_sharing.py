"""Sharing a round in a real browser: the poster and the invitation form are accessible and fit a phone."""

import pytest
from django.urls import reverse

from coreflect.frameworks.models import Framework
from coreflect.reflections import services
from tests.a11y import assert_accessible, assert_fits_narrow_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def day_services(riverside, alice):
    return services.create_round(
        organisation=riverside,
        created_by=alice,
        perspectives=["draws-on-support", "frontline"],
        title="Day services 2026",
        subject_kind="service",
        subject_description="",
        framework_version=Framework.objects.get(slug="how-are-you-doing-2011").current_version,
        anonymous=True,
        threshold=5,
        opens_on=None,
        closes_on=None,
    )


def test_poster_is_accessible_and_fits_a_phone(page, visit, sign_in, fran, day_services):
    sign_in(page, fran)
    visit(page, reverse("reflections:poster", args=[day_services.pk]))

    assert page.locator("h1").count() == 1
    assert page.get_by_role("img", name="QR code for the link below").is_visible()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    link = page.locator(".poster-link a")
    assert link.bounding_box()["width"] <= 320
    assert_accessible(page)


def test_poster_bar_is_left_out_when_printing(page, visit, sign_in, fran, day_services):
    sign_in(page, fran)
    visit(page, reverse("reflections:poster", args=[day_services.pk]))
    assert page.get_by_role("link", name="Download as PDF").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Download as PDF").is_visible()
    assert page.get_by_role("img", name="QR code for the link below").is_visible()


def test_invitation_form_is_accessible_and_fits_a_phone(page, visit, sign_in, fran, day_services):
    sign_in(page, fran)
    visit(page, reverse("reflections:invite", args=[day_services.pk]))

    assert "People cannot take part until you open it" in page.inner_text("main")
    assert_accessible(page)
    assert_fits_narrow_screen(page)


def test_invitation_form_with_errors_is_accessible_and_keeps_what_was_typed(page, visit, sign_in, fran, day_services):
    sign_in(page, fran)
    visit(page, reverse("reflections:invite", args=[day_services.pk]))
    typed = "ok@example.org\nnot-an-address"
    page.get_by_label("Email addresses").fill(typed)
    page.get_by_label("A short message to add to the email (optional)").fill("Please join in")
    page.get_by_role("button", name="Send invitations").click()

    summary = page.locator(".govuk-error-summary")
    assert "Check this address: not-an-address" in summary.inner_text()
    assert page.get_by_label("Email addresses").input_value() == typed
    assert page.get_by_label("A short message to add to the email (optional)").input_value() == "Please join in"
    summary.get_by_role("link").click()
    assert page.evaluate("() => document.activeElement.id") == "id_addresses"
    assert_accessible(page)
    assert_fits_narrow_screen(page)
