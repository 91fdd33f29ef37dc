"""Results pages in a real browser: accessible, phone-sized, charts with tables, working without JavaScript."""

import pytest
from django.urls import reverse

from coreflect.reflections.demo import seed_demo_rounds
from tests.a11y import assert_accessible, assert_fits_narrow_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["overview", "perspectives", "gaps", "statements", "words", "words-used", "compare"]


@pytest.fixture
def demo_rounds(riverside, fran):
    return seed_demo_rounds(riverside, fran)


def test_every_results_page_is_accessible_and_fits_a_phone(page, visit, sign_in, bob, demo_rounds):
    sign_in(page, bob)
    for round_ in demo_rounds:
        for name in PAGES:
            visit(page, reverse(f"results:{name}", args=[round_.pk]))
            page.set_viewport_size({"width": 1024, "height": 800})
            assert page.locator("h1").count() == 1
            assert_accessible(page)
            assert_fits_narrow_screen(page)
            assert_accessible(page)


def test_every_chart_has_a_table_and_a_name(page, visit, sign_in, bob, demo_rounds):
    sign_in(page, bob)
    visit(page, reverse("results:overview", args=[demo_rounds[0].pk]))
    charts = page.locator(".coreflect-chart svg[role=img]")
    assert charts.count() == 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.evaluate("svg => svg.querySelector('title').textContent.length > 10")
        # The chart's numbers are in the table straight after it.
        assert chart.evaluate("svg => svg.parentElement.nextElementSibling.querySelector('table') !== null")


def test_filtering_what_people_wrote_works_without_javascript(no_js_page, visit, sign_in, bob, demo_rounds):
    page = no_js_page
    sign_in(page, bob)
    visit(page, reverse("results:words", args=[demo_rounds[0].pk]))
    page.select_option("#perspective", label="Frontline worker")
    page.get_by_role("button", name="Show").click()
    assert "perspective=" in page.url
    cards = page.locator(".govuk-summary-card__title")
    assert cards.count() > 0
    assert all("Frontline worker" in cards.nth(i).inner_text() for i in range(cards.count()))
    page.select_option("#perspective", label="Commissioner")
    page.get_by_role("button", name="Show").click()
    assert "it is not shown" in page.inner_text("main")


def test_pages_with_the_groups_views_are_accessible_and_fit_a_phone(page, visit, sign_in, bob, fran, demo_rounds):
    """Workshops agreed views in the demo round and in the round after it: the pages that show them beside
    the answers (overview, by perspective, what people wrote, since last round) pass axe at 320 px too."""
    from coreflect.reflections import groups, services
    from coreflect.reflections.models import Stance
    from tests.reflections.conftest import make_round

    first = demo_rounds[0]
    later = make_round(first.organisation, fran, anonymous=False, title="Day opportunities 2027", previous_round=first)

    def agree(round_, label, stage_key, rag):
        version = round_.framework_version
        principle = version.principle_rows.order_by("position").first()
        consensus = groups.record_consensus(
            round_,
            principle,
            label=label,
            stage=version.stage_rows.get(key=stage_key),
            rag=rag,
            evidence="People lead the Tuesday cooking group and teach the newcomers, every week since spring.",
            recorded_by=fran,
        )
        groups.record_replies(
            consensus,
            [Stance.AGREE] * 3 + [Stance.LIVE_WITH] * 2 + [Stance.OBJECT],
            dissent="People who draw on support placed this lower: the group is still planned by staff.",
        )
        return principle

    principle = agree(first, "Workshop on 1 December 2026", "basics", "amber")
    agree(first, "Workshop on 8 December 2026", "getting-there", "green")
    agree(later, "Workshop on 2 December 2027", "getting-there", "green")
    participant, _token = services.start_participant(later, later.perspectives.get(key="frontline"))
    services.save_answer(
        participant,
        principle.__class__.objects.get(version=later.framework_version, key=principle.key),
        services.Answer(stage=later.framework_version.stage_rows.get(key="getting-there"), rag="green"),
        asks_stage=True,
        finished=True,
    )
    services.submit(participant)

    sign_in(page, bob)
    for name, round_ in [("overview", first), ("perspectives", first), ("words", first), ("compare", later)]:
        visit(page, reverse(f"results:{name}", args=[round_.pk]))
        page.set_viewport_size({"width": 320, "height": 800})
        main = page.inner_text("main")
        assert "Workshop on 1 December 2026" in main and "Workshop on 8 December 2026" in main
        if name == "compare":
            assert "Workshop on 2 December 2027" in main  # this round's view beside last round's
        assert "Stage 2 (We’ve got the basics), AMBER" in main
        assert "3 agreed, 2 could live with it, 1 objected" in main
        assert_fits_narrow_screen(page)
        assert_accessible(page)
