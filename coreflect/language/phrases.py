"""The built-in phrase list: read from `phrases/phrases.yaml`, checked by `schema.py`, and kept frozen.

`builtin()` gives the `BuiltinList` – its version, its themes, its legal titles and its entries as
`matching.Entry` – read once per process through `coreflect.caches` (the file changes only with a release).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from coreflect import caches

from .matching import Entry, Text
from .schema import PhraseList, PhraseListError, parse_phrase_list

PHRASE_FILE = Path(__file__).resolve().parent / "phrases" / "phrases.yaml"


@dataclass(frozen=True)
class BuiltinList:
    version: int
    themes: tuple[tuple[str, Text], ...]
    legal_titles: tuple[str, ...]
    entries: tuple[Entry, ...]
    asset_entries: tuple[Entry, ...] = ()

    def theme(self, key: str) -> Text:
        return dict(self.themes).get(key, Text(key, key))

    def entry(self, key: str) -> Entry | None:
        return next((entry for entry in self.entries if entry.key == key), None)


def read(path: Path = PHRASE_FILE) -> PhraseList:
    """The phrase list in `path`, or `PhraseListError` saying what is wrong and where."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PhraseListError([("", f"not valid YAML: {error}")], str(path)) from None
    return parse_phrase_list(data, str(path))


def as_builtin(phrase_list: PhraseList) -> BuiltinList:
    sources = {key: Text(text.en, text.cy) for key, text in phrase_list.sources.items()}
    entries = tuple(
        Entry(
            key=item.key,
            theme=item.theme,
            words_en=tuple(item.en),
            words_cy=tuple(item.cy),
            why=Text(item.why.en, item.why.cy),
            instead=tuple(Text(text.en, text.cy) for text in item.instead),
            source=sources[item.source],
            not_after=tuple(word.lower().replace("’", "'") for word in item.not_after),
            not_before=tuple(word.lower().replace("’", "'") for word in item.not_before),
        )
        for item in phrase_list.phrases
    )
    # Asset-based words are entries too, so one matcher counts them, with nothing to say about them.
    assets = tuple(
        Entry(
            key=item.key,
            theme="asset",
            words_en=tuple(item.en),
            words_cy=tuple(item.cy),
            why=Text(""),
            instead=(),
            source=Text(""),
        )
        for item in phrase_list.asset_phrases
    )
    return BuiltinList(
        version=phrase_list.version,
        themes=tuple((key, Text(text.en, text.cy)) for key, text in phrase_list.themes.items()),
        legal_titles=tuple(phrase_list.legal_titles),
        entries=entries,
        asset_entries=assets,
    )


def builtin() -> BuiltinList:
    return caches.kept("language.phrase-list", str(PHRASE_FILE), lambda: as_builtin(read()))
