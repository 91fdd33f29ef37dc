"""Limits on what one account or one client may do in a while, and the page that says when to try again.

Sign-in and password reset are limited by django-allauth (settings.ACCOUNT_RATE_LIMITS); invitation emails
and new rounds by django-ratelimit, per account. Both count in the cache every app process shares
(settings.CACHES), under hashed keys, so a restart or a second process does not start a count afresh.
"""

from __future__ import annotations

import hashlib
import time
from datetime import datetime

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django_ratelimit.core import get_usage

# Per account: enough for an admin inviting a whole team, or a facilitator setting up a term's rounds.
INVITATIONS = "30/h"
NEW_ROUNDS = "20/h"


def _local(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, tz=timezone.get_current_timezone())


def allauth_retry_at(request: HttpRequest, action: str, key: str | None) -> datetime | None:
    """When an allauth limit that is used up (for this client, or this key) lets another try through."""
    latest = None
    for rate in allauth_ratelimit.get_rates(app="allauth.account", action=action):
        if rate.per == "user" or (rate.per == "key" and not key):
            continue
        cache_key = allauth_ratelimit.get_cache_key(request, app="allauth.account", action=action, rate=rate, key=key)
        history = [stamp for stamp in cache.get(cache_key, []) if stamp > time.time() - rate.duration]
        if len(history) >= rate.amount:
            # The oldest try in the window is the next to drop out of it.
            opens = min(history) + rate.duration
            latest = opens if latest is None else max(latest, opens)
    return _local(latest) if latest else None


def _shut_key(request: HttpRequest) -> str:
    from .addresses import client_address

    digest = hashlib.sha256(f"{settings.SECRET_KEY}:sign-in:{client_address(request)}".encode()).hexdigest()
    return f"sign-in:shut:{digest}"


def shut_sign_in(request: HttpRequest, until: datetime) -> None:
    """Notes that this client has used up a sign-in limit until then. allauth's own count stays the authority;
    the note lets further tries be turned away with one cache read, before allauth's counting (a lock and four
    writes) – so a flood of tries cannot tie up the app's processes either."""
    seconds = int(until.timestamp() - time.time()) + 1
    if seconds > 0:
        cache.set(_shut_key(request), until.timestamp(), seconds)


def sign_in_shut_until(request: HttpRequest) -> datetime | None:
    until = cache.get(_shut_key(request))
    return _local(until) if until is not None and until > time.time() else None


def used_up(request: HttpRequest, group: str, rate: str) -> datetime | None:
    """Counts one more for the signed-in account; when the limit is passed, when it opens again, else None."""
    usage = get_usage(request, group=group, key="user", rate=rate, method=["POST"], increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return _local(time.time() + max(usage["time_left"], 1))


def too_many_again(until: datetime) -> HttpResponse:
    """The same answer for a client that was already told and tries again: a short page built without the
    template engine, so a flood of tries costs the service as little as possible."""
    from django.utils.html import format_html
    from django.utils.translation import get_language
    from django.utils.translation import gettext as _

    from coreflect.dates import time_of_day

    heading = _("You have tried that too many times")
    body = _("Try again after %(time)s.") % {"time": time_of_day(until)}
    page = format_html(
        '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" '
        'content="width=device-width, initial-scale=1"><title>{} – Coreflect</title></head><body><main>'
        '<h1>{}</h1><p>{}</p><p><a href="/">Coreflect</a></p></main></body></html>',
        get_language() or "en-gb",
        heading,
        heading,
        body,
    )
    return HttpResponse(page, status=429)


def too_many(request: HttpRequest, until: datetime | None) -> HttpResponse:
    """The page for a limit that has been reached: what happened, and when to try again."""
    return render(request, "errors/429.html", {"until": until}, status=429)
