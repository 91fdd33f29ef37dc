"""Keeping a round's running totals in step with its answers (what members see of anonymous rounds is a
released copy of them: see release.py).

Only answers from participants who have sent them in are counted. The reflections services call
`count_participant(participant, +1)` when someone sends their answers (or a paper form is typed in),
`-1` then `+1` around a change to an answer already sent, and `-1` when someone deletes their answers.
Each call touches only that one person's few rows, with an upsert that adds to the running total, so
it is safe when many people send at once. `rebuild(round)` recounts a whole round from its answers.
"""

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import F

from coreflect.frameworks.models import FrameworkVersion
from coreflect.frameworks.queries import skeleton

from . import release, store
from .models import Participant, Perspective, Response, Round, Tally, TickTally

Cells = Counter[tuple[Any, ...]]  # a running total's cell -> how many
Total = TypeVar("Total", Tally, TickTally)


def stage_sizes(version: FrameworkVersion) -> Counter[tuple[str, str]]:
    """(principle key, stage key) -> number of statements, for one framework version."""
    rows = skeleton(version)
    stage_keys = {stage.pk: key for key, stage in rows.stages.items()}
    return Counter(
        (principle_key, stage_keys[indicator.stage_id])
        for principle_key, indicators in rows.indicators.items()
        for indicator in indicators.values()
    )


def is_ahead(
    chosen: int | None, ticked_by_stage: dict[str, int], sizes: dict[str, int], positions: dict[str, int]
) -> bool:
    """Whether a chosen stage is above the highest stage at which at least half the statements were
    ticked (the lowest stage needs no ticks)."""
    if chosen is None:
        return False
    evidenced = [positions[stage] for stage, n in ticked_by_stage.items() if sizes.get(stage) and 2 * n >= sizes[stage]]
    return chosen > max(evidenced, default=0)


def contributions(
    version: FrameworkVersion, responses: Sequence[tuple[Any, ...]], ticks: Sequence[tuple[Any, ...]]
) -> tuple[Cells, Cells]:
    """Tally and tick counts for the given answers.

    `responses`: (response id, principle key, perspective id, stage key or None, rag);
    `ticks`: (response id, indicator key, indicator's stage key).
    """
    positions = {stage["key"]: n for n, stage in enumerate(version.document["stages"])}
    sizes = stage_sizes(version)
    ticked: defaultdict[int, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    tick_counts: Cells = Counter()
    perspective_of = {}
    for response_id, principle_key, perspective_id, _stage, _rag in responses:
        perspective_of[response_id] = (principle_key, perspective_id)
    for response_id, indicator_key, stage_key in ticks:
        ticked[response_id][stage_key] += 1
        tick_counts[indicator_key, perspective_of[response_id][1]] += 1
    tally: Cells = Counter()
    for response_id, principle_key, perspective_id, stage_key, rag in responses:
        principle_sizes = {stage: size for (principle, stage), size in sizes.items() if principle == principle_key}
        ahead = is_ahead(positions.get(stage_key), ticked[response_id], principle_sizes, positions)
        tally[principle_key, perspective_id, stage_key or "", rag or "", ahead] += 1
    return tally, tick_counts


def _answers_of(participant_ids: list[int]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    responses = list(
        Response.objects.filter(participant_id__in=participant_ids).values_list(
            "pk", "principle__key", "participant__perspective_id", "stage__key", "rag"
        )
    )
    ticks = list(
        Response.ticked.through.objects.filter(response__participant_id__in=participant_ids).values_list(
            "response_id", "indicator__key", "indicator__stage__key"
        )
    )
    return responses, ticks


@transaction.atomic
def count_participant(participant: Participant, sign: int) -> None:
    """Add (+1) or take away (-1) one participant's sent-in answers from their round's totals."""
    round_ = participant.round
    # The perspective's row first: it stays locked to the end of the transaction, so changes to one
    # perspective's totals (and their release, see release.py) happen one after another.
    Perspective.objects.filter(pk=participant.perspective_id).update(submitted_count=F("submitted_count") + sign)
    responses, ticks = _answers_of([participant.pk])
    tally, tick_counts = contributions(round_.framework_version, responses, ticks)
    store.add_to_totals(round_.pk, _times(tally, sign), _times(tick_counts, sign))


def _times(counts: Cells, sign: int) -> Cells:
    return Counter({cell: sign * n for cell, n in counts.items()})


@contextmanager
def recounted(participant: Participant) -> Iterator[None]:
    """Around a change to someone's answers: if they are counted (sent), take them out of the totals first,
    count them back in after, and count the change towards their perspective's next release."""
    if participant.submitted_at is None:
        yield
        return
    count_participant(participant, -1)
    yield
    count_participant(participant, +1)
    release.note_change(participant)


@transaction.atomic
def rebuild(round_: Round) -> None:
    """Recount a round's live totals from its answers (after bulk loading, or to check the running totals).
    What anonymous rounds show (`shown`, `released_count`) is left as it was released."""
    submitted = list(round_.participants.filter(submitted_at__isnull=False).values_list("pk", "perspective_id"))
    perspectives = list(round_.perspectives.all())
    for perspective in perspectives:
        perspective.submitted_count = sum(1 for _pk, p in submitted if p == perspective.pk)
    Perspective.objects.bulk_update(perspectives, ["submitted_count"])
    participant_ids = [pk for pk, _p in submitted]
    tally: Cells = Counter()
    tick_counts: Cells = Counter()
    for start in range(0, len(participant_ids), 500):
        responses, ticks = _answers_of(participant_ids[start : start + 500])
        more_tally, more_ticks = contributions(round_.framework_version, responses, ticks)
        tally.update(more_tally)
        tick_counts.update(more_ticks)
    _replace_counts(Tally, round_, tally, ("principle_key", "perspective_id", "stage_key", "rag", "ahead"))
    _replace_counts(TickTally, round_, tick_counts, ("indicator_key", "perspective_id"))


def _replace_counts(model: type[Total], round_: Round, counts: Cells, key_fields: tuple[str, ...]) -> None:
    existing = {tuple(getattr(row, name) for name in key_fields): row for row in model.objects.filter(round=round_)}
    for key, row in existing.items():
        row.n = counts.get(key, 0)
    model.objects.bulk_update(existing.values(), ["n"])
    model.objects.filter(round=round_, n=0, shown=0).delete()
    model.objects.bulk_create(
        model(round=round_, n=n, **dict(zip(key_fields, key, strict=True)))
        for key, n in counts.items()
        if key not in existing
    )
