"""The facilitator's workshop pages: start a workshop from the round, the console that moves the room
through the principles, the show of hands, the group's view and its dissent, and finishing.

The ideas' part of the console is in `idea_views.py`, the projector in `projector_views.py` and the record
in `record_views.py`. The work is done in services.py and ideas.py; these views check who may do it.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coreflect.language import written
from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission
from coreflect.reflections.services import RoundNotOpen

from . import display, queries, services
from .console import PRINCIPLE_STEPS, console_page, finished_message, live_context, refused_when_finished, workshop_for
from .forms import DissentForm, GroupViewForm, HandsForm, StartForm, StepForm
from .live import polled
from .models import Step


def _to_console(workshop):
    return redirect("workshops:console", pk=workshop.pk)


def _to_console_noting(workshop, field, anchor):
    """Back to the console, where the language lens points out phrases in the words just saved."""
    return redirect(written.after_save(reverse("workshops:console", args=[workshop.pk]), [field], anchor))


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def start(request, pk):
    """Start a workshop for an open round, choosing how a vote counts for someone who answered alone."""
    rounds = request.organisation.rounds.select_related("framework_version")
    round_ = get_for_member(request, rounds, pk, permission=Permission.RUN_REFLECTIONS)
    running = queries.running_workshop_of(round_)
    if running is not None:
        messages.info(request, _("A workshop is already running for this round. Here it is."))
        return _to_console(running)
    if not round_.is_accepting_answers:
        messages.error(
            request,
            _("You can start a workshop only while the round is open and taking answers. Open the round first."),
        )
        return redirect("reflections:detail", pk=round_.pk)
    form = StartForm(request.POST if request.method == "POST" else None, initial={"counting": "replace"})
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.start_workshop(round_, started_by=request.user, counting=form.cleaned_data["counting"])
        except RoundNotOpen:
            messages.error(request, _("You can start a workshop only while the round is open and taking answers."))
            return redirect("reflections:detail", pk=round_.pk)
        messages.success(request, _("The workshop has started. Show the projector page so people can join."))
        return _to_console(workshop)
    return render(request, "workshops/control/start.html", {"round": round_, "form": form})


@member_required(Permission.RUN_REFLECTIONS)
@require_safe
def console(request, pk):
    return console_page(request, workshop_for(request, pk))


@member_required(Permission.RUN_REFLECTIONS)
@require_safe
def console_live(request, pk):
    """The console's polled part: how many have voted, and the replies (no forms in it)."""
    return _console_fragment(request, pk=pk, workshop=workshop_for(request, pk))


@polled
def _console_fragment(request, pk, workshop):
    return render(request, "workshops/control/_live.html", live_context(workshop))


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
@refused_when_finished
def step(request, pk):
    """Move the room on: voting on a principle, its spread, agreeing its view, the dots."""
    workshop = workshop_for(request, pk)
    framework = display.framework_of(workshop)
    form = StepForm(request.POST, principles=framework.rows)
    if not workshop.is_running:
        finished_message(request)
    elif not form.is_valid():
        messages.error(request, _("That step is not possible. Choose one of the buttons on this page."))
    else:
        services.go_to(workshop, form.cleaned_data["step"], form.cleaned_data["principle"])
    return _to_console(workshop)


def _principle_or_refuse(request, workshop):
    """The principle the room is on, or None (with a message) when the workshop cannot take this now."""
    if not workshop.is_running:
        finished_message(request)
        return None
    if workshop.step not in PRINCIPLE_STEPS or workshop.principle is None:
        messages.error(request, _("Go to a principle first."))
        return None
    return workshop.principle


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
@refused_when_finished
def hands(request, pk):
    """A show of hands for people without a phone, for the principle the room is on."""
    workshop = workshop_for(request, pk)
    principle = _principle_or_refuse(request, workshop)
    if principle is None:
        return _to_console(workshop)
    framework = display.framework_of(workshop)
    form = HandsForm(request.POST, prefix="hands", **framework.form_shape)
    if not form.is_valid():
        return console_page(request, workshop, hands_form=form)
    services.count_hands(workshop, principle, form.counts())
    messages.success(request, _("Show of hands saved."))
    return _to_console(workshop)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
@refused_when_finished
def agree(request, pk):
    """Record the group's view of the principle; the room is asked about it again."""
    workshop = workshop_for(request, pk)
    principle = _principle_or_refuse(request, workshop)
    if principle is None:
        return _to_console(workshop)
    framework = display.framework_of(workshop)
    form = GroupViewForm(request.POST, prefix="view", **framework.form_shape)
    if not form.is_valid():
        return console_page(request, workshop, view_form=form)
    services.agree_view(
        workshop,
        principle,
        stage=form.cleaned_data["stage"],
        rag=form.cleaned_data["rag"],
        evidence=form.cleaned_data.get("evidence", "").strip(),
        recorded_by=request.user,
    )
    if workshop.step != Step.AGREEING:
        services.go_to(workshop, Step.AGREEING, principle)
    messages.success(request, _("The group’s view is saved. People can now say whether they agree."))
    return _to_console_noting(workshop, "evidence", "group-view")


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
@refused_when_finished
def dissent(request, pk):
    """The dissent, in the group's words, beside the group's view."""
    workshop = workshop_for(request, pk)
    principle = _principle_or_refuse(request, workshop)
    if principle is None:
        return _to_console(workshop)
    group_view = queries.group_view(workshop, principle)
    form = DissentForm(request.POST, prefix="dissent")
    if group_view is None:
        messages.error(request, _("Record the group’s view first, then the dissent."))
        return _to_console(workshop)
    if not form.is_valid():
        return console_page(request, workshop, dissent_form=form)
    services.record_dissent(group_view, form.cleaned_data["dissent"])
    messages.success(request, _("The dissent is saved."))
    return _to_console_noting(workshop, "dissent", "dissent")


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
@refused_when_finished
def finish(request, pk):
    """Finish the workshop, after asking: the code stops working and nothing more can be added."""
    workshop = workshop_for(request, pk)
    if not workshop.is_running:
        finished_message(request)
        return redirect("workshops:record", pk=workshop.pk)
    if request.method == "POST":
        services.finish_workshop(workshop)
        messages.success(request, _("The workshop has finished. Here is its record."))
        return redirect("workshops:record", pk=workshop.pk)
    return render(request, "workshops/control/finish.html", {"workshop": workshop, "round": workshop.round})
