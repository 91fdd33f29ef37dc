"""Template filters for reading framework documents: the right wording for the reader (from `wording.py`)."""

import base64
import mimetypes

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.html import format_html

from coreflect import caches
from coreflect.frameworks import checks, pictures, wording
from coreflect.frameworks.pictures import picture_url
from coreflect.frameworks.uploads import upload_id

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


def _easy_read_code(item: dict) -> str:
    """The code of the picture beside a stage or statement when the page is in Easy Read ("" otherwise, or when
    it has none)."""
    return (item.get("picture") or "") if wording.is_easy_read() else ""


@register.filter
def easy_read_picture(item: dict) -> str:
    """The address of the picture beside a stage or statement when the page is in Easy Read ("" otherwise, or
    when it has none)."""
    code = _easy_read_code(item)
    return picture_url(code) if code else ""


@register.filter
def paper_picture(item: dict) -> str:
    """The picture beside a stage or statement on the paper version in Easy Read: an OpenMoji picture as a
    `data:` address (a PDF reads nothing over the network); an organisation's uploaded picture at its own
    address, which the PDF reads from the database (`pictures.uploaded_for_pdf`). "" when not in Easy Read, or
    it has none, or it is not in the static files."""
    code = _easy_read_code(item)
    if not code:
        return ""
    url = picture_url(code)
    if upload_id(code) is not None:
        return url
    return caches.kept("paper pictures", url, lambda: _inline(url))


@register.filter
def inline_picture(code: str) -> str:
    """A picture named by its code, as a `data:` address, for printed pages' own Easy Read words (the poster)."""
    url = picture_url(code)
    return caches.kept("paper pictures", url, lambda: _inline(url))


def _inline(url: str) -> str:
    path = url.removeprefix(settings.STATIC_URL) if url.startswith(settings.STATIC_URL) else ""
    filename = finders.find(path) if path else None
    if not filename or isinstance(filename, list):
        return ""
    kind = mimetypes.guess_type(filename)[0] or "image/svg+xml"
    with open(filename, "rb") as picture:
        return f"data:{kind};base64,{base64.b64encode(picture.read()).decode('ascii')}"


@register.simple_tag(takes_context=True)
def wording_checks(context, version):
    """The version's Welsh and Easy Read checks for a facilitator's page (nothing for anyone else):
    `{% wording_checks version as found %}{% include "frameworks/_wording_checks.html" with wording_checks=found %}`."""
    request = context.get("request")
    return checks.shown_to(getattr(request, "membership", None), version) if version is not None else []


class _PicturedNode(template.Node):
    def __init__(self, code: template.base.FilterExpression, nodelist: template.NodeList):
        self.code = code
        self.nodelist = nodelist

    def render(self, context) -> str:
        url = picture_url(str(self.code.resolve(context)))
        return format_html(
            '<div class="coreflect-pictured govuk-!-margin-bottom-4"><img class="coreflect-picture" src="{}" alt=""'
            ' width="64" height="64"><div class="coreflect-pictured__words">{}</div></div>',
            url,
            self.nodelist.render(context),
        )


@register.tag
def pictured(parser, token):
    """A page's own Easy Read words with a picture on their left: `{% pictured "1F4BE" %}<p>…</p>{% endpictured %}`
    (an OpenMoji code). The picture is decorative (alt=""): the words say it all."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% pictured %} takes one picture code")
    nodelist = parser.parse(("endpictured",))
    parser.delete_first_token()
    return _PicturedNode(parser.compile_filter(bits[1]), nodelist)
