"""The round report as PDF and Word at scale: how long each takes for rounds of 200 and 5,000 participants.

Run with `.venv/bin/python bench/reports.py` (`--sizes 200,5000`, `--runs 1`). It builds a throwaway
database with the results benchmark's seeder (bench/results_scale.py: each round follows a closed round of
the same size, so "since last round" has something to compare), then makes the whole report – every section
– as a PDF and as a Word document, the way the download views and the background task do
(`exports.report_files.make`), and prints a table. Target: both sizes finish; 5,000 in under a minute each.

A benchmark, not a test: it exits 0 even when the target is missed, and says MISSED.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import results_scale

SIZES = (200, 5_000)
TARGET_SECONDS = 60.0
FORMATS = ("pdf", "docx")


def time_reports(seeded, sizes, runs: int) -> dict:
    """{(size, format): (median seconds, kilobytes, SQL queries)}."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coreflect.exports import report_files
    from coreflect.exports.models import Contents

    found = {}
    for size in sizes:
        round_ = seeded.rounds[size]
        for fmt in FORMATS:
            seconds, made, queries = [], None, 0
            for _ in range(runs):
                round_.refresh_from_db()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    made = report_files.make(round_, Contents.REPORT, fmt)
                    seconds.append(time.perf_counter() - started)
                queries = len(captured.captured_queries)
            found[(size, fmt)] = (statistics.median(seconds), len(made.content) / 1024, queries)
            print(f"  {size:>6,} participants, {fmt:<4}: {found[(size, fmt)][0]:6.1f} s", flush=True)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES), help="participants per round")
    parser.add_argument("--runs", type=int, default=1, help="times each report is made")
    options = parser.parse_args()
    sizes = sorted(int(size) for size in options.sizes.split(","))

    sys.path.insert(0, str(results_scale.BASE_DIR))
    cleanup = results_scale.configure_environment()
    try:
        import django
        from django.core.management import call_command

        django.setup()
        print("Setting up a throwaway database…", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        print("Seeding rounds (each after a closed round of the same size)…", flush=True)
        seeded = results_scale.seed(sizes)
        results_scale.refresh_statistics()
        print("Making the round report as PDF and Word…", flush=True)
        found = time_reports(seeded, sizes, options.runs)

        header = ["participants", "format", "seconds", "KB", "SQL queries", "verdict"]
        rows = []
        for (size, fmt), (seconds, kilobytes, queries) in found.items():
            verdict = "OK" if seconds < TARGET_SECONDS else "MISSED"
            rows.append([f"{size:,}", fmt, f"{seconds:.1f}", f"{kilobytes:.0f}", str(queries), verdict])
        facts = results_scale.machine_facts()
        print()
        print("; ".join(f"{name}: {value}" for name, value in facts))
        print()
        print(results_scale.plain_table(header, rows))
        missed = [row for row in rows if row[-1] != "OK"]
        if missed:
            print(f"\nMISSED: {len(missed)} report(s) took a minute or more (a benchmark: exit code 0 all the same)")
    finally:
        results_scale.clean_up(cleanup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
