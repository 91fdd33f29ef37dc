"""The paper version of a framework: a printable page and the same page as a PDF.

Both views render `frameworks/print.html`; the PDF hides the on-screen bar and adds the running footer.
Where the framework has Easy Read text, either can be in Easy Read (`?wording=easy-read`), with its pictures:
the page offers both.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from coreflect.documents import render_pdf

from . import checks, pictures, queries, wording
from .wording import text

PLAN_HEADINGS = {
    "what": gettext_lazy("What"),
    "who": gettext_lazy("Who"),
    "when": gettext_lazy("When"),
    "how": gettext_lazy("How"),
}
# Empty rows and ruled lines to write on: enough for a meeting's worth, few enough to fit on a page.
ACTION_PLAN_ROWS = 6
OVERALL_PLAN_ROWS = 8
WRITING_LINES = {"field": 2, "evidence": 6, "ideas": 7, "reflections": 10}
EASY_READ = "easy-read"  # ?wording=easy-read


def wants_easy_read(request, version) -> bool:
    """Whether the paper version (or poster) was asked for in Easy Read, and the framework has it."""
    return request.GET.get("wording") == EASY_READ and wording.has_easy_read(version.document)


def in_wording(url: str, easy_read: bool) -> str:
    """An address of the paper version or poster, in Easy Read or not."""
    return url + ("&" if "?" in url else "?") + f"wording={EASY_READ}" if easy_read else url


def paper_context(framework, version, *, for_pdf: bool, easy_read: bool = False) -> dict:
    document = version.document
    planning = document.get("planning") or {}
    return {
        "easy_read": easy_read,
        "framework": framework,
        "version": version,
        "document": document,
        "credit_line": queries.credit_line(version),
        "prompt_kinds": {prompt["kind"] for prompt in document["prompts"]},
        "action_plan_columns": plan_columns(planning.get("action_plan_columns") or ["what", "who", "when", "how"]),
        "overall_plan_columns": plan_columns(planning.get("overall_plan_columns") or []),
        "action_plan_rows": range(ACTION_PLAN_ROWS),
        "overall_plan_rows": range(OVERALL_PLAN_ROWS),
        "writing_lines": {kind: range(count) for kind, count in WRITING_LINES.items()},
        "for_pdf": for_pdf,
    }


def plan_columns(columns: list[str]) -> list[tuple[str, Promise]]:
    """(key, heading) for each column of an action plan table, e.g. ("what", "What")."""
    return [(column, PLAN_HEADINGS[column]) for column in columns]


@require_safe
def framework_print(request, slug):
    framework = queries.get_visible_framework(slug, request.organisation)
    version = queries.get_version(framework, request.GET.get("version"))
    asked = f"?version={version.number}" if request.GET.get("version") else ""
    return paper_page(
        request,
        framework,
        version,
        back=(reverse("frameworks:detail", args=[framework.slug]) + asked, _("Back to the framework")),
        pdf_url=reverse("frameworks:pdf", args=[framework.slug]) + asked,
    )


@require_safe
def framework_pdf(request, slug):
    framework = queries.get_visible_framework(slug, request.organisation)
    return paper_pdf(request, framework, queries.get_version(framework, request.GET.get("version")))


def paper_page(request, framework, version, *, back: tuple[str, str], pdf_url: str) -> HttpResponse:
    """The paper version on screen, with a link back (address, words) and one to the same as a PDF. A round's
    own paper version (reflections) shows its framework version this way too."""
    easy_read = wants_easy_read(request, version)
    context = paper_context(framework, version, for_pdf=False, easy_read=easy_read)
    here = request.path + (f"?version={version.number}" if request.GET.get("version") else "")
    context.update(
        back_url=back[0],
        back_label=back[1],
        pdf_url=in_wording(pdf_url, easy_read),
        offers_easy_read=wording.has_easy_read(version.document),
        standard_url=here,
        easy_read_url=in_wording(here, True),
    )
    # Facilitators see on screen whether the Welsh and Easy Read wording has been checked; the paper never says.
    context["wording_checks"] = checks.shown_to(request.membership, version)
    with wording.easy_read(easy_read):
        return render(request, "frameworks/print.html", context)


def paper_pdf(request, framework, version) -> HttpResponse:
    """The paper version as a tagged PDF, shown in the browser (in Easy Read, with its pictures, if asked)."""
    easy_read = wants_easy_read(request, version)
    with wording.easy_read(easy_read):
        context = paper_context(framework, version, for_pdf=True, easy_read=easy_read)
        html = render_to_string("frameworks/print.html", context, request)
        title = _("Paper version: %(title)s") % {"title": text(version.document["title"])}
    pdf = render_pdf(
        html,
        base_url=request.build_absolute_uri("/"),
        title=title,
        own_files=pictures.uploaded_for_pdf(framework.organisation_id, version.document),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{framework.slug}-v{version.number}-paper-version{'-easy-read' if easy_read else ''}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
