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

from . import wording


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
        """The framework's name in the reader's language (English where it has no other)."""
        return wording.text(self.document["title"])

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


class Variant(models.TextChoices):
    """The alternative texts of a framework that people must check before they are trusted."""

    WELSH = "cy", _("Welsh")
    EASY_READ = "easy_read", _("Easy Read")


class WordingReview(models.Model):
    """An organisation's record that a framework version's Welsh, or its Easy Read, has been checked:
    Welsh by a fluent Welsh speaker, Easy Read by people with learning disabilities."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="wording_reviews")
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="reviews")
    variant = models.CharField(max_length=20, choices=Variant.choices)
    checked_by = models.CharField(max_length=200)
    checked_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["version_id", "variant"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version", "variant"], name="one_review_per_variant")
        ]

    def __str__(self):
        return f"{self.version} {self.variant} checked by {self.checked_by}"


class PictureLicence(models.TextChoices):
    """Open licences a picture may carry: each lets anyone use the picture, some with credit."""

    CC0 = "CC0-1.0", _("Public domain (CC0 1.0)")
    CC_BY = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    OGL = "OGL-UK-3.0", _("Open Government Licence v3.0")


LICENCE_LINKS: dict[str, str] = {
    PictureLicence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    PictureLicence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    PictureLicence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    PictureLicence.OGL: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}


class UploadedPicture(models.Model):
    """A picture an organisation uploaded for its copies of frameworks: PNG or JPEG, kept in the database
    (decision 16), named in a framework document as `upload-<id>`."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="pictures")
    description = models.CharField(max_length=200)
    licence = models.CharField(max_length=20, choices=PictureLicence.choices)
    credit = models.CharField(max_length=300)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation_id", "-uploaded_at", "-pk"]

    def __str__(self):
        return self.code

    @property
    def code(self) -> str:
        return f"upload-{self.pk}"

    @property
    def licence_link(self) -> str:
        return LICENCE_LINKS.get(self.licence, "")
