"""Personal invitations: single-use links by email or on printed slips, the "personal links only" setting,
response rates by perspective, and that a used link is never linked to anyone's answers."""

import json
import re
import smtplib

import pytest
from django.apps import apps
from django.core import mail, serializers
from django.db import models
from django.test import Client
from django.urls import reverse

from coreflect.audit.models import AuditEvent, Kind
from coreflect.logs import hide_tokens
from coreflect.reflections import invitations, services
from coreflect.reflections.models import Participant, PersonalLink, RoundStatus
from tests.pdf import read_pdf
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows
from tests.reflections.conftest import Visitor, make_round

pytestmark = pytest.mark.django_db

ADDRESSES = ["amira@example.org", "ben@example.org", "chloe@example.org"]
TOKEN = re.compile(r"/invited/([A-Za-z0-9_-]{43})/")


def url(name, round_):
    return reverse(f"reflections:{name}", args=[round_.pk])


def perspective(round_, key="frontline"):
    return round_.perspectives.get(key=key)


def make_link(round_, key="frontline") -> str:
    return invitations.make_links(round_, perspective(round_, key), 1)[0]


class Invited:
    """A browser holding a personal link: opens it, then presses Start."""

    def __init__(self, round_, token):
        self.round, self.token, self.client = round_, token, Client()

    @property
    def link(self):
        return reverse("journey:invited-link", args=[self.round.link_code, self.token])

    def open(self):
        return self.client.get(self.link)

    def start(self, **data):
        self.open()
        return self.client.post(reverse("journey:invited", args=[self.round.link_code]), data)

    def tasks(self):
        return self.client.get(reverse("journey:tasks", args=[self.round.link_code]))

    def answer(self, key, **fields):
        url = reverse("journey:principle", args=[self.round.link_code, key])
        return self.client.post(url, {"action": "continue", **fields})

    def send(self):
        return self.client.post(reverse("journey:check", args=[self.round.link_code]))


# --- Who may do what ----------------------------------------------------------------------------


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


RUNS = {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200, "alice": 200}
MATRIX = [
    ("reflections:personal", "round", "get", RUNS),
    ("reflections:personal-email", "round", "get", RUNS),
    ("reflections:personal-print", "round", "get", RUNS),
    # An empty post is a form with a mistake in it: the page again, with the message.
    ("reflections:personal-only", "round", "post", RUNS | {"fran": 400, "alice": 400}),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, open_round, name, target, method, visitor, expected):
    check_visit(client_for(people[visitor]), method, reverse(name, args=[open_round.pk]), expected)


def test_other_organisations_and_viewers_make_no_links(client_for, carol, bob, open_round):
    for person, status in [(carol, 404), (bob, 403)]:
        client = client_for(person)
        data = {"perspective": perspective(open_round).pk, "count": 8}
        assert client.post(url("personal-print", open_round), data).status_code == status
        data = {"perspective": perspective(open_round).pk, "addresses": "someone@example.org"}
        assert client.post(url("personal-email", open_round), data).status_code == status
        assert client.post(url("personal-only", open_round), {"who": "personal"}).status_code == status
    assert PersonalLink.objects.count() == 0 and mail.outbox == []
    open_round.refresh_from_db()
    assert not open_round.personal_links_only


