"""The facilitator's console and the projector in a real browser: accessible (axe), phone-sized, with
JavaScript on (the projector updates itself, focus stays put) and off (a Refresh button), and a principle
stepped through by keyboard alone. Screenshots of the projector go to $WORKSHOP_SHOTS (default: the temporary directory)."""

import os
import tempfile

import pytest
from django.urls import reverse

from coreflect.reflections.models import Stance
from coreflect.workshops import ideas, services
from coreflect.workshops.models import Step, Workshop
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round
from tests.workshops.conftest import join_many

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("WORKSHOP_SHOTS", tempfile.gettempdir())


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


@pytest.fixture
def room(workshop, principle, stages, fran):
    """A workshop mid-way: 6 people who draw on support, 3 frontline workers and 2 managers voted on the
    first principle; ideas posted, one hidden."""
    attendees = join_many(workshop, {"draws-on-support": 6, "frontline": 3, "manager": 2})
    services.go_to(workshop, Step.VOTING, principle)
    for n, attendee in enumerate(attendees):
        services.vote(attendee, principle, stage=stages[n % 2], rag=["red", "amber", "green"][n % 3])
    ideas.post_idea(workshop, principle, "A peer support café run by people who use the service")
    ideas.post_idea(workshop, principle, "Ask people what they are good at when they first arrive")
    unkind = ideas.post_idea(workshop, principle, "Something unkind")
    ideas.hide_idea(unkind, by=fran)
    return attendees


def check(page, path):
    page.set_viewport_size({"width": 1024, "height": 800})
    assert page.locator("h1").count() == 1, path
    assert_accessible(page)
    assert_fits_narrow_screen(page)
    assert_accessible(page)


