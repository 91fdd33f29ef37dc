"""Django app configuration for frameworks; loads the built-in frameworks after every migrate."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FrameworksConfig(AppConfig):
    name = "coreflect.frameworks"
    label = "frameworks"
    verbose_name = "Frameworks"

    def ready(self):
        post_migrate.connect(load_builtins_after_migrate, sender=self)


def load_builtins_after_migrate(sender, using="default", **kwargs):
    """Keep the database's built-in frameworks in step with the content files after each migrate.

    A changed file becomes a new version; an unchanged one costs a hash comparison.
    """
    from .content import load_builtins

    load_builtins(using=using)
