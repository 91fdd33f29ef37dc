"""A workshop's record, during or after it: who took part (counts only), the spread per principle, the
group's views with their replies and dissent, the ideas with their dots, and the actions made."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from coreflect.organisations.access import member_required
from coreflect.organisations.permissions import Permission

from . import display, queries
from .console import idea_rows, workshop_for


@member_required(Permission.VIEW_RESULTS)
@require_safe
def record(request, pk):
    workshop = workshop_for(request, pk, Permission.VIEW_RESULTS)
    framework = display.framework_of(workshop)
    perspectives = list(workshop.round.perspectives.all())
    views = {view.consensus.principle_id: view for view in queries.group_views(workshop)}
    principles = [
        {
            "principle": principle,
            "spread": display.spread_tables(workshop, framework, framework.rows[principle["key"]], perspectives),
            "group_view": views.get(framework.rows[principle["key"]].pk),
        }
        for principle in framework.principles
    ]
    rows = idea_rows(workshop)
    context = {
        "workshop": workshop,
        "round": workshop.round,
        "framework": framework,
        "taking_part": queries.taking_part(workshop),
        "principles": principles,
        "ideas": rows,
        "actions": [(posted, action) for posted in rows for action in posted.idea.actions.all()],
        "can_run": request.membership.allows(Permission.RUN_REFLECTIONS),
    }
    return render(request, "workshops/record/record.html", context)
