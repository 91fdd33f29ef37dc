"""Reminder emails to the people who own actions, and each member's choice to receive them.

`send_due_reminders` is the whole job: it emails each member who owns open actions due within a
week (or overdue), one email per person per organisation, and never about the same action more
than once a week. Actions led by someone who is not a member (a typed name) are never emailed.
The daily schedule lives in `tasks.py`; `manage.py send_reminders` runs the job from cron.
"""

import datetime
import logging
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from coreflect.accounts.models import User
from coreflect.organisations.models import Membership

from .models import Action, ActionStatus

logger = logging.getLogger(__name__)

DUE_WITHIN_DAYS = 7
DAYS_BETWEEN_REMINDERS = 7


@dataclass(frozen=True)
class ReminderReport:
    emails_sent: int = 0
    actions_included: int = 0
    emails_failed: int = 0


@dataclass(frozen=True)
class DueAction:
    """One line of a reminder: what the action is, when it is due and where to find it."""

    what: str
    due_on: datetime.date
    days_left: int  # negative when overdue
    url: str

    @property
    def overdue_by(self) -> int:
        return -self.days_left


def set_receives_reminders(membership: Membership, receives: bool) -> Membership:
    membership.receives_reminders = receives
    membership.save(update_fields=["receives_reminders"])
    return membership


def reminded_before(today: datetime.date) -> datetime.datetime:
    """Actions last reminded before this moment may be reminded again.

    Counted in whole days, not to the second: a job that runs at 07:00:05 one week and 07:00:01 the
    next must still send, or reminders would slip a day each week.
    """
    start_of_day = datetime.datetime.combine(
        today - datetime.timedelta(days=DAYS_BETWEEN_REMINDERS - 1), datetime.time()
    )
    return timezone.make_aware(start_of_day)


def due_for_reminder(now: datetime.datetime):
    """Open actions due within a week or overdue, owned by a member who wants reminders, not reminded this week."""
    today = timezone.localdate(now)
    wants_reminders = Membership.objects.filter(
        organisation=OuterRef("organisation"), user=OuterRef("owner"), receives_reminders=True
    )
    return Action.objects.filter(
        Exists(wants_reminders),
        Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lt=reminded_before(today)),
        status__in=[ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS],
        due_on__lte=today + datetime.timedelta(days=DUE_WITHIN_DAYS),
        owner__is_active=True,
    )


def send_due_reminders(now: datetime.datetime | None = None) -> ReminderReport:
    """Email every owner whose actions are due, then remember that they were reminded.

    The actions are claimed first, in one UPDATE that stamps them with `now`, so two runs at once
    (cron and the worker, say) never email the same action twice. If an email cannot be sent, its
    actions are released again so the next run tries once more.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    claimed = due_for_reminder(now).update(last_reminded_at=now)
    if not claimed:
        return ReminderReport()
    actions = list(
        Action.objects.filter(last_reminded_at=now)
        .select_related("owner", "organisation")
        .order_by("organisation__name", "organisation_id", "owner_id", "due_on", "pk")
    )
    sent: list[int] = []
    emails = failed = 0
    try:
        with get_connection() as connection:
            for _key, grouped in groupby(actions, key=lambda action: (action.organisation_id, action.owner_id)):
                group = list(grouped)
                try:
                    _reminder_email(group, today, connection).send()
                except Exception:
                    logger.exception("Could not send a reminder email to person %s", group[0].owner_id)
                    failed += 1
                else:
                    emails += 1
                    sent.extend(action.pk for action in group)
    finally:
        # Anything not sent (a refused address, or no mail server at all) is released for the next run.
        if len(sent) < len(actions):
            unsent = {action.pk for action in actions} - set(sent)
            Action.objects.filter(pk__in=unsent, last_reminded_at=now).update(last_reminded_at=None)
    return ReminderReport(emails_sent=emails, actions_included=len(sent), emails_failed=failed)


def _reminder_email(actions: list[Action], today: datetime.date, connection) -> EmailMessage:
    owner, organisation = actions[0].owner, actions[0].organisation
    # due_for_reminder claims only actions with an owner and a due date.
    assert owner is not None
    due = []
    for action in actions:
        assert action.due_on is not None
        due.append(
            DueAction(
                what=action.what,
                due_on=action.due_on,
                days_left=(action.due_on - today).days,
                url=settings.SITE_URL + localised_reverse("actions:detail", [action.pk], language_of(owner)),
            )
        )
    context = {"name": owner.name, "organisation": organisation.name, "actions": due}
    return reminder_email("actions/email/reminder", context, to=owner, connection=connection)


def language_of(person: User) -> str:
    """The language a reminder to `person` is written in: the one they last signed in with, else English."""
    return person.language or settings.LANGUAGE_CODE


def localised_reverse(name: str, args: list, language: str) -> str:
    """A page's address in `language` (Welsh pages are under /cy/)."""
    with translation.override(language):
        return reverse(name, args=args)


def reminder_email(template: str, context: dict, *, to: User, connection) -> EmailMessage:
    """A reminder about actions, from `template`.txt and `template`_subject.txt, with the link to the page where
    a person turns reminders off; in the language they last signed in with (English if never in Welsh)."""
    with translation.override(language_of(to)):
        context = {**context, "settings_url": settings.SITE_URL + reverse("actions:reminders")}
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),  # one line: an organisation's name can never add a header
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to.email],
        connection=connection,
    )
