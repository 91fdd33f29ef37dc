"""The languages Coreflect's pages are in (English at the plain address, Welsh under /cy/), for what has to
reach a page in both: a cookie kept to one reflection's or one workshop's pages.

Such a cookie's path is that page's address, which differs by language (`/r/<code>/` and `/cy/r/<code>/`). A
participant who switches language half way must keep their answers, so the cookie is set, and deleted, at the
address in every language: one Set-Cookie header for each path, under the same name.
"""

from http.cookies import Morsel

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation


def in_every_language(name: str, args: list) -> list[str]:
    """The address of a page in each language: ["/r/Ab3/", "/cy/r/Ab3/"]."""
    paths = []
    for code, _language in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse(name, args=args))
    return paths


def set_cookie(response: HttpResponse, key: str, value: str, *, page: str, args: list, **options) -> None:
    """`response.set_cookie` for the page's address in every language (a response's cookies are keyed by name,
    so each language's copy after the first is stored under a key of its own, with the same cookie name)."""
    for index, path in enumerate(in_every_language(page, args)):
        response.set_cookie(key, value, path=path, **options)
        if index < len(settings.LANGUAGES) - 1:
            morsel: Morsel = response.cookies.pop(key)
            dict.__setitem__(response.cookies, f"{key} {path}", morsel)


def delete_cookie(response: HttpResponse, key: str, *, page: str, args: list) -> None:
    """`response.delete_cookie` for the page's address in every language."""
    for index, path in enumerate(in_every_language(page, args)):
        response.delete_cookie(key, path=path)
        if index < len(settings.LANGUAGES) - 1:
            morsel: Morsel = response.cookies.pop(key)
            dict.__setitem__(response.cookies, f"{key} {path}", morsel)
