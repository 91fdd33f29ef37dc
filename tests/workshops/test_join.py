"""Joining a workshop from a phone: the code (typed, or in the QR code's address), the perspective, the
cookie, a finished workshop's code, and the limit on wrong codes – in one process and across two."""

import base64
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from coreflect.reflections.models import Participant
from coreflect.workshops import limits, services
from coreflect.workshops.models import Attendee, Counting
from coreflect.workshops.phone_access import ATTENDEE_COOKIE
from tests.reflections.conftest import Visitor, make_round

from .phones import Phone, text_of

WRONG = "7KMQ4X"


def typed(client, code):
    return client.post(reverse("phone:join"), {"code": code})


def test_the_right_code_leads_to_the_perspective_then_in_with_a_private_cookie(workshop):
    phone = Phone(workshop)
    response = typed(phone.client, f" {workshop.code[:3].lower()}-{workshop.code[3:]} ")
    assert response.status_code == 302
    assert response["Location"] == phone.url("join-code")
    page = phone.client.get(phone.url("join-code"))
    assert "Which of these best describes you?" in text_of(page)
    assert phone.client.post(phone.url("join-code"), {}).status_code == 400
    phone.join("draws-on-support")
    cookie = phone.client.cookies[ATTENDEE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == phone.url("page")
    attendee = phone.attendee
    assert attendee.perspective.key == "draws-on-support"
    assert not attendee.answered_alone
    assert "You are in" in text_of(phone.page())
    # Visiting the join page again does not make a second attendee.
    assert phone.client.get(phone.url("join-code"))["Location"] == phone.url("page")
    assert Attendee.objects.filter(workshop=workshop).count() == 1


def test_a_wrong_code_is_said_by_the_field_and_in_the_summary(workshop):
    response = typed(Client(), WRONG)
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert page.count("There is no workshop running with that code") == 2  # summary and field
    assert f'value="{WRONG}"' in response.content.decode()  # what they typed stays
    assert "Enter the workshop code" in text_of(typed(Client(), ""))
    assert "6 letters and numbers, like" in text_of(typed(Client(), "ABC"))


def test_a_finished_workshops_code_says_it_has_finished(workshop):
    services.finish_workshop(workshop)
    response = typed(Client(), workshop.code)
    assert response.status_code == 400
    assert "That workshop has finished, so its code no longer works" in text_of(response)
    by_address = Client().get(reverse("phone:join-code", args=[workshop.code]))
    assert by_address.status_code == 404
    assert "That workshop has finished" in text_of(by_address)


def test_the_qr_codes_address_opens_the_join_page_for_that_code(workshop):
    response = Client().get(reverse("phone:join-code", args=[workshop.code.lower()]))
    assert response["Location"] == reverse("phone:join-code", args=[workshop.code])
    wrong = Client().get(reverse("phone:join-code", args=[WRONG]))
    assert wrong.status_code == 404
    assert f'value="{WRONG}"' in wrong.content.decode()


def test_the_projector_include_draws_the_join_qr_code_with_the_address_and_code(workshop):
    html = render_to_string("workshops/_join_qr.html", {"workshop": workshop}, request=RequestFactory().get("/"))
    assert "<svg" in html and 'role="img"' in html and "scan it to join the workshop" in html
    assert "testserver/join" in html
    assert workshop.code in html


def test_a_person_who_answered_alone_joins_as_themselves(open_round, workshop):
    visitor = Visitor(open_round)
    visitor.join("family-carer")
    participant = Participant.objects.get(round=open_round)
    tasks = visitor.client.get(visitor.url("tasks"))
    own_url = reverse("phone:join-own", args=[open_round.link_code])
    assert own_url in tasks.content.decode()
    assert "In a workshop? Join with its code" in text_of(tasks)
    assert visitor.client.get(own_url).status_code == 200
    refused = visitor.client.post(own_url, {"code": WRONG})
    assert refused.status_code == 400
    assert "There is no workshop running with that code" in text_of(refused)
    response = visitor.client.post(own_url, {"code": workshop.code})
    assert response.status_code == 302
    assert response["Location"] == reverse("phone:page", args=[workshop.code])
    attendee = Attendee.objects.get(workshop=workshop)
    assert attendee.participant == participant and attendee.answered_alone
    assert attendee.perspective.key == "family-carer"
    # Without their own cookie there is no one to join as: back to the start of the journey.
    assert Client().get(own_url)["Location"] == reverse("journey:start", args=[open_round.link_code])


def test_another_rounds_workshop_code_does_not_join_your_own_answers(open_round, riverside, alice, fran):
    other = services.start_workshop(make_round(riverside, alice, title="Another round"), started_by=fran)
    visitor = Visitor(open_round)
    visitor.join()
    response = visitor.client.post(reverse("phone:join-own", args=[open_round.link_code]), {"code": other.code})
    assert response.status_code == 400
    assert "There is no workshop for this reflection with that code" in text_of(response)
    assert not Attendee.objects.exists()


# The limit on wrong codes ------------------------------------------------------------------------------


def test_ten_wrong_codes_then_even_the_right_one_is_refused_for_five_minutes(workshop, monkeypatch):
    guesser = Client(REMOTE_ADDR="192.0.2.10")
    for _try in range(9):
        assert typed(guesser, WRONG).status_code == 400
    # Nine wrong tries leave the door open.
    assert typed(guesser, workshop.code).status_code == 302
    assert typed(guesser, WRONG).status_code == 400  # the tenth
    refused = typed(guesser, workshop.code)
    assert refused.status_code == 429
    assert "Too many wrong codes" in text_of(refused)
    assert "Try again after" in text_of(refused)
    assert 280 <= int(refused["Retry-After"]) <= 300
    assert guesser.get(reverse("phone:join-code", args=[workshop.code])).status_code == 429
    assert guesser.get(reverse("phone:join")).status_code == 429
    # Another client is not affected.
    assert typed(Client(REMOTE_ADDR="192.0.2.11"), workshop.code).status_code == 302
    started = time.time()
    monkeypatch.setattr(limits.time, "time", lambda: started + 290)
    assert typed(guesser, workshop.code).status_code == 429
    monkeypatch.setattr(limits.time, "time", lambda: started + 301)
    assert typed(guesser, workshop.code).status_code == 302


@pytest.mark.parametrize("proxies", [[], ["10.0.0.2"]], ids=["no proxy trusted", "behind a trusted proxy"])
def test_a_rotated_x_forwarded_for_does_not_start_the_count_afresh(workshop, settings, proxies):
    settings.TRUSTED_PROXIES = proxies
    remote = "10.0.0.2" if proxies else "192.0.2.10"
    for n in range(10):
        guesser = Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 192.0.2.10")
        assert typed(guesser, WRONG).status_code == 400
    fresh_header = Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="198.51.100.99, 192.0.2.10")
    assert typed(fresh_header, workshop.code).status_code == 429
    someone_else = Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert typed(someone_else, workshop.code).status_code == (302 if proxies else 429)


