"""Which statements people recognise, and the words they wrote, with small groups protected.

Indicator shares come from the gatekeeper (`reflections.disclosure`): ticks per statement and perspective,
each statement's table protected on its own. Texts are listed per principle, filterable by perspective
and stage; a filter that would single out a hidden group is refused, and a text is labelled with its
perspective and stage only where the results pages show that group.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from coreflect.reflections.disclosure import Figures, Hidden
from coreflect.reflections.models import Round

from .queries import figures_of

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


def indicator_shares(round_: Round, figures: Figures | None = None) -> tuple[list, list[IndicatorShare]]:
    data = figures_of(round_, figures)
    document = round_.framework_version.document
    stages = {stage["key"]: stage for stage in document["stages"]}
    shares = []
    for principle in document["principles"]:
        for indicator in principle["indicators"]:
            table = data.ticks(principle["key"], indicator["key"])
            whole = table.whole()
            share = IndicatorShare(
                principle,
                indicator,
                stages[indicator["stage"]],
                whole[True] if whole is not None else 0,
                whole.total() if whole is not None else 0,
            )
            for p in data.perspectives:
                row = table.row(p.pk)
                if isinstance(row, Hidden):
                    share.by_perspective[p.pk] = row
                else:
                    share.by_perspective[p.pk] = row[True] * 100 / row.total() if row.total() else None
            shares.append(share)
    return data.perspectives, shares


def most_and_least(shares: list[IndicatorShare], count: int = 5) -> tuple[list, list]:
    answered = [share for share in shares if share.percent is not None]
    ranked = sorted(answered, key=lambda share: -share.percent)  # type: ignore[operator]  # answered ones have one
    return ranked[:count], list(reversed(ranked[-count:])) if len(ranked) > count else []


def notable_differences(shares: list[IndicatorShare], perspectives: list, count: int = 5) -> list[dict]:
    """Statements one perspective ticks far more than another (both big enough to show)."""
    labels = {p.pk: p.label for p in perspectives}
    found = []
    for share in shares:
        visible = {pk: n for pk, n in share.by_perspective.items() if n is not None and not isinstance(n, Hidden)}
        if len(visible) < 2:
            continue
        high = max(visible, key=visible.__getitem__)
        low = min(visible, key=visible.__getitem__)
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
    round_: Round,
    principle_key: str,
    perspective_pk: int | None = None,
    stage_key: str | None = None,
    page: int = 1,
    figures: Figures | None = None,
) -> Texts:
    """What people wrote for one principle, optionally for one perspective and/or stage, a page at a time.

    In anonymous rounds a text is labelled with its perspective only where the results show that
    perspective for this principle, and with its stage only where they show that perspective's stages;
    filtering by stage lists only texts from perspectives shown, so a stage is never pinned on someone
    from a hidden group."""
    data = figures_of(round_, figures)
    document = round_.framework_version.document
    principle = next(p for p in document["principles"] if p["key"] == principle_key)
    stages = {stage["key"]: stage for stage in document["stages"]}
    perspectives = {p.pk: p for p in data.perspectives}
    labels, stage_table = data.labels(principle_key), data.stages(principle_key)
    named = {pk for pk in perspectives if labels.protection.shows(pk)}
    staged = {pk for pk in perspectives if stage_table.protection.shows(pk)}
    whole = stage_table.whole()

    if perspective_pk is not None and perspective_pk not in named:
        return Texts(principle, [], refused=True)
    if stage_key is not None and (stage_key not in stages or whole is None or not staged):
        return Texts(principle, [], refused=True)
    if perspective_pk is not None and stage_key is not None and perspective_pk not in staged:
        return Texts(principle, [], refused=True)

    principle_row = round_.framework_version.principle_rows.get(key=principle_key)
    answers = data.written(principle_row).filter(Q(evidence__gt="") | Q(reflections__gt="") | Q(ideas__gt=""))
    if perspective_pk is not None:
        answers = answers.filter(participant__perspective_id=perspective_pk)
    if stage_key is not None:
        answers = answers.filter(stage__key=stage_key, participant__perspective_id__in=staged)
    start = (max(page, 1) - 1) * PAGE_SIZE
    found = list(
        answers.order_by("-pk").values_list(
            "participant__perspective_id", "stage__key", "evidence", "reflections", "ideas", "participant__name"
        )[start : start + PAGE_SIZE + 1]
    )
    rows = []
    for perspective, stage, evidence, reflections, ideas, name in found[:PAGE_SIZE]:
        rows.append(
            {
                "perspective": perspectives[perspective].label if perspective in named else "",
                "stage": stages[stage]["label"] if stage and perspective in staged else None,
                "evidence": evidence,
                "reflections": reflections,
                "ideas": ideas,
                # Names exist only in named rounds, where people were told their name would be seen.
                "name": "" if round_.anonymous else name,
            }
        )
    return Texts(principle, rows, page=max(page, 1), has_next=len(found) > PAGE_SIZE)
