"""The language lens in a round, in a real browser: the notes beside a participant's words (with JavaScript off
and on, autosave unbroken) and "the words people used" on the results – accessible and 320 px wide."""

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from coreflect.reflections import services
from coreflect.reflections.models import Response, RoundStatus
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round
from tests.results.test_results import answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(tempfile.gettempdir()) / "lens-round-shots"  # to look at by eye after a run
DEFICIT = "Our service users run the garden club, and we let them choose the plants."


def check_page(page, name, axe=True):
    assert page.locator("h1").count() == 1
    if axe:  # axe needs JavaScript: the page without it is scanned in the test with it
        assert_accessible(page)
    assert_fits_narrow_screen(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size({"width": 1024, "height": 800})


@pytest.fixture
def lens_round(riverside, alice):
    round_ = make_round(riverside, alice)
    round_.language_lens = True
    round_.save(update_fields=["language_lens"])
    return round_


def join_and_open_a_principle(page, visit, round_):
    visit(page, reverse("journey:perspective", args=[round_.link_code]))
    page.get_by_label("Person who draws on care and support").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Promoting reciprocity").click()


def test_notes_come_after_a_save_with_javascript_off_and_never_block(no_js_page, visit, lens_round):
    page = no_js_page
    join_and_open_a_principle(page, visit, lens_round)
    page.get_by_label("What is your evidence?").fill(DEFICIT)
    page.get_by_label("We’ve got the basics").check()
    page.get_by_role("button", name="Save and continue").click()
    notes = page.inner_text("#language-notes")
    assert "you wrote “service users”" in notes and "you wrote “let them”" in notes
    assert page.input_value("#id_evidence") == DEFICIT
    check_page(page, "journey-notes-no-js-320", axe=False)
    page.get_by_role("button", name="Save and continue").click()  # nothing new: on to the task list
    page.wait_for_url(lambda url: url.endswith("/tasks/"))
    assert "Your reflection" in page.inner_text("h1")
    assert Response.objects.get().evidence == DEFICIT


def test_autosave_still_works_and_the_carry_on_link_goes_on(page, visit, lens_round):
    join_and_open_a_principle(page, visit, lens_round)
    page.wait_for_selector("[data-autosave-ready]")
    page.get_by_label("What is your evidence?").fill(DEFICIT)
    page.wait_for_function("() => document.querySelector('[data-autosave-status]').textContent.startsWith('Saved at')")
    assert Response.objects.get().evidence == DEFICIT
    page.get_by_label("We’ve got the basics").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_selector("#language-notes")  # the page comes back after the save
    check_page(page, "journey-notes-320")
    page.get_by_role("link", name="carry on").click()
    page.wait_for_url(lambda url: url.endswith("/tasks/"))
    assert "Your reflection" in page.inner_text("h1")


def test_the_words_people_used_is_accessible_and_fits_a_phone(page, visit, sign_in, bob, riverside, alice):
    round_ = make_round(riverside, alice, perspectives=["draws-on-support", "frontline", "manager", "commissioner"])
    for key, people, written in [
        ("draws-on-support", 6, "The service users here run the garden club."),
        ("frontline", 6, "People who draw on care and support lead it. We let them choose."),
        ("manager", 5, "We see challenging behaviour."),
        ("commissioner", 2, "Service users, service users."),
    ]:
        for n in range(people):
            stage = ["basics", "not-yet"][n % 2]
            answer(round_, key, **{"people-as-assets": {"stage": stage, "evidence": written}})
    services.set_status(round_, RoundStatus.CLOSED)
    sign_in(page, bob)
    visit(page, reverse("results:words-used", args=[round_.pk]))
    assert "service user" in page.inner_text("main")
    check_page(page, "words-used-320")


def test_the_facilitator_switches_the_lens_on_without_javascript(
    no_js_page, page, visit, sign_in, fran, riverside, alice
):
    round_ = make_round(riverside, alice)
    for browser_page in (no_js_page, page):
        sign_in(browser_page, fran)
    visit(page, reverse("reflections:edit", args=[round_.pk]))
    check_page(page, "round-form-320")
    visit(no_js_page, reverse("reflections:edit", args=[round_.pk]))
    no_js_page.get_by_label("Point out deficit language to people taking part").check()
    no_js_page.get_by_role("button", name="Save details").click()
    assert "On: people taking part see notes about deficit language" in no_js_page.inner_text("main")
    round_.refresh_from_db()
    assert round_.language_lens
