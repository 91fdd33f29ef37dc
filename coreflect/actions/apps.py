"""Django app configuration for actions: tells the people following a round when its results are out."""

from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "coreflect.actions"
    label = "actions"
    verbose_name = "Actions"

    def ready(self) -> None:
        from coreflect.reflections.signals import results_released

        from . import signals  # noqa: F401  # connects the receivers that keep actions when a round goes
        from .follow_up import on_results_released

        results_released.connect(on_results_released, dispatch_uid="actions.follow_up.results_released")
