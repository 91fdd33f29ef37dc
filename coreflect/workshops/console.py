"""The facilitator's console page, put together: the workshop loaded through the organisation, and every
form on the page – fresh, or as posted when it had errors (so nothing typed is lost)."""

from functools import wraps

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coreflect.language import written
from coreflect.organisations.access import get_for_member
from coreflect.organisations.permissions import Permission
from coreflect.reflections.sharing import qr_svg

from . import display, ideas, queries, services
from .forms import ActionForm, DissentForm, DotsForm, GroupViewForm, HandsForm, IdeaForm, MergeForm
from .models import Step, Workshop

PRINCIPLE_STEPS = (Step.VOTING, Step.REVEALED, Step.AGREEING)


def workshop_for(request, pk, permission: Permission = Permission.RUN_REFLECTIONS) -> Workshop:
    workshops = queries.workshops_of(request.organisation).select_related("round__framework_version")
    return get_for_member(request, workshops, pk, permission=permission)


def finished_message(request) -> None:
    messages.error(request, _("This workshop has finished, so nothing in it can be changed."))


def refused_when_finished(view):
    """A facilitator's change to a workshop that finished meanwhile (in another tab, say) is refused with the
    message, not a server error."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        try:
            return view(request, pk, *args, **kwargs)
        except services.WorkshopFinished:
            finished_message(request)
            return redirect("workshops:console", pk=pk)

    return wrapper


def idea_rows(workshop: Workshop) -> list:
    """Every idea of the workshop, most dots first, with the actions made from it."""
    return list(ideas.ideas_with_dots(workshop).prefetch_related("idea__actions"))


def on_screen(rows: list) -> list:
    return [posted for posted in rows if not posted.is_hidden and posted.merged_into_id is None]


def forms_for(workshop: Workshop, framework: display.Framework, rows: list, group_view=None, hands=None) -> dict:
    """Every form of the console, unbound, filled in with what is saved."""
    shape = framework.form_shape
    consensus = group_view.consensus if group_view is not None else None
    view_initial = {}
    if consensus is not None:
        view_initial = {
            "stage": consensus.stage.key if consensus.stage else "",
            "rag": consensus.rag,
            "evidence": consensus.evidence,
        }
    shown = on_screen(rows)
    return {
        "hands_form": HandsForm(prefix="hands", saved=hands or {}, **shape),
        "view_form": GroupViewForm(prefix="view", initial=view_initial, **shape),
        "dissent_form": DissentForm(prefix="dissent", initial={"dissent": consensus.dissent if consensus else ""}),
        "idea_form": IdeaForm(
            prefix="idea",
            principles=framework.rows,
            titles=framework.titles(),
            initial={"principle": workshop.principle.key if workshop.principle else ""},
        ),
        "merge_form": MergeForm(prefix="merge", ideas=shown),
        "dots_form": DotsForm(prefix="dots", initial={"double_dots": workshop.double_dots}),
        "action_form": ActionForm(prefix="action", ideas=shown),
    }


def live_context(workshop: Workshop) -> dict:
    """What the console's polled fragment shows: how many have voted, and the replies to the group's view."""
    principle = workshop.principle if workshop.step in PRINCIPLE_STEPS else None
    group_view = queries.group_view(workshop, principle)
    return {
        "workshop": workshop,
        "votes": queries.votes_so_far(workshop, principle),
        "group_view": group_view,
        "objections": queries.objections(group_view) if group_view is not None else [],
    }


def console_page(request, workshop: Workshop, *, status: int = 200, **bound) -> HttpResponse:
    """The console; `bound` replaces a form by the one posted (with its errors)."""
    framework = display.framework_of(workshop)
    rows = idea_rows(workshop)
    live = live_context(workshop)
    hands = queries.hand_counts(workshop, workshop.principle) if workshop.step in PRINCIPLE_STEPS else {}
    forms = forms_for(workshop, framework, rows, live["group_view"], hands) | bound
    join_url = request.build_absolute_uri(display.join_path())
    consensus = live["group_view"].consensus if live["group_view"] is not None else None
    # Right after the group's view or its dissent is saved, the language lens points out phrases in it.
    text = {"evidence": consensus.evidence, "dissent": consensus.dissent} if consensus is not None else {}
    context = {
        **live,
        **forms,
        "round": workshop.round,
        "framework": framework,
        "titles": framework.titles(),
        "principle": framework.principle(workshop.principle),
        "next_principle": framework.after(workshop.principle),
        "on_principle": workshop.step in PRINCIPLE_STEPS,
        "ideas": rows,
        "actions": [action for posted in rows for action in posted.idea.actions.all()],
        "bound": list(bound.values()),
        "lens_notes": written.notes_for(request, text) if request.method == "GET" else {},
        "join_url": join_url,
        "qr": qr_svg(
            request.build_absolute_uri(display.qr_path(workshop)), title=display.qr_title(join_url), title_id="join-qr"
        )
        if workshop.is_running
        else "",
    }
    return render(request, "workshops/control/console.html", context, status=status)
