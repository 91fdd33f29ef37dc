"""Responses carry their round, filled in from their participant, and an index for reading a page at a time."""

import django.db.models.deletion
from django.db import migrations, models


def fill_round(apps, schema_editor):
    Response = apps.get_model("reflections", "Response")
    Participant = apps.get_model("reflections", "Participant")
    for participant_id, round_id in Participant.objects.values_list("pk", "round_id").iterator():
        Response.objects.filter(participant_id=participant_id).update(round_id=round_id)


class Migration(migrations.Migration):
    dependencies = [("reflections", "0003_perspective_submitted_count")]

    operations = [
        migrations.AddField(
            model_name="response",
            name="round",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="responses", to="reflections.round"
            ),
        ),
        migrations.RunPython(fill_round, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="response",
            name="round",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="responses", to="reflections.round"
            ),
        ),
        migrations.AddIndex(
            model_name="response",
            index=models.Index(fields=["round", "principle", "-id"], name="response_round_principle"),
        ),
    ]
