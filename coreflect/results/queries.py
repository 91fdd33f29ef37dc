"""Results arranged for the pages: overview and by perspective, from what the gatekeeper allows, and the
views groups agreed in workshops, shown beside them.

Every figure comes from `reflections.disclosure` (released totals, small groups hidden together), which
reads the round's running totals in a fixed number of small queries whatever the number of participants.
Python only arranges those few counts. A group's view (a workshop's consensus) is not anyone's answer: it
is what the group agreed in the open, read through `reflections.groups` in one query.
"""

from dataclasses import dataclass, field
from typing import Any

from coreflect.language import lens
from coreflect.reflections import disclosure, groups
from coreflect.reflections.disclosure import RAGS, Figures, Hidden
from coreflect.reflections.models import Consensus, Perspective, Rag, Round


def figures_of(round_: Round, figures: Figures | None = None) -> Figures:
    return figures if figures is not None else disclosure.figures(round_)


def median_position(counts_by_position: dict[int, int]) -> float | None:
    """The median of a histogram of stage positions (the mean of the two middle ones when even)."""
    values = sorted(counts_by_position.items())
    total = sum(count for _position, count in values)
    if total == 0:
        return None
    middle = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for position, count in values:
        for index in middle:
            if seen <= index < seen + count:
                found.append(position)
        seen += count
    return sum(found) / len(found)


@dataclass
class PrincipleSummary:
    principle: dict[str, Any]
    respondents: int = 0
    stage_counts: dict[str, int] = field(default_factory=dict)
    rag_counts: dict[str, int] = field(default_factory=dict)
    median: float | None = None
    ahead_of_evidence: int | None = None
    stages_hidden: Hidden | None = None  # why the stages chosen are not shown, when they are not
    rags_hidden: Hidden | None = None  # likewise RED/AMBER/GREEN

    @property
    def shown(self) -> bool:
        return self.stages_hidden is None

    @property
    def stage_answers(self) -> int:
        return sum(self.stage_counts.values())

    @property
    def rag_answers(self) -> int:
        return sum(self.rag_counts.values())


@dataclass
class Overview:
    round: Round
    participants: int
    by_perspective: list[tuple[Perspective, int | Hidden]]  # (perspective, count or why it is hidden)
    principles: list[PrincipleSummary]
    enough_people: bool
    stages: list[dict[str, Any]]
    asks: list[str]
    release: disclosure.Release
    figures: Figures


def overview(round_: Round, figures: Figures | None = None) -> Overview:
    data = figures_of(round_, figures)
    version = round_.framework_version
    document = version.document
    positions = {stage["key"]: position for position, stage in enumerate(document["stages"])}
    summaries = []
    for principle in document["principles"]:
        key = principle["key"]
        stage_table, rag_table = data.stages(key), data.rags(key)
        stages, rags = stage_table.whole(), rag_table.whole()
        summary = PrincipleSummary(principle, stages_hidden=stage_table.why_hidden, rags_hidden=rag_table.why_hidden)
        if stages is not None:
            summary.respondents = stages.total()
            summary.stage_counts = {k: n for k, n in stages.items() if k and n}
            summary.median = median_position(
                {positions[k]: n for k, n in summary.stage_counts.items() if k in positions}
            )
            if "stage" in version.prompt_kinds and "tick" in version.prompt_kinds:
                summary.ahead_of_evidence = data.ahead(key)
        if rags is not None:
            summary.rag_counts = {k: n for k, n in rags.items() if k and n}
        summaries.append(summary)
    return Overview(
        round=round_,
        participants=data.participants,
        by_perspective=[(p, data.sent_shown[p.pk]) for p in data.perspectives],
        principles=summaries,
        enough_people=data.enough_people,
        stages=document["stages"],
        asks=version.prompt_kinds,
        release=data.release,
        figures=data,
    )


@dataclass
class PerspectiveBreakdown:
    principle: dict[str, Any]
    stage_cells: dict[int, dict[str, int] | Hidden]  # perspective pk -> {stage key -> count}, or Hidden
    rag_cells: dict[int, dict[Rag, int] | Hidden]  # perspective pk -> {rag -> count}, or Hidden
    respondents: dict[int, int | Hidden]  # perspective pk -> count, or Hidden


