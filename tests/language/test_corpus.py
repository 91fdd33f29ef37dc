"""The lens is precise: over the corpus of sentences in corpus.yaml (at least 200, half that should match and
half that should not, English and Welsh, traps included) precision and recall are each at least 0.95."""

from pathlib import Path

import yaml

from coreflect.language import lens

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus.yaml").read_text(encoding="utf-8"))


def found(text):
    return {match.entry.key for match in lens.check(text).matches}


def test_the_corpus_is_big_enough_and_balanced():
    assert len(CORPUS["match"]) + len(CORPUS["no_match"]) >= 200
    assert len(CORPUS["match"]) >= 100 and len(CORPUS["no_match"]) >= 100
    welsh = [item for item in CORPUS["match"] if "yn" in item["text"].split() or "Mae" in item["text"]]
    assert len(welsh) >= 10


def test_precision_and_recall_are_at_least_0_95():
    true_positives = false_positives = false_negatives = 0
    misses = []
    for item in CORPUS["match"]:
        expected, got = set(item["entries"]), found(item["text"])
        true_positives += len(expected & got)
        false_positives += len(got - expected)
        false_negatives += len(expected - got)
        if got != expected:
            misses.append(f"{item['text']!r}: expected {sorted(expected)}, found {sorted(got)}")
    for text in CORPUS["no_match"]:
        got = found(text)
        false_positives += len(got)
        if got:
            misses.append(f"{text!r}: expected nothing, found {sorted(got)}")
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    report = f"precision {precision:.3f}, recall {recall:.3f} over {len(CORPUS['match']) + len(CORPUS['no_match'])} sentences"
    print(report)
    assert precision >= 0.95 and recall >= 0.95, report + "\n" + "\n".join(misses)


def test_every_entry_key_in_the_corpus_is_in_the_phrase_list():
    keys = {entry.key for entry in lens.builtin().entries}
    named = {key for item in CORPUS["match"] for key in item["entries"]}
    assert named <= keys, named - keys
