"""Free text in anonymous rounds is removed once the organisation's retention period is over.

The clock is the `today` the job is given (`manage.py apply_retention` gives it the real date): a round
closed on a day D with a 24-month period keeps its words to D + 24 months, and loses them the day after.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coreflect import dates
from coreflect.actions import services as action_services
from coreflect.actions.models import Action, Idea, IdeaSource
from coreflect.audit.models import AuditEvent, Kind
from coreflect.exports.models import ChosenWords, ReportJob
from coreflect.exports.retention import apply_retention
from coreflect.exports.retention_tasks import apply_retention_daily
from coreflect.reflections import services
from coreflect.reflections.models import Consensus, Response, Round, RoundStatus, Stance, Tally
from coreflect.reflections.retention import months_after
from coreflect.workshops import ideas as workshop_ideas
from coreflect.workshops import services as workshops
from coreflect.workshops.models import Dot, Reply, Step
from tests.reflections.conftest import make_round

PRINCIPLE = "people-as-assets"
EVIDENCE = "The day centre asked me what I wanted to do"


def answer(round_, perspective_key, number):
    version = round_.framework_version
    participant, _token = services.start_participant(round_, round_.perspectives.get(key=perspective_key))
    principle = version.principle_rows.get(key=PRINCIPLE)
    services.save_answer(
        participant,
        principle,
        services.Answer(
            stage=version.stage_rows.get(key="basics"),
            ticked=(principle.indicators.get(key="people-as-assets-1"),),
            evidence=f"{EVIDENCE} ({number})",
            rag="amber",
            reflections=f"Staff listen more than they did ({number})",
            ideas=f"Ask us before changing the timetable ({number})",
        ),
        asks_stage=True,
        finished=True,
    )
    services.submit(participant)


def round_with_words(organisation, creator, *, anonymous=True, title="Day services 2026"):
    """A closed round with answers, a workshop (an objection, an idea with a dot, an idea made into an
    action), ideas collected from the answers, a facilitator's idea, chosen words and a report file."""
    round_ = make_round(organisation, creator, anonymous=anonymous, title=title)
    for number in range(6):
        answer(round_, "draws-on-support", number)
    principle = round_.framework_version.principle_rows.get(key=PRINCIPLE)
    workshop = workshops.start_workshop(round_, started_by=creator)
    attendee, _token = workshops.join(workshop, round_.perspectives.get(key="frontline"))
    group_view = workshops.agree_view(
        workshop, principle, stage=None, rag="amber", evidence="The group agreed on amber", recorded_by=creator
    )
    workshops.reply(attendee, group_view, Stance.OBJECT, "Nobody asked the night staff")
    dotted = workshop_ideas.post_idea(workshop, principle, "A tea trolley for visitors", attendee=attendee)
    workshops.go_to(workshop, Step.DOTS)
    workshop_ideas.spend_dot(attendee, dotted)
    chosen = workshop_ideas.post_idea(workshop, principle, "Pay people for their time", attendee=attendee)
    workshop_ideas.make_action(chosen, created_by=creator, what="Pay people for their time, from April")
    workshops.finish_workshop(workshop)
    action_services.add_idea(round_, principle=principle, text="Review the menu with residents")
    services.set_status(round_, RoundStatus.CLOSED)
    action_services.collect_ideas_from_answers(round_)
    ChosenWords.objects.create(round=round_, principle_key=PRINCIPLE, key="a1b2c3", position=0)
    ReportJob.objects.create(round=round_, requested_by=creator, format="pdf", file=b"%PDF words")
    return Round.objects.get(pk=round_.pk)


def words_of(round_) -> dict:
    return {
        "answers": sorted(
            Response.objects.filter(round=round_).exclude(evidence="").values_list("evidence", flat=True)
        ),
        "ideas": sorted(Idea.objects.filter(round=round_).values_list("text", flat=True)),
        "objections": list(Reply.objects.filter(group_view__workshop__round=round_).values_list("reason", flat=True)),
        "chosen": ChosenWords.objects.filter(round=round_).count(),
        "report_files": ReportJob.objects.filter(round=round_).count(),
    }


