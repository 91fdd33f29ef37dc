"""Review reminders: one email when an action's review date comes, to look again at what changed.

An action's outcome ("we asked, you said, we did") may carry a review date. On that day (or the first run
after it) `send_review_reminders` emails the member who leads the action; an action led by nobody who is a
member (a typed name, or no one) goes to the organisation's facilitators and admins instead. As with the
due-date reminders (`reminders.py`), only people who still belong to the organisation, are active and have
not turned reminder emails off are written to, and each gets one email per organisation listing every
action whose review has come. `review_reminded_at` stops a second email about the same date; choosing a
new review date clears it (`services.write_outcome`), so the new date is reminded about in its turn.
The daily task (`tasks.py`) and `manage.py send_reminders` run it after the due-date reminders.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from coreflect.organisations.models import Membership
from coreflect.organisations.permissions import Role

from .models import Action
from .reminders import ReminderReport, language_of, localised_reverse, reminder_email

if TYPE_CHECKING:
    from coreflect.accounts.models import User

logger = logging.getLogger(__name__)

# Who hears about an action that no member leads.
LEADERS = [Role.ADMIN, Role.FACILITATOR]


@dataclass(frozen=True)
class ReviewAction:
    """One line of a review reminder."""

    what: str
    review_on: datetime.date
    url: str


def due_for_review(now: datetime.datetime) -> QuerySet[Action]:
    """Actions whose review date has come, not yet reminded about it, with someone who wants to hear."""
    today = timezone.localdate(now)
    owner_is_member = Membership.objects.filter(
        organisation=OuterRef("organisation"), user=OuterRef("owner"), user__is_active=True
    )
    owner_wants = owner_is_member.filter(receives_reminders=True)
    leaders_want = Membership.objects.filter(
        organisation=OuterRef("organisation"), role__in=LEADERS, receives_reminders=True, user__is_active=True
    )
    return Action.objects.filter(
        Exists(owner_wants) | (~Exists(owner_is_member) & Exists(leaders_want)),
        review_on__lte=today,
        review_reminded_at__isnull=True,
    )


def _recipients(actions: list[Action]) -> dict[tuple[int, int], tuple[User, list[Action]]]:
    """{(organisation id, person id): (the person, their actions)}: the member leading each action, else
    the organisation's facilitators and admins."""
    memberships = Membership.objects.filter(
        organisation_id__in={action.organisation_id for action in actions}, user__is_active=True
    ).select_related("user")
    members: dict[tuple[int, int], Membership] = {}
    leaders: dict[int, list[Membership]] = defaultdict(list)
    for membership in memberships:
        members[(membership.organisation_id, membership.user_id)] = membership
        if membership.role in LEADERS and membership.receives_reminders:
            leaders[membership.organisation_id].append(membership)
    found: dict[tuple[int, int], tuple[User, list[Action]]] = {}
    for action in actions:
        owner = members.get((action.organisation_id, action.owner_id or 0))
        chosen = ([owner] if owner.receives_reminders else []) if owner is not None else leaders[action.organisation_id]
        for membership in chosen:
            key = (action.organisation_id, membership.user_id)
            found.setdefault(key, (membership.user, []))[1].append(action)
    return found


def send_review_reminders(now: datetime.datetime | None = None) -> ReminderReport:
    """Email everyone whose actions have reached their review date, once per date.

    The actions are claimed first, in one UPDATE that stamps them with `now`, so two runs at once never
    email about the same action twice. An action none of whose emails could be sent is released again
    so that the next run tries once more.
    """
    now = now or timezone.now()
    if not due_for_review(now).update(review_reminded_at=now):
        return ReminderReport()
    actions = list(
        Action.objects.filter(review_reminded_at=now)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id", "review_on", "pk")
    )
    reached: set[int] = set()
    emails = failed = 0
    try:
        with get_connection() as connection:
            for person, group in _recipients(actions).values():
                try:
                    _review_email(person, group, connection).send()
                except Exception:
                    logger.exception("Could not send a review reminder to person %s", person.pk)
                    failed += 1
                else:
                    emails += 1
                    reached.update(action.pk for action in group)
    finally:
        unsent = {action.pk for action in actions} - reached
        if unsent:
            Action.objects.filter(pk__in=unsent, review_reminded_at=now).update(review_reminded_at=None)
    return ReminderReport(emails_sent=emails, actions_included=len(reached), emails_failed=failed)


def _review_email(person: User, actions: list[Action], connection) -> EmailMessage:
    organisation = actions[0].organisation
    lines = []
    for action in actions:
        assert action.review_on is not None  # due_for_review claims only actions with a review date
        lines.append(
            ReviewAction(
                what=action.what,
                review_on=action.review_on,
                url=settings.SITE_URL + localised_reverse("actions:detail", [action.pk], language_of(person)),
            )
        )
    context = {
        "name": person.name,
        "organisation": organisation.name,
        "actions": lines,
        "leads": all(action.owner_id == person.pk for action in actions),
    }
    return reminder_email("actions/email/review", context, to=person, connection=connection)
