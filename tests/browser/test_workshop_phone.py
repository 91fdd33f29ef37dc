"""A phone in the workshop, in a real browser: join, vote, reply, post an idea and spend dots, with JavaScript
on (the page follows the room by itself) and off (a Refresh link and plain forms), at 320 px, with axe-core;
and a poll never wipes what someone is typing."""

import re
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from coreflect.reflections.models import Stance
from coreflect.workshops import ideas, services
from coreflect.workshops.models import Dot, PostedIdea, Reply, Step, Vote
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round
from tests.workshops.conftest import join_many

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "workshop-phone-shots"  # screenshots, for people to look at
WAIT = 15_000  # ms: a poll every 2.5 s, on a busy machine


@pytest.fixture(autouse=True)
def _no_wrong_codes_left_over():
    """The shared cache is a table no test's end empties: every browser here comes from 127.0.0.1."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


@pytest.fixture
def workshop(open_round, fran):
    return services.start_workshop(open_round, started_by=fran)


@pytest.fixture
def principle(open_round):
    return open_round.framework_version.principle_rows.order_by("position").first()


@pytest.fixture
def stages(open_round):
    return list(open_round.framework_version.stage_rows.order_by("position"))


def check_page(page, name, scanner=None):
    """One h1, no sideways scrolling at 320 px, a screenshot to look at, and axe-core finding nothing – at
    320 px and at desktop width. axe needs JavaScript: a page with it off is scanned as a copy of its HTML
    (its scripts left out) in `scanner`, a page of the same site with JavaScript on."""
    assert page.locator("h1").count() == 1
    assert_fits_narrow_screen(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if scanner is None:
        assert_accessible(page)
        page.set_viewport_size({"width": 1024, "height": 800})
        assert_accessible(page)
        return
    page.set_viewport_size({"width": 1024, "height": 800})
    copy = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.S)
    for width in (320, 1024):
        scanner.set_viewport_size({"width": width, "height": 800})
        scanner.set_content(copy)
        assert_accessible(scanner)


def join(page, visit, workshop, name, scanner):
    visit(page, reverse("phone:join"))
    check_page(page, f"{name}-join", scanner)
    page.get_by_label("Workshop code").fill("nope")
    page.get_by_role("button", name="Continue").click()
    assert "6 letters and numbers" in page.inner_text(".govuk-error-summary")
    check_page(page, f"{name}-join-error", scanner)
    page.get_by_label("Workshop code").fill(workshop.code.lower())
    page.get_by_role("button", name="Continue").click()
    check_page(page, f"{name}-perspective", scanner)
    page.get_by_label("Frontline worker").check()
    page.get_by_role("button", name="Join the workshop").click()
    assert "You are in" in page.inner_text("h1")
    check_page(page, f"{name}-welcome", scanner)


def follow_the_room(page, *, js, text):
    """With JavaScript the page moves on by itself; without it, the person presses Refresh."""
    if js:
        page.get_by_text(text).first.wait_for(timeout=WAIT)
    else:
        page.get_by_role("link", name="Refresh").click()
        assert text in page.inner_text("main")


def whole_workshop(page, visit, workshop, principle, stages, fran, *, js, scanner=None):
    name = "js" if js else "no-js"
    others = join_many(workshop, {"draws-on-support": 5, "frontline": 4})
    join(page, visit, workshop, name, scanner)
    assert page.get_by_role("link", name="Refresh").is_visible() is not js

    services.go_to(workshop, Step.VOTING, principle)
    follow_the_room(page, js=js, text="Send my vote")
    check_page(page, f"{name}-voting", scanner)
    page.get_by_role("button", name="Send my vote").click()
    assert "Choose a stage" in page.inner_text(".govuk-error-summary")
    check_page(page, f"{name}-voting-error", scanner)
    page.get_by_label("We’re getting there", exact=True).check()
    page.get_by_label("Amber – partly working").check()
    page.get_by_role("button", name="Send my vote").click()
    assert "Your vote is in" in page.inner_text(".govuk-notification-banner")
    check_page(page, f"{name}-voted", scanner)
    page.get_by_label("Green – working well").check()
    page.get_by_role("button", name="Change my vote").click()
    assert Vote.objects.get(attendee__workshop=workshop).rag == "green"

    for n, attendee in enumerate(others):
        services.vote(attendee, principle, stage=stages[n % 2], rag="amber")
    services.go_to(workshop, Step.REVEALED, principle)
    follow_the_room(page, js=js, text="Everyone in the room")
    check_page(page, f"{name}-revealed", scanner)

    services.go_to(workshop, Step.AGREEING, principle)
    services.agree_view(workshop, principle, stage=stages[1], rag="amber", evidence="We heard it", recorded_by=fran)
    follow_the_room(page, js=js, text="Send my reply")
    check_page(page, f"{name}-agreeing", scanner)
    page.get_by_label("I object").check()
    page.get_by_role("button", name="Send my reply").click()
    assert "Say why you object" in page.inner_text(".govuk-error-summary")
    check_page(page, f"{name}-agreeing-error", scanner)
    page.get_by_label("Why do you object?").fill("It is lower for us")
    page.get_by_role("button", name="Send my reply").click()
    assert "Your reply is in" in page.inner_text(".govuk-notification-banner")
    assert Reply.objects.get().stance == Stance.OBJECT

    page.get_by_label("Your idea for change").fill("A tea morning with the people we support")
    page.get_by_role("button", name="Send my idea").click()
    assert "your idea is in" in page.inner_text(".govuk-notification-banner")
    check_page(page, f"{name}-idea-sent", scanner)
    for n in range(3):
        ideas.post_idea(workshop, principle, f"Another idea {n}")

    services.go_to(workshop, Step.DOTS)
    follow_the_room(page, js=js, text="You have 3 dots left")
    check_page(page, f"{name}-dots", scanner)
    put = page.get_by_role("button", name="Put a dot on this idea")
    put.nth(0).click()
    assert "You have 2 dots left" in page.inner_text(".govuk-notification-banner")
    put.nth(0).click()
    assert "You already have a dot on that idea" in page.inner_text(".govuk-notification-banner")
    put.nth(1).click()
    put.nth(2).click()
    put.nth(3).click()
    assert "You have used all your dots" in page.inner_text(".govuk-notification-banner")
    check_page(page, f"{name}-dots-used", scanner)
    assert Dot.objects.count() == 3

    services.finish_workshop(workshop)
    follow_the_room(page, js=js, text="Thank you")
    assert "The workshop has finished" in page.inner_text("main")
    check_page(page, f"{name}-finished", scanner)


def test_a_whole_workshop_on_a_phone_with_javascript(page, visit, workshop, principle, stages, fran):
    whole_workshop(page, visit, workshop, principle, stages, fran, js=True)


def test_a_whole_workshop_on_a_phone_with_javascript_off(no_js_page, page, visit, workshop, principle, stages, fran):
    visit(page, reverse("accessibility"))  # the scanner: copies of the pages are scanned at this address
    whole_workshop(no_js_page, visit, workshop, principle, stages, fran, js=False, scanner=page)


def test_a_poll_never_wipes_a_half_typed_idea(page, visit, workshop, principle, stages):
    (someone,) = join_many(workshop, {"manager": 1})
    visit(page, reverse("phone:join-code", args=[workshop.code]))
    page.get_by_label("Frontline worker").check()
    page.get_by_role("button", name="Join the workshop").click()
    services.go_to(workshop, Step.VOTING, principle)
    page.get_by_role("button", name="Send my vote").wait_for(timeout=WAIT)
    address = page.url
    box = page.get_by_label("Your idea for change")
    box.fill("Half of my idea, still being")
    box.focus()

    services.vote(someone, principle, stage=stages[0], rag="red")
    page.locator("[data-live-url]").get_by_text("1 person has voted so far").wait_for(timeout=WAIT)
    assert page.inner_text("[data-live-status]") == "1 person has voted so far"
    page.wait_for_timeout(3_500)
    assert box.input_value() == "Half of my idea, still being"
    assert page.evaluate("() => document.activeElement.id") == "id_idea"  # focus never moved

    services.go_to(workshop, Step.REVEALED, principle)  # a new step: the page would reload, but they are typing
    page.locator("[data-live-url]").get_by_text("The room has moved on").wait_for(timeout=WAIT)
    page.wait_for_timeout(3_500)
    assert page.url == address
    assert box.input_value() == "Half of my idea, still being"
    assert page.evaluate("() => document.activeElement.id") == "id_idea"
    box.type(" typed")
    page.get_by_role("button", name="Send my idea").click()
    assert PostedIdea.objects.get().idea.text == "Half of my idea, still being typed"
    assert "Everyone in the room" in page.inner_text("main")  # back on the page, where the room is now


def test_too_many_wrong_codes_says_when_to_try_again(page, visit, workshop):
    visit(page, reverse("phone:join"))
    for _try in range(10):
        page.get_by_label("Workshop code").fill("7KMQ4X")
        page.get_by_role("button", name="Continue").click()
    assert "There is no workshop running with that code" in page.inner_text(".govuk-error-summary")
    page.get_by_label("Workshop code").fill(workshop.code)
    page.get_by_role("button", name="Continue").click()
    assert "Too many wrong codes" in page.inner_text("h1")
    assert "Try again after" in page.inner_text("main")
    check_page(page, "too-many")
