"""Load benchmark: Coreflect under concurrent HTTP load, as ratios to the framework's own floor.

Run with `make bench` (or `.venv/bin/python bench/load.py`). It builds a throwaway database (SQLite, or
PostgreSQL with DATABASE_URL) with results_scale.py's helpers, seeds rounds of 100, 1,000 and 10,000
participants, starts gunicorn (2 workers, DEBUG off) on a free 127.0.0.1 port, then drives it for a fixed
time per scenario with a fixed number of concurrent clients: the floors (a no-op view and a one-insert form),
the participant's principle page and saving it, the results overview and gaps pages at each size, and a crowd
of participants each completing a whole journey once. Prints the tables and writes bench/results/latest.md.

The load generator is the small one in loadgen.py (threads, http.client, a cookie jar and a form reader),
bounded by a deadline per scenario, loopback only. A benchmark, not a test: it exits 0 even when a target is MISSED.
"""

import argparse
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import results_scale  # the seeding and environment helpers live beside this file
import workshop_load
from loadgen import (
    Browser,
    Figures,
    Recorder,
    RequestFailed,
    csrf_token,
    figures,
    form_fields,
    run_clients,
)

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = results_scale.BASE_DIR
RESULTS_DIR = results_scale.RESULTS_DIR
DURATION = 5.0  # seconds per scenario
CYCLES = 3  # the floors, the principle page and saving it, measured in turn this many times
CLIENTS = 4  # concurrent clients per scenario: two per gunicorn worker keeps both busy
JOURNEYS = 200
JOURNEY_DEADLINE = 240.0
WORKERS = 2
TARGET_PAGE = 0.15  # principle page: requests/s at least this share of the no-op floor's
# Saving a principle: at least this share of the one-insert floor's, by database. PostgreSQL's is lower: the
# floor's insert is one trip to the server and a save needs two (find the participant, then save), with the
# server on the same cores. Any other database is held to SQLite's.
TARGET_SAVE = {"sqlite": 0.5, "postgresql": 0.45}
INSERT_TABLE = "bench_insert"
SCALE_RUNS = 5  # in-process requests per results page and size, for the query counts and a second timing
PEOPLE_PER_CLIENT = 25  # participants each client takes turns as, on the principle page and saving
ANSWER_VARIANTS = 3  # different answers per principle that each saving client cycles through
VIEWER_PASSWORD = "bench-" + secrets.token_urlsafe(16)


def save_target(database: str) -> float:
    """The save's target for a database, named as Django names it (`connection.vendor`)."""
    return TARGET_SAVE.get(database, TARGET_SAVE["sqlite"])


# --- What a browser does ----------------------------------------------------------------------------


def sign_in(browser: Browser, email: str, password: str) -> None:
    page = browser.get("/sign-in/")
    browser.post("/sign-in/", {"csrfmiddlewaretoken": csrf_token(page), "login": email, "password": password})


def join_round(browser: Browser, code: str, number: int, label=None) -> None:
    """A new participant: the start page, then choosing a perspective (spread over the round's)."""
    browser.get(f"/r/{code}/", label=label)
    page = browser.get(f"/r/{code}/perspective/", label=label)
    choices = [value for _kind, value in form_fields(page).get("perspective", [])]
    if not choices:
        raise RequestFailed("no perspectives to choose from")
    data = {"csrfmiddlewaretoken": csrf_token(page), "perspective": choices[number % len(choices)]}
    browser.post(f"/r/{code}/perspective/", data, label=label)


def answer(page: str, rng: random.Random) -> dict:
    """A filled-in principle form, built from the fields the page offers, as a person would fill it."""
    fields = form_fields(page)
    data = {"csrfmiddlewaretoken": csrf_token(page), "action": "continue"}
    for name, inputs in fields.items():
        kinds = {kind for kind, _value in inputs}
        values = [value for _kind, value in inputs]
        if "radio" in kinds:
            data[name] = rng.choice(values)
        elif "checkbox" in kinds:
            data[name] = rng.sample(values, min(len(values), rng.randint(2, 5)))
        elif "textarea" in kinds:
            data[name] = rng.choice(["", "We meet every month and people lead the agenda.", "Not yet."])
    return data


