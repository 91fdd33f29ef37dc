"""Django app configuration for frameworks: loads the built-in frameworks after every migrate, and makes
the process forget what it keeps of framework versions whenever one is written or deleted."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save

from coreflect import caches


class FrameworksConfig(AppConfig):
    name = "coreflect.frameworks"
    label = "frameworks"
    verbose_name = "Frameworks"

    def ready(self):
        post_migrate.connect(load_builtins_after_migrate, sender=self)
        version = self.get_model("FrameworkVersion")
        post_save.connect(forget_kept_versions, sender=version, dispatch_uid="frameworks.forget_on_save")
        post_delete.connect(forget_kept_versions, sender=version, dispatch_uid="frameworks.forget_on_delete")


def load_builtins_after_migrate(sender, using="default", **kwargs):
    """Keep the database's built-in frameworks in step with the content files after each migrate.

    A changed file becomes a new version; an unchanged one costs a hash comparison.
    """
    from .content import load_builtins

    load_builtins(using=using)


def forget_kept_versions(sender, **kwargs):
    """Versions never change, so what a process keeps of one is keyed by its id alone – but an id can come
    back: SQLite hands out a rolled-back version's id again, and a deleted version's rows are gone. Writing
    or deleting a version is rare (loading the built-ins, an organisation rewording its copy), so it simply
    makes the process forget everything kept, and nothing kept can outlive the version it was made from."""
    caches.clear()
