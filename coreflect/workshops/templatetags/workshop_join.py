"""The join QR code for a workshop's projector (`workshops/_join_qr.html`): an inline SVG of the join page's
address with the code in it, drawn on the page itself, so there is no URL a guesser could test codes on."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from coreflect.reflections.sharing import qr_svg

register = template.Library()


def _absolute(context, path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else settings.SITE_URL + path


@register.simple_tag(takes_context=True)
def join_qr(context, workshop):
    url = _absolute(context, reverse("phone:join-code", args=[workshop.code]))
    return qr_svg(url, title=_("QR code to join the workshop"), title_id=f"join-qr-{workshop.pk}")


@register.simple_tag(takes_context=True)
def join_address(context):
    """The join page's address as people type it: no scheme, no trailing slash."""
    url = _absolute(context, reverse("phone:join"))
    return url.split("://", 1)[-1].rstrip("/")
