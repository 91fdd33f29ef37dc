"""Model instances from rows of SQL written by hand.

A few hot paths (the participant journey's look-up and its save) run SQL written out rather than built by
the query API, because building those queries cost more than running them (bench/README.md, "Where the
time went"). These helpers write a SELECT list for a model's columns and turn a row back into model
instances, converting each value exactly as the ORM would (SQLite, for one, returns dates as text and true
or false as 1 or 0). One row can carry several joined models, each under its own prefix.
"""

from django.db import connections

_fields: dict = {}


def columns(model, alias: str, prefix: str) -> str:
    """`alias.column AS prefixcolumn, …` for every column of the model, to put in a SELECT list."""
    return ", ".join(f"{alias}.{field.column} AS {prefix}{field.column}" for field in model._meta.concrete_fields)


def first_row(cursor) -> dict | None:
    """The cursor's first row as {column name: value}, or None when there is none."""
    row = cursor.fetchone()
    return None if row is None else dict(zip((column[0] for column in cursor.description), row, strict=True))


def instance(model, row: dict, prefix: str, using: str = "default"):
    """The `model` instance whose columns `row` carries as `prefixcolumn`, or None when the row has none
    (an outer join that found nothing)."""
    if row.get(f"{prefix}{model._meta.pk.column}") is None:
        return None
    connection = connections[using]
    names, values = [], []
    for attname, column, converters, expression in _converters(model, connection):
        value = row[f"{prefix}{column}"]
        for convert in converters:
            value = convert(value, expression, connection)
        names.append(attname)
        values.append(value)
    return model.from_db(using, names, values)


def _converters(model, connection) -> list:
    """(attribute, column, converters, expression) per field, worked out once per model and database."""
    key = (model, connection.alias)
    if key not in _fields:
        found = []
        for field in model._meta.concrete_fields:
            expression = field.get_col(model._meta.db_table)
            converters = connection.ops.get_db_converters(expression) + field.get_db_converters(connection)
            found.append((field.attname, field.column, converters, expression))
        _fields[key] = found
    return _fields[key]
