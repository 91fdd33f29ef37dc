"""Perception gaps: where people with lived experience and staff see the same principle differently.

For each principle, each side's median stage and share saying GREEN, the difference, a ranking by
the size of the gap, and a plain-English sentence. Sides come from each perspective's group, which a
facilitator can change per round; by default people who draw on care and support and family carers
are compared with frontline workers, managers and commissioners. A side with fewer people than the
round's threshold is not compared in an anonymous round.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from coreflect.reflections.models import PerspectiveGroup, Rag, Round

from .queries import cells, median_position, threshold_of


@dataclass
class Side:
    people: int
    median: float | None
    green_share: float | None  # of those who gave a RAG score


@dataclass
class Gap:
    principle: dict
    lived: Side
    staff: Side
    comparable: bool
    stage_gap: float | None  # staff median minus lived-experience median, in stages
    green_gap: float | None  # staff share GREEN minus lived-experience share GREEN
    sentence: str

    @property
    def size(self) -> float:
        return abs(self.stage_gap or 0) + abs(self.green_gap or 0) / 100


def _stage_words(gap: float) -> str:
    size = abs(gap)
    if size >= 1.75:
        return _("about %(n)s stages") % {"n": f"{size:.0f}" if size.is_integer() else f"{size:.1f}"}
    if size >= 1:
        return _("a whole stage") if size < 1.25 else _("more than a whole stage")
    return _("half a stage")


def describe(gap: "Gap", lived_label: str, staff_label: str) -> str:
    if not gap.comparable:
        return _("There are not enough people on one side to compare without risking identifying anyone.")
    parts = []
    if gap.stage_gap is not None:
        if abs(gap.stage_gap) < 0.5:
            parts.append(
                _("%(staff)s and %(lived)s place this principle at about the same stage.")
                % {"staff": staff_label, "lived": lived_label}
            )
        elif gap.stage_gap > 0:
            parts.append(
                _("%(staff)s place this principle %(words)s higher than %(lived)s.")
                % {"staff": staff_label, "lived": lived_label, "words": _stage_words(gap.stage_gap)}
            )
        else:
            parts.append(
                _("%(lived)s place this principle %(words)s higher than %(staff)s.")
                % {"staff": staff_label, "lived": lived_label, "words": _stage_words(gap.stage_gap)}
            )
    if gap.green_gap is not None and gap.lived.green_share is not None and gap.staff.green_share is not None:
        parts.append(
            _("%(staff_share)s%% of %(staff)s say GREEN, against %(lived_share)s%% of %(lived)s.")
            % {
                "staff_share": round(gap.staff.green_share),
                "staff": staff_label,
                "lived_share": round(gap.lived.green_share),
                "lived": lived_label,
            }
        )
    return " ".join(part[0].upper() + part[1:] for part in parts) or _("Nobody on either side answered this part yet.")


def perception_gaps(round_: Round) -> list[Gap]:
    """One Gap per principle, largest first."""
    document = round_.framework_version.document
    positions = {stage["key"]: n for n, stage in enumerate(document["stages"])}
    threshold = threshold_of(round_)
    group_of = dict(round_.perspectives.values_list("pk", "group"))
    people = defaultdict(int)
    stages = defaultdict(lambda: defaultdict(int))
    rags = defaultdict(lambda: defaultdict(int))
    for cell in cells(round_):
        group = group_of.get(cell.perspective)
        if group not in (PerspectiveGroup.LIVED_EXPERIENCE, PerspectiveGroup.STAFF):
            continue
        people[cell.principle, group] += cell.n
        if cell.stage in positions:
            stages[cell.principle, group][positions[cell.stage]] += cell.n
        if cell.rag:
            rags[cell.principle, group][cell.rag] += cell.n

    def side(key, group) -> Side:
        rag_total = sum(rags[key, group].values())
        green = rags[key, group][Rag.GREEN] * 100 / rag_total if rag_total else None
        return Side(people[key, group], median_position(stages[key, group]), green)

    lived_label, staff_label = _("people with lived experience"), _("staff")
    gaps = []
    for principle in document["principles"]:
        key = principle["key"]
        lived, staff = side(key, PerspectiveGroup.LIVED_EXPERIENCE), side(key, PerspectiveGroup.STAFF)
        comparable = min(lived.people, staff.people) >= max(threshold, 1)
        stage_gap = staff.median - lived.median if comparable and None not in (staff.median, lived.median) else None
        green_gap = (
            staff.green_share - lived.green_share
            if comparable and None not in (staff.green_share, lived.green_share)
            else None
        )
        gap = Gap(principle, lived, staff, comparable, stage_gap, green_gap, "")
        if not comparable:
            gap.lived = Side(lived.people, None, None) if lived.people < threshold else lived
            gap.staff = Side(staff.people, None, None) if staff.people < threshold else staff
        gap.sentence = describe(gap, lived_label, staff_label)
        gaps.append(gap)
    return sorted(gaps, key=lambda gap: (not gap.comparable, -gap.size))
