"""Django app configuration for backups (commands only: it has no tables)."""

from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "coreflect.backups"
    label = "backups"
    verbose_name = "Backups"
