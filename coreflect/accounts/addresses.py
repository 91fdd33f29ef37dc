"""Where a request came from, for the limits on guessing (sign-in, workshop codes, …).

The address is the one that connected – unless that is a proxy the service was told to trust
(`TRUSTED_PROXIES`, addresses or networks). Then the client is the nearest address in `X-Forwarded-For`
that is not itself a trusted proxy, read from the right: each proxy appends the address it received the
request from, so everything to the left of that came from the client and may be made up. A client that
connects directly, or through a proxy nobody configured, cannot change its address by sending the header.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted(values: tuple[str, ...]) -> tuple[Network, ...]:
    # settings.py has already refused anything that is not an address or a network.
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _within(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's IP address as the limits count it (see the module's docstring)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not proxies or not _within(_address(remote), proxies):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # Not an address: a trusted proxy would not write that, so it came from the client's side. The
            # last good hop (the proxy itself) is all that can be trusted.
            return remote
        if not _within(address, proxies):
            return str(address)
    return remote  # only proxies on the way: count the nearest
