"""One event of the audit trail. Rows are only ever added, then removed when they pass the retention
period (`trail.prune`); nothing changes one once written.

The trail sits just above accounts, so that every app can record to it; an event names its organisation by
id, and keeps working labels, so that it still reads true after what it names has gone.

An event says who (`actor`, and their email at the time, kept if the account goes), when, what kind of
thing happened, to what (`target_label`, as it was called then), and what changed (`changes`: for each
field, before and after). It never holds participants' answers or anything they wrote.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect.dates import moment


class Kind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGNED_OUT = "signed_out", _("Signed out")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    MFA_CHANGED = "mfa_changed", _("Two-step sign-in changed")
    MEMBER_INVITED = "member_invited", _("Member invited")
    INVITATION_CANCELLED = "invitation_cancelled", _("Invitation cancelled")
    MEMBER_ADDED = "member_added", _("Member added")
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBER_REMOVED = "member_removed", _("Member removed")
    ORGANISATION_CHANGED = "organisation_changed", _("Organisation settings changed")
    ROUND_CREATED = "round_created", _("Round created")
    ROUND_CHANGED = "round_changed", _("Round settings changed")
    ROUND_STATUS = "round_status", _("Round opened or closed")
    FRAMEWORK_EDITED = "framework_edited", _("Framework edited")
    ACTION_CREATED = "action_created", _("Action added")
    ACTION_CHANGED = "action_changed", _("Action changed")
    CONSENSUS_RECORDED = "consensus_recorded", _("Group view recorded")
    DATA_EXPORTED = "data_exported", _("Data downloaded")
    RAW_DATA_EXPORTED = "raw_data_exported", _("Raw data downloaded")
    REPORT_EXPORTED = "report_exported", _("Report downloaded")
    SHARE_LINK_MADE = "share_link_made", _("Share link made")
    SHARE_LINK_WITHDRAWN = "share_link_withdrawn", _("Share link withdrawn")
    ROUND_DELETED = "round_deleted", _("Round deleted")
    ORGANISATION_DELETED = "organisation_deleted", _("Organisation deleted")
    ACCOUNT_DELETED = "account_deleted", _("Account deleted")
    FREE_TEXT_REMOVED = "free_text_removed", _("Free text removed after its retention period")
    CO_LEAD_INVITED = "co_lead_invited", _("Co-lead invited")
    CO_LEAD_REMOVED = "co_lead_removed", _("Co-lead removed")
    OUTCOME_WRITTEN = "outcome_written", _("Outcome written")
    PERSONAL_LINKS_MADE = "personal_links_made", _("Personal invitation links made")
    WORDING_CHECKED = "wording_checked", _("Welsh or Easy Read wording checked")
    PICTURE_UPLOADED = "picture_uploaded", _("Picture uploaded")
    LANGUAGE_ENTRY_CHANGED = "language_entry_changed", _("Language lens entry added, changed or removed")
    LANGUAGE_ENTRY_SWITCHED = "language_entry_switched", _("Language lens entry switched off or on")


class AuditEvent(models.Model):
    # The organisation's id, not a foreign key: the trail outlives what it records, deletions included.
    organisation_id = models.PositiveBigIntegerField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_label = models.CharField(max_length=254, blank=True)  # their email then: kept if the account goes
    kind = models.CharField(max_length=30, choices=Kind.choices)
    target_type = models.CharField(max_length=50, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation_id", "-at"], name="audit_by_organisation")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target_label} ({moment(self.at)})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("An audit event is never changed once written")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are removed only when they pass the retention period (trail.prune)")