def test_wrong_codes_in_addresses_count_and_a_refused_guesser_learns_nothing(workshop, open_round, riverside, alice):
    guesser = Client(REMOTE_ADDR="192.0.2.20")
    for n in range(10):
        name = ("page", "join-code", "live")[n % 3]
        assert guesser.get(reverse(f"phone:{name}", args=[WRONG])).status_code == 404
    for name in ("page", "join-code", "live"):
        assert guesser.get(reverse(f"phone:{name}", args=[workshop.code])).status_code == 429
        assert guesser.get(reverse(f"phone:{name}", args=[WRONG])).status_code == 429
    assert guesser.post(reverse("phone:vote", args=[workshop.code, "x"])).status_code == 429
    own = Visitor(open_round)
    own.client = Client(REMOTE_ADDR="192.0.2.20")
    own.join()
    assert (
        own.client.post(reverse("phone:join-own", args=[open_round.link_code]), {"code": workshop.code}).status_code
        == 429
    )


def test_a_phone_already_in_is_never_refused_by_its_addresses_wrong_tries(workshop):
    phone = Phone(workshop, address="192.0.2.30").join()
    for _try in range(12):
        typed(phone.client, WRONG)
    assert typed(phone.client, workshop.code).status_code == 429
    assert phone.page().status_code == 200
    assert phone.client.get(phone.url("live")).status_code == 200


def _cache_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM coreflect_cache")
        return cursor.fetchall()


def test_the_shared_cache_holds_no_address_in_clear(workshop):
    address = "203.0.113.219"
    guesser = Client(REMOTE_ADDR=address)
    for _try in range(11):
        typed(guesser, WRONG)
    assert typed(guesser, workshop.code).status_code == 429
    rows = _cache_rows()
    assert len(rows) >= 2  # the count, and the mark that shuts the door
    for key, value in rows:
        stored = key + value + base64.b64decode(value).decode("latin-1")
        assert address not in stored
        assert address.replace(".", "") not in stored


# Two processes ---------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _server_environment() -> dict:
    database = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",
        "SECRET_KEY": settings.SECRET_KEY,  # the limit's mark is keyed with it: every process has the same
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",  # DEBUG off: email chosen on purpose
    }
    if connection.vendor == "sqlite":
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = database["NAME"]
    else:
        parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path="/" + database["NAME"]))
    return env


@pytest.mark.django_db(transaction=True)
def test_wrong_tries_at_one_app_process_count_at_another(open_round, fran):
    """Two app servers (processes of their own) on one database: ten wrong codes at the first shut the door
    at the second too."""
    workshop = services.start_workshop(open_round, started_by=fran, counting=Counting.REPLACE)
    manage = Path(settings.BASE_DIR) / "manage.py"
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, str(manage), "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=_server_environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        first, second = (f"http://127.0.0.1:{port}" for port in ports)
        deadline = time.monotonic() + 60
        for base in (first, second):
            while True:
                try:
                    if _status(base + "/healthz") == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "the app servers did not start within a minute"
                time.sleep(0.3)
        right = reverse("phone:join-code", args=[workshop.code])
        assert _status(second + right) == 200  # the right code works at the second server
        for _try in range(10):
            assert _status(first + reverse("phone:join-code", args=[WRONG])) == 404
        assert _status(second + right) == 429
        assert _status(first + right) == 429
    finally:
        # The cache table is not one of the models' tables, so the end of this test does not empty it: the
        # loopback address's shut door would refuse the next tests' live servers.
        cache.clear()
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
