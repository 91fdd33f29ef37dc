"""Who a phone is, for the phones' workshop pages: a workshop by the code typed or in the address, with the
limit on wrong codes, and the phone's attendee by the token in its cookie.

A phone holds only an unguessable token in a cookie scoped to its workshop's pages: /w/<code>/, and the same
pages in Welsh, /cy/w/<code>/ (so the English | Cymraeg switch keeps the phone's place). Every look-up
by code that misses counts against the client's wrong tries (limits.py), GETs included, and while a client
is over the limit nothing it asks by code is answered, the right code included. A phone that already holds
its token needs no code look-up to be believed, so it is never refused.
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coreflect import languages

from . import limits, phone_queries, services
from .models import CODE_ALPHABET, CODE_LENGTH
from .phone_forms import CodeForm

ATTENDEE_COOKIE = "coreflect_workshop"  # listed on the cookies page
COOKIE_HOURS = 24


def too_many(request):
    until = limits.refused_until(request) or time.time() + limits.BLOCK_SECONDS
    response = render(
        request, "workshops/phone/too_many.html", {"until": datetime.fromtimestamp(until, tz=UTC)}, status=429
    )
    response["Retry-After"] = str(max(int(until - time.time()), 1))
    return response


def miss_message(code: str) -> str:
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return _("Enter the code as it is on the screen in the room: 6 letters and numbers, like 7KMQ4X")
    if phone_queries.has_finished_workshop(code):
        return _("That workshop has finished, so its code no longer works")
    return _("There is no workshop running with that code – check the code on the screen in the room")


def try_code(request, typed: str):
    """(the running workshop, None), or (None, what to say by the code field) after counting a wrong try."""
    code = services.normalised_code(typed)
    workshop = services.running_workshop(code)
    if workshop is None:
        limits.count_wrong_code(request)
        return None, miss_message(code)
    return workshop, None


def join_page(request, form, status=200):
    return render(request, "workshops/phone/join.html", {"form": form}, status=status)


def remember(response, workshop, token):
    languages.set_cookie(  # at the workshop's pages in English and in Welsh, so switching language keeps it
        response,
        ATTENDEE_COOKIE,
        token,
        max_age=COOKIE_HOURS * 3600,
        page="phone:page",
        args=[workshop.code],
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def attendee_or_response(request, code):
    """(the phone's attendee, None) – its workshop running or finished – or (None, the answer to give)."""
    token = request.COOKIES.get(ATTENDEE_COOKIE)
    normal = services.normalised_code(code)
    workshop = services.running_workshop(normal)
    attendee = services.attendee_for(workshop, token) if workshop is not None else None
    if attendee is not None and workshop is not None:
        attendee.workshop = workshop  # already read, with its round
        return attendee, None
    if workshop is None and (attendee := phone_queries.finished_attendee(normal, token)) is not None:
        return attendee, None
    # Not one of this workshop's phones: the code is all there is to go on, so the limit applies.
    if limits.too_many_wrong_codes(request):
        return None, too_many(request)
    if workshop is not None:
        return None, redirect("phone:join-code", code=workshop.code)
    limits.count_wrong_code(request)
    form = CodeForm({"code": code[:20]})
    form.is_valid()
    form.add_error("code", miss_message(normal))
    return None, join_page(request, form, status=404)
