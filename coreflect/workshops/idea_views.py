"""The ideas' part of the facilitator's console: add an idea, hide an unkind one (or put it back), merge
duplicates, open the dots, and turn the chosen ideas into actions in the plan."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission

from . import display, ideas, services
from .console import console_page, finished_message, idea_rows, on_screen, refused_when_finished, workshop_for
from .forms import ActionForm, DotsForm, HideForm, IdeaForm, MergeForm
from .models import Step


def _to_ideas(workshop):
    return redirect(f"{_console_url(workshop)}#ideas")


def _console_url(workshop) -> str:
    return reverse("workshops:console", args=[workshop.pk])


def _running_or_refuse(request, pk):
    workshop = workshop_for(request, pk)
    if not workshop.is_running:
        finished_message(request)
        return workshop, False
    return workshop, True


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
@refused_when_finished
def add_idea(request, pk):
    """An idea typed in by the facilitator, for example one said aloud by someone without a phone."""
    workshop, running = _running_or_refuse(request, pk)
    if not running:
        return _to_ideas(workshop)
    framework = display.framework_of(workshop)
    form = IdeaForm(request.POST, prefix="idea", principles=framework.rows, titles=framework.titles())
    if not form.is_valid():
        return console_page(request, workshop, idea_form=form)
    ideas.post_idea(workshop, form.cleaned_data["principle"], form.cleaned_data["text"])
    messages.success(request, _("Idea added."))
    return _to_ideas(workshop)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
@refused_when_finished
def hide_idea(request, pk, idea_pk):
    """Take an unkind idea off the screens, or put it back. It is kept, with who hid it."""
    workshop, running = _running_or_refuse(request, pk)
    posted = get_for_member(request, workshop.posted_ideas.select_related("idea"), idea_pk)
    if not running:
        return _to_ideas(workshop)
    form = HideForm(request.POST)
    hidden = form.is_valid() and form.cleaned_data["hidden"]
    posted.workshop = workshop
    ideas.hide_idea(posted, by=request.user, hidden=hidden)
    messages.success(request, _("Idea hidden from the screens.") if hidden else _("Idea shown on the screens again."))
    return _to_ideas(workshop)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
@refused_when_finished
def merge_ideas(request, pk):
    """One idea said twice: the duplicate leaves the screens and its dots go to the idea it repeats."""
    workshop, running = _running_or_refuse(request, pk)
    if not running:
        return _to_ideas(workshop)
    form = MergeForm(request.POST, prefix="merge", ideas=on_screen(idea_rows(workshop)))
    if not form.is_valid():
        return console_page(request, workshop, merge_form=form)
    duplicate, into = form.cleaned_data["duplicate"], form.cleaned_data["into"]
    duplicate.workshop = into.workshop = workshop
    ideas.merge_ideas(duplicate, into)
    messages.success(request, _("Ideas merged."))
    return _to_ideas(workshop)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
@refused_when_finished
def dots(request, pk):
    """Whether two dots may go on one idea, and (with "open") open the dots."""
    workshop, running = _running_or_refuse(request, pk)
    if not running:
        return _to_ideas(workshop)
    form = DotsForm(request.POST, prefix="dots")
    if not form.is_valid():  # a checkbox cannot be wrong, but the page answers anyway
        return console_page(request, workshop, dots_form=form)
    if form.cleaned_data["double_dots"] != workshop.double_dots:
        ideas.allow_double_dots(workshop, form.cleaned_data["double_dots"])
    if "open" in request.POST and workshop.step != Step.DOTS:
        services.go_to(workshop, Step.DOTS)
        messages.success(request, _("The dots are open: people can now choose ideas on their phones."))
    else:
        messages.success(request, _("Dots settings saved."))
    return _to_ideas(workshop)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
@refused_when_finished
def make_action(request, pk):
    """Turn a chosen idea into an action in the plan, linked to the idea and its dots."""
    workshop, running = _running_or_refuse(request, pk)
    if not running:
        return _to_ideas(workshop)
    form = ActionForm(request.POST, prefix="action", ideas=on_screen(idea_rows(workshop)))
    if not form.is_valid():
        return console_page(request, workshop, action_form=form)
    posted = form.cleaned_data["idea"]
    posted.workshop = workshop
    action = ideas.make_action(posted, created_by=request.user, what=form.cleaned_data["what"].strip())
    messages.success(request, _("Action added to the plan: %(what)s") % {"what": action.what})
    return _to_ideas(workshop)
