"""A phone in the workshop in Welsh, in a real browser: it joins at /cy/join/, the page follows the room by
itself in Welsh (its polled fragment stays Welsh), fits a 320 px screen, and axe-core finds nothing; a phone
that joined in English and switches to Cymraeg keeps its place."""

import pytest
from django.urls import reverse
from django.utils import translation

from coreflect.workshops import services
from coreflect.workshops.models import Attendee, Step
from tests.browser.conftest import _forget_limits_and_used_codes  # noqa: F401 (an autouse fixture)
from tests.browser.test_workshop_phone import WAIT, check_page
from tests.reflections.conftest import make_round
from tests.workshops.conftest import join_many

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_welsh_phone_follows_the_room_in_welsh(page, live_server, riverside, alice, fran):
    round_ = make_round(riverside, alice)
    workshop = services.start_workshop(round_, started_by=fran)
    principle = round_.framework_version.principle_rows.order_by("position").first()
    stages = list(round_.framework_version.stage_rows.order_by("position"))
    (someone,) = join_many(workshop, {"frontline": 1})
    with translation.override("cy"):
        page.goto(live_server.url + reverse("phone:join"))
    assert page.locator("html").get_attribute("lang") == "cy"
    page.get_by_label("Cod y gweithdy").fill(workshop.code.lower())
    page.get_by_role("button", name="Parhau").click()
    page.locator("input[name=perspective]").first.check()
    page.get_by_role("button", name="Ymuno â'r gweithdy").click()
    assert "Rydych chi i mewn" in page.inner_text("h1")
    assert page.url.endswith(f"/cy/w/{workshop.code}/")
    check_page(page, "cy-welcome")

    services.go_to(workshop, Step.VOTING, principle)
    page.get_by_role("button", name="Anfon fy mhleidlais").wait_for(timeout=WAIT)  # the page moved on by itself
    services.vote(someone, principle, stage=stages[0], rag="red")
    page.get_by_text("Mae 1 person wedi pleidleisio hyd yma.").wait_for(timeout=WAIT)  # the poll, in Welsh
    assert "voted" not in page.inner_text("main")
    check_page(page, "cy-voting")


def test_a_phone_that_joined_in_english_keeps_its_place_in_welsh(page, live_server, riverside, alice, fran):
    round_ = make_round(riverside, alice)
    workshop = services.start_workshop(round_, started_by=fran)
    with translation.override("en-gb"):
        page.goto(live_server.url + reverse("phone:join-code", args=[workshop.code]))
    page.locator("input[name=perspective]").first.check()
    page.get_by_role("button", name="Join the workshop").click()
    assert "You are in" in page.inner_text("h1")
    # The switch's link: the same page under /cy/ (the browser sends a cookie only where its path allows).
    page.goto(live_server.url + f"/cy/w/{workshop.code}/")
    assert page.url.endswith(f"/cy/w/{workshop.code}/")
    assert "Rydych chi i mewn" in page.inner_text("h1")
    assert Attendee.objects.filter(workshop=workshop).count() == 1
