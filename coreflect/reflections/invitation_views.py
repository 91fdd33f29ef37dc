"""Facilitators' personal invitation pages: response rates, emailing links, printing slips, and whether the
round takes personal links only. The work is done in `invitations.py`."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coreflect.documents import render_pdf
from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission

from . import invitations, sharing
from .invitation_forms import OPEN, PERSONAL, PersonalEmailForm, PersonalLinksOnlyForm, SlipsForm


def _round(request, pk):
    return get_for_member(
        request,
        request.organisation.rounds.select_related("organisation", "framework_version"),
        pk,
        permission=Permission.RUN_REFLECTIONS,
    )


def _link_for(request, round_):
    return lambda token: request.build_absolute_uri(reverse("journey:invited-link", args=[round_.link_code, token]))


def _overview(request, round_, form, status=200):
    context = {"round": round_, "rates": invitations.response_rates(round_), "form": form}
    return render(request, "reflections/personal_links.html", context, status=status)


@member_required(Permission.RUN_REFLECTIONS)
@require_safe
def personal_links(request, pk):
    round_ = _round(request, pk)
    form = PersonalLinksOnlyForm(initial={"who": PERSONAL if round_.personal_links_only else OPEN})
    return _overview(request, round_, form)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
def personal_links_only(request, pk):
    round_ = _round(request, pk)
    form = PersonalLinksOnlyForm(request.POST)
    if not form.is_valid():
        return _overview(request, round_, form, status=400)
    invitations.set_personal_links_only(round_, form.only)
    messages.success(
        request,
        _("Only people with a personal invitation can take part now. The round’s link says so.")
        if form.only
        else _("Anyone with the round’s link can take part, as well as people with a personal invitation."),
    )
    return redirect("reflections:personal", pk=round_.pk)


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def personal_email(request, pk):
    round_ = _round(request, pk)
    form = PersonalEmailForm(request.POST or None, round_=round_)
    problem = None
    if request.method == "POST" and form.is_valid():
        try:
            count = invitations.email_links(
                round_,
                form.cleaned_data["perspective"],
                form.cleaned_data["addresses"],
                message=form.cleaned_data["message"],
                link_for=_link_for(request, round_),
            )
        except invitations.NotSent as stopped:
            problem = _(
                "The email service stopped after %(sent)s of %(count)s invitations. Nobody else was sent one: "
                "try again later with the addresses that did not get one."
            ) % {"sent": stopped.sent, "count": len(form.cleaned_data["addresses"])}
        else:
            messages.success(
                request,
                ngettext(
                    "A personal invitation was sent to %(count)s person.",
                    "Personal invitations were sent to %(count)s people.",
                    count,
                )
                % {"count": count},
            )
            return redirect("reflections:personal", pk=round_.pk)
    context = {"round": round_, "form": form, "warning": sharing.availability_warning(round_), "problem": problem}
    return render(request, "reflections/personal_email.html", context, status=200 if problem is None else 503)


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def personal_print(request, pk):
    round_ = _round(request, pk)
    form = SlipsForm(request.POST or None, round_=round_)
    if request.method == "POST" and form.is_valid():
        perspective = form.cleaned_data["perspective"]
        tokens = invitations.make_links(round_, perspective, form.cleaned_data["count"])
        link_for = _link_for(request, round_)
        context = invitations.slips_context(round_, perspective, [link_for(token) for token in tokens])
        html = render_to_string("reflections/slips.html", context, request)
        title = _("Personal invitations: %(title)s") % {"title": round_.title}
        pdf = render_pdf(html, base_url=request.build_absolute_uri("/"), title=title, stylesheets=("css/slips.css",))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="round-{round_.pk}-personal-invitations.pdf"'
        return response
    context = {"round": round_, "form": form, "warning": sharing.availability_warning(round_)}
    return render(request, "reflections/personal_print.html", context)
