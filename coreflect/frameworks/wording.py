"""A framework's wording for the reader: the text of a field in their language, and its paragraphs.

Framework text fields are either plain strings or {"en": …, "cy": …} alternatives. Every app that shows
framework text (forms, results, printed documents) reads it through here; the `frameworks` template
filters of the same names do too.
"""

from django.utils.translation import get_language


def text(value) -> str:
    """The wording of a framework text field in the reader's language, falling back to English."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    # Asking for the active language costs more than the rest of this function, so only ask when
    # there is a Welsh text to choose.
    welsh = value.get("cy")
    if welsh and (get_language() or "").lower().startswith("cy"):
        return welsh
    return value.get("en", "")


def paragraphs(value) -> list[str]:
    """A multi-paragraph text field split at blank lines, for <p> elements."""
    return [part.strip() for part in text(value).split("\n\n") if part.strip()]
