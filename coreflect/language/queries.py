"""Reading an organisation's phrase list for its pages: the built-in entries by theme, with which are switched
off (and why, by whom, when), and the organisation's own entries. Two queries, whatever the list's length."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lens import suggestions, theme_label, why
from .matching import Entry
from .phrases import builtin

if TYPE_CHECKING:
    from coreflect.organisations.models import Organisation

    from .models import OwnEntry, SwitchedOff


@dataclass(frozen=True)
class ListedEntry:
    entry: Entry
    why: str
    suggestions: tuple[str, ...]
    switched_off: SwitchedOff | None


@dataclass(frozen=True)
class ThemeSection:
    key: str
    label: str
    entries: tuple[ListedEntry, ...]


def phrase_list_page(
    organisation: Organisation,
) -> tuple[list[ThemeSection], list[tuple[OwnEntry, str]], int]:
    """The built-in entries grouped by theme, the organisation's own entries (with their theme's label), and how
    many built-in entries are switched off."""
    off = {row.key: row for row in organisation.language_switched_off.select_related("switched_off_by")}
    own = [(row, theme_label(row.theme)) for row in organisation.language_entries.all()]
    phrase_list = builtin()
    sections = []
    for key, _label in phrase_list.themes:
        entries = tuple(
            ListedEntry(entry, why(entry), suggestions(entry), off.get(entry.key))
            for entry in phrase_list.entries
            if entry.theme == key
        )
        if entries:
            sections.append(ThemeSection(key, theme_label(key), entries))
    return sections, own, sum(1 for key in off if phrase_list.entry(key) is not None)


def builtin_entry(key: str) -> Entry | None:
    return builtin().entry(key)
