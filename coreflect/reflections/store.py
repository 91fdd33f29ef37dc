"""The answer store: the participant journey's reads and writes of rounds, participants and answers, and the
running totals' upserts, in one place.

The journey is the service's busiest path. Where building a statement through the query API cost more than
running it, the statement is written here by hand; everywhere else the store uses the ORM
(docs/decisions/0006-answer-store.md has the figures and the rules for changing the models). There is one
implementation per database, chosen once per connection (`_chosen`): SQLite and PostgreSQL share most
statements; PostgreSQL saves an answer not yet sent, with its ticks, in one statement, and SQLite replaces it
and reads its ticks in one.

Every table and column name is read from the models' `_meta`, so a renamed table, column or field changes
the SQL with it (or fails loudly at first use). Rows come back as model instances, each value converted
exactly as the ORM converts it (SQLite, for one, returns dates as text and true or false as 1 or 0): both
through rows.py.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from coreflect.caches import kept
from coreflect.frameworks.queries import kept_version, skeleton
from coreflect.organisations.models import Organisation

from .models import Participant, Response, Round, Tally, TickTally
from .rows import column, instance, one_line, select_list, table, unique_columns

Row = dict[str, Any]
Tick = Response.ticked.through


@dataclass(frozen=True)
class AnswerColumns:
    """An answer's columns as the store writes them (ids, not model instances)."""

    stage_id: int | None
    evidence: str
    rag: str
    reflections: str
    ideas: str
    completed: bool
    updated_at: datetime


ANSWER_FIELDS = ("stage", "evidence", "rag", "reflections", "ideas", "completed", "updated_at")


