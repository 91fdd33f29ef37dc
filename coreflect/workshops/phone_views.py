"""The phone's one page: it follows the room – waiting, voting, the spread, the group's view with a reply,
ideas, dots, the end – with a small fragment it polls for what changed (never a form in it), and the forms
it posts (each answered by a redirect back to the page, with a message)."""

import functools

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from coreflect.frameworks.queries import kept_version, skeleton

from . import ideas, live, phone_queries, queries, services
from . import phone_access as access
from . import phone_context as context
from .models import Step
from .phone_forms import IdeaForm, ReplyForm, VoteForm


@require_safe
@never_cache  # it shows this phone's own vote and reply: kept by no cache, not even the browser's
def page(request, code):
    """The one page a phone keeps open: it shows what the room is doing now."""
    attendee, response = access.attendee_or_response(request, code)
    if response is not None:
        return response
    return context.page_response(request, attendee)


def _with_attendee(view):
    """Finds the phone's attendee for a fragment (no pages: a poll gets a bare status when it is not one of
    this workshop's phones) before `live.polled` may answer 304: a 304 for a code would tell a guesser it
    runs."""

    def wrapper(request, code):
        attendee, response = access.attendee_or_response(request, code)
        if response is not None:
            return HttpResponse(status=429 if response.status_code == 429 else 404)
        request.attendee = attendee
        return view(request, code=code)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _phone_etag(request, code):
    """An unchanged poll from one of the workshop's own phones is answered from one query: its attendee and
    workshop version together. Anyone else goes the long way (and a wrong code counts against them)."""
    version = phone_queries.polled_version(code, request.COOKIES.get(access.ATTENDEE_COOKIE))
    return live.etag(request, code, version)


@require_safe
@functools.partial(live.polled, etag_func=_phone_etag)
@_with_attendee
def live_fragment(request, code):
    """What changed since the page was shown: 304 while the workshop is unchanged."""
    attendee = request.attendee
    workshop = attendee.workshop
    moved_on = not workshop.is_running or request.GET.get("state", "") != phone_queries.page_state(workshop)
    _version, _document, principle_row = context.principle_of(workshop) if workshop.is_running else (None, None, None)
    reload = request.GET.get("sent") != "1"
    shown = context.fragment_context(workshop, attendee, principle_row, moved_on=moved_on, reload=reload)
    return render(request, "workshops/phone/_live.html", shown)


# What phones send -----------------------------------------------------------------------------------


def _back(attendee):
    return redirect("phone:page", code=attendee.workshop.code)


def _refused(request, attendee, *, step, key=None) -> bool:
    """Whether the room is not where this form was for (with a message saying so)."""
    workshop = attendee.workshop
    if not workshop.is_running:
        messages.error(request, _("This workshop has finished, so nothing more can be added to it."))
        return True
    _version, principle, _row = context.principle_of(workshop)
    if workshop.step != step or (key is not None and (principle is None or principle["key"] != key)):
        messages.error(request, _("The room has moved on, so that was not saved. Here is what the room is doing now."))
        return True
    return False


@require_POST
def vote(request, code, key):
    attendee, response = access.attendee_or_response(request, code)
    if response is not None:
        return response
    if _refused(request, attendee, step=Step.VOTING, key=key):
        return _back(attendee)
    version, principle, principle_row = context.principle_of(attendee.workshop)
    form = VoteForm(request.POST, document=version.document, principle=principle)
    if not form.is_valid():
        return context.page_response(request, attendee, vote_form=form, status=400)
    rows = skeleton(version)
    try:
        services.vote(
            attendee,
            principle_row,
            stage=rows.stages[form.cleaned_data["stage"]] if form.cleaned_data.get("stage") else None,
            rag=form.cleaned_data["rag"],
            ticked=[rows.indicators[key][k] for k in form.cleaned_data.get("ticked", [])],
        )
    except services.WorkshopFinished:
        messages.error(request, _("This workshop has finished, so nothing more can be added to it."))
    except services.NotNow:
        messages.error(request, _("Voting on this has closed, so your vote was not counted."))
    else:
        messages.success(request, _("Your vote is in – you can change it until voting closes."))
    return _back(attendee)


@require_POST
def reply(request, code, key):
    attendee, response = access.attendee_or_response(request, code)
    if response is not None:
        return response
    if _refused(request, attendee, step=Step.AGREEING, key=key):
        return _back(attendee)
    _version, _principle_doc, principle_row = context.principle_of(attendee.workshop)
    group_view = queries.group_view(attendee.workshop, principle_row)
    if group_view is None:
        messages.error(request, _("The group's view is not ready yet, so there is nothing to reply to."))
        return _back(attendee)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply(attendee, group_view, form.cleaned_data["stance"], form.cleaned_data["reason"])
        except services.ReasonNeeded:
            form.add_error("reason", _("Say why you object, so the group can hear it"))
        except (services.WorkshopFinished, services.NotNow):
            messages.error(request, _("The room has moved on, so that was not saved."))
            return _back(attendee)
        else:
            messages.success(request, _("Your reply is in – you can change it."))
            return _back(attendee)
    return context.page_response(request, attendee, reply_form=form, status=400)


@require_POST
def idea(request, code, key):
    attendee, response = access.attendee_or_response(request, code)
    if response is not None:
        return response
    workshop = attendee.workshop
    version = kept_version(workshop.round.framework_version_id)
    principle_row = skeleton(version).principles.get(key)
    if principle_row is None:
        raise Http404
    form = IdeaForm(request.POST)
    if not workshop.is_running or workshop.step not in context.PRINCIPLE_STEPS:
        messages.error(request, _("Ideas can no longer be added here, so yours was not saved."))
        return context.page_response(request, attendee, idea_form=form, status=409)
    if not form.is_valid():
        return context.page_response(request, attendee, idea_form=form, status=400)
    try:
        ideas.post_idea(workshop, principle_row, form.cleaned_data["idea"], attendee=attendee)
    except services.WorkshopFinished:
        messages.error(request, _("This workshop has finished, so nothing more can be added to it."))
    else:
        messages.success(request, _("Thank you – your idea is in. Add as many as you like."))
    return _back(attendee)


@require_POST
def dot(request, code, pk):
    attendee, response = access.attendee_or_response(request, code)
    if response is not None:
        return response
    workshop = attendee.workshop
    posted = phone_queries.posted_idea(workshop, pk)
    if posted is None:
        raise Http404
    posted.workshop = workshop
    short = Truncator(posted.idea.text).chars(60)
    taking_back = request.POST.get("action") == "take-back"
    try:
        if taking_back:
            ideas.take_back_dot(attendee, posted)
        else:
            ideas.spend_dot(attendee, posted)
    except services.WorkshopFinished:
        messages.error(request, _("This workshop has finished, so nothing more can be added to it."))
    except ideas.NoDotsLeft:
        messages.error(request, _("You have used all your dots. Take one back if you want to move it."))
    except ideas.OneDotEach:
        messages.error(request, _("You already have a dot on that idea. Put your other dots on other ideas."))
    except services.NotNow:
        messages.error(request, _("Dots can only be used while the room is choosing ideas."))
    else:
        left = ideas.dots_left(attendee)
        said = _("You took your dot back from “%(idea)s”.") if taking_back else _("You put a dot on “%(idea)s”.")
        messages.success(
            request,
            f"{said % {'idea': short}} "
            + ngettext("You have %(n)s dot left.", "You have %(n)s dots left.", left) % {"n": left},
        )
    return _back(attendee)
