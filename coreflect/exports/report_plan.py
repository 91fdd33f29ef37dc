"""The report's sections about what came of the round: ideas, the actions chosen, movement since last round,
the contributions of people with lived experience, and how anonymity was kept (no queries here).
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from coreflect.dates import day
from coreflect.frameworks.wording import text
from coreflect.reflections.models import PerspectiveGroup

from .report_blocks import Paragraph, Row, Section, Table
from .report_sections import count_or_hidden


def ideas(section: Section, found, titles: dict) -> None:
    if not found:
        section.add(Paragraph(_("No ideas have been collected yet.")))
        return
    rows = []
    for idea, label in found:
        chosen = "; ".join(action.what for action in idea.actions.all()) or _("None yet")
        rows.append(
            Row(
                idea.text,
                [
                    text(titles.get(idea.principle.key)) or idea.principle.key,
                    label or _("Not shown"),
                    _("Yes") if idea.shortlisted else _("No"),
                    chosen,
                ],
            )
        )
    section.add(
        Table(
            _("Ideas, and the actions chosen from them"),
            [_("Idea"), _("Principle"), _("Perspective"), _("Shortlisted"), _("Actions chosen")],
            rows,
            numeric=False,
        )
    )


def status(action) -> str:
    return str(_("Overdue")) if action.is_overdue else action.get_status_display()


def action_plan(section: Section, plan) -> None:
    if not plan:
        section.add(Paragraph(_("No actions have been agreed for this round yet.")))
        return
    rows = [
        Row(
            action.what,
            [
                action.led_by or _("Not decided"),
                day(action.due_on) or "–",
                status(action),
                action.get_lens_display() or "–",
                action.how or "–",
            ],
        )
        for action in plan
    ]
    section.add(
        Table(
            ngettext("%(n)s action", "%(n)s actions", len(plan)) % {"n": len(plan)},
            [_("What"), _("Who"), _("When"), _("Status"), _("Lens"), _("How")],
            rows,
            numeric=False,
        )
    )


def movement(section: Section, round_, before, movements) -> None:
    words = {
        "up": _("Moved up"),
        "down": _("Moved down"),
        "same": _("No change"),
        "new": _("New this round"),
        "gone": _("No longer asked"),
        "unknown": _("Cannot compare"),
    }
    section.add(
        Paragraph(
            _("Compared with the round before, “%(title)s”.") % {"title": round_.previous_round.title},
        ),
        Table(
            _("The typical stage of each principle, last round and this round"),
            [_("Principle"), _("Last round"), _("This round"), _("Change")],
            [Row(m.title, [m.median_before or "–", m.median_after or "–", str(words[m.direction])]) for m in movements],
            numeric=False,
        ),
    )


def contributions(section: Section, report, data, found_ideas, plan) -> None:
    section.add(
        Paragraph(
            _(
                "Thank you to the people who draw on care and support, and to family carers, who gave their time "
                "and their experience to this round."
            )
        )
    )
    lived = [(p, count) for p, count in data.by_perspective if p.group == PerspectiveGroup.LIVED_EXPERIENCE]
    if lived:
        section.add(
            Table(
                _("People with lived experience who sent their answers"),
                [_("Perspective"), _("People")],
                [Row(p.label, [count_or_hidden(count, report.threshold)]) for p, count in lived],
            )
        )
    lived_labels = {p.label for p, _count in lived}
    ideas_from_them = sum(1 for _idea, label in found_ideas if label and label in lived_labels)
    if ideas_from_them:
        section.add(
            Paragraph(
                ngettext(
                    "%(n)s idea came from people with lived experience.",
                    "%(n)s ideas came from people with lived experience.",
                    ideas_from_them,
                )
                % {"n": ideas_from_them}
            )
        )
    given = [(action, c) for action in plan for c in action.contributions.all()]
    if given:
        # Names are shown only in named rounds, where people agreed to be seen.
        # With a context, so that the Django admin's Welsh for "Action" (a bulk action) is not used here.
        action_heading = pgettext("column heading: one action in the plan", "Action")
        head = (
            [action_heading, _("Role"), _("Hours")]
            if report.anonymous
            else [action_heading, _("Who"), _("Role"), _("Hours")]
        )
        rows = [
            Row(
                action.what,
                [c.role, f"{c.hours:.1f}"] if report.anonymous else [c.name, c.role, f"{c.hours:.1f}"],
            )
            for action, c in given
        ]
        section.add(Table(_("Time given to the action plan"), head, rows, numeric=False))


def anonymity(section: Section, report, data) -> None:
    if not report.anonymous:
        section.add(
            Paragraph(_("Answers in this round were named: people were told their name would be seen with them."))
        )
        return
    section.add(
        Paragraph(
            _(
                "Answers were anonymous: no names, email addresses or times finer than the day are in this report, "
                "and nothing anyone wrote is shown with their name."
            )
        ),
        Paragraph(
            _(
                "A group of fewer than %(n)s people is never shown on its own. Other groups are hidden too when the "
                "groups shown, taken away from the totals, would give a small group’s answers away."
            )
            % {"n": report.threshold}
        ),
        Paragraph(
            _(
                "Figures were updated only when at least %(n)s people with the same perspective had sent or changed "
                "their answers, and when the round closed, so that nobody could learn a colleague’s answers by "
                "watching the figures change."
            )
            % {"n": report.threshold}
        ),
    )
    if not data.release.complete:
        section.add(Paragraph(_("Some answers sent recently are not included yet, for the same reason.")))
