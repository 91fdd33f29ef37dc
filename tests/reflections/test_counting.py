"""Every sent answer is counted in the results exactly once, whatever a participant does in two tabs.

A tab is a copy of the participant read before the other tab acted (as each page is), so these tests
play out the interleavings one step at a time. After each, the running totals the results pages read
must equal a full recount of the answers (`tallies.rebuild`).
"""

import threading
import time

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coreflect.frameworks.queries import skeleton
from coreflect.reflections import release, services, tallies
from coreflect.reflections.models import Participant, Response, Tally, TickTally

from .conftest import Visitor, make_round

PRINCIPLES = ["people-as-assets", "valuing-work", "reciprocity", "social-networks"]
STAGES = ["not-yet", "basics", "getting-there", "doing-really-well"]


def running_totals(round_) -> dict:
    """What the results pages count from: every non-zero running total, and people sent per perspective."""
    return {
        "tallies": {
            (row.principle_key, row.perspective_id, row.stage_key, row.rag, row.ahead): row.n
            for row in Tally.objects.filter(round=round_)
            if row.n
        },
        "ticks": {
            (row.indicator_key, row.perspective_id): row.n for row in TickTally.objects.filter(round=round_) if row.n
        },
        "sent": dict(round_.perspectives.values_list("key", "submitted_count")),
    }


def assert_totals_match_a_recount(round_) -> dict:
    running = running_totals(round_)
    tallies.rebuild(round_)
    assert running == running_totals(round_)
    return running


def stage_counts(round_, principle_key: str) -> dict:
    counts = {}
    for row in Tally.objects.filter(round=round_, principle_key=principle_key, n__gt=0):
        counts[row.stage_key] = counts.get(row.stage_key, 0) + row.n
    return counts


def tab(participant) -> Participant:
    """A page's own copy of the participant, read now."""
    return Participant.objects.select_related("round").get(pk=participant.pk)


def save(participant, principle_key, stage=None, ticked=(), rag=""):
    shape = skeleton(participant.round.framework_version)
    answer = services.Answer(
        stage=shape.stages[stage] if stage else None,
        ticked=tuple(shape.indicators[principle_key][key] for key in ticked),
        rag=rag,
    )
    services.save_answer(participant, shape.principles[principle_key], answer, asks_stage=True, finished=True)


@pytest.fixture
def changes(monkeypatch):
    """Every call to release.note_change: one is due after each change to the counted answers."""
    calls = []
    real = release.note_change

    def noted(participant):
        calls.append(participant.pk)
        real(participant)

    monkeypatch.setattr(release, "note_change", noted)
    return calls


@pytest.fixture
def person(open_round):
    participant, _token = services.start_participant(open_round, open_round.perspectives.get(key="frontline"))
    save(participant, "people-as-assets", "basics", ticked=["people-as-assets-1"], rag="amber")
    return participant


def test_pressing_send_twice_counts_the_answers_once(open_round, person, changes):
    page = tab(person)
    services.submit(page)
    first_sent_at = page.submitted_at
    services.submit(page)

    totals = assert_totals_match_a_recount(open_round)
    assert totals["sent"]["frontline"] == 1
    assert stage_counts(open_round, "people-as-assets") == {"basics": 1}
    assert tab(person).submitted_at == first_sent_at
    assert changes == [person.pk]


def test_send_in_two_tabs_counts_the_answers_once(open_round, person, changes):
    first, second = tab(person), tab(person)
    services.submit(first)
    services.submit(second)  # this tab still thinks nothing was sent

    totals = assert_totals_match_a_recount(open_round)
    assert totals["sent"]["frontline"] == 1
    assert totals["ticks"] == {("people-as-assets-1", person.perspective_id): 1}
    assert second.submitted_at is not None  # the second tab now knows its answers were sent
    assert changes == [person.pk]


def test_a_change_saved_after_send_in_another_tab_reaches_the_results(open_round, person, changes):
    sending, typing = tab(person), tab(person)
    services.submit(sending)
    save(typing, "people-as-assets", "getting-there", ticked=["people-as-assets-2", "people-as-assets-3"])

    assert_totals_match_a_recount(open_round)
    assert stage_counts(open_round, "people-as-assets") == {"getting-there": 1}
    assert Response.objects.get().stage.key == "getting-there"
    assert changes == [person.pk, person.pk]  # sent, then changed


def test_a_new_principle_saved_after_send_in_another_tab_is_counted(open_round, person):
    sending, typing = tab(person), tab(person)
    services.submit(sending)
    save(typing, "reciprocity", "doing-really-well", rag="green")

    assert_totals_match_a_recount(open_round)
    assert stage_counts(open_round, "reciprocity") == {"doing-really-well": 1}


def test_deleting_after_send_in_another_tab_takes_the_answers_out_once(open_round, person, changes):
    sending, deleting = tab(person), tab(person)
    services.submit(sending)
    services.delete_participant(deleting)  # this tab still thinks nothing was sent
    services.delete_participant(sending)  # and the first tab deletes too

    totals = assert_totals_match_a_recount(open_round)
    assert totals == {"tallies": {}, "ticks": {}, "sent": {key: 0 for key in totals["sent"]}}
    assert not Participant.objects.exists()
    assert changes == [person.pk, person.pk]  # sent, then taken out


