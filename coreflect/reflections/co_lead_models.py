"""Co-leads: people with lived experience who lead one round with its facilitators, and their invitations.

A `CoLead` gives one person the facilitator's part in one round – and nothing else in the organisation
(`coreflect.organisations.access` reads it). They need no membership: their account can be a "light" one,
made when they accept a `CoLeadInvitation`. The invitation's link is a bearer token; only its hash is kept
(decision 3), and it works once, until it expires or is cancelled.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Round


class CoLead(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="co_leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_leaderships")
    # In their own words, shown beside their name: for example "Expert by experience".
    role = models.CharField(_("role"), max_length=100)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_co_lead_per_person_per_round")]

    def __str__(self):
        return f"{self.user} ({self.role}), co-lead of {self.round}"


class CoLeadInvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now())


class CoLeadInvitation(models.Model):
    """An emailed link to co-lead a round. Only a hash of the link's token is stored."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="co_lead_invitations")
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100)
    # Empty until the background task makes the link and emails it, so no link is ever kept in clear.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = CoLeadInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Invitation for {self.email} to co-lead {self.round}"
