"""People who ask to be told what happened: the sign-up, the emails (results out, an outcome written), the
unsubscribe link, and the address kept apart from every answer and deleted after the last message."""

import datetime

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coreflect.actions import follow_up
from coreflect.actions import services as action_services
from coreflect.actions.models import ActionStatus, Follower
from coreflect.reflections import services
from coreflect.reflections.models import Participant, RoundStatus
from tests.reflections.conftest import make_round
from tests.reflections.test_what_happened import PRINCIPLE, take_part

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ADDRESS = "sam.follower@example.org"


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


def sign_up(client, round_, address=ADDRESS):
    return client.post(reverse("follow:add", args=[round_.link_code]), {"follow-email": address})


def an_action(round_, fran, what="Write a payment policy", **fields):
    principle = round_.framework_version.principle_rows.get(key=PRINCIPLE)
    idea = action_services.add_idea(round_, principle=principle, text=f"Idea for {what}")
    return action_services.create_action(
        organisation=round_.organisation, created_by=fran, round=round_, idea=idea, what=what, **fields
    )


def write_outcome(action, we_did="A payment policy from April"):
    action.we_asked, action.you_said, action.we_did = "How?", "Pay us", we_did
    action.outcome_written_at = timezone.now()
    action.save()
    return follow_up.tell_followers_outcome_written(action)


