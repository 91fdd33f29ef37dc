"""Reading rounds: a round by its public link, a participant by their token, and live counts."""

from django.db.models import Count, Q

from .anonymity import suppress_small_counts
from .models import Participant, Round, hash_token


def round_for_link(code: str) -> Round | None:
    return Round.objects.select_related("organisation", "framework_version__framework").filter(link_code=code).first()


def participant_for(round_: Round, token: str | None) -> Participant | None:
    if not token:
        return None
    participant = (
        Participant.objects.select_related("perspective").filter(round=round_, token_hash=hash_token(token)).first()
    )
    if participant is not None:
        participant.round = round_  # already loaded: saves a query on every participant page
    return participant


def response_to(participant: Participant, principle_key: str):
    return (
        participant.responses.select_related("stage")
        .prefetch_related("ticked")
        .filter(principle__key=principle_key)
        .first()
    )


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
