"""A participant asks to be emailed what happened; anyone holding an email's unsubscribe link stops the emails.

The sign-up is its own request, made from the participant's confirmation or "what happened" page, and stores
nothing about who asked (see follow_up.py). It needs the participant's private cookie only so that the form
cannot be used by people who never took part.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from coreflect.reflections import queries
from coreflect.reflections.forms import FollowForm

from . import follow_up


def _round(request, code):
    round_, participant = queries.round_and_participant(code, request.COOKIES.get(queries.PARTICIPANT_COOKIE))
    if round_ is None or participant is None:
        raise Http404
    return round_


@require_http_methods(["GET", "POST"])
def follow(request, code):
    round_ = _round(request, code)
    form = FollowForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        follow_up.follow(round_, form.cleaned_data["email"])
        return render(request, "actions/follow_done.html", {"round": round_})
    return render(request, "actions/follow.html", {"round": round_, "form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def unfollow(request, key):
    if request.method == "POST":
        follow_up.unfollow(key)
        return _hidden(render(request, "actions/unfollowed.html"))
    if not follow_up.follower_exists(key):
        raise Http404
    return _hidden(render(request, "actions/unfollow.html", {"key": key}))


def _hidden(response):
    """The link's key is in its address: listed by no search engine. The site's same-origin Referer policy keeps
    it from other sites ("no-referrer" would make the form's CSRF check fail, see journey_views._not_kept)."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
