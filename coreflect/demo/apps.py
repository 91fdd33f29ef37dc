"""Django app configuration for the demo loader."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "coreflect.demo"
    label = "demo"
    verbose_name = "Demo data"
