"""Each section of the round report, made from figures the results queries have already read (no queries here).

Hidden figures are written in the words the results pages use, so a reader of the PDF or the Word
document learns exactly what a reader of the pages does, and no more.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coreflect.dates import day
from coreflect.frameworks.wording import text
from coreflect.reflections.disclosure import Hidden
from coreflect.results.figures import RAG_SEGMENTS, stage_segments
from coreflect.results.templatetags.results import group_answer, group_replies, median_label

from .chosen import RECENT_COUNT
from .report_blocks import Chart, Heading, Items, Paragraph, Row, Section, Table, Words, count_and_share, hidden_count
from .report_blocks import hidden_part as hidden_part_words

RAG_KEYS = [segment["key"] for segment in RAG_SEGMENTS]


def rag_head() -> list[str]:
    """Red, Amber and Green as column headings, in the language of the request (not the one at import)."""
    return [str(segment["label"]) for segment in RAG_SEGMENTS]


def too_few(report) -> Paragraph:
    return Paragraph(
        _("Results appear when at least %(n)s people have sent their answers, so that nobody can be picked out.")
        % {"n": report.threshold},
        "inset",
    )


def count_or_hidden(value, threshold: int) -> str:
    return hidden_count(value, threshold) if isinstance(value, Hidden) else str(value)


def cover(section: Section, report, data) -> None:
    round_ = report.round
    details = [
        Row(_("Round"), [round_.title]),
        Row(_("Organisation"), [report.organisation]),
        Row(_("Framework"), [report.framework]),
        Row(_("Credit"), [report.credit]),
    ]
    for name, role in report.co_leads:
        details.append(Row(_("Co-lead"), [_("%(name)s, %(role)s") % {"name": name or _("A co-lead"), "role": role}]))
    if round_.opens_on:
        details.append(Row(_("Opened"), [day(round_.opens_on)]))
    if round_.closes_on:
        details.append(Row(_("Closes"), [day(round_.closes_on)]))
    if data.release.released_on and not data.release.live:
        details.append(Row(_("Figures last updated"), [day(data.release.released_on)]))
    details.append(Row(_("Report made"), [day(report.made_on)]))
    details.append(Row(_("Answers"), [_("Anonymous") if report.anonymous else _("Named")]))
    section.add(Table(_("Details of this round"), [_("Detail"), _("Value")], details, numeric=False))
    rows = [Row(p.label, [count_or_hidden(count, report.threshold)]) for p, count in data.by_perspective]
    rows.append(Row(_("Everyone"), [str(data.participants)]))
    section.add(Table(_("People who sent their answers, by perspective"), [_("Perspective"), _("People")], rows))


def summary(section: Section, report, data, found_gaps, views, plan) -> None:
    section.add(Heading(_("Where the group is"), 3))
    if not data.enough_people:
        section.add(too_few(report))
    else:
        section.add(
            Paragraph(
                ngettext(
                    "%(n)s person shared their view of each principle.",
                    "%(n)s people shared their view of each principle.",
                    data.participants,
                )
                % {"n": data.participants}
            )
        )
        lines = []
        for s in data.principles:
            if s.stages_hidden is None and s.median is not None:
                lines.append(
                    _("%(principle)s: typically %(stage)s.")
                    % {"principle": text(s.principle["title"]), "stage": median_label(s.median, data.stages)}
                )
        if lines:
            section.add(Items(lines))
        overview_charts(section, report, data)
    section.add(Heading(_("The biggest perception gaps"), 3))
    wide = [gap for gap in found_gaps if gap.comparable and gap.size >= 0.5][:3]
    if wide:
        section.add(Items([f"{text(gap.principle['title'])}: {gap.sentence}" for gap in wide]))
    else:
        section.add(Paragraph(_("No principle shows a gap of half a stage or more between the two sides.")))
    section.add(Heading(_("What was agreed"), 3))
    agreed = [
        f"{text(key_title)}: {group_answer(view)}"
        for key_title, found in _views_by_title(data, views)
        for view in found
    ]
    if agreed:
        section.add(Items(agreed))
    else:
        section.add(Paragraph(_("No group agreed a view in a workshop for this round.")))
    if plan:
        section.add(
            Paragraph(ngettext("%(n)s action was chosen.", "%(n)s actions were chosen.", len(plan)) % {"n": len(plan)})
        )


def _views_by_title(data, views):
    return [(s.principle["title"], views.get(s.principle["key"], [])) for s in data.principles]


def overview_charts(section: Section, report, data) -> None:
    """The overview page's two charts, each followed by its table."""
    if "stage" in data.asks:
        rows, chart_rows = [], []
        for s in data.principles:
            title = text(s.principle["title"])
            chart_rows.append(
                {"label": title, "counts": dict(s.stage_counts), "total": s.stage_answers if s.shown else None}
            )
            if s.stages_hidden:
                rows.append(Row(title, note=hidden_part_words(s.stages_hidden, report.threshold)))
            else:
                cells = [count_and_share(s.stage_counts.get(st["key"], 0), s.stage_answers) for st in data.stages]
                rows.append(Row(title, [*cells, str(median_label(s.median, data.stages))]))
        section.add(
            Chart(
                "stacked",
                _("Which stage people think each principle is at"),
                _("Each bar is one principle; its parts show how many people chose each stage."),
                chart_rows,
                segments=stage_segments(data.stages),
            ),
            Table(
                _("Stages chosen, per principle (number and share of people)"),
                [_("Principle"), *[text(st["label"]) for st in data.stages], _("Typical stage (median)")],
                rows,
            ),
        )
    if "rag" in data.asks:
        rows, chart_rows = [], []
        for s in data.principles:
            title = text(s.principle["title"])
            chart_rows.append(
                {
                    "label": title,
                    "counts": dict(s.rag_counts),
                    "total": s.rag_answers if s.rags_hidden is None else None,
                }
            )
            if s.rags_hidden:
                rows.append(Row(title, note=hidden_part_words(s.rags_hidden, report.threshold)))
            else:
                rows.append(Row(title, [count_and_share(s.rag_counts.get(k, 0), s.rag_answers) for k in RAG_KEYS]))
        section.add(
            Chart(
                "stacked",
                _("Red, amber or green for each principle"),
                _("Each bar is one principle; its parts show how many people gave each score."),
                chart_rows,
                segments=RAG_SEGMENTS,
            ),
            Table(_("Scores given, per principle (number and share of people)"), [_("Principle"), *rag_head()], rows),
        )


