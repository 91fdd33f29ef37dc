"""Co-leads in a real browser: inviting one from the round page, accepting with JavaScript off, and the
co-lead's own list of rounds – each accessible and fitting a 320 px screen."""

import pytest
from django.urls import reverse

from coreflect.accounts.models import User
from tests import co_leads as co_lead_fixtures
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.co_leads import invite

sam = co_lead_fixtures.sam
sams_round = co_lead_fixtures.sams_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a long and unusual passphrase 42"


def test_a_facilitator_invites_a_co_lead(page, visit, sign_in, fran, sams_round):
    sign_in(page, fran)
    visit(page, reverse("reflections:detail", args=[sams_round.pk]))
    section = page.locator("#co-leads")
    assert section.inner_text() == "Co-leads"
    assert "Co-led by Sam Shah (Expert by experience, co-lead)" in page.inner_text("main")
    page.get_by_role("button", name="Invite a co-lead").click()

    assert page.locator("h1").inner_text() == "Invite a co-lead"
    assert_accessible(page)
    page.get_by_role("button", name="Send invitation").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter their name" in summary.inner_text() and "Enter their email address" in summary.inner_text()
    assert_accessible(page)
    assert_fits_narrow_screen(page)

    page.get_by_label("Their name").fill("Kim Kaur")
    page.get_by_label("Email address").fill("kim@example.org")
    page.get_by_label("Their role, in their own words").fill("Carer and peer supporter")
    page.get_by_role("button", name="Send invitation").click()
    assert "We’re sending Kim Kaur an invitation to co-lead this round" in page.inner_text("main")
    assert "Kim Kaur (Carer and peer supporter), kim@example.org" in page.locator("main").inner_text()
    assert_accessible(page)
    assert_fits_narrow_screen(page)


def test_accepting_works_with_javascript_off_and_the_pages_are_accessible(
    no_js_page, page, visit, live_server, fran, sams_round
):
    _invitation, token = invite(sams_round, fran, email="kim@example.org", name="Kim Kaur", role="Peer supporter")
    accept = reverse("reflections:co-lead-accept", args=[token])
    no_js_page.goto(live_server.url + accept)
    assert "Co-lead “Carers’ voices 2026”" in no_js_page.locator("h1").inner_text()
    no_js_page.get_by_label("Create a password").fill(NEW_PASSWORD)
    no_js_page.get_by_label("Type the password again").fill("not the same")
    no_js_page.get_by_role("button", name="Accept and co-lead").click()
    assert "There is a problem" in no_js_page.inner_text("main")
    assert no_js_page.get_by_label("Your full name").input_value() == "Kim Kaur"

    no_js_page.get_by_label("Create a password").fill(NEW_PASSWORD)
    no_js_page.get_by_label("Type the password again").fill(NEW_PASSWORD)
    no_js_page.get_by_role("button", name="Accept and co-lead").click()
    assert no_js_page.url == live_server.url + reverse("reflections:co-led")
    assert "Carers’ voices 2026" in no_js_page.inner_text("main")
    assert User.objects.get(email="kim@example.org").co_leaderships.get().role == "Peer supporter"

    _invitation, token = invite(sams_round, fran, email="lee@example.org", name="Lee Lewis")
    visit(page, reverse("reflections:co-lead-accept", args=[token]))
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)


def test_your_rounds_is_accessible_and_fits_a_phone(page, visit, sign_in, sam, sams_round):
    sign_in(page, sam)
    visit(page, reverse("organisations:dashboard"))
    assert page.locator("h1").inner_text() == "Your rounds"
    assert page.get_by_role("link", name="Your rounds").count() == 1
    assert page.get_by_role("link", name="Rounds", exact=True).count() == 0
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)
    page.get_by_role("link", name="Carers’ voices 2026").click()
    assert (
        "Riverside Council (Co-lead of Carers’ voices 2026)" in page.locator(".coreflect-organisation-bar").inner_text()
    )
    assert_accessible(page)


def test_removing_a_co_lead_and_a_used_link_are_accessible(page, visit, sign_in, fran, sams_round):
    sign_in(page, fran)
    visit(page, reverse("reflections:detail", args=[sams_round.pk]))
    page.locator("#co-leads ~ dl").get_by_role("link", name="Remove Sam Shah").click()
    assert page.locator("h1").inner_text() == "Remove Sam Shah as a co-lead of Carers’ voices 2026?"
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.get_by_role("button", name="Remove").click()
    assert "Sam Shah no longer co-leads this round." in page.inner_text("main")
    assert "Nobody co-leads this round yet." in page.inner_text("main")

    visit(page, reverse("reflections:co-lead-accept", args=["no-such-link"]))
    assert page.locator("h1").inner_text() == "This invitation cannot be used"
    assert_accessible(page)
    assert_fits_narrow_screen(page)


def test_a_co_lead_opens_their_rounds_paper_version_from_the_round_page(page, visit, sign_in, sam, sams_round):
    sign_in(page, sam)
    visit(page, reverse("reflections:detail", args=[sams_round.pk]))
    page.get_by_role("link", name="Paper version to print").click()
    assert page.locator("h1").count() == 1
    assert page.get_by_role("link", name="Back to the round").is_visible()
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)
