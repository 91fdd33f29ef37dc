"""Template helpers for results pages: dictionary look-ups, shares, the typical stage in words, and a
group's view in words."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coreflect.frameworks.wording import text

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def split(value: str) -> list[str]:
    return value.split()


@register.simple_tag
def percent(count, total) -> str:
    if count is None or not total:
        return ""
    return f"{round(count * 100 / total)}%"


@register.simple_tag
def median_label(median, stages) -> str:
    """The typical stage in words; between two stages when the median falls between them."""
    if median is None:
        return _("No answers yet")
    lower = int(median)
    if median == lower:
        return text(stages[lower]["label"])
    return _("Between %(lower)s and %(upper)s") % {
        "lower": text(stages[lower]["label"]),
        "upper": text(stages[lower + 1]["label"]),
    }


RAG_WORDS = {"red": gettext_lazy("RED"), "amber": gettext_lazy("AMBER"), "green": gettext_lazy("GREEN")}


@register.simple_tag
def group_answer(view) -> str:
    """What a group agreed, in words: "Stage 2 (We’ve got the basics), AMBER"."""
    parts = []
    if view.stage_number is not None:
        parts.append(_("Stage %(number)s (%(name)s)") % {"number": view.stage_number, "name": text(view.stage)})
    if view.rag in RAG_WORDS:
        parts.append(str(RAG_WORDS[view.rag]))
    return ", ".join(parts) or _("No stage or score recorded")


@register.simple_tag
def group_replies(view) -> str:
    """How the room replied to a group's view: "3 agreed, 2 could live with it, 1 objected"."""
    if not view.replies:
        return _("Nobody replied to this view in the room")
    return _("%(agreed)s agreed, %(live_with)s could live with it, %(objected)s objected") % {
        "agreed": view.agreed,
        "live_with": view.live_with,
        "objected": view.objected,
    }
