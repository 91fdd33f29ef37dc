"""Live pages that poll, simply: the projector's and phones' fragments answer 304 Not Modified while the
workshop's version number is unchanged (Django's `condition`, from one small query), so an unchanged poll
costs almost nothing and any number of app processes can answer it."""

from collections.abc import Callable

from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from . import queries

POLL_SECONDS = 2.5  # how often a page asks whether anything changed


def _etag(request, pk: int | None = None, code: str | None = None, **kwargs) -> str | None:
    """The workshop's version, found by the `pk` or the running workshop's `code` in the URL (one query).
    None when there is no such workshop: the view itself then answers (and counts a wrong code)."""
    if pk is not None:
        found = queries.version(pk)
    elif code is not None:
        found = queries.running_version(code)
    else:
        return None
    # The page's language is part of what it says: a phone switched to Welsh must not be told "unchanged".
    return None if found is None else f"w{pk or code}-v{found}-{getattr(request, 'LANGUAGE_CODE', '')}"


def polled(view: Callable) -> Callable:
    """A fragment the page polls: 304 while the workshop is unchanged, and never stored by a shared cache.
    The workshop is found by `pk` (the facilitator's and projector's URLs) or `code` (the phones') in the
    URL. Put permission checks outside this decorator: a 304 is answered before the view runs."""

    def fresh(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    conditional = condition(etag_func=_etag)(fresh)

    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code == 304:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    wrapper.__name__ = getattr(view, "__name__", "polled")
    wrapper.__doc__ = view.__doc__
    for attribute in ("required_permission",):
        if hasattr(view, attribute):
            setattr(wrapper, attribute, getattr(view, attribute))
    return wrapper
