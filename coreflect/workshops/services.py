"""What happens in a workshop: start and finish it, join it, move through the principles, vote, count
hands, and agree the group's view with each person's reply.

Every change that the projector or a phone could show adds one to the workshop's `version` (`_changed`),
in the same transaction, so a poll compares one number. Votes become answers of the round through
coreflect.reflections.groups, which keeps the running totals.
"""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from coreflect.accounts.models import User
from coreflect.dates import day
from coreflect.frameworks.models import Indicator, Principle, Stage
from coreflect.reflections import groups
from coreflect.reflections.models import (
    Consensus,
    Participant,
    Perspective,
    Round,
    Stance,
    hash_token,
    new_token,
)
from coreflect.reflections.services import RoundNotOpen, moment

from .models import CODE_ALPHABET, Attendee, Counting, GroupView, HandCount, Reply, Step, Vote, Workshop, new_code


class WorkshopFinished(Exception):
    """The workshop has finished: nothing more can be added to it."""


class NotNow(Exception):
    """The workshop is not at the step this needs (for example, voting on another principle)."""


def _changed(workshop: Workshop) -> None:
    Workshop.objects.filter(pk=workshop.pk).update(version=F("version") + 1)
    workshop.version += 1


def _running(workshop: Workshop) -> None:
    if not workshop.is_running:
        raise WorkshopFinished


def _lock_running(pk: int) -> Workshop:
    """The workshop's row locked to the end of the transaction and read again, so that a change sent from a
    page opened before the workshop finished (in another tab, say) is refused rather than written, and two
    changes at once (two taps on the last dot) take turns."""
    workshop = Workshop.objects.select_for_update().get(pk=pk)
    _running(workshop)
    return workshop


# Starting, finishing and moving on ------------------------------------------------------------------


def start_workshop(round_: Round, *, started_by: User | None, counting: str = Counting.REPLACE) -> Workshop:
    """A new running workshop for an open round, with a join code no other running workshop has."""
    if not round_.is_accepting_answers:
        raise RoundNotOpen
    for _attempt in range(20):
        try:
            with transaction.atomic():
                return Workshop.objects.create(
                    round=round_, counting=counting, started_by=started_by, code=new_code(), started_at=moment(round_)
                )
        except IntegrityError:  # that code is in use by a running workshop: draw again
            continue
    raise RuntimeError("No free workshop code after 20 draws")


def finish_workshop(workshop: Workshop) -> Workshop:
    """The code stops working and nothing more can be added; the record stays."""
    if workshop.is_running:
        workshop.finished_at = timezone.now()
        workshop.step = Step.FINISHED
        workshop.save(update_fields=["finished_at", "step"])
        _changed(workshop)
    return workshop


@transaction.atomic
def go_to(workshop: Workshop, step: str, principle: Principle | None = None) -> Workshop:
    """Move the room on: to a principle's voting, its spread, agreeing its view, or the dots."""
    _lock_running(workshop.pk)
    if step in (Step.VOTING, Step.REVEALED, Step.AGREEING) and principle is None:
        raise NotNow
    workshop.step = step
    if principle is not None:
        workshop.principle = principle
    workshop.save(update_fields=["step", "principle"])
    _changed(workshop)
    return workshop


