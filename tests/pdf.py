"""Reading the PDFs Coreflect makes, with pypdf alone, so the tests need no system package."""

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from pypdf import PdfReader

A4_POINTS = (595.28, 841.89)
PDFUA_PART = "{http://www.aiim.org/pdfua/ns/id/}part"


@dataclass(frozen=True)
class ReadPDF:
    """What a reader of the PDF would notice: its words page by page, title, size and tagging."""

    pages: tuple[str, ...]  # the words on each page, with runs of whitespace made one space
    title: str
    a4: bool  # every page is A4, portrait
    tagged: bool  # marked as tagged, with a structure tree for screen readers
    language: str
    pdfua_part: str  # the PDF/UA part the file claims to meet, "" if none

    @property
    def words(self) -> str:
        return " ".join(self.pages)


def read_pdf(pdf: bytes) -> ReadPDF:
    reader = PdfReader(io.BytesIO(pdf))
    catalogue = reader.trailer["/Root"]
    structure = catalogue.get("/StructTreeRoot")
    return ReadPDF(
        # Layout mode puts a space between runs of text that sit apart on a line, as a reader sees them.
        pages=tuple(" ".join(page.extract_text(extraction_mode="layout").split()) for page in reader.pages),
        title=(reader.metadata or {}).get("/Title", ""),
        a4=all(
            abs(float(page.mediabox.width) - A4_POINTS[0]) < 1 and abs(float(page.mediabox.height) - A4_POINTS[1]) < 1
            for page in reader.pages
        ),
        tagged=bool(catalogue.get("/MarkInfo", {}).get("/Marked")) and bool(structure and structure.get("/K")),
        language=str(catalogue.get("/Lang", "")),
        pdfua_part=pdfua_part(catalogue),
    )


def pdfua_part(catalogue) -> str:
    if "/Metadata" not in catalogue:
        return ""
    xmp = ET.fromstring(catalogue["/Metadata"].get_object().get_data())  # noqa: S314 – our own PDF
    # XMP may write the property as an attribute or as an element.
    parts = (element.text if element.tag == PDFUA_PART else element.get(PDFUA_PART) for element in xmp.iter())
    return next((part.strip() for part in parts if part and part.strip()), "")


def pdf_pictures(pdf: bytes) -> set[tuple[int, int, tuple[int, int, int]]]:
    """The raster pictures in a PDF, each as (width, height, colour of its middle): what a reader would see."""
    found = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for image in page.images:
            picture = image.image.convert("RGB")
            found.add((picture.width, picture.height, picture.getpixel((picture.width // 2, picture.height // 2))))
    return found
