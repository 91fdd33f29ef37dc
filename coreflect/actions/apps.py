"""Django app configuration for actions."""

from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "coreflect.actions"
    label = "actions"
    verbose_name = "Actions"
