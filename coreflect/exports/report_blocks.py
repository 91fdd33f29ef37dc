"""The pieces a round report is made of: paragraphs, headings, tables, charts and quoted words.

`report.build` arranges a round's figures into these once; the page and the PDF (one HTML template) and
the Word document (`word.py`) each walk the same pieces, so every format shows the same numbers under the
same headings. Every string here is plain text: each renderer escapes it its own way.
"""

import base64
from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from coreflect.reflections.disclosure import Hidden
from coreflect.results import charts


def hidden_count(value: Hidden, threshold: int) -> str:
    """A hidden count in the words the results pages use (includes/hidden_count.html)."""
    if value.small:
        return _("fewer than %(n)s") % {"n": threshold}
    if value.alike:
        return _("hidden: everyone answered alike")
    return _("hidden so that a smaller group cannot be worked out")


def hidden_part(value: Hidden, threshold: int) -> str:
    """Why a whole table is hidden, in the words the results pages use (results/_few.html)."""
    if value.alike:
        return _("Hidden: everyone answered alike, so showing it would show a smaller group’s answers")
    return _("Fewer than %(n)s people have answered this part") % {"n": threshold}


def count_and_share(count: int, total: int) -> str:
    """ "3 (60%)": a count with its share, as the results tables show them."""
    return f"{count} ({round(count * 100 / total)}%)" if total else str(count)


@dataclass
class Paragraph:
    text: str
    kind: str = "body"  # "body", "lead", "inset" or "caption" (says where the words below come from)
    block = "paragraph"


@dataclass
class Heading:
    text: str
    level: int = 3  # sections are level 2; principles and the parts of a section 3 or 4
    block = "heading"


@dataclass
class Items:
    items: list[str]
    block = "items"


@dataclass
class Row:
    header: str
    cells: list[str] = field(default_factory=list)
    note: str = ""  # when the whole row is hidden: why, in place of its cells


@dataclass
class Table:
    caption: str
    head: list[str]  # the first is the row headers' column
    rows: list[Row]
    numeric: bool = True  # whether the cells after the row header are figures (right-aligned)
    block = "table"


@dataclass
class Chart:
    """A chart and what it is drawn from; a table of the same numbers always follows it in the report."""

    kind: str  # "stacked" or "gap"
    title: str
    description: str
    rows: list[dict]
    segments: list[dict] = field(default_factory=list)  # stacked bars: the parts of each bar
    scale: list[str] = field(default_factory=list)  # gap chart: the stages, lowest first
    left_label: str = ""
    right_label: str = ""
    threshold: int = 0
    block = "chart"

    def data_uri(self) -> str:
        """The chart as a data: URL, for an <img> with alt text in the PDF (WeasyPrint tags it as a figure)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg().encode()).decode()

    def svg(self) -> SafeString:
        if self.kind == "gap":
            return charts.gap_chart(
                title=self.title,
                description=self.description,
                rows=self.rows,
                scale=self.scale,
                left_label=self.left_label,
                right_label=self.right_label,
            )
        return charts.stacked_bars(
            title=self.title,
            description=self.description,
            rows=self.rows,
            segments=self.segments,
            threshold=self.threshold,
        )


@dataclass
class Words:
    """Something people wrote, labelled as the results pages label it (perspective and stage only where
    those pages show them), or a group's view."""

    title: str
    parts: list[tuple[str, str]]  # (what it is, e.g. "Evidence", the words)
    block = "words"


@dataclass
class Section:
    key: str
    heading: str
    blocks: list = field(default_factory=list)

    def add(self, *blocks) -> "Section":
        self.blocks.extend(blocks)
        return self
