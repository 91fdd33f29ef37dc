"""What the facilitator's console, the projector and the record show, put together for their templates:
the principle's words from the framework document, the spread as table rows (small groups hidden, with why),
and the address phones join at."""

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from coreflect.frameworks.models import FrameworkVersion
from coreflect.frameworks.queries import skeleton
from coreflect.frameworks.wording import text
from coreflect.reflections import disclosure
from coreflect.reflections.models import Rag

from . import queries
from .models import Workshop, asks_stage


def join_path() -> str:
    """Where people type the code: the phones' join page (phone_urls.py, built beside these pages; until
    it is routed, the home page)."""
    try:
        return reverse("phone:join")
    except NoReverseMatch:
        return reverse("home")


def qr_path(workshop: Workshop) -> str:
    """Where the QR code takes a phone: straight to this workshop's join page, the code already given."""
    try:
        return reverse("phone:join-code", kwargs={"code": workshop.code})
    except NoReverseMatch:
        return join_path()


def qr_title(join_url: str) -> str:
    return _("QR code: scan it to join the workshop, or go to %(url)s and type the code") % {"url": join_url}


@dataclass
class Framework:
    """A workshop's framework version, read for its pages: principles in order with their rows."""

    version: FrameworkVersion
    principles: list[dict]  # the document's principles, in order
    rows: dict  # principle key -> Principle
    stages: list[tuple[dict, Any]]  # (document stage, Stage row), lowest first
    asks_stage: bool
    asks_rag: bool

    def principle(self, row) -> dict | None:
        if row is None:
            return None
        return next((p for p in self.principles if p["key"] == row.key), None)

    def after(self, row) -> dict | None:
        keys = [p["key"] for p in self.principles]
        if row is None:
            return self.principles[0] if self.principles else None
        index = keys.index(row.key) + 1 if row.key in keys else len(keys)
        return self.principles[index] if index < len(keys) else None

    def titles(self) -> dict[str, str]:
        return {p["key"]: text(p["title"]) for p in self.principles}

    @property
    def form_shape(self) -> dict[str, Any]:
        """What the console's answer forms (hands, the group's view) ask, from this framework."""
        return {"stages": self.stages, "asks_stage": self.asks_stage, "asks_rag": self.asks_rag}

    def stage_label(self, key: str) -> str:
        return next((text(stage["label"]) for stage, _row in self.stages if stage["key"] == key), "")


def framework_of(workshop: Workshop) -> Framework:
    version = workshop.round.framework_version
    rows = skeleton(version)
    return Framework(
        version=version,
        principles=list(version.principles),
        rows=dict(rows.principles),
        stages=[(stage, rows.stages[stage["key"]]) for stage in version.stages],
        asks_stage=asks_stage(version.document),
        asks_rag=True,  # the room always scores RED/AMBER/GREEN (models.asks_stage says why)
    )


def by_stage(principle: dict, stages: list[tuple[dict, Any]]) -> list[dict]:
    """The principle's statements and "you might hear people say…" quotes, stage by stage."""
    return [
        {
            "stage": stage,
            "indicators": [i for i in principle.get("indicators", []) if i["stage"] == stage["key"]],
            "quotes": [q for q in principle.get("quotes", []) if q["stage"] == stage["key"]],
        }
        for stage, _row in stages
    ]


@dataclass
class SpreadTable:
    """One question's spread as a table: a row per group in the room, each with its counts or why hidden."""

    caption: str
    columns: list[tuple[str, str]]  # (answer key, heading)
    rows: list[dict] = field(default_factory=list)  # {"label", "cells" | "hidden"}
    whole: list[int] | None = None
    why_hidden: disclosure.Hidden | None = None
    people: int = 0


def _table(table: disclosure.Table, caption: str, columns, labels: dict) -> SpreadTable:
    shown = SpreadTable(caption, list(columns))
    order = [key for key in labels if key in table.counts]
    if any(answers.get(disclosure.NO_ANSWER) for answers in table.counts.values()):
        shown.columns.append((disclosure.NO_ANSWER, _("No answer")))
    keys = [key for key, _heading in shown.columns]
    for row in order:
        found = table.row(row)
        if isinstance(found, disclosure.Hidden):
            shown.rows.append({"label": labels[row], "hidden": found})
        else:
            shown.rows.append({"label": labels[row], "cells": [found.get(key, 0) for key in keys]})
    whole = table.whole()
    if whole is None:
        shown.why_hidden = table.why_hidden
    else:
        shown.whole = [whole.get(key, 0) for key in keys]
        shown.people = whole.total()
    return shown


def spread_tables(workshop: Workshop, framework: Framework, principle_row, perspectives) -> dict:
    """The spread of the room's answers to one principle, as the projector and the record show it: through
    queries.spread (the gatekeeper hides small groups). `perspectives`: the round's, in order."""
    spread = queries.spread(workshop, principle_row)
    labels: dict[Any, str] = {p.pk: p.label for p in perspectives}
    labels[disclosure.HANDS] = _("Show of hands")
    tables = []
    if framework.asks_stage:
        columns = [(stage["key"], text(stage["label"])) for stage, _row in framework.stages]
        tables.append(_table(spread.stages, _("Stage, by perspective"), columns, labels))
    if framework.asks_rag:
        columns = [(rag.value, rag.label.upper()) for rag in Rag]
        tables.append(_table(spread.rags, _("RED, AMBER or GREEN, by perspective"), columns, labels))
    return {"tables": tables, "people": spread.people}
