from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reflections", "0008_personal_invitations"),
    ]

    operations = [
        migrations.AddField(
            model_name="round",
            name="closed_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="round",
            name="free_text_kept_months",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="round",
            name="free_text_removed_on",
            field=models.DateField(blank=True, null=True),
        ),
    ]
