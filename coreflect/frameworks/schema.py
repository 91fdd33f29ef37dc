"""The shape of a framework content file, and the checks that a file must pass before it loads.

`parse_document(data)` turns the YAML's data into a `FrameworkDocument` or raises
`FrameworkContentError` listing every problem as (path inside the file, what is wrong), e.g.
`principles[2].indicators[4].stage: 'halfway' is not one of this framework's stages (...)`.

Every text field may be a plain string or a mapping of alternatives – `{en: ..., easy_read: ...,
cy: ...}` – so Easy Read and Welsh wording can be added later without changing this schema.
The stored document always holds the mapping form.
"""

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN, max_length=60)]
# A picture shown beside Easy Read text: an OpenMoji code point sequence such as `1F91D` or `1F468-200D-1F469`
# (the file name of the picture in the `openmoji` package, without `.svg`), or in an organisation's copy one of
# its own uploaded pictures, `upload-<id>` (frameworks/uploads.py).
PICTURE_PATTERN = r"^([0-9A-F]{4,6}(-[0-9A-F]{4,6})*|upload-[1-9][0-9]{0,9})$"
Picture = Annotated[str, StringConstraints(pattern=PICTURE_PATTERN, max_length=80)]
Colour = Literal["red", "orange", "yellow", "light-green", "green", "blue", "purple", "grey"]
PromptKind = Literal["tick", "stage", "evidence", "rag", "reflections", "ideas"]
PlanColumn = Literal["what", "who", "when", "how"]
TEXT_VARIANTS = ("en", "easy_read", "cy")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _as_variants(value):
    return {"en": value} if isinstance(value, str) else value


class TextVariants(Strict):
    en: Annotated[str, StringConstraints(min_length=1, max_length=5000)]
    easy_read: Annotated[str, StringConstraints(min_length=1, max_length=5000)] | None = None
    cy: Annotated[str, StringConstraints(min_length=1, max_length=5000)] | None = None


Text = Annotated[TextVariants, BeforeValidator(_as_variants)]


class Credit(Strict):
    tool: Text
    authors: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] = []
    publisher: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    note: Text


class StageDoc(Strict):
    key: Key
    label: Text
    you_are_here_if: Text
    colour: Colour
    picture: Picture | None = None


class Story(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    text: Text


class IndicatorDoc(Strict):
    key: Key
    stage: Key
    text: Text
    picture: Picture | None = None


class Quote(Strict):
    stage: Key
    text: Text


class PrincipleDoc(Strict):
    key: Key
    title: Text
    about: Text
    story: Story | None = None
    indicators: Annotated[list[IndicatorDoc], Field(min_length=1)]
    quotes: list[Quote] = []


class Prompt(Strict):
    kind: PromptKind
    text: Text
    hint: Text | None = None


class Planning(Strict):
    idea_steps: list[Text] = []
    action_plan_columns: list[PlanColumn] = []
    overall_plan_columns: list[PlanColumn] = []


class FrameworkDocument(Strict):
    slug: Key
    title: Text
    summary: Text
    use: Literal["reflection", "lens"]
    introduction: Text
    credit: Credit
    stages: Annotated[list[StageDoc], Field(min_length=1)]
    principles: Annotated[list[PrincipleDoc], Field(min_length=1)]
    prompts: Annotated[list[Prompt], Field(min_length=1)]
    planning: Planning | None = None

    def stored(self) -> dict:
        """The form kept in the database: plain JSON, absent optional fields left out."""
        return self.model_dump(mode="json", exclude_none=True)


class FrameworkContentError(Exception):
    """A framework file that cannot load. `problems` is a list of (path, message)."""

    def __init__(self, problems: list[tuple[str, str]], source: str = ""):
        self.problems = problems
        self.source = source
        lines = [f"{path}: {message}" if path else message for path, message in problems]
        super().__init__((f"{source}\n" if source else "") + "\n".join(f"  {line}" for line in lines))


def format_location(location, data=None) -> str:
    """`principles[2].indicators[4].stage` from pydantic's location tuple.

    A text written as a plain string is reported at its own path, not at the `.en` it becomes.
    """
    parts = list(location)
    if parts and parts[-1] == "en" and isinstance(_lookup(data, parts[:-1]), str):
        parts.pop()
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _lookup(data, parts):
    for part in parts:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _plain_message(error) -> str:
    kind, message = error["type"], error["msg"]
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a field Coreflect knows (check the spelling)"
    if kind == "literal_error":
        return f"must be {message.removeprefix('Input should be ')}, not {error['input']!r}"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} is not a valid key: use lowercase letters, digits and single hyphens"
    if kind == "too_short" and isinstance(error.get("input"), list):
        return "needs at least one entry"
    if kind == "string_too_short":
        return "must not be empty"
    return message[0].lower() + message[1:] if message else kind


def _duplicates(keys: Sequence[str]) -> set[str]:
    seen: set[str] = set()
    repeated: set[str] = set()
    for key in keys:
        (repeated if key in seen else seen).add(key)
    return repeated


def cross_check(document: FrameworkDocument) -> list[tuple[str, str]]:
    """What the field types cannot say: keys unique, stages referred to exist, prompts sensible."""
    problems = []
    stage_keys = [stage.key for stage in document.stages]
    stage_list = ", ".join(stage_keys)
    for key in _duplicates(stage_keys):
        problems.append(("stages", f"the key {key!r} is used by more than one stage"))
    for key in _duplicates([principle.key for principle in document.principles]):
        problems.append(("principles", f"the key {key!r} is used by more than one principle"))
    indicator_keys = [indicator.key for principle in document.principles for indicator in principle.indicators]
    for key in _duplicates(indicator_keys):
        problems.append(("principles", f"the indicator key {key!r} is used more than once"))
    for p, principle in enumerate(document.principles):
        for i, indicator in enumerate(principle.indicators):
            if indicator.stage not in stage_keys:
                problems.append(
                    (
                        f"principles[{p}].indicators[{i}].stage",
                        f"{indicator.stage!r} is not one of this framework's stages ({stage_list})",
                    )
                )
        for q, quote in enumerate(principle.quotes):
            if quote.stage not in stage_keys:
                problems.append(
                    (
                        f"principles[{p}].quotes[{q}].stage",
                        f"{quote.stage!r} is not one of this framework's stages ({stage_list})",
                    )
                )
    kinds = [prompt.kind for prompt in document.prompts]
    for kind in _duplicates(kinds):
        problems.append(("prompts", f"the {kind!r} prompt is asked more than once"))
    if "stage" in kinds and len(stage_keys) < 2:
        problems.append(("prompts", "a 'stage' prompt needs at least two stages to choose from"))
    return problems


def parse_document(data, source: str = "") -> FrameworkDocument:
    if not isinstance(data, dict):
        raise FrameworkContentError([("", "the file must hold a mapping of fields (slug, title, ...)")], source)
    try:
        document = FrameworkDocument.model_validate(data)
    except ValidationError as error:
        problems = [(format_location(item["loc"], data), _plain_message(item)) for item in error.errors()]
        raise FrameworkContentError(problems, source) from None
    if problems := cross_check(document):
        raise FrameworkContentError(problems, source)
    return document
