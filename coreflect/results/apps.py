"""Django app configuration for results."""

from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "coreflect.results"
    label = "results"
    verbose_name = "Results"
