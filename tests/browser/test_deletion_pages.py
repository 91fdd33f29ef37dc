"""The three deletion pages in a real browser: a round, the organisation (with the password asked again) and
one's own account. Each page and its error are accessible and fit a 320 px screen; each deletion goes through
with JavaScript off; a mistyped confirmation is shown as an error without losing what was typed."""

import pytest
from django.urls import reverse

from coreflect.accounts.models import User
from coreflect.organisations.models import Organisation
from coreflect.reflections.models import Round
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.conftest import PASSWORD
from tests.reflections.conftest import Visitor, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROUND_TITLE = "Riverside day services for older people 2026"
ROUND_FIELD = "Type the round’s title to confirm"
ORGANISATION_FIELD = "Type the organisation’s name to confirm"


def check(page):
    assert page.locator("h1").count() == 1, page.url
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)
    page.set_viewport_size({"width": 1024, "height": 800})


def test_the_round_deletion_page_and_its_error_are_accessible(page, visit, sign_in, riverside, alice, tmp_path):
    round_ = make_round(riverside, alice, title=ROUND_TITLE)
    for key in ["draws-on-support", "family-carer", "frontline"]:
        Visitor(round_).join(key)
    sign_in(page, alice)
    visit(page, reverse("reflections:detail", args=[round_.pk]))
    page.get_by_role("link", name="Delete this round").click()
    assert page.locator("h1").inner_text() == "Delete this round"
    assert "3 people’s answers" in page.inner_text("#what-goes")
    check(page)
    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path=tmp_path / "delete-round-320.png", full_page=True)  # for a person to look at
    page.set_viewport_size({"width": 1024, "height": 800})

    page.get_by_label(ROUND_FIELD).fill("Riverside day services")
    page.get_by_role("button", name="Delete this round").click()
    assert page.title().startswith("Error:")
    assert "The title you typed does not match" in page.inner_text(".govuk-error-summary")
    assert page.get_by_label(ROUND_FIELD).input_value() == "Riverside day services"
    check(page)
    assert Round.objects.filter(pk=round_.pk).exists()


def test_deleting_a_round_with_javascript_off(no_js_page, visit, sign_in, riverside, alice):
    page = no_js_page
    round_ = make_round(riverside, alice, title=ROUND_TITLE)
    sign_in(page, alice)
    visit(page, reverse("reflections:detail", args=[round_.pk]))
    page.get_by_role("link", name="Delete this round").click()
    page.get_by_label(ROUND_FIELD).fill("Riverside")
    page.get_by_role("button", name="Delete this round").click()
    assert "The title you typed does not match" in page.inner_text(".govuk-error-summary")
    page.get_by_label(ROUND_FIELD).fill(ROUND_TITLE)
    page.get_by_role("button", name="Delete this round").click()
    assert "has been deleted" in page.inner_text(".govuk-notification-banner")
    assert page.locator("h1").inner_text() == "Reflection rounds"
    assert not Round.objects.filter(pk=round_.pk).exists()


def test_the_organisation_deletion_page_and_its_error_are_accessible(page, visit, sign_in, hillside, carol):
    sign_in(page, carol)
    visit(page, reverse("organisations:settings"))
    page.get_by_role("link", name="Delete this organisation").click()
    assert page.locator("h1").inner_text() == "Delete this organisation"
    check(page)
    page.get_by_label(ORGANISATION_FIELD).fill("Hillside")
    page.get_by_role("button", name="Delete this organisation").click()
    assert "The name you typed does not match" in page.inner_text(".govuk-error-summary")
    assert page.get_by_label(ORGANISATION_FIELD).input_value() == "Hillside"
    check(page)


def test_deleting_the_organisation_asks_for_the_password_again(no_js_page, visit, sign_in, hillside, carol):
    page = no_js_page
    sign_in(page, carol)
    visit(page, reverse("organisations:delete"))
    page.get_by_label(ORGANISATION_FIELD).fill("Hillside Care")
    page.get_by_role("button", name="Delete this organisation").click()
    assert page.locator("h1").inner_text() == "Confirm your password"
    assert Organisation.objects.filter(pk=hillside.pk).exists()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    assert "Hillside Care has been deleted" in page.inner_text(".govuk-notification-banner")
    assert not Organisation.objects.filter(pk=hillside.pk).exists()
    assert User.objects.filter(pk=carol.pk).exists()


def test_the_account_deletion_pages_are_accessible(page, visit, sign_in, riverside, alice, bob):
    sign_in(page, bob)
    visit(page, reverse("organisations:dashboard"))
    page.get_by_role("link", name="Delete your account").click()
    assert page.locator("h1").inner_text() == "Delete your account"
    check(page)
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete your account").click()
    assert "The password is not right" in page.inner_text(".govuk-error-summary")
    check(page)
    page.context.clear_cookies()
    visit(page, reverse("organisations:account-deleted"))
    assert page.locator("h1").inner_text() == "Your account has been deleted"
    check(page)


def test_deleting_ones_account_with_javascript_off(no_js_page, visit, sign_in, riverside, alice, bob):
    page = no_js_page
    sign_in(page, bob)
    visit(page, reverse("organisations:account-delete"))
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete your account").click()
    assert page.locator("h1").inner_text() == "Your account has been deleted"
    assert page.get_by_role("link", name="Sign in").is_visible()
    assert not User.objects.filter(pk=bob.pk).exists()


def test_the_only_admin_is_told_what_to_do_first(page, visit, sign_in, riverside, alice, bob):
    sign_in(page, alice)
    visit(page, reverse("organisations:account-delete"))
    assert "you are the only admin of Riverside Council" in page.inner_text("#blockers")
    assert page.get_by_role("button", name="Delete your account").count() == 0
    check(page)
