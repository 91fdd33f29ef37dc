"""The round page's "Workshops" section: the running workshop (or a way to start one) and past workshops.
The round page (coreflect.reflections) may not import workshops, so it loads this tag instead."""

from django import template

from coreflect.workshops import queries

register = template.Library()


@register.inclusion_tag("workshops/control/_round_workshops.html")
def round_workshops(round_, can_run: bool) -> dict:
    workshops = list(queries.workshops_of_round(round_))
    running = next((workshop for workshop in workshops if workshop.is_running), None)
    return {"round": round_, "workshops": workshops, "running": running, "can_run": can_run}


@register.filter
def get(mapping, key):
    """mapping[key] in a template, or None."""
    return mapping.get(key) if mapping else None


@register.filter
def stage_of(framework, key: str) -> str:
    """A stage's label in the reader's language, from a display.Framework."""
    return framework.stage_label(key)
