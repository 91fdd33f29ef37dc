"""Which things people wrote the round report quotes: the facilitator's choice per principle, or the most recent.

A choice is kept as the texts' opaque keys (`results.indicators.answer_key`) in the order chosen. The words
and how they are labelled are read afresh through `results.indicators` whenever they are shown, so a text is
always labelled as the "What people wrote" page labels it now, and one no longer shown drops out.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from coreflect.reflections.disclosure import Figures
from coreflect.reflections.models import Round
from coreflect.results import indicators

from .models import ChosenWords

RECENT_COUNT = 5  # the most recent things people wrote, per principle, when nothing is chosen


@dataclass
class Evidence:
    """What the report quotes for one principle, and whether the facilitator chose it."""

    rows: list
    chosen: bool


def chosen_keys(round_: Round) -> dict[str, list[str]]:
    """principle key -> the chosen keys in order (one query for the whole round)."""
    found: dict[str, list[str]] = {}
    for principle_key, key in round_.chosen_words.order_by("principle_key", "position").values_list(
        "principle_key", "key"
    ):
        found.setdefault(principle_key, []).append(key)
    return found


def evidence(round_: Round, principle_key: str, keys: list[str], figures: Figures | None = None) -> Evidence:
    """The chosen texts still shown, in the order chosen; or the most recent ones when none are."""
    if keys:
        by_key = indicators.written_answers_by_key(round_, principle_key, keys, figures)
        rows = [by_key[key] for key in keys if key in by_key]
        if rows:
            return Evidence(rows, chosen=True)
    return Evidence(indicators.written_answers(round_, principle_key, figures=figures).rows[:RECENT_COUNT], False)


@dataclass
class Choice:
    """One principle on the page where facilitators choose: the texts on offer and which are chosen."""

    principle: dict
    rows: list  # the chosen texts still shown first (in order), then the most recent others
    chosen: set = field(default_factory=set)
    more: bool = False  # whether older texts exist than those offered


def choice_of(round_: Round, principle: dict, keys: list[str], figures: Figures) -> Choice:
    """One principle's texts on offer: those chosen, then the first page of the "What people wrote" list."""
    by_key = indicators.written_answers_by_key(round_, principle["key"], keys, figures)
    chosen_rows = [by_key[key] for key in keys if key in by_key]
    texts = indicators.written_answers(round_, principle["key"], figures=figures)
    rest = [row for row in texts.rows if row["key"] not in by_key]
    return Choice(principle, chosen_rows + rest, {row["key"] for row in chosen_rows}, texts.has_next)


def choices(round_: Round, figures: Figures) -> list[Choice]:
    """Every principle's texts on offer, in the framework's order."""
    keys = chosen_keys(round_)
    return [
        choice_of(round_, principle, keys.get(principle["key"], []), figures)
        for principle in round_.framework_version.document["principles"]
    ]


def choose(round_: Round, principle_key: str, keys: list[str], offered: set[str], by) -> list[str]:
    """Keep these keys (only those offered, in the order given) as the principle's choice; returns them."""
    kept = list(dict.fromkeys(key for key in keys if key in offered))
    with transaction.atomic():
        clear(round_, principle_key)
        now = timezone.now()
        ChosenWords.objects.bulk_create(
            ChosenWords(round=round_, principle_key=principle_key, key=key, position=n, chosen_by=by, chosen_at=now)
            for n, key in enumerate(kept)
        )
    return kept


def clear(round_: Round, principle_key: str) -> None:
    """Forget the principle's choice: the report goes back to the most recent texts."""
    round_.chosen_words.filter(principle_key=principle_key).delete()
