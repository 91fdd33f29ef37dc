"""The round's action plan as an Excel workbook: the actions the plan page lists for the round, in its order,
with their progress notes and the contributions of people with lived experience."""

import datetime
from decimal import Decimal

from django.urls import reverse

from coreflect.actions import services as actions
from coreflect.actions.models import ActionStatus, Lens
from tests.exports.data_helpers import read_xlsx, sheet_rows
from tests.reflections.conftest import make_round


def test_the_action_plan_workbook_holds_the_rounds_actions_notes_and_contributions(
    client_for, bob, fran, riverside, alice
):
    round_ = make_round(riverside, alice)
    other = make_round(riverside, alice, title="Another round")
    principles = {row.key: row for row in round_.framework_version.principle_rows.all()}
    later = actions.create_action(
        organisation=riverside,
        created_by=fran,
        round=round_,
        principles=[principles["reciprocity"], principles["people-as-assets"]],
        what="Pay people for their time",
        owner=fran,
        due_on=datetime.date(2027, 3, 1),
        lens=Lens.STRUCTURE,
        status=ActionStatus.IN_PROGRESS,
    )
    sooner = actions.create_action(
        organisation=riverside,
        created_by=fran,
        round=round_,
        what="Co-design the leaflet",
        owner_name="Sam Patel",
        due_on=datetime.date(2027, 1, 15),
    )
    actions.create_action(organisation=riverside, created_by=fran, round=other, what="Not this round's")
    actions.add_note(later, text="Budget agreed with finance", author=fran)
    actions.add_contribution(later, name="Jo Bloggs", role="Co-chair", hours=Decimal("3.5"))

    book = read_xlsx(client_for(bob).get(reverse("exports:data-action-plan", args=[round_.pk])))
    assert book.sheetnames == ["About this round", "Actions", "Progress notes", "Contributions", "About these columns"]
    plan = sheet_rows(book, "actions")
    assert [(row["what"], row["who"], row["status"]) for row in plan] == [
        ("Co-design the leaflet", "Sam Patel", "Not started"),
        ("Pay people for their time", "Fran Fisher", "In progress"),
    ]
    assert plan[1]["due_on"] == datetime.datetime(2027, 3, 1)  # a real date a spreadsheet can sort
    assert plan[1]["lens"] == "Structure" and plan[1]["progress_notes"] == 1
    assert plan[1]["contributions"] == "Jo Bloggs (Co-chair)"
    assert plan[1]["principles"].count(";") == 1
    assert plan[0]["action_id"] == sooner.pk
    (note,) = sheet_rows(book, "progress_notes")
    assert (note["action_id"], note["by"], note["note"]) == (later.pk, "Fran Fisher", "Budget agreed with finance")
    (contribution,) = sheet_rows(book, "contributions")
    assert (contribution["name"], contribution["role"], contribution["hours"]) == ("Jo Bloggs", "Co-chair", 3.5)

    page = client_for(bob).get(reverse("actions:plan"), {"round": round_.pk}).content.decode()
    assert "Co-design the leaflet" in page and "Pay people for their time" in page and "Not this round" not in page
