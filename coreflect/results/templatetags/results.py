"""Template helpers for results pages: dictionary look-ups, shares and the typical stage in words."""

from django import template
from django.utils.translation import gettext as _

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
