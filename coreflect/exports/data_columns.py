"""The column dictionary: every table a data download can hold, each of its columns and what it means.

The workbook's "About these columns" sheet, the JSON document's "columns" and the README's "Data exports:
the columns" section are all written from here (tests/exports/test_data_dictionary.py keeps the README in
step). Column keys are the CSV headers and JSON keys, so they never change with the language; what they
mean is translated.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    meaning: Promise
    named_only: bool = False  # only in named rounds, where people were told their name would be seen
    raw_only: bool = False  # only in an admin's raw export of an anonymous round


@dataclass(frozen=True)
class TableSpec:
    key: str
    title: Promise  # the sheet's name: at most 31 characters, as Excel allows
    holds: Promise  # one sentence for the data page and the dictionary
    columns: tuple[Column, ...]

    def columns_for(self, *, named: bool, raw: bool = False) -> tuple[Column, ...]:
        return tuple(
            column for column in self.columns if (named or not column.named_only) and (raw or not column.raw_only)
        )


PRINCIPLE = (
    Column("principle_number", _("The principle’s number in the framework, from 1.")),
    Column("principle", _("The principle’s title.")),
)
HIDDEN = Column(
    "hidden",
    _(
        "Empty when the figure is shown. Otherwise why it is left out, in the words the results pages use: "
        "fewer than the round’s smallest group, hidden so that a smaller group cannot be worked out, or "
        "everyone answered alike."
    ),
)

ANSWERS = TableSpec(
    "answers",
    _("Answers"),
    _("How many people chose each stage and each of red, amber or green, for each principle, by perspective."),
    (
        *PRINCIPLE,
        Column("perspective", _("The perspective, or “Everyone” for the whole round.")),
        Column("question", _("“Stage” or “Red, amber or green”.")),
        Column("answer_number", _("The stage’s number, from 1 for the lowest; empty for red, amber or green.")),
        Column("answer", _("The stage’s name, or Red, Amber or Green; empty when the figures are hidden.")),
        Column("people", _("How many people gave this answer; empty when hidden.")),
        HIDDEN,
    ),
)

STATEMENTS = TableSpec(
    "statements",
    _("Statements ticked"),
    _("The share of people who ticked each statement, for everyone and by perspective."),
    (
        *PRINCIPLE,
        Column("statement_number", _("The statement’s number within its principle, from 1.")),
        Column("statement", _("The statement, as the framework words it.")),
        Column("statement_stage", _("The stage the statement belongs to.")),
        Column("perspective", _("The perspective, or “Everyone” for the whole round.")),
        Column(
            "percent_ticked",
            _(
                "The percentage of people answering the principle who ticked it, to the nearest whole number, as the results pages show it; empty when hidden or when nobody answered."
            ),
        ),
        HIDDEN,
    ),
)

EVIDENCE = TableSpec(
    "evidence",
    _("Evidence and reflections"),
    _("What people wrote for each principle, newest first, labelled as the results pages label it."),
    (
        *PRINCIPLE,
        Column("name", _("The person’s name (named rounds only)."), named_only=True),
        Column("perspective", _("Their perspective; empty where naming it could single out a small group.")),
        Column("stage_number", _("The number of the stage they chose; empty where it is not shown.")),
        Column("stage", _("The name of the stage they chose; empty where it is not shown.")),
        Column("evidence", _("The evidence they gave, in their words.")),
        Column("reflections", _("Their reflections, in their words.")),
        Column("ideas", _("Their ideas for change, in their words.")),
    ),
)

IDEAS = TableSpec(
    "ideas",
    _("Ideas"),
    _("Ideas for change gathered for the round, as the ideas page lists them."),
    (
        *PRINCIPLE,
        Column("idea", _("The idea, in the words it was given.")),
        Column("source", _("Where it came from: someone’s answers, a workshop, or a facilitator.")),
        Column("perspective", _("The perspective it came from; empty where naming it could single out a small group.")),
        Column("shortlisted", _("“Yes” when the idea is on the shortlist.")),
        Column("actions", _("How many actions were made from it.")),
    ),
)

ACTIONS = TableSpec(
    "actions",
    _("Actions"),
    _("The round’s action plan: what will be done, by whom and when."),
    (
        Column("action_id", _("The action’s number in Coreflect (its page is /actions/<number>/).")),
        Column("what", _("What will be done.")),
        Column("how", _("How it will be done.")),
        Column("who", _("Who will do it, and who co-leads it, if anyone (“Led by Jo, co-led by Sam”).")),
        Column("due_on", _("When it is due, as a date.")),
        Column("status", _("Not started, In progress, Done or Dropped.")),
        Column("principles", _("The principles it serves, separated by semicolons.")),
        Column("lens", _("The SCIE lens: Culture, Structure, Practice or Review.")),
        Column("why_dropped", _("Why it was dropped, for a dropped action.")),
        Column("progress_notes", _("How many progress notes it has.")),
        Column("contributions", _("People with lived experience who gave their time to it, with their roles.")),
    ),
)

CONSENSUS = TableSpec(
    "consensus",
    _("Consensus"),
    _("The views groups agreed in workshops, with the dissent in the group’s words and how the room replied."),
    (
        *PRINCIPLE,
        Column("agreed_at", _("Which session agreed it, for example “Workshop on 1 December 2026”.")),
        Column("stage_number", _("The number of the stage the group agreed; empty if none.")),
        Column("stage", _("The name of the stage the group agreed; empty if none.")),
        Column("rag", _("Red, Amber or Green, as the group agreed; empty if none.")),
        Column("evidence", _("The group’s evidence.")),
        Column("dissent", _("Where people disagreed, in the group’s words.")),
        Column("agreed", _("How many people in the room agreed.")),
        Column("could_live_with", _("How many could live with it.")),
        Column("objected", _("How many objected.")),
        Column("replies", _("How many replied in all.")),
    ),
)

RESPONSES = TableSpec(
    "responses",
    _("Each person’s answers"),
    _("Each person’s answer to each principle: in named rounds, and in an admin’s raw export of an anonymous round."),
    (
        Column(
            "respondent",
            _(
                "A number for the person, from 1, within this file only: the same number is the same person. It is not stored anywhere, and may change from one download to the next."
            ),
        ),
        Column("name", _("The person’s name (named rounds only)."), named_only=True),
        Column("perspective", _("Their perspective.")),
        *PRINCIPLE,
        Column("stage_number", _("The number of the stage they chose, from 1 for the lowest; empty if none.")),
        Column("stage", _("The name of the stage they chose; empty if none.")),
        Column("rag", _("Red, Amber or Green; empty if none.")),
        Column("statements_ticked", _("The numbers of the statements they ticked, separated by commas.")),
        Column("evidence", _("The evidence they gave, in their words.")),
        Column("reflections", _("Their reflections, in their words.")),
        Column("ideas", _("Their ideas for change, in their words.")),
        Column("from_workshop", _("“Yes” when the answer was a vote in a workshop.")),
    ),
)

NOTES = TableSpec(
    "progress_notes",
    _("Progress notes"),
    _("Notes on how each action is going, newest first (action plan only)."),
    (
        Column("action_id", _("The action’s number, as in the Actions sheet.")),
        Column("what", _("What the action is.")),
        Column("written_on", _("The day the note was written.")),
        Column("by", _("Who wrote it.")),
        Column("note", _("The note.")),
    ),
)

CONTRIBUTIONS = TableSpec(
    "contributions",
    _("Contributions"),
    _("Time and roles given to actions by people with lived experience (action plan only)."),
    (
        Column("action_id", _("The action’s number, as in the Actions sheet.")),
        Column("what", _("What the action is.")),
        Column("name", _("The person recognised.")),
        Column("role", _("The role they took.")),
        Column("hours", _("The hours they gave.")),
    ),
)

ABOUT = TableSpec(
    "round",
    _("About this round"),
    _(
        "The round’s details: its framework, whether answers are anonymous, how many people’s answers are included, and when the file was downloaded."
    ),
    (
        Column("detail", _("What the line is about.")),
        Column("value", _("Its value; hidden counts say why, as the pages do.")),
    ),
)

# The tables of a round's data download, in the order of the workbook's sheets.
DATA_TABLES = (ANSWERS, STATEMENTS, EVIDENCE, IDEAS, ACTIONS, CONSENSUS, RESPONSES)
PLAN_TABLES = (ACTIONS, NOTES, CONTRIBUTIONS)
ALL_TABLES = (ABOUT, *DATA_TABLES, NOTES, CONTRIBUTIONS)
BY_KEY = {table.key: table for table in ALL_TABLES}
DICTIONARY_TITLE = _("About these columns")


def dictionary_rows(tables, *, named: bool = True, raw: bool = True) -> list[tuple[str, str, str]]:
    """(sheet, column, meaning) for every column of these tables as a round's file holds them, for the
    dictionary sheet."""
    return [
        (str(table.title), column.key, str(column.meaning))
        for table in tables
        for column in table.columns_for(named=named, raw=raw)
    ]


def readme_section() -> str:
    """The README's section on the columns, in English, written from this dictionary."""
    lines = [
        "## Data exports: the columns",
        "",
        "A round's data page (`/rounds/<id>/data/`) offers its data as CSV (one table per file), as an Excel",
        "workbook (one sheet per table, and an “About these columns” sheet) and as JSON (every table, the",
        "round's details and this dictionary). Column names are the CSV headers and JSON keys. This section is",
        "written from `coreflect/exports/data_columns.py`; a test fails when they differ.",
    ]
    for table in ALL_TABLES:
        lines += [
            "",
            f"### {table.title} (`{table.key}`)",
            "",
            str(table.holds),
            "",
            "| column | meaning |",
            "| --- | --- |",
        ]
        lines += [f"| `{column.key}` | {column.meaning} |" for column in table.columns]
    return "\n".join(lines) + "\n"
