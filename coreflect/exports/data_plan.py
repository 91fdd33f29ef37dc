"""The round's action plan as an Excel workbook: its actions (read through the actions app's own query),
their progress notes and the contributions of people with lived experience."""

from collections.abc import Iterator
from typing import IO

from django.utils import timezone

from coreflect.actions.models import Contribution, ProgressNote
from coreflect.reflections.models import Round

from .data import RoundData, action_rows
from .data_columns import ACTIONS, CONTRIBUTIONS, NOTES, PLAN_TABLES, TableSpec
from .data_files import workbook


def note_rows(round_: Round) -> Iterator[tuple]:
    notes = (
        ProgressNote.objects.filter(action__round=round_, action__organisation_id=round_.organisation_id)
        .select_related("action", "author")
        .order_by("action__due_on", "action_id", "-created_at", "-pk")
    )
    for note in notes.iterator(2_000):
        author = note.author.name if note.author is not None else ""
        yield (note.action_id, note.action.what, timezone.localdate(note.created_at), author, note.text)


def contribution_rows(round_: Round) -> Iterator[tuple]:
    contributions = (
        Contribution.objects.filter(action__round=round_, action__organisation_id=round_.organisation_id)
        .select_related("action")
        .order_by("action__due_on", "action_id", "created_at", "pk")
    )
    for contribution in contributions:
        action = contribution.action
        yield (action.pk, action.what, contribution.name, contribution.role, contribution.hours)


def plan_workbook(round_: Round) -> IO[bytes]:
    rows = {ACTIONS.key: action_rows, NOTES.key: note_rows, CONTRIBUTIONS.key: contribution_rows}

    def rows_of(table: TableSpec) -> Iterator[tuple]:
        return rows[table.key](round_)

    return workbook(RoundData(round_), PLAN_TABLES, rows_of=rows_of)
