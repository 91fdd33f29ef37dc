"""Frameworks and their immutable versions.

A `Framework` is a named, versioned document: built in (no organisation) or an organisation's own
copy. Each `FrameworkVersion` keeps the whole document as JSON for reading and rendering, plus a
relational skeleton – `Stage`, `Principle`, `Indicator` rows – that answers point at, so an answer can
never refer to a stage or indicator the version does not have. Versions never change once written.
"""

from types import MappingProxyType

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect.organisations.models import Organisation


class ImmutableVersionError(Exception):
    """Raised on any attempt to change a framework version after it was written."""


class Framework(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="frameworks"
    )
    copied_from = models.ForeignKey(
        "FrameworkVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    current_version = models.ForeignKey(
        "FrameworkVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation_id", "slug"]

    def __str__(self):
        return self.slug

    @property
    def is_builtin(self) -> bool:
        return self.organisation_id is None


class FrameworkVersion(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    document = models.JSONField()
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["framework_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="one_number_per_version")]

    def __str__(self):
        return f"{self.framework.slug} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableVersionError(f"{self} is immutable: create a new version instead")
        if isinstance(self.document, MappingProxyType):
            # A frozen document is one a process keeps for reading (coreflect/caches.py), not new content.
            raise ImmutableVersionError("A kept version is for reading: write new content with create_version")
        super().save(*args, **kwargs)

    # Reading the document -------------------------------------------------------------------
    @property
    def title(self) -> str:
        return self.document["title"]["en"]

    @property
    def stages(self) -> list[dict]:
        return self.document["stages"]

    @property
    def principles(self) -> list[dict]:
        return self.document["principles"]

    @property
    def prompt_kinds(self) -> list[str]:
        return [prompt["kind"] for prompt in self.document["prompts"]]

    @property
    def indicator_count(self) -> int:
        return sum(len(principle["indicators"]) for principle in self.principles)


class Stage(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="stage_rows")
    key = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(help_text=_("0 is the lowest stage"))

    class Meta:
        ordering = ["version_id", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_stage_key_per_version")]

    def __str__(self):
        return self.key


class Principle(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="principle_rows")
    key = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version_id", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_principle_key_per_version")]

    def __str__(self):
        return self.key


class Indicator(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="indicator_rows")
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="indicators")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version_id", "principle__position", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_indicator_key_per_version")]

    def __str__(self):
        return self.key
