"""Documents: rendering HTML to a tagged, accessible PDF (PDF/UA-1) with WeasyPrint.

A shared module below every app, so any app that prints (a framework's paper version, a round's poster)
can use it; it imports no app.

Stylesheets are read from the static files on disk, never fetched over HTTP: a PDF rendered inside
a request must not call back into the same server (a single-threaded dev or test server would wait
on itself for ever). For the same reason, and so that a document can never be made to reach out to
other machines, the only URLs WeasyPrint may open are `data:` ones, and the document's own files on this
site that its maker reads for it (`own_files`: an organisation's uploaded pictures, from the database). Any
other address – another site, `file:`, a path on this site the maker does not answer for – is never opened:
the picture is left out.
"""

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import weasyprint
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from weasyprint.urls import URLFetcherResponse

from coreflect.languages import in_welsh


def document_language() -> str:
    """The language a document made now is in, as PDF metadata and <html lang> write it: Welsh or British English."""
    return "cy" if in_welsh() else "en-GB"


def static_stylesheet(path: str) -> weasyprint.CSS:
    """A stylesheet from the static files, e.g. "css/print.css", read from disk."""
    filename = finders.find(path)
    if not filename:
        raise ImproperlyConfigured(f"PDF stylesheet {path!r} is not in the static files")
    return weasyprint.CSS(filename=filename, url_fetcher=_url_fetcher())


# A path on this site (e.g. "/pictures/12.AbC…/") → its bytes and content type, or None to refuse it.
OwnFiles = Callable[[str], "tuple[bytes, str] | None"]


class _Fetcher(weasyprint.URLFetcher):
    """Opens `data:` addresses, and addresses on the document's own site that `own_files` answers for; nothing
    else, and never over the network (no redirects either)."""

    def __init__(self, base_url: str = "", own_files: OwnFiles | None = None):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)
        self._site = urlsplit(base_url)[:2] if base_url else None
        self._own_files = own_files

    def fetch(self, url, headers=None):
        found = self._own(url)
        if found is not None:
            body, content_type = found
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        return super().fetch(url, headers)  # refuses anything but `data:`

    def _own(self, url: str) -> "tuple[bytes, str] | None":
        if self._own_files is None or self._site is None or not url.isascii():
            return None
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._site or not parts.path.startswith("/"):
            return None
        return self._own_files(parts.path)


def _url_fetcher(base_url: str = "", own_files: OwnFiles | None = None) -> weasyprint.URLFetcher:
    return _Fetcher(base_url, own_files)


def render_pdf(
    html: str,
    *,
    base_url: str,
    title: str,
    stylesheets: Iterable[str] = ("css/print.css",),
    own_files: OwnFiles | None = None,
) -> bytes:
    """The PDF of an HTML document: A4 as the stylesheets say, tagged for screen readers, in the current language
    (Welsh or British English).

    `stylesheets` are paths inside the static files; the HTML itself should not link any. `own_files` reads the
    files on this site (`base_url`) the document may show, from wherever they are kept: the only addresses
    besides `data:` ones the PDF may open.
    """
    fetcher = _url_fetcher(base_url, own_files)
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=[static_stylesheet(path) for path in stylesheets]
    )
    document.metadata.title = title
    document.metadata.lang = document_language()
    return document.write_pdf(pdf_variant="pdf/ua-1")
