"""Finding phrase list entries in text: plain whole-word matching with simple inflections, no language model.

`build_matcher(entries, legal_titles, language)` compiles every entry's words into one index of words (the
callers keep it through `coreflect.caches`, so it is built once per phrase list version, organisation's own
entries and language); `Matcher.find(text)` returns each `Match` with its position and its entry.

The rules, in the order they apply:

- Words match whole, in any case. Between the words of a phrase, a space, several spaces, a line break or a
  hyphen are all the same ("service user", "service-user"); a straight and a curly apostrophe are the same.
- In English the last word of a phrase may also take its plural: "s", "es" after s, x, ch and sh, and "ies"
  for a "y" after a consonant ("service users", "dependencies"). Other inflections are listed in the phrase
  list. Welsh words are matched exactly as listed, so every mutation a phrase needs is listed.
- A phrase joined by a hyphen to another word is part of that word, and does not match ("service user-led").
- When two phrases start at the same place, the longer wins ("vulnerable service users" over "service users").
- Text inside double quotation marks – straight "…" or curly “…”, on one line – is skipped: a quotation of a
  phrase is not using it. Single quotation marks are not skipped, as they are also apostrophes.
- Text inside one of the known legal titles of the phrase list (the "Safeguarding Vulnerable Groups Act 2006")
  is skipped. A match that overlaps a skipped piece of text at all is dropped.
- An entry's `not_after` and `not_before` words, directly before or after a match, mean it is something else:
  "bus service users" is not about people who draw on care and support.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coreflect.caches import freeze

APOSTROPHES = "'’‘ʼ"
# A word: letters and digits, with apostrophes inside it ("can’t", "i’r"). Hyphens join words, as spaces do.
TOKEN = re.compile(r"\w+(?:['’‘ʼ]\w+)*")
# What may stand between two words of one phrase: spaces, a line break, a hyphen, a closing apostrophe.
GAP = re.compile(r"[\s'’‘ʼ\-‐‑–]+")
QUOTED = re.compile(r"\"[^\"\n]{0,600}\"|“[^”\n]{0,600}”")
PRONOUNS = frozenset(
    {"them", "him", "her", "us", "to", "of", "on", "off", "for", "with", "from", "in", "into", "we", "do"}
)
ONE_APOSTROPHE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
HERE = ""  # the key, never a word, under which a node of the index keeps the entry whose phrase ends there


@dataclass(frozen=True)
class Text:
    """A sentence or phrase in English and Welsh (Welsh may be empty for an organisation's own entry)."""

    en: str
    cy: str = ""

    def for_language(self, language: str) -> str:
        return self.cy if language == "cy" and self.cy else self.en


@dataclass(frozen=True)
class Entry:
    """One phrase list entry, built-in or an organisation's own."""

    key: str
    theme: str
    words_en: tuple[str, ...]
    words_cy: tuple[str, ...]
    why: Text
    instead: tuple[Text, ...]
    source: Text
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    own: bool = False

    def words(self, language: str) -> tuple[str, ...]:
        if language == "en":
            return self.words_en
        if language == "cy":
            return self.words_cy
        return self.words_en + self.words_cy


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    entry: Entry


def _normal(words: str) -> str:
    return re.sub(r"\s+", " ", "".join("'" if char in APOSTROPHES else char for char in words.lower())).strip()


def words_of(phrase: str) -> list[str]:
    """A phrase as the matcher sees it: its words, in lower case, with one kind of apostrophe."""
    return [_normal(token.group()) for token in TOKEN.finditer(phrase)]


def word_forms(word: str, *, english: bool) -> tuple[str, ...]:
    """The forms the last word of a phrase may take: itself, and in English its plural."""
    if not english or word in PRONOUNS or not word[-1:].isalpha() or len(word) < 2:
        return (word,)
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        return (word, word[:-1] + "ies")
    if word.endswith(("s", "x", "ch", "sh")):
        return (word, word + "es")
    return (word, word + "s", word + "es")


@dataclass(frozen=True)
class Matcher:
    """Every phrase of a set of entries in one language (or "all" for both), compiled into one index of words:
    each node maps the next word to the node after it, and `HERE` to the entry whose phrase ends there.

    A word index, not one large regular expression: with the 142 built-in entries (nearly 1,000 phrases) an
    expression took 1.5 s to compile and 2.5 s to read 40,000 words; the index takes milliseconds for both."""

    index: Mapping[str, Any]
    legal_titles: re.Pattern[str] | None

    def find(self, text: str) -> tuple[Match, ...]:
        if not self.index or not text:
            return ()
        lowered = text.lower().translate(ONE_APOSTROPHE)
        if len(lowered) != len(text):  # a few letters grow when lowered ("İ"): keep positions true to `text`
            lowered = "".join(char.lower()[:1] for char in text).translate(ONE_APOSTROPHE)
        tokens = [(token.start(), token.end(), token.group()) for token in TOKEN.finditer(lowered)]
        skipped = _skipped_spans(text, self.legal_titles)
        starts = [start for start, _ in skipped]
        found: list[Match] = []
        position, count = 0, len(tokens)
        while position < count:
            longest = self._longest(text, tokens, position)
            if longest is None:
                position += 1
                continue
            last, entry = longest
            start, end = tokens[position][0], tokens[last][1]
            if (
                _joined_by_hyphen(text, start, end)
                or (skipped and _inside(start, end, skipped, starts))
                or _ruled_out(text, start, end, entry)
            ):
                position += 1
                continue
            found.append(Match(start=start, end=end, text=text[start:end], entry=entry))
            position = last + 1
        return tuple(found)

    def _longest(self, text: str, tokens: list[tuple[int, int, str]], position: int) -> tuple[int, Entry] | None:
        node = _step(self.index, tokens[position][2])
        best = None
        here = position
        while node is not None:
            if HERE in node:
                best = (here, node[HERE])
            here += 1
            if here >= len(tokens) or not GAP.fullmatch(text, tokens[here - 1][1], tokens[here][0]):
                break
            node = _step(node, tokens[here][2])
        return best


def _step(node: Mapping[str, Any], word: str) -> Mapping[str, Any] | None:
    """The node after `word`; a possessive ("user’s") is the word itself unless the list has it as written."""
    found = node.get(word)
    if found is None and word.endswith("'s"):
        found = node.get(word[:-2])
    return found


def _joined_by_hyphen(text: str, start: int, end: int) -> bool:
    """A phrase hyphenated onto another word is part of that word ("service user-led")."""
    before = start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum()
    return before or after


def _skipped_spans(text: str, legal_titles: re.Pattern[str] | None) -> list[tuple[int, int]]:
    spans = [hit.span() for hit in QUOTED.finditer(text)]
    if legal_titles is not None:
        spans.extend(hit.span() for hit in legal_titles.finditer(text))
    return sorted(spans)


def _inside(start: int, end: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether the match overlaps any skipped span ("The Chronically Sick …" overlaps a title that starts at
    "Chronically")."""
    index = bisect.bisect_left(starts, end) - 1
    while index >= 0:  # spans may overlap one another, so look back over those that start not long before
        span_start, span_end = spans[index]
        if span_start < end and start < span_end:
            return True
        if start - span_start > 1200:
            return False
        index -= 1
    return False


def _ruled_out(text: str, start: int, end: int, entry: Entry) -> bool:
    if entry.not_after:
        before = _normal(text[max(0, start - 60) : start])
        if any(before == word or before.endswith(" " + word) for word in entry.not_after):
            return True
    if entry.not_before:
        after = _normal(text[end : end + 60])
        if any(after == word or after.startswith((word + " ", word + ",", word + ".")) for word in entry.not_before):
            return True
    return False


def build_matcher(entries: Iterable[Entry], legal_titles: Sequence[str], language: str) -> Matcher:
    """Compile `entries` for `language` ("en", "cy" or "all"). When two entries list the same phrase, the
    first keeps it."""
    index: dict[str, Any] = {}
    for entry in entries:
        for english, phrases in ((True, entry.words_en), (False, entry.words_cy)):
            if language not in ("all", "en" if english else "cy"):
                continue
            for phrase in phrases:
                words = words_of(phrase)
                if not words:
                    continue
                for last in word_forms(words[-1], english=english):
                    node = index
                    for word in [*words[:-1], last]:
                        node = node.setdefault(word, {})
                    node.setdefault(HERE, entry)
    titles = "|".join(
        r"[\s\-‐‑–]+".join(re.escape(word) for word in re.split(r"\s+", title.strip())) for title in legal_titles
    )
    return Matcher(
        index=freeze(index),
        legal_titles=re.compile(rf"(?<!\w)(?:{titles})(?!\w)", re.IGNORECASE) if titles else None,
    )