# --- Scenarios --------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What the seeding made that the scenarios need."""

    viewer_email: str
    password: str
    results: dict  # size -> round pk
    steady_code: str  # a round whose participants answer again and again
    journey_code: str  # a round the crowd of participants each answer once
    principle_keys: list
    workshop: workshop_load.WorkshopPlan | None = None  # a running workshop the phones join


def floor_noop(base, clients, duration) -> Figures:
    def step(browser, _state):
        browser.get("/bench/noop", label="noop")

    return run_clients(base, clients=clients, duration=duration, setup=lambda b, n: True, step=step, label="noop")


def floor_insert(base, clients, duration) -> Figures:
    """GET the form once (for its CSRF token, as a browser loads the page), then POST it again and again."""

    def setup(browser, _number):
        return urlencode({"csrfmiddlewaretoken": csrf_token(browser.get("/bench/insert"))})

    def step(browser, data):
        browser.post("/bench/insert", data, label="insert")

    return run_clients(base, clients=clients, duration=duration, setup=setup, step=step, label="insert")


def many_participants(browser: Browser, code: str, number: int) -> list[dict]:
    """Join the round as PEOPLE_PER_CLIENT people, one after another; their cookie jars, to take turns with.
    Many people each saving now and then is what a round sees, not one person saving thousands of times a
    second (which would also measure PostgreSQL cleaning up one row's old versions over and over)."""
    from coreflect.reflections.journey_views import COOKIE

    jars = []
    for person in range(PEOPLE_PER_CLIENT):
        browser.cookies.pop(COOKIE, None)
        join_round(browser, code, number * PEOPLE_PER_CLIENT + person)
        jars.append(dict(browser.cookies))
    return jars


def principle_page(base, plan: Plan, clients, duration) -> Figures:
    def setup(browser, number):
        return {"turn": number, "people": many_participants(browser, plan.steady_code, number)}

    def step(browser, state):
        state["turn"] += 1
        browser.cookies = state["people"][state["turn"] % PEOPLE_PER_CLIENT]
        key = plan.principle_keys[state["turn"] % len(plan.principle_keys)]
        browser.get(f"/r/{plan.steady_code}/principles/{key}/", label="page")

    return run_clients(base, clients=clients, duration=duration, setup=setup, step=step, label="page")


def principle_paths(plan: Plan) -> list[str]:
    return [f"/r/{plan.steady_code}/principles/{key}/" for key in plan.principle_keys]


def principle_save(base, plan: Plan, clients, duration) -> Figures:
    """Each client takes turns as several participants, each saving one principle's answer, with the form
    of the page it loaded."""

    def setup(browser, number):
        people = many_participants(browser, plan.steady_code, number)
        rng = random.Random(number)  # noqa: S311 - made-up answers, not secrets
        pages = [(path, browser.get(path)) for path in principle_paths(plan)]
        # A few different answers to each page, taken in turn: each save changes what was saved before
        # (the stage, the ticks, the words), as a person changing their mind does.
        forms = [
            (path, urlencode(answer(page, rng), doseq=True))
            for _variant in range(ANSWER_VARIANTS)
            for path, page in pages
        ]
        return {"turn": number, "forms": forms, "people": people}

    def step(browser, state):
        state["turn"] += 1
        browser.cookies = state["people"][state["turn"] % PEOPLE_PER_CLIENT]
        path, data = state["forms"][state["turn"] % len(state["forms"])]
        browser.post(path, data, label="save")

    return run_clients(base, clients=clients, duration=duration, setup=setup, step=step, label="save")


def results_page(base, path, sessions: list[dict], clients, duration) -> Figures:
    def setup(browser, number):
        browser.cookies = dict(sessions[number % len(sessions)])
        return True

    def step(browser, _state):
        browser.get(path, label="results")

    return run_clients(base, clients=clients, duration=duration, setup=setup, step=step, label="results")


@dataclass
class Crowd:
    figures: Figures
    answers_sent: int
    submitted: int
    unfinished: int


