"""Taking part in Easy Read in a real browser, with JavaScript on and off: the choice, large text, pictures on
the left, the Listen buttons (only with JavaScript and speech), and switching back keeping the answers."""

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from coreflect.reflections import invitations, services
from coreflect.reflections.models import Participant, RoundStatus
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round
from tests.reflections.easy_read import STATEMENT_PICTURE, add_easy_read
from tests.reflections.test_easy_read_words import long_sentences

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(tempfile.gettempdir())

# A stand-in for the browser's speech, so the test hears what would be read aloud (headless Chromium has no
# voices); it is there before the page's scripts run, as a real browser's would be.
FAKE_SPEECH = """
window.spoken = [];
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.handlers = {}; }
  addEventListener(name, handler) { this.handlers[name] = handler; } };
Object.defineProperty(window, "speechSynthesis", { value: {
  speak(utterance) { window.spoken.push([utterance.text, utterance.lang]); },
  cancel() { window.spoken.push(["(stopped)", ""]); } } });
"""


@pytest.fixture
def easy_round(riverside, alice):
    add_easy_read()
    return make_round(riverside, alice)


def check_page(page, name, folder):
    assert page.locator("h1").count() == 1
    if "coreflect-easy-read" in (page.get_attribute("body", "class") or ""):
        # Every sentence a reader sees in Easy Read is short (each line of the page on its own).
        lines = page.inner_text("main").splitlines()
        assert [sentence for line in lines for sentence in long_sentences(line)] == []
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.screenshot(path=str(folder / f"easy-read-{name}-320.png"), full_page=True)  # for a person to look at
    assert_accessible(page)
    page.set_viewport_size({"width": 1024, "height": 800})


def body_font_px(page, selector):
    return float(page.eval_on_selector(selector, "node => parseFloat(getComputedStyle(node).fontSize)"))


def test_the_easy_read_journey_with_javascript(page, visit, easy_round, tmp_path):
    page.add_init_script(FAKE_SPEECH)
    visit(page, reverse("journey:start", args=[easy_round.link_code]))
    page.get_by_role("button", name="Easy Read").click()
    assert "You are reading the Easy Read version." in page.inner_text("body")
    assert "We save your answers as you go." in page.inner_text("main")
    check_page(page, "start", tmp_path)
    page.get_by_role("button", name="Start now").click()
    check_page(page, "perspective", tmp_path)
    page.get_by_role("button", name="Continue").click()  # nothing chosen: the message is in Easy Read too
    assert "Choose the words that fit you best" in page.inner_text(".govuk-error-summary")
    check_page(page, "perspective-error", tmp_path)
    page.get_by_label("Frontline worker").check()
    page.get_by_role("button", name="Continue").click()
    assert Participant.objects.get().easy_read
    assert page.inner_text("h1") == "The parts to answer"
    check_page(page, "tasks", tmp_path)
    page.get_by_role("link", name="Easy title of people-as-assets").click()

    main = page.inner_text("main")
    assert "Easy about people-as-assets. One idea at a time." in main
    assert "Easy statement people-as-assets-1" in main
    # Large text, even on a small phone, and the picture on the left of the words.
    page.set_viewport_size({"width": 320, "height": 800})
    assert body_font_px(page, "main .govuk-body") >= 19
    assert body_font_px(page, "label[for=id_ticked_0]") >= 19
    picture = page.locator("label[for=id_ticked_0] img").bounding_box()
    words = page.locator("label[for=id_ticked_0] .coreflect-pictured__words").bounding_box()
    assert picture["x"] + picture["width"] <= words["x"]
    assert page.locator("label[for=id_ticked_0] img").get_attribute("alt") == ""
    assert page.eval_on_selector("label[for=id_ticked_0] img", "img => img.naturalWidth") > 0  # the picture loads
    page.set_viewport_size({"width": 1024, "height": 800})

    # A Listen button beside each stage and statement reads it aloud; pressed again, it stops.
    listen = page.get_by_role("button", name="Listen")
    assert listen.count() == page.locator("[data-listen]").count() > 5
    first_statement = page.locator(".govuk-checkboxes__item").first.get_by_role("button", name="Listen")
    first_statement.click()
    assert page.evaluate("window.spoken") == [["(stopped)", ""], ["Easy statement people-as-assets-1", "en-GB"]]
    page.locator(".govuk-checkboxes__item").first.get_by_role("button", name="Stop").click()
    assert page.evaluate("window.spoken").pop() == ["(stopped)", ""]
    assert page.locator(".govuk-checkboxes__item").first.get_by_role("button", name="Listen").count() == 1

    page.get_by_label("Easy statement people-as-assets-1", exact=True).check()
    page.get_by_label("Easy stage 2").check()
    check_page(page, "principle", tmp_path)
    page.get_by_role("button", name="Save this part").click()
    assert "You have done 1 of 4 parts." in page.inner_text("main")
    page.get_by_role("link", name="Stop now and come back later").click()
    assert "Keep your link safe." in page.inner_text("main")
    check_page(page, "later", tmp_path)
    page.get_by_role("link", name="Go back to your answers now").click()
    page.get_by_role("button", name="Check and send your answers").click()
    main = page.inner_text("main")
    assert "Easy stage 2" in main and "Sentences you ticked" in main and "1 statement" not in main
    # The statement ticked, in its words, with its picture on the left.
    ticked = page.locator("#parts li", has_text="Easy statement people-as-assets-1")
    picture = ticked.locator("img")
    assert picture.get_attribute("src").endswith(f"/{STATEMENT_PICTURE}.svg") and picture.get_attribute("alt") == ""
    assert page.eval_on_selector("#parts li img", "img => img.naturalWidth") > 0
    page.set_viewport_size({"width": 320, "height": 800})
    words = ticked.locator(".coreflect-pictured__words").bounding_box()
    assert picture.bounding_box()["x"] + picture.bounding_box()["width"] <= words["x"]
    page.set_viewport_size({"width": 1024, "height": 800})
    check_page(page, "check", tmp_path)
    page.get_by_role("button", name="Send my answers").click()
    assert page.inner_text("h1") == "Thank you. Your answers have been sent."
    assert "will look at everyone’s answers together." in page.inner_text("main")
    check_page(page, "submitted", tmp_path)
    assert Participant.objects.get().sent_in_easy_read


