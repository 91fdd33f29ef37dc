"""Settings come from the environment and refuse bad values loudly."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from coreflect import settings as coreflect_settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("Yes", True), ("0", False), ("off", False)]
)
def test_envbool_reads_the_usual_words(monkeypatch, value, expected):
    monkeypatch.setenv("COREFLECT_FLAG", value)
    assert coreflect_settings.envbool("COREFLECT_FLAG", not expected) is expected


def test_envbool_refuses_a_word_it_does_not_know(monkeypatch):
    monkeypatch.setenv("COREFLECT_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="COREFLECT_FLAG"):
        coreflect_settings.envbool("COREFLECT_FLAG", False)


def test_envint_refuses_words_and_numbers_too_small(monkeypatch):
    monkeypatch.setenv("COREFLECT_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="COREFLECT_NUMBER must be a whole number"):
        coreflect_settings.envint("COREFLECT_NUMBER", 1)
    monkeypatch.setenv("COREFLECT_NUMBER", "2")
    with pytest.raises(ImproperlyConfigured, match="at least 5"):
        coreflect_settings.envint("COREFLECT_NUMBER", 10, minimum=5)


def run_manage(*args, env):
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_is_clean_with_debug_off_and_a_real_secret(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DEBUG": "0",
            "SECRET_KEY": "x" * 20 + "Qp9!vZ2#mL7@kR4$wT8^nB1&" * 2,
            "COREFLECT_VAR_DIR": str(tmp_path),
            "ALLOWED_HOSTS": "coreflect.example.org",
            "EMAIL_HOST": "smtp.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_checks_refuse_a_live_service_without_email(tmp_path):
    env = {"DEBUG": "0", "SECRET_KEY": "x" * 60, "COREFLECT_VAR_DIR": str(tmp_path)}
    result = run_manage("check", "--deploy", env=env)
    assert result.returncode != 0 and "coreflect.E001" in result.stderr


def test_the_database_files_are_readable_by_the_service_alone(tmp_path):
    database = tmp_path / "data" / "coreflect.sqlite3"
    files = {"COREFLECT_VAR_DIR": str(tmp_path), "SQLITE_PATH": str(database), "DEBUG": "1"}
    result = run_manage("migrate", "--no-input", env=files)
    assert result.returncode == 0, result.stderr
    made = [database, *tmp_path.glob("data/coreflect.sqlite3-*")]
    assert {path.stat().st_mode & 0o777 for path in made} == {0o600}
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    database.chmod(0o644)  # as an earlier version left it
    run_manage("check", env=files)
    assert database.stat().st_mode & 0o777 == 0o600


def test_a_bad_setting_stops_start_up_with_its_name(tmp_path):
    result = run_manage("check", env={"SESSION_IDLE_MINUTES": "soon", "COREFLECT_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SESSION_IDLE_MINUTES must be a whole number" in result.stderr


def test_secret_key_is_generated_once_into_var(tmp_path):
    env = {"COREFLECT_VAR_DIR": str(tmp_path)}
    run_manage("check", env=env)
    first = (tmp_path / "secret_key").read_text()
    run_manage("check", env=env)
    assert (tmp_path / "secret_key").read_text() == first
    assert len(first) >= 50


def test_the_database_is_sqlite_in_wal_mode_unless_database_url_is_set(db, settings):
    from django.db import connection

    if os.environ.get("DATABASE_URL"):
        assert connection.vendor == "postgresql"
        return
    assert connection.vendor == "sqlite"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_emailed_links_follow_the_port_the_service_runs_on(tmp_path):
    script = "from django.conf import settings; print(settings.SITE_URL)"
    env = {"COREFLECT_VAR_DIR": str(tmp_path), "PORT": "8123"}
    assert run_manage("shell", "-v", "0", "-c", script, env=env).stdout.strip() == "http://127.0.0.1:8123"
    env["SITE_URL"] = "https://coreflect.example.org/"
    assert run_manage("shell", "-v", "0", "-c", script, env=env).stdout.strip() == "https://coreflect.example.org"


def test_make_run_sends_emails_at_once_and_on_its_own_port():
    """No worker runs beside the development server, so `make run` runs background work (invitation
    emails) inside the request, and tells the settings its port for the links in them."""
    make = shutil.which("make")  # one of the README's prerequisites
    recipe = subprocess.run(
        [make, "-n", "run", "PORT=8123"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    serve = next(line for line in recipe.splitlines() if "runserver" in line)
    assert "COREFLECT_TASKS=immediate" in serve and "PORT=8123" in serve and "127.0.0.1:8123" in serve


def test_a_browser_set_to_welsh_is_not_told_an_english_page_is_welsh(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert '<html lang="en-gb"' in page
