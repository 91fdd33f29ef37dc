"""Reading what people answered in a round, with small groups hidden in anonymous rounds.

Results are read from the round's running totals (`Tally`, kept by `tallies.py` as answers are sent),
so every page runs a fixed number of small queries whatever the number of participants: a round of
10,000 people has no more tally rows than a round of 100. Python only arranges those few counts.
Only answers from participants who sent them in are counted.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from coreflect.reflections.anonymity import suppress_small_counts, suppress_table
from coreflect.reflections.models import Rag, Round

RAGS = [Rag.RED, Rag.AMBER, Rag.GREEN]


@dataclass(frozen=True)
class Cell:
    principle: str
    perspective: int
    stage: str  # "" when no stage was chosen
    rag: str  # "" when no score was given
    ahead: bool
    n: int


def cells(round_: Round) -> list[Cell]:
    """Every non-empty running total of the round, in one query."""
    rows = round_.tallies.filter(n__gt=0).values_list(
        "principle_key", "perspective_id", "stage_key", "rag", "ahead", "n"
    )
    return [Cell(*row) for row in rows]


def threshold_of(round_: Round) -> int:
    return round_.threshold if round_.anonymous else 0


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
    principle: dict
    respondents: int = 0
    stage_counts: dict = field(default_factory=dict)
    rag_counts: dict = field(default_factory=dict)
    median: float | None = None
    ahead_of_evidence: int | None = None

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
    by_perspective: list  # (perspective, count or None)
    principles: list[PrincipleSummary]
    enough_people: bool
    stages: list
    asks: list


def overview(round_: Round, loaded: list[Cell] | None = None) -> Overview:
    version = round_.framework_version
    document = version.document
    perspectives = list(round_.perspectives.all())
    counts = {p.pk: p.submitted_count for p in perspectives}
    shown = suppress_small_counts(counts, threshold_of(round_))
    summaries = {p["key"]: PrincipleSummary(principle=p) for p in document["principles"]}
    positions = {stage["key"]: position for position, stage in enumerate(document["stages"])}
    asks_ahead = "stage" in version.prompt_kinds and "tick" in version.prompt_kinds
    for cell in cells(round_) if loaded is None else loaded:
        summary = summaries.get(cell.principle)
        if summary is None:
            continue
        summary.respondents += cell.n
        if cell.stage:
            summary.stage_counts[cell.stage] = summary.stage_counts.get(cell.stage, 0) + cell.n
        if cell.rag:
            summary.rag_counts[cell.rag] = summary.rag_counts.get(cell.rag, 0) + cell.n
        if asks_ahead:
            summary.ahead_of_evidence = (summary.ahead_of_evidence or 0) + (cell.n if cell.ahead else 0)
    for summary in summaries.values():
        summary.median = median_position({positions[k]: n for k, n in summary.stage_counts.items() if k in positions})
    participants = sum(counts.values())
    return Overview(
        round=round_,
        participants=participants,
        by_perspective=[(p, shown[p.pk]) for p in perspectives],
        principles=list(summaries.values()),
        enough_people=participants >= threshold_of(round_),
        stages=document["stages"],
        asks=version.prompt_kinds,
    )


@dataclass
class PerspectiveBreakdown:
    principle: dict
    stage_cells: dict  # perspective pk -> {stage key -> count or None}
    rag_cells: dict  # perspective pk -> {rag -> count or None}
    respondents: dict  # perspective pk -> count or None
    hidden: set
    respondents_all: dict  # perspective pk -> true count, for checks only – never shown


def by_perspective(round_: Round) -> tuple[list, list[PerspectiveBreakdown]]:
    """Per principle, each perspective's stage and RAG spread, small cells hidden both ways."""
    document = round_.framework_version.document
    perspectives = list(round_.perspectives.all())
    threshold = threshold_of(round_)
    stage = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    rag = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    people = defaultdict(lambda: defaultdict(int))
    for cell in cells(round_):
        people[cell.principle][cell.perspective] += cell.n
        if cell.stage:
            stage[cell.principle][cell.perspective][cell.stage] += cell.n
        if cell.rag:
            rag[cell.principle][cell.perspective][cell.rag] += cell.n
    breakdowns = []
    for principle in document["principles"]:
        key = principle["key"]
        respondents = suppress_small_counts({p.pk: people[key][p.pk] for p in perspectives}, threshold)
        hidden = {pk for pk, n in respondents.items() if n is None}
        stage_table = {p.pk: {s["key"]: stage[key][p.pk][s["key"]] for s in document["stages"]} for p in perspectives}
        rag_table = {p.pk: {value: rag[key][p.pk][value] for value in RAGS} for p in perspectives}
        stage_cells, _rows = suppress_table(stage_table, threshold, hidden)
        rag_cells, _rows = suppress_table(rag_table, threshold, hidden)
        breakdowns.append(
            PerspectiveBreakdown(
                principle, stage_cells, rag_cells, respondents, hidden, {p.pk: people[key][p.pk] for p in perspectives}
            )
        )
    return perspectives, breakdowns