def test_the_easy_read_journey_with_javascript_off_and_switching_back(no_js_page, visit, easy_round):
    page = no_js_page
    visit(page, reverse("journey:start", args=[easy_round.link_code]))
    page.get_by_role("button", name="Easy Read").click()
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Person who draws on care and support").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Easy title of valuing-work").click()
    assert page.get_by_role("button", name="Listen").count() == 0  # no speech without JavaScript
    assert page.locator("main img.coreflect-picture").count() > 5
    page.get_by_label("Easy statement valuing-work-1", exact=True).check()
    page.locator("#id_evidence").fill("Typed in Easy Read")
    # Switching to the standard wording keeps what was typed, though it is not saved yet.
    page.get_by_role("button", name="Use the standard wording").click()
    assert "Easy statement" not in page.inner_text("main")
    assert page.input_value("#id_evidence") == "Typed in Easy Read"
    assert page.is_checked("#id_ticked_0")
    page.get_by_role("button", name="Easy Read").click()
    assert page.input_value("#id_evidence") == "Typed in Easy Read"
    page.get_by_label("Easy stage 1").check()
    page.get_by_role("button", name="Save this part").click()
    page.get_by_role("button", name="Check and send your answers").click()
    assert "Typed in Easy Read" in page.inner_text("main")
    assert "Easy statement valuing-work-1" in page.inner_text("main")
    assert page.locator("#parts li img.coreflect-picture").count() == 1
    page.get_by_role("button", name="Use the standard wording").click()
    assert "Check your answers" in page.inner_text("h1") and "Easy stage" not in page.inner_text("main")
    page.get_by_role("button", name="Easy Read").click()
    page.get_by_role("button", name="Send my answers").click()
    assert page.inner_text("h1") == "Thank you. Your answers have been sent."
    assert Participant.objects.get().sent_in_easy_read
    page.get_by_role("link", name="Delete my answers").click()
    assert "You cannot get them back." in page.inner_text("main")
    page.get_by_role("button", name="Delete my answers").click()
    assert "We have not kept any of your answers." in page.inner_text("main")


