"""Template filters for reading framework documents: the right wording for the reader (from `wording.py`)."""

from django import template

from coreflect.frameworks import wording

register = template.Library()

register.filter("text", wording.text)
register.filter("paragraphs", wording.paragraphs)


@register.filter
def indicators_at(principle: dict, stage_key: str) -> list[dict]:
    return [indicator for indicator in principle["indicators"] if indicator["stage"] == stage_key]


@register.filter
def quotes_at(principle: dict, stage_key: str) -> list[dict]:
    return [quote for quote in principle.get("quotes", []) if quote["stage"] == stage_key]
