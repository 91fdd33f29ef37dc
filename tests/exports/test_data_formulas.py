"""Formula payloads typed into every free-text field – the participant's journey, the action plan and the
workshop – come out of every CSV and Excel download as inert text: a quote in front, stored as text, and no
formula cell anywhere."""

import csv
import io

import pytest
from django.urls import reverse

from coreflect.actions import services as actions
from coreflect.actions.models import ActionStatus
from coreflect.reflections import services
from coreflect.reflections.models import RoundStatus, Stance
from coreflect.workshops import ideas as workshop_ideas
from coreflect.workshops import services as workshops
from tests.exports.data_helpers import CSV_TABLES, body
from tests.reflections.conftest import Visitor, make_round

PAYLOADS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "\r=1+1"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Where each payload is typed; the mark after it says which field a cell came from.
JOURNEY = ["title", "perspective", "name", "evidence", "reflections", "ideas"]
PLAN = ["what", "how", "who", "dropped", "note", "contributor", "role"]
WORKSHOP = ["workshop idea", "facilitator idea", "group evidence", "dissent"]
NEVER_EXPORTED = ["objection"]  # the pages never show who objected or why, only the dissent in the group's words


def typed(payload: str, where: str) -> str:
    return f"{payload} [{where}]"


def journey(round_, payload, principle_key, fields):
    """One person through the real answer pages, typing the payload into every text box the form has."""
    perspective = round_.perspectives.get(key="frontline")
    perspective.label = typed(payload, "perspective")
    perspective.save()
    visitor = Visitor(round_)
    visitor.join("frontline", **({} if round_.anonymous else {"name": typed(payload, "name")}))
    chosen = {"stage": "basics"} if "stage" in round_.framework_version.prompt_kinds else {}
    response = visitor.answer(principle_key, **chosen, **{name: typed(payload, name) for name in fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert visitor.client.post(visitor.url("check")).status_code == 302


def plan_and_workshop(round_, payload, fran):
    principle = round_.framework_version.principle_rows.order_by("position").first()
    action = actions.create_action(
        organisation=round_.organisation,
        created_by=fran,
        round=round_,
        principles=[principle],
        what=typed(payload, "what"),
        how=typed(payload, "how"),
        owner_name=typed(payload, "who"),
        status=ActionStatus.DROPPED,
        dropped_reason=typed(payload, "dropped"),
    )
    actions.add_note(action, text=typed(payload, "note"), author=fran)
    actions.add_contribution(action, name=typed(payload, "contributor"), role=typed(payload, "role"), hours=2)
    actions.add_idea(round_, principle=principle, text=typed(payload, "facilitator idea"))
    workshop = workshops.start_workshop(round_, started_by=fran)
    workshop_ideas.post_idea(workshop, principle, typed(payload, "workshop idea"))
    view = workshops.agree_view(
        workshop, principle, stage=None, rag="amber", evidence=typed(payload, "group evidence"), recorded_by=fran
    )
    attendee, _token = workshops.join(workshop, round_.perspectives.get(key="manager"))
    workshops.reply(attendee, view, Stance.OBJECT, typed(payload, "objection"))
    workshops.record_dissent(view, typed(payload, "dissent"))


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")) for cell in row]


def xlsx_cells(content: bytes) -> list:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "a formula cell in the workbook"
    return cells


def marks(text: str) -> set[str]:
    return {where for where in JOURNEY + PLAN + WORKSHOP + NEVER_EXPORTED if f"[{where}]" in text}


def inert(value: str) -> bool:
    """Whether the cell is safe: it never starts like a formula. Returns whether it is the typed text
    itself with the quote in front (a label such as "People: …" holds it safely in the middle instead).
    The answer forms trim tabs and new lines at the ends, so a leading tab may arrive as the formula after
    it: either way the cell starts with the quote, then what a spreadsheet would have run. (An .xlsx file is
    XML, whose readers turn a carriage return into a new line.)"""
    assert not value.lstrip(" ").startswith(FORMULA_STARTS), repr(value)
    return value.startswith("'") and value[1:].startswith((*FORMULA_STARTS, "\n"))


@pytest.mark.parametrize("payload", PAYLOADS, ids=["hyperlink", "cmd", "at-sum", "minus", "tab", "carriage-return"])
def test_formulas_typed_anywhere_come_out_inert_in_every_csv_and_workbook(client_for, alice, fran, riverside, payload):
    rounds = []
    for slug, principle_key, fields, anonymous in [
        ("how-are-you-doing-2011", "people-as-assets", ["evidence", "ideas"], False),
        ("how-are-we-doing", "equal-human-beings", ["reflections"], False),
        ("how-are-you-doing-2011", "people-as-assets", ["evidence", "ideas"], True),
    ]:
        round_ = make_round(
            riverside, alice, slug=slug, anonymous=anonymous, title=typed(payload, "title"), threshold=1
        )
        journey(round_, payload, principle_key, fields)
        plan_and_workshop(round_, payload, fran)
        services.set_status(round_, RoundStatus.CLOSED)
        rounds.append(round_)

    client = client_for(alice)
    seen: set[str] = set()
    for round_ in rounds:
        files = [
            ("csv", client.get(reverse("exports:data-csv", args=[round_.pk]), {"table": table}))
            for table in CSV_TABLES + ([] if round_.anonymous else ["responses"])
        ]
        files += [
            ("xlsx", client.get(reverse(name, args=[round_.pk])))
            for name in ("exports:data-xlsx", "exports:data-action-plan")
        ]
        if round_.anonymous:
            raw = reverse("exports:data-raw", args=[round_.pk])
            files += [(kind, client.post(raw, {"format": kind, "understood": "on"})) for kind in ("csv", "xlsx")]
        for kind, response in files:
            content = body(response)
            if kind == "csv":
                for cell in csv_cells(content):
                    if (found := marks(cell)) and inert(cell):
                        seen |= found
            else:
                for cell in xlsx_cells(content):
                    if isinstance(cell.value, str) and (found := marks(cell.value)):
                        assert cell.data_type == "s"
                        if inert(cell.value):
                            seen |= found
            assert "[objection]" not in content.decode("utf-8", "replace")
    # Every field typed into reached a download, as the typed text behind a quote.
    assert seen == set(JOURNEY + PLAN + WORKSHOP), sorted(set(JOURNEY + PLAN + WORKSHOP) - seen)
