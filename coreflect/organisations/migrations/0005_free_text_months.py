# Organisations that exist already keep free text until a round is deleted (0) until an admin chooses:
# removing people's words cannot be undone, so an upgrade never starts doing it on its own. New
# organisations keep it for 24 months after a round closes.

from django.db import migrations, models

CHOICES = [
    (6, "6 months"),
    (12, "12 months"),
    (24, "24 months"),
    (36, "36 months"),
    (60, "60 months (5 years)"),
    (0, "Until the round is deleted"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_requires_mfa"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="free_text_months",
            field=models.PositiveSmallIntegerField(
                choices=CHOICES, default=0, verbose_name="how long free text in anonymous rounds is kept"
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="free_text_months",
            field=models.PositiveSmallIntegerField(
                choices=CHOICES, default=24, verbose_name="how long free text in anonymous rounds is kept"
            ),
        ),
    ]
