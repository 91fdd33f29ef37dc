"""`manage.py restore FILE`: replaces everything in the database with a copy made by `manage.py backup`."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from coreflect.backups import copies


class Command(BaseCommand):
    help = (
        "Replace everything in the database with a backup made by `manage.py backup`, then bring its tables "
        "up to this version of Coreflect. Stop the service (and the task worker) first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup to bring back.")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation (for scripts and restore drills).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        name = connection.settings_dict["NAME"]
        if options["interactive"]:
            self.stdout.write(f"Everything now in the database {name} will be replaced by {path}.")
            if input("Type 'restore' to go on: ").strip() != "restore":
                raise CommandError("Nothing was changed.")
        try:
            copies.restore(path)
        except copies.BackupError as problem:
            raise CommandError(f"Nothing was restored: {problem}") from None
        # A copy from an earlier version of Coreflect is brought up to this one.
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Restored {name} from {path}."))
