"""Django app configuration for the language lens."""

from django.apps import AppConfig


class LanguageConfig(AppConfig):
    name = "coreflect.language"
    label = "language"
    verbose_name = "Language lens"
