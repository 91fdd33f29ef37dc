"""A round's data downloads hold the numbers and words the results pages show – in CSV, Excel and JSON –
with the same cells hidden in an anonymous round, names only in a named round, and every download recorded."""

import pytest
from django.urls import reverse

from coreflect.exports.models import Contents, Download, Format
from coreflect.frameworks.wording import text
from coreflect.reflections import disclosure, services
from coreflect.reflections.models import RoundStatus
from coreflect.results import indicators, queries
from tests.exports.data_helpers import body, every_format, read_csv, read_json, read_xlsx, sheet_rows
from tests.reflections.conftest import make_round
from tests.results.test_results import answer

STAGES = ["not-yet", "basics", "getting-there", "doing-really-well"]
# 6 frontline workers and 5 people who draw on support are shown; 2 managers and 1 family carer are not.
GROUPS = {"frontline": 6, "draws-on-support": 5, "manager": 2, "family-carer": 1}


def fill(round_, groups=GROUPS):
    for key, count in groups.items():
        for n in range(count):
            answer(
                round_,
                key,
                **{
                    "people-as-assets": {
                        "stage": STAGES[(n + len(key)) % 4],
                        "rag": ["red", "amber", "green"][n % 3],
                        "ticked": ["people-as-assets-1"] + (["people-as-assets-4"] if n % 2 else []),
                        "evidence": f"{key} evidence {n}",
                    },
                    "reciprocity": {"stage": STAGES[n % 2], "rag": "amber"},
                },
            )


@pytest.fixture
def small_groups_round(riverside, alice):
    round_ = make_round(riverside, alice, title="Day services 2026")
    fill(round_)
    services.set_status(round_, RoundStatus.CLOSED)  # closing releases every answer
    return round_


def expected_answers(round_):
    """(principle, perspective, question, answer) -> people or why hidden, from the results queries the
    overview and by-perspective pages render."""
    perspectives, breakdowns = queries.by_perspective(round_)
    stages = {s["key"]: text(s["label"]) for s in round_.framework_version.document["stages"]}
    found = {}
    for breakdown in breakdowns:
        title = text(breakdown.principle["title"])
        for perspective in perspectives:
            for question, cells, names in (
                ("Stage", breakdown.stage_cells[perspective.pk], stages),
                (
                    "Red, amber or green",
                    breakdown.rag_cells[perspective.pk],
                    {"red": "Red", "amber": "Amber", "green": "Green"},
                ),
            ):
                if getattr(cells, "hidden", False):
                    found[(title, perspective.label, question, "")] = "hidden"
                else:
                    for key, name in names.items():
                        found[(title, perspective.label, question, name)] = str(cells[key])
    for summary in queries.overview(round_).principles:
        title = text(summary.principle["title"])
        if summary.stages_hidden:
            found[(title, "Everyone", "Stage", "")] = "hidden"
        else:
            for key, name in stages.items():
                found[(title, "Everyone", "Stage", name)] = str(summary.stage_counts.get(key, 0))
        if summary.rags_hidden:
            found[(title, "Everyone", "Red, amber or green", "")] = "hidden"
        else:
            for key, name in {"red": "Red", "amber": "Amber", "green": "Green"}.items():
                found[(title, "Everyone", "Red, amber or green", name)] = str(summary.rag_counts.get(key, 0))
    return found


def exported_answers(rows):
    return {
        (row["principle"], row["perspective"], row["question"], row["answer"]): "hidden"
        if row["hidden"]
        else row["people"]
        for row in rows
    }


def test_every_format_holds_the_figures_the_results_pages_show_with_the_same_cells_hidden(
    client_for, bob, small_groups_round
):
    client = client_for(bob)
    files = every_format(client, small_groups_round)
    expected = expected_answers(small_groups_round)
    for format_, tables in files.items():
        assert exported_answers(tables["answers"]) == expected, format_
        stage_rows = [row for row in tables["answers"] if row["principle_number"] == "1" and row["question"] == "Stage"]
        hidden = {row["perspective"]: row["hidden"] for row in stage_rows if row["hidden"]}
        assert hidden["Manager or leader"] == hidden["Family member or unpaid carer"] == "fewer than 5 people", format_
    page = client.get(reverse("results:perspectives", args=[small_groups_round.pk])).content.decode()
    assert page.count("fewer than 5") >= 4  # the page hides the same two groups in both tables


def test_statements_are_shares_as_the_statements_page_rounds_them(client_for, bob, small_groups_round):
    figures = disclosure.figures(small_groups_round)
    perspectives, shares = indicators.indicator_shares(small_groups_round, figures)
    labels = {p.pk: p.label for p in perspectives}
    expected = {}
    for share in shares:
        key = (text(share.indicator["text"]), "Everyone")
        # The page leaves the whole round's share empty where its table is hidden; the download says why.
        hidden = figures.ticks(share.principle["key"], share.indicator["key"]).why_hidden
        expected[key] = "hidden" if hidden else str(round(share.percent)) if share.percent is not None else ""
        for pk, value in share.by_perspective.items():
            shown = "hidden" if getattr(value, "hidden", False) else "" if value is None else str(int(value + 0.5))
            expected[(text(share.indicator["text"]), labels[pk])] = shown
    files = every_format(client_for(bob), small_groups_round, ["statements"])
    for format_, tables in files.items():
        found = {
            (row["statement"], row["perspective"]): "hidden" if row["hidden"] else row["percent_ticked"]
            for row in tables["statements"]
        }
        assert found == expected, format_
    first = files["csv"]["statements"][0]
    # Everyone ticked the first statement, small groups included: the page hides it, and so does the file.
    assert first["statement_number"] == "1" and first["percent_ticked"] == ""
    assert first["hidden"] == "hidden: everyone answered alike"


