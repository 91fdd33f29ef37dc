"""Facilitators' pages: rounds list, set up and edit a round, open and close it, perspectives.

The poster, QR code and emailed invitations are in `sharing_views.py`; paper forms in `paper_views.py`.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coreflect.accounts import limits
from coreflect.frameworks import checks as wording_checks
from coreflect.frameworks import print_views, wording
from coreflect.frameworks.queries import visible_versions
from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.deletion_forms import ConfirmByTypingForm
from coreflect.organisations.permissions import Permission

from . import co_leads, deletion, disclosure, invitations, services
from .forms import NextRoundForm, PerspectiveLabelsForm, RoundEditForm, RoundForm, StatusForm
from .models import RoundStatus


def _round(request, pk, permission=Permission.VIEW_RESULTS):
    return get_for_member(
        request,
        request.organisation.rounds.select_related("framework_version__framework"),
        pk,
        permission=permission,
    )


@member_required(Permission.VIEW_RESULTS)
@require_safe
def round_list(request):
    rounds = request.organisation.rounds.select_related("framework_version__framework").annotate_counts()
    can_run = request.membership.allows(Permission.RUN_REFLECTIONS)
    return render(request, "reflections/round_list.html", {"rounds": rounds, "can_run": can_run})


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def round_create(request):
    versions = list(visible_versions(request.organisation))
    initial = {
        "anonymous": "yes",
        "threshold": 5,
        "perspectives": [key for key, _label, _group in services.DEFAULT_PERSPECTIVES],
    }
    if versions:
        initial["framework_version"] = str(versions[0].pk)
    form = RoundForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        framework_versions=versions,
        awaiting_review=wording_checks.awaiting(request.organisation, versions),
    )
    if request.method == "POST" and form.is_valid():
        if until := limits.used_up(request, "new-rounds", limits.NEW_ROUNDS):
            return limits.too_many(request, until)
        round_ = services.create_round(organisation=request.organisation, created_by=request.user, **form.cleaned_data)
        messages.success(
            request, _("Your round is set up as a draft. Check the details, then open it when you are ready.")
        )
        return redirect("reflections:detail", pk=round_.pk)
    return render(request, "reflections/round_form.html", {"form": form, "heading": _("Set up a reflection round")})


@member_required(Permission.VIEW_RESULTS)
@require_safe
def round_detail(request, pk):
    round_ = _round(request, pk)
    context = {
        "round": round_,
        "counts": disclosure.participation(round_),
        "rates": invitations.response_rates(round_),
        "participant_url": request.build_absolute_uri(reverse("journey:start", args=[round_.link_code])),
        "offers_easy_read": wording.has_easy_read(round_.framework_version.document),
        "can_run": request.membership.allows(Permission.RUN_REFLECTIONS),
        "status_choices": services.round_status_choices(round_),
        "can_delete": request.membership.allows(Permission.DELETE_ROUNDS),
        "happened_url": request.build_absolute_uri(reverse("happened:public", args=[round_.link_code])),
        "co_leads": list(co_leads.co_leads_of(round_)),
    }
    if context["can_run"]:
        context["co_lead_invitations"] = list(co_leads.pending_invitations(round_))
    return render(request, "reflections/round_detail.html", context)


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def round_edit(request, pk):
    round_ = _round(request, pk, Permission.RUN_REFLECTIONS)
    answered = round_.participants.exists()
    initial = {
        "title": round_.title,
        "subject_kind": round_.subject_kind,
        "subject_description": round_.subject_description,
        "framework_version": str(round_.framework_version_id),
        "anonymous": "yes" if round_.anonymous else "no",
        "threshold": round_.threshold,
        "opens_on": round_.opens_on,
        "closes_on": round_.closes_on,
        "language_lens": round_.language_lens,
    }
    versions = list(visible_versions(request.organisation))
    if round_.framework_version not in versions:
        versions.append(round_.framework_version)
    form = RoundEditForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        framework_versions=versions,
        answered_round=round_ if answered else None,
        awaiting_review=wording_checks.awaiting(request.organisation, versions),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_round(round_, **form.cleaned_data)
        except services.FrameworkFixed:
            form.add_error("framework_version", _("People have already answered, so the framework cannot change."))
        except services.SettingsLocked as locked:
            form.refuse_looser(locked.fields, locked.threshold)
        else:
            messages.success(request, _("Round details saved."))
            return redirect("reflections:detail", pk=round_.pk)
    return render(
        request, "reflections/round_form.html", {"form": form, "round": round_, "heading": _("Change round details")}
    )


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
def round_status(request, pk):
    round_ = _round(request, pk, Permission.RUN_REFLECTIONS)
    form = StatusForm(request.POST)
    allowed = {status for status, _label in services.round_status_choices(round_)}
    if form.is_valid() and form.cleaned_data["status"] in allowed:
        services.set_status(round_, form.cleaned_data["status"])
        messages.success(
            request,
            _("The round is open: people can now take part.")
            if round_.status == RoundStatus.OPEN
            else _("The round is closed: no new answers will be kept."),
        )
        if round_.status == RoundStatus.CLOSED:
            # The moment to tell people what came of what they said: the round's actions, to write outcomes.
            return redirect("results:outcomes", pk=round_.pk)
    else:
        messages.error(request, _("That change is not possible from the round’s current status."))
    return redirect("reflections:detail", pk=round_.pk)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
def publish_happened(request, pk):
    """Publish or withdraw the public "what happened" page (a yes/no posted by the round page's button)."""
    round_ = _round(request, pk, Permission.RUN_REFLECTIONS)
    published = request.POST.get("publish") == "yes"
    services.set_happened_published(round_, published, by=request.user)
    messages.success(
        request,
        _("The “what happened” page is published: anyone with its link can read it.")
        if published
        else _("The “what happened” page is no longer published."),
    )
    return redirect(reverse("reflections:detail", args=[round_.pk]) + "#what-happened")


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def round_perspectives(request, pk):
    round_ = _round(request, pk, Permission.RUN_REFLECTIONS)
    perspectives = list(round_.perspectives.all())
    form = PerspectiveLabelsForm(request.POST if request.method == "POST" else None, perspectives=perspectives)
    if request.method == "POST" and form.is_valid():
        services.save_perspective_labels(round_, form.labels())
        messages.success(request, _("Perspective wording saved."))
        return redirect("reflections:detail", pk=round_.pk)
    return render(request, "reflections/perspectives.html", {"round": round_, "form": form})


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def next_round(request, pk):
    previous = _round(request, pk, Permission.RUN_REFLECTIONS)
    following = previous.next_rounds.order_by("pk").first()
    if following is not None and request.method == "GET":
        return redirect("reflections:detail", pk=following.pk)
    form = NextRoundForm(
        request.POST if request.method == "POST" else None, initial={"title": services.next_round_title(previous)}
    )
    if request.method == "POST" and form.is_valid():
        round_, made = services.start_next_round(previous, created_by=request.user, title=form.cleaned_data["title"])
        if made:
            messages.success(request, _("The next round is set up as a draft. Check its details, then open it."))
        else:
            messages.info(request, _("This round already has a next round, so no other was set up. Here it is."))
        return redirect("reflections:detail", pk=round_.pk)
    if following is not None:  # made in another tab while this form was open: what was typed is not needed
        messages.info(request, _("This round already has a next round, so no other was set up. Here it is."))
        return redirect("reflections:detail", pk=following.pk)
    return render(request, "reflections/next_round.html", {"round": previous, "form": form})


@member_required(Permission.DELETE_ROUNDS)
@require_http_methods(["GET", "POST"])
def round_delete(request, pk):
    """Says what goes and what stays, and deletes the round once its title is typed."""
    round_ = _round(request, pk, Permission.DELETE_ROUNDS)
    form = ConfirmByTypingForm(
        request.POST if request.method == "POST" else None,
        expected=round_.title,
        label=_("Type the round’s title to confirm"),
        hint=_("Type: %(title)s") % {"title": round_.title},
        required=_("Type the round’s title to confirm you want to delete it"),
        mismatch=_("The title you typed does not match. Type it exactly as shown: %(title)s") % {"title": round_.title},
    )
    if request.method == "POST" and form.is_valid():
        deletion.delete_round(round_)
        messages.success(
            request,
            _("“%(title)s” has been deleted. Its actions are still in the action plan.") % {"title": round_.title},
        )
        return redirect("reflections:list")
    context = {"round": round_, "form": form, "gone": deletion.what_goes(round_)}
    return render(request, "reflections/round_delete.html", context)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def paper_version(request, pk):
    """The paper version of the framework version the round asks, for anyone who can see the round – a co-lead
    too, when the round uses the organisation's own copy of a framework."""
    round_ = _round(request, pk)
    version = round_.framework_version
    return print_views.paper_page(
        request,
        version.framework,
        version,
        back=(reverse("reflections:detail", args=[pk]), _("Back to the round")),
        pdf_url=reverse("reflections:printable-pdf", args=[pk]),
    )


@member_required(Permission.VIEW_RESULTS)
@require_safe
def paper_version_pdf(request, pk):
    round_ = _round(request, pk)
    return print_views.paper_pdf(request, round_.framework_version.framework, round_.framework_version)
