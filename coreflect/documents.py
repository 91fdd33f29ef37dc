"""Documents: rendering HTML to a tagged, accessible PDF (PDF/UA-1) with WeasyPrint.

A shared module below every app, so any app that prints (a framework's paper version, a round's poster)
can use it; it imports no app.

Stylesheets are read from the static files on disk, never fetched over HTTP: a PDF rendered inside
a request must not call back into the same server (a single-threaded dev or test server would wait
on itself for ever). For the same reason, and so that a document can never be made to reach out to
other machines, the only URLs WeasyPrint may open are `data:` ones.
"""

from collections.abc import Iterable

import weasyprint
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

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


def _url_fetcher() -> weasyprint.URLFetcher:
    return weasyprint.URLFetcher(allowed_protocols={"data"})


def render_pdf(html: str, *, base_url: str, title: str, stylesheets: Iterable[str] = ("css/print.css",)) -> bytes:
    """The PDF of an HTML document: A4 as the stylesheets say, tagged for screen readers, in the current language
    (Welsh or British English).

    `stylesheets` are paths inside the static files; the HTML itself should not link any.
    """
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_url_fetcher()).render(
        stylesheets=[static_stylesheet(path) for path in stylesheets]
    )
    document.metadata.title = title
    document.metadata.lang = document_language()
    return document.write_pdf(pdf_variant="pdf/ua-1")
