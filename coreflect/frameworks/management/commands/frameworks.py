"""`manage.py frameworks check|load`: validate the framework content files, or load them."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from coreflect.frameworks.content import builtin_files, check_file, load_builtins
from coreflect.frameworks.schema import FrameworkContentError


def summary_line(document, version="-") -> str:
    indicators = sum(len(principle.indicators) for principle in document.principles)
    return (
        f"{document.slug}  version {version}  principles {len(document.principles)}  "
        f"stages {len(document.stages)}  indicators {indicators}"
    )


class Command(BaseCommand):
    help = "Check every framework content file (or the files given), or load the built-ins into the database."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "load"])
        parser.add_argument("files", nargs="*", help="content files to check (default: the built-in ones)")

    def handle(self, *args, action, files, **options):
        if action == "load":
            for result in load_builtins():
                change = "new version" if result.created else "unchanged"
                self.stdout.write(f"{result.framework.slug}  version {result.version.number}  ({change})")
            return
        paths = [Path(name) for name in files] or builtin_files()
        failures = 0
        for path in paths:
            try:
                document = check_file(path)
            except FrameworkContentError as error:
                failures += 1
                self.stderr.write(f"{path}: cannot load")
                for where, message in error.problems:
                    self.stderr.write(f"  {where}: {message}" if where else f"  {message}")
                continue
            self.stdout.write(summary_line(document, self.version_of(document)))
        if failures:
            raise CommandError(
                "1 framework file has problems" if failures == 1 else f"{failures} framework files have problems"
            )

    @staticmethod
    def version_of(document):
        from coreflect.frameworks.content import content_hash
        from coreflect.frameworks.models import FrameworkVersion

        stored_hash = content_hash(document.stored())
        try:
            match = FrameworkVersion.objects.filter(
                framework__slug=document.slug, framework__organisation=None, content_hash=stored_hash
            ).first()
        except DatabaseError:  # no database yet: checking files must still work without one
            return "new"
        return match.number if match else "new"