def figures_of(round_) -> dict:
    return {
        "tallies": sorted(Tally.objects.filter(round=round_).values_list("principle_key", "stage_key", "rag", "n")),
        "answers": sorted(Response.objects.filter(round=round_).values_list("stage__key", "rag")),
        "ticks": Response.ticked.through.objects.filter(response__round=round_).count(),
        "objected": list(Consensus.objects.filter(round=round_).values_list("object_count", "evidence")),
        "replies": list(Reply.objects.filter(group_view__workshop__round=round_).values_list("stance", flat=True)),
    }


@pytest.fixture
def closed_round(riverside, alice):
    riverside.free_text_months = 24
    riverside.save()
    return round_with_words(riverside, alice)


def test_the_words_stay_until_the_period_is_over(closed_round):
    before = words_of(closed_round)
    last_day = months_after(closed_round.closed_on, 24)

    assert apply_retention(today=last_day) == []

    assert words_of(closed_round) == before
    assert len(before["answers"]) == 6 and before["objections"] == ["Nobody asked the night staff"]
    assert Round.objects.get(pk=closed_round.pk).free_text_removed_on is None
    assert not AuditEvent.objects.filter(kind=Kind.FREE_TEXT_REMOVED).exists()


def test_after_the_period_the_words_go_and_the_figures_stay(closed_round):
    figures = figures_of(closed_round)
    day_after = months_after(closed_round.closed_on, 24) + datetime.timedelta(days=1)
    action = Action.objects.get(round=closed_round)

    (removed,) = apply_retention(today=day_after)

    assert removed.answers == 6
    assert words_of(closed_round) == {
        "answers": [],
        # The facilitator's own idea stays; the one made into an action keeps its row, without its words.
        "ideas": ["", "Review the menu with residents"],
        "objections": [""],
        "chosen": 0,
        "report_files": 0,
    }
    assert not Response.objects.filter(round=closed_round).exclude(reflections="", ideas="").exists()
    assert not Dot.objects.filter(posted_idea__workshop__round=closed_round).exists()
    assert figures_of(closed_round) == figures
    action.refresh_from_db()
    assert action.idea is not None and action.idea.source == IdeaSource.WORKSHOP and action.idea.text == ""
    assert action.what == "Pay people for their time, from April"
    round_ = Round.objects.get(pk=closed_round.pk)
    assert (round_.free_text_removed_on, round_.free_text_kept_months) == (day_after, 24)


def test_the_audit_trail_says_what_went_in_numbers_only(closed_round):
    apply_retention(today=months_after(closed_round.closed_on, 24) + datetime.timedelta(days=1))

    event = AuditEvent.objects.get(kind=Kind.FREE_TEXT_REMOVED)
    assert (event.organisation_id, event.target_id, event.actor) == (
        closed_round.organisation_id,
        closed_round.pk,
        None,
    )
    assert event.changes["answers with words"] == [6, 0]
    assert event.changes["ideas removed"] == [7, 0]  # 6 from the answers, 1 from the workshop
    assert event.changes["objection reasons"] == [1, 0]
    assert event.changes["kept for (months)"] == [None, 24]
    assert all(isinstance(value, int | None) for values in event.changes.values() for value in values)


def test_a_second_run_changes_nothing(closed_round):
    day_after = months_after(closed_round.closed_on, 24) + datetime.timedelta(days=1)
    apply_retention(today=day_after)
    after_first = (words_of(closed_round), figures_of(closed_round))

    assert apply_retention(today=day_after + datetime.timedelta(days=30)) == []

    assert (words_of(closed_round), figures_of(closed_round)) == after_first
    assert Round.objects.get(pk=closed_round.pk).free_text_removed_on == day_after
    assert AuditEvent.objects.filter(kind=Kind.FREE_TEXT_REMOVED).count() == 1


