"""Private links never reach a log: Django's logs, the development server's and gunicorn's hide tokens and IP addresses."""

import datetime
import io
import logging
import os
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client
from gunicorn.config import Config

from coreflect.logs import HIDDEN, GunicornLogger
from coreflect.reflections.journey_views import COOKIE
from tests.reflections.conftest import Visitor, make_round

ROOT = Path(__file__).resolve().parent.parent
SECRET = "SECRETTOKEN0123456789abcdefXYZ"
IP_ADDRESS = "203.0.113.9"


@pytest.fixture
def written():
    """Everything Coreflect's configured log handlers write during the test, as one growing text."""
    buffer = io.StringIO()
    handlers = [
        handler
        for logger in (logging.getLogger(), logging.getLogger("django.server"))
        for handler in logger.handlers
        if handler.name in settings.LOGGING["handlers"]
    ]
    assert {handler.name for handler in handlers} == set(settings.LOGGING["handlers"])
    streams = [handler.setStream(buffer) for handler in handlers]
    yield buffer
    for handler, stream in zip(handlers, streams, strict=True):
        handler.setStream(stream)


@pytest.fixture
def visitor(riverside, alice):
    visitor = Visitor(make_round(riverside, alice))
    visitor.join()
    return visitor


def test_every_log_handler_hides_tokens():
    for name, handler in settings.LOGGING["handlers"].items():
        assert "hide_tokens" in handler.get("filters", []), name


def test_the_resume_link_sets_the_cookie_and_moves_to_an_address_without_the_token(visitor):
    token = visitor.client.cookies[COOKIE].value
    other_device = Client()
    response = other_device.get(visitor.url("resume", token))
    assert response.status_code == 302
    assert response["Location"] == visitor.url("tasks")
    assert token not in response["Location"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert "You have completed 0 of 4 parts" in other_device.get(response["Location"]).content.decode()


def test_pages_showing_the_private_link_are_not_kept_by_the_browser(visitor):
    assert "no-store" in visitor.client.get(visitor.url("later"))["Cache-Control"]


def test_a_wrong_token_or_another_rounds_token_is_not_logged(visitor, riverside, alice, written):
    token = visitor.client.cookies[COOKIE].value
    other_round = Visitor(make_round(riverside, alice, title="Another round"))
    requests = [
        (other_round.url("resume", token), token),
        (visitor.url("resume", SECRET), SECRET),
        (f"/r/no-such-round/resume/{SECRET}/", SECRET),
    ]
    for url, secret in requests:
        response = Client().get(url)
        assert response.status_code == 404
        assert response["Referrer-Policy"] == "no-referrer"
        assert "no-store" in response["Cache-Control"]
        assert secret not in written.getvalue()
    log = written.getvalue()
    assert log.count(f"Not Found: /r/{other_round.code}/resume/{HIDDEN}/") == 1
    assert log.count(f"Not Found: /r/{visitor.code}/resume/{HIDDEN}/") == 1
    assert log.count(f"Not Found: /r/no-such-round/resume/{HIDDEN}/") == 1


def test_an_unknown_invitation_link_is_not_logged(client, db, written):
    response = client.get(f"/invitations/{SECRET}/")
    assert response.status_code == 410
    log = written.getvalue()
    assert SECRET not in log
    assert f"/invitations/{HIDDEN}/" in log


def test_the_development_servers_request_lines_hide_reset_links_and_tokens(written):
    server = logging.getLogger("django.server")
    lines = [
        f"GET /password-reset/MQ/{SECRET}/ HTTP/1.1",
        f"GET /r/abc/resume/{SECRET}/ HTTP/1.1",
        f"GET /somewhere/?token={SECRET} HTTP/1.1",
    ]
    for line in lines:
        server.warning('"%s" %s %s', line, "404", "179", extra={"status_code": 404, "server_time": "now"})
    log = written.getvalue()
    assert SECRET not in log
    assert f"/password-reset/{HIDDEN}/{HIDDEN}/" in log
    assert f"/r/abc/resume/{HIDDEN}/" in log
    assert f"?token={HIDDEN}" in log


def test_password_reset_pages_without_a_token_keep_their_names(written):
    logging.getLogger("django.request").warning("Not Found: %s", "/password-reset/sent/")
    assert "Not Found: /password-reset/sent/" in written.getvalue()


# --- gunicorn ------------------------------------------------------------------------------------


def shipped_gunicorn_config(**environment) -> Config:
    """gunicorn's settings as gunicorn.conf.py gives them, read the way gunicorn reads them."""
    old = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        values = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    config = Config()
    for name, value in values.items():
        if name in config.settings:
            config.set(name, value)
    return config


def fake_request(uri: str):
    path, _, query = uri.partition("?")
    headers = [("HOST", "coreflect.example.org"), ("X-FORWARDED-FOR", IP_ADDRESS), ("X-REAL-IP", IP_ADDRESS)]
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": IP_ADDRESS,
        "HTTP_X_FORWARDED_FOR": IP_ADDRESS,
        "HTTP_REFERER": f"https://coreflect.example.org/r/abc/resume/{SECRET}/",
        "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14; Pixel 8)",
    }
    request = SimpleNamespace(headers=headers)
    response = SimpleNamespace(status="302 Found", sent=0, headers=[("Location", "/r/abc/tasks/")])
    return response, request, environ


