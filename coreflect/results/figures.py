"""Turning results into charts: the arguments `charts.py` needs, from the results data.

Every chart here is shown with a table of the same numbers beside it (see the results templates).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coreflect.frameworks.wording import text
from coreflect.reflections.disclosure import Hidden

from . import charts

RAG_SEGMENTS = [
    {"key": "red", "label": gettext_lazy("Red"), "colour": "red"},
    {"key": "amber", "label": gettext_lazy("Amber"), "colour": "orange"},
    {"key": "green", "label": gettext_lazy("Green"), "colour": "green"},
]


def stage_segments(stages: list) -> list[dict]:
    return [{"key": s["key"], "label": text(s["label"]), "colour": s["colour"]} for s in stages]


def overview_charts(data) -> dict:
    """One chart of stages and one of RED/AMBER/GREEN across every principle."""
    result = {}
    if "stage" in data.asks:
        rows = [
            {
                "label": text(s.principle["title"]),
                "counts": dict(s.stage_counts),
                "total": s.stage_answers if s.shown else None,
            }
            for s in data.principles
        ]
        result["stages"] = charts.stacked_bars(
            title=_("Which stage people think each principle is at"),
            description=_("Each bar is one principle; its parts show how many people chose each stage."),
            rows=rows,
            segments=stage_segments(data.stages),
        )
    if "rag" in data.asks:
        rows = [
            {
                "label": text(s.principle["title"]),
                "counts": dict(s.rag_counts),
                "total": s.rag_answers if s.rags_hidden is None else None,
            }
            for s in data.principles
        ]
        result["rag"] = charts.stacked_bars(
            title=_("Red, amber or green for each principle"),
            description=_("Each bar is one principle; its parts show how many people gave each score."),
            rows=rows,
            segments=RAG_SEGMENTS,
        )
    return result


def perspective_charts(round_, perspectives, breakdowns, stages) -> dict:
    """Per principle, a chart of each perspective's stage spread (hidden groups drawn as hidden)."""
    result = {}
    for breakdown in breakdowns:
        rows = []
        for perspective in perspectives:
            cells = breakdown.stage_cells[perspective.pk]
            if isinstance(cells, Hidden):
                note = None if cells.small else _("Hidden to protect a smaller group")
                rows.append({"label": perspective.label, "counts": {}, "total": None, "note": note})
            else:
                rows.append({"label": perspective.label, "counts": cells, "total": sum(cells.values())})
        result[breakdown.principle["key"]] = charts.stacked_bars(
            title=_("Stages chosen by each perspective: %(principle)s")
            % {"principle": text(breakdown.principle["title"])},
            description=_("Each bar is one perspective; its parts show how many people chose each stage."),
            rows=rows,
            segments=stage_segments(stages),
            threshold=round_.threshold if round_.anonymous else 0,
        )
    return result


def gaps_chart(gaps, stages):
    rows = [
        {"label": text(gap.principle["title"]), "left": gap.lived.median, "right": gap.staff.median} for gap in gaps
    ]
    return charts.gap_chart(
        title=_("Perception gaps: the typical stage chosen by each side"),
        description=_("For each principle, the median stage chosen by people with lived experience and by staff."),
        rows=rows,
        scale=[text(stage["label"]) for stage in stages],
        left_label=_("People with lived experience"),
        right_label=_("Staff"),
    )
