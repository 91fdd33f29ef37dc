"""The language lens as the other apps call it: check text against an organisation's phrase list.

- `check(text, organisation=None, language="all")` → `Check`: every `Match` (position, words, entry), in order.
- `notes(fields, organisation)` → for each field of a page, the phrases found there that were not already
  noted earlier on the page (a phrase is pointed out once per page, however many fields use it).
- `phrase_counts(texts, organisation)` → how often each entry was used across many texts ("the words people
  used"), most used first; `asset_counts(texts)` → the same for the list's asset-based words ("people who
  draw on care and support", "lived experience"). Callers apply the round's suppression to what they show.
- `first_words(entry)`, `suggestions(entry)`, `why(entry)`, `theme_label(key)` → the words to show, in the language of the request.

An organisation's list is the built-in list without the entries it switched off, plus its own entries. Reading
it costs two queries; the compiled matcher is kept per process (`coreflect.caches`), keyed by the list's
version, the language and a digest of the organisation's changes, so a change is seen at once.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coreflect import caches
from coreflect.languages import in_welsh

from .matching import Entry, Match, Matcher, Text, build_matcher
from .models import lines
from .phrases import builtin

if TYPE_CHECKING:
    from coreflect.organisations.models import Organisation

    from .models import OwnEntry

LANGUAGES = ("all", "en", "cy")


@dataclass(frozen=True)
class ThemeCount:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Check:
    text: str
    matches: tuple[Match, ...]

    def by_theme(self) -> tuple[ThemeCount, ...]:
        """How many matches in each theme, most first (then in the list's order of themes)."""
        counts = Counter(match.entry.theme for match in self.matches)
        order = [key for key, _ in builtin().themes]
        ranked = sorted(counts, key=lambda key: (-counts[key], order.index(key) if key in order else len(order)))
        return tuple(ThemeCount(key, theme_label(key), counts[key]) for key in ranked)

    def entries(self) -> tuple[Entry, ...]:
        """Each entry found, once, in the order first found."""
        return tuple({match.entry.key: match.entry for match in self.matches}.values())


def request_language() -> str:
    return "cy" if in_welsh() else "en"


def theme_label(key: str) -> str:
    return builtin().theme(key).for_language(request_language())


def why(entry: Entry) -> str:
    return entry.why.for_language(request_language())


def first_words(entry: Entry) -> str:
    """The entry's first words to match, in the request's language (English where it has no Welsh)."""
    return (entry.words_cy if in_welsh() and entry.words_cy else entry.words_en)[0]


def suggestions(entry: Entry) -> tuple[str, ...]:
    return tuple(text.for_language(request_language()) for text in entry.instead)


def own_entry(row: OwnEntry, organisation_name: str) -> Entry:
    """An organisation's own entry as the matcher sees it."""
    instead_en, instead_cy = lines(row.instead_en), lines(row.instead_cy)
    return Entry(
        key=row.key,
        theme=row.theme,
        words_en=tuple(lines(row.words_en)),
        words_cy=tuple(lines(row.words_cy)),
        why=Text(row.why_en, row.why_cy),
        instead=tuple(
            Text(english, instead_cy[index] if index < len(instead_cy) else "")
            for index, english in enumerate(instead_en)
        ),
        source=Text(organisation_name, organisation_name),
        own=True,
    )


@dataclass(frozen=True)
class OrganisationList:
    """An organisation's phrase list: which built-in entries are off, and its own entries."""

    switched_off: frozenset[str]
    own: tuple[Entry, ...]

    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for entry in builtin().entries if entry.key not in self.switched_off) + self.own

    def digest(self) -> str:
        parts = sorted(self.switched_off) + [repr(entry) for entry in self.own]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def organisation_list(organisation: Organisation | None) -> OrganisationList:
    """Two queries: the organisation's switched-off keys and its own entries."""
    if organisation is None:
        return OrganisationList(frozenset(), ())
    off = frozenset(organisation.language_switched_off.values_list("key", flat=True))
    own = tuple(own_entry(row, organisation.name) for row in organisation.language_entries.all())
    return OrganisationList(off, own)


def matcher_for(organisation: Organisation | None = None, language: str = "all") -> Matcher:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    listed = organisation_list(organisation)
    phrase_list = builtin()
    key = (phrase_list.version, language, listed.digest())
    return caches.kept(
        "language.matcher", key, lambda: build_matcher(listed.entries(), phrase_list.legal_titles, language)
    )


def check(text: str, organisation: Organisation | None = None, language: str = "all") -> Check:
    return Check(text=text, matches=matcher_for(organisation, language).find(text))


@dataclass(frozen=True)
class Note:
    """A phrase to point out next to a field: the words as written, the entry they matched, and where they are in
    the field's text."""

    text: str
    entry: Entry
    start: int = 0
    end: int = 0


def notes(
    fields: Mapping[str, str],
    organisation: Organisation | None = None,
    language: str = "all",
    already_noted: Iterable[str] = (),
) -> dict[str, tuple[Note, ...]]:
    """For each field (in the order given), the entries found in it that no earlier field – and none of the
    `already_noted` entry keys – brought up: never nagging twice about the same phrase on one page."""
    matcher = matcher_for(organisation, language)
    noted = set(already_noted)
    result: dict[str, tuple[Note, ...]] = {}
    for name, text in fields.items():
        found = []
        for match in matcher.find(text or ""):
            if match.entry.key not in noted:
                noted.add(match.entry.key)
                found.append(Note(match.text, match.entry, match.start, match.end))
        result[name] = tuple(found)
    return result


def phrase_counts(
    texts: Iterable[str], organisation: Organisation | None = None, language: str = "all"
) -> Sequence[tuple[Entry, int]]:
    """How many times each entry was used across `texts`, most used first."""
    matcher = matcher_for(organisation, language)
    counts: Counter[str] = Counter()
    entries: dict[str, Entry] = {}
    for text in texts:
        for match in matcher.find(text or ""):
            counts[match.entry.key] += 1
            entries[match.entry.key] = match.entry
    return [(entries[key], count) for key, count in counts.most_common()]


def asset_counts(texts: Iterable[str], language: str = "all") -> Sequence[tuple[str, str, int]]:
    """How many times each of the list's asset-based phrases was used across `texts`, most used first, as
    (key, the first words of the phrase in the request's language, count)."""
    phrase_list = builtin()
    matcher = caches.kept(
        "language.asset-matcher",
        (phrase_list.version, language),
        lambda: build_matcher(phrase_list.asset_entries, phrase_list.legal_titles, language),
    )
    counts: Counter[str] = Counter()
    entries: dict[str, Entry] = {}
    for text in texts:
        for match in matcher.find(text or ""):
            counts[match.entry.key] += 1
            entries[match.entry.key] = match.entry
    return [(key, first_words(entries[key]), count) for key, count in counts.most_common()]
