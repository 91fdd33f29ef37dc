"""Django app configuration for workshops."""

from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "coreflect.workshops"
    label = "workshops"
    verbose_name = "Workshops"
