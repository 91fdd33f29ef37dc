"""The action plan: the organisation's plan, one action, ideas per round.

Viewers read; facilitators and admins change. Reminders are in `reminder_views.py`.
"""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coreflect.language import written
from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission
from coreflect.organisations.services import switch_organisation

from . import queries, services
from .forms import ActionForm, ContributionForm, IdeaForm, NoteForm, OutcomeForm, WhyNotForm
from .models import ActionStatus, Lens


def _plan_filter(request) -> queries.PlanFilter:
    get = request.GET
    # A filter no row could match (not a number, beyond any id, a NUL the database refuses) is ignored.
    round_pk = get.get("round", "")
    fits = round_pk.isascii() and round_pk.isdigit() and len(round_pk) <= 19 and int(round_pk) < 2**63
    round_pk = int(round_pk) if fits else None
    return queries.PlanFilter(
        round=round_pk,
        principle=get.get("principle", "").replace("\x00", ""),
        status=get.get("status", "") if get.get("status") in ActionStatus.values else "",
        owner=get.get("owner", "").replace("\x00", ""),
        lens=get.get("lens", "") if get.get("lens") in Lens.values else "",
        overdue=get.get("overdue") == "1",
        sort=get.get("sort", "due") if get.get("sort") in queries.SORTS else "due",
    )


def _plan_context(request):
    organisation = request.organisation
    chosen = _plan_filter(request)
    rounds = list(organisation.rounds.select_related("framework_version"))
    principles: dict[str, dict[str, str]] = {}
    for round_ in rounds:
        for principle in round_.framework_version.principles:
            principles.setdefault(principle["key"], principle["title"])
    return {
        "actions": queries.plan(organisation, chosen),
        "chosen": chosen,
        "rounds": rounds,
        "principles": principles,
        "owners": queries.owners(organisation),
        "statuses": ActionStatus.choices,
        "lenses": Lens.choices,
        "recognition": queries.recognition(organisation),
        "can_edit": request.membership.allows(Permission.RUN_REFLECTIONS),
        "query": request.GET.urlencode(),
    }


@member_required(Permission.VIEW_RESULTS)
@require_safe
def plan(request):
    return render(request, "actions/plan.html", _plan_context(request))


@member_required(Permission.VIEW_RESULTS)
@require_safe
def plan_print(request):
    return render(request, "actions/plan_print.html", _plan_context(request))


def _action(request, pk, permission=Permission.VIEW_RESULTS):
    return get_for_member(
        request,
        request.organisation.actions.select_related("round__framework_version", "owner", "idea"),
        pk,
        permission=permission,
    )


def _members(request):
    return [membership.user for membership in request.organisation.memberships.select_related("user")]


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def action_create(request):
    try:
        round_ = get_for_member(
            request, request.organisation.rounds.select_related("framework_version"), int(request.GET.get("round", ""))
        )
    except ValueError:
        raise Http404 from None
    idea = None
    if request.GET.get("idea"):
        idea = get_for_member(request, round_.ideas.select_related("principle"), request.GET["idea"])
    principles = queries.round_principles(round_)
    initial: dict[str, object] = {"status": ActionStatus.NOT_STARTED}
    if idea:
        initial |= {"what": idea.text[:300], "principles": [idea.principle.key]}
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        members=_members(request),
        principles=principles,
    )
    if request.method == "POST" and form.is_valid():
        action = services.create_action(
            organisation=request.organisation,
            created_by=request.user,
            round=round_,
            idea=idea,
            principles=form.cleaned_data["principles"],
            **form.action_fields(),
        )
        messages.success(request, _("Action added to the plan."))
        written_now = [name for name in ACTION_TEXT if form.cleaned_data.get(name)]
        return redirect(written.after_save(reverse("actions:detail", args=[action.pk]), written_now))
    return render(
        request,
        "actions/action_form.html",
        {"form": form, "round": round_, "idea": idea, "heading": _("Add an action")},
    )


@member_required(Permission.VIEW_RESULTS)
@require_safe
def action_detail(request, pk):
    try:
        action = _action(request, pk)
    except Http404:
        # A link from a reminder email may belong to another of the person's organisations.
        other = queries.organisation_of_action_for(request, pk)
        if other is None:
            raise
        switch_organisation(request, other)
        return redirect("actions:detail", pk=pk)
    return _detail_page(request, action)


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = _action(request, pk, Permission.RUN_REFLECTIONS)
    principles = queries.round_principles(action.round) if action.round else []
    initial = {
        "what": action.what,
        "how": action.how,
        "owner": str(action.owner_id or ""),
        "owner_name": action.owner_name,
        "co_lead_name": action.co_lead_name,
        "due_on": action.due_on,
        "principles": [p.key for p in action.principles.all()],
        "lens": action.lens,
        "status": action.status,
        "dropped_reason": action.dropped_reason,
        "version": action.version,
    }
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        members=_members(request),
        principles=principles,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action(
                action,
                seen_version=form.cleaned_data["version"] or 0,
                # With no round (or a deleted one) there are no principles to choose from: keep the ones it has.
                principles=form.cleaned_data["principles"] if action.round else None,
                **form.action_fields(),
            )
        except services.EditConflict as clash:
            conflict = clash.current
            # Saving again now deliberately replaces their version with this one.
            data = cast(QueryDict, form.data).copy()  # the form was bound to request.POST
            data["version"] = str(conflict.version)
            form.data = data
        else:
            messages.success(request, _("Action saved."))
            changed = [name for name in ACTION_TEXT if name in form.changed_data]
            return redirect(written.after_save(reverse("actions:detail", args=[action.pk]), changed))
    context = {
        "form": form,
        "round": action.round,
        "action": action,
        "conflict": conflict,
        "heading": _("Change the action"),
    }
    return render(request, "actions/action_form.html", context, status=409 if conflict else 200)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
