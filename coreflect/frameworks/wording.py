"""A framework's wording for the reader: the text of a field in their language and wording, and its paragraphs.

Framework text fields are either plain strings or {"en": …, "cy": …, "easy_read": …} alternatives. Every app
that shows framework text (forms, results, printed documents) reads it through here; the `frameworks`
template filters of the same names do too.

Easy Read is a choice of wording, not of language: a participant who chose it, or a paper version printed
in it, reads every field through `easy_read()` (a context manager around building and rendering the page),
and `text()` then gives a field's Easy Read text where it has one, else its usual text. Easy Read text is
written in English only, so it is given in Welsh pages too (the choice says so), marked as English
(`language_of`). The pages' own words in Easy Read are ordinary translated strings, so they are in Welsh on
Welsh pages.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from coreflect.languages import in_welsh

_EASY_READ: ContextVar[bool] = ContextVar("easy_read", default=False)


def text(value) -> str:
    """The wording of a framework text field in the reader's language, falling back to English."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    # Asking for the chosen wording or the active language costs more than the rest of this function, so
    # only ask when there is an Easy Read or Welsh text to choose.
    easy = value.get("easy_read")
    if easy and _EASY_READ.get():
        return easy
    welsh = value.get("cy")
    if welsh and in_welsh():
        return welsh
    return value.get("en", "")


def language_of(value) -> str:
    """ "en" when `text(value)` gives the field's Easy Read text on a Welsh page (Easy Read text is written in
    English, and the page must say so: WCAG 3.1.2, language of parts), else ""."""
    easy = isinstance(value, Mapping) and value.get("easy_read") and _EASY_READ.get()
    return "en" if easy and in_welsh() else ""


def paragraphs(value) -> list[str]:
    """A multi-paragraph text field split at blank lines, for <p> elements."""
    return [part.strip() for part in text(value).split("\n\n") if part.strip()]


def is_easy_read() -> bool:
    """Whether the page being built is in Easy Read."""
    return _EASY_READ.get()


@contextmanager
def easy_read(on: bool = True) -> Iterator[None]:
    """Build and render what is inside in Easy Read (or, with on=False, in the usual wording)."""
    token = _EASY_READ.set(bool(on))
    try:
        yield
    finally:
        _EASY_READ.reset(token)


def choose_easy_read(on: bool) -> None:
    """Read on in Easy Read (or not) until the end of the `easy_read()` block this runs inside: a page's view,
    once it knows what the reader chose."""
    _EASY_READ.set(bool(on))


def has_easy_read(document: Mapping) -> bool:
    """Whether a framework document has Easy Read text to offer (its first principle's title has one)."""
    principles = document.get("principles") or []
    title = principles[0].get("title") if principles else None
    return isinstance(title, Mapping) and bool(title.get("easy_read"))
