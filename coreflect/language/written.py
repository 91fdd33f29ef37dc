"""The lens where staff write: after a save, the page it leads to points out the phrases in what was just saved.

A view that saves text sends the person on with `?lens=` naming the fields that save changed
(`after_save(url, changed)`); the page it leads to reads that list (`asked`, which keeps only names the page
knows) and shows, next to each of those fields, the phrases found there (`field_notes`) with why they matter and
what to say instead, through `language/_notes.html` (`{% load lens %}{% lens_notes lens_notes "field" %}`).

So a note is shown once, on the page right after the save that wrote the words. Opening the page again later,
from a link or the menu, shows none; saving other fields points out only those. A phrase is pointed out once per
page however many fields use it. The lens never stops a save: it only runs after one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from . import lens
from .highlight import sentence_around

if TYPE_CHECKING:
    from django.http import HttpRequest

    from coreflect.organisations.models import Organisation

PARAMETER = "lens"
MAX_FIELDS = 200


@dataclass(frozen=True)
class ShownNote:
    """One phrase as a page shows it next to its field: the sentence around it split at the words, so the
    template can mark them, why they matter and the words to use instead, in the reader's language."""

    key: str  # the phrase list's entry
    words: str
    before: str
    after: str
    why: str
    suggestions: tuple[str, ...]
    own: bool


def after_save(url: str, changed: Iterable[str], anchor: str = "") -> str:
    """`url` with `?lens=` naming the changed fields (no parameter when nothing written changed)."""
    names = [name for name in changed if name]
    query = f"?{urlencode({PARAMETER: ','.join(names)}, safe=',')}" if names else ""
    return f"{url}{query}{'#' + anchor if anchor else ''}"


def asked(request: HttpRequest, known: Iterable[str]) -> list[str]:
    """The fields `?lens=` names that this page knows, in the order given, each once."""
    wanted = request.GET.get(PARAMETER, "").split(",")[:MAX_FIELDS]
    known = set(known)
    return list(dict.fromkeys(name for name in wanted if name in known))


def _shown(text: str, note: lens.Note) -> ShownNote:
    marker = "\x00"  # cannot be in text a form accepted: it marks where the words are in their sentence
    marked = f"{text[: note.start]}{marker}{text[note.end :]}"
    sentence = sentence_around(marked, note.start, note.start + 1)
    before, _, after = sentence.partition(marker)
    return ShownNote(
        key=note.entry.key,
        words=note.text,
        before=before,
        after=after,
        why=lens.why(note.entry),
        suggestions=lens.suggestions(note.entry),
        own=note.entry.own,
    )


def field_notes(
    fields: Mapping[str, str], organisation: Organisation | None, already_noted: Iterable[str] = ()
) -> dict[str, tuple[ShownNote, ...]]:
    """For each field with something to point out, its notes (two queries for the organisation's list; none
    when there are no fields)."""
    if not any(fields.values()):
        return {}
    found = lens.notes(fields, organisation, already_noted=already_noted)
    return {name: tuple(_shown(fields[name] or "", note) for note in notes) for name, notes in found.items() if notes}


def notes_for(
    request: HttpRequest, fields: Mapping[str, str], already_noted: Iterable[str] = ()
) -> dict[str, tuple[ShownNote, ...]]:
    """The notes for the fields of `fields` that this request's `?lens=` names."""
    chosen = asked(request, fields)
    return field_notes({name: fields[name] for name in chosen}, getattr(request, "organisation", None), already_noted)
