"""The projector: what the room sees on the big screen, large and high-contrast, refreshed by polling a
fragment that answers 304 while nothing has changed. Facilitators and viewers may watch it."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from coreflect.organisations.access import member_required
from coreflect.organisations.permissions import Permission
from coreflect.reflections.sharing import qr_svg

from . import display, ideas, queries
from .console import PRINCIPLE_STEPS, workshop_for
from .live import polled
from .models import Step, Workshop


def _screen(request, workshop: Workshop) -> dict:
    """Everything the projector shows at the room's step: a fixed number of queries, however many people."""
    framework = display.framework_of(workshop)
    principle_row = workshop.principle if workshop.step in PRINCIPLE_STEPS else None
    principle = framework.principle(principle_row)
    join_url = request.build_absolute_uri(display.join_path())
    context = {
        "workshop": workshop,
        "round": workshop.round,
        "framework": framework,
        "principle": principle,
        "join_url": join_url,
        "qr": qr_svg(
            request.build_absolute_uri(display.qr_path(workshop)),
            title=display.qr_title(join_url),
            title_id=f"qr-{workshop.pk}",
        )
        if workshop.is_running
        else "",
    }
    if principle is None:
        if workshop.step == Step.DOTS:
            context["ranking"] = ideas.ranking(workshop)
        return context
    number = [p["key"] for p in framework.principles].index(principle["key"]) + 1
    context |= {"number": number, "by_stage": display.by_stage(principle, framework.stages)}
    if workshop.step == Step.VOTING:
        context["votes"] = queries.votes_so_far(workshop, principle_row)
    elif workshop.step == Step.REVEALED:
        context["spread"] = display.spread_tables(
            workshop, framework, principle_row, list(workshop.round.perspectives.all())
        )
    else:
        context["group_view"] = queries.group_view(workshop, principle_row)
    context["ideas"] = list(ideas.on_screen(workshop).filter(idea__principle=principle_row).select_related("idea"))
    return context


@member_required(Permission.VIEW_RESULTS)
@require_safe
def projector(request, pk):
    workshop = workshop_for(request, pk, Permission.VIEW_RESULTS)
    return render(request, "workshops/projector/projector.html", _screen(request, workshop))


@member_required(Permission.VIEW_RESULTS)
@require_safe
def projector_live(request, pk):
    """The projector's polled fragment (no forms in it)."""
    return _fragment(request, pk=pk, workshop=workshop_for(request, pk, Permission.VIEW_RESULTS))


@polled
def _fragment(request, pk, workshop):
    return render(request, "workshops/projector/_screen.html", _screen(request, workshop))
