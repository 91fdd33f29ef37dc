"""Template filters for reading framework documents: the right wording for the reader."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def text(value) -> str:
    """The wording of a framework text field in the reader's language, falling back to English."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    # Asking for the active language costs more than the rest of this filter, so only ask when
    # there is a Welsh text to choose.
    welsh = value.get("cy")
    if welsh and (get_language() or "").lower().startswith("cy"):
        return welsh
    return value.get("en", "")


@register.filter
def paragraphs(value) -> list[str]:
    """A multi-paragraph text field split at blank lines, for <p> elements."""
    return [part.strip() for part in text(value).split("\n\n") if part.strip()]


@register.filter
def indicators_at(principle: dict, stage_key: str) -> list[dict]:
    return [indicator for indicator in principle["indicators"] if indicator["stage"] == stage_key]


@register.filter
def quotes_at(principle: dict, stage_key: str) -> list[dict]:
    return [quote for quote in principle.get("quotes", []) if quote["stage"] == stage_key]
