"""Share links: the round's facilitators make and withdraw read-only links to its report; anyone holding a
live link reads the report as a viewer of the organisation would, with nothing to sign in to.

The report a link shows is built when the link is opened, so it always says what the round's pages say
today (released figures only, small groups hidden), never more than a viewer would see.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission

from . import report, report_files, report_views, share
from .models import Contents, Format
from .share_forms import ShareLinkForm


def _round(request, pk):
    return get_for_member(
        request,
        request.organisation.rounds.select_related("framework_version__framework"),
        pk,
        permission=Permission.RUN_REFLECTIONS,
    )


def _private(response):
    """A shared report is for the person holding the link: listed by no search engine, and its address (with
    the secret in it) never sent on to a site the report links to. No cache keeps it: NoStoreMiddleware
    sends every page with no-store."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def share_links(request, pk):
    round_ = _round(request, pk)
    form = ShareLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        link = share.create_link(
            round_,
            by=request.user,
            label=form.cleaned_data["label"],
            days=form.cleaned_data["days"],
            sections=report.chosen_sections(request.POST.getlist("section")),
        )
        messages.success(request, _("Share link made. Copy it below and send it to the people it is for."))
        return redirect(reverse("exports:share-links", args=[round_.pk]) + f"#link-{link.pk}")
    context = {
        "round": round_,
        "form": form,
        "links": [(link, share.state_of(link)) for link in share.links_of(round_)],
        "sections": report.chosen_sections(request.GET.getlist("section")),
    }
    return render(request, "exports/share_links.html", context, status=400 if form.errors else 200)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
def withdraw(request, pk, link_pk):
    round_ = _round(request, pk)
    link = share.link_of(round_, link_pk)
    if link is None:
        raise Http404
    if share.withdraw_link(link, by=request.user):
        messages.success(request, _("Link withdrawn. Anyone who opens it now is told it no longer works."))
    return redirect(reverse("exports:share-links", args=[round_.pk]) + f"#link-{link.pk}")


def _opened(token):
    opened = share.open_link(token)
    if opened.link is None:
        raise Http404
    return opened


@require_safe
def shared_report(request, token):
    opened = _opened(token)
    if not opened.live:
        return _gone(request, opened)
    link = opened.link
    built = report.build(link.round, link.sections)
    response = report_views.render_report_page(request, link.round, built, shared=True, share_link=link)
    return _private(response)


@require_safe
def shared_report_pdf(request, token):
    opened = _opened(token)
    if not opened.live:
        return _gone(request, opened)
    link = opened.link
    if report_files.is_large(link.round):
        # A report this large is made in the background, for a signed-in person; the page has it all.
        return redirect("exports:shared-report", token)
    made = report_files.make(link.round, Contents.REPORT, Format.PDF, report.chosen_sections(link.sections))
    report_files.record_download(link.round, None, Contents.REPORT, Format.PDF, share_link=link)
    return _private(report_views.attachment(made.content, made.name, made.content_type))


def _gone(request, opened):
    context = {"state": opened.state, "link": opened.link}
    return _private(render(request, "exports/share_gone.html", context, status=410))
