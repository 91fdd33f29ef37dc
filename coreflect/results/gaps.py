"""Perception gaps: where people with lived experience and staff see the same principle differently.

For each principle, each side's median stage and share saying GREEN, the difference, a ranking by
the size of the gap, and a plain-English sentence. Sides come from each perspective's group, which a
facilitator can change per round; by default people who draw on care and support and family carers
are compared with frontline workers, managers and commissioners. A side with fewer people than the
round's threshold is not compared in an anonymous round, and neither is a side whose figures, beside the
others a reader can see, would give a smaller group away (see `reflections.anonymity`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from coreflect.reflections.disclosure import PROTECTING, SMALL_GROUP, Figures, Hidden
from coreflect.reflections.models import PerspectiveGroup, Rag, Round

from .queries import figures_of, median_position


@dataclass
class Side:
    people: int
    median: float | None
    green_share: float | None  # of those who gave a RAG score
    hidden: Hidden | None = None  # why this side is not shown, when it is not


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
    if not gap.comparable and any(side.hidden and not side.hidden.small for side in (gap.lived, gap.staff)):
        return _(
            "Not compared, so that a smaller group’s answers cannot be worked out from the two sides and the "
            "whole round. This often means a few people answered from perspectives on neither side: putting "
            "them on a side can help."
        )
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
            _("%(staff_share)s%% of %(staff)s say green, against %(lived_share)s%% of %(lived)s.")
            % {
                "staff_share": round(gap.staff.green_share),
                "staff": staff_label,
                "lived_share": round(gap.lived.green_share),
                "lived": lived_label,
            }
        )
    return " ".join(part[0].upper() + part[1:] for part in parts) or _("Nobody on either side answered this part yet.")


def _side(stages, rags, positions, threshold) -> Side:
    if stages is None:
        return Side(0, None, None, PROTECTING)
    if stages.total() < max(threshold, 1):
        return Side(stages.total(), None, None, SMALL_GROUP if stages.total() else None)
    rag_total = sum(n for rag, n in rags.items() if rag) if rags is not None else 0
    green = rags[Rag.GREEN] * 100 / rag_total if rag_total else None
    median = median_position({positions[k]: n for k, n in stages.items() if k in positions})
    return Side(stages.total(), median, green)


def perception_gaps(round_: Round, figures: Figures | None = None) -> list[Gap]:
    """One Gap per principle, largest first; none when the framework asks for no stage or score."""
    data = figures_of(round_, figures)
    document = round_.framework_version.document
    if not {"stage", "rag"} & set(round_.framework_version.prompt_kinds):
        return []
    positions = {stage["key"]: n for n, stage in enumerate(document["stages"])}
    lived_label, staff_label = _("people with lived experience"), _("staff")
    gaps = []
    for principle in document["principles"]:
        key = principle["key"]
        stages, rags = data.stages(key), data.rags(key)
        lived_group, staff_group = PerspectiveGroup.LIVED_EXPERIENCE, PerspectiveGroup.STAFF
        if not stages.protection.shown:
            lived = staff = Side(0, None, None, stages.why_hidden)
        else:
            lived = _side(stages.side(lived_group), rags.side(lived_group), positions, data.threshold)
            staff = _side(stages.side(staff_group), rags.side(staff_group), positions, data.threshold)
        comparable = not (lived.hidden or staff.hidden) and min(lived.people, staff.people) >= 1
        stage_gap = (
            staff.median - lived.median
            if comparable and staff.median is not None and lived.median is not None
            else None
        )
        green_gap = (
            staff.green_share - lived.green_share
            if comparable and staff.green_share is not None and lived.green_share is not None
            else None
        )
        gap = Gap(principle, lived, staff, comparable, stage_gap, green_gap, "")
        gap.sentence = describe(gap, lived_label, staff_label)
        gaps.append(gap)
    return sorted(gaps, key=lambda gap: (not gap.comparable, -gap.size))
