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
interleave and a copy always sees every total committed before it. A release touches only perspectives and
totals (in that order), never participants: a person's change is marked with the perspective's current
`batch`, which a release moves on, so it never waits for a row someone else is changing.

When a round closes, its results are out: `signals.results_released` is sent once the change is committed, for
the apps above this one that tell people (coreflect.actions.follow_up), which this app cannot import.
"""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import Participant, Perspective, Round, Tally, TickTally
from .signals import results_released


def note_change(participant: Participant) -> None:
    """Someone's sent answers joined, changed or left the totals: count them once towards the next release
    of their perspective, and release it if enough people have changed since the last."""
    round_ = participant.round
    if not round_.anonymous:
        return
    perspectives = Perspective.objects.filter(pk=participant.perspective_id)
    batch = perspectives.values_list("batch", flat=True).get()  # locked: count_participant updated it
    if Participant.objects.filter(pk=participant.pk).exclude(changed_in_batch=batch).update(changed_in_batch=batch):
        perspectives.update(changes_since_release=F("changes_since_release") + 1)
    if perspectives.filter(changes_since_release__gte=round_.threshold).exists():
        _release(round_, [participant.perspective_id])


@transaction.atomic
def release_round(round_: Round, *, closing: bool = False) -> None:
    """Release every perspective of the round now (when it closes, or turns anonymous)."""
    today = timezone.localdate()
    Round.objects.filter(pk=round_.pk).update(released_on=today, released_at_close=closing)
    round_.released_on, round_.released_at_close = today, closing
    _release(round_, None)
    if closing:
        transaction.on_commit(lambda: results_released.send(sender=Round, round=round_))


def reopened(round_: Round) -> None:
    """The round takes answers again: the next close releases again."""
    Round.objects.filter(pk=round_.pk).update(released_at_close=False)
    round_.released_at_close = False


def release_if_closed(round_: Round) -> None:
    """A round that closed by its closing date had no moment to release at: release on first reading
    (once, whoever reads first). Every results page asks, so the usual answer costs no query and opens no
    transaction (on SQLite a transaction takes the write lock)."""
    if not (round_.anonymous and not round_.released_at_close and round_.availability == "closed"):
        return
    with transaction.atomic():
        if Round.objects.filter(pk=round_.pk, released_at_close=False).update(released_at_close=True):
            release_round(round_, closing=True)


def is_released():
    """A filter for participants whose latest change is in what their perspective last released."""
    return Q(changed_in_batch__isnull=True) | Q(changed_in_batch__lt=F("perspective__batch"))


def _release(round_: Round, perspective_ids: list | None) -> None:
    # Perspectives first, then their totals: the order every change to the totals locks them in, so a
    # release and a change cannot wait for each other. No participant row is touched.
    perspectives = Perspective.objects.filter(round=round_)
    tallies, ticks = Tally.objects.filter(round=round_), TickTally.objects.filter(round=round_)
    if perspective_ids is not None:
        perspectives = perspectives.filter(pk__in=perspective_ids)
        tallies = tallies.filter(perspective_id__in=perspective_ids)
        ticks = ticks.filter(perspective_id__in=perspective_ids)
    perspectives.update(
        released_count=F("submitted_count"),
        changes_since_release=0,
        batch=F("batch") + 1,
        released_on=timezone.localdate(),
    )
    tallies.update(shown=F("n"))
    ticks.update(shown=F("n"))
