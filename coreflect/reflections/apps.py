"""Django app configuration for reflections."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReflectionsConfig(AppConfig):
    name = "coreflect.reflections"
    label = "reflections"
    verbose_name = _("Reflections")
