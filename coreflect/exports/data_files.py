"""Writing a round's data tables as files: CSV and JSON streamed a few rows at a time, and Excel workbooks.

Every value bound for CSV or Excel passes `cells.safe_cell` first, so nothing a person typed can run as a
formula; in workbooks every piece of text is also stored explicitly as text (openpyxl would otherwise take
any string starting with "=" for a formula). JSON is not read by spreadsheets, so it carries the words
exactly as typed. Workbooks are written in openpyxl's write-only mode, which keeps rows in a temporary file
rather than in memory.
"""

import csv
import datetime
import json
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .cells import safe_cell, xlsx_text
from .data import RoundData
from .data_columns import ABOUT, DICTIONARY_TITLE, TableSpec, dictionary_rows

ROWS_PER_PIECE = 500  # rows joined into each piece a stream sends: few, small pieces
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
WIDE_COLUMNS = {"evidence", "reflections", "ideas", "idea", "statement", "dissent", "how", "what", "note", "meaning"}


class _Line:
    """A file-like object whose write returns what was written, so csv.writer can build lines to stream."""

    def write(self, value: str) -> str:
        return value


def csv_pieces(data: RoundData, table: TableSpec) -> Iterator[str]:
    """One table as CSV, in pieces of a few hundred rows. It starts with a byte order mark, so Excel opens
    the file as UTF-8 (names and words in any language come through)."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([column.key for column in data.columns(table)])
    piece: list[str] = []
    for row in data.rows(table):
        piece.append(writer.writerow([safe_cell(value) for value in row]))
        if len(piece) == ROWS_PER_PIECE:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)


def _json_value(value: object) -> object:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def json_pieces(data: RoundData) -> Iterator[str]:
    """Every table of the download as one JSON document: the round's details, the column dictionary and
    the tables (each a list of objects keyed by column), streamed a few hundred rows at a time."""
    dumps = json.JSONEncoder(ensure_ascii=False, default=_json_value).encode
    about = {key: value for key, _label, value in data.about()}
    columns = {
        table.key: [{"column": c.key, "meaning": str(c.meaning)} for c in data.columns(table)]
        for table in data.tables()
    }
    yield '{"round": ' + dumps(about) + ', "columns": ' + dumps(columns) + ', "tables": {'
    for index, table in enumerate(data.tables()):
        keys = [column.key for column in data.columns(table)]
        yield ("" if index == 0 else ", ") + dumps(table.key) + ": ["
        piece: list[str] = []
        first = True
        for row in data.rows(table):
            piece.append(("" if first else ", ") + dumps(dict(zip(keys, row, strict=True))))
            first = False
            if len(piece) == ROWS_PER_PIECE:
                yield "".join(piece)
                piece = []
        yield "".join(piece) + "]"
    yield "}}"


def _cell(sheet, value: object, *, header: bool = False) -> object:
    """A value as a workbook cell: text neutralised and stored as text, figures and dates as they are."""
    value = safe_cell(value)
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=xlsx_text(value))
    cell.data_type = "s"  # text, whatever it looks like
    if header:
        cell.font = BOLD
    return cell


def _sheet(book: Workbook, title: str, keys: list[str], rows: Iterable[Iterable[object]]) -> None:
    """A sheet with a bold header row that stays in view while the rows scroll."""
    sheet = book.create_sheet(title=xlsx_text(title)[:31])
    sheet.freeze_panes = "A2"
    for index, key in enumerate(keys, 1):
        sheet.column_dimensions[get_column_letter(index)].width = 60 if key in WIDE_COLUMNS else 18
    sheet.append([_cell(sheet, key, header=True) for key in keys])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def workbook(data: RoundData, tables: Iterable[TableSpec] | None = None, *, rows_of=None) -> IO[bytes]:
    """The round's tables as an .xlsx file (an open temporary file, at its start): the round's details,
    one sheet per table, and the column dictionary. `rows_of(table)` may give other rows (the action plan)."""
    tables = tuple(tables if tables is not None else data.tables())
    rows_of = rows_of or data.rows
    book = Workbook(write_only=True)
    _sheet(book, str(ABOUT.title), ["detail", "value"], [(label, value) for _key, label, value in data.about()])
    for table in tables:
        keys = [column.key for column in table.columns_for(named=data.named, raw=data.raw)]
        _sheet(book, str(table.title), keys, rows_of(table))
    dictionary = dictionary_rows((ABOUT, *tables), named=data.named, raw=data.raw)
    _sheet(book, str(DICTIONARY_TITLE), ["sheet", "column", "meaning"], dictionary)
    file = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    book.save(file)
    file.seek(0)
    return file