class AnswerStore:
    """The statements SQLite and PostgreSQL run alike (SQLite runs no others)."""

    def __init__(self, db: BaseDatabaseWrapper) -> None:
        self.alias = db.alias
        answer, tick = table(Response), table(Tick)
        participant, round_ = table(Participant), table(Round)
        a_participant, a_principle = column(Response, "participant"), column(Response, "principle")
        self.t_answer, self.t_indicator = column(Tick, "response"), column(Tick, "indicator")
        # The journey's look-up: the round behind a link, its organisation's name and the visitor's participant
        # if their token belongs to the round – one query; through the query API it was two, and building
        # them took several times longer than running them.
        self.round_and_participant_sql = one_line(f"""
            SELECT {select_list(Round, "r")}, o.{column(Organisation, "name")}, {select_list(Participant, "p")}
            FROM {round_} r
            JOIN {table(Organisation)} o ON o.{column(Organisation, "id")} = r.{column(Round, "organisation")}
            LEFT JOIN {participant} p
                ON p.{column(Participant, "round")} = r.{column(Round, "id")} AND p.{column(Participant, "token_hash")} = %s
            WHERE r.{column(Round, "link_code")} = %s
        """)  # noqa: S608 - names come from the models; every value is a parameter
        # A saved answer, a row per tick (one row with no tick if none), as PostgreSQL reads it (SQLite reads it
        # through the ORM), and its id and ticks for a save. Its stage and statements are named from the
        # version's rows kept in memory: joining their tables made PostgreSQL plan longer than run.
        joined = one_line(f"""
            FROM {answer} a LEFT JOIN {tick} t ON t.{self.t_answer} = a.{column(Response, "id")}
            WHERE a.{a_participant} = %s AND a.{a_principle} = %s
        """)
        shown = ", ".join(f"a.{column(Response, name)}" for name in ANSWER_FIELDS[:5])
        self.saved_answer_sql = f"SELECT {shown}, t.{self.t_indicator} {joined}"
        self.ticks_sql = f"SELECT a.{column(Response, 'id')}, t.{self.t_indicator} {joined}"
        assignments = ", ".join(f"{column(Response, name)} = %s" for name in ANSWER_FIELDS)
        self.replace_sql = f"UPDATE {answer} SET {assignments} WHERE {a_participant} = %s AND {a_principle} = %s"  # noqa: S608
        # The usual save, only while the participant has not sent their answers: checked for a Send in another
        # tab in the same statement rather than by reading the participant first (SQLite's transactions take
        # turns from their start, so the check and the write see the same state).
        self.replace_unsent_sql = one_line(f"""{self.replace_sql} AND EXISTS (
            SELECT 1 FROM {participant}
            WHERE {column(Participant, "id")} = %s AND {column(Participant, "submitted_at")} IS NULL
        )""")  # noqa: S608
        self.untick_sql = f"DELETE FROM {tick} WHERE {self.t_answer} = %s AND {self.t_indicator} IN ({{marks}})"  # noqa: S608
        self.tick_sql = f"INSERT INTO {tick} ({self.t_answer}, {self.t_indicator}) VALUES {{rows}}"  # noqa: S608
        self.answer_columns = tuple(column(Response, name) for name in ANSWER_FIELDS)
        self.tally_sql = _adding_upsert(
            Tally, ("round", "principle_key", "perspective", "stage_key", "rag", "ahead"), "one_tally_per_cell"
        )
        self.tick_tally_sql = _adding_upsert(
            TickTally, ("round", "indicator_key", "perspective"), "one_tick_tally_per_cell"
        )

    def connection(self) -> BaseDatabaseWrapper:
        """This thread's connection, looked up once for each use of the store: Django's `connection` proxy
        looks it up again for every attribute it is asked for."""
        return connections[self.alias]

    def round_and_participant(self, code: str, token_hash: str) -> tuple[Round | None, Participant | None]:
        db = self.connection()
        with db.cursor() as cursor:
            cursor.execute(self.round_and_participant_sql, [token_hash, code])
            row = cursor.fetchone()
        if row is None:
            return None, None
        # The row holds the round's columns, its organisation's name, then the participant's columns.
        name_at = len(Round._meta.concrete_fields)
        round_ = instance(Round, row[:name_at], db)
        assert round_ is not None
        round_.framework_version = kept_version(round_.framework_version_id)
        # Only the name is read; anything else about the organisation loads if asked for, as with only().
        round_.organisation = Organisation.from_db(db.alias, ["id", "name"], [round_.organisation_id, row[name_at]])
        participant = instance(Participant, row[name_at + 1 :], db)
        if participant is not None:
            participant.round = round_
        return round_, participant

    def saved_answer(self, participant: Participant, principle_key: str) -> Row:
        shape = skeleton(participant.round.framework_version)
        found = self.saved_rows(participant.pk, shape.principles[principle_key].pk)
        if not found:
            return {}
        stage_id, evidence, rag, reflections, ideas, _tick = found[0]
        stage_keys = {row.pk: key for key, row in shape.stages.items()}
        indicator_keys = {row.pk: key for key, row in shape.indicators[principle_key].items()}
        return {
            "stage": stage_keys.get(stage_id, ""),
            "ticked": [indicator_keys[row[-1]] for row in found if row[-1] is not None],
            "evidence": evidence,
            "rag": rag,
            "reflections": reflections,
            "ideas": ideas,
        }

    def saved_rows(self, participant_id: int, principle_id: int) -> list[tuple[Any, ...]]:
        """A saved answer's stage, texts and ticked statement, a row per tick (one row with no tick if none).
        Through the ORM: on SQLite the principle page came within 10% of the SQL written by hand."""
        answer = Response.objects.filter(participant_id=participant_id, principle_id=principle_id)
        return list(answer.values_list(*ANSWER_FIELDS[:5], "ticked"))

    def save_unsent(
        self, participant: Participant, principle_id: int, answer: AnswerColumns, wanted: list[int]
    ) -> bool:
        """Replace a saved answer and its ticks if the participant has not sent their answers; False (nothing
        written) if they have, or if this is the principle's first save."""
        with transaction.atomic(using=self.alias):
            found = self.replace(participant, principle_id, answer, unsent_only=True)
            if found is None:
                return False
            self.write_ticks(*found, wanted)
        return True

    def replace(
        self, participant: Participant, principle_id: int, answer: AnswerColumns, *, unsent_only: bool = False
    ) -> tuple[int, set[int]] | None:
        """Overwrite the saved answer: (its id, the statements it had ticked), or None if there is none – or,
        with `unsent_only`, if the participant has sent their answers meanwhile."""
        db = self.connection()
        values = [*self._values(db, answer), participant.pk, principle_id]
        with db.cursor() as cursor:
            if unsent_only:
                cursor.execute(self.replace_unsent_sql, [*values, participant.pk])
            else:
                cursor.execute(self.replace_sql, values)
            if not cursor.rowcount:
                return None
            cursor.execute(self.ticks_sql, [participant.pk, principle_id])
            rows = cursor.fetchall()  # a row per tick, or one row with no tick: the answer's id either way
        return rows[0][0], {row[-1] for row in rows if row[-1] is not None}

    def create(self, participant: Participant, principle_id: int, answer: AnswerColumns) -> int:
        """A principle's first answer (the caller catches a second tab's row landing first)."""
        created = Response.objects.create(
            participant=participant, round_id=participant.round_id, principle_id=principle_id, **vars(answer)
        )
        return int(created.pk)

    def write_ticks(self, answer_id: int, before: set[int], wanted: Sequence[int]) -> None:
        """Tick and untick only the statements that changed."""
        with self.connection().cursor() as cursor:
            self._write_ticks(cursor, answer_id, before, wanted)

    def _write_ticks(self, cursor: CursorWrapper, answer_id: int, before: set[int], wanted: Sequence[int]) -> None:
        if removed := sorted(before - set(wanted)):
            marks = ", ".join(["%s"] * len(removed))  # placeholders only
            cursor.execute(self.untick_sql.format(marks=marks), [answer_id, *removed])
        if added := sorted(set(wanted) - before):
            rows = ", ".join(["(%s, %s)"] * len(added))  # placeholders only
            cursor.execute(self.tick_sql.format(rows=rows), [value for i in added for value in (answer_id, i)])

    def add_to_totals(self, round_id: int, tally: Counter[tuple[Any, ...]], ticks: Counter[tuple[Any, ...]]) -> None:
        """Add counts (negative to take away) to a round's running totals, one upsert per cell: the ORM has no
        upsert that adds to what is there, and reading first would race another Send."""
        with self.connection().cursor() as cursor:
            if tally:
                cursor.executemany(self.tally_sql, [(round_id, *cell, n) for cell, n in tally.items()])
            if ticks:
                cursor.executemany(self.tick_tally_sql, [(round_id, *cell, n) for cell, n in ticks.items()])

    def _values(self, db: BaseDatabaseWrapper, answer: AnswerColumns) -> list[Any]:
        when = db.ops.adapt_datetimefield_value(answer.updated_at)  # as SQL written by hand takes it
        return [answer.stage_id, answer.evidence, answer.rag, answer.reflections, answer.ideas, answer.completed, when]


