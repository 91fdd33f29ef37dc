"""Template filters for reading framework documents: the right wording for the reader (from `wording.py`)."""

from django import template

from coreflect.frameworks import wording
from coreflect.frameworks.pictures import picture_url

register = template.Library()

register.filter("text", wording.text)
register.filter("paragraphs", wording.paragraphs)


@register.filter
def indicators_at(principle: dict, stage_key: str) -> list[dict]:
    return [indicator for indicator in principle["indicators"] if indicator["stage"] == stage_key]


@register.filter
def quotes_at(principle: dict, stage_key: str) -> list[dict]:
    return [quote for quote in principle.get("quotes", []) if quote["stage"] == stage_key]


@register.filter
def easy_read_picture(item: dict) -> str:
    """The address of the picture beside a stage or statement when the page is in Easy Read ("" otherwise, or
    when it has none)."""
    code = item.get("picture") if wording.is_easy_read() else None
    return picture_url(code) if code else ""
