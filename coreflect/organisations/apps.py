"""Django app configuration for organisations."""

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "coreflect.organisations"
    label = "organisations"
    verbose_name = "Organisations"

    def ready(self):
        from . import access, mfa  # noqa: F401 - note in the session whether someone has MFA, and co-leads a round
