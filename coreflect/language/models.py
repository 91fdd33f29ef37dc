"""An organisation's changes to the language lens: its own entries, and the built-in entries it switched off.

Both belong to one organisation and go with it. Who made each change, and when, is kept here and in the audit
trail (`Kind.LANGUAGE_ENTRY_CHANGED`, `Kind.LANGUAGE_ENTRY_SWITCHED`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coreflect.organisations.models import Organisation


def lines(value: str) -> list[str]:
    """The non-empty lines of a text box, trimmed: how own entries keep their lists."""
    return [line.strip() for line in value.splitlines() if line.strip()]


class OwnEntry(models.Model):
    """An entry an organisation added to the phrase list. Its words are one phrase a line, in each language."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="language_entries")
    theme = models.CharField(_("theme"), max_length=60)
    words_en = models.TextField(_("words in English"), blank=True)
    words_cy = models.TextField(_("words in Welsh"), blank=True)
    why_en = models.CharField(_("why it matters, in English"), max_length=500)
    why_cy = models.CharField(_("why it matters, in Welsh"), max_length=500, blank=True)
    instead_en = models.TextField(_("words to use instead, in English"))
    instead_cy = models.TextField(_("words to use instead, in Welsh"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return ", ".join(lines(self.words_en) or lines(self.words_cy))[:300]

    @property
    def key(self) -> str:
        return f"own-{self.pk}"


class SwitchedOff(models.Model):
    """A built-in entry an organisation does not want to be told about, with its reason."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="language_switched_off")
    key = models.CharField(max_length=60)
    reason = models.CharField(_("reason"), max_length=500)
    switched_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    switched_off_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="switch_off_an_entry_once")]

    def __str__(self):
        return self.key
