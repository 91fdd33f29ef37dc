"""The shape of the phrase list (`phrases/phrases.yaml`), and the checks it must pass before it loads.

`parse_phrase_list(data)` turns the YAML's data into a `PhraseList` or raises `PhraseListError` listing every
problem as (path inside the file, what is wrong), e.g. `phrases[12].theme: 'pity' is not one of the themes`.
"""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN, max_length=60)]
Words = Annotated[str, StringConstraints(min_length=2, max_length=200)]
Sentence = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Bilingual(Strict):
    en: Sentence
    cy: Sentence


class PhraseEntry(Strict):
    key: Key
    theme: Key
    source: Key
    en: Annotated[list[Words], Field(min_length=1)]
    cy: list[Words] = []
    not_after: list[Words] = []
    not_before: list[Words] = []
    why: Bilingual
    instead: Annotated[list[Bilingual], Field(min_length=1)]


class AssetPhrase(Strict):
    """Asset-based words, counted beside the phrases (never pointed out)."""

    key: Key
    en: Annotated[list[Words], Field(min_length=1)]
    cy: list[Words] = []


class PhraseList(Strict):
    version: Annotated[int, Field(ge=1)]
    themes: dict[Key, Bilingual]
    sources: dict[Key, Bilingual]
    legal_titles: list[Words] = []
    asset_phrases: list[AssetPhrase] = []
    phrases: Annotated[list[PhraseEntry], Field(min_length=1)]

    @model_validator(mode="after")
    def _references_hold(self) -> "PhraseList":
        problems: list[tuple[str, str]] = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(self.phrases):
            if entry.key in seen:
                problems.append(
                    (f"phrases[{index}].key", f"'{entry.key}' is already used by phrases[{seen[entry.key]}]")
                )
            seen.setdefault(entry.key, index)
            if entry.theme not in self.themes:
                problems.append(
                    (f"phrases[{index}].theme", f"'{entry.theme}' is not one of the themes ({', '.join(self.themes)})")
                )
            if entry.source not in self.sources:
                problems.append(
                    (
                        f"phrases[{index}].source",
                        f"'{entry.source}' is not one of the sources ({', '.join(self.sources)})",
                    )
                )
        if problems:
            raise PhraseListError(problems)
        return self


class PhraseListError(ValueError):
    """A phrase list that cannot load. `problems` is a list of (path, message)."""

    def __init__(self, problems: list[tuple[str, str]], source: str = ""):
        self.problems = problems
        self.source = source
        lines = [f"{path}: {message}" if path else message for path, message in problems]
        super().__init__((f"{source}\n" if source else "") + "\n".join(f"  {line}" for line in lines))


def _path(location: tuple) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def parse_phrase_list(data: object, source: str = "") -> PhraseList:
    """The phrase list, or `PhraseListError` naming every problem and where it is."""
    if not isinstance(data, dict):
        raise PhraseListError([("", "the file must hold a mapping with version, themes, sources and phrases")], source)
    try:
        return PhraseList.model_validate(data)
    except PhraseListError as error:
        raise PhraseListError(error.problems, source) from None
    except ValidationError as error:
        problems = []
        for item in error.errors():
            context = item.get("ctx", {}).get("error")
            if isinstance(context, PhraseListError):
                problems.extend(context.problems)
            else:
                problems.append((_path(item["loc"]), item["msg"]))
        raise PhraseListError(problems, source) from None
