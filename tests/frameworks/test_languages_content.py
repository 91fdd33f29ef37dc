"""Every built-in framework in Welsh and in Easy Read: each text has its Welsh, each part a participant reads
has its Easy Read wording – short sentences, easy to read, a picture beside each stage and statement."""

import re
from pathlib import Path

import pytest
import textstat

from coreflect.frameworks import content

BUILTINS = {path.stem: path for path in content.builtin_files()}
OPENMOJI = Path(__file__).resolve().parents[2] / "node_modules" / "openmoji" / "color" / "svg"
MOST_WORDS_IN_A_SENTENCE = 15
LEAST_READING_EASE = 80


def _document(slug: str) -> dict:
    return content.check_file(BUILTINS[slug]).stored()


def _texts(node, path=""):
    """Every text field of a stored document, as (path, {"en": ..., "cy": ..., "easy_read": ...})."""
    if isinstance(node, dict):
        if "en" in node and all(isinstance(value, str) for value in node.values()):
            yield path, node
            return
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{path}[{index}]")


def _read_by_participants(document: dict):
    """The texts a participant reads in the journey, which Easy Read must cover."""
    yield "title", document["title"]
    yield "summary", document["summary"]
    for s, stage in enumerate(document["stages"]):
        yield f"stages[{s}].label", stage["label"]
        yield f"stages[{s}].you_are_here_if", stage["you_are_here_if"]
    for p, principle in enumerate(document["principles"]):
        yield f"principles[{p}].title", principle["title"]
        yield f"principles[{p}].about", principle["about"]
        for i, indicator in enumerate(principle["indicators"]):
            yield f"principles[{p}].indicators[{i}].text", indicator["text"]
    for p, prompt in enumerate(document["prompts"]):
        yield f"prompts[{p}].text", prompt["text"]
        if "hint" in prompt:
            yield f"prompts[{p}].hint", prompt["hint"]


def sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+|\n+", text) if part.strip()]


def words(sentence: str) -> list[str]:
    return re.findall(r"[\w’'-]+", sentence)


@pytest.mark.parametrize("slug", sorted(BUILTINS))
def test_every_text_of_a_built_in_framework_has_its_welsh(slug):
    missing = [path for path, text in _texts(_document(slug)) if not text.get("cy")]
    assert missing == [], f"{slug}: {len(missing)} texts have no Welsh, e.g. {missing[:5]}"


@pytest.mark.parametrize("slug", sorted(BUILTINS))
def test_every_text_a_participant_reads_has_easy_read_wording(slug):
    missing = [path for path, text in _read_by_participants(_document(slug)) if not text.get("easy_read")]
    assert missing == [], f"{slug}: {len(missing)} texts have no Easy Read wording, e.g. {missing[:5]}"


@pytest.mark.parametrize("slug", sorted(BUILTINS))
def test_easy_read_sentences_are_short(slug):
    too_long = [
        (path, sentence)
        for path, text in _texts(_document(slug))
        if text.get("easy_read")
        for sentence in sentences(text["easy_read"])
        if len(words(sentence)) > MOST_WORDS_IN_A_SENTENCE
    ]
    assert too_long == [], f"{slug}: sentences over {MOST_WORDS_IN_A_SENTENCE} words: {too_long[:5]}"


@pytest.mark.parametrize("slug", sorted(BUILTINS))
def test_easy_read_is_easy_to_read(slug):
    easy_read = [text["easy_read"] for _, text in _texts(_document(slug)) if text.get("easy_read")]
    assert easy_read, f"{slug} has no Easy Read wording"
    textstat.set_lang("en")
    whole = "\n".join(" ".join(sentence.rstrip(".!?") + "." for sentence in sentences(text)) for text in easy_read)
    score = textstat.flesch_reading_ease(whole)
    assert score >= LEAST_READING_EASE, f"{slug}: Flesch reading ease {score:.1f}, below {LEAST_READING_EASE}"


@pytest.mark.parametrize("slug", sorted(BUILTINS))
def test_every_stage_and_statement_has_a_picture_from_the_openly_licensed_set(slug):
    document = _document(slug)
    parts = [(f"stages[{s}]", stage) for s, stage in enumerate(document["stages"])] + [
        (f"principles[{p}].indicators[{i}]", indicator)
        for p, principle in enumerate(document["principles"])
        for i, indicator in enumerate(principle["indicators"])
    ]
    without = [path for path, part in parts if not part.get("picture")]
    assert without == [], f"{slug}: no picture for {without[:5]}"
    unknown = [part["picture"] for _, part in parts if not (OPENMOJI / f"{part['picture']}.svg").exists()]
    assert unknown == [], f"{slug}: pictures not in OpenMoji: {unknown[:5]}"


def test_the_checks_catch_a_long_sentence_and_hard_words():
    long_sentence = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen."
    assert [len(words(sentence)) for sentence in sentences(long_sentence + " Short one.")] == [16, 2]
    textstat.set_lang("en")
    hard = "Organisational accountability necessitates comprehensive multidisciplinary collaboration."
    assert textstat.flesch_reading_ease(hard) < LEAST_READING_EASE
    assert textstat.flesch_reading_ease("We ask you. You tell us. We do it.") >= LEAST_READING_EASE
