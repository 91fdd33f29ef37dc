"""Live pages that poll, simply: the projector's and phones' fragments answer 304 Not Modified while the
workshop's version number is unchanged (Django's `condition`, from one small query), so an unchanged poll
costs almost nothing and any number of app processes can answer it."""

from collections.abc import Callable

from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from . import queries


def etag(request, key: object, version: int | None) -> str | None:
    # The page's language is part of what it says: a phone switched to Welsh must not be told "unchanged".
    return None if version is None else f"w{key}-v{version}-{getattr(request, 'LANGUAGE_CODE', '')}"


def _etag(request, pk: int | None = None, code: str | None = None, **kwargs) -> str | None:
    """The workshop's version, found by the `pk` or the running workshop's `code` in the URL (one query).
    None when there is no such workshop: the view itself then answers (and counts a wrong code)."""
    if pk is not None:
        return etag(request, pk, queries.version(pk))
    if code is not None:
        return etag(request, code, queries.running_version(code))
    return None


def polled(view: Callable, etag_func: Callable = _etag) -> Callable:
    """A fragment the page polls: 304 while the workshop is unchanged, and never stored by a shared cache.
    The workshop is found by `pk` (the facilitator's and projector's URLs) or `code` (the phones') in the
    URL, or by `etag_func`. Put permission checks outside this decorator, or in `etag_func`: a 304 is
    answered before the view runs."""

    def fresh(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    conditional = condition(etag_func=etag_func)(fresh)

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
