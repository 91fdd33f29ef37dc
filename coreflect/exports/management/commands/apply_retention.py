"""`manage.py apply_retention [--schedule]`: remove free text past its organisation's retention period.

Without options it runs once and says how many rounds it changed, for a cron line. With `--schedule` it
queues the daily task, which `manage.py db_worker` runs at 2:45am UK time from then on.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from coreflect import dates
from coreflect.actions.tasks import SchedulingUnavailable
from coreflect.exports.retention import apply_retention
from coreflect.exports.retention_tasks import next_scheduled_run, schedule_daily_retention


class Command(BaseCommand):
    help = (
        "Remove what people wrote in anonymous rounds closed longer ago than their organisation keeps it. "
        "Run it once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue it to run every day at 2:45am through the task worker (manage.py db_worker)",
        )

    def handle(self, *args, schedule, **options):
        if schedule:
            self.schedule()
            return
        removed = apply_retention()
        rounds = len(removed)
        self.stdout.write(
            f"Removed free text from {rounds:,} round{'' if rounds == 1 else 's'}"
            f"{': ' + ', '.join(str(r.round.pk) for r in removed) if removed else ''}."
        )

    def schedule(self):
        try:
            result = schedule_daily_retention()
        except SchedulingUnavailable as error:
            raise CommandError(
                f"Cannot schedule retention: {error}. Unset COREFLECT_TASKS, or run "
                "`manage.py apply_retention` from cron instead."
            ) from error
        at = timezone.localtime(next_scheduled_run())
        already = "already scheduled" if result is None else "scheduled"
        self.stdout.write(
            f"The daily retention job is {already}. The next run is at {dates.time_of_day(at)} on {dates.day(at)}. "
            "Keep `manage.py db_worker` running for it."
        )
