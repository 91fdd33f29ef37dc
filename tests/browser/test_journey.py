"""A participant's whole journey in a real browser, and every journey page checked for access."""

import re

import pytest
from django.urls import reverse

from coreflect.reflections.models import Participant, Response
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


def test_whole_journey_across_two_sessions_with_the_resume_link(browser, browser_context_args, visit, open_round):
    first_visit = browser.new_context(**browser_context_args)
    page = first_visit.new_page()
    visit(page, reverse("journey:start", args=[open_round.link_code]))
    assert "Your answers are anonymous" in page.inner_text("main")
    check_page(page)
    page.get_by_role("button", name="Start now").click()

    page.get_by_role("button", name="Continue").click()
    assert "Select the description that fits you best" in page.inner_text(".govuk-error-summary")
    check_page(page)
    page.get_by_label("Frontline worker").check()
    page.get_by_role("button", name="Continue").click()
    assert "You have completed 0 of 4 parts" in page.inner_text("main")
    check_page(page)

    page.get_by_role("link", name="Recognising people as assets").click()
    page.get_by_label("People who use the service take a formal part in recruiting and training staff.").check()
    page.get_by_label("We’re getting there").check()
    page.get_by_label("What is your evidence?").fill("Two people with lived experience sat on our interview panel.")
    check_page(page)
    page.get_by_role("button", name="Save and come back later").click()
    resume_link = page.inner_text("#resume-link")
    page.get_by_role("button", name="Copy your private link").click()  # shown only where JavaScript runs
    page.wait_for_function("() => document.querySelector('[data-copy-status]').textContent !== ''")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_role("button", name="Email me my private link").click()  # a real browser's CSRF check passes
    assert "We have sent your private link" in page.inner_text("main")
    check_page(page)
    first_visit.close()

    second_visit = browser.new_context(**browser_context_args)
    page = second_visit.new_page()
    page.goto(resume_link)
    assert "You have completed 1 of 4 parts" in page.inner_text("main")
    page.get_by_role("link", name="Valuing work differently").click()
    page.get_by_label("We’ve got the basics").check()
    page.get_by_label("Amber").check()
    page.get_by_role("button", name="Save and continue").click()
    assert "You have completed 2 of 4 parts" in page.inner_text("main")

    page.get_by_role("button", name="Check and send your answers").click()
    assert "Two people with lived experience sat on our interview panel." in page.inner_text("main")
    check_page(page)
    page.get_by_role("button", name="Send my answers").click()
    assert "Thank you – your answers have been sent" in page.inner_text("h1")
    check_page(page)

    # Change an answer after sending, until the round closes.
    page.goto(resume_link)
    page.get_by_role("link", name="Valuing work differently").click()
    page.get_by_label("We’re getting there").check()
    page.get_by_role("button", name="Save and continue").click()
    second_visit.close()

    participant = Participant.objects.get()
    assert participant.submitted_at is not None and participant.perspective.key == "frontline"
    answers = {r.principle.key: r for r in Response.objects.select_related("principle", "stage")}
    assert answers["people-as-assets"].stage.key == "getting-there"
    assert answers["valuing-work"].stage.key == "getting-there" and answers["valuing-work"].rag == "amber"


def test_answers_save_themselves_as_people_type(page, visit, open_round):
    visit(page, reverse("journey:perspective", args=[open_round.link_code]))
    page.get_by_label("Person who draws on care and support").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Promoting reciprocity").click()
    page.wait_for_selector("[data-autosave-ready]")
    page.get_by_label("What is your evidence?").fill("People swap skills at the Tuesday café.")
    page.wait_for_function("() => document.querySelector('[data-autosave-status]').textContent.startsWith('Saved at')")
    assert Response.objects.get().evidence == "People swap skills at the Tuesday café."
    # 4:51pm, 9am (not 9:00am), midday or midnight
    status = page.inner_text("[data-autosave-status]")
    assert re.fullmatch(r"Saved at (\d{1,2}(:(?!00)\d\d)?(am|pm)|midday|midnight)", status)
    # GOV.UK's character count says how much room is left as people type.
    assert "characters remaining" in page.inner_text(".govuk-character-count")
    assert_accessible(page)


def test_the_journey_works_by_keyboard_alone(page, visit, open_round):
    visit(page, reverse("journey:perspective", args=[open_round.link_code]))
    page.get_by_label("Manager or leader").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Continue"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/tasks/"))
    assert "Your reflection" in page.inner_text("h1")
    page.get_by_role("link", name="Building social networks").focus()
    page.keyboard.press("Enter")
    page.get_by_label("We haven’t got this yet").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save and continue").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith("/tasks/"))
    assert "You have completed 1 of 4 parts" in page.inner_text("main")


def test_the_journey_works_with_javascript_off(no_js_page, visit, open_round):
    page = no_js_page
    visit(page, reverse("journey:start", args=[open_round.link_code]))
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Family member or unpaid carer").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Promoting reciprocity").click()
    page.get_by_label("What is your evidence?").fill("x" * 5001)
    page.get_by_label("What do you want to change?").fill("More ways to give back")
    page.get_by_role("button", name="Save and continue").click()
    assert "Your answer must be 5,000 characters or fewer" in page.inner_text(".govuk-error-summary")
    assert page.input_value("#id_ideas") == "More ways to give back"
    page.get_by_label("What is your evidence?").fill("Neighbours help each other")
    page.get_by_label("We’ve got the basics").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Check and send your answers").click()
    page.get_by_role("button", name="Send my answers").click()
    assert "your answers have been sent" in page.inner_text("h1")


def test_facilitator_pages_are_accessible(page, visit, sign_in, fran, open_round):
    sign_in(page, fran)
    for path in (
        reverse("reflections:list"),
        reverse("reflections:create"),
        reverse("reflections:detail", args=[open_round.pk]),
        reverse("reflections:edit", args=[open_round.pk]),
        reverse("reflections:perspectives", args=[open_round.pk]),
        reverse("reflections:paper", args=[open_round.pk]),
        reverse("organisations:dashboard"),
    ):
        visit(page, path)
        check_page(page)


def test_setting_up_a_round_with_mistakes_keeps_what_was_typed(page, visit, sign_in, fran):
    sign_in(page, fran)
    visit(page, reverse("reflections:create"))
    page.get_by_label("Describe it in a sentence or two").fill("Support at home in the north of the borough")
    page.get_by_label("Closing date (optional)").fill("32/13/2027")
    page.get_by_role("button", name="Set up round").click()
    summary = page.inner_text(".govuk-error-summary")
    assert "Enter a title" in summary and "Enter the closing date as day/month/year" in summary
    assert page.input_value("#id_subject_description") == "Support at home in the north of the borough"
    assert page.input_value("#id_closes_on") == "32/13/2027"
    check_page(page)
    page.get_by_label("Title").fill("Support at home 2026")
    page.get_by_label("A service or support").check()
    page.get_by_label("Closing date (optional)").fill("31/1/2027")
    page.get_by_role("button", name="Set up round").click()
    assert "Your round is set up as a draft" in page.inner_text("main")
    page.get_by_role("button", name="Open the round").click()
    assert "The round is open" in page.inner_text("main")
