"""Reading the PDFs Coreflect makes, with poppler-utils (installed by .ci/run; `apt-get install poppler-utils`)."""

import shutil
import subprocess

import pytest


def pdf_text(pdf: bytes, first_page: int | None = None, last_page: int | None = None) -> tuple[str, dict]:
    """The words of a PDF (or of its pages first_page to last_page) and what pdfinfo says about it."""
    pdftotext, pdfinfo = shutil.which("pdftotext"), shutil.which("pdfinfo")
    if not (pdftotext and pdfinfo):
        pytest.fail("pdftotext and pdfinfo are missing: apt-get install poppler-utils")
    pages = ["-f", str(first_page), "-l", str(last_page)] if first_page else []
    words = subprocess.run([pdftotext, *pages, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    info = subprocess.run([pdfinfo, "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    fields = (line.split(":", 1) for line in info.splitlines() if ":" in line)
    return " ".join(words.split()), {key: value.strip() for key, value in fields}
