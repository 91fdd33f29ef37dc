"""The daily reminder job (actions due soon, then actions whose review date has come) as a background
task that queues its own next run.

`schedule_daily_reminders()` (or `manage.py send_reminders --schedule`) queues the task once for the
next 07:00 UK time; each run then queues the following day's before it sends anything, so the
chain carries on for as long as a worker (`manage.py db_worker`) is running. Only one run is ever
waiting: a run that finds another already queued leaves it at that. The same daily run tells people
following a round that closed by its date, and forgets addresses kept a year (actions.follow_up).
"""

import datetime
from dataclasses import asdict

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult, get_date_max

from . import follow_up
from .reminders import send_due_reminders
from .review_reminders import send_review_reminders

SEND_AT = datetime.time(7, 0)  # UK time (settings.TIME_ZONE), before most people start work


class SchedulingUnavailable(Exception):
    """The task backend cannot run a task later (the immediate backend, for example)."""


def next_run_after(now: datetime.datetime, at: datetime.time = SEND_AT) -> datetime.datetime:
    """The first 07:00 (or `at`) UK time after `now`, whether the clocks say GMT or BST."""
    local = timezone.localtime(now)
    day = local.date() if local.time() < at else local.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, at))


def next_scheduled_run() -> datetime.datetime | None:
    """When the waiting daily run will start, or None if none is waiting."""
    waiting = DBTaskResult.objects.filter(task_path=send_reminders_daily.module_path, status=TaskResultStatus.READY)
    run_after = waiting.order_by("run_after").values_list("run_after", flat=True).first()
    # A run queued without a time is stored with the latest possible date, meaning "as soon as you can".
    return timezone.now() if run_after == get_date_max() else run_after


def _queue_next(now: datetime.datetime):
    if not send_reminders_daily.get_backend().supports_defer:
        raise SchedulingUnavailable("the task backend cannot run tasks later: use the database backend")
    if next_scheduled_run() is not None:
        return None
    return send_reminders_daily.using(run_after=next_run_after(now)).enqueue()


def schedule_daily_reminders(now: datetime.datetime | None = None):
    """Queue the daily reminders for the next 07:00, unless a run is already waiting. None if it was."""
    return _queue_next(now or timezone.now())


@task()
def send_reminders_daily() -> dict:
    # The next run is queued before this one sends, so a failure today does not stop tomorrow's.
    if send_reminders_daily.get_backend().supports_defer:
        _queue_next(timezone.now())
    follow_up.daily()
    due, review = asdict(send_due_reminders()), asdict(send_review_reminders())
    return {name: count + review[name] for name, count in due.items()}
