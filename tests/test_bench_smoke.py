"""The benchmarks still work: the seeding helper makes a tiny data set and the load harness runs for a second.

The bench's floor views live in its own URL map (bench/floors.py), which only its server loads, so these
tests serve that map to the live server, as bench/load.py's gunicorn does.
"""

import random
import sys
from pathlib import Path

import pytest
from django.db import connection

from coreflect.reflections.models import Participant, Response

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_settings  # bench/ is not a package: its scripts import each other from their folder
import load
import results_scale
import workshop_load


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = bench_settings.ROOT_URLCONF


def inserted_rows():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {load.INSERT_TABLE}")  # noqa: S608 - a fixed name
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_seeding_helper_makes_a_round_where_everyone_answered_everything():
    seeded = results_scale.seed([5])
    round_ = seeded.rounds[5]
    principles = len(round_.framework_version.principles)
    assert Participant.objects.filter(round=round_, submitted_at__isnull=False).count() == 5
    assert Response.objects.filter(round=round_, completed=True).count() == 5 * principles
    assert round_.previous_round.participants.count() == 5


@pytest.mark.django_db
def test_the_floor_views_are_only_in_the_benchmarks_url_map(client, settings):
    assert client.get("/bench/noop").status_code == 404
    assert client.get("/bench/insert").status_code == 404
    settings.ROOT_URLCONF = bench_settings.ROOT_URLCONF
    assert client.get("/bench/noop").content == b"ok"
    assert client.get("/").status_code == 200  # and Coreflect's own pages, as the service serves them


@pytest.mark.django_db(transaction=True)
def test_the_load_harness_measures_the_floors_and_a_results_page_for_a_second(live_server, bench_urls):
    load.create_insert_table()
    noop = load.floor_noop(live_server.url, clients=2, duration=0.3)
    assert noop.requests > 0 and noop.errors == 0 and noop.p50 is not None

    insert = load.floor_insert(live_server.url, clients=2, duration=0.3)
    assert insert.requests > 0 and insert.errors == 0
    assert inserted_rows() == insert.requests  # one row per POST, each CSRF-checked like a browser's

    seeded = results_scale.seed([5])
    seeded.viewer.set_password(load.VIEWER_PASSWORD)
    seeded.viewer.save()
    browser = load.Browser(live_server.url)
    load.sign_in(browser, seeded.viewer.email, load.VIEWER_PASSWORD)
    overview = load.results_page(
        live_server.url, f"/rounds/{seeded.rounds[5].pk}/results/", [browser.cookies], clients=2, duration=0.4
    )
    assert overview.requests > 0 and overview.errors == 0


def open_round_and_plan(title) -> tuple:
    """A tiny seeded data set plus one empty open round, and a bench plan whose participant rounds are it."""
    from coreflect.reflections.models import RoundStatus

    seeded = results_scale.seed([5])
    content = results_scale.Content(seeded.rounds[5].framework_version)
    round_ = results_scale.seed_round(
        seeded.organisation, seeded.viewer, content, 0, random.Random(1), title=title, status=RoundStatus.OPEN
    )
    plan = load.Plan(
        viewer_email=seeded.viewer.email,
        password="",
        results={},
        steady_code=round_.link_code,
        journey_code=round_.link_code,
        principle_keys=[principle["key"] for principle in content.version.principles],
    )
    return round_, plan


@pytest.mark.django_db(transaction=True)
def test_a_small_crowd_of_journeys_stores_every_answer_sent(live_server, bench_urls):
    crowd_round, plan = open_round_and_plan("Crowd")
    crowd = load.crowd_journeys(live_server.url, plan, people=3, deadline_seconds=60)
    assert crowd.figures.errors == 0 and crowd.unfinished == 0
    assert load.stored_answers(crowd_round.pk) == (crowd.answers_sent, 3)
    assert crowd.answers_sent == 3 * len(plan.principle_keys)


