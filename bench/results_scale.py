"""Results pages at scale: how their time and SQL query count grow from 100 to 10,000 participants.

Run with `make bench` (or `.venv/bin/python bench/results_scale.py`). It builds a throwaway database,
seeds one organisation with three open anonymous rounds of 100, 1,000 and 10,000 submitted participants
(each following a closed round of the same size, so "since last round" has something to compare), then
times every results page at every size and prints a table. The numbers to read are the ratios and the
query counts, which are measured in the same run on the same machine; absolute times are not comparable
between machines. See bench/README.md.

A benchmark, not a test: it exits 0 even when a target is missed, and says MISSED.
"""

import argparse
import hashlib
import os
import platform
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"
SIZES = (100, 1_000, 10_000)
RUNS = 7
TARGET_RATIO = 2.0
FRAMEWORK_SLUG = "how-are-you-doing-2011"
PAGES = ["overview", "perspectives", "gaps", "statements", "words", "compare"]
BATCH = 2_000  # participants written per round trip (x4 responses, x about 16 ticks)


# --- The environment, set before Django starts ----------------------------------------------------


def _throwaway_postgres(url: str) -> tuple[str, str, str]:
    """A new, empty PostgreSQL database next to the one `url` names: (its url, its name, the admin url)."""
    import psycopg

    parts = urlsplit(url)
    name = f"coreflect_bench_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(url, autocommit=True) as admin:  # CREATE DATABASE cannot run in a transaction
        admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name, url


def configure_environment() -> dict:
    """Point Coreflect at a fresh database and production-like settings. Returns what to clean up."""
    workdir = tempfile.mkdtemp(prefix="coreflect-bench-")
    cleanup = {"workdir": workdir, "postgres": None}
    os.environ["DJANGO_SETTINGS_MODULE"] = "coreflect.settings"
    os.environ["DEBUG"] = "0"  # production-like: cached templates, no query log kept
    os.environ["SECURE_SSL_REDIRECT"] = "0"  # the test client speaks plain HTTP
    os.environ["SECURE_COOKIES"] = "0"
    os.environ["STATIC_MANIFEST"] = "0"  # no collectstatic manifest in a throwaway run
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    os.environ["COREFLECT_VAR_DIR"] = workdir  # never touch the project's var/ folder
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # A benchmark sends no real email; with DEBUG off the service insists the choice is made on purpose.
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    # WhiteNoise warns that STATIC_ROOT does not exist; the benchmark never serves static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    url = os.environ.get("DATABASE_URL")
    if not url:
        os.environ["SQLITE_PATH"] = str(Path(workdir) / "bench.sqlite3")
    elif urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"}:
        os.environ["DATABASE_URL"], name, admin_url = _throwaway_postgres(url)
        cleanup["postgres"] = (name, admin_url)
    else:
        print(f"Note: writing benchmark rows into the database at DATABASE_URL ({urlsplit(url).scheme}).")
    return cleanup


def clean_up(cleanup: dict) -> None:
    import shutil

    from django.db import connections

    for connection in connections.all():
        connection.close()
        if hasattr(connection, "close_pool"):
            connection.close_pool()
    if cleanup["postgres"]:
        import psycopg

        name, admin_url = cleanup["postgres"]
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    shutil.rmtree(cleanup["workdir"], ignore_errors=True)


# --- Seeding ---------------------------------------------------------------------------------------


class Content:
    """The framework version's rows, read once, in the shape the seeder needs."""

    def __init__(self, version):
        self.version = version
        self.stages = list(version.stage_rows.order_by("position"))
        self.principles = list(version.principle_rows.order_by("position"))
        position = {stage.pk: stage.position for stage in self.stages}
        self.indicators = {principle.pk: [] for principle in self.principles}
        for indicator in version.indicator_rows.all():
            self.indicators[indicator.principle_id].append((indicator.pk, position[indicator.stage_id]))


def _ticks(rng: random.Random, indicators: list, chosen: int) -> list[int]:
    """2 to 6 indicators, mostly at or below the chosen stage (weighted sampling without replacement)."""
    count = min(rng.randint(2, 6), len(indicators))
    weights = [3.0 if position <= chosen else 1.0 if position == chosen + 1 else 0.3 for _pk, position in indicators]
    keyed = sorted(
        ((rng.random() ** (1 / weight), pk) for (pk, _position), weight in zip(indicators, weights, strict=True))
    )
    return [pk for _key, pk in keyed[-count:]]


