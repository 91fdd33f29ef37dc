"""How many people answered in Easy Read: a count on the results overview, released with the answers and
hidden when it, or the number who did not, is a small group."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coreflect.reflections import disclosure, services
from tests.reflections.conftest import make_round
from tests.reflections.easy_read import add_easy_read, remove_easy_read

COUNT = 'id="easy-read-count"'


def send(round_, perspective_key, *, easy_read):
    version = round_.framework_version
    participant, _token = services.start_participant(
        round_, round_.perspectives.get(key=perspective_key), easy_read=easy_read
    )
    services.save_answer(
        participant,
        version.principle_rows.get(key="people-as-assets"),
        services.Answer(stage=version.stage_rows.get(key="basics"), rag="amber"),
        asks_stage=True,
        finished=True,
    )
    services.submit(participant)
    return participant


@pytest.fixture
def easy_round(riverside, alice):
    add_easy_read()
    return make_round(riverside, alice)


def overview(client, round_):
    response = client.get(reverse("results:overview", args=[round_.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.find(COUNT) :][:400] if COUNT in page else ""


def test_the_count_shows_when_both_groups_reach_the_threshold(client_for, bob, easy_round):
    for _ in range(5):
        send(easy_round, "draws-on-support", easy_read=True)
    for _ in range(5):
        send(easy_round, "frontline", easy_read=False)
    assert "5 people answered in Easy Read." in overview(client_for(bob), easy_round)


def test_the_count_is_hidden_when_either_group_is_small(client_for, bob, easy_round):
    for easy_read in (True, True, True, False, False):
        send(easy_round, "draws-on-support", easy_read=easy_read)
    shown = overview(client_for(bob), easy_round)
    assert "is not shown" in shown and "fewer than 5 people" in shown
    assert "3 people" not in shown and "2 people" not in shown


def test_everyone_or_nobody_in_easy_read_is_shown(client_for, bob, easy_round):
    for _ in range(5):
        send(easy_round, "draws-on-support", easy_read=False)
    assert "0 people answered in Easy Read." in overview(client_for(bob), easy_round)


def test_the_count_moves_only_when_answers_are_released(client_for, bob, easy_round):
    for _ in range(5):
        send(easy_round, "draws-on-support", easy_read=True)
    for _ in range(5):
        send(easy_round, "frontline", easy_read=False)
    for _ in range(4):  # not yet a batch: nothing of them is released
        send(easy_round, "manager", easy_read=True)
    client = client_for(bob)
    assert "5 people answered in Easy Read." in overview(client, easy_round)
    send(easy_round, "manager", easy_read=True)
    assert "10 people answered in Easy Read." in overview(client, easy_round)


def test_changing_the_wording_after_sending_moves_no_figure(client_for, bob, easy_round):
    people = [send(easy_round, "draws-on-support", easy_read=True) for _ in range(5)]
    services.choose_wording(people[0], False)
    assert disclosure.figures(easy_round).easy_read == 5


def test_a_named_round_shows_the_count_live(client_for, bob, riverside, alice):
    add_easy_read()
    named = make_round(riverside, alice, anonymous=False, title="Named")
    send(named, "manager", easy_read=True)
    assert "1 person answered in Easy Read." in overview(client_for(bob), named)


def test_a_framework_with_no_easy_read_shows_no_count(client_for, bob, open_round):
    remove_easy_read(open_round.framework_version.framework.slug)
    open_round.framework_version.refresh_from_db()
    for _ in range(5):
        send(open_round, "draws-on-support", easy_read=False)
    assert overview(client_for(bob), open_round) == ""
    assert disclosure.figures(open_round).easy_read is None


def test_the_overview_reads_as_many_queries_for_10_or_30_people(client_for, bob, riverside, alice):
    add_easy_read()
    small, large = make_round(riverside, alice, title="Small"), make_round(riverside, alice, title="Large")
    for round_, people in ((small, 10), (large, 30)):
        for n in range(people):
            send(round_, ["draws-on-support", "frontline"][n % 2], easy_read=n % 4 < 2)
    client = client_for(bob)
    client.get(reverse("organisations:dashboard"))  # the first request of a session also saves the session
    counts = []
    for round_ in (small, large):
        with CaptureQueriesContext(connection) as captured:
            assert COUNT in client.get(reverse("results:overview", args=[round_.pk])).content.decode()
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 16, counts
