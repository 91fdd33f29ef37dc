"""Writing outcomes in a real browser: closing a round leads to its actions, and the outcome form – with the
round's results beside it – is accessible, fits a phone and works with JavaScript off."""

import pytest
from django.urls import reverse

from coreflect.actions import services
from coreflect.actions.models import Action
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.actions.test_outcomes import answered
from tests.reflections.conftest import make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def named_round_with_answers(riverside, alice):
    round_ = make_round(riverside, alice, anonymous=False)
    for stage in ["basics", "getting-there"]:
        answered(round_, "reciprocity", stage=stage, rag="amber")
    return round_


def an_action(round_, riverside, fran, what="Open a skills swap café"):
    reciprocity = round_.framework_version.principle_rows.get(key="reciprocity")
    return services.create_action(
        organisation=riverside,
        created_by=fran,
        round=round_,
        what=what,
        owner=fran,
        co_lead_name="Sam Patel",
        principles=[reciprocity],
    )


def test_closing_a_round_leads_to_its_outcomes(page, visit, sign_in, fran, riverside, alice):
    round_ = named_round_with_answers(riverside, alice)
    action = an_action(round_, riverside, fran)
    sign_in(page, fran)
    visit(page, reverse("reflections:detail", args=[round_.pk]))
    page.get_by_role("button", name="Close the round").click()

    assert page.locator("h1").inner_text() == "Tell people what happened: write the outcomes"
    assert "The round is closed" in page.inner_text(".govuk-notification-banner")
    assert "Not written yet" in page.inner_text(".govuk-task-list")
    assert "What the round found" in page.inner_text("main")
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)

    page.get_by_role("link", name="Open a skills swap café").click()
    assert page.url.endswith(reverse("results:outcome", args=[action.pk]))


def test_the_outcome_form_is_accessible_fits_a_phone_and_explains_mistakes(
    page, visit, sign_in, fran, riverside, alice
):
    round_ = named_round_with_answers(riverside, alice)
    action = an_action(round_, riverside, fran)
    sign_in(page, fran)
    visit(page, reverse("results:outcome", args=[action.pk]))
    page.set_viewport_size({"width": 1024, "height": 800})
    assert page.locator("h1").count() == 1
    assert "Led by Fran Fisher, co-led by Sam Patel" in page.inner_text("main")
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)

    page.get_by_label("We did").fill("We opened the café in the library")
    # With JavaScript, the character count says how many are left as people type.
    count = page.locator(".govuk-character-count", has=page.locator("#id_we_did"))
    assert "characters remaining" in count.locator(".govuk-character-count__status").inner_text()
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2030")
    page.get_by_role("button", name="Save the outcome").click()
    assert "The review date must be a real date" in page.inner_text(".govuk-error-summary")
    assert page.input_value("#id_we_did") == "We opened the café in the library"
    assert_accessible(page)
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_review_on_0"


def test_the_outcome_can_be_written_with_javascript_off(no_js_page, visit, sign_in, fran, riverside, alice):
    page = no_js_page
    round_ = named_round_with_answers(riverside, alice)
    action = an_action(round_, riverside, fran)
    sign_in(page, fran)
    visit(page, reverse("results:outcome", args=[action.pk]))
    assert "You can enter up to 3,000 characters" in page.inner_text("main")
    page.get_by_label("We asked").fill("How well do we value what people bring?")
    page.get_by_label("You said").fill("Nobody asks what I am good at")
    page.get_by_label("We did").fill("We opened the café in the library")
    page.get_by_label("Month").fill("3")
    page.get_by_role("button", name="Save the outcome").click()
    assert "The review date must include a day and a year" in page.inner_text(".govuk-error-summary")
    assert page.input_value("#id_you_said") == "Nobody asks what I am good at"
    page.get_by_label("Day").fill("27")
    page.get_by_label("Year").fill("2030")
    page.get_by_role("button", name="Save the outcome").click()

    assert "Outcome saved." in page.inner_text(".govuk-notification-banner")
    assert "We opened the café in the library" in page.inner_text("main")
    assert "27 March 2030" in page.inner_text("main")
    assert_fits_narrow_screen(page)  # (axe needs JavaScript: the pages are scanned with it in the tests above)
    assert Action.objects.get(pk=action.pk).we_did == "We opened the café in the library"


def test_a_round_without_actions_says_so(page, visit, sign_in, fran, riverside, alice):
    round_ = make_round(riverside, alice)
    sign_in(page, fran)
    visit(page, reverse("results:outcomes", args=[round_.pk]))
    assert "This round has no actions yet" in page.inner_text("main")
    assert_accessible(page)
    assert_fits_narrow_screen(page)
