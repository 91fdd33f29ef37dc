"""Rounds for the report tests: an anonymous round with small groups, words that look like formulas, a
group's view with dissent, ideas and actions; and ways to read each format back."""

import io
from datetime import date

import pytest
from docx import Document

from coreflect.actions import services as action_services
from coreflect.actions.models import Contribution, IdeaSource
from coreflect.reflections import groups, services
from coreflect.reflections.models import RoundStatus, Stance
from tests.reflections.conftest import make_round
from tests.results.test_results import answer

FORMULAS = ['=HYPERLINK("http://example.com","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "\tleading tab"]
PRINCIPLE = "people-as-assets"

# (perspective, how many people, stage, rag): family carers are fewer than the threshold of 5.
PEOPLE = [
    ("draws-on-support", 6, "not-yet", "red"),
    ("family-carer", 2, "basics", "amber"),
    ("frontline", 6, "getting-there", "green"),
    ("manager", 7, "doing-really-well", "green"),
]


def fill(round_, people=PEOPLE, *, evidence=True):
    number = 0
    for perspective, count, stage, rag in people:
        for _ in range(count):
            words = FORMULAS[number % len(FORMULAS)] + f" note {number}" if evidence else ""
            answer(
                round_,
                perspective,
                **{
                    PRINCIPLE: {"stage": stage, "rag": rag, "ticked": ["people-as-assets-1"], "evidence": words},
                    "reciprocity": {"stage": stage, "rag": rag},
                },
            )
            number += 1


def add_group_work(round_, person):
    version = round_.framework_version
    principle = version.principle_rows.get(key=PRINCIPLE)
    stage = version.stage_rows.get(key="basics")
    consensus = groups.record_consensus(
        round_,
        principle,
        label="Workshop on 1 December",
        stage=stage,
        rag="amber",
        evidence=FORMULAS[0],
        recorded_by=person,
    )
    groups.record_replies(consensus, [Stance.AGREE] * 4 + [Stance.OBJECT], dissent=FORMULAS[2])
    idea = action_services.add_idea(
        round_, principle=principle, text="Pay people for their time", source=IdeaSource.FACILITATOR
    )
    action = action_services.create_action(
        organisation=round_.organisation,
        created_by=person,
        principles=[principle],
        round=round_,
        idea=idea,
        what=FORMULAS[1],
        owner_name="Jo",
        due_on=date(2027, 1, 31),
    )
    Contribution.objects.create(action=action, name="Priya Shah", role="Co-designer", hours=3)
    return consensus, action


@pytest.fixture
def small_groups_round(riverside, alice):
    """Anonymous, closed (so every answer is released), family carers a small group."""
    round_ = make_round(riverside, alice, title="Day services: autumn review")
    fill(round_)
    add_group_work(round_, alice)
    services.set_status(round_, RoundStatus.CLOSED)
    return round_


@pytest.fixture
def named_round(riverside, alice):
    round_ = make_round(riverside, alice, anonymous=False, title="Named round")
    fill(round_, [("family-carer", 2, "basics", "amber"), ("manager", 3, "getting-there", "green")])
    add_group_work(round_, alice)
    return round_


def read_word(content: bytes):
    return Document(io.BytesIO(content))


def word_tables(doc) -> dict[str, list[list[str]]]:
    """Each table's cells by the caption just before it."""
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    return {
        caption: [[cell.text for cell in row.cells] for row in table.rows]
        for caption, table in zip(captions, doc.tables, strict=True)
    }


def word_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