def seed_round(organisation, creator, content: Content, size: int, rng: random.Random, *, title, status, previous=None):
    """A round of `size` submitted participants, written with bulk inserts in batches."""
    from django.db import transaction
    from django.utils import timezone

    from coreflect.reflections import demo, services
    from coreflect.reflections.models import Participant, Rag, Response, SubjectKind

    with transaction.atomic():
        round_ = services.create_round(
            organisation=organisation,
            created_by=creator,
            perspectives=[key for key, _label, _group in services.DEFAULT_PERSPECTIVES],
            title=title,
            subject_kind=SubjectKind.SERVICE,
            subject_description="Made-up answers for the results benchmark.",
            framework_version=content.version,
            anonymous=True,
            threshold=5,
            previous_round=previous,
        )
        services.set_status(round_, status)
        perspectives = {p.key: p for p in round_.perspectives.all()}
        plan = [key for key, count in demo.share_out(size, demo.PERSPECTIVE_WEIGHTS).items() for _ in range(count)]
        rng.shuffle(plan)
        shift = {principle.pk: rng.uniform(-0.1, 0.1) for principle in content.principles}
        through = Response.ticked.through
        now = timezone.now()
        last_stage = len(content.stages) - 1
        for start in range(0, size, BATCH):
            people = []
            for index in range(start, min(start + BATCH, size)):
                key = plan[index]
                created = now - timedelta(days=rng.uniform(0.05, 30))
                people.append(
                    (
                        Participant(
                            round_id=round_.pk,
                            perspective_id=perspectives[key].pk,
                            token_hash=hashlib.sha256(f"coreflect-bench:{round_.pk}:{index}".encode()).hexdigest(),
                            created_at=created,
                            submitted_at=min(created + timedelta(minutes=rng.uniform(8, 70)), now),
                        ),
                        min(0.97, max(0.0, rng.gauss(demo.PERSPECTIVE_VIEW[key], 0.12))),
                    )
                )
            Participant.objects.bulk_create([participant for participant, _view in people])
            responses, ticks = [], []
            for participant, view in people:
                for principle in content.principles:
                    level = min(0.99, max(0.0, view + shift[principle.pk] + rng.gauss(0, 0.1)))
                    chosen = min(last_stage, int(level * len(content.stages)))
                    score = level + rng.gauss(0, 0.1)
                    rag = (
                        ""
                        if rng.random() < 0.05
                        else Rag.RED
                        if score < 0.27
                        else Rag.AMBER
                        if score < 0.6
                        else Rag.GREEN
                    )
                    evidence = ""
                    if rng.random() < 0.4:
                        evidence = rng.choice(demo.EVIDENCE_GOING_WELL if level >= 0.5 else demo.EVIDENCE_NOT_YET)
                    responses.append(
                        Response(
                            participant_id=participant.pk,
                            round_id=round_.pk,
                            principle_id=principle.pk,
                            stage_id=content.stages[chosen].pk,
                            rag=rag,
                            evidence=evidence,
                            ideas=rng.choice(demo.IDEAS) if rng.random() < 0.15 else "",
                            completed=True,
                            updated_at=participant.submitted_at,
                        )
                    )
                    ticks.append(_ticks(rng, content.indicators[principle.pk], chosen))
            Response.objects.bulk_create(responses)
            through.objects.bulk_create(
                [
                    through(response_id=response.pk, indicator_id=indicator)
                    for response, ticked in zip(responses, ticks, strict=True)
                    for indicator in ticked
                ],
                batch_size=10_000,
            )
    from coreflect.reflections import release, tallies

    tallies.rebuild(round_)  # answers were loaded in bulk: count them once, as the live services do one by one
    release.release_round(round_)  # and release them, so the results pages have every answer to show
    return round_


@dataclass
class Seeded:
    organisation: object
    viewer: object
    rounds: dict  # size -> Round
    seconds: dict = field(default_factory=dict)  # size -> seconds to seed that round


