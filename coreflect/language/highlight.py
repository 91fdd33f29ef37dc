"""A checked text as a page shows it: paragraphs with every match marked, and each match with its sentence.

`marked_paragraphs(check)` gives safe HTML paragraphs where each match is a `<mark>` followed by its number
(a link to the match in the list) and its first suggestion in brackets, read out in order by a screen reader;
the list (`listed_matches`) gives each match with its sentence, why it matters and every suggestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .lens import Check, request_language, suggestions, theme_label, why

SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
MAX_SENTENCE = 300


@dataclass(frozen=True)
class ListedMatch:
    number: int
    words: str
    sentence: str
    theme: str
    why: str
    suggestions: tuple[str, ...]
    source: str


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence a match is in, cut to about `MAX_SENTENCE` characters around it."""
    before = [hit.end() for hit in SENTENCE_END.finditer(text, max(0, start - MAX_SENTENCE), start)]
    begin = before[-1] if before else max(0, start - MAX_SENTENCE // 2)
    after = SENTENCE_END.search(text, end, end + MAX_SENTENCE)
    finish = after.end() if after else min(len(text), end + MAX_SENTENCE // 2)
    sentence = " ".join(text[begin:finish].split())
    prefix = "…" if begin > 0 and not before else ""
    suffix = "…" if not after and finish < len(text) else ""
    return f"{prefix}{sentence}{suffix}"


def listed_matches(check: Check) -> list[ListedMatch]:
    language = request_language()
    return [
        ListedMatch(
            number=number,
            words=match.text,
            sentence=sentence_around(check.text, match.start, match.end),
            theme=theme_label(match.entry.theme),
            why=why(match.entry),
            suggestions=suggestions(match.entry),
            source=match.entry.source.for_language(language),
        )
        for number, match in enumerate(check.matches, start=1)
    ]


def marked_paragraphs(check: Check) -> list[SafeString]:
    """The text split into paragraphs at blank lines (single line breaks kept), each match marked."""
    pieces: list[str] = []
    position = 0
    label = _("match")
    for number, match in enumerate(check.matches, start=1):
        pieces.append(escape(check.text[position : match.start]))
        pieces.append(
            format_html(
                '<mark class="coreflect-lens__mark">{}</mark>'
                '<sup><a class="govuk-link" href="#match-{}" id="in-text-{}">'
                '<span class="govuk-visually-hidden">{} </span>{}</a></sup>'
                ' <span class="govuk-body-s coreflect-lens__suggestion">({})</span>',
                match.text,
                number,
                number,
                label,
                number,
                _("instead: %(words)s") % {"words": suggestions(match.entry)[0]},
            )
        )
        position = match.end
    pieces.append(escape(check.text[position:]))
    html = "".join(pieces)
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", html) if part.strip()]
    return [mark_safe(part.replace("\n", "<br>")) for part in paragraphs]  # noqa: S308 - built from escaped text