def close(round_, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(round_, RoundStatus.CLOSED)


# --- Signing up --------------------------------------------------------------------------------------


def test_a_participant_signs_up_and_is_told_what_happens_to_the_address(open_round):
    client = take_part(open_round)
    response = sign_up(client, open_round, "  Sam.Follower@Example.org ")
    assert response.status_code == 200
    assert "We will email you" in response.content.decode()
    assert list(Follower.objects.values_list("round_id", "email", "told_results")) == [(open_round.pk, ADDRESS, False)]
    sign_up(client, open_round)  # twice: kept once
    assert Follower.objects.count() == 1


def test_a_bad_address_is_explained_and_kept_as_typed(open_round):
    client = take_part(open_round)
    response = sign_up(client, open_round, "sam at example")
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page and "Enter an email address in the correct format" in page
    assert 'value="sam at example"' in page
    response = sign_up(client, open_round, "")
    assert "Enter your email address" in response.content.decode()
    assert not Follower.objects.exists()


def test_only_someone_who_took_part_can_sign_up(open_round, hillside, carol):
    hillside_round = make_round(hillside, carol, title="Hillside homes")
    assert sign_up(Client(), open_round).status_code == 404
    assert sign_up(take_part(hillside_round), open_round).status_code == 404
    assert not Follower.objects.exists()


# --- Kept apart ----------------------------------------------------------------------------------------


def test_nothing_in_the_database_links_the_address_to_a_participant_or_an_answer(open_round, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the queue is a table too
    client = take_part(open_round)
    sign_up(client, open_round)
    assert follow_up.tell_followers_results_released(open_round) == 1  # queued, waiting for a worker
    participant = Participant.objects.get()
    follower = Follower.objects.get()

    def holding(text):
        found = set()
        for model in apps.get_models():  # every table, the task queue's included
            for field in model._meta.concrete_fields:
                if field.get_internal_type() in {"CharField", "TextField", "JSONField"}:
                    for value in model._default_manager.values_list(field.name, flat=True):
                        if text in str(value).lower():
                            found.add((model._meta.label, field.name))
        return found

    assert holding(ADDRESS) == {("actions.Follower", "email")}
    # Its random id only in its own row and the waiting email's task: neither names a participant or answer.
    assert {label for label, _field in holding(follower.pk.lower())} == {
        "actions.Follower",
        "django_tasks_database.DBTaskResult",
    }
    assert participant.token_hash not in str(list(Follower.objects.values()))

    # The address's row names the round, nothing else: no participant, token, answer or time of day (only the
    # language of the page it was given on, so its emails are in that language).
    assert {field.name for field in Follower._meta.concrete_fields} == {
        "id",
        "round",
        "email",
        "added_on",
        "told_results",
        "language",
    }
    assert [field.related_model.__name__ for field in Follower._meta.concrete_fields if field.is_relation] == ["Round"]
    assert isinstance(Follower._meta.get_field("added_on"), models.DateField)
    assert not isinstance(Follower._meta.get_field("added_on"), models.DateTimeField)
    assert not isinstance(follower.pk, int)  # a random id: no count up to set beside the participants'
    assert not [rel for rel in Follower._meta.related_objects]  # and nothing points at it


# --- The emails ------------------------------------------------------------------------------------------


def test_followers_are_told_once_when_the_results_are_out(open_round, django_capture_on_commit_callbacks):
    sign_up(take_part(open_round), open_round)
    sign_up(take_part(open_round), open_round, "kim@example.org")
    close(open_round, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == ["kim@example.org", ADDRESS]
    message = mail.outbox[0]
    assert message.subject == "The results of “Day services 2026” are out"
    assert "See what happened" in message.body
    assert "/unfollow/" in message.body
    assert all(Follower.objects.values_list("told_results", flat=True))

    services.set_status(open_round, RoundStatus.OPEN)
    close(open_round, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2  # closing again tells nobody twice


def test_the_email_links_to_the_public_page_only_when_published(open_round, fran, django_capture_on_commit_callbacks):
    sign_up(take_part(open_round), open_round)
    services.set_happened_published(open_round, True, by=fran)
    close(open_round, django_capture_on_commit_callbacks)
    assert reverse("happened:public", args=[open_round.link_code]) in mail.outbox[0].body


def test_a_round_closing_by_its_date_is_caught_by_the_daily_job(riverside, alice):
    round_ = make_round(riverside, alice)
    sign_up(take_part(round_), round_)
    round_.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    round_.save()
    follow_up.daily()
    assert len(mail.outbox) == 1
    follow_up.daily()
    assert len(mail.outbox) == 1


def test_followers_are_told_each_outcome_and_forgotten_after_the_last(
    open_round, fran, django_capture_on_commit_callbacks
):
    sign_up(take_part(open_round), open_round)
    first, second = an_action(open_round, fran), an_action(open_round, fran, what="Train the panel")
    close(open_round, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    assert write_outcome(first) == 1
    assert mail.outbox[0].to == [ADDRESS]
    assert "A payment policy from April" in mail.outbox[0].body
    assert "/unfollow/" in mail.outbox[0].body
    assert Follower.objects.exists()  # another action has no outcome yet

    write_outcome(second, we_did="Training in May")
    assert "Training in May" in mail.outbox[1].body
    assert not Follower.objects.exists()  # that was the last message


def test_a_dropped_action_needs_no_outcome_before_the_address_is_deleted(
    open_round, fran, django_capture_on_commit_callbacks
):
    sign_up(take_part(open_round), open_round)
    an_action(open_round, fran, what="Never mind", status=ActionStatus.DROPPED)
    done = an_action(open_round, fran)
    close(open_round, django_capture_on_commit_callbacks)
    write_outcome(done)
    assert not Follower.objects.exists()


def test_the_unsubscribe_link_deletes_the_address(open_round, fran):
    sign_up(take_part(open_round), open_round)
    key = Follower.objects.get().pk
    url = reverse("follow:remove", args=[key])
    response = Client().get(url)
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex, nofollow"
    assert Client().post(url).status_code == 200
    assert not Follower.objects.exists()
    assert Client().get(url).status_code == 404
    assert write_outcome(an_action(open_round, fran)) == 0
    assert follow_up.tell_follower.call(key=key, kind="results", action_id=None, language="en-gb") is False
    assert not mail.outbox


def test_addresses_are_deleted_a_year_after_the_results_and_with_the_round(riverside, alice, open_round):
    old = make_round(riverside, alice, title="Last year")
    Follower.objects.create(round=old, email="old@example.org")
    Follower.objects.create(round=open_round, email=ADDRESS)
    old.closes_on = timezone.localdate() - datetime.timedelta(days=400)
    old.save()
    assert follow_up.forget_followers_after_a_year() == 1
    assert list(Follower.objects.values_list("email", flat=True)) == [ADDRESS]
    Follower.objects.create(round=old, email="another@example.org")
    assert follow_up.forget_followers(old) == 1  # archived
    open_round.delete()
    assert not Follower.objects.exists()


def test_the_address_field_is_the_govuk_one():
    from coreflect.reflections.forms import FollowForm

    form = FollowForm()
    field = form["email"]
    html = str(field)
    assert field.label == "Email address"
    assert 'type="email"' in html and 'autocomplete="email"' in html and 'name="follow-email"' in html
    assert "Optional" in str(form)


def test_someone_signing_up_after_the_close_is_told_only_about_outcomes(open_round, fran):
    client = take_part(open_round)
    services.set_status(open_round, RoundStatus.CLOSED)
    sign_up(client, open_round)
    follow_up.daily()
    assert not mail.outbox
    assert write_outcome(an_action(open_round, fran)) == 1
    assert "A payment policy from April" in mail.outbox[0].body


def test_the_sign_up_and_unsubscribe_pages_run_a_fixed_number_of_queries(open_round, django_assert_max_num_queries):
    client = take_part(open_round)
    for n in range(5):
        Follower.objects.create(round=open_round, email=f"person{n}@example.org")
    with django_assert_max_num_queries(6):  # the round and person, then the address (in its own savepoint)
        assert sign_up(client, open_round).status_code == 200
    url = reverse("follow:remove", args=[Follower.objects.get(email=ADDRESS).pk])
    with django_assert_max_num_queries(2):
        assert Client().get(url).status_code == 200
    with django_assert_max_num_queries(3):
        assert Client().post(url).status_code == 200


def test_the_unsubscribe_links_key_never_reaches_a_log():
    from coreflect.logs import hide_tokens

    assert hide_tokens('"GET /unfollow/Abc-123_x/ HTTP/1.1" 200') == '"GET /unfollow/[hidden]/ HTTP/1.1" 200'


def test_writing_an_outcome_on_its_page_tells_the_followers_and_a_new_review_date_alone_does_not(
    open_round, fran, django_capture_on_commit_callbacks
):
    sign_up(take_part(open_round), open_round)
    action, _other = an_action(open_round, fran), an_action(open_round, fran, what="Train the panel")
    close(open_round, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        action = action_services.write_outcome(action, seen_version=action.version, we_did="A policy from April")
    assert [message.to for message in mail.outbox] == [[ADDRESS]]
    assert "A policy from April" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        action_services.write_outcome(action, seen_version=action.version, review_on=datetime.date(2027, 3, 1))
    assert len(mail.outbox) == 1  # only a review date changed: nothing new to tell people
