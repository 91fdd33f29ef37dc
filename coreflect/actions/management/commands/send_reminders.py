"""`manage.py send_reminders [--schedule]`: send the reminder emails (due dates, then review dates) now, or
queue them daily for the worker.

Without options it runs the job once and says what it sent, for a cron line. With `--schedule` it
queues the daily task, which `manage.py db_worker` runs at 7am UK time from then on.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from coreflect import dates
from coreflect.actions import follow_up
from coreflect.actions.reminders import send_due_reminders
from coreflect.actions.review_reminders import send_review_reminders
from coreflect.actions.tasks import SchedulingUnavailable, next_scheduled_run, schedule_daily_reminders


class Command(BaseCommand):
    help = (
        "Email people about the actions they lead that are due within a week or overdue, "
        "and about actions whose review date has come."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the reminders to run every day at 7am through the task worker (manage.py db_worker)",
        )

    def handle(self, *args, schedule, **options):
        if schedule:
            self.schedule()
            return
        follow_up.daily()
        report = send_due_reminders()
        self.stdout.write(
            f"Sent {_count(report.emails_sent, 'reminder email')} about {_count(report.actions_included, 'action')}."
        )
        review = send_review_reminders()
        if review.emails_sent or review.emails_failed:
            self.stdout.write(
                f"Sent {_count(review.emails_sent, 'review reminder email')} "
                f"about {_count(review.actions_included, 'action')} whose review date has come."
            )
        if report.emails_failed or review.emails_failed:
            failed = report.emails_failed + review.emails_failed
            raise CommandError(
                f"{_count(failed, 'reminder email')} could not be sent (see the log); "
                f"{'it' if failed == 1 else 'they'} will be tried next time."
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
            f"Daily reminders are {already}. The next run is at {dates.time_of_day(at)} on {dates.day(at)}. "
            "Keep `manage.py db_worker` running to send them."
        )


def _count(number: int, thing: str) -> str:
    """ "1 action", "2 actions": operators read this output, so it is plain English, not translated."""
    return f"{number:,} {thing}{'' if number == 1 else 's'}"
