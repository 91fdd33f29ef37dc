"""Background work for rounds: sending one emailed invitation to take part.

The invitation form queues one task per address (see `sharing.send_invitations`). The address exists
only as this task's argument: nothing here writes it to a Coreflect table, and the email goes to that
one person alone, so no one sees who else was invited.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .models import Round
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