def by_perspective(
    round_: Round, figures: Figures | None = None
) -> tuple[list[Perspective], list[PerspectiveBreakdown]]:
    """Per principle, each perspective's stage and RAG spread, with small groups hidden together."""
    data = figures_of(round_, figures)
    document = round_.framework_version.document
    breakdowns = []
    for principle in document["principles"]:
        key = principle["key"]
        stages, rags, labels = data.stages(key), data.rags(key), data.labels(key)
        stage_cells: dict[int, dict[str, int] | Hidden] = {}
        rag_cells: dict[int, dict[Rag, int] | Hidden] = {}
        respondents: dict[int, int | Hidden] = {}
        for p in data.perspectives:
            row = stages.row(p.pk)
            stage_cells[p.pk] = (
                row if isinstance(row, Hidden) else {s["key"]: row[s["key"]] for s in document["stages"]}
            )
            row = rags.row(p.pk)
            rag_cells[p.pk] = row if isinstance(row, Hidden) else {value: row[value] for value in RAGS}
            respondents[p.pk] = labels.people(p.pk)
        breakdowns.append(PerspectiveBreakdown(principle, stage_cells, rag_cells, respondents))
    return data.perspectives, breakdowns


@dataclass(frozen=True)
class GroupView:
    """A view a group agreed for one principle in a workshop, as the results pages say it."""

    label: str  # which session agreed it, for example "Workshop on 1 December 2026"
    stage_number: int | None  # 1 for the lowest stage; None when the view has no stage
    stage: Any  # the stage's name (a framework text field), or None
    rag: str  # "red", "amber", "green" or ""
    evidence: str
    dissent: str  # in the group's own words
    agreed: int
    live_with: int
    objected: int

    @property
    def replies(self) -> int:
        return self.agreed + self.live_with + self.objected


def group_views(*rounds: Round) -> dict[int, dict[str, list[GroupView]]]:
    """round pk -> principle key -> the views groups agreed for it, oldest first (one query for them all)."""
    agreed = groups.consensuses(*rounds)
    found: dict[int, dict[str, list[GroupView]]] = {}
    for round_ in rounds:
        stages = {stage["key"]: (n, stage) for n, stage in enumerate(round_.framework_version.document["stages"], 1)}
        found[round_.pk] = {
            key: [_group_view(consensus, stages) for consensus in consensuses]
            for key, consensuses in agreed[round_.pk].items()
        }
    return found


def _group_view(consensus: Consensus, stages: dict[str, tuple[int, dict[str, Any]]]) -> GroupView:
    number, stage = stages.get(consensus.stage.key, (None, None)) if consensus.stage else (None, None)
    return GroupView(
        label=consensus.label,
        stage_number=number,
        stage=stage["label"] if stage else None,
        rag=consensus.rag,
        evidence=consensus.evidence,
        dissent=consensus.dissent,
        agreed=consensus.agree_count,
        live_with=consensus.live_with_count,
        objected=consensus.object_count,
    )


@dataclass(frozen=True)
class WordsRow:
    """One phrase on "the words people used": its words (in the page's language where the list has them),
    what to say instead (deficit phrases only), and how often it was used, by everyone and by perspective."""

    words: str
    lang: str  # "en" when English words stand on a Welsh page, else ""
    instead: tuple[str, ...]
    everyone: int
    cells: list[tuple[Perspective, int | Hidden]]  # in the perspectives' order


@dataclass(frozen=True)
class WordsUsed:
    phrases: list[WordsRow]  # deficit phrases, most used first
    assets: list[WordsRow]  # asset-based phrases, most used first
    totals: list[tuple[Perspective, int | Hidden, int | Hidden]]  # (perspective, deficit phrases, asset-based)
    everyone: tuple[int, int]  # (deficit phrases, asset-based phrases) in everyone's words


def words_used(figures: Figures) -> WordsUsed:
    """ "The words people used" as the page shows it, from the gatekeeper: each phrase, and each perspective's
    totals (hidden where its figures are)."""
    found = disclosure.words_used(figures)
    welsh = lens.request_language() == "cy"
    perspectives = figures.perspectives
    phrases = [
        WordsRow(
            lens.first_words(entry),
            "en" if welsh and not entry.words_cy else "",
            lens.suggestions(entry),
            everyone,
            [(p, cells[p.pk]) for p in perspectives],
        )
        for entry, everyone, cells in found.phrases
    ]
    assets = [
        WordsRow(words, "", (), everyone, [(p, cells[p.pk]) for p in perspectives])
        for _key, words, everyone, cells in found.assets
    ]

    def total(rows: list[WordsRow], index: int) -> int:
        return sum(n for row in rows if isinstance(n := row.cells[index][1], int))

    totals = [
        (p, *((found.hidden[p.pk],) * 2 if p.pk in found.hidden else (total(phrases, n), total(assets, n))))
        for n, p in enumerate(perspectives)
    ]
    everyone = (sum(row.everyone for row in phrases), sum(row.everyone for row in assets))
    return WordsUsed(phrases, assets, totals, everyone)