def test_named_rounds_and_other_organisations_keep_their_words(closed_round, riverside, alice, hillside, carol):
    named = round_with_words(riverside, alice, anonymous=False, title="Named round")
    hillside.free_text_months = 60
    hillside.save()
    elsewhere = round_with_words(hillside, carol, title="Hillside homes")
    kept = {named.pk: words_of(named), elsewhere.pk: words_of(elsewhere)}

    (removed,) = apply_retention(today=months_after(closed_round.closed_on, 24) + datetime.timedelta(days=1))

    assert removed.round.pk == closed_round.pk
    assert {named.pk: words_of(named), elsewhere.pk: words_of(elsewhere)} == kept
    assert (
        apply_retention(today=months_after(elsewhere.closed_on, 60) + datetime.timedelta(days=1))[0].round == elsewhere
    )


def test_until_the_round_is_deleted_keeps_the_words_for_ever(closed_round, riverside):
    riverside.free_text_months = 0
    riverside.save()

    assert apply_retention(today=closed_round.closed_on + datetime.timedelta(days=365 * 50)) == []


def test_an_open_round_counts_from_its_closing_date_and_reopening_forgets_the_close(riverside, alice):
    round_ = make_round(riverside, alice)
    answer(round_, "draws-on-support", 1)
    Round.objects.filter(pk=round_.pk).update(closes_on=datetime.date(2026, 1, 31))  # the date closed it

    assert apply_retention(today=datetime.date(2028, 1, 31)) == []
    (removed,) = apply_retention(today=datetime.date(2028, 2, 1))
    assert removed.answers == 1

    services.set_status(round_, RoundStatus.CLOSED)
    assert Round.objects.get(pk=round_.pk).closed_on is not None
    services.set_status(round_, RoundStatus.OPEN)
    assert Round.objects.get(pk=round_.pk).closed_on is None


@pytest.mark.parametrize(
    ("closed", "months", "kept_to"),
    [
        (datetime.date(2026, 12, 1), 24, datetime.date(2028, 12, 1)),
        (datetime.date(2026, 8, 31), 6, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 8, 31), 6, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 11, 30), 1, datetime.date(2026, 12, 30)),
    ],
)
def test_months_after_a_day(closed, months, kept_to):
    assert months_after(closed, months) == kept_to


def test_the_results_pages_say_when_and_why_the_words_went(closed_round, client_for, alice, bob):
    day_after = months_after(closed_round.closed_on, 24) + datetime.timedelta(days=1)
    apply_retention(today=day_after)
    notice = f"Free text was removed on {dates.day(day_after)}, as Riverside Council keeps it for 24 months"

    for name in ("overview", "words"):
        page = client_for(bob).get(reverse(f"results:{name}", args=[closed_round.pk])).content.decode()
        assert notice in page
    words = client_for(bob).get(reverse("results:words", args=[closed_round.pk])).content.decode()
    assert EVIDENCE not in words
    assert "What people wrote in this round has been removed." in words
    choosing = client_for(alice).get(reverse("exports:report-words", args=[closed_round.pk])).content.decode()
    assert notice in choosing
    assert "What people wrote in this round has been removed." in choosing


def test_a_round_with_its_words_says_nothing_of_removal(closed_round, client_for, bob):
    page = client_for(bob).get(reverse("results:words", args=[closed_round.pk])).content.decode()
    assert EVIDENCE in page
    assert "Free text was removed" not in page


def test_the_command_removes_what_is_due_today(closed_round):
    Round.objects.filter(pk=closed_round.pk).update(closed_on=datetime.date(2020, 1, 15))
    out = io.StringIO()

    call_command("apply_retention", stdout=out)

    assert out.getvalue() == f"Removed free text from 1 round: {closed_round.pk}.\n"
    assert words_of(closed_round)["answers"] == []
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert out.getvalue() == "Removed free text from 0 rounds.\n"


def test_scheduling_queues_one_daily_run_at_a_quarter_to_three(db):
    out = io.StringIO()
    call_command("apply_retention", "--schedule", stdout=out)
    call_command("apply_retention", "--schedule", stdout=out)

    assert "The daily retention job is scheduled. The next run is at 2:45am on" in out.getvalue()
    assert "The daily retention job is already scheduled." in out.getvalue()
    (waiting,) = DBTaskResult.objects.filter(task_path=apply_retention_daily.module_path, status="READY")
    assert timezone.localtime(waiting.run_after).time() == datetime.time(2, 45)