def test_a_closed_round_and_an_unknown_link_in_easy_read(page, visit, easy_round, tmp_path):
    visit(page, reverse("journey:start", args=[easy_round.link_code]) + "?wording=easy-read")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Frontline worker").check()
    page.get_by_role("button", name="Continue").click()
    services.set_status(easy_round, RoundStatus.CLOSED)
    visit(page, reverse("journey:perspective", args=[easy_round.link_code]))
    assert page.inner_text("h1") == "You cannot answer now"
    check_page(page, "closed", tmp_path)
    visit(page, reverse("journey:resume", args=[easy_round.link_code, "not-a-token"]) + "?wording=easy-read")
    assert page.inner_text("h1") == "This link does not work"
    check_page(page, "unknown-link", tmp_path)


def test_the_paper_version_and_poster_in_easy_read_are_accessible(page, visit, sign_in, fran, easy_round, tmp_path):
    sign_in(page, fran)
    visit(page, reverse("reflections:printable", args=[easy_round.pk]))
    page.get_by_role("link", name="Print in Easy Read").click()
    assert "Easy statement people-as-assets-1" in page.inner_text("main")
    picture = page.locator("[data-indicator=people-as-assets-1] img")
    words = page.locator("[data-indicator=people-as-assets-1] span").last
    assert picture.get_attribute("alt") == ""
    assert picture.bounding_box()["x"] + picture.bounding_box()["width"] <= words.bounding_box()["x"]
    page.emulate_media(media="print")
    assert body_font_px(page, "[data-indicator=people-as-assets-1]") >= 18.6  # 14pt
    page.emulate_media(media="screen")
    check_page(page, "paper", tmp_path)
    visit(page, reverse("reflections:poster", args=[easy_round.pk]))
    page.get_by_role("link", name="Print the poster in Easy Read").click()
    assert "Answer some questions on your phone." in page.inner_text("main")
    check_page(page, "poster", tmp_path)


def _invitation(round_, key="frontline"):
    token = invitations.make_links(round_, round_.perspectives.get(key=key), 1)[0]
    return reverse("journey:invited-link", args=[round_.link_code, token])


@pytest.mark.parametrize("javascript", [False, True], ids=["javascript-off", "javascript-on"])
def test_choosing_easy_read_on_a_personal_invitation(browser, browser_context_args, visit, easy_round, javascript):
    context = browser.new_context(**browser_context_args, java_script_enabled=javascript)
    page = context.new_page()
    visit(page, _invitation(easy_round))
    assert page.locator("h1").inner_text() == "Your personal invitation"
    assert "You can read this reflection in Easy Read: short sentences, with pictures." in page.inner_text("body")
    page.get_by_role("button", name="Easy Read").click()
    assert "You are reading the Easy Read version." in page.inner_text("body")
    assert page.locator("h1").inner_text() == "Your personal invitation"
    if javascript:  # axe itself needs JavaScript
        check_page(page, "invitation", SHOTS)
    page.get_by_role("button", name="Start now").click()
    assert Participant.objects.get().easy_read
    assert "Easy title of people-as-assets" in page.inner_text("main")
    page.get_by_role("link", name="Easy title of people-as-assets").click()
    assert "Easy statement people-as-assets-1" in page.inner_text("main")
    assert page.locator("main img.coreflect-picture").count() > 5
    context.close()


def test_the_standard_choice_on_a_personal_invitation(no_js_page, visit, easy_round):
    page = no_js_page
    visit(page, _invitation(easy_round))
    page.get_by_role("button", name="Easy Read").click()
    page.get_by_role("button", name="Use the standard wording").click()
    assert page.locator("h1").inner_text() == "Your personal invitation"
    assert "You are reading the Easy Read version." not in page.inner_text("body")
    page.get_by_role("button", name="Start now").click()
    assert not Participant.objects.get().easy_read
    assert "Easy title" not in page.inner_text("main")


def test_a_welsh_personal_invitation_in_easy_read(page, visit, easy_round):
    visit(page, "/cy" + _invitation(easy_round))
    assert page.get_attribute("html", "lang") == "cy"
    page.locator(".coreflect-wording-switch button").click()
    assert "/cy/r/" in page.url and "wording=easy-read" in page.url
    check_page(page, "invitation-welsh", SHOTS)
    page.locator("main form button.govuk-button--start").click()
    assert Participant.objects.get().easy_read
    assert "Easy title of people-as-assets" in page.inner_text("main")
