"""Results of anonymous rounds are released in batches, so nobody learns a colleague's answers by watching
the results change when they press Send. Named rounds stay live."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from coreflect.actions import services as action_services
from coreflect.reflections import services
from coreflect.results import indicators, queries
from tests.reflections.conftest import make_round
from tests.results.test_results import answer

PRINCIPLE = "people-as-assets"


def stage_counts(round_):
    summary = next(s for s in queries.overview(round_).principles if s.principle["key"] == PRINCIPLE)
    return summary.stage_counts


def send(round_, perspective="frontline", stage="basics", **more):
    return answer(round_, perspective, **{PRINCIPLE: {"stage": stage, **more}})


def test_a_colleague_sending_changes_nothing_until_enough_people_have(open_round, client_for, bob):
    for _ in range(5):
        send(open_round)
    assert stage_counts(open_round) == {"basics": 5}
    url = reverse("results:overview", args=[open_round.pk])
    before = client_for(bob).get(url).content.decode()

    send(open_round, stage="not-yet")  # the colleague being watched
    after = client_for(bob).get(url).content.decode()
    assert stage_counts(open_round) == {"basics": 5}
    assert "These results include the answers of 5 people" in after
    assert "the next update needs at least 4 more people" in after
    assert before.count("not-yet") == after.count("not-yet")

    for _ in range(4):
        send(open_round)
    assert stage_counts(open_round) == {"basics": 9, "not-yet": 1}
    assert "Every answer sent so far is included" in client_for(bob).get(url).content.decode()


def test_each_perspective_is_released_on_its_own(open_round):
    for _ in range(5):
        send(open_round, "frontline")
    for _ in range(4):
        send(open_round, "manager", stage="doing-really-well")
    # Four managers are not enough for a release, however many frontline workers sent.
    assert stage_counts(open_round) == {"basics": 5}
    send(open_round, "manager", stage="doing-really-well")
    assert stage_counts(open_round) == {"basics": 5, "doing-really-well": 5}


def test_closing_the_round_releases_everything(open_round, client_for, fran):
    for _ in range(5):
        send(open_round)
    send(open_round, "manager", stage="not-yet")
    client_for(fran).post(reverse("reflections:status", args=[open_round.pk]), {"status": "closed"})
    assert stage_counts(open_round) == {"basics": 5, "not-yet": 1}


def test_a_closing_date_that_has_passed_releases_everything_on_first_reading(open_round):
    for _ in range(6):
        send(open_round)
    open_round.closes_on = timezone.localdate() - timedelta(days=1)
    open_round.save()
    assert stage_counts(open_round) == {"basics": 6}


def test_paper_forms_typed_in_after_closing_wait_for_a_batch_too(open_round, fran):
    for _ in range(5):
        send(open_round)
    services.set_status(open_round, "closed")
    participant, _token = services.start_participant(
        open_round, open_round.perspectives.get(key="frontline"), entered_by=fran
    )
    principle = open_round.framework_version.principle_rows.get(key=PRINCIPLE)
    stage = open_round.framework_version.stage_rows.get(key="not-yet")
    services.save_answer(participant, principle, services.Answer(stage=stage), asks_stage=True, finished=True)
    services.submit(participant)
    assert stage_counts(open_round) == {"basics": 5}


def test_changed_answers_count_once_per_person_towards_a_release(open_round):
    people = [send(open_round) for _ in range(5)]
    principle = open_round.framework_version.principle_rows.get(key=PRINCIPLE)
    stages = {row.key: row for row in open_round.framework_version.stage_rows.all()}

    def change(participant, stage):
        participant.refresh_from_db()
        services.save_answer(
            participant, principle, services.Answer(stage=stages[stage]), asks_stage=True, finished=True
        )

    for stage in ["not-yet", "getting-there", "doing-really-well", "not-yet", "getting-there"]:
        change(people[0], stage)  # one person changing their mind five times
    assert stage_counts(open_round) == {"basics": 5}
    for person in people[1:]:
        change(person, "not-yet")
    assert stage_counts(open_round) == {"getting-there": 1, "not-yet": 4}


def test_deleting_answers_after_sending_waits_for_a_batch(open_round):
    people = [send(open_round) for _ in range(5)]
    people[0].refresh_from_db()
    services.delete_participant(people[0])
    assert stage_counts(open_round) == {"basics": 5}


def test_words_and_ideas_appear_only_when_released(open_round):
    for _ in range(5):
        send(open_round, evidence="Everyone is welcome at the café")
    send(open_round, evidence="The one written just now", ideas="Pay people for their time")
    written = indicators.written_answers(open_round, PRINCIPLE)
    assert {row["evidence"] for row in written.rows} == {"Everyone is welcome at the café"}
    assert action_services.collect_ideas_from_answers(open_round) == 0


def test_named_rounds_are_live(riverside, alice):
    named = make_round(riverside, alice, anonymous=False)
    send(named)
    assert stage_counts(named) == {"basics": 1}


def test_what_people_wrote_never_pins_a_stage_on_someone_in_a_hidden_group(riverside, alice):
    round_ = make_round(riverside, alice, perspectives=["frontline", "manager", "commissioner"])
    for _ in range(6):
        send(round_, "frontline", evidence="Frontline evidence")
    for stage in ["basics", "basics", "not-yet", "not-yet", "basics"]:
        send(round_, "manager", stage=stage, evidence="Manager evidence")
    send(round_, "commissioner", stage="doing-really-well", evidence="The one commissioner")
    services.set_status(round_, "closed")
    frontline, manager, commissioner = (p.pk for p in round_.perspectives.all())
    assert len(indicators.written_answers(round_, PRINCIPLE, frontline).rows) == 6
    assert indicators.written_answers(round_, PRINCIPLE, manager).refused  # hidden to protect the commissioner
    assert indicators.written_answers(round_, PRINCIPLE, commissioner).refused
    assert indicators.written_answers(round_, PRINCIPLE, commissioner, "doing-really-well").refused
    everyone = indicators.written_answers(round_, PRINCIPLE)
    lonely = next(row for row in everyone.rows if row["evidence"] == "The one commissioner")
    assert lonely["stage"] is None and lonely["perspective"] == ""
    # Filtering by the stage the commissioner chose lists only groups that are shown: it cannot be pinned on them.
    by_stage = indicators.written_answers(round_, PRINCIPLE, stage_key="doing-really-well")
    assert "The one commissioner" not in {row["evidence"] for row in by_stage.rows}
