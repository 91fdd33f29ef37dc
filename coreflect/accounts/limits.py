"""Limits on what one account or one client may do in a while, and the page that says when to try again.

Sign-in and password reset are limited by django-allauth (settings.ACCOUNT_RATE_LIMITS); invitation emails
and new rounds by django-ratelimit, per account. Both count in the cache every app process shares
(settings.CACHES), under hashed keys, so a restart or a second process does not start a count afresh.
"""

from __future__ import annotations

import time
from datetime import datetime

from allauth.core.internal import ratelimit as allauth_ratelimit
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


def used_up(request: HttpRequest, group: str, rate: str) -> datetime | None:
    """Counts one more for the signed-in account; when the limit is passed, when it opens again, else None."""
    usage = get_usage(request, group=group, key="user", rate=rate, method=["POST"], increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return _local(time.time() + max(usage["time_left"], 1))


def too_many(request: HttpRequest, until: datetime | None) -> HttpResponse:
    """The page for a limit that has been reached: what happened, and when to try again."""
    return render(request, "errors/429.html", {"until": until}, status=429)
