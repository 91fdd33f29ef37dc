"""Emails to people who asked to hear what happened are in the language they signed up in, whoever's action
sends them: a facilitator closing the round in English, or writing an outcome in Welsh."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from coreflect.actions.models import Follower
from tests.actions.test_follow_up import IMMEDIATE, an_action, close, write_outcome
from tests.reflections.conftest import make_round
from tests.reflections.test_what_happened import take_part


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture(autouse=True)
def _english_again_afterwards():
    """A request under /cy/ leaves Welsh active in the test's thread: the tests after this one start in English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice)


def sign_up_in(language, round_, address):
    with translation.override(language):
        url = reverse("follow:add", args=[round_.link_code])
    response = take_part(round_).post(url, {"follow-email": address})
    assert response.status_code == 200
    return response


def test_the_sign_up_page_in_welsh_says_so_in_welsh(open_round):
    page = sign_up_in("cy", open_round, "cerys@example.org").content.decode()
    assert '<html lang="cy"' in page and "Byddwn yn anfon e-bost atoch" in page
    assert Follower.objects.get().language == "cy"


def test_each_follower_hears_the_results_in_their_own_language(open_round, django_capture_on_commit_callbacks):
    sign_up_in("cy", open_round, "cerys@example.org")
    sign_up_in("en-gb", open_round, "sam@example.org")
    with translation.override("en-gb"):  # the facilitator closes the round in English
        close(open_round, django_capture_on_commit_callbacks)
    by_address = {message.to[0]: message for message in mail.outbox}
    welsh, english = by_address["cerys@example.org"], by_address["sam@example.org"]
    assert welsh.subject == "Mae canlyniadau “Day services 2026” ar gael"
    assert "Helo," in welsh.body and "Gweld beth ddigwyddodd" in welsh.body
    assert "Hello," not in welsh.body and "/cy/unfollow/" in welsh.body
    assert english.subject == "The results of “Day services 2026” are out"
    assert "Hello," in english.body and "/cy/" not in english.body


def test_an_outcome_written_in_welsh_reaches_an_english_follower_in_english(
    open_round, fran, django_capture_on_commit_callbacks
):
    sign_up_in("en-gb", open_round, "sam@example.org")
    sign_up_in("cy", open_round, "cerys@example.org")
    close(open_round, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    action = an_action(open_round, fran)
    with translation.override("cy"):  # the facilitator writes the outcome on the Welsh page
        assert write_outcome(action) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "We did:" in by_address["sam@example.org"].body
    assert "Gwnaethon ni:" in by_address["cerys@example.org"].body
    assert by_address["cerys@example.org"].subject.endswith("yn dweud beth wnaeth")


def test_signing_up_again_in_the_other_language_changes_the_emails_language(open_round):
    sign_up_in("en-gb", open_round, "sam@example.org")
    sign_up_in("cy", open_round, "sam@example.org")
    assert list(Follower.objects.values_list("language", flat=True)) == ["cy"]
