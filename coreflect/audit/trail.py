"""Recording to the audit trail, reading it, and letting old events go.

Services call `record(...)` when something that matters to trust happens. Who did it comes from the request
(`middleware.ActorMiddleware` sets it for every request) or from `acting_as(user)` in tasks and commands;
with neither, the event is the service's own ("Coreflect"). `changes(before, after)` keeps only what changed,
as text, so an event reads the same in years to come whatever the code then is.
"""

import contextlib
import datetime
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEvent, Kind

_actor: ContextVar[Any] = ContextVar("coreflect_audit_actor", default=None)


@contextlib.contextmanager
def acting_as(user) -> Iterator[None]:
    token = _actor.set(user if user is not None and getattr(user, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    return _actor.get()


def _text(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [_text(item) for item in value]
    return str(value)


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for each field whose value differs."""
    return {
        name: [_text(before.get(name)), _text(after.get(name))]
        for name in after
        if _text(before.get(name)) != _text(after.get(name))
    }


def record(
    kind: Kind | str,
    *,
    organisation_id: int | None,
    target: Any = None,
    target_label: str = "",
    changed: Mapping[str, list[Any]] | None = None,
    actor: Any = None,
) -> AuditEvent:
    who = actor if actor is not None else current_actor()
    return AuditEvent.objects.create(
        organisation_id=organisation_id,
        actor=who,
        actor_label=getattr(who, "email", "") if who is not None else "",
        kind=kind,
        target_type=target._meta.model_name if target is not None else "",
        target_id=target.pk if target is not None else None,
        target_label=(target_label or (str(target) if target is not None else ""))[:300],
        changes=dict(changed or {}),
    )


def events_for(
    organisation_id: int,
    *,
    kind: str = "",
    actor: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """An organisation's events, newest first, filtered by kind, by who (part of their email) and by day."""
    events = AuditEvent.objects.filter(organisation_id=organisation_id)
    if kind:
        events = events.filter(kind=kind)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if since:
        events = events.filter(at__gte=_start_of(since))
    if until:
        events = events.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
    return events.order_by("-at", "-pk")


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def prune(now: datetime.datetime | None = None) -> int:
    """Removes events older than AUDIT_RETENTION_DAYS; returns how many went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    removed, _by_model = AuditEvent.objects.filter(at__lt=cutoff).delete()
    return removed


def retention_days() -> int:
    return settings.AUDIT_RETENTION_DAYS
