"""Reminder emails about actions: who gets what, once a week at most, the daily task and the settings page."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coreflect.actions import reminders
from coreflect.actions.models import Action, ActionStatus
from coreflect.actions.tasks import next_run_after, schedule_daily_reminders, send_reminders_daily
from coreflect.organisations.models import Membership
from coreflect.organisations.permissions import Role
from tests.permissions import NO_ORG, SIGN_IN, check_visit

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 3, 2, 7, 0, 3, tzinfo=UK)  # a Monday morning
TODAY = NOW.date()
DAY = datetime.timedelta(days=1)
SITE = "https://coreflect.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def action(organisation, what, *, owner=None, owner_name="", days=3, status=ActionStatus.NOT_STARTED, today=TODAY):
    due_on = None if days is None else today + datetime.timedelta(days=days)
    return Action.objects.create(
        organisation=organisation, what=what, owner=owner, owner_name=owner_name, due_on=due_on, status=status
    )


def link(item) -> str:
    return SITE + reverse("actions:detail", args=[item.pk])


# --- Who gets what ------------------------------------------------------------------------------


def test_an_owner_gets_one_email_listing_their_due_and_overdue_actions(riverside, fran):
    soon = action(riverside, "Pay people for their time", owner=fran, days=3)
    late = action(riverside, "Rewrite the easy read leaflet", owner=fran, days=-2, status=ActionStatus.IN_PROGRESS)
    not_yet = action(riverside, "Plan the next round", owner=fran, days=10)
    done = action(riverside, "Book a room", owner=fran, days=1, status=ActionStatus.DONE)
    dropped = action(riverside, "Buy a banner", owner=fran, days=-5, status=ActionStatus.DROPPED)
    undated = action(riverside, "Think about parking", owner=fran, days=None)

    report = reminders.send_due_reminders(now=NOW)

    assert report == reminders.ReminderReport(emails_sent=1, actions_included=2)
    (email,) = mail.outbox
    assert email.to == ["fran@riverside.example"]
    assert email.subject == "Riverside Council: 2 actions you lead are due soon"
    body = email.body
    assert body.startswith("Hello Fran Fisher,")
    assert "You lead these 2 actions in Riverside Council’s action plan." in body
    assert "Pay people for their time\nDue on 5 March 2026, in 3 days.\n" + link(soon) in body
    assert "Rewrite the easy read leaflet\nOverdue: it was due on 28 February 2026, 2 days ago.\n" + link(late) in body
    assert body.index("Rewrite the easy read leaflet") < body.index("Pay people"), "the most overdue comes first"
    for left_out in [not_yet, done, dropped, undated]:
        assert left_out.what not in body
    assert "at most one reminder a week about each action" in body
    assert "To stop these emails, sign in, choose Riverside Council and turn them off here:" in body
    assert SITE + reverse("actions:reminders") in body
    reminded = set(Action.objects.filter(last_reminded_at=NOW).values_list("pk", flat=True))
    assert reminded == {soon.pk, late.pk}


def test_due_within_a_week_counts_today_and_the_seventh_day_but_not_the_eighth(riverside, fran):
    action(riverside, "Due today", owner=fran, days=0)
    action(riverside, "Due in a week", owner=fran, days=7)
    action(riverside, "Due in eight days", owner=fran, days=8)
    action(riverside, "A day late", owner=fran, days=-1)

    reminders.send_due_reminders(now=NOW)

    body = mail.outbox[0].body
    assert "Due today\nDue today, 2 March 2026." in body
    assert "Due in a week\nDue on 9 March 2026, in 7 days." in body
    assert "A day late\nOverdue: it was due on 1 March 2026, 1 day ago." in body
    assert "Due in eight days" not in body


def test_one_action_reads_as_one_and_plain_text_is_not_html_escaped(riverside, fran):
    riverside.name = "O’Brien & Sons <Care>"
    riverside.save()
    action(riverside, 'Ask "what matters" & listen', owner=fran, days=1)

    reminders.send_due_reminders(now=NOW)

    (email,) = mail.outbox
    assert email.subject == "O’Brien & Sons <Care>: an action you lead is due soon"
    assert "You lead this action in O’Brien & Sons <Care>’s action plan. It is due within a week" in email.body
    assert 'Ask "what matters" & listen\nDue on 3 March 2026, in 1 day.' in email.body
    assert "&amp;" not in email.body and "&quot;" not in email.body


def test_each_owner_gets_only_their_own_actions_and_typed_names_get_nothing(riverside, alice, fran, bob):
    action(riverside, "Alice’s action", owner=alice, days=2)
    action(riverside, "Fran’s action", owner=fran, days=-3)
    action(riverside, "Sam’s action", owner_name="Sam, who draws on support", days=1)

    report = reminders.send_due_reminders(now=NOW)

    assert report.emails_sent == 2 and report.actions_included == 2
    bodies = {email.to[0]: email.body for email in mail.outbox}
    assert set(bodies) == {"alice@riverside.example", "fran@riverside.example"}
    assert "Alice’s action" in bodies["alice@riverside.example"] and "Fran’s" not in bodies["alice@riverside.example"]
    assert "Fran’s action" in bodies["fran@riverside.example"] and "Alice’s" not in bodies["fran@riverside.example"]
    assert Action.objects.get(what="Sam’s action").last_reminded_at is None


# --- Once a week at most ----------------------------------------------------------------------


def test_an_action_is_reminded_at_most_once_a_week(riverside, fran):
    action(riverside, "Pay people for their time", owner=fran, days=3)

    assert reminders.send_due_reminders(now=NOW).emails_sent == 1
    assert reminders.send_due_reminders(now=NOW).emails_sent == 0, "the same moment twice"
    assert reminders.send_due_reminders(now=NOW + 2 * DAY).emails_sent == 0
    assert reminders.send_due_reminders(now=NOW + datetime.timedelta(days=6, hours=16)).emails_sent == 0
    assert reminders.send_due_reminders(now=NOW + 8 * DAY).emails_sent == 1
    assert "Overdue: it was due on 5 March 2026, 5 days ago." in mail.outbox[1].body
    # A daily job that starts a few seconds earlier a week later still sends: a week is counted in days.
    assert reminders.send_due_reminders(now=NOW + datetime.timedelta(days=15, seconds=-2)).emails_sent == 1


def test_a_new_action_is_reminded_without_repeating_one_reminded_this_week(riverside, fran):
    action(riverside, "Pay people for their time", owner=fran, days=3)
    reminders.send_due_reminders(now=NOW)
    action(riverside, "Thank the panel", owner=fran, days=4)

    report = reminders.send_due_reminders(now=NOW + DAY)

    assert report == reminders.ReminderReport(emails_sent=1, actions_included=1)
    assert "Thank the panel" in mail.outbox[1].body and "Pay people" not in mail.outbox[1].body


# --- Who has said no, or is no longer a member ----------------------------------------------------


def test_a_member_who_turned_reminders_off_gets_nothing_until_they_turn_them_on(riverside, fran):
    action(riverside, "Pay people for their time", owner=fran, days=3)
    membership = fran.memberships.get()
    reminders.set_receives_reminders(membership, False)

    assert reminders.send_due_reminders(now=NOW).emails_sent == 0
    assert Action.objects.get().last_reminded_at is None

    reminders.set_receives_reminders(membership, True)
    assert reminders.send_due_reminders(now=NOW + DAY).emails_sent == 1


def test_someone_removed_from_the_organisation_or_whose_account_is_closed_gets_nothing(riverside, fran, bob, carol):
    action(riverside, "Fran’s action", owner=fran, days=3)
    action(riverside, "Carol’s action", owner=carol, days=3)  # she is a member of Hillside, not Riverside
    action(riverside, "Bob’s action", owner=bob, days=3)
    fran.memberships.get().delete()
    bob.is_active = False
    bob.save()

    assert reminders.send_due_reminders(now=NOW).emails_sent == 0
    assert mail.outbox == []


def test_someone_in_two_organisations_gets_one_email_for_each_and_chooses_for_each(riverside, hillside, fran):
    Membership.objects.create(organisation=hillside, user=fran, role=Role.VIEWER)
    action(riverside, "Riverside action", owner=fran, days=3)
    action(hillside, "Hillside action", owner=fran, days=3)

    reminders.send_due_reminders(now=NOW)

    subjects = sorted(email.subject.split(":")[0] for email in mail.outbox)
    assert subjects == ["Hillside Care", "Riverside Council"]
    for email in mail.outbox:
        assert ("Riverside action" in email.body) != ("Hillside action" in email.body)

    mail.outbox.clear()
    reminders.set_receives_reminders(fran.memberships.get(organisation=riverside), False)
    Action.objects.update(last_reminded_at=None)
    reminders.send_due_reminders(now=NOW + DAY)
    (email,) = mail.outbox
    assert "Hillside action" in email.body


# --- When sending fails -------------------------------------------------------------------------


class RefusesFran(EmailBackend):
    def send_messages(self, messages):
        if any("fran@riverside.example" in message.to for message in messages):
            raise ConnectionRefusedError("the mail server said no")
        return super().send_messages(messages)


def test_an_email_that_cannot_be_sent_is_tried_again_next_time(riverside, alice, fran, settings):
    settings.EMAIL_BACKEND = "tests.actions.test_reminders.RefusesFran"
    action(riverside, "Alice’s action", owner=alice, days=2)
    fran_action = action(riverside, "Fran’s action", owner=fran, days=2)

    report = reminders.send_due_reminders(now=NOW)

    assert report == reminders.ReminderReport(emails_sent=1, actions_included=1, emails_failed=1)
    assert [email.to for email in mail.outbox] == [["alice@riverside.example"]]
    fran_action.refresh_from_db()
    assert fran_action.last_reminded_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders.send_due_reminders(now=NOW + DAY) == reminders.ReminderReport(1, 1)
    assert mail.outbox[-1].to == ["fran@riverside.example"]


# --- Queries --------------------------------------------------------------------------------------


def queries_to_remind(riverside, owners, count, django_assert_max_num_queries) -> int:
    Action.objects.all().delete()
    for number in range(count):
        action(riverside, f"Action {number}", owner=owners[number % len(owners)], days=number % 9 - 2)
    with django_assert_max_num_queries(2) as captured:
        report = reminders.send_due_reminders(now=NOW)
    assert report.emails_sent == len(owners)
    return len(captured)


def test_the_job_runs_the_same_few_queries_however_many_actions(
    riverside, alice, fran, bob, django_assert_max_num_queries
):
    few, many = (queries_to_remind(riverside, [alice, fran, bob], n, django_assert_max_num_queries) for n in (3, 30))
    assert few == many


# --- The command, for cron ------------------------------------------------------------------------


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_the_command_sends_now_says_what_it_sent_and_fails_loudly(riverside, fran, settings):
    today = timezone.localdate()
    action(riverside, "Pay people for their time", owner=fran, days=3, today=today)
    action(riverside, "Rewrite the leaflet", owner=fran, days=-1, today=today)

    assert run() == "Sent 1 reminder email about 2 actions.\n"
    assert len(mail.outbox) == 1
    assert run() == "Sent 0 reminder emails about 0 actions.\n"

    settings.EMAIL_BACKEND = "tests.actions.test_reminders.RefusesFran"
    action(riverside, "Thank the panel", owner=fran, days=3, today=today)
    with pytest.raises(CommandError, match="1 reminder email"):
        run()


# --- The daily task ---------------------------------------------------------------------------------


SEVEN_OCLOCK = [  # (now, the next run), UK time
    ("2026-03-02 06:59", "2026-03-02 07:00"),  # before seven: the same morning
    ("2026-03-02 07:00", "2026-03-03 07:00"),  # at seven: the next day
    ("2026-03-02 23:30", "2026-03-03 07:00"),
    ("2026-03-28 08:00", "2026-03-29 07:00"),  # the clocks go forward overnight
    ("2026-10-24 08:00", "2026-10-25 07:00"),  # the clocks go back overnight
]


@pytest.mark.parametrize(("now", "expected"), SEVEN_OCLOCK)
def test_the_next_run_is_at_seven_uk_time(now, expected):
    expected = datetime.datetime.fromisoformat(expected).replace(tzinfo=UK)
    assert next_run_after(datetime.datetime.fromisoformat(now).replace(tzinfo=UK)) == expected


def waiting_runs():
    return DBTaskResult.objects.filter(task_path=send_reminders_daily.module_path, status="READY")


def test_the_daily_task_sends_and_queues_itself_for_the_next_seven_oclock(riverside, fran):
    action(riverside, "Pay people for their time", owner=fran, days=3, today=timezone.localdate())

    result = send_reminders_daily.call()

    assert result == {"emails_sent": 1, "actions_included": 1, "emails_failed": 0}
    assert len(mail.outbox) == 1
    (waiting,) = waiting_runs()
    assert waiting.run_after == next_run_after(timezone.now())
    assert timezone.now() < waiting.run_after <= timezone.now() + datetime.timedelta(days=1)
    send_reminders_daily.call()
    assert waiting_runs().count() == 1, "only ever one run waiting"


def test_scheduling_queues_one_run_for_seven_oclock(db):
    assert "Daily reminders are scheduled. The next run is at 7am on" in run("--schedule")
    assert "Daily reminders are already scheduled." in run("--schedule")
    (waiting,) = waiting_runs()
    assert timezone.localtime(waiting.run_after).time() == datetime.time(7, 0)
    assert waiting.run_after > timezone.now()
    assert schedule_daily_reminders() is None


def test_with_the_immediate_backend_the_task_sends_once_and_does_not_loop(riverside, fran, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    action(riverside, "Pay people for their time", owner=fran, days=3, today=timezone.localdate())

    result = send_reminders_daily.enqueue()

    assert result.return_value == {"emails_sent": 1, "actions_included": 1, "emails_failed": 0}
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.count() == 0
    with pytest.raises(CommandError, match="send_reminders` from cron"):
        run("--schedule")


@pytest.mark.django_db(transaction=True)  # the worker closes the database connection between tasks
def test_the_worker_runs_the_task_and_leaves_tomorrows_run_waiting(riverside, fran):
    action(riverside, "Pay people for their time", owner=fran, days=3, today=timezone.localdate())
    send_reminders_daily.enqueue()

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    (email,) = mail.outbox
    assert email.to == ["fran@riverside.example"]
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    (waiting,) = waiting_runs()
    assert waiting.run_after > timezone.now()


# --- The settings page ------------------------------------------------------------------------------


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


SETTINGS_URL = reverse("actions:reminders")
EVERYONE = {"anonymous": SIGN_IN, "dan": NO_ORG, "bob": 200, "fran": 200, "alice": 200, "carol": 200}


@pytest.mark.parametrize(("visitor", "expected"), EVERYONE.items(), ids=EVERYONE.keys())
def test_permission_matrix(client_for, people, visitor, expected):
    check_visit(client_for(people[visitor]), "get", SETTINGS_URL, expected)


@pytest.mark.parametrize(("visitor", "expected"), [("anonymous", SIGN_IN), ("dan", NO_ORG)])
def test_people_without_an_organisation_cannot_save(client_for, people, visitor, expected):
    check_visit(client_for(people[visitor]), "post", SETTINGS_URL, expected)
    assert client_for(people["bob"]).put(SETTINGS_URL).status_code == 405


def test_the_page_explains_reminders_and_shows_the_current_choice(client_for, bob):
    content = client_for(bob).get(SETTINGS_URL).content.decode()

    assert "<title>Reminder emails – Coreflect</title>" in content
    assert content.count("<h1") == 1
    assert "due within a week or is overdue. We send the emails to bob@riverside.example." in content
    assert "You get at most one email a week about each action." in content
    assert "Email me about actions I lead that are due within a week or overdue" in content
    assert 'name="receives_reminders" class="govuk-checkboxes__input" id="id_receives_reminders" checked' in content
    assert "This choice is for" not in content, "only said to people in more than one organisation"


def test_turning_reminders_off_then_on(client_for, bob):
    client = client_for(bob)
    membership = bob.memberships.get()

    for posted, receives, word in [({}, False, "off"), ({"receives_reminders": "on"}, True, "on")]:
        response = client.post(SETTINGS_URL, posted)
        assert response.status_code == 302 and response["Location"] == SETTINGS_URL
        membership.refresh_from_db()
        assert membership.receives_reminders is receives
        page = client.get(SETTINGS_URL).content.decode()
        assert f"Reminder emails are {word} for Riverside Council." in page
        assert ('id="id_receives_reminders" checked' in page) is receives


def test_the_choice_is_for_the_current_organisation_only(client_for, bob, hillside):
    Membership.objects.create(organisation=hillside, user=bob, role=Role.VIEWER)
    client = client_for(bob)
    client.post(reverse("organisations:switch"), {"organisation": hillside.pk})

    page = client.get(SETTINGS_URL).content.decode()
    assert "This choice is for Hillside Care only." in page
    client.post(SETTINGS_URL, {})

    choices = dict(bob.memberships.values_list("organisation__name", "receives_reminders"))
    assert choices == {"Hillside Care": False, "Riverside Council": True}