def principle(section: Section, report, data, s, perspectives, breakdown, gap, shares, views, evidence) -> None:
    title = text(s.principle["title"])
    threshold = report.threshold
    section.add(Heading(title, 3))
    if s.stages_hidden is None and "stage" in data.asks:
        section.add(
            Paragraph(
                _("Typical stage: %(stage)s (%(n)s people answered).")
                % {"stage": median_label(s.median, data.stages), "n": s.stage_answers}
            )
        )
    if "stage" in data.asks:
        rows, chart_rows = [], []
        for p in perspectives:
            cells = breakdown.stage_cells[p.pk]
            if isinstance(cells, Hidden):
                rows.append(Row(p.label, note=hidden_count(cells, threshold)))
                note = None if cells.small else _("Hidden to protect a smaller group")
                chart_rows.append({"label": p.label, "counts": {}, "total": None, "note": note})
            else:
                total = sum(cells.values())
                rows.append(Row(p.label, [count_and_share(cells[st["key"]], total) for st in data.stages]))
                chart_rows.append({"label": p.label, "counts": cells, "total": total})
        if s.stages_hidden:
            section.add(Paragraph(hidden_part_words(s.stages_hidden, threshold), "inset"))
        else:
            section.add(
                Chart(
                    "stacked",
                    _("Stages chosen by each perspective: %(principle)s") % {"principle": title},
                    _("Each bar is one perspective; its parts show how many people chose each stage."),
                    chart_rows,
                    segments=stage_segments(data.stages),
                    threshold=threshold,
                ),
                Table(
                    _("Stages chosen by each perspective: %(principle)s") % {"principle": title},
                    [_("Perspective"), *[text(st["label"]) for st in data.stages]],
                    rows,
                ),
            )
    if "rag" in data.asks:
        if s.rags_hidden:
            section.add(Paragraph(hidden_part_words(s.rags_hidden, threshold), "inset"))
        else:
            rows = []
            for p in perspectives:
                cells = breakdown.rag_cells[p.pk]
                if isinstance(cells, Hidden):
                    rows.append(Row(p.label, note=hidden_count(cells, threshold)))
                else:
                    total = sum(cells.values())
                    rows.append(Row(p.label, [count_and_share(cells[k], total) for k in RAG_KEYS]))
            rows.append(Row(_("Everyone"), [count_and_share(s.rag_counts.get(k, 0), s.rag_answers) for k in RAG_KEYS]))
            section.add(
                Table(
                    _("Red, amber or green by each perspective: %(principle)s") % {"principle": title},
                    [_("Perspective"), *rag_head()],
                    rows,
                )
            )
    if gap is not None:
        section.add(Heading(_("Perception gap"), 4), Paragraph(gap.sentence))
    answered = sorted((sh for sh in shares if sh.percent is not None), key=lambda sh: -sh.percent)
    if answered:
        most = answered[:3]
        least = list(reversed(answered[-3:])) if len(answered) > 3 else []
        for heading, found in ((_("Statements most recognised"), most), (_("Statements least recognised"), least)):
            if not found:
                continue
            section.add(
                Heading(heading, 4),
                Table(
                    heading,
                    [_("Statement"), _("People who ticked it")],
                    [Row(text(sh.indicator["text"]), [count_and_share(sh.ticked, sh.out_of)]) for sh in found],
                ),
            )
    if views:
        section.add(Heading(_("What groups agreed"), 4))
        for view in views:
            section.add(group_view(view))
    section.add(Heading(_("What people wrote"), 4))
    if not evidence.rows:
        section.add(Paragraph(_("Nobody has written anything here yet.")))
    elif evidence.chosen:
        section.add(Paragraph(_("Chosen by the facilitator"), "caption"))
    else:
        section.add(Paragraph(_("The %(n)s most recent") % {"n": RECENT_COUNT}, "caption"))
    for row in evidence.rows:
        section.add(written(row))


def group_view(view) -> Words:
    parts = [(_("The group’s view"), group_answer(view)), (_("Replies in the room"), group_replies(view))]
    if view.evidence:
        parts.append((_("The group’s evidence"), view.evidence))
    if view.dissent:
        parts.append((_("Where people disagreed, in the group’s words"), view.dissent))
    return Words(_("The group’s view (%(label)s)") % {"label": view.label}, parts)


def written(row: dict) -> Words:
    """One person's words, titled as the "What people wrote" page titles them."""
    title = (f"{row['name']} – " if row["name"] else "") + (
        row["perspective"] or _("Perspective not shown (small group)")
    )
    if row["stage"]:
        title += f" · {text(row['stage'])}"
    parts = [
        (label, row[key])
        for key, label in (("evidence", _("Evidence")), ("reflections", _("Reflections")), ("ideas", _("Ideas")))
        if row[key]
    ]
    return Words(title, parts)
