"""Reading rounds: a round by its public link, and a participant by their token (counts of a round are read
through the gatekeeper, disclosure.py)."""

from django.db import connection

from coreflect import rows
from coreflect.frameworks.queries import kept_version, skeleton
from coreflect.organisations.models import Organisation

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
# A principle's saved answer, a row per tick. Its stage and statements are read as ids and named from the
# version's rows kept in memory: joining their tables too made PostgreSQL spend longer planning the query
# than running it.
SAVED_ANSWER = """
    SELECT a.stage_id, a.evidence, a.rag, a.reflections, a.ideas, t.indicator_id
    FROM reflections_response a LEFT JOIN reflections_response_ticked t ON t.response_id = a.id
    WHERE a.participant_id = %s AND a.principle_id = %s
"""


def round_and_participant(code: str, token: str | None) -> tuple[Round | None, Participant | None]:
    """The round behind a participant link, with its framework version and its organisation's name, and
    the participant whose private token this is (None without one, or for a token from another round)."""
    with connection.cursor() as cursor:
        cursor.execute(ROUND_AND_PARTICIPANT, [_hash(token), code])
        found = rows.first_row(cursor)
    return _round_and_participant(found)


def saved_answer(participant: Participant, principle_key: str) -> dict:
    """What the participant last saved for one principle, as the answer form's initial data ({} when
    nothing yet)."""
    shape = skeleton(participant.round.framework_version)
    with connection.cursor() as cursor:
        cursor.execute(SAVED_ANSWER, [participant.pk, shape.principles[principle_key].pk])
        found = cursor.fetchall()
    if not found:
        return {}
    stage_id, evidence, rag, reflections, ideas, _tick = found[0]
    stage_keys = {row.pk: key for key, row in shape.stages.items()}
    indicator_keys = {row.pk: key for key, row in shape.indicators[principle_key].items()}
    return {
        "stage": stage_keys.get(stage_id, ""),
        "ticked": [indicator_keys[tick] for *_columns, tick in found if tick is not None],
        "evidence": evidence,
        "rag": rag,
        "reflections": reflections,
        "ideas": ideas,
    }


def _hash(token: str | None) -> str:
    return hash_token(token) if token else ""  # no participant has an empty hash


def _round_and_participant(row: dict | None) -> tuple[Round | None, Participant | None]:
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


def responses_by_principle(participant: Participant) -> dict:
    responses = participant.responses.select_related("principle", "stage").prefetch_related("ticked")
    return {response.principle.key: response for response in responses}
