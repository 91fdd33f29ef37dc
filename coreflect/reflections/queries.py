"""Reading rounds: a round by its public link, a participant by their token, and live counts."""

from django.db import connection
from django.db.models import Count, Q

from coreflect import rows
from coreflect.frameworks.queries import kept_version
from coreflect.organisations.models import Organisation

from .anonymity import suppress_small_counts
from .models import Participant, Round, hash_token

# The journey's look-up is written in SQL: every participant page asks it first, and building it through
# the query API took several times longer than running it (bench/README.md, "Where the time went"). One
# query finds the round, its organisation's name and the visitor's participant, if their token belongs to
# the round; coreflect.rows turns the row back into models.
ROUND_AND_PARTICIPANT = f"""
    SELECT {rows.columns(Round, "r", "round__")}, o.name AS organisation_name,
        {rows.columns(Participant, "p", "participant__")}
    FROM reflections_round r
    JOIN organisations_organisation o ON o.id = r.organisation_id
    LEFT JOIN reflections_participant p ON p.round_id = r.id AND p.token_hash = %s
    WHERE r.link_code = %s
"""  # noqa: S608 - the column names come from the models; every value is a parameter


def round_and_participant(code: str, token: str | None) -> tuple[Round | None, Participant | None]:
    """The round behind a participant link, with its framework version and its organisation's name, and
    the participant whose private token this is (None without one, or for a token from another round)."""
    token_hash = hash_token(token) if token else ""  # no participant has an empty hash
    with connection.cursor() as cursor:
        cursor.execute(ROUND_AND_PARTICIPANT, [token_hash, code])
        row = rows.first_row(cursor)
    if row is None:
        return None, None
    round_ = rows.instance(Round, row, "round__", connection.alias)
    round_.framework_version = kept_version(round_.framework_version_id)
    # Only the name is read; anything else about the organisation loads if asked for, as with only().
    round_.organisation = Organisation.from_db(
        connection.alias, ["id", "name"], [round_.organisation_id, row["organisation_name"]]
    )
    participant = rows.instance(Participant, row, "participant__", connection.alias)
    if participant is not None:
        participant.round = round_
    return round_, participant


SAVED_ANSWER = """
    SELECT s.key, a.evidence, a.rag, a.reflections, a.ideas, i.key
    FROM reflections_response a
    LEFT JOIN frameworks_stage s ON s.id = a.stage_id
    LEFT JOIN reflections_response_ticked t ON t.response_id = a.id
    LEFT JOIN frameworks_indicator i ON i.id = t.indicator_id
    WHERE a.participant_id = %s AND a.principle_id = %s
"""


def saved_answer(participant: Participant, principle) -> dict:
    """What the participant last saved for one principle, as the answer form's initial data ({} when
    nothing yet). One query, in SQL like the look-ups above: the stage and the ticked statements come
    joined in, a row per tick."""
    with connection.cursor() as cursor:
        cursor.execute(SAVED_ANSWER, [participant.pk, principle.pk])
        rows = cursor.fetchall()
    answer = {}
    for stage, evidence, rag, reflections, ideas, ticked in rows:
        if not answer:
            answer = {"stage": stage or "", "ticked": [], "evidence": evidence, "rag": rag}
            answer |= {"reflections": reflections, "ideas": ideas}
        if ticked:
            answer["ticked"].append(ticked)
    return answer


def responses_by_principle(participant: Participant) -> dict:
    responses = participant.responses.select_related("principle", "stage").prefetch_related("ticked")
    return {response.principle.key: response for response in responses}


def live_counts(round_: Round) -> dict:
    """Started and submitted, overall and by perspective; small groups hidden in anonymous rounds."""
    rows = list(
        round_.perspectives.annotate(
            started=Count("participants"),
            submitted=Count("participants", filter=Q(participants__submitted_at__isnull=False)),
        ).order_by("position")
    )
    totals = round_.participants.aggregate(
        started=Count("id"), submitted=Count("id", filter=Q(submitted_at__isnull=False))
    )
    threshold = round_.threshold if round_.anonymous else 0
    started = suppress_small_counts({row.pk: row.started for row in rows}, threshold)
    submitted = suppress_small_counts({row.pk: row.submitted for row in rows}, threshold)
    return {
        "started": totals["started"],
        "submitted": totals["submitted"],
        "by_perspective": [
            {"perspective": row, "started": started[row.pk], "submitted": submitted[row.pk]} for row in rows
        ],
    }