def seed(sizes) -> Seeded:
    from coreflect.accounts.models import User
    from coreflect.frameworks.models import Framework
    from coreflect.organisations.models import Membership, Organisation, OrganisationKind
    from coreflect.organisations.permissions import Role
    from coreflect.reflections.models import RoundStatus

    organisation = Organisation.objects.create(name="Benchmark Council", kind=OrganisationKind.LOCAL_AUTHORITY)
    facilitator = User.objects.create_user(email="fran@bench.example", name="Fran Bench")
    viewer = User.objects.create_user(email="val@bench.example", name="Val Bench")
    Membership.objects.create(organisation=organisation, user=facilitator, role=Role.FACILITATOR)
    Membership.objects.create(organisation=organisation, user=viewer, role=Role.VIEWER)
    content = Content(Framework.objects.get(slug=FRAMEWORK_SLUG, organisation=None).current_version)
    rng = random.Random(2026)  # noqa: S311 - made-up answers, not secrets
    seeded = Seeded(organisation, viewer, {})
    for size in sizes:
        previous = seed_round(
            organisation,
            facilitator,
            content,
            size,
            rng,
            title=f"{size:,} people – last year",
            status=RoundStatus.CLOSED,
        )
        started = time.perf_counter()
        seeded.rounds[size] = seed_round(
            organisation,
            facilitator,
            content,
            size,
            rng,
            title=f"{size:,} people",
            status=RoundStatus.OPEN,
            previous=previous,
        )
        seeded.seconds[size] = time.perf_counter() - started
        print(f"  seeded {size:>6,} participants in {seeded.seconds[size]:6.1f} s", flush=True)
    return seeded


def refresh_statistics() -> None:
    """On PostgreSQL, ANALYZE after the bulk load, as autovacuum would soon after in production; without it
    the planner still believes the tables are empty and the small round's pages scan every round's answers.
    SQLite is left as a deployment leaves it: Coreflect never runs ANALYZE there."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- Measuring -------------------------------------------------------------------------------------


@dataclass
class Measure:
    median_ms: float | None = None
    queries: int | None = None
    kilobytes: float | None = None
    error: str = ""


def _writes_session(sql: str) -> bool:
    return "django_session" in sql and sql.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))


def measure(seeded: Seeded, sizes, runs: int) -> dict:
    """{page: {size: Measure}}: one warm-up request, one counted, then `runs` timed ones."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from coreflect.organisations.middleware import SESSION_KEY

    client = Client()
    client.force_login(seeded.viewer)
    session = client.session
    session[SESSION_KEY] = seeded.organisation.pk
    session.save()
    results = {}
    for page in PAGES:
        results[page] = {}
        for size in sizes:
            url = reverse(f"results:{page}", args=[seeded.rounds[size].pk])
            found = Measure()
            try:
                warm = client.get(url)
                if warm.status_code != 200:
                    raise RuntimeError(f"HTTP {warm.status_code}")
                found.kilobytes = len(warm.content) / 1024
                # The session is rewritten at most once a minute (the idle timeout); that write is not the
                # page's, so a request that made it is counted again.
                for _attempt in range(2):
                    with CaptureQueriesContext(connection) as captured:
                        client.get(url)
                    if not any(_writes_session(query["sql"]) for query in captured.captured_queries):
                        break
                found.queries = len(captured.captured_queries)
                times = []
                for _ in range(runs):
                    started = time.perf_counter()
                    client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                found.median_ms = statistics.median(times)
            except Exception as error:  # report the page as broken and carry on measuring the others
                found.error = f"{type(error).__name__}: {error}"[:120]
            results[page][size] = found
            shown = f"{found.median_ms:9.1f} ms" if found.median_ms is not None else f"ERROR {found.error}"
            print(f"  {page:<13}{size:>7,}  {shown}", flush=True)
    return results


# --- Reporting -------------------------------------------------------------------------------------


def verdicts(results: dict, sizes) -> dict:
    """{page: (ratio or None, "OK" | "MISSED" | "ERROR", why)}."""
    smallest, largest = sizes[0], sizes[-1]
    found = {}
    for page, by_size in results.items():
        if any(by_size[size].error for size in sizes):
            found[page] = (None, "ERROR", next(by_size[size].error for size in sizes if by_size[size].error))
            continue
        ratio = by_size[largest].median_ms / by_size[smallest].median_ms
        counts = {by_size[size].queries for size in sizes}
        why = []
        if ratio > TARGET_RATIO:
            why.append(f"time grew {ratio:.1f}x (target <= {TARGET_RATIO:.1f}x)")
        if len(counts) > 1:
            why.append("query count changes with size")
        found[page] = (ratio, "MISSED" if why else "OK", "; ".join(why))
    return found


def table_rows(results: dict, sizes, judged: dict) -> tuple[list[str], list[list[str]]]:
    header = ["page", *[f"{size:,} ms" for size in sizes], f"ratio {sizes[-1]:,}/{sizes[0]:,}", "queries", "verdict"]
    rows = []
    for page, by_size in results.items():
        ratio, verdict, _why = judged[page]
        times = [f"{by_size[s].median_ms:,.1f}" if by_size[s].median_ms is not None else "error" for s in sizes]
        queries = "/".join(str(by_size[s].queries) if by_size[s].queries is not None else "?" for s in sizes)
        rows.append([page, *times, f"{ratio:.2f}" if ratio is not None else "-", queries, verdict])
    return header, rows


