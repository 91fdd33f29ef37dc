"""How many wrong workshop codes one client may type: at most 10 in 5 minutes, counted in the cache every
app process shares (settings.CACHES) by django-ratelimit, which keys its counts by a hash of the client's
address – no address is stored in clear – and lets them expire with their window.

The 10th wrong try shuts the door for 5 minutes from that try (django-ratelimit's windows are fixed, so on
their own they could open again a few seconds later): a mark under a hashed key, holding only the time it
ends, in the same shared cache. While it stands every look-up by code is refused, the right code too."""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django_ratelimit.core import get_usage

from coreflect.accounts.addresses import client_address

WRONG_CODES = "10/5m"
LIMIT = 10
BLOCK_SECONDS = 5 * 60
GROUP = "workshop-code"


def _client(group: str, request: HttpRequest) -> str:
    # X-Forwarded-For counts only from the proxies the service trusts, so it cannot be used to start afresh.
    return client_address(request)


def _cache():
    return caches[getattr(settings, "RATELIMIT_USE_CACHE", "default")]


def _shut_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{GROUP}:{_client(GROUP, request)}".encode()).hexdigest()
    return f"{GROUP}:shut:{digest}"


def refused_until(request: HttpRequest) -> float | None:
    """When this client may try codes again (a Unix time), or None if it may now."""
    until = _cache().get(_shut_key(request))
    return until if until is not None and until > time.time() else None


def too_many_wrong_codes(request: HttpRequest) -> bool:
    """Whether this client has used up its wrong tries (does not count one)."""
    return refused_until(request) is not None


def count_wrong_code(request: HttpRequest) -> None:
    usage = get_usage(request, group=GROUP, key=_client, rate=WRONG_CODES, increment=True)
    if usage is not None and usage["count"] >= LIMIT:
        _cache().set(_shut_key(request), time.time() + BLOCK_SECONDS, BLOCK_SECONDS)