def test_pages_run_a_fixed_number_of_queries(client_for, fran, open_round, django_assert_max_num_queries):
    for key in ("frontline", "manager", "family-carer"):
        invitations.make_links(open_round, perspective(open_round, key), 30)
    for _ in range(7):
        Invited(open_round, make_link(open_round)).start()
    client = client_for(fran)
    with django_assert_max_num_queries(9):
        assert client.get(url("personal", open_round)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(url("detail", open_round)).status_code == 200
    for name in ("personal-email", "personal-print"):
        with django_assert_max_num_queries(7):
            assert client.get(url(name, open_round)).status_code == 200
    browser = Invited(open_round, make_link(open_round))
    with django_assert_max_num_queries(3):
        assert browser.open().status_code == 302
    with django_assert_max_num_queries(4):
        assert browser.client.get(reverse("journey:invited", args=[open_round.link_code])).status_code == 200


# --- Used once, resumed, refused ---------------------------------------------------------------


def test_a_personal_link_starts_one_person_with_its_perspective(open_round):
    browser = Invited(open_round, make_link(open_round))

    opened = browser.open()
    assert opened.status_code == 302
    assert opened["Location"] == reverse("journey:invited", args=[open_round.link_code])  # no token in it
    assert opened["Referrer-Policy"] == "no-referrer" and "no-store" in opened["Cache-Control"]
    page = browser.client.get(opened["Location"]).content.decode()
    assert "Your personal invitation" in page and "Frontline worker" in page
    assert Participant.objects.count() == 0 and not PersonalLink.objects.get().used  # opening uses nothing

    started = browser.client.post(opened["Location"])
    assert started.status_code == 302 and started["Location"] == reverse("journey:tasks", args=[open_round.link_code])
    participant = Participant.objects.get()
    assert participant.perspective.key == "frontline"
    assert PersonalLink.objects.get().used
    assert browser.tasks().status_code == 200


def test_a_used_link_resumes_the_same_person_in_the_same_browser(open_round):
    browser = Invited(open_round, make_link(open_round))
    browser.start()
    browser.answer("people-as-assets", evidence="Our own words")

    again = browser.open()
    assert again["Location"] == reverse("journey:tasks", args=[open_round.link_code])
    page = browser.client.get(reverse("journey:principle", args=[open_round.link_code, "people-as-assets"]))
    assert "Our own words" in page.content.decode()
    assert Participant.objects.count() == 1


def test_a_used_link_is_refused_kindly_in_another_browser(open_round):
    token = make_link(open_round)
    Invited(open_round, token).start()

    other = Invited(open_round, token)
    refused = other.open()
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "This invitation has already been used" in page
    assert "open the private link you were given" in page
    assert other.tasks()["Location"] == reverse("journey:start", args=[open_round.link_code])  # no answers to see
    assert Participant.objects.count() == 1


def test_two_browsers_pressing_start_with_one_link_start_one_person(open_round):
    token = make_link(open_round)
    first, second = Invited(open_round, token), Invited(open_round, token)
    first.open(), second.open()
    invited = reverse("journey:invited", args=[open_round.link_code])
    assert first.client.post(invited).status_code == 302
    refused = second.client.post(invited)
    assert refused.status_code == 403 and "already been used" in refused.content.decode()
    assert Participant.objects.count() == 1


def test_unknown_links_and_another_rounds_links_are_not_recognised(open_round, riverside, alice):
    other_round = make_round(riverside, alice, title="Another round")
    token = make_link(other_round)
    for wrong in (token, "x" * 43):
        response = Invited(open_round, wrong).open()
        assert response.status_code == 404 and "This link is not recognised" in response.content.decode()
    without_cookie = Client().get(reverse("journey:invited", args=[open_round.link_code]))
    assert without_cookie.status_code == 404
    assert not PersonalLink.objects.get().used


def test_a_closed_round_keeps_the_link_unused(open_round):
    browser = Invited(open_round, make_link(open_round))
    services.set_status(open_round, RoundStatus.CLOSED)
    response = browser.start()
    assert response.status_code == 403 and "not taking answers" in response.content.decode()
    assert not PersonalLink.objects.get().used and Participant.objects.count() == 0


def test_a_named_round_asks_the_invited_person_for_their_name(riverside, alice):
    named = make_round(riverside, alice, anonymous=False)
    browser = Invited(named, make_link(named))
    missing = browser.start(name="")
    assert missing.status_code == 200 and "Enter your name" in missing.content.decode()
    assert not PersonalLink.objects.get().used
    assert browser.start(name="Priya Shah").status_code == 302
    assert Participant.objects.get().name == "Priya Shah"


def test_logs_hide_the_personal_token():
    line = 'GET /r/abc/invited/SECRETtoken_123/ HTTP/1.1" 302'
    assert hide_tokens(line) == 'GET /r/abc/invited/[hidden]/ HTTP/1.1" 302'
    assert hide_tokens("POST /r/abc/invited/ 200") == "POST /r/abc/invited/ 200"


# --- Personal links only -----------------------------------------------------------------------


def test_a_round_can_take_personal_links_only(client_for, fran, open_round):
    response = client_for(fran).post(url("personal-only", open_round), {"who": "personal"})
    assert response.status_code == 302
    open_round.refresh_from_db()
    assert open_round.personal_links_only
    event = AuditEvent.objects.get(kind=Kind.ROUND_CHANGED)
    assert event.changes == {"personal_links_only": [False, True]}

    visitor = Visitor(open_round)
    start = visitor.client.get(visitor.url("start")).content.decode()
    assert "This reflection is by personal invitation" in start and "Start now" not in start
    refused = visitor.client.post(visitor.url("perspective"), {"perspective": perspective(open_round).pk})
    assert refused.status_code == 403 and "use the personal link you were sent" in refused.content.decode()
    assert Participant.objects.count() == 0

    browser = Invited(open_round, make_link(open_round))
    assert browser.start().status_code == 302
    assert browser.tasks().status_code == 200  # and they carry on past the start page
    assert "Carry on where you left off" in browser.client.get(visitor.url("start")).content.decode()


def test_people_who_started_before_the_change_carry_on(client_for, fran, open_round, visitor):
    visitor.join()
    resume = visitor.resume_link()
    client_for(fran).post(url("personal-only", open_round), {"who": "personal"})
    elsewhere = Client()
    assert elsewhere.get(resume).status_code == 302
    assert elsewhere.get(visitor.url("tasks")).status_code == 200


def test_the_setting_needs_a_choice(client_for, fran, open_round):
    response = client_for(fran).post(url("personal-only", open_round), {})
    assert response.status_code == 400
    assert "Select who can take part" in response.content.decode()


# --- By email ----------------------------------------------------------------------------------


def test_each_address_gets_its_own_working_link_and_no_address_is_kept(client_for, fran, open_round):
    data = {"perspective": perspective(open_round).pk, "addresses": "\n".join(ADDRESSES), "message": "Hello all"}
    response = client_for(fran).post(url("personal-email", open_round), data)
    assert response.status_code == 302

    assert [message.to for message in mail.outbox] == [[address] for address in ADDRESSES]
    tokens = {TOKEN.search(message.body).group(1) for message in mail.outbox}
    assert len(tokens) == 3
    assert all("Hello all" in message.body and "yours alone" in message.body for message in mail.outbox)
    assert PersonalLink.objects.filter(round=open_round, perspective__key="frontline").count() == 3

    event = AuditEvent.objects.get(kind=Kind.PERSONAL_LINKS_MADE)
    assert event.changes == {"count": [None, 3], "perspective": [None, "Frontline worker"]}
    for model in apps.get_models():
        if model.__module__.startswith("coreflect."):
            stored = serializers.serialize("json", model._default_manager.all())
            assert not any(address in stored for address in ADDRESSES), f"an address is stored in {model.__name__}"
            assert not any(token in stored for token in tokens), f"a working link is stored in {model.__name__}"

    assert Invited(open_round, tokens.pop()).start().status_code == 302


def test_bad_addresses_are_named_and_nothing_typed_is_lost(client_for, fran, open_round):
    data = {"perspective": perspective(open_round).pk, "addresses": "good@example.org\nnot-an-address"}
    response = client_for(fran).post(url("personal-email", open_round), data | {"message": "Thank you"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Check this address: not-an-address" in content and 'class="govuk-error-summary"' in content
    assert "good@example.org\nnot-an-address</textarea>" in content and "Thank you</textarea>" in content
    missing = client_for(fran).post(url("personal-email", open_round), {"addresses": "good@example.org"})
    assert "Select who these invitations are for" in missing.content.decode()
    assert PersonalLink.objects.count() == 0 and mail.outbox == []


def test_a_failing_email_server_takes_back_the_links_not_sent(client_for, fran, open_round, monkeypatch):
    sent = []

    def send(message, fail_silently=False):
        if len(sent) == 1:
            raise smtplib.SMTPServerDisconnected("gone")
        sent.append(message)
        return 1

    monkeypatch.setattr("django.core.mail.EmailMessage.send", send)
    data = {"perspective": perspective(open_round).pk, "addresses": "\n".join(ADDRESSES)}
    response = client_for(fran).post(url("personal-email", open_round), data)
    assert response.status_code == 503
    assert "stopped after 1 of 3 invitations" in response.content.decode()
    assert PersonalLink.objects.count() == 1  # only the one that went still works


# --- On paper ----------------------------------------------------------------------------------


def test_printed_slips_are_a_pdf_of_working_links_eight_to_a_page(client_for, fran, open_round):
    data = {"perspective": perspective(open_round, "family-carer").pk, "count": 10}
    response = client_for(fran).post(url("personal-print", open_round), data)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    document = read_pdf(response.content)
    assert len(document.pages) == 2 and document.a4 and document.tagged
    assert document.title == "Personal invitations: Day services 2026"
    assert document.pages[0].count("Your personal invitation") == 8
    assert document.pages[1].count("Your personal invitation") == 2
    assert "Family member or unpaid carer" in document.words
    # Each slip's code is on a line of its own, under the start of its link.
    tokens = set(re.findall(r"(?<![\w/-])([A-Za-z0-9_-]{43})/", document.words))
    assert len(tokens) == 10
    assert PersonalLink.objects.filter(perspective__key="family-carer").count() == 10
    event = AuditEvent.objects.get(kind=Kind.PERSONAL_LINKS_MADE)
    assert event.changes == {"count": [None, 10], "perspective": [None, "Family member or unpaid carer"]}

    browser = Invited(open_round, sorted(tokens)[0])
    assert browser.start().status_code == 302
    assert Participant.objects.get().perspective.key == "family-carer"


@pytest.mark.parametrize(
    ("count", "message"),
    [("0", "Print at least 1 slip"), ("201", "You can print up to 200 slips at once"), ("lots", "whole number")],
)
def test_a_wrong_number_of_slips_is_explained(client_for, fran, open_round, count, message):
    data = {"perspective": perspective(open_round).pk, "count": count}
    response = client_for(fran).post(url("personal-print", open_round), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert f'value="{count}"' in response.content.decode()
    assert PersonalLink.objects.count() == 0


# --- Response rates ----------------------------------------------------------------------------


def rates_on(client, round_) -> str:
    page = client.get(url("personal", round_)).content.decode()
    table = page.split("Answers from the groups you invited")[1].split("</table>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", table).split())


def send_from_invitation(round_, key="frontline", **start):
    browser = Invited(round_, make_link(round_, key))
    browser.start(**start)
    browser.answer("people-as-assets", stage="basics")
    assert browser.send().status_code == 302


def test_response_rates_move_in_batches_never_one_person_at_a_time(client_for, fran, open_round):
    invitations.make_links(open_round, perspective(open_round), 35)
    client = client_for(fran)
    for _ in range(4):
        send_from_invitation(open_round)
    assert "Frontline worker 0 of 39 invited" in rates_on(client, open_round)
    send_from_invitation(open_round)
    assert "Frontline worker 5 of 40 invited" in rates_on(client, open_round)
    send_from_invitation(open_round)  # one more person: not shown until a batch of 5
    assert "Frontline worker 5 of 41 invited" in rates_on(client, open_round)
    detail = client.get(url("detail", open_round)).content.decode()
    assert "Answers from the groups you invited" in detail and "5 of 41 invited" in detail


def test_small_groups_response_rates_are_hidden(client_for, fran, open_round):
    invitations.make_links(open_round, perspective(open_round, "manager"), 7)
    for _ in range(3):
        send_from_invitation(open_round, "manager")
    services.set_status(open_round, RoundStatus.CLOSED)  # everything is released when a round closes
    rates = rates_on(client_for(fran), open_round)
    assert "Manager or leader fewer than 5 of 10 invited" in rates
    assert "3 of 10" not in rates


def test_named_rounds_show_response_rates_as_they_come(client_for, fran, riverside, alice):
    named = make_round(riverside, alice, anonymous=False)
    invitations.make_links(named, perspective(named), 9)
    send_from_invitation(named, name="Sam")
    assert "1 of 10 invited" in rates_on(client_for(fran), named)


def test_no_rates_until_links_are_made(client_for, fran, open_round):
    page = client_for(fran).get(url("personal", open_round)).content.decode()
    assert "You have not made any personal invitations for this round yet." in page
    assert "Answers from the groups you invited" not in client_for(fran).get(url("detail", open_round)).content.decode()


# --- Anonymity ---------------------------------------------------------------------------------


def test_no_column_links_a_used_personal_link_to_a_participant(open_round):
    # The link keeps its round, its perspective, its token's hash and whether it was used: no participant,
    # no time. And nothing on a participant, or their answers, points back at a link.
    assert {field.name for field in PersonalLink._meta.concrete_fields} == {
        "id", "round", "perspective", "token_hash", "used",
    }  # fmt: skip
    for model in (Participant, *(m for m in apps.get_models() if m.__module__.startswith("coreflect."))):
        for field in model._meta.get_fields():
            if field.is_relation and field.related_model is PersonalLink:
                assert model is not Participant and field.auto_created, f"{model.__name__}.{field.name}"
    assert not any(isinstance(field, models.DateField) for field in PersonalLink._meta.concrete_fields)

    token = make_link(open_round)
    Invited(open_round, token).start()
    link, participant = PersonalLink.objects.get(), Participant.objects.get()
    assert link.used and link.token_hash != participant.token_hash
    stored = json.loads(serializers.serialize("json", [link]))[0]["fields"]
    assert stored == {
        "round": open_round.pk,
        "perspective": participant.perspective_id,
        "token_hash": link.token_hash,
        "used": True,
    }
