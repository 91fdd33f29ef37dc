"""Which statements people recognise, and the words they wrote, with small groups protected.

Indicator shares are counted in SQL (ticks per indicator and perspective, answers per principle and
perspective). Texts are listed per principle, filterable by perspective and stage; a filter that
would single out a group smaller than the round's threshold is refused, and a text is labelled with
its perspective or stage only where that group is big enough to show.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from coreflect.reflections.anonymity import suppress_small_counts, suppress_table
from coreflect.reflections.models import Response, Round

from .queries import cells, threshold_of

NOTABLE_DIFFERENCE = 30  # percentage points between perspectives worth pointing out


@dataclass
class IndicatorShare:
    principle: dict
    indicator: dict
    stage: dict
    ticked: int
    out_of: int
    by_perspective: dict = field(default_factory=dict)  # perspective pk -> percent or None (hidden)

    @property
    def percent(self) -> float | None:
        return self.ticked * 100 / self.out_of if self.out_of else None


def indicator_shares(round_: Round) -> tuple[list, list[IndicatorShare]]:
    version = round_.framework_version
    document = version.document
    stages = {stage["key"]: stage for stage in document["stages"]}
    perspectives = list(round_.perspectives.all())
    threshold = threshold_of(round_)
    out_of = defaultdict(int)
    for cell in cells(round_):
        out_of[cell.principle, cell.perspective] += cell.n
    ticks = defaultdict(int)
    for key, perspective, n in round_.tick_tallies.filter(n__gt=0).values_list("indicator_key", "perspective_id", "n"):
        ticks[key, perspective] = n
    shares = []
    for principle in document["principles"]:
        shown = suppress_small_counts({p.pk: out_of[principle["key"], p.pk] for p in perspectives}, threshold)
        total = sum(out_of[principle["key"], p.pk] for p in perspectives)
        for indicator in principle["indicators"]:
            share = IndicatorShare(
                principle,
                indicator,
                stages[indicator["stage"]],
                sum(ticks[indicator["key"], p.pk] for p in perspectives),
                total,
            )
            for p in perspectives:
                people = shown[p.pk]
                share.by_perspective[p.pk] = ticks[indicator["key"], p.pk] * 100 / people if people else None
            shares.append(share)
    return perspectives, shares


def most_and_least(shares: list[IndicatorShare], count: int = 5) -> tuple[list, list]:
    answered = [share for share in shares if share.percent is not None]
    ranked = sorted(answered, key=lambda share: -share.percent)
    return ranked[:count], list(reversed(ranked[-count:])) if len(ranked) > count else []


def notable_differences(shares: list[IndicatorShare], perspectives: list, count: int = 5) -> list[dict]:
    """Statements one perspective ticks far more than another (both big enough to show)."""
    labels = {p.pk: p.label for p in perspectives}
    found = []
    for share in shares:
        visible = {pk: percent for pk, percent in share.by_perspective.items() if percent is not None}
        if len(visible) < 2:
            continue
        high = max(visible, key=visible.get)
        low = min(visible, key=visible.get)
        difference = visible[high] - visible[low]
        if difference >= NOTABLE_DIFFERENCE:
            found.append(
                {
                    "share": share,
                    "high": labels[high],
                    "high_percent": visible[high],
                    "low": labels[low],
                    "low_percent": visible[low],
                    "difference": difference,
                }
            )
    return sorted(found, key=lambda item: -item["difference"])[:count]


@dataclass
class Texts:
    principle: dict
    rows: list  # dicts: perspective label or "", stage label or "", evidence, reflections, ideas, name
    refused: bool = False
    page: int = 1
    has_next: bool = False


PAGE_SIZE = 50


def written_answers(
    round_: Round, principle_key: str, perspective_pk: int | None = None, stage_key: str | None = None, page: int = 1
) -> Texts:
    """What people wrote for one principle, optionally for one perspective and/or stage, a page at a time."""
    document = round_.framework_version.document
    principle = next(p for p in document["principles"] if p["key"] == principle_key)
    stages = {stage["key"]: stage for stage in document["stages"]}
    perspectives = {p.pk: p for p in round_.perspectives.all()}
    threshold = threshold_of(round_)
    table = defaultdict(lambda: defaultdict(int))
    people = defaultdict(int)
    for cell in cells(round_):
        if cell.principle == principle_key:
            table[cell.perspective][cell.stage] += cell.n
            people[cell.perspective] += cell.n
    shown_people = suppress_small_counts({pk: people[pk] for pk in perspectives}, threshold)
    hidden_rows = {pk for pk, n in shown_people.items() if n is None}
    shown_cells, _rows = suppress_table({pk: dict(table[pk]) for pk in perspectives}, threshold, hidden_rows)
    stage_totals = defaultdict(int)
    for pk in perspectives:
        for stage, n in table[pk].items():
            stage_totals[stage] += n
    shown_stages = suppress_small_counts(dict(stage_totals), threshold)

    if perspective_pk is not None and (perspective_pk not in perspectives or perspective_pk in hidden_rows):
        return Texts(principle, [], refused=True)
    if stage_key is not None and shown_stages.get(stage_key) is None:
        return Texts(principle, [], refused=True)
    if perspective_pk is not None and stage_key is not None and shown_cells[perspective_pk].get(stage_key) is None:
        return Texts(principle, [], refused=True)

    principle_row = round_.framework_version.principle_rows.get(key=principle_key)
    answers = Response.objects.filter(
        round=round_, principle=principle_row, participant__submitted_at__isnull=False
    ).filter(Q(evidence__gt="") | Q(reflections__gt="") | Q(ideas__gt=""))
    if perspective_pk is not None:
        answers = answers.filter(participant__perspective_id=perspective_pk)
    if stage_key is not None:
        answers = answers.filter(stage__key=stage_key)
    start = (max(page, 1) - 1) * PAGE_SIZE
    found = list(
        answers.order_by("-pk").values_list(
            "participant__perspective_id", "stage__key", "evidence", "reflections", "ideas", "participant__name"
        )[start : start + PAGE_SIZE + 1]
    )
    rows = []
    for perspective, stage, evidence, reflections, ideas, name in found[:PAGE_SIZE]:
        perspective_shown = perspective not in hidden_rows
        stage_shown = perspective_shown and stage and shown_cells[perspective].get(stage) is not None
        rows.append(
            {
                "perspective": perspectives[perspective].label if perspective_shown else "",
                "stage": stages[stage]["label"] if stage_shown else None,
                "evidence": evidence,
                "reflections": reflections,
                "ideas": ideas,
                # Names exist only in named rounds, where people were told their name would be seen.
                "name": "" if round_.anonymous else name,
            }
        )
    return Texts(principle, rows, page=max(page, 1), has_next=len(found) > PAGE_SIZE)
