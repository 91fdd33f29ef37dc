"""Background work for rounds: sending one emailed invitation to take part, and one to co-lead.

The invitation form queues one task per address (see `sharing.send_invitations`). The address exists
only as this task's argument: nothing here writes it to a Coreflect table, and the email goes to that
one person alone, so no one sees who else was invited.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .models import CoLeadInvitation, Round, hash_token, new_token
from .outline import MINUTES_PER_PART, closing_date, part_count


@task()
def send_round_invitation(*, round_id: int, address: str, message: str, participant_url: str, language: str) -> bool:
    """Email one person the link to a round. False (and nothing sent) if the round has since been deleted."""
    round_ = Round.objects.select_related("organisation", "framework_version").filter(pk=round_id).first()
    if round_ is None:
        return False
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "round": round_,
            "organisation": round_.organisation.name,
            "url": participant_url,
            "message": message.strip(),
            "parts": part_count(round_),
            "minutes": MINUTES_PER_PART,
            "closes_on": closing_date(round_),
        }
        subject = render_to_string("reflections/email/round_invitation_subject.txt", context)
        body = render_to_string("reflections/email/round_invitation.txt", context)
    send_mail(
        subject=" ".join(subject.split()),  # one line: a title can never add a header
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[address],
    )
    return True


@task()
def send_co_lead_invitation(*, invitation_id: int, language: str) -> bool:
    """Make the link for an invitation to co-lead a round and email it. The link exists only in the email:
    this task keeps its hash, so neither the task queue nor the database holds a working link. False
    (nothing sent) if the invitation has since been cancelled, used or has expired."""
    invitation = (
        CoLeadInvitation.objects.select_related("round__organisation", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        return False
    token = new_token()
    invitation.token_hash = hash_token(token)
    invitation.save(update_fields=["token_hash"])
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            "invitation": invitation,
            "round": invitation.round,
            "organisation": invitation.round.organisation.name,
            "url": settings.SITE_URL + reverse("reflections:co-lead-accept", args=[token]),
            "days": settings.INVITATION_DAYS,
        }
        subject = render_to_string("reflections/email/co_lead_invitation_subject.txt", context)
        body = render_to_string("reflections/email/co_lead_invitation.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
    return True
