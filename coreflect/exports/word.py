"""The round report (or the action plan) as an editable Word document, walked from the same `Report` as the page.

Real Heading styles (so Word's navigation pane and table of contents work), real tables whose first row
repeats as a header row, and each chart as a PNG picture with alt text (drawn here with Pillow from the
chart's own numbers, no browser needed), then the table of the same numbers. The table of contents is a
field Word fills in when the document is opened (it asks to update fields).
"""

import io
import re

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from coreflect.languages import in_welsh

from .report import Report
from .report_blocks import Chart, Heading, Items, Paragraph, Table, Words
from .report_charts import chart_png

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(value) -> str:
    """Text Word can hold: characters XML forbids are dropped. Everything else stays as typed, as text."""
    return _NOT_XML.sub("", str(value))


def document(report: Report, heading: str) -> bytes:
    doc = Document()
    doc.core_properties.title = clean(heading)
    doc.core_properties.author = clean(report.organisation)
    language = "cy-GB" if in_welsh() else "en-GB"  # Word names Welsh as spoken in Britain
    doc.core_properties.language = language
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    _proofing_language(style, language)
    doc.add_paragraph(clean(report.subtitle))
    doc.add_heading(clean(heading), level=1)
    _table_of_contents(doc)
    for section in report.sections:
        doc.add_heading(clean(section.heading), level=2)
        for block in section.blocks:
            _block(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _proofing_language(style, language: str) -> None:
    """The language Word checks spelling in (and a screen reader reads in), for the style and all built on it."""
    run_properties = style.element.get_or_add_rPr()
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def _block(doc, block) -> None:
    if isinstance(block, Heading):
        doc.add_heading(clean(block.text), level=block.level)
    elif isinstance(block, Paragraph):
        paragraph = doc.add_paragraph(clean(block.text), style="Intense Quote" if block.kind == "inset" else None)
        if block.kind == "lead":
            paragraph.runs[0].font.size = Pt(13)
        elif block.kind == "caption":
            paragraph.runs[0].italic = True
    elif isinstance(block, Items):
        for item in block.items:
            doc.add_paragraph(clean(item), style="List Bullet")
    elif isinstance(block, Chart):
        _chart(doc, block)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Words):
        doc.add_paragraph().add_run(clean(block.title)).bold = True
        for label, words in block.parts:
            paragraph = doc.add_paragraph()
            paragraph.add_run(clean(label) + ": ").bold = True
            paragraph.add_run(clean(words))


def _chart(doc, chart: Chart) -> None:
    doc.add_picture(io.BytesIO(chart_png(chart)), width=Cm(15))
    # The picture's alt text: Word reads it from the drawing's descr (and title) attributes.
    properties = doc.inline_shapes[-1]._inline.docPr
    properties.set("descr", clean(f"{chart.title}. {chart.description}"))
    properties.set("title", clean(chart.title))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.LEFT


def _table(doc, block: Table) -> None:
    caption = doc.add_paragraph(clean(block.caption), style="Caption")
    caption.paragraph_format.keep_with_next = True
    columns = len(block.head)
    table = doc.add_table(rows=1, cols=columns)
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, block.head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(text)).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        cells[0].text = ""
        cells[0].paragraphs[0].add_run(clean(row.header)).bold = True
        if row.note:
            merged = cells[1].merge(cells[columns - 1]) if columns > 2 else cells[1]
            merged.text = clean(row.note)
        else:
            for cell, text in zip(cells[1:], row.cells, strict=False):
                cell.text = clean(text)
                if block.numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def _repeat_as_header(row) -> None:
    """Mark a table's first row as its header row: screen readers announce it, and it repeats on each page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table_of_contents(doc) -> None:
    doc.add_heading(_("Contents"), level=2)
    paragraph = doc.add_paragraph()
    run = paragraph.add_run()
    begin, instruction, separate, end = (
        OxmlElement(tag) for tag in ("w:fldChar", "w:instrText", "w:fldChar", "w:fldChar")
    )
    begin.set(qn("w:fldCharType"), "begin")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "2-3" \\h \\z \\u'
    separate.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    placeholder = OxmlElement("w:t")
    placeholder.text = _("Right-click here and choose Update Field to list the contents.")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)
    # Ask Word to fill in the contents when the document opens.
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
