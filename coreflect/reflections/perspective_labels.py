"""The perspectives a round starts with, and their labels in the reader's language.

A round keeps each perspective's label as a row (an organisation can reword it), written in the language of
whoever set the round up. A label nobody has reworded is still one of the labels below, in one of the languages
Coreflect offers: `shown_label` shows it in the language in use now instead, so a Welsh speaker taking part in a
round set up in English reads "Person sy'n cael gofal a chymorth". Wording an organisation chose stays as it is.
"""

from functools import cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

DEFAULT_LABELS = {
    "draws-on-support": _("Person who draws on care and support"),
    "family-carer": _("Family member or unpaid carer"),
    "frontline": _("Frontline worker"),
    "manager": _("Manager or leader"),
    "commissioner": _("Commissioner"),
    "partner": _("Partner organisation"),
    "other": _("Other"),
}


@cache
def _spellings(key: str) -> frozenset[str]:
    """The default label for `key` in every language Coreflect offers (the catalogues never change while it runs)."""
    spellings = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            spellings.add(str(DEFAULT_LABELS[key]))
    return frozenset(spellings)


def shown_label(key: str, label: str) -> str:
    """`label` as the reader should see it: a default label left as it was, in the language in use now."""
    if key in DEFAULT_LABELS and label in _spellings(key):
        return str(DEFAULT_LABELS[key])
    return label
