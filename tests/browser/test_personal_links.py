"""Personal invitations in a real browser, with JavaScript off: the facilitator's pages, printing slips, a
person starting from their link, coming back with it, and someone else being refused it."""

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from coreflect.reflections import invitations
from coreflect.reflections.models import PersonalLink
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.pdf import read_pdf
from tests.reflections.conftest import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir())


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


def check_page(page):
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1024, "height": 800})


def link_path(round_, token):
    return reverse("journey:invited-link", args=[round_.link_code, token])


def test_facilitator_makes_slips_and_sets_personal_links_only_with_javascript_off(
    no_js_page, visit, sign_in, fran, open_round
):
    page = no_js_page
    sign_in(page, fran)
    visit(page, reverse("reflections:detail", args=[open_round.pk]))
    page.get_by_role("link", name="Personal invitations: a link for each person").click()

    page.get_by_role("link", name="Print personal invitations as slips with QR codes").click()
    page.get_by_role("button", name="Make the slips (PDF)").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Select who these invitations are for" in summary and "Enter how many slips to print" in summary
    page.get_by_label("Frontline worker").check()
    page.get_by_label("How many slips?").fill("9")
    with page.expect_download() as download:
        page.get_by_role("button", name="Make the slips (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        document = read_pdf(pdf.read())
    assert len(document.pages) == 2 and document.words.count("Your personal invitation") == 9
    assert PersonalLink.objects.filter(perspective__key="frontline").count() == 9

    visit(page, reverse("reflections:personal", args=[open_round.pk]))
    assert "0 of 9 invited" in page.inner_text("table")
    page.get_by_label("Only people with a personal invitation").check()
    page.get_by_role("button", name="Save").click()
    assert "Only people with a personal invitation can take part now" in page.inner_text(".govuk-notification-banner")
    assert page.get_by_label("Only people with a personal invitation").is_checked()

    page.get_by_role("link", name="Back to the round").click()
    page.get_by_role("link", name="Personal invitations: a link for each person").click()
    page.get_by_role("link", name="Email personal invitations").click()
    page.get_by_label("Manager or leader").check()
    page.get_by_label("Email addresses").fill("one@example.org\nnot-an-address")
    page.get_by_role("button", name="Send personal invitations").click()
    assert "Check this address: not-an-address" in page.inner_text(".govuk-error-summary")
    assert page.get_by_label("Manager or leader").is_checked()


def test_facilitator_pages_are_accessible_and_fit_a_small_phone(page, visit, sign_in, fran, open_round):
    invitations.make_links(open_round, open_round.perspectives.get(key="frontline"), 12)
    sign_in(page, fran)
    visit(page, reverse("reflections:personal", args=[open_round.pk]))
    assert "0 of 12 invited" in page.inner_text("table")
    check_page(page)
    page.get_by_role("link", name="Print personal invitations as slips with QR codes").click()
    page.get_by_label("How many slips?").fill("500")
    page.get_by_role("button", name="Make the slips (PDF)").click()
    assert "You can print up to 200 slips at once" in page.inner_text(".govuk-error-summary")
    check_page(page)
    visit(page, reverse("reflections:personal-email", args=[open_round.pk]))
    page.get_by_role("button", name="Send personal invitations").click()
    assert "Select who these invitations are for" in page.inner_text(".govuk-error-summary")
    check_page(page)


def test_a_personal_link_starts_once_resumes_and_is_refused_elsewhere(
    no_js_page, browser, browser_context_args, visit, open_round
):
    token = invitations.make_links(open_round, open_round.perspectives.get(key="frontline"), 1)[0]
    page = no_js_page
    visit(page, link_path(open_round, token))
    assert "/invited/" + token not in page.url  # the address bar no longer holds the token
    assert "Frontline worker" in page.inner_text("main")
    page.get_by_role("button", name="Start now").click()
    assert page.locator("h1").inner_text() != "Your personal invitation"
    tasks_url = page.url

    visit(page, link_path(open_round, token))
    assert page.url == tasks_url  # the same person, back again

    other = browser.new_context(**browser_context_args, java_script_enabled=False).new_page()
    response = visit(other, link_path(open_round, token))
    assert response.status == 403
    assert other.locator("h1").inner_text() == "This invitation has already been used"
    other.context.close()


def test_participant_pages_are_accessible_and_fit_a_small_phone(page, browser, browser_context_args, visit, open_round):
    token = invitations.make_links(open_round, open_round.perspectives.get(key="frontline"), 1)[0]
    visit(page, link_path(open_round, token))
    assert page.locator("h1").inner_text() == "Your personal invitation"
    check_page(page)
    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path=str(SHOTS / "personal-invitation.png"), full_page=True)  # for people to look at
    page.get_by_role("button", name="Start now").click()

    context = browser.new_context(**browser_context_args)
    other = context.new_page()
    visit(other, link_path(open_round, token))
    assert other.locator("h1").inner_text() == "This invitation has already been used"
    check_page(other)
    context.close()


def test_the_open_link_says_the_round_is_by_invitation(page, visit, open_round):
    open_round.personal_links_only = True
    open_round.save()
    visit(page, reverse("journey:start", args=[open_round.link_code]))
    assert "This reflection is by personal invitation" in page.inner_text("main")
    assert page.get_by_role("link", name="Start now").count() == 0
    check_page(page)
    visit(page, reverse("journey:perspective", args=[open_round.link_code]))
    assert page.locator("h1").inner_text() == "This reflection is by personal invitation"
    check_page(page)
