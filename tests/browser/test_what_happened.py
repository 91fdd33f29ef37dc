"""The "what happened" pages in a real browser: a participant's and the public copy, with JavaScript on and off,
on a 320 px screen, and the email sign-up with its errors."""

import pytest
from django.urls import reverse

from coreflect.actions import follow_up
from coreflect.actions.models import Follower
from coreflect.reflections import services
from coreflect.reflections.models import RoundStatus
from coreflect.reflections.queries import PARTICIPANT_COOKIE
from tests.a11y import assert_accessible, assert_fits_narrow_screen
from tests.reflections.conftest import make_round
from tests.reflections.test_what_happened import take_part, tell_the_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def closed_round(riverside, alice, fran):
    round_ = make_round(riverside, alice)
    clients = [take_part(round_) for _ in range(5)] + [take_part(round_, "draws-on-support")]
    tell_the_story(round_, fran)
    services.set_status(round_, RoundStatus.CLOSED)
    round_.token = clients[0].cookies[PARTICIPANT_COOKIE].value
    return round_


def as_participant(page, live_server, round_):
    page.context.add_cookies([{"name": PARTICIPANT_COOKIE, "value": round_.token, "url": live_server.url}])


def check_page(page, javascript=True):
    assert page.locator("h1").count() == 1
    if javascript:  # axe runs in pages with JavaScript: the same pages are scanned in the other tests
        assert_accessible(page)
    assert_fits_narrow_screen(page)
    page.set_viewport_size({"width": 1024, "height": 800})


def test_a_participant_reads_what_happened_and_signs_up(page, live_server, visit, closed_round, tmp_path):
    as_participant(page, live_server, closed_round)
    visit(page, reverse("journey:tasks", args=[closed_round.link_code]))
    page.get_by_role("link", name="See what happened").click()
    main = page.inner_text("main")
    assert "What happened" in main and "Write a payment policy" in main
    assert "fewer than 5" in main
    check_page(page)
    page.set_viewport_size({"width": 320, "height": 800})
    page.screenshot(path=str(tmp_path / "what-happened-320.png"), full_page=True)
    page.set_viewport_size({"width": 1024, "height": 800})

    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Email me what happened").click()
    assert "Enter an email address in the correct format" in page.inner_text(".govuk-error-summary")
    assert page.get_by_label("Email address").input_value() == "not an address"
    check_page(page)
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_role("button", name="Email me what happened").click()
    assert "We will email you" in page.inner_text("h1")
    check_page(page)


def test_with_javascript_off_the_pages_and_the_sign_up_work(no_js_page, live_server, visit, closed_round, fran):
    page = no_js_page
    as_participant(page, live_server, closed_round)
    visit(page, reverse("happened:participant", args=[closed_round.link_code]))
    assert "Pay us like any expert" in page.inner_text("main")
    check_page(page, javascript=False)
    page.get_by_role("button", name="Email me what happened").click()
    assert "Enter your email address" in page.inner_text(".govuk-error-summary")
    check_page(page, javascript=False)
    page.get_by_label("Email address").fill("kim@example.org")
    page.get_by_role("button", name="Email me what happened").click()
    assert "We will email you" in page.inner_text("h1")

    services.set_happened_published(closed_round, True, by=fran)
    visit(page, reverse("happened:public", args=[closed_round.link_code]))
    assert "The car park is not ours" in page.inner_text("main")
    check_page(page, javascript=False)


def test_the_public_page_is_accessible_and_fits_a_phone(page, visit, closed_round, fran):
    services.set_happened_published(closed_round, True, by=fran)
    response = visit(page, reverse("happened:public", args=[closed_round.link_code]))
    assert response.status == 200
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    assert "Get an email when there is news" not in page.inner_text("main")
    check_page(page)


def test_the_facilitators_switch_and_the_why_not_form(page, sign_in, visit, closed_round, fran):
    sign_in(page, fran)
    visit(page, reverse("reflections:detail", args=[closed_round.pk]))
    page.get_by_role("button", name="Publish the “what happened” page").click()
    assert "is published" in page.inner_text("main")
    check_page(page)

    idea = closed_round.ideas.get(text="Monthly coffee mornings")
    visit(page, reverse("actions:why-not", args=[closed_round.pk, idea.pk]))
    check_page(page)
    page.get_by_label("Why was it not taken up?").fill("We already run a café")
    page.get_by_role("button", name="Save the reason").click()
    assert "We already run a café" in page.inner_text("main")


def test_the_confirmation_page_offers_the_email_and_the_unsubscribe_link_works(
    browser, browser_context_args, no_js_page, live_server, visit, closed_round
):
    for page in (browser.new_context(**browser_context_args).new_page(), no_js_page):
        javascript = page is not no_js_page
        as_participant(page, live_server, closed_round)
        visit(page, reverse("journey:submitted", args=[closed_round.link_code]))
        assert "Get an email when there is news" in page.inner_text("main")
        check_page(page, javascript)

        follow_up.follow(closed_round, "sam@example.org")
        key = Follower.objects.get().pk
        visit(page, reverse("follow:remove", args=[key]))
        check_page(page, javascript)
        page.get_by_role("button", name="Stop the emails and delete my address").click()
        assert "Your email address has been deleted" in page.inner_text("h1")
        check_page(page, javascript)
        assert not Follower.objects.exists()