def test_a_save_or_send_after_delete_in_another_tab_brings_nothing_back(open_round, person):
    deleting, typing = tab(person), tab(person)
    services.delete_participant(deleting)
    save(typing, "valuing-work", "basics")
    services.submit(typing)

    assert not Participant.objects.exists() and not Response.objects.exists()
    assert assert_totals_match_a_recount(open_round)["sent"]["frontline"] == 0


def test_the_check_page_takes_a_second_send_calmly(visitor):
    visitor.join("frontline")
    visitor.answer("people-as-assets", stage="basics")
    for _press in range(2):
        response = visitor.client.post(visitor.url("check"), follow=True)
        assert "Thank you – your answers have been sent" in response.content.decode()
    totals = assert_totals_match_a_recount(visitor.round)
    assert totals["sent"]["frontline"] == 1


@pytest.mark.django_db(transaction=True)
def test_a_save_made_while_another_tab_is_sending_waits_for_it_and_is_counted(riverside, alice):
    """Truly at once: the save (PostgreSQL's one-statement save, or SQLite's queue of writers) waits for the
    Send to finish, then sees it, so the Send's count never misses the change."""
    round_ = make_round(riverside, alice)
    participant, _token = services.start_participant(round_, round_.perspectives.get(key="frontline"))
    save(participant, "people-as-assets", "basics")
    sending, typing = tab(participant), tab(participant)
    sent, order = threading.Event(), []

    def send():
        try:
            with transaction.atomic():
                services.submit(sending)
                sent.set()
                time.sleep(0.5)  # the other tab saves now, while this Send is not yet committed
                order.append("send")
        finally:
            sent.set()
            connection.close()

    def change():
        try:
            sent.wait(10)
            save(typing, "people-as-assets", "getting-there")
            order.append("save")
        finally:
            connection.close()

    threads = [threading.Thread(target=send), threading.Thread(target=change)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert order == ["send", "save"]
    assert stage_counts(round_, "people-as-assets") == {"getting-there": 1}
    assert_totals_match_a_recount(round_)


# Random sequences: two people, each with two tabs that go stale as the other acts.
answers = st.tuples(
    st.sampled_from(PRINCIPLES),
    st.one_of(st.none(), st.sampled_from(STAGES)),
    st.sets(st.integers(min_value=1, max_value=6), max_size=4),
    st.sampled_from(["", "red", "amber", "green"]),
)
steps = st.one_of(
    st.tuples(st.just("start"), st.integers(0, 1)),
    st.tuples(st.just("save"), st.integers(0, 1), st.sampled_from("ab"), answers),
    st.tuples(st.just("send"), st.integers(0, 1), st.sampled_from("ab")),
    st.tuples(st.just("reload"), st.integers(0, 1), st.sampled_from("ab")),
    st.tuples(st.just("delete"), st.integers(0, 1), st.sampled_from("ab")),
)


def play(round_, sequence) -> None:
    perspectives = [round_.perspectives.get(key="frontline"), round_.perspectives.get(key="manager")]
    people = [{}, {}]  # tab name -> that tab's copy of the person
    for step in sequence:
        action, who, *rest = step
        tabs = people[who]
        if action == "start":
            if not tabs:
                participant, _token = services.start_participant(round_, perspectives[who])
                people[who] = {"a": tab(participant), "b": tab(participant)}
            continue
        if not tabs:
            continue
        page = tabs[rest[0]]
        if action == "save":
            key, stage, numbers, rag = rest[1]
            save(page, key, stage, ticked=[f"{key}-{n}" for n in sorted(numbers)], rag=rag)
        elif action == "send":
            services.submit(page)
        elif action == "reload" and Participant.objects.filter(pk=page.pk).exists():
            tabs[rest[0]] = tab(page)
        elif action == "delete":
            services.delete_participant(page)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=st.lists(steps, min_size=1, max_size=14))
def test_any_sequence_of_saves_sends_and_deletes_keeps_the_totals_right(riverside, alice, sequence):
    with transaction.atomic():  # each example rolls back, so none sees another's rows
        round_ = make_round(riverside, alice)
        play(round_, sequence)
        running = running_totals(round_)
        assert running["sent"] == {
            perspective.key: perspective.participants.filter(submitted_at__isnull=False).count()
            for perspective in round_.perspectives.all()
        }
        assert_totals_match_a_recount(round_)
        transaction.set_rollback(True)


def test_two_visitors_in_one_round_are_counted_apart(open_round):
    """The sequences above, end to end through the pages: the tally follows each person's own answers."""
    first, second = Visitor(open_round), Visitor(open_round)
    first.join("frontline")
    second.join("frontline")
    first.answer("people-as-assets", stage="basics")
    second.answer("people-as-assets", stage="not-yet")
    first.client.post(first.url("check"))
    second.client.post(second.url("check"))
    first.answer("people-as-assets", stage="getting-there")
    second.client.post(second.url("delete"))

    assert_totals_match_a_recount(open_round)
    assert stage_counts(open_round, "people-as-assets") == {"getting-there": 1}


def test_a_named_round_counts_the_same_way(riverside, alice):
    round_ = make_round(riverside, alice, anonymous=False)
    participant, _token = services.start_participant(round_, round_.perspectives.get(key="manager"), name="Sam")
    save(participant, "valuing-work", "basics")
    first, second = tab(participant), tab(participant)
    services.submit(first)
    save(second, "valuing-work", "not-yet")
    services.submit(second)

    assert assert_totals_match_a_recount(round_)["sent"]["manager"] == 1
    assert stage_counts(round_, "valuing-work") == {"not-yet": 1}
