"""`manage.py prune_audit`: removes audit events older than AUDIT_RETENTION_DAYS (run it daily)."""

from django.core.management.base import BaseCommand

from coreflect.audit import trail


class Command(BaseCommand):
    help = "Remove audit trail events older than AUDIT_RETENTION_DAYS. Run it once a day, for example from cron."

    def handle(self, *args, **options):
        removed = trail.prune()
        self.stdout.write(f"Removed {removed:,} audit events older than {trail.retention_days():,} days.")
