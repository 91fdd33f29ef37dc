"""The column dictionary: the README's section is the code's dictionary, and every table and sheet a round's
download holds has every column explained."""

from pathlib import Path

from django.urls import reverse
from django.utils import translation

from coreflect.exports.data_columns import ALL_TABLES, DICTIONARY_TITLE, readme_section
from tests.exports.data_helpers import read_json, read_xlsx
from tests.reflections.conftest import make_round

README = Path(__file__).resolve().parent.parent.parent / "README.md"


def test_the_readme_explains_every_column_exactly_as_the_code_does():
    with translation.override("en"):
        section = readme_section()
    assert section in README.read_text(), (
        "README.md's 'Data exports: the columns' section differs from coreflect/exports/data_columns.py: "
        "paste the output of readme_section() in its place"
    )


def test_every_column_of_every_table_has_a_meaning_and_a_unique_key():
    for table in ALL_TABLES:
        keys = [column.key for column in table.columns]
        assert len(keys) == len(set(keys)), table.key
        assert all(str(column.meaning).endswith(".") for column in table.columns), table.key
        assert len(str(table.title)) <= 31, "Excel allows sheet names of 31 characters at most"


def test_the_workbook_explains_every_column_of_every_sheet(client_for, bob, riverside, alice):
    for anonymous in (True, False):
        round_ = make_round(riverside, alice, anonymous=anonymous)
        client = client_for(bob)
        for response in (
            client.get(reverse("exports:data-xlsx", args=[round_.pk])),
            client.get(reverse("exports:data-action-plan", args=[round_.pk])),
        ):
            book = read_xlsx(response)
            explained = {
                (sheet, column)
                for sheet, column, _meaning in book[str(DICTIONARY_TITLE)].iter_rows(min_row=2, values_only=True)
            }
            headers = {
                (sheet.title, cell.value)
                for sheet in book.worksheets
                if sheet.title != str(DICTIONARY_TITLE)
                for cell in sheet[1]
            }
            assert headers == explained
            assert all(sheet[1][0].font.bold and sheet.freeze_panes == "A2" for sheet in book.worksheets)
        document = read_json(client.get(reverse("exports:data-json", args=[round_.pk])))
        for key, rows in document["tables"].items():
            keys = [column["column"] for column in document["columns"][key]]
            assert all(list(row) == keys for row in rows)
        assert ("responses" in document["tables"]) is not anonymous
