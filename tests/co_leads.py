"""Co-leads in tests: Sam, a person with lived experience who co-leads a round with a light account (no
membership), and the email the background task sends with the link to accept."""

import re

import pytest
from django.core import mail

from coreflect.reflections import co_leads
from coreflect.reflections.models import CoLead
from coreflect.reflections.tasks import send_co_lead_invitation
from tests.conftest import make_person
from tests.reflections.conftest import make_round


@pytest.fixture
def sam(db):
    """Sam Shah: no organisation at all, only the rounds they co-lead."""
    return make_person("sam@example.org", "Sam Shah")


@pytest.fixture
def sams_round(riverside, fran, sam):
    """A round in Riverside that Sam co-leads with Fran."""
    round_ = make_round(
        riverside, fran, title="Carers’ voices 2026", subject_description="How carers and the council work together"
    )
    make_co_lead(round_, sam, invited_by=fran)
    return round_


def make_co_lead(round_, user, role="Expert by experience", invited_by=None) -> CoLead:
    return CoLead.objects.create(round=round_, user=user, role=role, invited_by=invited_by)


def invite(round_, by, email="sam@example.org", name="Sam Shah", role="Expert by experience"):
    """An invitation as the facilitator's form makes it, with its email sent as the worker would: the token."""
    invitation = co_leads.invite(round_=round_, name=name, email=email, role=role, invited_by=by)
    return invitation, send_now(invitation)


def send_now(invitation) -> str:
    """Run the background task for this invitation and read the link's token from the email it sent."""
    assert send_co_lead_invitation.call(invitation_id=invitation.pk, language="en-gb")
    return re.search(r"/co-leads/invitations/([^/\s]+)/", mail.outbox[-1].body).group(1)
