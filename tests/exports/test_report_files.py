"""The round report and the action plan as PDF and Word: read back, they hold the page's numbers under the
same headings, hide small groups as the pages do, keep typed words as plain text, and are accessible."""

import io
import re
import zipfile

import pypdfium2
import pytest
from django.urls import reverse
from pypdf import PdfReader

from coreflect.exports import report
from coreflect.exports.models import Download
from coreflect.exports.report_blocks import Table
from tests.exports import report_fixtures
from tests.exports.report_fixtures import FORMULAS, read_word, word_tables, word_text
from tests.pdf import read_pdf

small_groups_round, named_round = report_fixtures.small_groups_round, report_fixtures.named_round

FILE_NAME = re.compile(
    r'^attachment; filename="day-services-autumn-review-(report|action-plan)-\d{4}-\d{2}-\d{2}\.(pdf|docx)"$'
)


def download(client, name, round_, query=""):
    response = client.get(reverse(f"exports:{name}", args=[round_.pk]) + query)
    assert response.status_code == 200, response.content[:300]
    assert FILE_NAME.match(response["Content-Disposition"]), response["Content-Disposition"]
    return response.content


def report_tables(the_report) -> dict[str, Table]:
    return {b.caption: b for s in the_report.sections for b in s.blocks if isinstance(b, Table)}


def structure_tags(pdf: bytes) -> tuple[set[str], list[str]]:
    """The structure element types in a PDF, and the alt texts of its figures."""
    reader = PdfReader(io.BytesIO(pdf))
    tags, alts = set(), []
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not hasattr(node, "get"):
            continue
        if "/S" in node:
            tags.add(str(node["/S"]))
            if node["/S"] == "/Figure":
                alts.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        if kids is not None:
            stack.extend(kids if isinstance(kids, list) else [kids])
    return tags, alts


@pytest.fixture
def pdf(small_groups_round, client_for, bob):
    return download(client_for(bob), "report-pdf", small_groups_round)


@pytest.fixture
def word(small_groups_round, client_for, bob):
    return read_word(download(client_for(bob), "report-word", small_groups_round))


def test_the_pdf_is_tagged_in_british_english_with_headings_tables_and_charts_with_alt_text(pdf):
    read = read_pdf(pdf)
    assert read.tagged and read.language == "en-GB" and read.pdfua_part == "1" and read.a4
    assert read.title == "Round report: Day services: autumn review"
    tags, alts = structure_tags(pdf)
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Figure"} <= tags
    assert alts and all(len(alt) > 20 for alt in alts)
    assert any(alt.startswith("Which stage people think each principle is at.") for alt in alts)


def test_the_pdf_holds_the_pages_numbers_and_hides_the_small_group(pdf, small_groups_round):
    words = read_pdf(pdf).words
    the_report = report.build(small_groups_round)
    for caption, table in report_tables(the_report).items():
        if caption.startswith("Stages chosen by each perspective"):
            for row in table.rows:
                line = " ".join([row.note] if row.note else row.cells)
                assert line in words, line
    assert "Family member or unpaid carer fewer than 5" in words
    assert "Everyone 21" in words


def test_the_pdf_keeps_formula_looking_words_as_text(pdf):
    words = read_pdf(pdf).words
    assert '=HYPERLINK("http://example.com","click")' in words
    assert "@SUM(1+1)" in words and "+cmd|' /C calc'!A0" in words


def test_no_page_of_the_pdf_is_blank(pdf):
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) >= 3
    for index in range(len(document)):
        image = document[index].render(scale=0.5).to_pil().convert("L")
        dark = sum(1 for value in image.getdata() if value < 200)
        assert dark > 500, f"page {index + 1} looks blank"


def test_the_word_document_has_the_reports_headings_in_heading_styles(word, small_groups_round):
    the_report = report.build(small_groups_round)
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "Round report: Day services: autumn review")
    assert [text for style, text in headings if style == "Heading 2"] == ["Contents"] + [
        s.heading for s in the_report.sections
    ]
    assert ("Heading 3", "The biggest perception gaps") in headings


def test_the_word_tables_hold_the_reports_numbers_with_header_rows(word, small_groups_round):
    the_report = report.build(small_groups_round)
    expected = report_tables(the_report)
    found = word_tables(word)
    assert set(found) == set(expected)
    for caption, table in expected.items():
        rows = found[caption]
        assert rows[0] == table.head
        for row, cells in zip(table.rows, rows[1:], strict=True):
            assert cells[0] == row.header
            assert cells[1:] == ([row.note] * (len(table.head) - 1) if row.note else row.cells)
    family = next(
        r for c, rows in found.items() if c.startswith("Stages chosen by each") for r in rows if "unpaid" in r[0]
    )
    assert family[1] == "fewer than 5"
    assert all('w:tblHeader w:val="true"' in t._tbl.xml for t in word.tables)


