"""A live service (DEBUG off) will not start without real email settings: otherwise it would print password
reset and invitation links into its log."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks

from coreflect.accounts.checks import STARTUP

ROOT = Path(__file__).resolve().parents[2]


def load_the_service(**environment) -> subprocess.CompletedProcess:
    """Loads coreflect.wsgi as gunicorn does, in a fresh process with only these settings."""
    keep = {key: value for key, value in os.environ.items() if not key.startswith(("EMAIL_", "DEBUG"))}
    return subprocess.run(
        [sys.executable, "-c", "import coreflect.wsgi"],
        cwd=ROOT,
        env={**keep, "SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "coreflect.settings", **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_live_service_without_email_settings_refuses_to_start():
    refused = load_the_service(DEBUG="0")
    assert refused.returncode != 0
    assert "Email is not configured, and DEBUG is off" in refused.stderr
    assert "EMAIL_HOST" in refused.stderr


@pytest.mark.parametrize(
    "environment",
    [
        {"DEBUG": "0", "EMAIL_HOST": "smtp.example.org"},
        {"DEBUG": "0", "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"},
        {"DEBUG": "1"},
    ],
    ids=["smtp server", "backend chosen on purpose", "development"],
)
def test_it_starts_with_email_set_up_or_in_development(environment):
    started = load_the_service(**environment)
    assert started.returncode == 0, started.stderr


def test_the_check_runs_with_the_deployment_checks(settings):
    settings.DEBUG = False
    settings.EMAIL_CONFIGURED = False
    assert [problem.id for problem in checks.run_checks(tags=[STARTUP], include_deployment_checks=True)] == [
        "coreflect.E001"
    ]
    settings.EMAIL_CONFIGURED = True
    assert checks.run_checks(tags=[STARTUP], include_deployment_checks=True) == []
