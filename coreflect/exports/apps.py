"""Django app configuration for exports."""

from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "coreflect.exports"
    label = "exports"
    verbose_name = "Reports and exports"

    def ready(self):
        from . import audit  # noqa: F401 - every download is recorded in the audit trail
