"""Django app configuration for organisations."""

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "coreflect.organisations"
    label = "organisations"
    verbose_name = "Organisations"
