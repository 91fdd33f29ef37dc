"""The round report as a page: the results pages' figures, small groups hidden as they hide them, the
sections a facilitator chooses, words shown as plain text, permissions and a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from coreflect.exports import report, report_urls
from coreflect.exports.report_blocks import Table, Words, count_and_share, hidden_count
from coreflect.reflections.disclosure import Hidden
from coreflect.results import indicators, queries
from tests.co_leads import make_co_lead
from tests.conftest import make_person
from tests.exports import report_fixtures
from tests.exports.report_fixtures import PRINCIPLE, fill
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows
from tests.reflections.conftest import make_round

small_groups_round, named_round = report_fixtures.small_groups_round, report_fixtures.named_round


def tables(the_report, section_key):
    section = next(s for s in the_report.sections if s.key == section_key)
    return {block.caption: block for block in section.blocks if isinstance(block, Table)}


def principle_title(round_, key=PRINCIPLE):
    return next(p["title"]["en"] for p in round_.framework_version.principles if p["key"] == key)


def test_counts_by_perspective_are_the_overview_pages(small_groups_round, client_for, bob):
    the_report = report.build(small_groups_round)
    data = queries.overview(small_groups_round)
    rows = {
        row.header: row.cells[0]
        for row in tables(the_report, "cover")["People who sent their answers, by perspective"].rows
    }
    assert rows["Everyone"] == str(data.participants) == "21"
    for perspective, count in data.by_perspective:
        expected = hidden_count(count, 5) if isinstance(count, Hidden) else str(count)
        assert rows[perspective.label] == expected
    assert rows["Family member or unpaid carer"] == "fewer than 5"
    page = client_for(bob).get(reverse("results:overview", args=[small_groups_round.pk])).content.decode()
    assert "fewer than 5" in page  # the overview page hides the same group


def test_each_perspectives_stages_match_the_by_perspective_page(small_groups_round):
    the_report = report.build(small_groups_round)
    title = principle_title(small_groups_round)
    table = tables(the_report, "principles")[f"Stages chosen by each perspective: {title}"]
    perspectives, breakdowns = queries.by_perspective(small_groups_round)
    breakdown = next(b for b in breakdowns if b.principle["key"] == PRINCIPLE)
    stages = [s["key"] for s in small_groups_round.framework_version.document["stages"]]
    hidden = 0
    for perspective, row in zip(perspectives, table.rows, strict=True):
        cells = breakdown.stage_cells[perspective.pk]
        assert row.header == perspective.label
        if isinstance(cells, Hidden):
            hidden += 1
            assert row.note == hidden_count(cells, 5) and row.cells == []
        else:
            total = sum(cells.values())
            assert row.cells == [count_and_share(cells[key], total) for key in stages]
    assert hidden >= 1
    family = next(row for row in table.rows if row.header == "Family member or unpaid carer")
    assert family.note and not any(re.search(r"\d", cell) for cell in family.cells)


def test_the_most_recent_words_are_shown_as_the_words_page_shows_them(small_groups_round):
    the_report = report.build(small_groups_round)
    section = next(s for s in the_report.sections if s.key == "principles")
    title = principle_title(small_groups_round)
    start = next(i for i, b in enumerate(section.blocks) if getattr(b, "text", None) == title)
    shown = [b for b in section.blocks[start:] if isinstance(b, Words) and not b.title.startswith("The group’s view")][
        : report.EVIDENCE_COUNT
    ]
    rows = indicators.written_answers(small_groups_round, PRINCIPLE).rows[: report.EVIDENCE_COUNT]
    assert [b.parts[0][1] for b in shown] == [row["evidence"] for row in rows]
    assert [b.title.split(" · ")[0] for b in shown] == [
        row["perspective"] or "Perspective not shown (small group)" for row in rows
    ]
    assert len(shown) == report.EVIDENCE_COUNT


def test_the_group_view_with_its_dissent_and_the_plan_are_in_the_report(small_groups_round, client_for, bob):
    page = client_for(bob).get(reverse("exports:report", args=[small_groups_round.pk])).content.decode()
    assert "The group’s view (Workshop on 1 December)" in page
    assert "4 agreed, 0 could live with it, 1 objected" in page
    assert "Where people disagreed, in the group’s words" in page
    assert "Pay people for their time" in page  # the idea, with the action chosen from it
    assert "Co-designer" in page


def test_words_that_look_like_formulas_are_plain_text_on_the_page(small_groups_round, client_for, bob):
    page = client_for(bob).get(reverse("exports:report", args=[small_groups_round.pk])).content.decode()
    assert "=HYPERLINK(&quot;http://example.com&quot;,&quot;click&quot;)" in page
    assert "+cmd|&#x27; /C calc&#x27;!A0" in page
    assert "@SUM(1+1)" in page
    assert '<a href="http://example.com"' not in page


def test_anonymous_rounds_show_no_names_and_named_rounds_do(small_groups_round, named_round, client_for, bob):
    anonymous = client_for(bob).get(reverse("exports:report", args=[small_groups_round.pk])).content.decode()
    named = client_for(bob).get(reverse("exports:report", args=[named_round.pk])).content.decode()
    assert "Priya Shah" not in anonymous and "Co-designer" in anonymous
    assert "Priya Shah" in named


def test_a_facilitator_chooses_the_sections(small_groups_round, client_for, fran):
    url = reverse("exports:report", args=[small_groups_round.pk])
    page = client_for(fran).get(url + "?section=plan&section=cover").content.decode()
    headings = re.findall(r'<h2 class="govuk-heading-l" id="report-[a-z]+">([^<]+)</h2>', page)
    assert headings == ["About this round", "Action plan"]
    assert 'value="cover" checked' in page and 'value="summary">' in page
    pdf_link = reverse("exports:report-pdf", args=[small_groups_round.pk]) + "?section=cover&amp;section=plan"
    assert pdf_link in page
    everything = client_for(fran).get(url + "?section=nonsense").content.decode()
    assert len(re.findall(r'<h2 class="govuk-heading-l" id="report-', everything)) == len(report.SECTIONS) - 1
    # "Since last round" is left out: this round follows none.
    assert "Since last round</h2>" not in everything


def test_too_few_people_shows_no_figures(riverside, alice, client_for, bob):
    round_ = make_round(riverside, alice, title="Tiny")
    fill(round_, [("manager", 2, "basics", "green")])
    page = client_for(bob).get(reverse("exports:report", args=[round_.pk])).content.decode()
    assert "Results appear when at least 5 people have sent their answers" in page
    assert "Stages chosen by each perspective" not in page


@pytest.mark.parametrize("name", ["report", "report-pdf", "report-word", "action-plan-pdf", "action-plan-word"])
def test_a_fixed_number_of_queries_whatever_the_size(
    riverside, alice, client_for, bob, django_assert_max_num_queries, name
):
    client = client_for(bob)
    small, large = make_round(riverside, alice, title="Small"), make_round(riverside, alice, title="Large")
    fill(small, [("manager", 5, "basics", "green")])
    fill(large, [(key, 6, "basics", "green") for key in ("manager", "frontline", "draws-on-support", "family-carer")])
    for round_ in (small, large):
        make_co_lead(round_, make_person(f"co-lead-{round_.pk}@example.org", "Sam Shah"))  # one more query at most
        with django_assert_max_num_queries(26):
            assert client.get(reverse(f"exports:{name}", args=[round_.pk])).status_code == 200


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


@pytest.fixture
def targets(riverside, alice, fran):
    from coreflect.exports.models import Format, ReportJob

    round_ = make_round(riverside, alice)
    job = ReportJob.objects.create(round=round_, requested_by=fran, format=Format.PDF)
    return {"round": [round_.pk], "job": [round_.pk, job.pk]}


EVERYONE_WHO_SEES_RESULTS = {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 200, "fran": 200, "alice": 200}
MATRIX = [
    ("exports:report", "round", "get", EVERYONE_WHO_SEES_RESULTS),
    ("exports:report-pdf", "round", "get", EVERYONE_WHO_SEES_RESULTS),
    ("exports:report-word", "round", "get", EVERYONE_WHO_SEES_RESULTS),
    ("exports:action-plan-pdf", "round", "get", EVERYONE_WHO_SEES_RESULTS),
    ("exports:action-plan-word", "round", "get", EVERYONE_WHO_SEES_RESULTS),
    ("exports:report", "round", "post", {"anonymous": SIGN_IN, "bob": 405, "carol": 405}),
    # Choosing what the report quotes is for those who run reflections (more rows in test_report_words.py).
    ("exports:report-words", "round", "get", {**EVERYONE_WHO_SEES_RESULTS, "bob": 403}),
    # A job is seen only by the person who asked for it (fran).
    ("exports:report-job", "job", "get", {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 404, "fran": 200}),
    (
        "exports:report-job-download",
        "job",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 404, "fran": 302},
    ),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, targets, name, target, method, visitor, expected):
    check_visit(client_for(people[visitor]), method, reverse(name, args=targets[target]), expected)


def test_every_report_view_is_in_the_permission_table():
    covered = {name.split(":")[1] for name, *_ in MATRIX}
    assert {pattern.name for pattern in report_urls.urlpatterns} <= covered


def test_movement_since_last_round_matches_the_comparison_page(riverside, alice, client_for, bob):
    from coreflect.reflections import services
    from coreflect.reflections.models import RoundStatus
    from coreflect.results import comparison

    before = make_round(riverside, alice, title="Last year")
    fill(before, [(key, 5, "not-yet", "red") for key in ("manager", "frontline")])
    services.set_status(before, RoundStatus.CLOSED)
    now = make_round(riverside, alice, title="This year", previous_round=before)
    fill(now, [(key, 5, "getting-there", "green") for key in ("manager", "frontline")])
    table = tables(report.build(now), "movement")["The typical stage of each principle, last round and this round"]
    movements = comparison.compare(now)[2]
    assert [(row.header, row.cells[0], row.cells[1]) for row in table.rows] == [
        (m.title, m.median_before or "–", m.median_after or "–") for m in movements
    ]
    assert table.rows[0].cells[2] == "Moved up"
    page = client_for(bob).get(reverse("exports:report", args=[now.pk])).content.decode()
    assert 'value="movement" checked' in page and "Since last round</h2>" in page
