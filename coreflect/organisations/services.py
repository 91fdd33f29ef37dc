"""What people do to organisations: create one, invite, join, change roles, remove, switch."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol, TypeVar

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coreflect.audit.models import Kind
from coreflect.audit.trail import changes, record

from .middleware import SESSION_KEY, OrganisationRequest
from .models import Invitation, Membership, Organisation, hash_token
from .permissions import Role

if TYPE_CHECKING:
    from coreflect.accounts.models import User


class LastAdminError(Exception):
    """An organisation always keeps at least one admin."""


class _Invitation(Protocol):
    cancelled_at: datetime | None
    accepted_at: datetime | None
    expires_at: datetime


Usable = TypeVar("Usable", bound=_Invitation)


class InvitationUnusable(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def create_organisation(*, name: str, kind: str, creator: User) -> Organisation:
    organisation = Organisation.objects.create(name=name, kind=kind)
    membership = Membership.objects.create(organisation=organisation, user=creator, role=Role.ADMIN)
    record(
        Kind.MEMBER_ADDED,
        organisation_id=organisation.pk,
        target=membership,
        target_label=creator.email,
        changed={"role": [None, Role.ADMIN]},
        actor=creator,
    )
    return organisation


# The organisation's settings the audit trail follows.
AUDITED_SETTINGS = ["name", "kind", "requires_mfa", "free_text_months"]


def save_settings(form: forms.ModelForm[Organisation]) -> Organisation:
    """Saves the organisation settings form, recording what changed in the audit trail."""
    organisation: Organisation = form.instance
    before = {name: form.initial.get(name) for name in AUDITED_SETTINGS}
    form.save()
    changed = changes(before, {name: getattr(organisation, name) for name in AUDITED_SETTINGS})
    if changed:
        record(Kind.ORGANISATION_CHANGED, organisation_id=organisation.pk, target=organisation, changed=changed)
    return organisation


def switch_organisation(request: OrganisationRequest, organisation_id: int) -> Membership | None:
    """Make one of the person's organisations current; None if they are not a member of it."""
    for membership in request.memberships:
        if membership.organisation_id == organisation_id:
            request.session[SESSION_KEY] = organisation_id
            return membership
    return None


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("organisations:accept-invitation", args=[token])


def invite(*, organisation: Organisation, email: str, role: str, invited_by: User) -> tuple[Invitation, str]:
    """Create an invitation, email its link, and return it with the link's token (shown once)."""
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email.strip().lower(),
        role=role,
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
    )
    context = {"invitation": invitation, "url": invitation_url(token), "days": settings.INVITATION_DAYS}
    send_mail(
        subject=_("You’re invited to join %(organisation)s on Coreflect") % {"organisation": organisation.name},
        message=render_to_string("organisations/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    record(
        Kind.MEMBER_INVITED,
        organisation_id=organisation.pk,
        target=invitation,
        target_label=invitation.email,
        changed={"role": [None, role]},
        actor=invited_by,
    )
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation", "invited_by").filter(token_hash=hash_token(token)).first()


def check_usable(invitation: Usable | None) -> Usable:
    """The invitation (to join an organisation, or to co-lead a round) if its link can still be used; otherwise
    InvitationUnusable with the reason, in words for the person holding the link."""
    if invitation is None:
        raise InvitationUnusable(_("This invitation link is not recognised. Check you copied the whole link."))
    if invitation.cancelled_at:
        raise InvitationUnusable(_("This invitation has been cancelled."))
    if invitation.accepted_at:
        raise InvitationUnusable(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(_("This invitation has expired."))
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Join the invitation's organisation. Single use: a second acceptance is refused."""
    # Re-read under the write lock so two tabs accepting at once cannot both succeed.
    invitation = check_usable(Invitation.objects.select_for_update().filter(pk=invitation.pk).first())
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        Kind.MEMBER_ADDED,
        organisation_id=invitation.organisation_id,
        target=membership,
        target_label=user.email,
        changed={"role": [None, membership.role]},
        actor=user,
    )
    return membership


def cancel_invitation(invitation: Invitation) -> None:
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    record(
        Kind.INVITATION_CANCELLED,
        organisation_id=invitation.organisation_id,
        target=invitation,
        target_label=invitation.email,
    )


def _would_leave_no_admin(membership: Membership) -> bool:
    if membership.role != Role.ADMIN:
        return False
    other_admins = (
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
        .exclude(pk=membership.pk)
    )
    return not other_admins.exists()


@transaction.atomic
def change_role(membership: Membership, role: str) -> Membership:
    if role != Role.ADMIN and _would_leave_no_admin(membership):
        raise LastAdminError
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record(
        Kind.ROLE_CHANGED,
        organisation_id=membership.organisation_id,
        target=membership,
        target_label=membership.user.email,
        changed=changes({"role": before}, {"role": role}),
    )
    return membership


@transaction.atomic
def remove_member(membership: Membership) -> None:
    if _would_leave_no_admin(membership):
        raise LastAdminError
    record(
        Kind.MEMBER_REMOVED,
        organisation_id=membership.organisation_id,
        target=membership,
        target_label=membership.user.email,
        changed={"role": [membership.role, None]},
    )
    membership.delete()