class SQLiteAnswerStore(AnswerStore):
    """SQLite (3.35 or later) replaces an answer not yet sent and reads what it had ticked in one statement."""

    def __init__(self, db: BaseDatabaseWrapper) -> None:
        super().__init__(db)
        answer, answer_id = table(Response), column(Response, "id")
        # RETURNING hands back the answer's id and its ticks as they were (the update leaves the ticks alone),
        # which took a second statement.
        self.replace_unsent_returning_sql = one_line(f"""{self.replace_unsent_sql}
            RETURNING {answer_id}, (
                SELECT group_concat({self.t_indicator}) FROM {table(Tick)} WHERE {self.t_answer} = {answer}.{answer_id}
            )
        """)  # noqa: S608 - names come from the models; every value is a parameter

    def save_unsent(
        self, participant: Participant, principle_id: int, answer: AnswerColumns, wanted: list[int]
    ) -> bool:
        db = self.connection()
        values = [*self._values(db, answer), participant.pk, principle_id, participant.pk]
        with transaction.atomic(using=self.alias), db.cursor() as cursor:
            cursor.execute(self.replace_unsent_returning_sql, values)
            found = cursor.fetchall()
            if not found:
                return False
            answer_id, ticked = found[0]
            self._write_ticks(cursor, answer_id, {int(key) for key in ticked.split(",")} if ticked else set(), wanted)
        return True