def normalised_code(typed: str) -> str:
    """What someone typed as a code, as codes are stored: capitals, no spaces or dashes."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def running_workshop(code: str) -> Workshop | None:
    code = normalised_code(code)
    if len(code) != len(new_code()) or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return Workshop.objects.filter(code=code, finished_at__isnull=True).select_related("round").first()


# Joining ------------------------------------------------------------------------------------------------


def join(workshop: Workshop, perspective: Perspective, *, own: Participant | None = None) -> tuple[Attendee, str]:
    """A phone joins. `own` is the participant this phone already answers as on its own (their cookie),
    if any: their workshop votes then replace, or sit beside, their own answers (see Counting). Everyone
    else gets a participant of the round made for the workshop. Returns the attendee and the token for
    their cookie (only its hash is kept)."""
    _running(workshop)
    if perspective.round_id != workshop.round_id or (own is not None and own.round_id != workshop.round_id):
        raise ValueError("That perspective or participant is not of this workshop's round")
    with transaction.atomic():
        participant = own if own is not None else groups.start_group_participant(workshop.round, perspective)
        token = new_token()
        attendee = Attendee.objects.create(
            workshop=workshop,
            token_hash=hash_token(token),
            perspective=participant.perspective,
            participant=participant,
            answered_alone=own is not None,
            joined_at=moment(workshop.round),
        )
        _changed(workshop)
    return attendee, token


def attendee_for(workshop: Workshop, token: str | None) -> Attendee | None:
    if not token:
        return None
    return (
        Attendee.objects.filter(workshop=workshop, token_hash=hash_token(token))
        .select_related("participant", "perspective")
        .first()
    )


# Voting -------------------------------------------------------------------------------------------------


@transaction.atomic
def vote(
    attendee: Attendee,
    principle: Principle,
    *,
    stage: Stage | None,
    rag: str,
    ticked: Iterable[Indicator] = (),
) -> Vote:
    """An attendee's vote on the principle the room is voting on; voting again changes it. The vote is the
    participant's answer in the round too, unless they answered this principle on their own and the
    workshop keeps their own answer (then it is shown beside it, in the workshop's record)."""
    workshop = _lock_running(attendee.workshop_id)
    if workshop.step != Step.VOTING or workshop.principle_id != principle.pk:
        raise NotNow
    ticked = list(ticked)
    participant = attendee.participant
    counted = participant is not None and not (
        attendee.answered_alone and workshop.counting == Counting.BESIDE and groups.has_answered(participant, principle)
    )
    found, _created = Vote.objects.update_or_create(
        attendee=attendee,
        principle=principle,
        defaults={
            "workshop": workshop,
            "stage": stage,
            "rag": rag,
            "counted": counted,
            "voted_at": moment(workshop.round),
        },
    )
    found.ticked.set(ticked)
    if counted and participant is not None:
        groups.record_group_vote(
            participant, principle, stage=stage, rag=rag, ticked=ticked, send=not attendee.answered_alone
        )
    _changed(workshop)
    return found


def count_hands(workshop: Workshop, principle: Principle, counts: dict[tuple[Stage | None, str], int]) -> None:
    """A show of hands for people without a phone: how many put their hand up for each stage (or score).
    Replaces the counts given before for this principle."""
    with transaction.atomic():
        _lock_running(workshop.pk)
        HandCount.objects.filter(workshop=workshop, principle=principle).delete()
        HandCount.objects.bulk_create(
            HandCount(workshop=workshop, principle=principle, stage=stage, rag=rag, count=n)
            for (stage, rag), n in counts.items()
            if n > 0
        )
        _changed(workshop)


# The group's view ---------------------------------------------------------------------------------------


def workshop_label(workshop: Workshop) -> str:
    return _("Workshop on %(day)s") % {"day": day(workshop.started_at)}


@transaction.atomic
def agree_view(
    workshop: Workshop,
    principle: Principle,
    *,
    stage: Stage | None,
    rag: str,
    evidence: str,
    recorded_by: User | None,
) -> GroupView:
    """Record (or change) the view the group settled on. A changed view is put to the room again: the
    replies given to the old one no longer stand."""
    _lock_running(workshop.pk)
    group_view = (
        GroupView.objects.filter(workshop=workshop, consensus__principle=principle).select_related("consensus").first()
    )
    consensus = groups.record_consensus(
        workshop.round,
        principle,
        label=workshop_label(workshop),
        stage=stage,
        rag=rag,
        evidence=evidence,
        recorded_by=recorded_by,
        consensus=group_view.consensus if group_view else None,
    )
    if group_view is None:
        group_view = GroupView.objects.create(workshop=workshop, consensus=consensus)
    else:
        group_view.replies.all().delete()
    _changed(workshop)
    return group_view


class ReasonNeeded(Exception):
    """An objection needs its reason."""


@transaction.atomic
def reply(attendee: Attendee, group_view: GroupView, stance: str, reason: str = "") -> Reply:
    """What one person says to the group's view; saying again changes it. Objecting needs a reason."""
    workshop = _lock_running(attendee.workshop_id)
    if group_view.workshop_id != workshop.pk:
        raise NotNow
    reason = reason.strip()
    if stance == Stance.OBJECT and not reason:
        raise ReasonNeeded
    if stance != Stance.OBJECT:
        reason = ""
    found, _created = Reply.objects.update_or_create(
        group_view=group_view,
        attendee=attendee,
        defaults={"stance": stance, "reason": reason, "replied_at": moment(workshop.round)},
    )
    _count_replies(group_view)
    _changed(workshop)
    return found


def record_dissent(group_view: GroupView, dissent: str) -> Consensus:
    """The dissent in the group's words, for example "people who draw on support placed this lower
    because…" – written by the facilitator from the objections."""
    consensus = groups.record_replies(
        group_view.consensus, group_view.replies.values_list("stance", flat=True), dissent=dissent.strip()
    )
    _changed(group_view.workshop)
    return consensus


def _count_replies(group_view: GroupView) -> None:
    groups.record_replies(group_view.consensus, group_view.replies.values_list("stance", flat=True))
