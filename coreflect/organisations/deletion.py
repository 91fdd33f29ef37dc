"""Deleting an organisation, and deleting one's own account: what goes, what stays, and what stops it.

An organisation takes with it its rounds (and everything gathered for them), its actions, its own framework
copies, its memberships and invitations; people's accounts stay, since they may belong elsewhere. An account
takes with it the person's memberships; the actions they own stay, marked as needing a new owner
(`coreflect.actions.signals`), and the audit trail keeps their email as who did what. Both are recorded.

Rounds, actions and framework copies are reached through the organisation's reverse relations, as the
dashboard reaches its rounds, so this module imports nothing above organisations.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Q

from coreflect.audit.models import Kind
from coreflect.audit.trail import record

from .models import Membership, Organisation
from .permissions import Role

if TYPE_CHECKING:
    from coreflect.accounts.models import User


@dataclass(frozen=True)
class OrganisationGoes:
    rounds: int
    people: int  # people who answered its rounds, counted: never who
    actions: int
    frameworks: int
    members: int
    invitations: int


def what_goes(organisation: Organisation) -> OrganisationGoes:
    """What deleting the organisation would take with it. A fixed number of queries."""
    rounds = organisation.rounds.aggregate(rounds=Count("pk", distinct=True), people=Count("participants"))
    return OrganisationGoes(
        rounds=rounds["rounds"],
        people=rounds["people"],
        actions=organisation.actions.count(),
        frameworks=organisation.frameworks.count(),
        members=organisation.memberships.count(),
        invitations=organisation.invitations.pending().count(),
    )


@transaction.atomic
def delete_organisation(organisation: Organisation) -> OrganisationGoes:
    """Deletes the organisation and everything that is its own. The event keeps the organisation's id, so its
    admins' trail still holds it."""
    gone = what_goes(organisation)
    record(
        Kind.ORGANISATION_DELETED,
        organisation_id=organisation.pk,
        target=organisation,
        target_label=organisation.name,
        changed={"name": [organisation.name, None], **{name: [n, 0] for name, n in asdict(gone).items() if n}},
    )
    # Rounds point at the framework versions they answered, and a framework copy at its current version, and
    # both refuse to let a version go (PROTECT): the rounds go first, then the copies let go of their versions.
    organisation.rounds.all().delete()
    organisation.frameworks.update(current_version=None)
    organisation.delete()
    return gone


@dataclass(frozen=True)
class Blocker:
    """An organisation that would be left without an admin, or with nobody, if this account went."""

    organisation: Organisation
    only_member: bool  # else: the only admin, with other members


def _memberships(user: User) -> list[Membership]:
    others = ~Q(organisation__memberships__user=user)
    return list(
        user.memberships.select_related("organisation")
        .annotate(
            others=Count("organisation__memberships", filter=others),
            other_admins=Count(
                "organisation__memberships", filter=others & Q(organisation__memberships__role=Role.ADMIN)
            ),
        )
        .order_by("organisation__name")
    )


def _blockers(memberships: list[Membership]) -> list[Blocker]:
    blockers = []
    for membership in memberships:
        if not membership.others:  # type: ignore[attr-defined]  # annotated by _memberships
            blockers.append(Blocker(membership.organisation, only_member=True))
        elif membership.role == Role.ADMIN and not membership.other_admins:  # type: ignore[attr-defined]
            blockers.append(Blocker(membership.organisation, only_member=False))
    return blockers


def account_deletion(user: User) -> tuple[list[Membership], list[Blocker]]:
    """The person's memberships, and what stops them deleting their account (nothing, if the list is empty)."""
    memberships = _memberships(user)
    return memberships, _blockers(memberships)


class AccountDeletionRefused(Exception):
    def __init__(self, blockers: list[Blocker]):
        super().__init__(", ".join(blocker.organisation.name for blocker in blockers))
        self.blockers = blockers


@transaction.atomic
def delete_account(user: User) -> None:
    """Deletes the account and its memberships, recording it in the trail of each organisation they were in.
    Refused while an organisation would be left with no admin or nobody at all."""
    # Lock the memberships of their organisations, so two admins deleting their accounts at once cannot each
    # leave the other as the only admin, and then nobody.
    organisations = Membership.objects.filter(user=user).values("organisation_id")
    list(Membership.objects.select_for_update().filter(organisation_id__in=organisations).values_list("pk"))
    memberships, blockers = account_deletion(user)
    if blockers:
        raise AccountDeletionRefused(blockers)
    each: list[Membership | None] = [*memberships] or [None]  # in no organisation: one event, for Coreflect's staff
    for membership in each:
        record(
            Kind.ACCOUNT_DELETED,
            organisation_id=membership.organisation_id if membership else None,
            target=user,
            target_label=user.email,
            changed={"role": [membership.role, None]} if membership else {},
            actor=user,
        )
    user.delete()