def test_the_daily_task_removes_and_queues_tomorrows_run(closed_round):
    Round.objects.filter(pk=closed_round.pk).update(closed_on=datetime.date(2020, 1, 15))

    assert apply_retention_daily.call() == {"rounds": 1}

    assert words_of(closed_round)["answers"] == []
    assert DBTaskResult.objects.filter(task_path=apply_retention_daily.module_path, status="READY").count() == 1


# --- The setting, on the organisation's details page --------------------------------------------------


def test_an_admin_chooses_how_long_words_are_kept_and_the_audit_trail_says_so(client_for, alice, riverside):
    page = client_for(alice).get(reverse("organisations:settings")).content.decode()
    assert "How long should we keep what people write in anonymous rounds?" in page
    assert 'value="24" id="id_free_text_months_2" checked' in page

    response = client_for(alice).post(
        reverse("organisations:settings"), {"name": riverside.name, "kind": riverside.kind, "free_text_months": "12"}
    )

    assert response.status_code == 302
    riverside.refresh_from_db()
    assert riverside.free_text_months == 12
    assert AuditEvent.objects.get(kind=Kind.ORGANISATION_CHANGED).changes == {"free_text_months": [24, 12]}


def test_until_the_round_is_deleted_is_a_choice_too(client_for, alice, riverside):
    client_for(alice).post(
        reverse("organisations:settings"), {"name": riverside.name, "kind": riverside.kind, "free_text_months": "0"}
    )
    riverside.refresh_from_db()
    assert riverside.free_text_months == 0


def test_a_period_that_is_not_offered_is_refused_next_to_the_field(client_for, alice, riverside):
    response = client_for(alice).post(
        reverse("organisations:settings"),
        {"name": "Riverside Borough", "kind": riverside.kind, "free_text_months": "7"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Select how long to keep what people write") == 2  # the summary and the field
    assert 'value="Riverside Borough"' in page
    riverside.refresh_from_db()
    assert (riverside.name, riverside.free_text_months) == ("Riverside Council", 24)


@pytest.mark.parametrize("person", ["fran", "bob", "carol"])
def test_only_the_organisations_admins_can_change_it(client_for, request, riverside, person):
    response = client_for(request.getfixturevalue(person)).post(
        reverse("organisations:settings"), {"name": riverside.name, "kind": riverside.kind, "free_text_months": "6"}
    )
    riverside.refresh_from_db()
    assert response.status_code in (302, 403, 404)
    assert riverside.free_text_months == 24


@pytest.mark.django_db(transaction=True)  # the worker closes the database connection between tasks
def test_the_worker_runs_the_daily_job_and_leaves_tomorrows_run_waiting(riverside, alice):
    round_ = round_with_words(riverside, alice)
    Round.objects.filter(pk=round_.pk).update(closed_on=datetime.date(2020, 1, 15))
    apply_retention_daily.enqueue()

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert words_of(round_)["answers"] == []
    runs = DBTaskResult.objects.filter(task_path=apply_retention_daily.module_path)
    assert runs.filter(status="SUCCESSFUL").count() == 1
    (waiting,) = runs.filter(status="READY")
    assert waiting.run_after > timezone.now()


def test_the_workshops_pages_say_an_ideas_words_were_removed_instead_of_showing_an_empty_line(
    closed_round, client_for, alice
):
    apply_retention(today=months_after(closed_round.closed_on, 24) + datetime.timedelta(days=1))
    workshop = closed_round.workshops.get()
    for name in ("console", "record"):
        page = client_for(alice).get(reverse(f"workshops:{name}", args=[workshop.pk])).content.decode()
        assert "Pay people for their time" not in page.replace("Pay people for their time, from April", "")
        assert "(its words were removed after the organisation’s retention period)" in page, name
