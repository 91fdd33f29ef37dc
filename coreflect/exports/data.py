"""A round's data as tables of plain values, read only through the gatekeeper and the results queries.

`RoundData(round_)` yields the rows of each table in `data_columns`; the writers in `data_files.py` turn
them into CSV, a workbook or JSON. Nothing here counts answers: every figure comes from
`reflections.disclosure.figures` (through `results.queries` and `results.indicators`), the words from the
same labelling the results "What people wrote" page uses, so a download never says more than the pages.

What an export holds (docs/decisions/0008-data-exports.md):

- An anonymous round: the figures as released, with exactly the cells the pages hide left empty and the
  reason given; what people wrote, labelled with a perspective or stage only where the pages label it;
  no participant ids, tokens, names or times finer than the day. Nothing is written out while fewer than
  the round's smallest group have sent their answers, as the pages show nothing then.
- A named round: the same tables, with names beside what people wrote, and each person's answers
  ("responses"), since people were told the people running it would see their name beside their answers.
- An admin's raw export of an anonymous round (`raw=True`): each person's answers, unsuppressed, under a
  number that means something only within the file, never a token, name or time. It holds the answers
  others may read (sent, and released), so it never shows an answer before the pages count it.
"""

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coreflect.actions import queries as action_queries
from coreflect.frameworks.queries import credit_line
from coreflect.frameworks.wording import text
from coreflect.reflections import disclosure
from coreflect.reflections.disclosure import RAGS, Hidden
from coreflect.reflections.models import Rag, Round
from coreflect.results import indicators
from coreflect.results import queries as results_queries

from .data_columns import DATA_TABLES, RESPONSES, Column, TableSpec

CHUNK_SIZE = 2_000  # rows read from the database at a time: memory stays flat however large the round
EVERYONE = gettext_lazy("Everyone")
YES, NO = gettext_lazy("Yes"), gettext_lazy("No")


def hidden_words(hidden: Hidden, threshold: int) -> str:
    """Why a figure is left out, in the words the results pages use."""
    if hidden.small:
        return _("fewer than %(n)s people") % {"n": threshold}
    if hidden.alike:
        return _("hidden: everyone answered alike")
    return _("hidden so that a smaller group cannot be worked out")


