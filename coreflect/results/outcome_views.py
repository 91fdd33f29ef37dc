"""Telling people what happened: write an action's outcome ("we asked, you said, we did") with the round's
results beside the form, and the list of a round's actions to write outcomes for, where a facilitator
lands when they close the round.

These pages sit in the results app, above the action plan, because they show the round's results: every
figure comes from `queries.overview`, read through `reflections.disclosure`, exactly as the results pages
read it, so small groups stay hidden here too. The outcome itself is the action plan's
(`actions.services.write_outcome`).
"""

from typing import cast

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from coreflect.actions import queries as action_queries
from coreflect.actions import services as action_services
from coreflect.actions.forms import OutcomeForm
from coreflect.language import written
from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission
from coreflect.reflections import disclosure

from . import queries


def _headline(round_, keys=frozenset()):
    """The round's results overview, and the principle summaries to show (those in `keys`, or all)."""
    data = queries.overview(round_, disclosure.figures(round_))
    chosen = [summary for summary in data.principles if summary.principle["key"] in keys]
    return data, chosen or data.principles


@member_required(Permission.RUN_REFLECTIONS)
@require_safe
def round_outcomes(request, pk):
    round_ = get_for_member(
        request,
        request.organisation.rounds.select_related("framework_version__framework"),
        pk,
        permission=Permission.RUN_REFLECTIONS,
    )
    data, summaries = _headline(round_)
    actions = action_queries.outcomes_of(round_)
    context = {
        "round": round_,
        "data": data,
        "summaries": summaries,
        "actions": actions,
        "written": sum(1 for action in actions if action.has_outcome),
    }
    return render(request, "results/outcomes.html", context)


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def write_outcome(request, pk):
    action = get_for_member(
        request,
        request.organisation.actions.select_related("round__framework_version__framework", "owner"),
        pk,
        permission=Permission.RUN_REFLECTIONS,
    )
    initial = {
        "we_asked": action.we_asked,
        "you_said": action.you_said,
        "we_did": action.we_did,
        "review_on": action.review_on,
        "version": action.version,
    }
    form = OutcomeForm(request.POST if request.method == "POST" else None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            action_services.write_outcome(
                action, seen_version=form.cleaned_data["version"] or 0, actor=request.user, **form.outcome_fields()
            )
        except action_services.EditConflict as clash:
            conflict = clash.current
            # Saving again now deliberately replaces their outcome with this one.
            data = cast(QueryDict, form.data).copy()
            data["version"] = str(conflict.version)
            form.data = data
        else:
            messages.success(request, _("Outcome saved."))
            # The action's page points out phrases in the parts of the outcome this save changed.
            changed = [name for name in OutcomeForm.WRITTEN if name in form.changed_data]
            return redirect(written.after_save(reverse("actions:detail", args=[action.pk]), changed, "outcome"))
    context = {"form": form, "action": action, "conflict": conflict, "round": action.round}
    if action.round is not None:
        context["data"], context["summaries"] = _headline(action.round, action_queries.principle_keys(action))
    return render(request, "results/outcome_form.html", context, status=409 if conflict else 200)
