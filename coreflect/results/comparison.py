"""Round to round: how each principle moved since the round this one follows.

Principles and stages are matched by key, so a later framework version with the same keys compares
cleanly; a principle or stage only one round has is shown as new or no longer asked. The views groups
agreed in workshops in either round are shown beside the figures.
"""

from dataclasses import dataclass, field

from coreflect.reflections.models import Round

from .queries import GroupView, Overview, group_views, overview


@dataclass
class Movement:
    key: str
    title: str
    before: object  # PrincipleSummary or None
    after: object  # PrincipleSummary or None
    median_before: str | None
    median_after: str | None
    direction: str  # "up", "down", "same", "new", "gone", "unknown"
    views_before: list[GroupView] = field(default_factory=list)  # what groups agreed last round
    views_after: list[GroupView] = field(default_factory=list)  # and this round


def _label(stages: list, median: float | None) -> str | None:
    if median is None:
        return None
    return (
        stages[int(median)]["label"]["en"]
        if median.is_integer()
        else (stages[int(median)]["label"]["en"] + " / " + stages[int(median) + 1]["label"]["en"])
    )


def compare(round_: Round) -> tuple[Overview | None, Overview, list[Movement]]:
    """(previous round's overview, this round's overview, one Movement per principle of either)."""
    previous = round_.previous_round
    now = overview(round_)
    if previous is None:
        return None, now, []
    before = overview(previous)
    views = group_views(previous, round_)  # both rounds' in one query
    stage_keys_now = [stage["key"] for stage in now.stages]
    stage_keys_before = [stage["key"] for stage in before.stages]
    same_scale = stage_keys_now == stage_keys_before
    before_by_key = {summary.principle["key"]: summary for summary in before.principles}
    now_by_key = {summary.principle["key"]: summary for summary in now.principles}
    movements = []
    for key in list(now_by_key) + [key for key in before_by_key if key not in now_by_key]:
        a, b = before_by_key.get(key), now_by_key.get(key)
        if a is None:
            direction = "new"
        elif b is None:
            direction = "gone"
        elif a.median is None or b.median is None or not same_scale:
            direction = "unknown"
        else:
            direction = "up" if b.median > a.median else "down" if b.median < a.median else "same"
        title = (b or a).principle["title"]["en"]  # type: ignore[union-attr]  # one of the two is always there
        movements.append(
            Movement(
                key,
                title,
                a,
                b,
                _label(before.stages, a.median if a else None),
                _label(now.stages, b.median if b else None),
                direction,
                views[previous.pk].get(key, []),
                views[round_.pk].get(key, []),
            )
        )
    return before, now, movements
