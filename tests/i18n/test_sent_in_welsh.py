"""What Coreflect sends or prints for a Welsh reader is in Welsh and links to Welsh pages: emails (a follower's,
a reminder, an invitation, the sign-in emails) and PDFs (the poster, a background report)."""

import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from coreflect.actions import reminders
from coreflect.actions.models import Action
from coreflect.reflections import services
from coreflect.reflections.models import RoundStatus
from tests.conftest import PASSWORD
from tests.i18n.text import english_words
from tests.reflections.conftest import make_round
from tests.reflections.test_what_happened import take_part

pytestmark = pytest.mark.django_db

# Common Welsh words that are not English words: a text with several of them is written in Welsh.
WELSH = frozenset(["eich", "chi", "mae", "yn", "yr", "gyda", "sydd", "neu", "hwn", "hon", "rydych", "ein", "gan"])


def welsh_words(text: str) -> set[str]:
    return {
        word for word in re.findall(r"[^\W\d_]+", text.replace("’", " ").replace("'", " ").lower()) if word in WELSH
    }


def assert_welsh(text: str) -> None:
    assert len(welsh_words(text)) >= 4, f"Too little Welsh in:\n{text[:600]}"
    assert not english_words(text), f"English words {english_words(text)} in:\n{text[:600]}"


def in_welsh(name: str, args=()) -> str:
    with translation.override("cy"):
        return reverse(name, args=list(args))


def in_english(name: str, args=()) -> str:
    with translation.override("en-gb"):  # a Welsh request earlier in the test leaves Welsh active
        return reverse(name, args=list(args))


def pdf_text(content: bytes) -> tuple[str, str]:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), str(reader.trailer["/Root"].get("/Lang"))


@pytest.fixture
def open_round(riverside, alice):
    return make_round(riverside, alice, title="Gwasanaethau dydd 2026")


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_a_follower_who_signed_up_in_welsh_is_told_in_welsh(open_round, fran, django_capture_on_commit_callbacks):
    welsh_reader = take_part(open_round)
    welsh_reader.post(in_welsh("follow:add", [open_round.link_code]), {"follow-email": "sian@example.org"})
    english_reader = take_part(open_round)
    english_reader.post(in_english("follow:add", [open_round.link_code]), {"follow-email": "sam@example.org"})
    with translation.override("en-gb"), django_capture_on_commit_callbacks(execute=True):  # closed on an English page
        services.set_status(open_round, RoundStatus.CLOSED)
    sent = {message.to[0]: message for message in mail.outbox}
    welsh, english = sent["sian@example.org"], sent["sam@example.org"]
    assert "/cy/unfollow/" in welsh.body and "/cy/" not in english.body
    assert_welsh(welsh.subject + "\n" + welsh.body)


def test_a_reminder_is_in_the_language_its_reader_last_signed_in_with(riverside, fran, settings):
    settings.SITE_URL = "https://coreflect.example"
    client = Client()
    response = client.post(in_welsh("accounts:sign-in"), {"login": fran.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/cy/")
    fran.refresh_from_db()
    assert fran.language == "cy"
    Action.objects.create(organisation=riverside, what="Talu am amser", owner=fran, due_on=timezone.localdate())
    reminders.send_due_reminders()
    (email,) = mail.outbox
    assert "https://coreflect.example/cy/actions/" in email.body
    assert_welsh(email.subject + "\n" + email.body)


def test_an_invitation_sent_from_a_welsh_page_is_in_welsh(alice):
    client = Client()
    client.force_login(alice)
    client.post(in_welsh("organisations:invite"), {"email": "nia@example.org", "role": "viewer"})
    (email,) = mail.outbox
    assert "/cy/invitations/" in email.body or "/cy/" in email.body
    assert_welsh(email.subject + "\n" + email.body)


def test_the_poster_printed_from_a_welsh_page_is_welsh(open_round, alice):
    client = Client()
    client.force_login(alice)
    response = client.get(in_welsh("reflections:poster-pdf", [open_round.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text, language = pdf_text(response.content)
    assert language == "cy"
    assert "/cy/r/" in text.replace("\n", "")
    assert_welsh(text)


def test_an_english_poster_says_it_is_english(open_round, alice):
    client = Client()
    client.force_login(alice)
    text, language = pdf_text(client.get(in_english("reflections:poster-pdf", [open_round.pk])).content)
    assert language == "en-GB" and "/cy/" not in text and english_words(text)
