"""The round report as a page, and the report and action plan as PDF and Word downloads.

Everyone who may see a round's results may see its report and download it (the same permission and the
same round look-up as the results pages). Small rounds' files come back at once; large rounds' are made in
the background, with a progress page that refreshes itself. Every download is recorded.

For other views (a share link, for example): `render_report_page(request, round_, report, shared=True)`
renders a report built with `report.build(round_, sections)` without the section form or download links.
"""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission

from . import report, report_files, tasks
from .models import Contents, Format, JobStatus, ReportJob

REFRESH_SECONDS = 5


def _round(request, pk):
    return get_for_member(
        request,
        request.organisation.rounds.select_related("organisation", "framework_version__framework", "previous_round"),
        pk,
        permission=Permission.VIEW_RESULTS,
    )


def _sections(request) -> list[str]:
    return report.chosen_sections(request.GET.getlist("section"))


def _query(sections: list[str], offered: list[tuple[str, str]]) -> str:
    """The chosen sections as a query string for the download links ("" when all are chosen)."""
    if sections == [key for key, _label in offered]:
        return ""
    return "?" + "&".join(f"section={key}" for key in sections)


def render_report_page(request, round_, the_report: report.Report, *, shared: bool = False, status: int = 200):
    """The report as a page. `shared=True` leaves out the section form, the download links and the way back
    into the round (for readers without an account)."""
    offered = report.offered(round_)
    context = {
        "report": the_report,
        "shared": shared,
        "sections": offered,
        "query": _query(the_report.chosen, offered),
        "large": not shared and report_files.is_large(round_),
        "for_pdf": False,
    }
    return render(request, "exports/report_page.html", context, status=status)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def report_page(request, pk):
    round_ = _round(request, pk)
    return render_report_page(request, round_, report.build(round_, _sections(request)))


def _download(request, pk, contents: str, fmt: str):
    round_ = _round(request, pk)
    sections = _sections(request) if contents == Contents.REPORT else report.ACTION_PLAN_SECTIONS
    if report_files.is_large(round_):
        job = tasks.start(round_, request.user, contents, fmt, sections)
        return redirect("exports:report-job", round_.pk, job.pk)
    made = report_files.make(round_, contents, fmt, sections)
    report_files.record_download(round_, request.user, contents, fmt)
    return _attachment(made.content, made.name, made.content_type)


def _attachment(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@member_required(Permission.VIEW_RESULTS)
@require_safe
def report_pdf(request, pk):
    return _download(request, pk, Contents.REPORT, Format.PDF)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def report_word(request, pk):
    return _download(request, pk, Contents.REPORT, Format.WORD)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def action_plan_pdf(request, pk):
    return _download(request, pk, Contents.ACTION_PLAN, Format.PDF)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def action_plan_word(request, pk):
    return _download(request, pk, Contents.ACTION_PLAN, Format.WORD)


def _job(request, pk, job_pk) -> ReportJob:
    round_ = _round(request, pk)
    # Only the person who asked sees a job: it is made with what they may see.
    return get_for_member(
        request, round_.report_jobs.filter(requested_by=request.user).defer("file").select_related("round"), job_pk
    )


@member_required(Permission.VIEW_RESULTS)
@require_safe
def job_page(request, pk, job_pk):
    job = _job(request, pk, job_pk)
    refreshing = job.status not in (JobStatus.DONE, JobStatus.FAILED) and request.GET.get("auto") != "off"
    context = {"job": job, "round": job.round, "refreshing": refreshing, "refresh_seconds": REFRESH_SECONDS}
    response = render(request, "exports/report_job.html", context)
    if refreshing:
        # The page reloads itself with JavaScript off too. An HTTP Refresh header rather than a <meta> one,
        # with a link that turns it off, so people who need more time can stop it (WCAG 2.2.1).
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@member_required(Permission.VIEW_RESULTS)
@require_safe
def job_download(request, pk, job_pk):
    job = _job(request, pk, job_pk)
    if job.status != JobStatus.DONE:
        return redirect("exports:report-job", pk, job.pk)
    content = round_file(job)
    report_files.record_download(job.round, request.user, job.contents, job.format)
    return _attachment(content, job.file_name, job.content_type)


def round_file(job: ReportJob) -> bytes:
    job.refresh_from_db(fields=["file"])
    return bytes(job.file or b"")
