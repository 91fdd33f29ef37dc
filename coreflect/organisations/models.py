"""Organisations, the people who belong to them, and invitations to join."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .permissions import Permission, Role, role_allows


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority (council)")
    INTEGRATED_CARE_BOARD = "integrated_care_board", _("Integrated care board")
    PROVIDER = "provider", _("Care or support provider")
    USER_LED = "user_led", _("User-led organisation")
    OTHER = "other", _("Other")


class FreeTextKept(models.IntegerChoices):
    """How long the words people wrote in an organisation's anonymous rounds are kept after a round closes."""

    MONTHS_6 = 6, _("6 months")
    MONTHS_12 = 12, _("12 months")
    MONTHS_24 = 24, _("24 months")
    MONTHS_36 = 36, _("36 months")
    MONTHS_60 = 60, _("60 months (5 years)")
    UNTIL_DELETED = 0, _("Until the round is deleted")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of organisation"), max_length=40, choices=OrganisationKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # Admins always need two-factor authentication; this asks it of every member (organisations.mfa).
    requires_mfa = models.BooleanField(_("everyone must use two-factor authentication"), default=False)
    # 24 months by default: long enough to set one year's words beside the next year's round, short enough
    # that what people wrote is not kept for ever. Organisations from before this setting keep everything
    # until an admin chooses (their migration says so): removing words cannot be undone. See
    # coreflect/exports/retention.py.
    free_text_months = models.PositiveSmallIntegerField(
        _("how long free text in anonymous rounds is kept"), choices=FreeTextKept.choices, default=24
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    receives_reminders = models.BooleanField(_("email me about actions due soon"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_person")]
        ordering = ["user__name", "user__email"]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) in {self.organisation}"

    def allows(self, permission: Permission) -> bool:
        return role_allows(self.role, permission)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An emailed link to join an organisation. Only a hash of the link's token is stored."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email} to {self.organisation}"

    @staticmethod
    def new_token() -> str:
        # 32 bytes from the operating system's CSPRNG: 256 bits, far beyond guessing.
        return secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None and self.expires_at > timezone.now()
