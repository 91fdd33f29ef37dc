"""Closing the loop: an action's outcome (we asked, you said, we did) and its review date, written with the
round's results beside it; co-leads; progress notes shared with the people who took part; the review
reminder; and the prompt a facilitator gets when they close a round."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from coreflect.actions import review_reminders, services
from coreflect.actions.models import Action
from coreflect.audit.models import AuditEvent, Kind
from coreflect.frameworks.wording import text
from coreflect.organisations.models import Membership
from coreflect.reflections import services as reflections
from coreflect.reflections.models import RoundStatus
from coreflect.reflections.services import Answer
from tests.exports.data_helpers import read_xlsx, sheet_rows
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows
from tests.reflections.conftest import make_round

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 3, 2, 7, 0, 3, tzinfo=UK)  # the fake clock: a Monday morning
TODAY = NOW.date()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def round_(riverside, alice):
    return make_round(riverside, alice)


def make_action(round_, riverside, fran, key="reciprocity", **fields):
    base = {"what": "Open a skills swap café", "owner_name": "Jo", "round": round_}
    base.update(fields)
    principle = round_.framework_version.principle_rows.get(key=key)
    return services.create_action(organisation=riverside, created_by=fran, principles=[principle], **base)


@pytest.fixture
def action(round_, riverside, fran):
    return make_action(round_, riverside, fran)


def outcome_form(action, **overrides):
    data = {
        "we_asked": "How well do we value what people bring?",
        "you_said": "“Nobody asks what I am good at.”",
        "we_did": "We opened a skills swap café in the library.",
        "review_on_day": "27",
        "review_on_month": "3",
        "review_on_year": "2030",
        "version": str(action.version),
    }
    data.update(overrides)
    return data


def answered(round_, principle_key, *, stage, rag, perspective_key="family-carer"):
    """One person sends their answer to one principle (a stage and a score)."""
    participant, _token = reflections.start_participant(round_, round_.perspectives.get(key=perspective_key))
    version = round_.framework_version
    reflections.save_answer(
        participant,
        version.principle_rows.get(key=principle_key),
        Answer(stage=version.stage_rows.get(key=stage), ticked=(), evidence="", rag=rag),
        asks_stage=True,
        finished=True,
    )
    reflections.submit(participant)


def url(action):
    return reverse("results:outcome", args=[action.pk])


# --- Writing the outcome ------------------------------------------------------------------------------


def test_writing_the_outcome_saves_it_shows_it_and_records_who_changed_what(client_for, fran, bob, action):
    page = client_for(fran).get(url(action)).content.decode()
    assert "Write the outcome" in page
    for hint in ["What the round asked people about", "Use their own words where many of them agreed", "What changed"]:
        assert hint in page
    assert "You can enter up to 3,000 characters" in page and 'data-module="govuk-character-count"' in page
    assert 'name="review_on_day"' in page and 'name="review_on_year"' in page
    assert 'class="govuk-date-input"' in page and 'for="id_review_on_1">Month</label>' in page

    response = client_for(fran).post(url(action), outcome_form(action))

    # The action's page, where the language lens looks at the parts of the outcome this save wrote.
    lens = "?lens=we_asked,you_said,we_did#outcome"
    assert response.status_code == 302 and response["Location"] == reverse("actions:detail", args=[action.pk]) + lens
    action.refresh_from_db()
    assert action.we_did == "We opened a skills swap café in the library."
    assert action.review_on == datetime.date(2030, 3, 27)
    assert action.outcome_written_at is not None and action.version == 2
    event = AuditEvent.objects.get(kind=Kind.OUTCOME_WRITTEN)
    assert event.actor == fran and event.target_id == action.pk
    assert event.changes["we_did"] == ["", "We opened a skills swap café in the library."]
    assert event.changes["review_on"] == [None, "2030-03-27"]
    detail = client_for(bob).get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "We opened a skills swap café in the library." in detail and "27 March 2030" in detail
    assert "Nobody asks what I am good at." in detail
    plan = client_for(bob).get(reverse("actions:plan")).content.decode()
    assert "We did: We opened a skills swap café in the library." in plan
    assert url(action) not in plan, "a viewer is not offered the form"


def test_changing_the_outcome_records_only_what_changed_and_saving_it_unchanged_records_nothing(fran, action):
    services.write_outcome(action, seen_version=1, actor=fran, we_did="Café opened", review_on=None)
    services.write_outcome(action, seen_version=2, actor=fran, we_did="Café opened and runs weekly")
    services.write_outcome(action, seen_version=3, actor=fran, we_did="Café opened and runs weekly")
    events = list(AuditEvent.objects.filter(kind=Kind.OUTCOME_WRITTEN).order_by("pk"))
    assert [event.changes for event in events] == [
        {"we_did": ["", "Café opened"]},
        {"we_did": ["Café opened", "Café opened and runs weekly"]},
    ]
    action.refresh_from_db()
    assert action.version == 3


def test_the_plan_offers_the_outcome_form_to_facilitators(client_for, fran, action):
    plan = client_for(fran).get(reverse("actions:plan")).content.decode()
    assert "Outcome not written yet" in plan
    assert url(action) in plan and "Write the outcome" in plan
    detail = client_for(fran).get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert url(action) in detail and "Not written yet" in detail


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"review_on_day": "31", "review_on_month": "2"}, "The review date must be a real date"),
        ({"review_on_month": ""}, "The review date must include a month"),
        ({"review_on_day": "", "review_on_year": ""}, "The review date must include a day and a year"),
        ({"review_on_month": "March"}, "The review date must be a real date"),
        ({"review_on_year": "30"}, "Year must include 4 numbers"),
        ({"we_did": "x" * 3001}, "‘We did’ must be 3,000 characters or fewer"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_in_the_summary_and_nothing_is_lost(
    client_for, fran, action, overrides, message
):
    response = client_for(fran).post(url(action), outcome_form(action, **overrides))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert page.count(message) == 2, "once in the summary, once next to the field"
    assert "How well do we value what people bring?" in page and "Nobody asks what I am good at." in page
    action.refresh_from_db()
    assert action.we_asked == "" and action.outcome_written_at is None
    assert not AuditEvent.objects.filter(kind=Kind.OUTCOME_WRITTEN).exists()


def test_the_summary_link_lands_on_the_first_date_box(client_for, fran, action):
    page = client_for(fran).post(url(action), outcome_form(action, review_on_month="")).content.decode()
    assert 'href="#id_review_on_0"' in page and 'id="id_review_on_0"' in page


def test_a_past_review_date_is_warned_about_once_then_kept(client_for, fran, action):
    client = client_for(fran)
    past = {"review_on_day": "1", "review_on_month": "2", "review_on_year": "2020"}
    warned = client.post(url(action), outcome_form(action, **past)).content.decode()
    assert "The review date, 1 February 2020, is in the past. Check it, or save again to keep it" in warned
    action.refresh_from_db()
    assert action.review_on is None
    confirmation = warned.split('name="past_review_on" value="')[1].split('"')[0]
    assert confirmation == "2020-02-01"
    response = client.post(url(action), outcome_form(action, past_review_on=confirmation, **past))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.review_on == datetime.date(2020, 2, 1)


def test_two_people_writing_the_outcome_at_once_never_silently_overwrite_each_other(client_for, fran, alice, action):
    first, second = client_for(fran), client_for(alice)
    first.post(url(action), outcome_form(action, we_did="Fran’s outcome"))
    response = second.post(url(action), outcome_form(action, we_did="Alice’s outcome"))
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this action while you were writing its outcome" in page
    assert "Fran’s outcome" in page and "Alice’s outcome" in page
    action.refresh_from_db()
    assert action.we_did == "Fran’s outcome"
    version = page.split('name="version" value="')[1].split('"')[0]
    second.post(url(action), outcome_form(action, we_did="Alice’s outcome", version=version))
    action.refresh_from_db()
    assert action.we_did == "Alice’s outcome" and action.version == 3


# --- The round's results beside the form ----------------------------------------------------------------


def test_the_form_shows_the_rounds_headline_results_for_the_actions_principles(client_for, fran, riverside, alice):
    named = make_round(riverside, alice, anonymous=False)
    for stage in ["basics", "basics", "getting-there"]:
        answered(named, "reciprocity", stage=stage, rag="amber")
    action = make_action(named, riverside, fran)
    page = client_for(fran).get(url(action)).content.decode()
    assert "What the round found" in page
    assert "These results include the answers of 3 people." in page
    assert "0 red, 3 amber, 0 green" in page
    titles = {p["key"]: escape(text(p["title"])) for p in named.framework_version.principles}
    beside = page.split("What the round found")[1]
    assert titles["reciprocity"] in beside and titles["valuing-work"] not in beside


def test_an_anonymous_rounds_small_groups_stay_hidden_beside_the_outcome(client_for, fran, round_, riverside):
    answered(round_, "reciprocity", stage="basics", rag="red")
    reflections.set_status(round_, RoundStatus.CLOSED)
    action = make_action(round_, riverside, fran)
    for page in (
        client_for(fran).get(url(action)).content.decode(),
        client_for(fran).get(reverse("results:outcomes", args=[round_.pk])).content.decode(),
    ):
        assert "Results appear when at least 5 people have sent their answers" in page
        assert "1 red" not in page and "Typical stage" not in page


def test_a_figure_the_results_pages_hide_is_hidden_beside_the_outcome_too(client_for, fran, round_, riverside):
    # Everyone answered alike, with a group of one among them: "7 amber" would give away that person's answer.
    for perspective_key in ["family-carer"] * 6 + ["frontline"]:
        answered(round_, "reciprocity", stage="basics", rag="amber", perspective_key=perspective_key)
    reflections.set_status(round_, RoundStatus.CLOSED)
    action = make_action(round_, riverside, fran)
    overview = client_for(fran).get(reverse("results:overview", args=[round_.pk])).content.decode()
    hidden = "Hidden: everyone answered alike"
    assert hidden in overview
    for page in (
        client_for(fran).get(url(action)).content.decode(),
        client_for(fran).get(reverse("results:outcomes", args=[round_.pk])).content.decode(),
    ):
        assert "These results include the answers of 7 people." in page
        assert hidden in page
        assert "7 amber" not in page and "6 amber" not in page and "1 amber" not in page


def test_an_action_from_no_round_has_no_results_beside_it(client_for, fran, riverside):
    action = services.create_action(organisation=riverside, created_by=fran, what="Train the board")
    page = client_for(fran).get(url(action)).content.decode()
    assert "Write the outcome" in page and "What the round found" not in page


# --- Co-leads and shared notes ------------------------------------------------------------------------


def test_an_action_is_led_by_a_member_and_co_led_by_a_named_person_everywhere(client_for, fran, bob, action):
    edit = reverse("actions:edit", args=[action.pk])
    assert "Co-led by (name, optional)" in client_for(fran).get(edit).content.decode()
    data = {
        "what": action.what,
        "owner": str(fran.pk),
        "owner_name": "",
        "co_lead_name": "Sam Patel",
        "status": "in_progress",
        "principles": ["reciprocity"],
        "version": str(action.version),
    }
    assert client_for(fran).post(edit, data).status_code == 302
    action.refresh_from_db()
    assert action.co_lead_name == "Sam Patel"
    led = "Led by Fran Fisher, co-led by Sam Patel"
    assert led in client_for(bob).get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert led in client_for(bob).get(reverse("actions:plan")).content.decode()
    assert led in client_for(bob).get(reverse("actions:print")).content.decode()
    report = client_for(bob).get(reverse("exports:report", args=[action.round_id]) + "?section=plan")
    assert led in report.content.decode()
    book = read_xlsx(client_for(bob).get(reverse("exports:data-action-plan", args=[action.round_id])))
    assert [row["who"] for row in sheet_rows(book, "actions")] == [led]


def test_a_co_lead_with_nobody_leading_reads_as_co_led(action):
    action.owner_name = ""
    action.co_lead_name = "Sam Patel"
    assert action.led_by == "Co-led by Sam Patel"
    action.co_lead_name = ""
    assert action.led_by == ""


def test_a_progress_note_can_be_shared_with_the_people_who_took_part(client_for, fran, bob, action):
    client = client_for(fran)
    assert (
        "Share this with the people who took part"
        in client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    )
    client.post(reverse("actions:note", args=[action.pk]), {"text": "Café opens on Monday", "shared": "on"})
    client.post(reverse("actions:note", args=[action.pk]), {"text": "Kept to ourselves: the budget"})
    shared, private = action.notes.get(text="Café opens on Monday"), action.notes.get(text__startswith="Kept")
    assert shared.shared and not private.shared
    page = client_for(bob).get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert page.count("Shared with the people who took part") == 1
    assert page.index("Shared with the people who took part") < page.index("Café opens on Monday")


# --- The review reminder, on a fake clock -----------------------------------------------------------------


def reviewed(riverside, what, *, owner=None, owner_name="", review_on=TODAY):
    return Action.objects.create(
        organisation=riverside, what=what, owner=owner, owner_name=owner_name, review_on=review_on
    )


def test_the_lead_is_reminded_once_on_the_review_date_and_not_before(riverside, fran):
    item = reviewed(riverside, "Open a skills swap café", owner=fran, review_on=TODAY)

    assert review_reminders.send_review_reminders(now=NOW - DAY).emails_sent == 0, "the day before"
    assert mail.outbox == []
    report = review_reminders.send_review_reminders(now=NOW)
    assert report.emails_sent == 1 and report.actions_included == 1
    (email,) = mail.outbox
    assert email.to == ["fran@riverside.example"]
    assert email.subject == "Riverside Council: time to review an action"
    assert "It is time to review this action you lead in Riverside Council’s action plan." in email.body
    assert "Open a skills swap café\nReview date: 2 March 2026." in email.body
    assert reverse("actions:detail", args=[item.pk]) in email.body
    assert review_reminders.send_review_reminders(now=NOW).emails_sent == 0, "the same day again"
    assert review_reminders.send_review_reminders(now=NOW + 30 * DAY).emails_sent == 0, "never again for that date"
    item.refresh_from_db()
    assert item.review_reminded_at == NOW


def test_a_new_review_date_is_reminded_about_in_its_turn(riverside, fran):
    item = reviewed(riverside, "Open a skills swap café", owner=fran)
    review_reminders.send_review_reminders(now=NOW)
    services.write_outcome(item, seen_version=item.version, actor=fran, review_on=TODAY + 7 * DAY)
    item.refresh_from_db()
    assert item.review_reminded_at is None

    assert review_reminders.send_review_reminders(now=NOW + 6 * DAY).emails_sent == 0
    assert review_reminders.send_review_reminders(now=NOW + 7 * DAY).emails_sent == 1
    assert "Review date: 9 March 2026." in mail.outbox[1].body


def test_an_action_no_member_leads_goes_to_the_facilitators_and_admins(riverside, alice, fran, bob):
    reviewed(riverside, "Sam’s action", owner_name="Sam, who draws on support")

    report = review_reminders.send_review_reminders(now=NOW)

    assert report.emails_sent == 2
    assert sorted(email.to[0] for email in mail.outbox) == ["alice@riverside.example", "fran@riverside.example"]
    assert "No member of Riverside Council leads it" in mail.outbox[0].body


def test_people_who_turned_reminders_off_are_left_alone(riverside, alice, fran):
    Membership.objects.filter(user__in=[alice, fran]).update(receives_reminders=False)
    item = reviewed(riverside, "Fran’s action", owner=fran)
    reviewed(riverside, "Nobody’s action")

    assert review_reminders.send_review_reminders(now=NOW).emails_sent == 0
    item.refresh_from_db()
    assert item.review_reminded_at is None


def test_the_daily_command_sends_review_reminders_too(riverside, fran):
    import io

    from django.core.management import call_command

    reviewed(riverside, "Open a skills swap café", owner=fran, review_on=datetime.date(2000, 1, 1))
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "Sent 1 review reminder email about 1 action whose review date has come." in out.getvalue()
    assert len(mail.outbox) == 1


# --- The prompt when a round closes ---------------------------------------------------------------------


def test_closing_a_round_takes_the_facilitator_to_write_the_outcomes(client_for, fran, bob, round_, riverside):
    written = make_action(round_, riverside, fran, what="Pay people for their time")
    services.write_outcome(written, seen_version=1, we_did="Paid from April")
    waiting = make_action(round_, riverside, fran, what="Open a skills swap café")

    client = client_for(fran)
    response = client.post(reverse("reflections:status", args=[round_.pk]), {"status": "closed"})

    assert response["Location"] == reverse("results:outcomes", args=[round_.pk])
    page = client.get(response["Location"]).content.decode()
    assert "The round is closed: no new answers will be kept." in page
    assert "Tell people what happened: write the outcomes" in page
    assert "1 of 2 actions have their outcomes written." in page
    assert url(written) in page and url(waiting) in page
    assert page.count("Not written yet") == 1
    detail = client.get(reverse("reflections:detail", args=[round_.pk])).content.decode()
    assert "Tell people what happened: write the outcomes" in detail
    assert reverse("results:outcomes", args=[round_.pk]) in detail
    viewer = client_for(bob).get(reverse("reflections:detail", args=[round_.pk])).content.decode()
    assert "Tell people what happened" not in viewer, "a viewer may not write outcomes"


def test_an_open_round_has_no_outcomes_banner(client_for, fran, round_):
    detail = client_for(fran).get(reverse("reflections:detail", args=[round_.pk])).content.decode()
    assert "Tell people what happened" not in detail


def test_a_round_with_no_actions_says_so_and_points_to_the_plan(client_for, fran, round_):
    reflections.set_status(round_, RoundStatus.CLOSED)
    page = client_for(fran).get(reverse("results:outcomes", args=[round_.pk])).content.decode()
    assert "This round has no actions yet, so there are no outcomes to write." in page
    assert reverse("actions:plan") + f"?round={round_.pk}" in page
    assert reverse("actions:ideas", args=[round_.pk]) in page


# --- Who may, and how many queries -----------------------------------------------------------------------


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


@pytest.fixture
def targets(round_, action):
    return {"action": [action.pk], "round": [round_.pk]}


EVERYONE = {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200, "alice": 200}
MATRIX = [
    ("results:outcomes", "round", "get", EVERYONE),
    ("results:outcome", "action", "get", EVERYONE),
    ("results:outcome", "action", "post", {**EVERYONE, "fran": 302, "alice": 302}),  # an empty form changes nothing
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, targets, name, target, method, visitor, expected):
    check_visit(client_for(people[visitor]), method, reverse(name, args=targets[target]), expected)


def test_every_outcome_view_is_in_the_permission_table():
    from coreflect.results import outcome_views, urls

    mine = {p.name for p in urls.urlpatterns if p.callback.__module__ == outcome_views.__name__}
    assert mine == {name.split(":")[1] for name, *_ in MATRIX}


def test_the_outcome_pages_run_a_fixed_number_of_queries(
    client_for, fran, round_, riverside, django_assert_max_num_queries
):
    for n in range(12):
        item = make_action(round_, riverside, fran, what=f"Action {n}", key=["reciprocity", "valuing-work"][n % 2])
        services.write_outcome(item, seen_version=1, we_did=f"Done {n}")
    client = client_for(fran)
    client.get(reverse("organisations:dashboard"))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("results:outcomes", args=[round_.pk])).status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get(url(item)).status_code == 200
