"""The running totals move to the reflections app: removed from this app's state only (the tables stay,
and reflections' next migration takes them over and renames them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("results", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel("Tally"), migrations.DeleteModel("TickTally")],
            database_operations=[],
        )
    ]
