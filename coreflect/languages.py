"""The languages Coreflect's pages are in (English at the plain address, Welsh under /cy/).

`in_welsh()` says whether what is being made now – a page, an email, a PDF, a Word file – is in Welsh; every
app asks it here rather than reading the language code itself.

The rest is for what has to reach a page in both languages: a cookie kept to one reflection's or one
workshop's pages.

Such a cookie's path is that page's address, which differs by language (`/r/<code>/` and `/cy/r/<code>/`). A
participant who switches language half way must keep their answers, so the cookie is set, and deleted, at the
address in every language: one Set-Cookie header for each path, under the same name.
"""

from http.cookies import Morsel

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation


def in_welsh() -> bool:
    """Whether what is being made now is in Welsh (the request's language, or one chosen with `override`)."""
    return (translation.get_language() or "").lower().startswith("cy")


def in_every_language(name: str, args: list) -> list[str]:
    """The address of a page in each language: ["/r/Ab3/", "/cy/r/Ab3/"]."""
    paths = []
    for code, _language in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse(name, args=args))
    return paths


def _at_every_address(response: HttpResponse, key: str, page: str, args: list, write) -> None:
    """Write the cookie at the page's address in each language. A response's cookies are keyed by name, so the
    copies for the other languages are kept under keys of their own (each still names the cookie `key`); the
    one for the current language stays under `key`."""
    current = translation.get_language()
    for (code, _language), path in zip(settings.LANGUAGES, in_every_language(page, args), strict=True):
        if code == current:
            continue
        write(path)
        morsel: Morsel = response.cookies.pop(key)
        dict.__setitem__(response.cookies, f"{key} {path}", morsel)
    with translation.override(current):
        write(reverse(page, args=args))


def set_cookie(response: HttpResponse, key: str, value: str, *, page: str, args: list, **options) -> None:
    """`response.set_cookie` at the page's address in every language."""
    _at_every_address(response, key, page, args, lambda path: response.set_cookie(key, value, path=path, **options))


def delete_cookie(response: HttpResponse, key: str, *, page: str, args: list) -> None:
    """`response.delete_cookie` at the page's address in every language."""
    _at_every_address(response, key, page, args, lambda path: response.delete_cookie(key, path=path))
