"""`manage.py send_reminders [--schedule]`: send the reminder e-mails now, or queue them daily for the worker.

Without options it runs the job once and says what it sent, for a cron line. With `--schedule` it
queues the daily task, which `manage.py db_worker` runs at 07:00 UK time from then on.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from coreflect.actions.reminders import send_due_reminders
from coreflect.actions.tasks import SchedulingUnavailable, next_scheduled_run, schedule_daily_reminders


class Command(BaseCommand):
    help = "E-mail people about the actions they lead that are due within a week or overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the reminders to run every day at 07:00 through the task worker (manage.py db_worker)",
        )

    def handle(self, *args, schedule, **options):
        if schedule:
            self.schedule()
            return
        report = send_due_reminders()
        self.stdout.write(f"Sent {report.emails_sent} reminder e-mail(s) about {report.actions_included} action(s).")
        if report.emails_failed:
            raise CommandError(
                f"{report.emails_failed} reminder e-mail(s) could not be sent (see the log); they will be tried next time."
            )

    def schedule(self):
        try:
            result = schedule_daily_reminders()
        except SchedulingUnavailable as error:
            raise CommandError(
                f"Cannot schedule reminders: {error}. Unset COREFLECT_TASKS, or run "
                "`manage.py send_reminders` from cron instead."
            ) from error
        at = timezone.localtime(next_scheduled_run())
        already = "already scheduled" if result is None else "scheduled"
        self.stdout.write(
            f"Daily reminders are {already}. The next run is at {at:%H:%M} on {at.day} {at:%B %Y}. "
            "Keep `manage.py db_worker` running to send them."
        )
