"""Paper forms typed in by facilitators: store each one exactly once, list them, change or delete one.

Every paper form page carries a one-time key (`new_form_key`). Storing a response records the key in
`Participant.paper_key`, whose unique constraint decides when the same form arrives twice (back button,
double click, slow connection): the second post stores nothing, even when both arrive at once.
Changes and deletions go through the reflections services, so the round's running totals stay equal to
a full recount.
"""

import re
import secrets
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from coreflect.frameworks.queries import skeleton

from . import queries, services, tallies
from .models import Participant, Round

# What secrets.token_urlsafe(32) gives; anything else was not made by us and is replaced.
FORM_KEY = re.compile(r"[A-Za-z0-9_-]{43}")


class PaperResponseGone(Exception):
    """Someone else deleted (or moved to another perspective) the paper response meanwhile."""


def new_form_key() -> str:
    return secrets.token_urlsafe(32)


def form_key(posted: str | None) -> str:
    """The one-time key a posted form carried, or a new one when it carried none of ours."""
    return posted if posted and FORM_KEY.fullmatch(posted) else new_form_key()


def paper_responses(round_: Round):
    """The round's participants typed in from paper, in the order they were typed in."""
    return round_.participants.filter(entered_from_paper=True).order_by("created_at", "pk")


def stored_with_key(round_: Round, key: str) -> Participant | None:
    return paper_responses(round_).filter(paper_key=key).first()


def number_of(participant: Participant) -> int:
    """The paper response's place in the list (1 for the first typed in)."""
    earlier = Q(created_at__lt=participant.created_at) | Q(created_at=participant.created_at, pk__lte=participant.pk)
    return paper_responses(participant.round).filter(earlier).count()


@transaction.atomic
def enter_paper_response(
    round_: Round, perspective, *, name: str, entered_by, answers, key: str
) -> tuple[Participant, bool]:
    """A completed paper form, stored once: (its participant, whether it was stored just now).

    `answers` holds (principle row, Answer, asks_stage) for every principle; blank ones are left out.
    A form whose key was used before stores nothing and gives back the participant stored then.
    """
    found = stored_with_key(round_, key)
    if found is not None:
        return found, False
    try:
        with transaction.atomic():  # a savepoint: the same form posted at the same moment may take the key first
            participant, _token = services.start_participant(round_, perspective, name=name, entered_by=entered_by)
            participant.paper_key = key
            participant.save(update_fields=["paper_key"])
    except IntegrityError:
        found = stored_with_key(round_, key)
        if found is None:  # the key belongs to another round: never one we handed out for this form
            return enter_paper_response(
                round_, perspective, name=name, entered_by=entered_by, answers=answers, key=new_form_key()
            )
        return found, False
    participant.round = round_
    _save_answers(participant, answers)
    return services.submit(participant), True


@transaction.atomic
def change_paper_response(participant: Participant, perspective, *, name: str, answers, changed_by, key: str):
    """Replace a paper response's answers with what the form says now; parts left blank lose their answer,
    as if they had never been filled in. A new perspective moves the person: their answers leave one
    perspective's totals and join the other's. Gives back the participant as it now is."""
    round_ = participant.round
    current = _locked(participant)
    if current.perspective_id != perspective.pk:
        return _move(current, perspective, name=name, answers=answers, changed_by=changed_by, key=key)
    if current.entered_by_id is None:  # the account that typed it in has gone: it is still from paper
        current.entered_by = changed_by
        current.save(update_fields=["entered_by"])
    if not round_.anonymous and name != current.name:
        current.name = name
        current.save(update_fields=["name"])
    _remove_answers(current, [principle.pk for principle, answer, _asks in answers if answer == services.Answer()])
    _save_answers(current, answers)
    return current


@transaction.atomic
def delete_paper_response(participant: Participant) -> None:
    """Delete a paper response and take its answers out of the round's results."""
    services.delete_participant(_locked(participant))


@dataclass
class PaperRow:
    number: int
    participant: Participant
    parts: str  # which parts were answered, e.g. "1, 2 and 5"


def listing(round_: Round) -> list[PaperRow]:
    """Every paper response of the round with the parts it answered, in two queries whatever their number."""
    version = round_.framework_version
    shape = skeleton(version)
    part_of = {shape.principles[p["key"]].pk: n for n, p in enumerate(version.principles, start=1)}
    participants = list(paper_responses(round_).select_related("perspective", "entered_by"))
    answered = defaultdict(set)
    rows = round_.responses.filter(participant__entered_from_paper=True).values_list("participant_id", "principle_id")
    for participant_id, principle_id in rows:
        answered[participant_id].add(part_of.get(principle_id))
    return [
        PaperRow(number, participant, parts_text(answered[participant.pk]))
        for number, participant in enumerate(participants, start=1)
    ]


def parts_text(parts) -> str:
    numbers = sorted(part for part in parts if part is not None)
    return get_text_list([str(n) for n in numbers], _("and")) if numbers else _("None")


def parts_answered(participant: Participant) -> str:
    version = participant.round.framework_version
    shape = skeleton(version)
    part_of = {shape.principles[p["key"]].pk: n for n, p in enumerate(version.principles, start=1)}
    return parts_text(part_of.get(pk) for pk in participant.responses.values_list("principle_id", flat=True))


def saved_answers(participant: Participant) -> dict[str, dict]:
    """Each principle's saved answer as the paper form's initial data, keyed by principle key."""
    return {
        key: {
            "stage": response.stage.key if response.stage else "",
            "ticked": [indicator.key for indicator in response.ticked.all()],
            "evidence": response.evidence,
            "rag": response.rag,
            "reflections": response.reflections,
            "ideas": response.ideas,
        }
        for key, response in queries.responses_by_principle(participant).items()
    }


def _save_answers(participant: Participant, answers) -> None:
    for principle, answer, asks_stage in answers:
        if answer != services.Answer():
            services.save_answer(participant, principle, answer, asks_stage=asks_stage, finished=True)


def _remove_answers(participant: Participant, principle_ids: list[int]) -> None:
    """Take away the answers to parts now left blank, counting the person out of the totals and back in
    around it, as the services do for any change to answers already sent."""
    blanked = participant.responses.filter(principle_id__in=principle_ids)
    if not principle_ids or not blanked.exists():
        return
    with tallies.recounted(participant):
        blanked.delete()


def _move(participant: Participant, perspective, *, name, answers, changed_by, key) -> Participant:
    """A new perspective: the old response leaves its perspective's totals and the new one joins the other's,
    as two people would (each perspective's results count one change). It keeps its place in the list."""
    round_ = participant.round
    # Both perspectives' rows, locked in one order, so two moves in opposite directions cannot deadlock.
    both = round_.perspectives.select_for_update().filter(pk__in=[participant.perspective_id, perspective.pk])
    list(both.order_by("pk"))
    entered_by, created_at = participant.entered_by or changed_by, participant.created_at
    services.delete_participant(participant)
    moved, _stored = enter_paper_response(
        round_, perspective, name=name, entered_by=entered_by, answers=answers, key=key
    )
    paper_responses(round_).filter(pk=moved.pk).update(created_at=created_at)
    moved.created_at = created_at
    return moved


def _locked(participant: Participant) -> Participant:
    """The participant's row as it is now, locked until the end of the transaction."""
    current = paper_responses(participant.round).select_for_update().filter(pk=participant.pk).first()
    if current is None:
        raise PaperResponseGone
    current.round = participant.round
    return current