def crowd_journeys(base, plan: Plan, people: int, deadline_seconds: float) -> Crowd:
    """`people` participants start at the same moment and each complete the whole journey once."""
    recorder = Recorder()
    ready = threading.Barrier(people + 1, timeout=120)
    counts = {"answers": 0, "submitted": 0}
    lock = threading.Lock()
    failures = []
    deadline = time.monotonic() + deadline_seconds
    code = plan.journey_code

    def take_part(number):
        browser = Browser(base, recorder)
        rng = random.Random(10_000 + number)  # noqa: S311 - made-up answers, not secrets
        try:
            ready.wait()
            join_round(browser, code, number, label="journey")
            for key in plan.principle_keys:
                if time.monotonic() > deadline:
                    raise RequestFailed("deadline passed")
                path = f"/r/{code}/principles/{key}/"
                browser.post(path, answer(browser.get(path, label="journey"), rng), label="journey")
                with lock:
                    counts["answers"] += 1
            page = browser.get(f"/r/{code}/check/", label="journey")
            browser.post(f"/r/{code}/check/", {"csrfmiddlewaretoken": csrf_token(page)}, label="journey")
            with lock:
                counts["submitted"] += 1
            browser.get(f"/r/{code}/submitted/", label="journey")
        except (RequestFailed, threading.BrokenBarrierError) as error:
            failures.append(str(error))
        finally:
            browser.close()

    threads = [threading.Thread(target=take_part, args=(n,), daemon=True) for n in range(people)]
    for thread in threads:
        thread.start()
    recorder.open = True
    ready.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic() + 130))
    recorder.open = False
    found = figures(recorder.samples.get("journey", []), time.perf_counter() - started)
    found.notes = sorted(set(failures))[:3]
    return Crowd(found, counts["answers"], counts["submitted"], people - counts["submitted"])


# --- The server and the database --------------------------------------------------------------------


