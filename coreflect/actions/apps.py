"""Django app configuration for actions."""

from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "coreflect.actions"
    label = "actions"
    verbose_name = "Actions"

    def ready(self) -> None:
        from . import signals  # noqa: F401  # connects the receivers that keep actions when a round goes