def test_words_are_labelled_as_the_words_page_labels_them(client_for, bob, small_groups_round):
    shown = indicators.written_answers(small_groups_round, "people-as-assets").rows
    expected = sorted((row["perspective"], row["evidence"]) for row in shown)
    files = every_format(client_for(bob), small_groups_round, ["evidence"])
    for format_, tables in files.items():
        found = sorted((row["perspective"], row["evidence"]) for row in tables["evidence"])
        assert found == expected, format_
        assert "name" not in tables["evidence"][0]
        # The manager and the family carer wrote evidence, but nothing says which perspective they have.
        assert {row["perspective"] for row in tables["evidence"] if row["evidence"].startswith("manager")} == {""}


def test_an_anonymous_round_holds_no_identifying_data(client_for, bob, small_groups_round):
    client = client_for(bob)
    document = read_json(client.get(reverse("exports:data-json", args=[small_groups_round.pk])))
    assert "responses" not in document["tables"]
    assert "name" not in [column["column"] for column in document["columns"]["evidence"]]
    token_hashes = list(small_groups_round.participants.values_list("token_hash", flat=True))
    raw = body(client.get(reverse("exports:data-json", args=[small_groups_round.pk]))).decode()
    assert not any(token in raw for token in token_hashes)
    assert '"participant' not in raw and "respondent" not in raw
    assert len(document["round"]["downloaded_on"]) == len("2026-12-01")  # a day, never a time


def test_an_anonymous_round_has_no_table_of_each_persons_answers(client_for, bob, small_groups_round):
    response = client_for(bob).get(reverse("exports:data-csv", args=[small_groups_round.pk]), {"table": "responses"})
    assert response.status_code == 404


@pytest.mark.parametrize("table", ["nonsense", "\x00", "a" * 300])
def test_an_unknown_table_is_not_found(client_for, bob, small_groups_round, table):
    response = client_for(bob).get(reverse("exports:data-csv", args=[small_groups_round.pk]), {"table": table})
    assert response.status_code == 404


def test_nothing_anyone_wrote_is_written_out_until_enough_people_have_answered(client_for, bob, riverside, alice):
    round_ = make_round(riverside, alice)
    fill(round_, {"frontline": 3})
    services.set_status(round_, RoundStatus.CLOSED)
    files = every_format(client_for(bob), round_, ["answers", "evidence"])
    for format_, tables in files.items():
        assert tables["evidence"] == [], format_
        assert all(row["hidden"] and not row["people"] for row in tables["answers"]), format_
    page = client_for(bob).get(reverse("results:words", args=[round_.pk])).content.decode()
    assert "frontline evidence" not in page


def test_a_named_round_shows_names_and_each_persons_answers(client_for, bob, riverside, alice):
    round_ = make_round(riverside, alice, anonymous=False)
    sam = answer(
        round_,
        "manager",
        **{
            "reciprocity": {
                "stage": "basics",
                "rag": "green",
                "ticked": ["reciprocity-2"],
                "evidence": "We swap skills",
            }
        },
    )
    sam.name = "Sam Patel"
    sam.save()
    client = client_for(bob)
    evidence = read_csv(client.get(reverse("exports:data-csv", args=[round_.pk]), {"table": "evidence"}))
    assert [(row["name"], row["perspective"], row["stage"]) for row in evidence] == [
        ("Sam Patel", "Manager or leader", "We’ve got the basics")
    ]
    book = read_xlsx(client.get(reverse("exports:data-xlsx", args=[round_.pk])))
    (person,) = sheet_rows(book, "responses")
    assert person["respondent"] == 1 and person["name"] == "Sam Patel" and person["rag"] == "Green"
    assert person["statements_ticked"] == "2" and person["stage_number"] == 2
    answers = {
        row["answer"]: row["people"]
        for row in sheet_rows(book, "answers")
        if row["perspective"] == "Manager or leader" and "reciprocity" in row["principle"]
    }
    assert answers["We’ve got the basics"] == 1 and answers["Green"] == 1


def test_every_download_is_recorded(client_for, bob, small_groups_round):
    client = client_for(bob)
    body(client.get(reverse("exports:data-csv", args=[small_groups_round.pk])))
    body(client.get(reverse("exports:data-xlsx", args=[small_groups_round.pk])))
    body(client.get(reverse("exports:data-json", args=[small_groups_round.pk])))
    body(client.get(reverse("exports:data-action-plan", args=[small_groups_round.pk])))
    recorded = list(
        Download.objects.filter(round=small_groups_round).values_list("downloaded_by", "contents", "format")
    )
    assert sorted(recorded) == sorted(
        [
            (bob.pk, Contents.DATA, Format.CSV),
            (bob.pk, Contents.DATA, Format.EXCEL),
            (bob.pk, Contents.DATA, Format.JSON),
            (bob.pk, Contents.ACTION_PLAN, Format.EXCEL),
        ]
    )


def test_downloads_have_safe_names_and_are_not_kept_by_caches(client_for, bob, small_groups_round):
    response = client_for(bob).get(reverse("exports:data-csv", args=[small_groups_round.pk]), {"table": "ideas"})
    assert response["Content-Disposition"].startswith('attachment; filename="day-services-2026-ideas-')
    assert response["Content-Disposition"].endswith('.csv"')
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