def create_insert_table() -> None:
    """The one-insert floor's table, in the throwaway database only (never a migration)."""
    from django.db import connection

    key, stamp = (
        ("BIGSERIAL PRIMARY KEY", "TIMESTAMP WITH TIME ZONE")
        if connection.vendor == "postgresql"
        else ("INTEGER PRIMARY KEY AUTOINCREMENT", "TIMESTAMP")
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {INSERT_TABLE} (id {key}, created_at {stamp} NOT NULL)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, log_path: Path) -> subprocess.Popen:
    # bench_settings.py is Coreflect's settings with floors.py's URL map: the floor views exist only here.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench_settings", "ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "0"}
    command = [sys.executable, "-m", "gunicorn", "coreflect.wsgi:application", "--workers", str(WORKERS)]
    command += ["--pythonpath", str(BENCH_DIR)]
    command += ["--bind", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning"]
    with log_path.open("ab") as log:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_until_healthy(server: subprocess.Popen, base: str, log_path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {server.returncode}):\n{log_path.read_text()[-2000:]}")
        browser = Browser(base, timeout=5)
        try:
            browser.get("/healthz")
            return
        except RequestFailed:
            time.sleep(0.2)
        finally:
            browser.close()
    raise RuntimeError(f"gunicorn did not answer /healthz within {seconds:.0f} s")


def stop_server(server: subprocess.Popen) -> None:
    """gunicorn and its workers: ask, then insist. Only the process group this benchmark started."""
    if server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    except ProcessLookupError:
        pass


def prepare(sizes) -> tuple[Plan, dict]:
    """Seed with results_scale.py's helpers, then two open rounds for the participants. Returns the plan,
    the journey round's id and what results_scale.py seeded."""
    from coreflect.frameworks.models import Framework
    from coreflect.reflections.models import RoundStatus

    seeded = results_scale.seed(sizes)
    seeded.viewer.set_password(VIEWER_PASSWORD)
    seeded.viewer.save(update_fields=["password"])
    content = results_scale.Content(
        Framework.objects.get(slug=results_scale.FRAMEWORK_SLUG, organisation=None).current_version
    )
    facilitator = seeded.rounds[sizes[0]].created_by
    rng = random.Random(8)  # noqa: S311 - made-up answers, not secrets
    rounds = {}
    for title in ("Answering again and again", "A crowd answering once", "A workshop of phones"):
        rounds[title] = results_scale.seed_round(
            seeded.organisation, facilitator, content, 0, rng, title=title, status=RoundStatus.OPEN
        )
    create_insert_table()
    plan = Plan(
        viewer_email=seeded.viewer.email,
        password=VIEWER_PASSWORD,
        results={size: round_.pk for size, round_ in seeded.rounds.items()},
        steady_code=rounds["Answering again and again"].link_code,
        journey_code=rounds["A crowd answering once"].link_code,
        principle_keys=[principle["key"] for principle in content.version.principles],
        workshop=workshop_load.seed(rounds["A workshop of phones"], facilitator),
    )
    return plan, {"journey_round": rounds["A crowd answering once"].pk, "seeded": seeded}


def stored_answers(round_pk) -> tuple[int, int]:
    """(completed answers, submitted participants) in the round, read from the database afterwards."""
    from coreflect.reflections.models import Participant, Response

    answers = Response.objects.filter(round_id=round_pk, completed=True).count()
    return answers, Participant.objects.filter(round_id=round_pk, submitted_at__isnull=False).count()


# --- Measuring and reporting ------------------------------------------------------------------------


@dataclass
class Row:
    scenario: str
    found: Figures | None
    floor: str = ""  # "noop" or "insert": what the ratio is to
    target: str = ""
    verdict: str = ""
    why: str = ""
    ratio: float | None = None  # set for the repeated scenarios: the median of each cycle's own ratio


def combined(cycles: list[Figures]) -> Figures:
    """One scenario measured in several cycles: requests and errors added up, the rest the cycles' median."""

    def median(values):
        values = [value for value in values if value is not None]
        return statistics.median(values) if values else None

    return Figures(
        requests=sum(found.requests for found in cycles),
        errors=sum(found.errors for found in cycles),
        per_second=median([found.per_second for found in cycles]) or 0.0,
        p50=median([found.p50 for found in cycles]),
        p95=median([found.p95 for found in cycles]),
        notes=[note for found in cycles for note in found.notes],
    )


def measure_all(
    base,
    plan: Plan,
    sizes,
    clients,
    duration,
    people,
    deadline,
    journey_round,
    queries,
    cycles=1,
    database="sqlite",
    phones=0,
) -> list[Row]:
    def say(row: Row) -> Row:
        found = row.found
        print(
            f"  {row.scenario:<34} {found.per_second:8.1f}/s  p50 {found.p50 or 0:7.1f} ms  "
            f"p95 {found.p95 or 0:7.1f} ms  errors {found.errors}"
            + (f"  ({'; '.join(found.notes)})" if found.notes else ""),
            flush=True,
        )
        return row

    floor_noop(base, clients, min(1.0, duration))  # warm-up, not counted: the workers' first requests import code
    # The floors and the participant's page and save, measured in turn, `cycles` times: a shared machine's
    # speed drifts, so each cycle's ratios are worked out within the cycle and the table shows the median.
    scenarios = {
        "noop": lambda: floor_noop(base, clients, duration),
        "insert": lambda: floor_insert(base, clients, duration),
        "page": lambda: principle_page(base, plan, clients, duration),
        "save": lambda: principle_save(base, plan, clients, duration),
    }
    found = {name: [] for name in scenarios}
    for cycle in range(cycles):
        for name, run in scenarios.items():
            found[name].append(run())
        page, save = found["page"][-1].per_second, found["save"][-1].per_second
        noop, insert = found["noop"][-1].per_second, found["insert"][-1].per_second
        print(
            f"  cycle {cycle + 1} of {cycles}: no-op {noop:,.0f}/s, insert {insert:,.0f}/s,"
            f" page {page:,.0f}/s ({page / noop:.3f}x), save {save:,.0f}/s ({save / insert:.3f}x)",
            flush=True,
        )

    def ratio(name, floor):
        pairs = zip(found[name], found[floor], strict=True)
        return statistics.median(mine.per_second / theirs.per_second for mine, theirs in pairs if theirs.per_second)

    rows = [
        say(Row("floor: no-op view (GET)", combined(found["noop"]), "noop", ratio=1.0)),
        say(Row("floor: one insert (POST)", combined(found["insert"]), "insert", ratio=1.0)),
        say(
            Row(
                "principle page (GET)",
                combined(found["page"]),
                "noop",
                f">= {TARGET_PAGE}x no-op",
                ratio=ratio("page", "noop"),
            )
        ),
        say(
            Row(
                "save a principle (POST)",
                combined(found["save"]),
                "insert",
                f">= {save_target(database)}x insert",
                ratio=ratio("save", "insert"),
            )
        ),
    ]
    sessions = []
    for _number in range(clients):
        browser = Browser(base)
        sign_in(browser, plan.viewer_email, plan.password)
        sessions.append(dict(browser.cookies))
        browser.close()
    for page, path in (("overview", "/rounds/{}/results/"), ("gaps", "/rounds/{}/results/gaps/")):
        for size in sizes:
            found = results_page(base, path.format(plan.results[size]), sessions, clients, duration)
            target = f"p50 <= {results_scale.TARGET_RATIO}x the {sizes[0]:,} page" if size == sizes[-1] else ""
            rows.append(say(Row(f"results {page}, {size:,} participants", found, "noop", target)))
    print(f"  {people} participants each completing a whole journey…", flush=True)
    crowd = crowd_journeys(base, plan, people, deadline)
    answers, submitted = stored_answers(journey_round)
    row = Row(f"{people} concurrent participants' journeys", crowd.figures, "", "0 errors, 0 lost answers")
    row.why = f"answers sent {crowd.answers_sent}, stored {answers}; submitted {crowd.submitted}, stored {submitted}"
    lost = crowd.answers_sent - answers
    problems = []
    if crowd.figures.errors or crowd.unfinished:
        problems.append(f"{crowd.figures.errors} errors, {crowd.unfinished} journeys unfinished")
    if lost or crowd.submitted != submitted:
        problems.append(f"{lost} answers lost")
    row.verdict = "MISSED" if problems else "OK"
    row.why += ("; " + "; ".join(problems)) if problems else ""
    rows.append(say(row))
    if phones and plan.workshop is not None:
        rows += [say(found) for found in workshop_rows(base, plan.workshop, phones, clients, duration, cycles)]
    judge(rows, sizes, queries, database)
    return rows


def workshop_rows(base, plan: workshop_load.WorkshopPlan, phones, clients, duration, cycles) -> list[Row]:
    """The workshop: `phones` join, vote, post ideas and spend dots (each request timed), then polls of an
    unchanged fragment against the no-op floor, measured in turn `cycles` times."""
    print(f"  {phones:,} phones in one workshop: joining, voting on 4 principles, ideas, dots…", flush=True)
    room, browsers = workshop_load.phones_in_the_room(base, plan, phones=phones)
    stored, lost = workshop_load.lost_votes(plan, room)
    rows = []
    for label, name in (("join", "join"), ("vote", "vote (POST)"), ("idea", "idea (POST)"), ("dot", "dot (POST)")):
        found = workshop_load.room_figures(room, label)
        row = Row(f"workshop: {name}", found, "", "0 errors" + (", 0 lost votes" if label == "vote" else ""))
        problems = [f"{found.errors} errors"] if found.errors else []
        if label == "vote":
            row.why = f"votes taken {room.votes_taken:,}, stored {stored:,}; phones joined {room.joined:,}"
            if lost:
                problems.append(f"{lost} votes lost")
        if label == "join" and room.failures:
            problems.append(f"{len(room.failures)} phones failed: {room.failures[0]}")
        row.verdict = "MISSED" if problems else "OK"
        row.why = "; ".join([row.why, *problems]).strip("; ")
        rows.append(row)
    polls, floors = [], []
    for _cycle in range(cycles):
        floors.append(floor_noop(base, clients, duration))
        polls.append(workshop_load.polls(base, plan, browsers, clients, duration))
    pairs = [(poll.per_second, floor.per_second) for poll, floor in zip(polls, floors, strict=True) if floor.per_second]
    ratio = statistics.median(poll / floor for poll, floor in pairs) if pairs else None
    found = combined(polls)
    row = Row("workshop: poll, unchanged (304)", found, "noop", f">= {workshop_load.TARGET_POLL}x noop", ratio=ratio)
    met = ratio is not None and ratio >= workshop_load.TARGET_POLL and not found.errors
    row.why = (f"{ratio:.2f}x the no-op floor" if ratio is not None else "no floor") + (
        f"; {found.errors} errors" if found.errors else ""
    )
    row.verdict = "OK" if met else "MISSED"
    rows.append(row)
    return rows


def judge(rows: list[Row], sizes, queries: dict, database: str = "sqlite") -> None:
    """Each row with a target gets OK or MISSED. `queries` is {page: "q/q/q"}, counted in-process at each size;
    `database` (`connection.vendor`) chooses the save's target."""
    floors = {row.floor: row.found.per_second for row in rows if row.scenario.startswith("floor")}
    by_name = {row.scenario: row for row in rows}
    for row in rows:
        if not row.target or row.verdict:
            continue
        ratio = ratio_to_floor(row, floors)
        if row.scenario.startswith("results"):
            page = row.scenario.split(",")[0]
            small = by_name[f"{page}, {sizes[0]:,} participants"].found.p50
            grown = row.found.p50 / small if row.found.p50 and small else None
            met = grown is not None and grown <= results_scale.TARGET_RATIO
            row.why = f"p50 grew {grown:.2f}x" if grown else "no times"
            counted = queries.get(page.removeprefix("results "), "")
            if len(set(counted.split("/"))) != 1:
                met = False
                row.why += f"; queries {counted or 'not counted'} (must not change with size)"
            else:
                row.why += f"; {counted.split('/')[0]} queries at every size"
        else:
            share = TARGET_PAGE if row.floor == "noop" else save_target(database)
            met = ratio is not None and ratio >= share
            row.why = f"{ratio:.2f}x the {row.floor} floor" if ratio is not None else "no floor"
        if row.found.errors:
            met = False
            row.why += f"; {row.found.errors} errors"
        row.verdict = "OK" if met else "MISSED"


def ratio_to_floor(row: Row, floors: dict) -> float | None:
    if row.ratio is not None:
        return row.ratio
    floor = floors.get(row.floor)
    return row.found.per_second / floor if floor else None


HEADER = ["scenario", "requests/s", "p50 ms", "p95 ms", "errors", "ratio to floor", "target", "verdict"]


def table_rows(rows: list[Row]) -> list[list[str]]:
    floors = {row.floor: row.found.per_second for row in rows if row.scenario.startswith("floor")}
    lines = []
    for row in rows:
        found = row.found
        ratio = ratio_to_floor(row, floors)
        lines.append(
            [
                row.scenario,
                f"{found.per_second:,.1f}",
                f"{found.p50:,.1f}" if found.p50 is not None else "-",
                f"{found.p95:,.1f}" if found.p95 is not None else "-",
                str(found.errors),
                f"{ratio:.3f} ({row.floor})" if ratio is not None else "-",
                row.target,
                row.verdict,
            ]
        )
    lines.append(["exports (1,000 participants)", "skipped – no exports yet", "", "", "", "", "", ""])
    return lines


def write_markdown(facts, rows: list[Row], options, seconds: dict, scale: tuple) -> Path:
    lines = [
        "# Load benchmark",
        "",
        *[f"- {name}: {value}" for name, value in facts],
        f"- server: gunicorn, {WORKERS} sync workers, DEBUG off, on 127.0.0.1",
        f"- load: {options.clients} concurrent clients for {options.duration:g} s per scenario (bench/load.py,"
        f" threads + http.client); the floors, principle page and save measured in turn {options.cycles} times,"
        f" each ratio the median of the cycles' own; journeys: {options.journeys} participants at once, each once",
        "- seeding: " + ", ".join(f"{size:,} participants in {s:.1f} s" for size, s in seconds.items()),
        "",
        results_scale.markdown_table(HEADER, table_rows(rows)),
        "",
        "Ratios are requests/s divided by the floor's requests/s in the same run: the no-op floor for pages"
        " (GET), the one-insert floor for saving (POST). For the floors, the principle page and saving it, the"
        " figures are the median of the cycles, and the ratio the median of each cycle's own ratio.",
        "",
        *[f"- {row.scenario}: **{row.verdict}** – {row.why}" for row in rows if row.verdict],
        "",
        "## Results pages in-process",
        "",
        f"Median of {SCALE_RUNS} requests through the Django test client (no web server), after a warm-up;"
        " SQL queries counted on one request at each size.",
        "",
        results_scale.markdown_table(*scale),
        "",
    ]
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / "latest.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in results_scale.SIZES))
    parser.add_argument("--duration", type=float, default=DURATION, help="seconds per scenario")
    parser.add_argument("--clients", type=int, default=CLIENTS, help="concurrent clients per scenario")
    parser.add_argument(
        "--cycles", type=int, default=CYCLES, help="times the floors, page and save are measured in turn"
    )
    parser.add_argument("--journeys", type=int, default=JOURNEYS, help="participants completing a journey at once")
    parser.add_argument("--journey-deadline", type=float, default=JOURNEY_DEADLINE, help="seconds, at most")
    parser.add_argument(
        "--phones", type=int, default=workshop_load.PHONES, help="phones in the workshop scenario (0: none)"
    )
    options = parser.parse_args()
    sizes = sorted(int(size) for size in options.sizes.split(","))

    sys.path.insert(0, str(BASE_DIR))
    cleanup = results_scale.configure_environment()
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,testserver"  # gunicorn's address, and the in-process test client
    server = None
    try:
        import django
        from django.core.management import call_command
        from django.db import connection, connections

        django.setup()
        print("Setting up a throwaway database…", flush=True)
        call_command("migrate", verbosity=0, interactive=False)
        print("Seeding (results_scale.py's rounds, then two open rounds for participants)…", flush=True)
        plan, seeded = prepare(sizes)
        results_scale.refresh_statistics()
        print("Results pages in-process, timed and their queries counted (results_scale.py)…", flush=True)
        scale = results_scale.measure(seeded["seeded"], sizes, SCALE_RUNS)
        judged = results_scale.verdicts(scale, sizes)
        scale_header, scale_rows = results_scale.table_rows(scale, sizes, judged)
        facts = results_scale.machine_facts()
        connections.close_all()
        log_path = Path(cleanup["workdir"]) / "gunicorn.log"
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(port, log_path)
        wait_until_healthy(server, base, log_path)
        print(f"gunicorn ({WORKERS} workers) on {base}; {options.clients} clients, {options.duration:g} s each:")
        rows = measure_all(
            base,
            plan,
            sizes,
            options.clients,
            options.duration,
            options.journeys,
            options.journey_deadline,
            seeded["journey_round"],
            {row[0]: row[-2] for row in scale_rows},  # page -> "queries at each size"
            options.cycles,
            connection.vendor,
            options.phones,
        )
        print()
        print("; ".join(f"{name}: {value}" for name, value in facts))
        print()
        print(results_scale.plain_table(HEADER, table_rows(rows)))
        print()
        print("Results pages in-process (the queries column is what the results target counts):")
        print(results_scale.plain_table(scale_header, scale_rows))
        print()
        for row in rows:
            if row.verdict:
                print(f"{row.scenario:<40}{row.verdict}  – {row.why}")
        path = write_markdown(facts, rows, options, seeded["seeded"].seconds, (scale_header, scale_rows))
        print(f"Written to {path.relative_to(BASE_DIR)}")
        missed = [row.scenario for row in rows if row.verdict == "MISSED"]
        if missed:
            print(f"\nMISSED: {', '.join(missed)} (a benchmark: exit code 0 all the same)")
    except KeyboardInterrupt:
        print("\nInterrupted: stopping the server and removing the throwaway database.")
        return 130
    finally:
        if server is not None:
            stop_server(server)
        results_scale.clean_up(cleanup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
