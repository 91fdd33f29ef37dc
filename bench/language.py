"""The language lens on a long document: how long checking a 50-page document (about 25,000 words) takes,
against simply reading it.

Run with `.venv/bin/python bench/language.py` (`--words 25000`, `--runs 7`). It writes a realistic strategy
document from a fixed pool of sentences (about one in eight uses a phrase from the list, some inside quotation
marks or legal titles), then times, in this process:

- reading it: lower-casing it and splitting it into sentences – the least any check has to do;
- checking it: the lens's `check` with the built-in phrase list (the matcher already built, as in a running
  service), then the page's marked paragraphs and list of matches;
- the first check in a process, which also reads the phrase list and builds the matcher;
- reading the words out of the same document as a Word file (.docx), as the "check a document" page does.

Target: checking takes under 1 s. The ratio to reading is the figure to compare between machines.
A benchmark, not a test: it exits 0 even when the target is missed, and says MISSED.
"""

import argparse
import io
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is not a package: its scripts import each other
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # and Coreflect itself

import results_scale

TARGET_SECONDS = 1.0
WORDS_PER_PAGE = 500

PLAIN = [
    "The partnership board will meet every quarter to review progress against this plan.",
    "We will publish what we spend and what changed for people each year.",
    "People who draw on care and support helped write every section of this strategy.",
    "Unpaid carers told us that short breaks matter more than anything else.",
    "The council will work with local groups to make sure nobody is left out.",
    "Our workforce plan sets out how we will recruit and keep good staff.",
    "Digital tools will be offered alongside, never instead of, people to talk to.",
    "We listened to more than four hundred people at events across the county.",
    "Housing, health and care teams will share one plan for each neighbourhood.",
    "Each action has an owner, a date and a way of telling whether it worked.",
    "Older people said they want to stay in their own homes for as long as they can.",
    "The budget for the coming year is set out in the appendix.",
    "Community groups will be paid for the time they give to planning.",
    "We will check our progress with the people it affects, not only with managers.",
    "Bus service users on rural routes asked for better timetables to the hospital.",
    "The Safeguarding Vulnerable Groups Act 2006 sets the rules for checks on staff.",
    'One person told us: "we were called service users, as if we were nothing else".',
]
WITH_PHRASES = [
    "Our service users will be consulted on the new offer.",
    "Vulnerable adults will be kept safe through clear processes.",
    "Each care package will be reviewed within six weeks.",
    "We will reduce the number of bed blockers in the acute trust.",
    "Clients with complex needs will be placed in specialist provision.",
    "Respite care will be available to informal carers in every district.",
    "Hard to reach groups will be targeted through outreach.",
    "Staff will manage challenging behaviour in line with the policy.",
]


def document(words: int, seed: int = 2026) -> str:
    rng = random.Random(seed)  # noqa: S311 - made-up text, not secrets
    paragraphs, count = [], 0
    while count < words:
        sentences = [rng.choice(WITH_PHRASES if rng.random() < 0.125 else PLAIN) for _ in range(rng.randint(3, 7))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def docx_bytes(text: str) -> bytes:
    from docx import Document

    word = Document()
    for paragraph in text.split("\n\n"):
        word.add_paragraph(paragraph)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50 * WORDS_PER_PAGE)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    cleanup = results_scale.configure_environment()
    try:
        import django

        django.setup()
        from coreflect import caches
        from coreflect.language import highlight, lens, reading

        text = document(options.words)
        words = len(text.split())
        data = docx_bytes(text)

        def read():
            return re.split(r"(?<=[.!?])\s+", text.lower())

        def check_and_show():
            check = lens.check(text)
            highlight.marked_paragraphs(check)
            highlight.listed_matches(check)
            return check

        caches.clear()
        started = time.perf_counter()
        first = lens.check(text)
        first_seconds = time.perf_counter() - started
        matches = len(first.matches)
        read_seconds = median_seconds(read, options.runs)
        check_seconds = median_seconds(lambda: lens.check(text), options.runs)
        page_seconds = median_seconds(check_and_show, options.runs)
        docx_seconds = median_seconds(lambda: reading.docx_text(data), max(1, options.runs // 2))

        rows = [
            ["reading it (lower-case, split into sentences)", f"{read_seconds * 1000:.1f} ms", "1"],
            ["checking it", f"{check_seconds * 1000:.1f} ms", f"{check_seconds / read_seconds:.0f}"],
            ["checking it and making the page's marks", f"{page_seconds * 1000:.1f} ms", f"{page_seconds / read_seconds:.0f}"],
            ["the first check in a process (reads the list, builds the matcher)", f"{first_seconds * 1000:.1f} ms", f"{first_seconds / read_seconds:.0f}"],
            [f"reading the words out of the .docx ({len(data) / 1024:.0f} KB)", f"{docx_seconds * 1000:.1f} ms", f"{docx_seconds / read_seconds:.0f}"],
        ]  # fmt: skip
        verdict = "OK" if page_seconds < TARGET_SECONDS else "MISSED"
        facts = results_scale.machine_facts()
        summary = (
            f"A {words:,}-word document ({words / WORDS_PER_PAGE:.0f} pages), {matches:,} matches; median of "
            f"{options.runs} runs. Target: checking it and making the page under {TARGET_SECONDS:.0f} s: {verdict} "
            f"({page_seconds:.3f} s)."
        )
        print()
        print("; ".join(f"{name}: {value}" for name, value in facts))
        print()
        print(results_scale.plain_table(["work", "time", "× reading"], rows))
        print()
        print(summary)
        results_scale.RESULTS_DIR.mkdir(exist_ok=True)
        path = results_scale.RESULTS_DIR / "latest-language.md"
        lines = [
            "# The language lens on a long document",
            "",
            *[f"- {name}: {value}" for name, value in facts],
            "",
            results_scale.markdown_table(["work", "time", "× reading"], rows),
            "",
            summary,
            "",
        ]
        path.write_text("\n".join(lines), encoding="utf-8")
        print(f"Written to {path}")
    finally:
        results_scale.clean_up(cleanup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