class PostgreSQLAnswerStore(AnswerStore):
    """PostgreSQL saves an answer not yet sent, and its ticks, in one statement."""

    def __init__(self, db: BaseDatabaseWrapper) -> None:
        super().__init__(db)
        answer, tick = table(Response), table(Tick)
        excluded = ", ".join(f"{name} = EXCLUDED.{name}" for name in self.answer_columns)
        keys = f"{column(Response, 'participant')}, {column(Response, 'principle')}, {column(Response, 'round')}"
        # One trip to the server instead of four to six, atomic by itself, and two first saves racing each
        # other (two tabs) meet in the upsert instead of in a duplicate-key error. It writes nothing, and
        # returns no row, if the participant has been sent (or deleted) in another tab: the save then goes
        # the way that keeps the running totals. FOR SHARE holds off a Send until this statement commits,
        # so a Send's count always sees this answer or this statement sees the Send.
        self.save_unsent_sql = f"""
            WITH unsent AS (
                SELECT {column(Participant, "id")} AS id FROM {table(Participant)}
                WHERE {column(Participant, "id")} = %s AND {column(Participant, "submitted_at")} IS NULL FOR SHARE
            ), answer AS (
                INSERT INTO {answer} ({", ".join(self.answer_columns)}, {keys})
                SELECT %s, %s, %s, %s, %s, %s, %s, unsent.id, %s, %s FROM unsent
                ON CONFLICT ({unique_columns(Response, "one_response_per_principle")}) DO UPDATE SET {excluded}
                RETURNING {column(Response, "id")} AS id
            ), untick AS (
                DELETE FROM {tick} t USING answer
                WHERE t.{self.t_answer} = answer.id AND t.{self.t_indicator} <> ALL(%s::bigint[])
            ), tick AS (
                INSERT INTO {tick} ({self.t_answer}, {self.t_indicator})
                SELECT answer.id, wanted.id FROM answer, unnest(%s::bigint[]) AS wanted(id)
                ON CONFLICT ({self.t_answer}, {self.t_indicator}) DO NOTHING
            )
            SELECT id FROM answer
        """  # noqa: S608 - names come from the models; every value is a parameter

    def saved_rows(self, participant_id: int, principle_id: int) -> list[tuple[Any, ...]]:
        """Written by hand on PostgreSQL: through the ORM the principle page took more than 10% longer."""
        with self.connection().cursor() as cursor:
            cursor.execute(self.saved_answer_sql, [participant_id, principle_id])
            return list(cursor.fetchall())

    def save_unsent(
        self, participant: Participant, principle_id: int, answer: AnswerColumns, wanted: list[int]
    ) -> bool:
        db = self.connection()
        values = [participant.pk, *self._values(db, answer), principle_id, participant.round_id, wanted, wanted]
        with db.cursor() as cursor:
            cursor.execute(self.save_unsent_sql, values)
            return cursor.fetchone() is not None


def _adding_upsert(model: type[models.Model], cell: tuple[str, ...], unique: str) -> str:
    """INSERT of one running total's cell and `n`, adding `n` to the total if the cell is there already."""
    name, n = table(model), column(model, "n")
    columns = ", ".join(column(model, field) for field in (*cell, "n", "shown"))
    marks = ", ".join(["%s"] * (len(cell) + 1))
    return f"""
        INSERT INTO {name} ({columns}) VALUES ({marks}, 0)
        ON CONFLICT ({unique_columns(model, unique)}) DO UPDATE SET {n} = {name}.{n} + excluded.{n}
    """  # noqa: S608 - names come from the models; every value is a parameter


def _implementation(db: BaseDatabaseWrapper) -> type[AnswerStore]:
    if db.vendor == "postgresql":
        return PostgreSQLAnswerStore
    if db.vendor == "sqlite" and db.features.can_return_columns_from_insert:  # RETURNING, SQLite 3.35 or later
        return SQLiteAnswerStore
    return AnswerStore


def _chosen() -> AnswerStore:
    """This connection's store, made once per process: its statements are written out when first used."""
    return kept("answer store", connection.alias, lambda: _implementation(connection)(connection))


def round_and_participant(code: str, token_hash: str) -> tuple[Round | None, Participant | None]:
    """The round behind a participant link, with its framework version and its organisation's name, and the
    participant whose token hash this is (None for a token from another round, or "" for none)."""
    return _chosen().round_and_participant(code, token_hash)


def saved_answer(participant: Participant, principle_key: str) -> Row:
    """What the participant last saved for one principle, as the answer form's initial data ({} when
    nothing yet)."""
    return _chosen().saved_answer(participant, principle_key)


def save_unsent(participant: Participant, principle_id: int, answer: AnswerColumns, wanted: list[int]) -> bool:
    """The usual save, while the participant has not sent their answers: the answer's row and its ticks
    replaced. False, with nothing written, if they have been sent meanwhile or the principle has no answer
    yet (PostgreSQL creates it here too)."""
    return _chosen().save_unsent(participant, principle_id, answer, wanted)


def replace(participant: Participant, principle_id: int, answer: AnswerColumns) -> tuple[int, set[int]] | None:
    """Overwrite the saved answer: (its id, the statements it had ticked), or None if there is none."""
    return _chosen().replace(participant, principle_id, answer)


def create(participant: Participant, principle_id: int, answer: AnswerColumns) -> int:
    return _chosen().create(participant, principle_id, answer)


def write_ticks(answer_id: int, before: set[int], wanted: Sequence[int]) -> None:
    _chosen().write_ticks(answer_id, before, wanted)


def add_to_totals(round_id: int, tally: Counter[tuple[Any, ...]], ticks: Counter[tuple[Any, ...]]) -> None:
    """Add to (or, with negative counts, take away from) a round's running totals. `tally`: (principle key,
    perspective id, stage key, RAG, ahead) -> n; `ticks`: (indicator key, perspective id) -> n."""
    _chosen().add_to_totals(round_id, tally, ticks)
