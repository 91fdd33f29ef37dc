"""safe_cell and safe_filename: text a spreadsheet would run stays inert text, figures stay figures."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coreflect.exports.cells import safe_cell, safe_filename, xlsx_text

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_a_spreadsheet_would_run_gets_a_quote_in_front_and_stays_whole(payload):
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize("typed", ["-5", "+44 20 7946 0000", "=", "@"])
def test_text_that_only_looks_like_a_number_or_a_sign_is_still_neutralised(typed):
    assert safe_cell(typed) == "'" + typed


@pytest.mark.parametrize(
    "value",
    [0, -5, 3.5, -0.25, Decimal("-1.5"), datetime.date(2026, 12, 1), True, None],
)
def test_figures_dates_and_nothing_pass_through_untouched(value):
    assert safe_cell(value) is value


@pytest.mark.parametrize("text", ["Weekly cooking group", "", "a=b", "It's 5 - 3", " =not at the start"])
def test_ordinary_text_is_left_alone(text):
    assert safe_cell(text) == text


def test_other_things_become_text_first():
    class Label:
        def __str__(self):
            return "=1+1"

    assert safe_cell(Label()) == "'=1+1"


@given(st.text())
def test_no_text_ever_comes_out_starting_like_a_formula(text):
    assert not str(safe_cell(text)).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_workbook_drops_only_the_control_characters_it_cannot_hold():
    assert xlsx_text("a\x01b\x0bc\td\ne\rf") == "abc\td\ne\rf"


@pytest.mark.parametrize(
    ("title", "part", "expected"),
    [
        ("Day services 2026", "answers", "day-services-2026-answers-2026-12-02.csv"),
        ('Ça va? "Quotes"\r\nand/slashes', "", "ca-va-quotes-andslashes-2026-12-02.csv"),
        ('=HYPERLINK("x")', "", "hyperlinkx-2026-12-02.csv"),
        ("日本語", "", "round-2026-12-02.csv"),
    ],
)
def test_download_names_are_short_ascii_slugs(title, part, expected):
    assert safe_filename(title, datetime.date(2026, 12, 2), "csv", part=part) == expected


def test_a_long_title_is_cut_short():
    name = safe_filename("word " * 100, datetime.date(2026, 12, 2), "xlsx")
    assert len(name) <= 60 + len("-2026-12-02.xlsx") and name.endswith("-2026-12-02.xlsx")
