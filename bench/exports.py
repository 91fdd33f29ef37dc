"""Data downloads at scale: the peak memory of a CSV download at 5,000 and 50,000 participants, and the time
of the Excel workbook at 200 and 5,000.

Run with `.venv/bin/python bench/exports.py` (add DATABASE_URL to use PostgreSQL). It builds a throwaway
database, seeds one anonymous round per size with bench/results_scale.py's seeder (bulk inserts, every answer
sent and released), then, in this process, downloads:

- the "evidence" CSV (everything people wrote, the largest table of a round's data) and an admin's raw CSV
  (each person's answer to each principle, with their ticks), consuming the streamed response piece by piece
  while tracemalloc records the peak of Python's memory. The target: the peak at 50,000 is at most 20% above
  the peak at 5,000, as the CSV is streamed in chunks rather than built in memory;
- the round's data workbook (.xlsx), timed.

A benchmark, not a test: it exits 0 even when the target is missed, and says MISSED.
"""

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.results_scale import (
    FRAMEWORK_SLUG,
    Content,
    clean_up,
    configure_environment,
    machine_facts,
    plain_table,
    refresh_statistics,
    seed_round,
)

CSV_SIZES = (5_000, 50_000)
EXCEL_SIZES = (200, 5_000)
TARGET_GROWTH = 1.20  # peak memory at the larger size over the smaller


def seed(sizes):
    import random

    from coreflect.accounts.models import User
    from coreflect.frameworks.models import Framework
    from coreflect.organisations.models import Membership, Organisation, OrganisationKind
    from coreflect.organisations.permissions import Role
    from coreflect.reflections.models import RoundStatus

    organisation = Organisation.objects.create(name="Benchmark Council", kind=OrganisationKind.LOCAL_AUTHORITY)
    admin = User.objects.create_user(email="ada@bench.example", name="Ada Bench")
    Membership.objects.create(organisation=organisation, user=admin, role=Role.ADMIN)
    content = Content(Framework.objects.get(slug=FRAMEWORK_SLUG, organisation=None).current_version)
    rng = random.Random(2026)  # noqa: S311 - made-up answers, not secrets
    rounds, seconds = {}, {}
    for size in sizes:
        started = time.perf_counter()
        rounds[size] = seed_round(
            organisation, admin, content, size, rng, title=f"{size:,} people", status=RoundStatus.CLOSED
        )
        seconds[size] = time.perf_counter() - started
        print(f"  seeded {size:>6,} participants in {seconds[size]:6.1f} s", flush=True)
    return organisation, admin, rounds, seconds


def client_for(organisation, user):
    from django.test import Client

    from coreflect.organisations.middleware import SESSION_KEY

    client = Client()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = organisation.pk
    session.save()
    return client


def stream_peak(client, method: str, url: str, data: dict) -> tuple[float, int, float]:
    """(peak MiB of Python memory while the response is made and read, bytes, seconds)."""
    import gc

    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    started = time.perf_counter()
    response = getattr(client, method)(url, data)
    assert response.status_code == 200, response.status_code
    size = 0
    for piece in response.streaming_content:  # read and dropped, as a browser writing to disk would
        size += len(piece)
    response.close()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20, size, seconds


def timed_workbook(client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    size = sum(len(piece) for piece in response.streaming_content)
    response.close()
    return time.perf_counter() - started, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv-sizes", default=",".join(map(str, CSV_SIZES)))
    parser.add_argument("--excel-sizes", default=",".join(map(str, EXCEL_SIZES)))
    options = parser.parse_args()
    csv_sizes = sorted(int(size) for size in options.csv_sizes.split(","))
    excel_sizes = sorted(int(size) for size in options.excel_sizes.split(","))

    cleanup = configure_environment()
    try:
        import django
        from django.core.management import call_command

        django.setup()
        from django.urls import reverse

        print("Setting up a throwaway database…", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Seeding anonymous rounds on {FRAMEWORK_SLUG} (bulk inserts, everything sent and released)…")
        organisation, admin, rounds, seconds = seed(sorted(set(csv_sizes) | set(excel_sizes)))
        refresh_statistics()
        client = client_for(organisation, admin)
        client.get(reverse("organisations:dashboard"))  # the session's first request writes it; not measured

        rows, peaks = [], {}
        for size in csv_sizes:
            pk = rounds[size].pk
            for label, method, url, data in (
                ("evidence CSV", "get", reverse("exports:data-csv", args=[pk]), {"table": "evidence"}),
                ("raw CSV", "post", reverse("exports:data-raw", args=[pk]), {"format": "csv", "understood": "on"}),
            ):
                stream_peak(client, method, url, data)  # warm-up: templates, framework caches, imports
                peak, size_bytes, took = stream_peak(client, method, url, data)
                peaks[(label, size)] = peak
                rows.append([label, f"{size:,}", f"{size_bytes / 2**20:.1f} MiB", f"{took:.1f} s", f"{peak:.2f} MiB"])
        for size in excel_sizes:
            url = reverse("exports:data-xlsx", args=[rounds[size].pk])
            timed_workbook(client, url)
            took, size_bytes = timed_workbook(client, url)
            rows.append(["data workbook", f"{size:,}", f"{size_bytes / 2**20:.1f} MiB", f"{took:.1f} s", ""])

        print()
        print("; ".join(f"{name}: {value}" for name, value in machine_facts()))
        print()
        print(plain_table(["download", "participants", "file", "time", "peak memory"], rows))
        print()
        small, large = csv_sizes[0], csv_sizes[-1]
        for label in ("evidence CSV", "raw CSV"):
            ratio = peaks[(label, large)] / peaks[(label, small)]
            verdict = "OK" if ratio <= TARGET_GROWTH else "MISSED"
            print(
                f"{label}: peak memory at {large:,} is {ratio:.2f}× the peak at {small:,} (target ≤ {TARGET_GROWTH}): {verdict}"
            )
        print("Seeding time per round: " + ", ".join(f"{size:,}: {s:.1f} s" for size, s in seconds.items()))
    finally:
        clean_up(cleanup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
