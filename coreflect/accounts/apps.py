"""Django app configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coreflect.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import (
            checks,  # noqa: F401 - registers the startup checks
            middleware,  # noqa: F401 - starts a session's clocks at sign-in
        )
