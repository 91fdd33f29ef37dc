"""Helpers for the data download tests: rounds with answers, and each file type read back into rows."""

import csv
import io
import json

from django.urls import reverse
from openpyxl import load_workbook

from coreflect.exports.data_columns import BY_KEY, DICTIONARY_TITLE

CSV_TABLES = ["answers", "statements", "evidence", "ideas", "actions", "consensus"]


def body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"), newline="")))


def read_json(response) -> dict:
    return json.loads(body(response))


def read_xlsx(response):
    return load_workbook(io.BytesIO(body(response)))


def sheet_rows(book, key: str) -> list[dict]:
    rows = list(book[str(BY_KEY[key].title)].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def every_format(client, round_, tables=CSV_TABLES) -> dict[str, dict[str, list[dict]]]:
    """{format: {table: rows as dicts of text}} for CSV, Excel and JSON, values as the CSV writes them."""
    found: dict[str, dict[str, list[dict]]] = {"csv": {}, "xlsx": {}, "json": {}}
    for table in tables:
        response = client.get(reverse("exports:data-csv", args=[round_.pk]), {"table": table})
        found["csv"][table] = read_csv(response)
    book = read_xlsx(client.get(reverse("exports:data-xlsx", args=[round_.pk])))
    document = read_json(client.get(reverse("exports:data-json", args=[round_.pk])))
    for table in tables:
        found["xlsx"][table] = [_as_text(row) for row in sheet_rows(book, table)]
        found["json"][table] = [_as_text(row) for row in document["tables"][table]]
    assert str(DICTIONARY_TITLE) in book.sheetnames
    return found


def _as_text(row: dict) -> dict:
    return {key: "" if value is None else str(value) for key, value in row.items()}
