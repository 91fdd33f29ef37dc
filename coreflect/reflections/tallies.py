"""Keeping a round's running totals in step with its answers (what members see of anonymous rounds is a
released copy of them: see release.py).

Only answers from participants who have sent them in are counted. The reflections services call
`count_participant(participant, +1)` when someone sends their answers (or a paper form is typed in),
`-1` then `+1` around a change to an answer already sent, and `-1` when someone deletes their answers.
Each call touches only that one person's few rows, with an upsert that adds to the running total, so
it is safe when many people send at once. `rebuild(round)` recounts a whole round from its answers.
"""

from collections import Counter, defaultdict
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import F

from coreflect.frameworks.queries import skeleton

from . import release
from .models import Perspective, Response, Tally, TickTally

# Table names come from the models, so renaming a table cannot leave this SQL behind.
TALLY_UPSERT = f"""
INSERT INTO {Tally._meta.db_table} (round_id, principle_key, perspective_id, stage_key, rag, ahead, n, shown)
VALUES (%s, %s, %s, %s, %s, %s, %s, 0)
ON CONFLICT (round_id, principle_key, perspective_id, stage_key, rag, ahead)
DO UPDATE SET n = {Tally._meta.db_table}.n + excluded.n
"""  # noqa: S608 - the table name comes from the model; every value is a parameter
TICK_UPSERT = f"""
INSERT INTO {TickTally._meta.db_table} (round_id, indicator_key, perspective_id, n, shown)
VALUES (%s, %s, %s, %s, 0)
ON CONFLICT (round_id, indicator_key, perspective_id)
DO UPDATE SET n = {TickTally._meta.db_table}.n + excluded.n
"""  # noqa: S608 - the table name comes from the model; every value is a parameter


def stage_sizes(version) -> dict:
    """(principle key, stage key) -> number of statements, for one framework version."""
    rows = skeleton(version)
    stage_keys = {stage.pk: key for key, stage in rows.stages.items()}
    return Counter(
        (principle_key, stage_keys[indicator.stage_id])
        for principle_key, indicators in rows.indicators.items()
        for indicator in indicators.values()
    )


def is_ahead(chosen: int | None, ticked_by_stage: dict, sizes: dict, positions: dict) -> bool:
    """Whether a chosen stage is above the highest stage at which at least half the statements were
    ticked (the lowest stage needs no ticks)."""
    if chosen is None:
        return False
    evidenced = [positions[stage] for stage, n in ticked_by_stage.items() if sizes.get(stage) and 2 * n >= sizes[stage]]
    return chosen > max(evidenced, default=0)


def contributions(version, responses, ticks):
    """Tally and tick counts for the given answers.

    `responses`: (response id, principle key, perspective id, stage key or None, rag);
    `ticks`: (response id, indicator key, indicator's stage key).
    """
    positions = {stage["key"]: n for n, stage in enumerate(version.document["stages"])}
    sizes = stage_sizes(version)
    ticked = defaultdict(lambda: defaultdict(int))
    tick_counts = Counter()
    perspective_of = {}
    for response_id, principle_key, perspective_id, _stage, _rag in responses:
        perspective_of[response_id] = (principle_key, perspective_id)
    for response_id, indicator_key, stage_key in ticks:
        ticked[response_id][stage_key] += 1
        tick_counts[indicator_key, perspective_of[response_id][1]] += 1
    tally = Counter()
    for response_id, principle_key, perspective_id, stage_key, rag in responses:
        principle_sizes = {stage: size for (principle, stage), size in sizes.items() if principle == principle_key}
        ahead = is_ahead(positions.get(stage_key), ticked[response_id], principle_sizes, positions)
        tally[principle_key, perspective_id, stage_key or "", rag or "", ahead] += 1
    return tally, tick_counts


def _answers_of(participant_ids):
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


def _apply(round_id: int, tally: Counter, tick_counts: Counter, sign: int) -> None:
    with connection.cursor() as cursor:
        if tally:
            cursor.executemany(
                TALLY_UPSERT, [(round_id, p, persp, s, r, a, sign * n) for (p, persp, s, r, a), n in tally.items()]
            )
        if tick_counts:
            cursor.executemany(TICK_UPSERT, [(round_id, i, persp, sign * n) for (i, persp), n in tick_counts.items()])


@transaction.atomic
def count_participant(participant, sign: int) -> None:
    """Add (+1) or take away (-1) one participant's sent-in answers from their round's totals."""
    round_ = participant.round
    # The perspective's row first: it stays locked to the end of the transaction, so changes to one
    # perspective's totals (and their release, see release.py) happen one after another.
    Perspective.objects.filter(pk=participant.perspective_id).update(submitted_count=F("submitted_count") + sign)
    responses, ticks = _answers_of([participant.pk])
    tally, tick_counts = contributions(round_.framework_version, responses, ticks)
    _apply(round_.pk, tally, tick_counts, sign)


@contextmanager
def recounted(participant):
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
def rebuild(round_) -> None:
    """Recount a round's live totals from its answers (after bulk loading, or to check the running totals).
    What anonymous rounds show (`shown`, `released_count`) is left as it was released."""
    submitted = list(round_.participants.filter(submitted_at__isnull=False).values_list("pk", "perspective_id"))
    perspectives = list(round_.perspectives.all())
    for perspective in perspectives:
        perspective.submitted_count = sum(1 for _pk, p in submitted if p == perspective.pk)
    Perspective.objects.bulk_update(perspectives, ["submitted_count"])
    participant_ids = [pk for pk, _p in submitted]
    tally, tick_counts = Counter(), Counter()
    for start in range(0, len(participant_ids), 500):
        responses, ticks = _answers_of(participant_ids[start : start + 500])
        more_tally, more_ticks = contributions(round_.framework_version, responses, ticks)
        tally.update(more_tally)
        tick_counts.update(more_ticks)
    _replace_counts(Tally, round_, tally, ("principle_key", "perspective_id", "stage_key", "rag", "ahead"))
    _replace_counts(TickTally, round_, tick_counts, ("indicator_key", "perspective_id"))


def _replace_counts(model, round_, counts: Counter, key_fields: tuple) -> None:
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