@pytest.fixture
def gunicorn_log():
    """A gunicorn logger built from the shipped settings, writing its access and error lines into one text."""
    config = shipped_gunicorn_config()
    logger = config.logger_class(config)
    buffer = io.StringIO()
    for handler in (*logger.access_log.handlers, *logger.error_log.handlers):
        handler.setStream(buffer)
    yield logger, buffer
    for log in (logger.access_log, logger.error_log):
        for handler in list(log.handlers):
            log.removeHandler(handler)


def test_the_shipped_configuration_uses_the_logger_that_hides_tokens():
    config = shipped_gunicorn_config(PORT="8123", WEB_CONCURRENCY="3")
    assert config.logger_class is GunicornLogger
    assert config.accesslog == "-"
    assert config.bind == ["0.0.0.0:8123"]
    assert config.workers == 3


def test_the_shipped_configuration_defaults_to_port_8000_and_two_workers(monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    config = shipped_gunicorn_config()
    assert config.bind == ["0.0.0.0:8000"]
    assert config.workers == 2


def test_gunicorns_access_line_has_no_ip_address_query_or_token(gunicorn_log):
    logger, buffer = gunicorn_log
    logger.access(*fake_request(f"/r/abc/resume/{SECRET}/?utm_source=poster"), datetime.timedelta(milliseconds=12))
    line = buffer.getvalue()
    assert f'"GET /r/abc/resume/{HIDDEN}/ HTTP/1.1" 302 0 12ms' in line
    assert SECRET not in line and IP_ADDRESS not in line and "utm_source" not in line


def test_an_operators_own_format_still_gets_no_ip_address_or_token(gunicorn_log):
    logger, buffer = gunicorn_log
    everything = '%(h)s %(u)s "%(r)s" %(U)s %(q)s "%(f)s" "%(a)s" %({x-forwarded-for}i)s %({remote_addr}e)s'
    logger.cfg.set("access_log_format", everything)
    logger.access(*fake_request(f"/invitations/{SECRET}/?token={SECRET}"), datetime.timedelta(seconds=1))
    line = buffer.getvalue()
    assert SECRET not in line and IP_ADDRESS not in line and "Android" not in line
    assert f"/invitations/{HIDDEN}/" in line


def test_gunicorns_error_log_hides_tokens_and_ip_addresses(gunicorn_log):
    logger, buffer = gunicorn_log
    logger.error("Error handling request %s", f"/r/abc/resume/{SECRET}/")
    logger.warning(f"Invalid request from ip={IP_ADDRESS}: Invalid HTTP method")
    log = buffer.getvalue()
    assert SECRET not in log and IP_ADDRESS not in log
    assert f"/r/abc/resume/{HIDDEN}/" in log and f"ip={HIDDEN}: Invalid HTTP method" in log


def test_gunicorn_accepts_the_shipped_configuration():
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "PORT"}}
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--check-config", "coreflect.wsgi"],
        cwd=ROOT,
        # As a live service is set up: DEBUG off, so email must be set up too (accounts/checks.py).
        env={**environment, "WEB_CONCURRENCY": "2", "EMAIL_HOST": "smtp.example.org"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_gunicorn_refuses_a_port_that_is_not_a_number():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--check-config", "coreflect.wsgi"],
        cwd=ROOT,
        env={**os.environ, "PORT": "eighty"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "PORT must be a whole number" in result.stderr
