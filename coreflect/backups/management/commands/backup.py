"""`manage.py backup`: a consistent copy of the database, taken while the service runs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from coreflect.backups import copies


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the database while the service runs: SQLite's online backup, or pg_dump "
        "for PostgreSQL. The copy is readable by this user only. Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="The file to write (it must not exist). Default: a dated file in BACKUP_DIR.",
        )

    def handle(self, *args, **options):
        path = Path(options["output"] or Path(settings.BACKUP_DIR) / copies.default_name(timezone.now()))
        try:
            made = copies.back_up(path)
        except copies.BackupError as problem:
            raise CommandError(f"No backup was made: {problem}") from None
        self.stdout.write(self.style.SUCCESS(f"Backed up to {made.path} ({made.size:,} bytes)."))
