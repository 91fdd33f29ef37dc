"""Checks that stop a live service starting with a setting that would leak or lose people's data.

They run with `manage.py check --deploy`, and whenever gunicorn loads the service (coreflect/wsgi.py), which
refuses to start while any of them fails. They are deployment checks, so a developer's own commands
(`makemigrations`, `shell`) are never stopped by them.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

STARTUP = "coreflect_startup"


@checks.register(STARTUP, deploy=True)
def email_is_configured(app_configs, **kwargs):
    """With DEBUG off, email must go somewhere real: the console backend would print password reset and
    invitation links into the service's log, where anyone who reads logs could use them."""
    if settings.DEBUG or getattr(settings, "EMAIL_CONFIGURED", True):
        return []
    return [
        checks.Error(
            "Email is not configured, and DEBUG is off.",
            hint=(
                "Set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) to send email through an SMTP server, "
                "or set EMAIL_BACKEND to a Django email backend on purpose. Without either, password reset "
                "and invitation links would be printed to the log."
            ),
            id="coreflect.E001",
        )
    ]


def refuse_to_start_unsafely() -> None:
    """Raises when a startup check fails: for servers, which do not run Django's checks themselves."""
    errors = [
        problem for problem in checks.run_checks(tags=[STARTUP], include_deployment_checks=True) if problem.is_serious()
    ]
    if errors:
        raise ImproperlyConfigured("Coreflect will not start: " + " ".join(f"{e.msg} {e.hint}" for e in errors))
