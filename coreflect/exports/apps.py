"""Django app configuration for exports."""

from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "coreflect.exports"
    label = "exports"
    verbose_name = "Reports and exports"