def test_the_word_charts_are_pictures_with_alt_text_and_there_is_a_table_of_contents(word, small_groups_round):
    descriptions = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    charts = sum(1 for s in report.build(small_groups_round).sections for b in s.blocks if b.block == "chart")
    assert len(descriptions) == charts >= 3
    assert all(description and len(description) > 20 for description in descriptions)
    assert 'TOC \\o "2-3"' in word.element.xml


def test_the_word_document_keeps_formula_looking_words_as_text(small_groups_round, client_for, bob):
    content = download(client_for(bob), "report-word", small_groups_round)
    doc = read_word(content)
    text = word_text(doc)
    for formula in FORMULAS[:3]:
        assert formula in text
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert xml.count("<w:instrText") == 1 and "HYPERLINK" not in xml.split("<w:instrText")[1].split("</w:instrText>")[0]
    assert "<w:hyperlink" not in xml


def test_a_named_round_names_people_in_every_format(named_round, client_for, bob):
    pdf = client_for(bob).get(reverse("exports:report-pdf", args=[named_round.pk])).content
    doc = read_word(client_for(bob).get(reverse("exports:report-word", args=[named_round.pk])).content)
    assert "Priya Shah" in read_pdf(pdf).words and "Priya Shah" in word_text(doc)


def test_an_anonymous_round_names_nobody_in_any_format(pdf, word):
    assert "Priya Shah" not in read_pdf(pdf).words and "Priya Shah" not in word_text(word)
    assert "Co-designer" in word_text(word)


def test_downloads_are_recorded_with_who_what_and_format(small_groups_round, client_for, bob, fran):
    download(client_for(bob), "report-pdf", small_groups_round)
    download(client_for(fran), "action-plan-word", small_groups_round)
    rows = set(Download.objects.filter(round=small_groups_round).values_list("downloaded_by", "contents", "format"))
    assert rows == {(bob.pk, "report", "pdf"), (fran.pk, "action_plan", "docx")}


def test_the_chosen_sections_are_the_ones_in_the_files(small_groups_round, client_for, fran):
    content = download(client_for(fran), "report-word", small_groups_round, "?section=anonymity&section=cover")
    headings = [p.text for p in read_word(content).paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Contents", "About this round", "How anonymity was kept"]
    words = read_pdf(download(client_for(fran), "report-pdf", small_groups_round, "?section=anonymity")).words
    assert "How anonymity was kept" in words and "Principle by principle" not in words


def test_the_action_plan_as_pdf_and_word(small_groups_round, client_for, bob):
    words = read_pdf(download(client_for(bob), "action-plan-pdf", small_groups_round)).words
    assert "Action plan: Day services: autumn review" in words
    assert "+cmd|' /C calc'!A0 Jo 31 January 2027 Not started" in words
    assert "Principle by principle" not in words
    doc = read_word(download(client_for(bob), "action-plan-word", small_groups_round))
    rows = word_tables(doc)["1 action"]
    assert rows[0] == ["What", "Who", "When", "Status", "Lens", "How"]
    assert rows[1][:4] == ["+cmd|' /C calc'!A0", "Jo", "31 January 2027", "Not started"]


def overview_page_figures(page: str, caption: str) -> dict[str, list[str]]:
    """principle -> ["n (p%)", …] from a table of the results overview page, as a reader sees its cells."""
    table = page.split(caption, 1)[1].split("</table>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)[1:]:
        title = re.search(r'<th scope="row" class="govuk-table__header">([^<]+)</th>', row).group(1)
        cells = re.findall(r'>(\d+)<br><span class="govuk-body-s">(\d+%)</span>', row)
        hidden = re.search(r'<span class="coreflect-hidden-count">([^<]+)', row)
        figures = [f"{n} ({share})" for n, share in cells] if cells else [hidden.group(1)]
        rows[title.replace("&#x27;", "'").replace("&amp;", "&")] = figures
    return rows


def word_figures(row: list[str], columns: int) -> list[str]:
    """A Word table row's figures; a hidden row is one merged cell saying why."""
    cells = row[1 : 1 + columns]
    return cells if cells[0][0].isdigit() else [cells[0]]


def test_the_word_tables_hold_the_results_overview_pages_figures(small_groups_round, client_for, bob, word):
    page = client_for(bob).get(reverse("results:overview", args=[small_groups_round.pk])).content.decode()
    found = word_tables(word)
    for caption, columns in (
        ("Stages chosen, per principle (number and share of people)", 4),
        ("Scores given, per principle (number and share of people)", 3),
    ):
        on_page = overview_page_figures(page, caption)
        in_word = {row[0]: word_figures(row, columns) for row in found[caption][1:]}
        assert on_page and in_word == on_page
        assert any(len(cells) == 1 for cells in on_page.values())  # a hidden principle, hidden in both
    pdf_words = read_pdf(download(client_for(bob), "report-pdf", small_groups_round)).words
    for cells in on_page.values():
        assert " ".join(cells) in pdf_words
