"""Making the round report and the action plan as files (PDF, Word), their names, and the record of downloads.

Both the download views and the background task (`tasks.py`) come here, so a report made in the background
is the same file a small round's download gives. Rounds with more than `LARGE_ROUND` people who sent their
answers are made in the background.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coreflect.accounts.models import User
from coreflect.documents import render_pdf
from coreflect.reflections.models import Round

from . import report, word
from .models import Contents, Download, Format

LARGE_ROUND = 500  # people who sent their answers; above this, reports are made in the background
CONTENT_TYPES = {
    Format.PDF: "application/pdf",
    Format.WORD: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# WeasyPrint resolves nothing against this (only data: URLs may be opened); it only needs a base.
BASE_URL = "https://coreflect.invalid/"


@dataclass
class File:
    content: bytes
    name: str
    content_type: str


def is_large(round_: Round) -> bool:
    # How many people sent their answers decides only where the report is made; it is never shown.
    return round_.participants.filter(submitted_at__isnull=False).count() > LARGE_ROUND


def file_name(round_: Round, contents: str, fmt: str, on=None) -> str:
    """e.g. "day-services-2026-report-2026-12-01.pdf": letters, digits and hyphens only."""
    what = "action-plan" if contents == Contents.ACTION_PLAN else "report"
    slug = slugify(round_.title)[:80].strip("-") or "round"
    return f"{slug}-{what}-{(on or timezone.localdate()).isoformat()}.{fmt}"


def heading(contents: str, the_report: report.Report) -> str:
    if contents == Contents.ACTION_PLAN:
        return _("Action plan: %(title)s") % {"title": the_report.title}
    return _("Round report: %(title)s") % {"title": the_report.title}


def build(round_: Round, contents: str, sections=None) -> report.Report:
    return report.build(round_, report.ACTION_PLAN_SECTIONS if contents == Contents.ACTION_PLAN else sections)


def render(the_report: report.Report, contents: str, fmt: str) -> File:
    title = heading(contents, the_report)
    if fmt == Format.PDF:
        html = render_to_string("exports/report_pdf.html", {"report": the_report, "heading": title, "for_pdf": True})
        content = render_pdf(html, base_url=BASE_URL, title=title, stylesheets=("exports/report.css",))
    else:
        content = word.document(the_report, title)
    return File(content, file_name(the_report.round, contents, fmt), CONTENT_TYPES[Format(fmt)])


def make(round_: Round, contents: str, fmt: str, sections=None, progress: Callable[[int], None] | None = None) -> File:
    """The file, built from one Report; `progress` hears how far it has got, in per cent."""
    the_report = build(round_, contents, sections)
    if progress:
        progress(50)
    return render(the_report, contents, fmt)


def record_download(round_: Round, user: User | None, contents: str, fmt: str, share_link=None) -> Download:
    return Download.objects.create(
        round=round_, downloaded_by=user, share_link=share_link, contents=contents, format=fmt
    )