def _page_percent(value: float) -> int:
    """A perspective's share rounded as the statements page rounds it (halves up)."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class RoundData:
    """The tables of one round's data download, each row a tuple in the order of the table's columns."""

    def __init__(self, round_: Round, *, raw: bool = False, chunk_size: int = CHUNK_SIZE):
        self.round = round_
        self.raw = raw
        self.named = not round_.anonymous
        self.chunk_size = chunk_size
        self.figures = disclosure.figures(round_)
        self.document = round_.framework_version.document
        self.asks = round_.framework_version.prompt_kinds
        self.principles = [(number, p) for number, p in enumerate(self.document["principles"], 1)]
        self.number_of = {p["key"]: number for number, p in self.principles}
        self.stages = self.document["stages"]

    def tables(self) -> tuple[TableSpec, ...]:
        if self.raw:
            return (RESPONSES,)
        return DATA_TABLES if self.named else tuple(table for table in DATA_TABLES if table is not RESPONSES)

    def columns(self, table: TableSpec) -> tuple[Column, ...]:
        return table.columns_for(named=self.named, raw=self.raw)

    def rows(self, table: TableSpec) -> Iterator[tuple]:
        if table not in self.tables():
            raise KeyError(table.key)
        return getattr(self, f"_{table.key}_rows")()

    # About the round

    def about(self) -> list[tuple[str, str, object]]:
        """(key, label, value) for the round's details: what the pages say about it, by the day."""
        round_, data = self.round, self.figures
        version = round_.framework_version
        details: list[tuple[str, str, object]] = [
            ("round", _("Round"), round_.title),
            ("organisation", _("Organisation"), round_.organisation.name),
            (
                "framework",
                _("Framework"),
                _("%(title)s (version %(number)s)") % {"title": text(self.document["title"]), "number": version.number},
            ),
            ("framework_credit", _("Adapted from"), credit_line(version)),
            ("anonymous", _("Anonymous answers"), YES if round_.anonymous else NO),
        ]
        if round_.anonymous:
            details.append(("smallest_group", _("Smallest group shown"), round_.threshold))
        details += [
            ("status", _("Status"), round_.get_status_display()),
            ("opens_on", _("Opens"), round_.opens_on),
            ("closes_on", _("Closes"), round_.closes_on),
            ("people", _("People whose answers are included"), data.participants),
        ]
        for perspective in data.perspectives:
            shown = data.sent_shown[perspective.pk]
            value = hidden_words(shown, round_.threshold) if isinstance(shown, Hidden) else shown
            details.append((f"people_{perspective.key}", _("People: %(p)s") % {"p": perspective.label}, value))
        if round_.anonymous:
            details.append(("released_on", _("Results last updated"), data.release.released_on))
        details += [
            ("downloaded_on", _("Downloaded"), timezone.localdate()),
            ("raw", _("Raw data (no figures hidden)"), YES if self.raw else NO),
        ]
        return [(key, str(label), str(value) if isinstance(value, Promise) else value) for key, label, value in details]

    # The tables

    def _answers_rows(self) -> Iterator[tuple]:
        data, threshold = self.figures, self.round.threshold
        questions: list[tuple[str, Any, list[tuple[int | None, str, str]]]] = []
        if "stage" in self.asks:
            choices: list[tuple[int | None, str, str]] = [
                (n, s["key"], text(s["label"])) for n, s in enumerate(self.stages, 1)
            ]
            questions.append((_("Stage"), data.stages, choices))
        if "rag" in self.asks:
            questions.append((_("Red, amber or green"), data.rags, [(None, str(r), str(Rag(r).label)) for r in RAGS]))
        if not questions:
            questions.append((_("Answered the principle"), data.labels, [(None, "answered", "")]))
        for number, principle in self.principles:
            title = text(principle["title"])
            for question, table_of, choices in questions:
                table = table_of(principle["key"])
                rows: list[tuple[str, Any]] = [(str(EVERYONE), table.why_hidden or table.whole())]
                rows += [(p.label, table.row(p.pk)) for p in data.perspectives]
                for perspective, counts in rows:
                    if isinstance(counts, Hidden):
                        yield (number, title, perspective, question, None, "", None, hidden_words(counts, threshold))
                        continue
                    for answer_number, key, label in choices:
                        yield (number, title, perspective, question, answer_number, label, counts[key], "")

    def _statements_rows(self) -> Iterator[tuple]:
        data, threshold = self.figures, self.round.threshold
        perspectives, shares = indicators.indicator_shares(self.round, data)
        position: dict[str, int] = {}
        for share in shares:
            key = share.principle["key"]
            position[key] = position.get(key, 0) + 1
            start = (
                self.number_of[key],
                text(share.principle["title"]),
                position[key],
                text(share.indicator["text"]),
                text(share.stage["label"]),
            )
            hidden = data.ticks(key, share.indicator["key"]).why_hidden
            if hidden is not None:
                yield (*start, str(EVERYONE), None, hidden_words(hidden, threshold))
            else:
                percent = round(share.ticked * 100 / share.out_of) if share.out_of else None
                yield (*start, str(EVERYONE), percent, "")
            for p in perspectives:
                value = share.by_perspective[p.pk]
                if isinstance(value, Hidden):
                    yield (*start, p.label, None, hidden_words(value, threshold))
                else:
                    yield (*start, p.label, None if value is None else _page_percent(value), "")

    def _evidence_rows(self) -> Iterator[tuple]:
        if not self.figures.enough_people:
            return  # the pages show nobody's words until enough people have sent their answers
        for principle, row in indicators.every_written_answer(self.round, self.figures, self.chunk_size):
            start = (self.number_of[principle["key"]], text(principle["title"]))
            name = (row["name"],) if self.named else ()
            stage = text(row["stage"]) if row["stage"] is not None else ""
            yield (*start, *name, row["perspective"], row["stage_number"], stage, *_words(row))

    def _ideas_rows(self) -> Iterator[tuple]:
        for idea, perspective in action_queries.ideas_with_labels(self.round):
            key = idea.principle.key
            number = self.number_of.get(key)
            title = text(self.principles[number - 1][1]["title"]) if number else ""
            shortlisted = str(YES if idea.shortlisted else NO)
            yield (
                number,
                title,
                idea.text,
                idea.get_source_display(),
                perspective,
                shortlisted,
                len(idea.actions.all()),
            )

    def _actions_rows(self) -> Iterator[tuple]:
        yield from action_rows(self.round)

    def _consensus_rows(self) -> Iterator[tuple]:
        views = results_queries.group_views(self.round)[self.round.pk]
        for number, principle in self.principles:
            for view in views.get(principle["key"], []):
                rag = str(Rag(view.rag).label) if view.rag else ""
                yield (
                    number,
                    text(principle["title"]),
                    view.label,
                    view.stage_number,
                    text(view.stage) if view.stage is not None else "",
                    rag,
                    view.evidence,
                    view.dissent,
                    view.agreed,
                    view.live_with,
                    view.objected,
                    view.replies,
                )

    def _responses_rows(self) -> Iterator[tuple]:
        """Each person's answers, person by person. Named rounds go by name; anonymous rounds by a hash of
        each person's secret token, an order that says nothing about when or how they answered."""
        answers = disclosure.readable_answers(self.round)
        if self.named:
            order: tuple[str, ...] = ("participant__name", "participant_id", "principle__position", "pk")
        else:
            order = ("participant__token_hash", "principle__position", "pk")
        fields = (
            *("pk", "participant_id", "participant__name", "participant__perspective__label", "principle__key"),
            *("stage__key", "rag", "evidence", "reflections", "ideas", "from_workshop"),
        )
        rows = answers.order_by(*order).values_list(*fields).iterator(self.chunk_size)
        # The ticks come in a second stream in the same order, merged as both are read: one query each,
        # whatever the size, instead of one per chunk.
        ticks = (
            answers.filter(ticked__isnull=False)
            .order_by(*order, "ticked__pk")
            .values_list("pk", "ticked__key")
            .iterator(self.chunk_size)
        )
        statement_number = {i["key"]: n for _number, p in self.principles for n, i in enumerate(p["indicators"], 1)}
        stage_number = {s["key"]: n for n, s in enumerate(self.stages, 1)}
        stage_name = {s["key"]: text(s["label"]) for s in self.stages}
        # Words every row repeats, translated once rather than once a row.
        rag_name = {"": "", **{str(rag): str(rag.label) for rag in Rag}}
        titles = {p["key"]: text(p["title"]) for _n, p in self.principles}
        yes, no = str(YES), str(NO)
        pending = next(ticks, None)
        respondent, last_person = 0, None
        for pk, person, name, perspective, principle_key, stage, rag, evidence, reflections, ideas, workshop in rows:
            ticked = []
            while pending is not None and pending[0] == pk:
                ticked.append(statement_number.get(pending[1], 0))
                pending = next(ticks, None)
            if person != last_person:
                respondent, last_person = respondent + 1, person
            yield (
                respondent,
                *((name,) if self.named else ()),
                perspective,
                self.number_of[principle_key],
                titles[principle_key],
                stage_number.get(stage) if stage else None,
                stage_name.get(stage, "") if stage else "",
                rag_name.get(rag, rag),
                ", ".join(str(n) for n in sorted(ticked)),
                evidence,
                reflections,
                ideas,
                yes if workshop else no,
            )


def _words(row: dict) -> tuple[str, str, str]:
    return row["evidence"], row["reflections"], row["ideas"]


def action_rows(round_: Round) -> Iterator[tuple]:
    """The round's action plan, read through the actions app's own query, in its order (due date first)."""
    titles = {p["key"]: text(p["title"]) for p in round_.framework_version.document["principles"]}
    plan = action_queries.plan(round_.organisation, action_queries.PlanFilter(round=round_.pk))
    for action in plan:
        principles = sorted(action.principles.all(), key=lambda row: row.position)
        yield (
            action.pk,
            action.what,
            action.how,
            action.led_by,
            action.due_on,
            action.get_status_display(),
            "; ".join(titles.get(row.key, row.key) for row in principles),
            action.get_lens_display() if action.lens else "",
            action.dropped_reason,
            action.note_count,  # type: ignore[attr-defined]  # annotated by the plan's query
            "; ".join(f"{c.name} ({c.role})" for c in action.contributions.all()),
        )
