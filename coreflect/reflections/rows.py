"""SQL written by hand, and its rows, as the ORM would write and read them: table and column names from the
models' `_meta`, and each value converted exactly as the ORM converts it (SQLite, for one, returns dates as
text and true or false as 1 or 0). The answer store (store.py) builds on these.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from coreflect.caches import kept

# (attribute name, column, converters, the column's expression) for one field, as the ORM converts it.
FieldConverters = tuple[str, str, tuple[Callable[..., Any], ...], Any]
M = TypeVar("M", bound=models.Model)


def column(model: type[models.Model], name: str) -> str:
    """The database column behind a model's field."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.column)


def table(model: type[models.Model]) -> str:
    return str(model._meta.db_table)


def select_list(model: type[models.Model], alias: str) -> str:
    """`alias.column, …` for every concrete field of the model, in the model's order."""
    return ", ".join(f"{alias}.{field.column}" for field in model._meta.concrete_fields)


def one_line(sql: str) -> str:
    """A statement written over several lines, on one line. Django's SQLite backend rewrites every statement's
    placeholders with a regular expression on each run, whose time grows with the statement's length."""
    return " ".join(sql.split())


def unique_columns(model: type[models.Model], name: str) -> str:
    """The columns of one of the model's unique constraints, for an upsert's ON CONFLICT."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    assert isinstance(constraint, models.UniqueConstraint)
    return ", ".join(column(model, field) for field in constraint.fields)


def converters(model: type[models.Model], db: BaseDatabaseWrapper) -> tuple[FieldConverters, ...]:
    """Per concrete field: its attribute, its column and how the ORM converts its values, worked out once
    per model and database and kept for the life of the process."""

    def build() -> tuple[FieldConverters, ...]:
        found = []
        for field in model._meta.concrete_fields:
            expression = field.get_col(model._meta.db_table)
            from_field = field.get_db_converters(db)  # type: ignore[attr-defined] # not in django-stubs
            convert = db.ops.get_db_converters(expression) + from_field
            found.append((field.attname, field.column, tuple(convert), expression))
        return tuple(found)

    return kept("answer store fields", (model._meta.label, db.alias), build)


@dataclass(frozen=True)
class Reading:
    """How the ORM turns a model's columns, selected in the model's order (`select_list`), into an instance:
    where its primary key is, its attribute names, and the fields whose values need converting (most need
    none: on SQLite, dates, times and true or false do), each with its position."""

    pk: int
    attnames: tuple[str, ...]
    converted: tuple[tuple[int, tuple[Callable[..., Any], ...], Any], ...]


def reading(model: type[models.Model], db: BaseDatabaseWrapper) -> Reading:
    """The model's `Reading` on this database, worked out once per process."""

    def build() -> Reading:
        fields = converters(model, db)
        return Reading(
            pk=model._meta.concrete_fields.index(model._meta.pk),
            attnames=tuple(attname for attname, *_rest in fields),
            converted=tuple(
                (position, convert, expression)
                for position, (_attname, _column, convert, expression) in enumerate(fields)
                if convert
            ),
        )

    return kept("answer store readings", (model._meta.label, db.alias), build)


def instance(model: type[M], columns: Sequence[Any], db: BaseDatabaseWrapper) -> M | None:
    """The `model` instance from its columns' values, selected in the model's order (`select_list`), or None
    when they are empty (an outer join that found nothing)."""
    how = reading(model, db)
    if columns[how.pk] is None:
        return None
    values = list(columns)
    for position, convert, expression in how.converted:
        value = values[position]
        for step in convert:
            value = step(value, expression, db)
        values[position] = value
    return model.from_db(db.alias, how.attnames, values)
