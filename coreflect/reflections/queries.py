"""Reading rounds: a round by its public link, and a participant by their token (counts of a round are read
through the gatekeeper, disclosure.py)."""

from typing import Any

from . import store
from .models import Participant, Response, Round, hash_token

# The participant journey's cookie: the private token, scoped to the round's link (/r/<link code>/).
PARTICIPANT_COOKIE = "coreflect_participant"


def round_and_participant(code: str, token: str | None) -> tuple[Round | None, Participant | None]:
    """The round behind a participant link, with its framework version and its organisation's name, and
    the participant whose private token this is (None without one, or for a token from another round)."""
    return store.round_and_participant(code, hash_token(token) if token else "")  # no participant has ""


def saved_answer(participant: Participant, principle_key: str) -> dict[str, Any]:
    """What the participant last saved for one principle, as the answer form's initial data ({} when
    nothing yet)."""
    return store.saved_answer(participant, principle_key)


def responses_by_principle(participant: Participant) -> dict[str, Response]:
    """The participant's answers keyed by principle key, with their stages and ticks."""
    responses = participant.responses.select_related("principle", "stage").prefetch_related("ticked")
    return {response.principle.key: response for response in responses}


def ticked_statements(principle: dict[str, Any], response: Response | None) -> list[dict[str, Any]]:
    """The framework's statements (from the version's document) a response ticked, in the framework's order;
    the response's ticks already read with `responses_by_principle`."""
    if response is None:
        return []
    keys = {indicator.key for indicator in response.ticked.all()}
    return [indicator for indicator in principle["indicators"] if indicator["key"] in keys]
