"""Django app configuration for reflections."""

from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    name = "coreflect.reflections"
    label = "reflections"
    verbose_name = "Reflections"
