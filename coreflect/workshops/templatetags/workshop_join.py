"""The join QR code for a page that shows a workshop's code (`workshops/_join_qr.html`): an inline SVG of the
code's own join page, drawn on the page itself, so there is no URL a guesser could test codes on."""

from django import template
from django.conf import settings

from coreflect.reflections.sharing import qr_svg

from .. import display

register = template.Library()


def _absolute(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else settings.SITE_URL + path


@register.simple_tag(takes_context=True)
def join_qr(context, workshop):
    title = display.qr_title(join_address(context))
    return qr_svg(_absolute(context, display.qr_path(workshop)), title=title, title_id=f"join-qr-{workshop.pk}")


@register.simple_tag(takes_context=True)
def join_address(context):
    """The join page's address as people type it: no scheme, no trailing slash."""
    return _absolute(context, display.join_path()).split("://", 1)[-1].rstrip("/")
