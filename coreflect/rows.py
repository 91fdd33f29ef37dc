"""Model instances from rows of SQL written by hand.

A few hot paths (the participant journey's look-ups and its save) run SQL written out rather than built by
the query API, because building those queries cost more than running them (bench/README.md, "Where the
time went"). `Manager.raw()` turns such a row into one model instance; these helpers let the same row carry
a second, joined model as well, converted exactly as the ORM would convert it.
"""

from django.db import connections

_converters: dict = {}


def columns(model, alias: str, prefix: str) -> str:
    """`alias.column AS prefixcolumn, …` for every column of the model, to put in a SELECT list."""
    return ", ".join(f"{alias}.{field.column} AS {prefix}{field.column}" for field in model._meta.concrete_fields)


def joined(model, row, prefix: str):
    """The `model` instance whose columns `row` (from raw()) carries as `prefixcolumn` attributes, or None
    when the join found nothing. Values go through the database's converters, as in any query: SQLite,
    for one, returns dates as text and true or false as 1 or 0."""
    using = row._state.db
    connection = connections[using]
    key = (model, using)
    if key not in _converters:
        _converters[key] = [(field, field.get_col(model._meta.db_table)) for field in model._meta.concrete_fields]
    if getattr(row, f"{prefix}{model._meta.pk.column}") is None:
        return None
    names, values = [], []
    for field, expression in _converters[key]:
        value = getattr(row, f"{prefix}{field.column}")
        for convert in connection.ops.get_db_converters(expression) + field.get_db_converters(connection):
            value = convert(value, expression, connection)
        names.append(field.attname)
        values.append(value)
    return model.from_db(using, names, values)
