"""Background work for exports: making a large round's report (or action plan) as a file.

The request that asks for it creates a `ReportJob` and queues `make_report_file`; a worker
(`manage.py db_worker`) runs it. It re-checks, when it runs, that the person who asked may still see the
round's results (they may have left the organisation or lost their role since), keeps `progress` up to
date for the progress page, and stores the file in the job's row.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from coreflect.organisations.permissions import Permission, role_allows

from . import report_files
from .models import JobStatus, ReportJob

log = logging.getLogger(__name__)


def start(round_, user, contents: str, fmt: str, sections: list[str]) -> ReportJob:
    """A job for the file, queued for the worker."""
    job = ReportJob.objects.create(round=round_, requested_by=user, contents=contents, format=fmt, sections=sections)
    # The file is made in the language of the page that asked for it.
    make_report_file.enqueue(job_id=job.pk, language=translation.get_language() or "")
    return job


def may_still_see(job: ReportJob) -> bool:
    """Whether the person who asked may still see this round's results, in its organisation or as its co-lead, now."""
    if not job.requested_by.is_active:
        return False
    role = (
        job.requested_by.memberships.filter(organisation_id=job.round.organisation_id)
        .values_list("role", flat=True)
        .first()
    )
    if role is not None and role_allows(role, Permission.VIEW_RESULTS):
        return True
    return job.round.co_leads.filter(user=job.requested_by).exists()


def _update(job: ReportJob, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


@task()
def make_report_file(*, job_id: int, language: str = "") -> str:
    """Make the file a job asks for, in `language`; the job's status says how it went."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return _make_report_file(job_id)


def _make_report_file(job_id: int) -> str:
    job = (
        ReportJob.objects.select_related("requested_by", "round__organisation", "round__framework_version")
        .filter(pk=job_id)
        .first()
    )
    if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED):
        return "gone" if job is None else job.status
    if not may_still_see(job):
        _update(
            job,
            status=JobStatus.FAILED,
            error=_("You can no longer see this round’s results, so the report was not made."),
            finished_at=timezone.now(),
        )
        return JobStatus.FAILED
    _update(job, status=JobStatus.RUNNING, progress=10)
    try:
        made = report_files.make(
            job.round, job.contents, job.format, job.sections, progress=lambda n: _update(job, progress=n)
        )
    except Exception:
        log.exception("Report job %s failed", job.pk)
        _update(
            job,
            status=JobStatus.FAILED,
            error=_("Something went wrong while making the report. Try again, and tell us if it happens again."),
            finished_at=timezone.now(),
        )
        return JobStatus.FAILED
    with transaction.atomic():
        _update(
            job,
            status=JobStatus.DONE,
            progress=100,
            file=made.content,
            file_name=made.name,
            content_type=made.content_type,
            finished_at=timezone.now(),
        )
    return JobStatus.DONE
