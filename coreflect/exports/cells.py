"""What every value passes on its way into a CSV file or a workbook, and the names downloads are given.

A spreadsheet treats text that starts with `=`, `+`, `-` or `@` as a formula, and some read a leading tab
or carriage return the same way: a person who types `=HYPERLINK("http://x","y")` into their evidence could
otherwise put a live link, or worse, in front of whoever opens the export. So `safe_cell` puts a single
quote in front of such text, as OWASP advises ("CSV injection"): the cell shows exactly what was typed,
with a quote before it, and stays text. It looks only at the type, never at whether text looks like a
number: "-5" typed by a person is their words, not a figure, and is neutralised like any other text.
Figures (ints, floats, Decimals) and dates stay what they are, so a spreadsheet can add them up.
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from django.utils.text import slugify

# Characters a spreadsheet may read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"

# Control characters an .xlsx file cannot hold at all (openpyxl refuses them; Excel would call the file
# corrupt). A person can paste them in from another program; they are dropped from workbooks only.
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Value = str | int | float | Decimal | datetime.date | None

FILENAME_TITLE_LIMIT = 60


def safe_cell(value: object) -> Value:
    """`value` as it may go into a cell: figures, dates and None as they are; anything else as text, with a
    quote in front when it starts with a character a spreadsheet would read as a formula."""
    if value is None or isinstance(value, int | float | Decimal | datetime.date):
        # bool is an int: yes/no columns are words chosen by the code, never typed by a person.
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return NEUTRALISER + text
    return text


def safe_row(values) -> list[Value]:
    """Every value of a row through `safe_cell`."""
    return [safe_cell(value) for value in values]


def xlsx_text(text: str) -> str:
    """Text a workbook can hold: the control characters it cannot are left out (tabs and new lines stay)."""
    return XLSX_ILLEGAL.sub("", text)


def safe_filename(title: str, day: datetime.date, extension: str, *, part: str = "") -> str:
    """A download's name: the round's title as a short ASCII slug, what the file holds, the day and the
    extension, for example `day-services-2026-answers-2026-12-02.csv`. Nothing a person typed reaches the
    header unchanged, so no quote, slash or new line can break out of it."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = slugify(ascii_title)[:FILENAME_TITLE_LIMIT].strip("-") or "round"
    pieces = [slug, slugify(part), day.isoformat()]
    extension = slugify(extension) or "txt"
    return "-".join(piece for piece in pieces if piece) + "." + extension
