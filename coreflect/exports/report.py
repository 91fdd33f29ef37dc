"""The round report: everything it shows, arranged once from the results queries, for the page, PDF and Word.

`build(round_, sections)` reads the round's figures through the results queries (and so through the
gatekeeper, `reflections.disclosure`), the views groups agreed (`reflections.groups`, through the results
queries) and the action plan (`actions.queries`), in a fixed number of queries whatever the number of
participants, and returns a `Report`: a list of sections made of the pieces in `report_blocks`. Anonymous
rounds show exactly what the results pages show: the same hidden cells, the same released totals, what
people wrote labelled only where those pages label it, and no names.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coreflect.actions import queries as action_queries
from coreflect.dates import day
from coreflect.frameworks.queries import credit_line
from coreflect.frameworks.wording import text
from coreflect.reflections.co_leads import co_leads_of
from coreflect.reflections.models import Round
from coreflect.results import comparison, gaps, indicators, queries

from . import chosen as chosen_words
from . import report_plan, report_sections
from .report_blocks import Section

SECTIONS = [
    ("cover", gettext_lazy("About this round")),
    ("summary", gettext_lazy("Summary")),
    ("principles", gettext_lazy("Principle by principle")),
    ("ideas", gettext_lazy("Ideas and the actions chosen")),
    ("plan", gettext_lazy("Action plan")),
    ("movement", gettext_lazy("Since last round")),
    ("contributions", gettext_lazy("Contributions of people with lived experience")),
    ("anonymity", gettext_lazy("How anonymity was kept")),
]
SECTION_KEYS = [key for key, _label in SECTIONS]
ACTION_PLAN_SECTIONS = ["cover", "plan", "contributions"]
EVIDENCE_COUNT = chosen_words.RECENT_COUNT  # the most recent things people wrote, per principle, unless chosen
STATEMENT_COUNT = 3  # statements most and least recognised, per principle


@dataclass
class Report:
    """A round's report as every format shows it."""

    round: Round
    title: str
    organisation: str
    framework: str
    credit: str
    made_on: date
    participants: int
    anonymous: bool
    threshold: int
    enough_people: bool
    chosen: list[str]  # the section keys chosen, in report order
    co_leads: list[tuple[str, str]] = field(default_factory=list)  # (name, role in their words)
    sections: list[Section] = field(default_factory=list)

    @property
    def subtitle(self) -> str:
        return _("%(organisation)s – report made on %(day)s") % {
            "organisation": self.organisation,
            "day": day(self.made_on),
        }


def offered(round_: Round) -> list[tuple[str, str]]:
    """The sections a facilitator may choose for this round ("Since last round" only when it follows one)."""
    return [(key, str(label)) for key, label in SECTIONS if key != "movement" or round_.previous_round_id is not None]


def chosen_sections(keys) -> list[str]:
    """The section keys asked for, in report order; every section when none (or none known) are asked for."""
    wanted = [key for key in SECTION_KEYS if key in set(keys or ())]
    return wanted or list(SECTION_KEYS)


def build(round_: Round, sections=None, *, title: str | None = None) -> Report:
    """The report of a round with the chosen sections (all of them by default)."""
    chosen = [key for key in chosen_sections(sections) if key != "movement" or round_.previous_round_id is not None]
    version = round_.framework_version
    if round_.previous_round_id is not None and "movement" in chosen:
        before, data, movements = comparison.compare(round_)
    else:
        before, data, movements = None, queries.overview(round_), []
    report = Report(
        round=round_,
        title=title or round_.title,
        organisation=round_.organisation.name,
        framework=text(version.document["title"]),
        credit=credit_line(version),
        made_on=timezone.localdate(),
        participants=data.participants,
        anonymous=round_.anonymous,
        threshold=data.figures.threshold,
        enough_people=data.enough_people,
        chosen=chosen,
        co_leads=[(co_lead.user.name, co_lead.role) for co_lead in co_leads_of(round_)] if "cover" in chosen else [],
    )
    labels = dict(SECTIONS)
    needs_figures = {"summary", "principles"} & set(chosen)
    found_gaps = gaps.perception_gaps(round_, data.figures) if needs_figures else []
    views = queries.group_views(round_)[round_.pk] if needs_figures else {}
    plan = (
        list(action_queries.plan(round_.organisation, action_queries.PlanFilter(round=round_.pk)))
        if {"ideas", "plan", "contributions"} & set(chosen)
        else []
    )
    ideas = action_queries.ideas_with_labels(round_) if {"ideas", "contributions"} & set(chosen) else []
    for key in chosen:
        section = Section(key, str(labels[key]))
        if key == "cover":
            report_sections.cover(section, report, data)
        elif key == "summary":
            report_sections.summary(section, report, data, found_gaps, views, plan)
        elif key == "principles":
            if data.enough_people:
                shares = indicators.indicator_shares(round_, data.figures)[1]
                perspectives, breakdowns = queries.by_perspective(round_, data.figures)
                picked = chosen_words.chosen_keys(round_)
                for number, summary in enumerate(data.principles):
                    key_ = summary.principle["key"]
                    report_sections.principle(
                        section,
                        report,
                        data,
                        summary,
                        perspectives,
                        breakdowns[number],
                        next((gap for gap in found_gaps if gap.principle["key"] == key_), None),
                        [share for share in shares if share.principle["key"] == key_],
                        views.get(key_, []),
                        chosen_words.evidence(round_, key_, picked.get(key_, []), data.figures),
                    )
            else:
                section.add(report_sections.too_few(report))
        elif key == "ideas":
            report_plan.ideas(section, ideas, {p["key"]: p["title"] for p in version.principles})
        elif key == "plan":
            report_plan.action_plan(section, plan)
        elif key == "movement":
            report_plan.movement(section, round_, before, movements)
        elif key == "contributions":
            report_plan.contributions(section, report, data, ideas, plan)
        elif key == "anonymity":
            report_plan.anonymity(section, report, data)
        report.sections.append(section)
    return report
