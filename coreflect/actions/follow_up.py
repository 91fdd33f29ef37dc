"""Telling people what happened: the emails to those who asked to hear when a round's results are out and when
the organisation says what it did about an idea, and forgetting their addresses afterwards.

An address (`Follower`) is kept apart from every answer: keyed by the round alone, with a random id and the day
it was given. It is added in a request of its own, never the one that sends someone's answers. Each email is
one background task (`tell_follower`) that receives only the follower's random id and reads the address when it
runs, so the task queue never holds an address. The address is deleted:

- after the last message: once results are out and every action from the round has its outcome written (or was
  dropped), the task that sends the last email deletes the address it sent to;
- a year after the round's results came out, whatever happened (`forget_followers_after_a_year`, run daily);
- when the person follows the unsubscribe link in any email;
- when the round is deleted (the database deletes it with the round) or archived (`forget_followers`).

Results are out when a round closes: `coreflect.reflections.release` sends `signals.results_released`, which
this app connects in `apps.py` (reflections sits below actions and cannot call up to it). A round that closes by
its closing date has no such moment; the daily job (`tell_followers_of_closed_rounds`) catches it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from coreflect.reflections.models import Round, RoundStatus

from .models import Action, ActionStatus, Follower

KEPT_FOR = datetime.timedelta(days=365)  # after the results came out, at most
RESULTS, OUTCOME = "results", "outcome"


def follow(round_: Round, email: str) -> None:
    """Remember an address to tell about this round (once, however often it is given). Someone who signs up
    after the round closed can already see its results: they are told only about outcomes."""
    follower, created = Follower.objects.get_or_create(
        round=round_,
        email=email.strip().lower(),
        defaults={"told_results": _results_out(round_), "language": translation.get_language() or ""},
    )
    if not created and follower.language != (translation.get_language() or ""):
        # Given again, on a page in another language: the emails follow the latest choice.
        Follower.objects.filter(pk=follower.pk).update(language=translation.get_language() or "")


def unfollow(key: str) -> bool:
    """Forget the address behind an unsubscribe link. False when there was none (already forgotten)."""
    deleted, _counts = Follower.objects.filter(pk=key).delete()
    return bool(deleted)


def forget_followers(round_: Round) -> int:
    """Delete every address following a round, for when it is archived (deleting it deletes them anyway)."""
    deleted, _counts = Follower.objects.filter(round=round_).delete()
    return deleted


def follower_exists(key: str) -> bool:
    return Follower.objects.filter(pk=key).exists()


def tell_followers_results_released(round_: Round) -> int:
    """Queue one email to each person following the round who has not yet been told its results are out.
    Returns how many were queued."""
    queued = 0
    for key in list(Follower.objects.filter(round=round_, told_results=False).values_list("pk", flat=True)):
        # Marked before queueing, one row at a time: two releases at once still tell each person once.
        if Follower.objects.filter(pk=key, told_results=False).update(told_results=True):
            tell_follower.enqueue(key=key, kind=RESULTS, action_id=None, language=translation.get_language() or "")
            queued += 1
    return queued


def tell_followers_outcome_written(action: Action) -> int:
    """Queue one email to each person following the action's round, saying what the organisation did."""
    if action.round_id is None:
        return 0
    keys = list(Follower.objects.filter(round_id=action.round_id).values_list("pk", flat=True))
    for key in keys:
        tell_follower.enqueue(key=key, kind=OUTCOME, action_id=action.pk, language=translation.get_language() or "")
    return len(keys)


def on_results_released(sender: Any, *, round: Round, **kwargs: Any) -> None:
    tell_followers_results_released(round)


def finished(round_: Round) -> bool:
    """Whether there is nothing more to tell: results are out and every action from the round has its outcome
    written or was dropped. A round with no actions yet is not finished: its ideas may still become some."""
    if not _results_out(round_):
        return False
    actions = Action.objects.filter(round=round_)
    return (
        actions.exists()
        and not actions.filter(outcome_written_at__isnull=True).exclude(status=ActionStatus.DROPPED).exists()
    )


def _results_out(round_: Round) -> bool:
    return round_.availability == "closed"


def tell_followers_of_closed_rounds() -> int:
    """Tell the followers of rounds that closed by their closing date (nobody pressed "close"). An anonymous
    round's results are released when they are first read, on any results or "what happened" page. Run daily."""
    today = timezone.localdate()
    pending = Follower.objects.filter(told_results=False).values("round_id")
    waiting = Round.objects.filter(Q(status=RoundStatus.CLOSED) | Q(closes_on__lt=today), pk__in=pending).exclude(
        status=RoundStatus.DRAFT
    )
    queued = 0
    for round_ in waiting:
        queued += tell_followers_results_released(round_)
    return queued


def forget_followers_after_a_year() -> int:
    """Delete the addresses of rounds whose results came out more than a year ago. Run daily."""
    cutoff = timezone.localdate() - KEPT_FOR
    old = Q(round__released_at_close=True, round__released_on__lt=cutoff) | Q(round__closes_on__lt=cutoff)
    deleted, _counts = Follower.objects.filter(old).delete()
    return deleted


def daily() -> None:
    """The daily job's part: tell followers of rounds closed by date, forget addresses kept a year."""
    tell_followers_of_closed_rounds()
    forget_followers_after_a_year()


@task()
def tell_follower(*, key: str, kind: str, action_id: int | None, language: str) -> bool:
    """Send one follower one email. False (and nothing sent) if they have since unsubscribed or the round or
    action is gone. After the round's last email, the address is deleted."""
    follower = Follower.objects.select_related("round__organisation").filter(pk=key).first()
    if follower is None:
        return False
    round_ = follower.round
    action = None
    if kind == OUTCOME:
        action = Action.objects.filter(pk=action_id or 0, round=round_).first()
        if action is None:
            return False
    # Their emails are in the language of the page they gave their address on (the task's own `language` is
    # the page that queued it, kept for addresses given before followers had one).
    with translation.override(follower.language or language or settings.LANGUAGE_CODE):
        context = _email_context(follower, round_, action)
        subject = render_to_string(f"actions/email/follow_{kind}_subject.txt", context)
        body = render_to_string(f"actions/email/follow_{kind}.txt", context)
    send_mail(
        subject=" ".join(subject.split()),  # one line: a title can never add a header
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[follower.email],
    )
    if finished(round_):
        follower.delete()
    return True


def _email_context(follower: Follower, round_: Round, action: Action | None) -> dict[str, Any]:
    public = settings.SITE_URL + reverse("happened:public", args=[round_.link_code])
    return {
        "round": round_,
        "organisation": round_.organisation.name,
        "action": action,
        "public_url": public if round_.publish_happened else "",
        "unsubscribe_url": settings.SITE_URL + reverse("follow:remove", args=[follower.pk]),
    }
