"""Counting what people answered in a round, in SQL, with small groups hidden in anonymous rounds.

Every function here runs a fixed number of queries whatever the number of participants: the database
counts (GROUP BY principle, perspective, stage…) and Python only arranges the few counts that come
back. Only answers from participants who sent them in are counted.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count

from coreflect.reflections.anonymity import suppress_small_counts, suppress_table
from coreflect.reflections.models import Rag, Response, Round

RAGS = [Rag.RED, Rag.AMBER, Rag.GREEN]


def _answers(round_: Round):
    return Response.objects.filter(participant__round=round_, participant__submitted_at__isnull=False)


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


def participant_counts(round_: Round) -> dict:
    rows = round_.perspectives.annotate(n=Count("participants", filter=_submitted_q())).values_list("pk", "n")
    return dict(rows)


def _submitted_q():
    from django.db.models import Q

    return Q(participants__submitted_at__isnull=False)


def overview(round_: Round) -> Overview:
    version = round_.framework_version
    document = version.document
    perspectives = list(round_.perspectives.all())
    counts = participant_counts(round_)
    participants = sum(counts.values())
    shown = suppress_small_counts(counts, threshold_of(round_))
    summaries = {p["key"]: PrincipleSummary(principle=p) for p in document["principles"]}
    positions = {stage["key"]: position for position, stage in enumerate(document["stages"])}
    answers = _answers(round_)
    for key, n in answers.values_list("principle__key").annotate(n=Count("id")):
        summaries[key].respondents = n
    for key, stage, n in (
        answers.filter(stage__isnull=False).values_list("principle__key", "stage__key").annotate(n=Count("id"))
    ):
        summaries[key].stage_counts[stage] = n
    for key, rag, n in answers.exclude(rag="").values_list("principle__key", "rag").annotate(n=Count("id")):
        summaries[key].rag_counts[rag] = n
    for summary in summaries.values():
        summary.median = median_position({positions[k]: n for k, n in summary.stage_counts.items()})
    if "stage" in version.prompt_kinds and "tick" in version.prompt_kinds:
        for key, ahead in ahead_of_evidence(round_).items():
            summaries[key].ahead_of_evidence = ahead
    return Overview(
        round=round_,
        participants=participants,
        by_perspective=[(p, shown[p.pk]) for p in perspectives],
        principles=list(summaries.values()),
        enough_people=participants >= threshold_of(round_),
        stages=document["stages"],
        asks=version.prompt_kinds,
    )


AHEAD_SQL = """
WITH answers AS (
    SELECT r.id, r.principle_id, s.position AS chosen
    FROM reflections_response r
    JOIN reflections_participant p ON p.id = r.participant_id
    JOIN frameworks_stage s ON s.id = r.stage_id
    WHERE p.round_id = %s AND p.submitted_at IS NOT NULL
),
stage_sizes AS (
    SELECT principle_id, stage_id, COUNT(*) AS size
    FROM frameworks_indicator WHERE version_id = %s
    GROUP BY principle_id, stage_id
),
ticked AS (
    SELECT a.id AS answer_id, a.principle_id, i.stage_id, COUNT(*) AS n
    FROM answers a
    JOIN reflections_response_ticked t ON t.response_id = a.id
    JOIN frameworks_indicator i ON i.id = t.indicator_id
    GROUP BY a.id, a.principle_id, i.stage_id
),
evidenced AS (
    SELECT k.answer_id, MAX(s.position) AS level
    FROM ticked k
    JOIN stage_sizes z ON z.principle_id = k.principle_id AND z.stage_id = k.stage_id
    JOIN frameworks_stage s ON s.id = k.stage_id
    WHERE 2 * k.n >= z.size
    GROUP BY k.answer_id
)
SELECT pr.key, SUM(CASE WHEN a.chosen > COALESCE(e.level, 0) THEN 1 ELSE 0 END)
FROM answers a
JOIN frameworks_principle pr ON pr.id = a.principle_id
LEFT JOIN evidenced e ON e.answer_id = a.id
GROUP BY pr.key
"""


def ahead_of_evidence(round_: Round) -> dict[str, int]:
    """Per principle, how many people chose a stage above the highest stage at which they ticked at
    least half of the statements. Counted in one query; never tied to anyone."""
    with connection.cursor() as cursor:
        cursor.execute(AHEAD_SQL, [round_.pk, round_.framework_version_id])
        return {key: int(count or 0) for key, count in cursor.fetchall()}


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
    answers = _answers(round_)
    stage = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    rag = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    people = defaultdict(lambda: defaultdict(int))
    for key, perspective, n in answers.values_list("principle__key", "participant__perspective_id").annotate(
        n=Count("id")
    ):
        people[key][perspective] = n
    for key, perspective, stage_key, n in (
        answers.filter(stage__isnull=False)
        .values_list("principle__key", "participant__perspective_id", "stage__key")
        .annotate(n=Count("id"))
    ):
        stage[key][perspective][stage_key] = n
    for key, perspective, value, n in (
        answers.exclude(rag="")
        .values_list("principle__key", "participant__perspective_id", "rag")
        .annotate(n=Count("id"))
    ):
        rag[key][perspective][value] = n
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