def test_the_verdicts_hold_each_figure_to_its_target():
    def row(scenario, per_second, p50, floor="", target="x"):
        return load.Row(scenario, load.Figures(requests=1, per_second=per_second, p50=p50), floor, target)

    rows = [
        row("floor: no-op view (GET)", 1000, 1, "noop", ""),
        row("floor: one insert (POST)", 800, 1, "insert", ""),
        row("principle page (GET)", 140, 10, "noop"),  # 0.14x: under 0.15
        row("save a principle (POST)", 400, 5, "insert"),  # exactly 0.5x
        row("results overview, 100 participants", 50, 20, "noop", ""),
        row("results overview, 10,000 participants", 40, 39, "noop"),  # 1.95x the time
        row("results gaps, 100 participants", 50, 20, "noop", ""),
        row("results gaps, 10,000 participants", 40, 30, "noop"),
    ]
    load.judge(rows, [100, 10000], {"overview": "6/6", "gaps": "8/9"})
    verdicts = {r.scenario: r.verdict for r in rows if r.target}
    assert verdicts == {
        "principle page (GET)": "MISSED",
        "save a principle (POST)": "OK",
        "results overview, 10,000 participants": "OK",
        "results gaps, 10,000 participants": "MISSED",  # fast enough, but its query count grew
    }
    assert "8/9" in rows[-1].why


@pytest.mark.parametrize(("database", "verdict"), [("sqlite", "MISSED"), ("postgresql", "OK")])
def test_the_save_is_held_to_its_own_databases_target(database, verdict):
    rows = [
        load.Row("floor: one insert (POST)", load.Figures(requests=1, per_second=1000, p50=1), "insert", ""),
        load.Row("save a principle (POST)", load.Figures(requests=1, per_second=470, p50=2), "insert", "x"),
    ]
    load.judge(rows, [100], {}, database)
    assert rows[-1].verdict == verdict  # 0.47x: under SQLite's 0.5, over PostgreSQL's 0.45


@pytest.mark.django_db(transaction=True)
def test_the_principle_page_and_save_scenarios_run_as_many_participants(live_server, bench_urls):
    steady, plan = open_round_and_plan("Steady")
    page = load.principle_page(live_server.url, plan, clients=2, duration=0.3)
    assert page.requests > 0 and page.errors == 0
    save = load.principle_save(live_server.url, plan, clients=2, duration=0.5)
    assert save.requests > 0 and save.errors == 0
    people = Participant.objects.filter(round=steady)
    assert people.count() == 4 * load.PEOPLE_PER_CLIENT  # two clients, each joining for each scenario
    assert 0 < Response.objects.filter(round=steady).count() <= save.requests  # each save stored, some replaced


@pytest.mark.django_db(transaction=True)
def test_a_small_workshop_of_phones_loses_no_vote_and_polls_answer_304(live_server, bench_urls):
    from django.core.cache import cache

    workshop_round, _plan = open_round_and_plan("Workshop")
    plan = workshop_load.seed(workshop_round, workshop_round.created_by)
    room, browsers = workshop_load.phones_in_the_room(live_server.url, plan, phones=6, threads=2)
    assert room.failures == [] and room.joined == 6
    assert workshop_load.lost_votes(plan, room) == (6 * len(plan.principle_keys), 0)
    assert room.ideas == 2 * len(plan.principle_keys)  # one phone in four: phones 0 and 4
    assert room.dots == 6 * workshop_load.DOTS
    for label in ("join", "vote", "idea", "dot"):
        found = workshop_load.room_figures(room, label)
        assert found.requests > 0 and found.errors == 0 and found.per_second > 0
    polls = workshop_load.polls(live_server.url, plan, browsers, clients=2, duration=0.3)
    assert polls.requests > 0 and polls.errors == 0  # every one a 304: nothing changed
    cache.clear()  # the shared cache is a table that a transactional test does not empty
