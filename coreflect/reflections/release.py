"""Releasing an anonymous round's results in batches, one perspective at a time.

The running totals (`Tally`, `TickTally`, `Perspective.submitted_count`) change the moment someone sends
their answers. What members see of an anonymous round is a copy of them (`shown`, `released_count`) taken
only when at least the round's threshold of people with one perspective have sent or changed their answers
since that perspective was last released, and for every perspective when the round closes. So the
difference between any two views of the results is the answers of at least `threshold` people of one
perspective (or more), never one person's: nobody learns a colleague's answer by watching the page when
they press Send. Named rounds show their running totals live and keep no copy.

Every change that counts runs inside the transaction that changed the totals, after the perspective's row
was locked by `tallies.count_participant`, so on PostgreSQL two releases of one perspective cannot
interleave and a copy always sees every total committed before it.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Participant, Perspective, Round, Tally, TickTally


def note_change(participant: Participant) -> None:
    """Someone's sent answers joined, changed or left the totals: count them once towards the next release
    of their perspective, and release it if enough people have changed since the last."""
    round_ = participant.round
    if not round_.anonymous:
        return
    if Participant.objects.filter(pk=participant.pk, awaiting_release=False).update(awaiting_release=True):
        Perspective.objects.filter(pk=participant.perspective_id).update(
            changes_since_release=F("changes_since_release") + 1
        )
    due = Perspective.objects.filter(pk=participant.perspective_id, changes_since_release__gte=round_.threshold)
    if due.exists():
        _release(round_, [participant.perspective_id])


@transaction.atomic
def release_round(round_: Round, *, closing: bool = False) -> None:
    """Release every perspective of the round now (when it closes, or turns anonymous)."""
    _release(round_, None)
    if closing:
        Round.objects.filter(pk=round_.pk).update(released_at_close=True)
        round_.released_at_close = True


def reopened(round_: Round) -> None:
    """The round takes answers again: the next close releases again."""
    Round.objects.filter(pk=round_.pk).update(released_at_close=False)
    round_.released_at_close = False


def release_if_closed(round_: Round) -> None:
    """A round that closed by its closing date had no moment to release at: release on first reading."""
    if round_.anonymous and not round_.released_at_close and round_.availability == "closed":
        release_round(round_, closing=True)


def _release(round_: Round, perspective_ids: list | None) -> None:
    perspectives = Perspective.objects.filter(round=round_)
    tallies, ticks = Tally.objects.filter(round=round_), TickTally.objects.filter(round=round_)
    waiting = Participant.objects.filter(round=round_, awaiting_release=True)
    if perspective_ids is not None:
        perspectives = perspectives.filter(pk__in=perspective_ids)
        tallies, ticks = (
            tallies.filter(perspective_id__in=perspective_ids),
            ticks.filter(perspective_id__in=perspective_ids),
        )
        waiting = waiting.filter(perspective_id__in=perspective_ids)
    tallies.update(shown=F("n"))
    ticks.update(shown=F("n"))
    perspectives.update(released_count=F("submitted_count"), changes_since_release=0)
    waiting.update(awaiting_release=False)
    today = timezone.localdate()
    Round.objects.filter(pk=round_.pk).update(released_on=today)
    round_.released_on = today
