"""Co-leads of a round: inviting someone by email, their accepting, removing them, and what they lead.

A facilitator (or a co-lead: they can do what a facilitator can in their round) invites a person by
name, email address and role in their own words. The link is made and emailed by a background task
(`tasks.send_co_lead_invitation`), which keeps only its hash. Accepting makes the person a `CoLead` of
that round and of nothing else; someone with no account sets a name and password first (a "light"
account: a user with no membership of any organisation).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from coreflect.accounts.models import User
from coreflect.audit.models import Kind
from coreflect.audit.trail import record
from coreflect.organisations.services import check_usable

from .models import CoLead, CoLeadInvitation, Round, hash_token
from .tasks import send_co_lead_invitation


class WrongPerson(Exception):
    """The invitation is for another email address than the account signed in."""


def co_leads_of(round_: Round) -> QuerySet[CoLead]:
    return round_.co_leads.select_related("user")


def with_co_leads(rounds: QuerySet[Round]) -> QuerySet[Round]:
    """Rounds with their co-leads and their accounts, read in one more query: `round.co_leads.all`."""
    return rounds.prefetch_related(Prefetch("co_leads", queryset=CoLead.objects.select_related("user")))


def pending_invitations(round_: Round) -> QuerySet[CoLeadInvitation]:
    return round_.co_lead_invitations.pending()


def rounds_co_led_by(user: User) -> QuerySet[CoLead]:
    """What one person co-leads, newest round first, with each round's organisation."""
    return user.co_leaderships.select_related("round__organisation", "round__framework_version").order_by(
        "-round__created_at", "-round__pk"
    )


def accept_url(token: str) -> str:
    return settings.SITE_URL + reverse("reflections:co-lead-accept", args=[token])


def invite(*, round_: Round, name: str, email: str, role: str, invited_by: User) -> CoLeadInvitation:
    """Record the invitation and queue its email (the task makes the link), all or nothing."""
    with transaction.atomic():
        invitation = CoLeadInvitation.objects.create(
            round=round_,
            name=name,
            email=email.strip().lower(),
            role=role,
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
        )
        record(
            Kind.CO_LEAD_INVITED,
            organisation_id=round_.organisation_id,
            target=invitation,
            target_label=invitation.email,
            changed={"round": [None, round_.title], "role": [None, role]},
            actor=invited_by,
        )
        send_co_lead_invitation.enqueue(invitation_id=invitation.pk, language=get_language() or "")
    return invitation


def find_invitation(token: str) -> CoLeadInvitation | None:
    if not token:
        return None
    return (
        CoLeadInvitation.objects.select_related("round__organisation", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def is_for(invitation: CoLeadInvitation, user: User) -> bool:
    return user.email.strip().lower() == invitation.email


@transaction.atomic
def accept(invitation: CoLeadInvitation, user: User) -> CoLead:
    """Make the person a co-lead of the invitation's round. Single use, and only for the invited address:
    co-leading opens a round's answers, so a link forwarded to someone signed in as another person
    does not count."""
    # Re-read under the write lock so two tabs accepting at once cannot both succeed.
    invitation = check_usable(CoLeadInvitation.objects.select_for_update().filter(pk=invitation.pk).first())
    if not is_for(invitation, user):
        raise WrongPerson
    co_lead, _created = CoLead.objects.get_or_create(
        round_id=invitation.round_id,
        user=user,
        defaults={"role": invitation.role, "invited_by": invitation.invited_by},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return co_lead


def cancel_invitation(invitation: CoLeadInvitation) -> None:
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    record(
        Kind.INVITATION_CANCELLED,
        organisation_id=invitation.round.organisation_id,
        target=invitation,
        target_label=invitation.email,
    )


def remove(co_lead: CoLead) -> None:
    """The person stops co-leading the round at once: their next click is refused."""
    record(
        Kind.CO_LEAD_REMOVED,
        organisation_id=co_lead.round.organisation_id,
        target=co_lead,
        target_label=co_lead.user.email,
        changed={"round": [co_lead.round.title, None], "role": [co_lead.role, None]},
    )
    co_lead.delete()
