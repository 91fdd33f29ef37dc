"""Results released in batches for anonymous rounds, paper forms stored once, and the running totals taken
over from the results app (their tables renamed, their rows kept)."""

import django.db.models.deletion
from django.db import migrations, models


def release_everything_sent(apps, schema_editor):
    # Rounds already running start with everything sent so far released, so nothing people saw disappears.
    Tally = apps.get_model("reflections", "Tally")
    TickTally = apps.get_model("reflections", "TickTally")
    Perspective = apps.get_model("reflections", "Perspective")
    Tally.objects.update(shown=models.F("n"))
    TickTally.objects.update(shown=models.F("n"))
    Perspective.objects.update(released_count=models.F("submitted_count"))


def tally_fields():
    return [
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("principle_key", models.CharField(max_length=60)),
        ("stage_key", models.CharField(blank=True, max_length=60)),
        ("rag", models.CharField(blank=True, max_length=5)),
        ("ahead", models.BooleanField(default=False)),
        ("n", models.IntegerField(default=0)),
        (
            "perspective",
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="reflections.perspective"
            ),
        ),
        (
            "round",
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="tallies", to="reflections.round"
            ),
        ),
    ]


def tick_tally_fields():
    return [
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        ("indicator_key", models.CharField(max_length=60)),
        ("n", models.IntegerField(default=0)),
        (
            "perspective",
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="reflections.perspective"
            ),
        ),
        (
            "round",
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="tick_tallies", to="reflections.round"
            ),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("reflections", "0004_response_round"),
        ("results", "0002_move_tallies_to_reflections"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Tally",
                    fields=tally_fields(),
                    options={
                        "db_table": "results_tally",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("round", "principle_key", "perspective", "stage_key", "rag", "ahead"),
                                name="one_tally_per_cell",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="TickTally",
                    fields=tick_tally_fields(),
                    options={
                        "db_table": "results_ticktally",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("round", "indicator_key", "perspective"), name="one_tick_tally_per_cell"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="tally", table=None),
        migrations.AlterModelTable(name="ticktally", table=None),
        migrations.AddField(model_name="tally", name="shown", field=models.IntegerField(default=0)),
        migrations.AddField(model_name="ticktally", name="shown", field=models.IntegerField(default=0)),
        migrations.AddField(model_name="perspective", name="released_count", field=models.IntegerField(default=0)),
        migrations.AddField(
            model_name="perspective", name="changes_since_release", field=models.IntegerField(default=0)
        ),
        migrations.AddField(model_name="round", name="released_on", field=models.DateField(blank=True, null=True)),
        migrations.AddField(model_name="round", name="released_at_close", field=models.BooleanField(default=False)),
        migrations.AddField(model_name="perspective", name="batch", field=models.PositiveIntegerField(default=0)),
        migrations.AddField(
            model_name="perspective", name="released_on", field=models.DateField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="participant",
            name="changed_in_batch",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="participant",
            name="paper_key",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.AlterModelOptions(name="participant", options={"ordering": ["pk"]}),
        migrations.RunPython(release_everything_sent, migrations.RunPython.noop),
    ]
