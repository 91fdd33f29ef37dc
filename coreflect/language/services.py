"""Changing an organisation's phrase list: its own entries, and switching built-in entries off and on.

Every change is recorded in the audit trail with who made it; switching an entry off keeps its reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from coreflect.audit import trail
from coreflect.audit.models import Kind

from .models import OwnEntry, SwitchedOff, lines

if TYPE_CHECKING:
    from coreflect.accounts.models import User
    from coreflect.organisations.models import Organisation

ENTRY_FIELDS = ("theme", "words_en", "words_cy", "why_en", "why_cy", "instead_en", "instead_cy")


def _summary(entry: OwnEntry) -> dict[str, Any]:
    return {
        "theme": entry.theme,
        "words": lines(entry.words_en) + lines(entry.words_cy),
        "why": entry.why_en,
        "instead": lines(entry.instead_en),
    }


@transaction.atomic
def add_own_entry(organisation: Organisation, data: dict[str, Any], by: User) -> OwnEntry:
    entry = OwnEntry(organisation=organisation, created_by=by, **{name: data[name] for name in ENTRY_FIELDS})
    entry.save()
    trail.record(
        Kind.LANGUAGE_ENTRY_CHANGED,
        organisation_id=organisation.pk,
        target=entry,
        changed=trail.changes({}, _summary(entry)),
        actor=by,
    )
    return entry


@transaction.atomic
def change_own_entry(entry: OwnEntry, data: dict[str, Any], by: User) -> bool:
    """Save the entry's new words; False when nothing changed."""
    before = _summary(entry)
    if all(getattr(entry, name) == data[name] for name in ENTRY_FIELDS):
        return False
    for name in ENTRY_FIELDS:
        setattr(entry, name, data[name])
    entry.changed_at = timezone.now()
    entry.save()
    trail.record(
        Kind.LANGUAGE_ENTRY_CHANGED,
        organisation_id=entry.organisation_id,
        target=entry,
        changed=trail.changes(before, _summary(entry)),
        actor=by,
    )
    return True


@transaction.atomic
def remove_own_entry(entry: OwnEntry, by: User) -> None:
    label = str(entry)
    trail.record(
        Kind.LANGUAGE_ENTRY_CHANGED,
        organisation_id=entry.organisation_id,
        target=entry,
        target_label=label,
        changed=trail.changes(_summary(entry), {"words": None}),
        actor=by,
    )
    entry.delete()


@transaction.atomic
def switch_off(organisation: Organisation, key: str, reason: str, by: User) -> SwitchedOff:
    """Switch off a built-in entry for the organisation, with a reason. Switching off again changes the reason."""
    row, created = SwitchedOff.objects.select_for_update().get_or_create(
        organisation=organisation, key=key, defaults={"reason": reason, "switched_off_by": by}
    )
    before = {"switched off": not created, "reason": "" if created else row.reason}
    if not created:
        row.reason, row.switched_off_by, row.switched_off_at = reason, by, timezone.now()
        row.save()
    trail.record(
        Kind.LANGUAGE_ENTRY_SWITCHED,
        organisation_id=organisation.pk,
        target=row,
        target_label=key,
        changed=trail.changes(before, {"switched off": True, "reason": reason}),
        actor=by,
    )
    return row


@transaction.atomic
def switch_on(organisation: Organisation, key: str, by: User) -> bool:
    """Switch a built-in entry back on; False when it was not off."""
    row = organisation.language_switched_off.filter(key=key).first()
    if row is None:
        return False
    trail.record(
        Kind.LANGUAGE_ENTRY_SWITCHED,
        organisation_id=organisation.pk,
        target=row,
        target_label=key,
        changed=trail.changes({"switched off": True, "reason": row.reason}, {"switched off": False, "reason": ""}),
        actor=by,
    )
    row.delete()
    return True