def plain_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]

    def line(cells):
        return " | ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line(header), "-+-".join("-" * w for w in widths), *(line(row) for row in rows)])


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    align = ["---" if name in {"page", "scenario", "target", "verdict"} else "---:" for name in header]  # numbers right
    return "\n".join("| " + " | ".join(cells) + " |" for cells in [header, align, *rows])


def git_commit() -> str:
    def git(*args) -> str:
        result = subprocess.run(  # noqa: S603 - fixed arguments, read-only git commands
            ["git", *args],  # noqa: S607 - git from PATH, as a developer runs it
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},  # never rewrite the index while someone else works
            check=False,
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    try:
        commit = git("rev-parse", "--short", "HEAD")
        if commit and git("status", "--porcelain", "--untracked-files=no"):
            commit += " (with uncommitted changes)"
        return commit or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine_facts() -> list[tuple[str, str]]:
    import django
    from django.db import connection

    database = connection.vendor
    if database == "sqlite":
        import sqlite3

        database += f" {sqlite3.sqlite_version}"
    else:
        database += " " + ".".join(str(n) for n in connection.get_database_version())
    return [
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("commit", git_commit()),
        ("database", database),
        ("Python", platform.python_version()),
        ("Django", django.get_version()),
        ("machine", f"{platform.platform()}, {os.cpu_count()} CPUs"),
    ]


def write_markdown(facts, header, rows, judged, seeded: Seeded, results, sizes, runs: int) -> Path:
    lines = [
        "# Results pages at scale",
        "",
        *[f"- {name}: {value}" for name, value in facts],
        f"- method: median of {runs} requests after one warm-up, Django test client signed in as a viewer;"
        " queries counted on one request",
        "",
        markdown_table(header, rows),
        "",
        f"Target: the {sizes[-1]:,}-participant page takes at most {TARGET_RATIO:.1f}x the {sizes[0]:,}-participant"
        " page, with the same number of SQL queries at every size.",
        "",
        *[f"- {page}: **{verdict}**" + (f" – {why}" if why else "") for page, (_r, verdict, why) in judged.items()],
        "",
        "## Seeding",
        "",
        *[f"- {size:,} participants: {seconds:.1f} s" for size, seconds in seeded.seconds.items()],
        "",
        "## Page size (KB of HTML)",
        "",
        markdown_table(
            ["page", *[f"{size:,}" for size in sizes]],
            [
                [page, *[f"{by_size[s].kilobytes:,.0f}" if by_size[s].kilobytes is not None else "-" for s in sizes]]
                for page, by_size in results.items()
            ],
        ),
        "",
    ]
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / "latest-results.md"  # make bench's load.py writes latest.md
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default=",".join(str(s) for s in SIZES), help="participants per round, smallest first"
    )
    parser.add_argument("--runs", type=int, default=RUNS, help="timed requests per page and size")
    options = parser.parse_args()
    sizes = sorted(int(size) for size in options.sizes.split(","))

    sys.path.insert(0, str(BASE_DIR))
    cleanup = configure_environment()
    try:
        import django
        from django.core.management import call_command

        django.setup()
        print("Setting up a throwaway database…", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Seeding rounds on {FRAMEWORK_SLUG} (each after a closed round of the same size)…", flush=True)
        seeded = seed(sizes)
        refresh_statistics()
        print(f"Timing the results pages ({options.runs} requests each, after a warm-up)…", flush=True)
        results = measure(seeded, sizes, options.runs)

        judged = verdicts(results, sizes)
        header, rows = table_rows(results, sizes, judged)
        facts = machine_facts()
        print()
        print("; ".join(f"{name}: {value}" for name, value in facts))
        print()
        print(plain_table(header, rows))
        print()
        for page, (_ratio, verdict, why) in judged.items():
            print(f"{page:<13}{verdict}" + (f"  – {why}" if why else ""))
        print()
        seeding = ", ".join(f"{size:,}: {seconds:.1f} s" for size, seconds in seeded.seconds.items())
        print(f"Seeding time per round: {seeding}")
        path = write_markdown(facts, header, rows, judged, seeded, results, sizes, options.runs)
        print(f"Written to {path.relative_to(BASE_DIR)}")
        missed = [page for page, (_r, verdict, _w) in judged.items() if verdict != "OK"]
        if missed:
            print(f"\nMISSED: {', '.join(missed)} (a benchmark: exit code 0 all the same)")
    finally:
        clean_up(cleanup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