def note_add(request, pk):
    action = _action(request, pk, Permission.RUN_REFLECTIONS)
    form = NoteForm(request.POST)
    if form.is_valid():
        note = services.add_note(
            action, text=form.cleaned_data["text"], author=request.user, shared=form.cleaned_data["shared"]
        )
        messages.success(request, _("Progress note added."))
        url = reverse("actions:detail", args=[action.pk])
        return redirect(written.after_save(url, [f"note-{note.pk}"], anchor=f"note-{note.pk}"))
    return _detail_page(request, action, note_form=form)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
def contribution_add(request, pk):
    action = _action(request, pk, Permission.RUN_REFLECTIONS)
    form = ContributionForm(request.POST)
    if form.is_valid():
        services.add_contribution(action, **form.cleaned_data)
        messages.success(
            request, _("Contribution recorded. Thank you to %(name)s.") % {"name": form.cleaned_data["name"]}
        )
        return redirect("actions:detail", pk=action.pk)
    return _detail_page(request, action, contribution_form=form)


ACTION_TEXT = ("what", "how", "dropped_reason")


def _detail_page(request, action, **forms):
    """The action's page; a note or contribution form with errors replaces its empty twin. Right after a save
    it points out phrases in the words that save wrote (`language.written`)."""
    notes = list(action.notes.select_related("author"))
    text = {name: getattr(action, name) for name in ACTION_TEXT + OutcomeForm.WRITTEN}
    text |= {f"note-{note.pk}": note.text for note in notes}
    context = {
        "action": action,
        "notes": notes,
        "lens_notes": written.notes_for(request, text) if request.method == "GET" else {},
        "contributions": action.contributions.all(),
        "principles": queries.principle_titles(action),
        "can_edit": request.membership.allows(Permission.RUN_REFLECTIONS),
        "note_form": NoteForm(),
        "contribution_form": ContributionForm(),
        **forms,
    }
    return render(request, "actions/action_detail.html", context)


@member_required(Permission.VIEW_RESULTS)
@require_http_methods(["GET", "POST"])
def ideas(request, pk):
    round_ = get_for_member(request, request.organisation.rounds.select_related("framework_version"), pk)
    can_edit = request.membership.allows(Permission.RUN_REFLECTIONS)
    principles = queries.round_principles(round_)
    form = IdeaForm(
        request.POST if request.method == "POST" and "text" in request.POST else None, principles=principles
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if request.POST.get("collect"):
            count = services.collect_ideas_from_answers(round_)
            messages.success(request, _("%(n)s new ideas collected from people’s answers.") % {"n": count})
            return redirect("actions:ideas", pk=round_.pk)
        if form.is_valid():
            services.add_idea(round_, principle=form.cleaned_data["principle"], text=form.cleaned_data["text"])
            messages.success(request, _("Idea added."))
            return redirect("actions:ideas", pk=round_.pk)
    context = {
        "round": round_,
        "form": form,
        "can_edit": can_edit,
        "principles": principles,
        "ideas": queries.ideas_with_labels(round_),
    }
    return render(request, "actions/ideas.html", context)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
def idea_shortlist(request, pk, idea):
    round_ = get_for_member(request, request.organisation.rounds, pk)
    found = get_for_member(request, round_.ideas, idea)
    services.set_shortlisted(found, request.POST.get("shortlisted") == "1")
    return redirect("actions:ideas", pk=round_.pk)


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def idea_why_not(request, pk, idea):
    """Say why an idea was not taken up: people who took part read it on their "what happened" page."""
    round_ = get_for_member(request, request.organisation.rounds, pk, permission=Permission.RUN_REFLECTIONS)
    found = get_for_member(request, round_.ideas, idea, permission=Permission.RUN_REFLECTIONS)
    posted = request.method == "POST"
    form = WhyNotForm(request.POST if posted else None, initial={"why_not_chosen": found.why_not_chosen})
    if posted and form.is_valid():
        services.set_why_not_chosen(found, form.cleaned_data["why_not_chosen"])
        messages.success(request, _("Saved. People who took part can read it on their “what happened” page."))
        return redirect("actions:ideas", pk=round_.pk)
    context = {"round": round_, "idea": found, "form": form}
    return render(request, "actions/why_not.html", context, status=400 if form.errors else 200)