def shoot(page, name):
    for width, height in ((1280, 720), (320, 720)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/projector-{name}-{width}.png")
        page.screenshot(path=f"{SHOTS}/projector-{name}-{width}-full.png", full_page=True)


def test_console_projector_and_record_are_accessible_at_every_step(
    page, visit, sign_in, fran, workshop, principle, stages, room
):
    sign_in(page, fran)
    projector = reverse("workshops:projector", args=[workshop.pk])
    console = reverse("workshops:console", args=[workshop.pk])
    for step in (Step.WELCOME, Step.VOTING, Step.REVEALED, Step.AGREEING, Step.DOTS):
        services.go_to(workshop, step, principle if step != Step.DOTS else None)
        if step == Step.AGREEING:
            group_view = services.agree_view(
                workshop, principle, stage=stages[1], rag="amber", evidence="The forum minutes", recorded_by=fran
            )
            services.reply(room[0], group_view, Stance.AGREE)
            services.reply(room[1], group_view, Stance.OBJECT, "Lower for us")
            services.record_dissent(group_view, "People who draw on support placed this lower")
        for path in (console, projector):
            visit(page, path)
            check(page, path)
        if step == Step.AGREEING:
            visit(page, console)
            page.set_viewport_size({"width": 1024, "height": 800})
            page.screenshot(path=f"{SHOTS}/console-agreeing.png", full_page=True)
        visit(page, projector)
        assert not page.get_by_role("button", name="Refresh").is_visible()  # polling does it
        shoot(page, step)
    for path in (
        reverse("workshops:record", args=[workshop.pk]),
        reverse("workshops:finish", args=[workshop.pk]),
        reverse("reflections:detail", args=[workshop.round_id]),
    ):
        visit(page, path)
        check(page, path)
        page.set_viewport_size({"width": 1024, "height": 800})
        page.screenshot(path=f"{SHOTS}/page-{path.strip('/').replace('/', '-')}.png", full_page=True)


def test_start_page_and_console_errors_are_accessible(page, visit, sign_in, fran, open_round):
    sign_in(page, fran)
    visit(page, reverse("workshops:start", args=[open_round.pk]))
    check(page, "start")
    page.screenshot(path=f"{SHOTS}/page-start.png", full_page=True)
    page.get_by_label("Keep their own answer").check()
    page.get_by_role("button", name="Start the workshop").click()
    workshop = Workshop.objects.get(round=open_round)
    assert workshop.counting == "beside"
    assert workshop.code in page.inner_text("main")
    page.get_by_role("button", name="Start voting on").click()
    page.get_by_label("Evidence the group gave").fill("What we heard today")
    page.get_by_role("button", name="Save the group’s view").click()
    assert "Select the stage or the score" in page.inner_text(".govuk-error-summary")
    assert page.get_by_label("Evidence the group gave").input_value() == "What we heard today"
    check(page, "console with an error")


def test_the_projector_updates_itself_without_moving_focus(page, visit, sign_in, bob, workshop, principle, stages):
    attendees = join_many(workshop, {"frontline": 3})
    services.go_to(workshop, Step.VOTING, principle)
    sign_in(page, bob)
    visit(page, reverse("workshops:projector", args=[workshop.pk]))
    assert "0 people have voted" in page.inner_text("main")
    page.locator("a", has_text="Skip to main content").focus()
    focused = page.evaluate("() => document.activeElement.outerHTML")
    services.vote(attendees[0], principle, stage=stages[0], rag="red")
    services.vote(attendees[1], principle, stage=stages[1], rag="red")
    page.get_by_text("2 people have voted").first.wait_for(timeout=10000)
    page.wait_for_function(
        "() => document.querySelector('[data-live-status]').textContent === '2 people have voted'", timeout=10000
    )
    assert page.evaluate("() => document.activeElement.outerHTML") == focused
    services.go_to(workshop, Step.REVEALED, principle)
    page.get_by_text("How the room answered").wait_for(timeout=10000)
    assert "fewer than 5" in page.inner_text("main")  # three people: too few to show anything


def test_javascript_off_the_projector_refreshes_and_the_console_works(
    no_js_page, visit, sign_in, fran, workshop, principle, stages, room
):
    page = no_js_page
    sign_in(page, fran)
    visit(page, reverse("workshops:projector", args=[workshop.pk]))
    assert "11 people have voted" in page.inner_text("main")
    services.go_to(workshop, Step.REVEALED, principle)
    page.get_by_role("button", name="Refresh").click()
    assert "How the room answered" in page.inner_text("main")
    assert_fits_narrow_screen(page)
    visit(page, reverse("workshops:console", args=[workshop.pk]))
    page.get_by_role("button", name="Agree the group’s view").click()
    page.get_by_role("radio", name="We’ve got the basics").check()
    page.get_by_role("radio", name="AMBER").check()
    page.get_by_role("button", name="Save the group’s view").click()
    assert "The group’s view is saved" in page.inner_text("main")
    page.get_by_label("The dissent, in the group’s words").fill("Managers placed this higher because…")
    page.get_by_role("button", name="Save the dissent").click()
    assert page.get_by_label("The dissent, in the group’s words").input_value() == (
        "Managers placed this higher because…"
    )
    page.get_by_role("button", name="Ask people what they are good at").click()
    assert "Idea hidden from the screens" in page.inner_text("main")
    page.get_by_label("A peer support café run by people who use the service (0 dots)").check()
    page.get_by_role("button", name="Add to the action plan").click()
    assert page.get_by_role("link", name="A peer support café run by people who use the service").count() >= 1
    page.get_by_role("button", name="Finish the workshop").click()
    page.get_by_role("button", name="Yes, finish the workshop").click()
    assert "Workshop record" in page.inner_text("h1")
    assert_fits_narrow_screen(page)


def test_keyboard_alone_steps_the_room_through_a_principle(page, visit, sign_in, fran, workshop, principle):
    sign_in(page, fran)
    visit(page, reverse("workshops:console", args=[workshop.pk]))

    def press(name):
        for _ in range(300):
            page.keyboard.press("Tab")
            if name in page.evaluate("() => document.activeElement.textContent"):
                with page.expect_navigation():
                    page.keyboard.press("Enter")
                return
        raise AssertionError(f"Tab never reached {name}")

    press("Start voting on")
    workshop.refresh_from_db()
    assert (workshop.step, workshop.principle) == (Step.VOTING, principle)
    press("Show the spread")
    press("Agree the group’s view")
    workshop.refresh_from_db()
    assert workshop.step == Step.AGREEING
    press("Next principle")
    workshop.refresh_from_db()
    assert workshop.step == Step.VOTING and workshop.principle != principle
