"""What exports keep: reports made in the background, read-only share links, and a record of downloads.

Files are never kept on disk: a report made in the background is held in its `ReportJob` row until it
is downloaded or expires, so any app process (and the worker) can make and serve it.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect.reflections.models import Round

SHARE_TOKEN_BYTES = 24  # 192 bits, as a URL-safe string of 32 characters


def new_share_token() -> str:
    return secrets.token_urlsafe(SHARE_TOKEN_BYTES)


class Format(models.TextChoices):
    PDF = "pdf", _("PDF")
    WORD = "docx", _("Word")
    EXCEL = "xlsx", _("Excel")
    CSV = "csv", _("CSV")
    JSON = "json", _("JSON")


class Contents(models.TextChoices):
    REPORT = "report", _("Round report")
    ACTION_PLAN = "action_plan", _("Action plan")
    DATA = "data", _("Data")
    RAW_DATA = "raw_data", _("Raw data")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJob(models.Model):
    """A report too large to make within a request, made by the background worker."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="report_jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    contents = models.CharField(max_length=20, choices=Contents.choices, default=Contents.REPORT)
    format = models.CharField(max_length=10, choices=Format.choices)
    sections = models.JSONField(default=list, blank=True)  # the sections the facilitator chose, by key
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # per cent
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    file = models.BinaryField(null=True, blank=True, editable=False)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.get_contents_display()} ({self.get_format_display()}) for {self.round}"


class ShareLink(models.Model):
    """A read-only link to a round's report for people without an account, such as a board."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_share_token, editable=False)
    label = models.CharField(_("who it is for"), max_length=200, blank=True)
    sections = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    times_used = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Share link for {self.round}"

    def is_valid(self, now=None) -> bool:
        return self.revoked_at is None and (now or timezone.now()) < self.expires_at


class Download(models.Model):
    """A record of a file taken out of Coreflect: who, when, what. Raw data downloads are always recorded."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="downloads")
    downloaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    share_link = models.ForeignKey(ShareLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    downloaded_at = models.DateTimeField(default=timezone.now)
    contents = models.CharField(max_length=20, choices=Contents.choices)
    format = models.CharField(max_length=10, choices=Format.choices)

    class Meta:
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.get_contents_display()} ({self.get_format_display()}) of {self.round}"


class ChosenWords(models.Model):
    """One text a facilitator chose for a principle of the round report, by its opaque key
    (`results.indicators.answer_key`): never the words or their labels, which are read and labelled
    afresh each time the report is made, so a text no longer shown drops out."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="chosen_words")
    principle_key = models.CharField(max_length=100)
    key = models.CharField(max_length=32)
    position = models.PositiveIntegerField()
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["principle_key", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "principle_key", "key"], name="exports_chosen_words_unique")
        ]

    def __str__(self):
        return f"Chosen words {self.key} for {self.principle_key} in {self.round}"
