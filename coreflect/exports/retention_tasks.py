"""The daily retention job as a background task that queues its own next run, as the reminders do.

`schedule_daily_retention()` (or `manage.py apply_retention --schedule`) queues the task once for the next
02:45 UK time, a quiet hour; each run queues the following day's before it removes anything, so the chain
carries on for as long as a worker (`manage.py db_worker`) runs. Only one run is ever waiting.
"""

import datetime

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult, get_date_max

from coreflect.actions.tasks import SchedulingUnavailable, next_run_after

from .retention import apply_retention

RUN_AT = datetime.time(2, 45)  # UK time: after the night's backup in the README's example, before people start


def next_scheduled_run() -> datetime.datetime | None:
    """When the waiting daily run will start, or None if none is waiting."""
    waiting = DBTaskResult.objects.filter(task_path=apply_retention_daily.module_path, status=TaskResultStatus.READY)
    run_after = waiting.order_by("run_after").values_list("run_after", flat=True).first()
    return timezone.now() if run_after == get_date_max() else run_after


def _queue_next(now: datetime.datetime):
    if not apply_retention_daily.get_backend().supports_defer:
        raise SchedulingUnavailable("the task backend cannot run tasks later: use the database backend")
    if next_scheduled_run() is not None:
        return None
    return apply_retention_daily.using(run_after=next_run_after(now, RUN_AT)).enqueue()


def schedule_daily_retention(now: datetime.datetime | None = None):
    """Queue the retention job for the next 02:45, unless a run is already waiting. None if it was."""
    return _queue_next(now or timezone.now())


@task()
def apply_retention_daily() -> dict:
    # The next run is queued first, so a failure today does not stop tomorrow's.
    if apply_retention_daily.get_backend().supports_defer:
        _queue_next(timezone.now())
    return {"rounds": len(apply_retention())}
