"""How many wrong workshop codes one client may type: at most 10 in 5 minutes, counted in the cache every
app process shares (settings.CACHES) by django-ratelimit, which keys its counts by a hash of the client's
address – no address is stored in clear – and lets them expire with their window."""

from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

WRONG_CODES = "10/5m"
GROUP = "workshop-code"


def _client(group: str, request: HttpRequest) -> str:
    # The address the request came from. Behind a proxy this is the proxy's, until the service is told
    # which proxies to trust; one wrong client then slows everyone behind that proxy, never the reverse.
    return request.META.get("REMOTE_ADDR", "")


def too_many_wrong_codes(request: HttpRequest) -> bool:
    """Whether this client has used up its wrong tries (does not count one)."""
    return is_ratelimited(request, group=GROUP, key=_client, rate=WRONG_CODES, increment=False)


def count_wrong_code(request: HttpRequest) -> None:
    is_ratelimited(request, group=GROUP, key=_client, rate=WRONG_CODES, increment=True)
