"""Sharing a round: a printable poster with a QR code (and its PDF), and emailed invitations."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from coreflect.documents import render_pdf
from coreflect.frameworks import print_views, wording
from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission

from . import sharing


def _round(request, pk):
    return get_for_member(
        request,
        request.organisation.rounds.select_related("organisation", "framework_version"),
        pk,
        permission=Permission.RUN_REFLECTIONS,
    )


def _participant_url(request, round_, *, easy_read: bool = False) -> str:
    url = request.build_absolute_uri(reverse("journey:start", args=[round_.link_code]))
    return print_views.in_wording(url, easy_read)


def _poster_context(request, round_, *, for_pdf: bool) -> dict:
    """The poster, in Easy Read where asked (`?wording=easy-read`) and the framework has it: its own words in
    Easy Read, with pictures, and a link that starts the journey in Easy Read."""
    easy_read = print_views.wants_easy_read(request, round_.framework_version)
    context = sharing.poster_context(round_, _participant_url(request, round_, easy_read=easy_read), for_pdf=for_pdf)
    poster = reverse("reflections:poster", args=[round_.pk])
    # The link to type is the plain one (the start page offers Easy Read); the QR code starts in Easy Read.
    context.update(
        link_parts=sharing.link_parts(_participant_url(request, round_)),
        easy_read=easy_read,
        offers_easy_read=wording.has_easy_read(round_.framework_version.document),
        standard_url=poster,
        easy_read_url=print_views.in_wording(poster, True),
        pdf_url=print_views.in_wording(reverse("reflections:poster-pdf", args=[round_.pk]), easy_read),
    )
    return context


@member_required(Permission.RUN_REFLECTIONS)
@require_safe
def poster(request, pk):
    round_ = _round(request, pk)
    return render(request, "reflections/poster.html", _poster_context(request, round_, for_pdf=False))


@member_required(Permission.RUN_REFLECTIONS)
@require_safe
def poster_pdf(request, pk):
    round_ = _round(request, pk)
    context = _poster_context(request, round_, for_pdf=True)
    html = render_to_string("reflections/poster.html", context, request)
    title = _("Poster: %(title)s") % {"title": round_.title}
    pdf = render_pdf(html, base_url=request.build_absolute_uri("/"), title=title, stylesheets=("css/poster.css",))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"round-{round_.pk}-poster{'-easy-read' if context['easy_read'] else ''}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@member_required(Permission.RUN_REFLECTIONS)
@require_safe
def qr_code(request, pk):
    round_ = _round(request, pk)
    url = _participant_url(request, round_)
    svg = sharing.qr_svg_document(url, title=_("QR code for %(url)s") % {"url": url})
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="round-{round_.pk}-qr-code.svg"'
    # The link never changes, but only members may fetch it.
    patch_cache_control(response, private=True, max_age=3600)
    return response


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def invite(request, pk):
    round_ = _round(request, pk)
    form = sharing.InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = sharing.send_invitations(
            round_,
            form.cleaned_data["addresses"],
            message=form.cleaned_data["message"],
            participant_url=_participant_url(request, round_),
        )
        messages.success(
            request,
            ngettext(
                "An invitation is being sent to %(count)s person.",
                "Invitations are being sent to %(count)s people.",
                count,
            )
            % {"count": count},
        )
        return redirect("reflections:detail", pk=round_.pk)
    context = {"round": round_, "form": form, "warning": sharing.availability_warning(round_)}
    return render(request, "reflections/invite.html", context)
