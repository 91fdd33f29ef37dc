"""The language benchmark still runs: its made-up document has the length asked for and phrases to find."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import language as language_bench  # bench/ is not a package: its scripts import each other from their folder

from coreflect.language import lens


def test_the_benchmarks_document_is_as_long_as_asked_and_has_phrases_to_find():
    text = language_bench.document(2_000)
    assert 2_000 <= len(text.split()) < 2_100
    check = lens.check(text)
    assert check.matches
    assert [sentence for sentence in language_bench.PLAIN if lens.check(sentence).matches] == []  # traps included
    assert all(lens.check(sentence).matches for sentence in language_bench.WITH_PHRASES)
    assert language_bench.docx_bytes("One.\n\nTwo.").startswith(b"PK")
