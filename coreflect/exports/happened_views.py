"""The "what happened" pages: a participant's, reached with their private cookie from their own pages, and the
public copy at the round's link when its facilitator publishes it. Both show the same (see happened.py); only
the participant's page offers to email them. Neither is listed by search engines."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from coreflect.reflections import queries
from coreflect.reflections.forms import FollowForm

from . import happened


def _unlisted(response):
    """Listed by no search engine. The site's same-origin Referer policy already keeps the address (the round's
    link) from other sites; "no-referrer" would make browsers send `Origin: null`, which fails the CSRF check
    of the email form."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def participant(request, code):
    round_, person = queries.round_and_participant(code, request.COOKIES.get(queries.PARTICIPANT_COOKIE))
    if round_ is None or person is None:
        raise Http404
    context = {"story": happened.build(round_), "round": round_, "follow_form": FollowForm(), "public": False}
    return _unlisted(render(request, "exports/happened.html", context))


@require_safe
def public(request, code):
    round_ = happened.published_round(code)
    if round_ is None:
        raise Http404
    context = {"story": happened.build(round_), "round": round_, "public": True}
    return _unlisted(render(request, "exports/happened.html", context))
