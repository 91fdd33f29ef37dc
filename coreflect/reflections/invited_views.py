"""Starting from a personal invitation (the work is in `invitations.py`).

The link carries its token in the path, so opening it puts the token in a short-lived cookie and
redirects at once to an address without it, where the person presses Start: a link checker in an email
program that only opens links never uses anyone's invitation. Once used, the link only resumes the person
it started, through their own private token in this browser's cookie; from any other browser it is
refused, kindly.

Where the framework has Easy Read, the invitation page offers it as the start page does: the choice is kept in
the address (`?wording=easy-read`, also on the form Start now sends) until the person starts, then on them.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from coreflect import languages
from coreflect.frameworks import wording

from . import invitations, queries, services
from .invitation_forms import InvitedStartForm
from .journey_views import (
    EASY_READ,
    _closed,
    _journey_context,
    _private,
    _remember,
    _round_and_participant,
    _wants_easy_read,
    in_chosen_wording,
)

INVITATION_COOKIE = "coreflect_invitation"
INVITATION_COOKIE_SECONDS = 24 * 3600


def _wording_query(request, round_) -> str:
    return f"?wording={EASY_READ}" if _wants_easy_read(request, round_, None) else ""


def _used(request, round_):
    return render(request, "reflections/journey/invitation_used.html", _journey_context(round_), status=403)


def _unknown(request, round_):
    return render(request, "reflections/journey/unknown_link.html", _journey_context(round_), status=404)


@require_safe
@in_chosen_wording
def invited_link(request, code, token):
    round_, participant = queries.round_and_participant(code, request.COOKIES.get(queries.PARTICIPANT_COOKIE))
    if round_ is None:
        return _private(render(request, "errors/404.html", status=404))
    link = invitations.find(round_, token)
    if link is None:
        return _private(_unknown(request, round_))
    if link.used:
        return _private(redirect("journey:tasks", code=code) if participant else _used(request, round_))
    # A link given with `?wording=easy-read` (say, on an Easy Read slip) keeps the choice past the redirect.
    response = redirect(reverse("journey:invited", args=[code]) + _wording_query(request, round_))
    languages.set_cookie(
        response,
        INVITATION_COOKIE,
        token,
        max_age=INVITATION_COOKIE_SECONDS,
        page="journey:start",
        args=[round_.link_code],
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return _private(response)


@require_http_methods(["GET", "POST"])
@in_chosen_wording
def invited(request, code):
    round_, participant = _round_and_participant(request, code)
    link = invitations.find(round_, request.COOKIES.get(INVITATION_COOKIE))
    if link is None or link.used:
        if participant is not None:
            return redirect("journey:tasks", code=code)
        return _unknown(request, round_) if link is None else _used(request, round_)
    if not round_.is_accepting_answers:
        return _closed(request, round_)
    form = InvitedStartForm(request.POST if request.method == "POST" else None, round_=round_)
    if request.method == "POST" and form.is_valid():
        link.round = round_
        try:
            _participant, token = invitations.use(
                link, name=form.cleaned_data.get("name", ""), easy_read=wording.is_easy_read()
            )
        except invitations.LinkUsed:
            return _used(request, round_)
        except services.RoundNotOpen:
            return _closed(request, round_)
        response = _remember(redirect("journey:tasks", code=code), round_, token)
        languages.delete_cookie(response, INVITATION_COOKIE, page="journey:start", args=[code])
        return response
    minutes = 5 * len(round_.framework_version.principles)
    context = _journey_context(round_, perspective=link.perspective, form=form, minutes=minutes, choosing_wording=True)
    return render(request, "reflections/journey/invited.html", context)
