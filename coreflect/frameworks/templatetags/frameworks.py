"""Template filters for reading framework documents: the right wording for the reader (from `wording.py`)."""

from django import template

from coreflect.frameworks import checks, pictures, wording

register = template.Library()

register.filter("text", wording.text)
register.filter("paragraphs", wording.paragraphs)
register.filter("picture_url", pictures.picture_url)


@register.filter
def indicators_at(principle: dict, stage_key: str) -> list[dict]:
    return [indicator for indicator in principle["indicators"] if indicator["stage"] == stage_key]


@register.filter
def quotes_at(principle: dict, stage_key: str) -> list[dict]:
    return [quote for quote in principle.get("quotes", []) if quote["stage"] == stage_key]


@register.simple_tag(takes_context=True)
def wording_checks(context, version):
    """The version's Welsh and Easy Read checks for a facilitator's page (nothing for anyone else):
    `{% wording_checks version as found %}{% include "frameworks/_wording_checks.html" with wording_checks=found %}`."""
    request = context.get("request")
    return checks.shown_to(getattr(request, "membership", None), version) if version is not None else []
