"""The table of the cache every app process shares (settings.CACHES): made by `migrate`, so a new
installation or a deployment never runs without it. Nothing to undo: `createcachetable` skips a table that
exists, and the table holds only short-lived counts."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_email_wording")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False)]
