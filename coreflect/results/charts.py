"""Server-side SVG charts of a round's results: 100% stacked bars (answers across stages, or RED, AMBER
and GREEN) and a dumbbell chart of the perception gap between two perspectives.

Each chart is one self-contained `<svg role="img">` named by its `<title>` and summarised, row by row,
in its `<desc>`; pages still show a data table beside it. Colour never carries meaning alone: every
segment has its own fill pattern and each perspective its own marker shape. The page's Content Security
Policy forbids inline styles, so only presentation attributes are used (no `style`, `<style>` or
`<script>`). Labels are user-editable: every piece of text is escaped.

The viewBox is 400 units wide with 16-unit text, so words stay readable on a 320 px phone screen; keep
the container narrower than about 30em (480 px) or the text grows very large on a desktop.
"""

import re
import secrets

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WIDTH = 400
PAD: float = 2
FONT = 16
LINE = 20  # one line of 16-unit text
BAR = 32
ROW_GAP = 18
SWATCH = 20
LABEL_MIN_SHARE = 0.08  # a count is written inside a segment only if the segment is this wide, or wider

PALETTE = {
    "red": "#d4351c",
    "orange": "#f47738",
    "yellow": "#ffdd00",
    "light-green": "#85994b",
    "green": "#00703c",
    "blue": "#1d70b8",
    "purple": "#4c2c92",
    "grey": "#505a5f",
}
BLACK, WHITE = "#0b0c0c", "#ffffff"
LIGHT_GREY, MID_GREY, DARK_GREY = "#f3f2f1", "#b1b4b6", "#505a5f"
LEFT_COLOUR, RIGHT_COLOUR = PALETTE["blue"], PALETTE["purple"]

# Marks drawn over a 10×10 tile of the segment's colour, in its text colour: one pattern per segment.
PATTERN_MARKS = {
    "solid": "",
    "diagonal": '<path d="M-1,1 l2,-2 M0,10 l10,-10 M9,11 l2,-2" stroke="{ink}" stroke-width="2"/>',
    "dots": '<circle cx="2.5" cy="2.5" r="1.7" fill="{ink}"/><circle cx="7.5" cy="7.5" r="1.7" fill="{ink}"/>',
    "crosshatch": '<path d="M0,0 l10,10 M10,0 l-10,10" stroke="{ink}" stroke-width="1.5"/>',
    "horizontal": '<path d="M0,5 h10" stroke="{ink}" stroke-width="2"/>',
    "vertical": '<path d="M5,0 v10" stroke="{ink}" stroke-width="2"/>',
    "backslash": '<path d="M-1,9 l2,2 M0,0 l10,10 M9,-1 l2,2" stroke="{ink}" stroke-width="2"/>',
    "grid": '<path d="M0,5 h10 M5,0 v10" stroke="{ink}" stroke-width="1.5"/>',
}
HIDDEN_MARKS = '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="#505a5f" stroke-width="1.2"/>'

# Rough Arial advance widths (fractions of the font size), to wrap text before any browser measures it.
_ADVANCES = {
    0.25: " ijl'‘’|.,:;!ft/I",
    0.34: 'r()-[]"“”*',
    0.5: "cksvxyzJ",
    0.67: "ABEFKLPSTVXYZ&",
    0.76: "CDGHNOQRUw",
    0.95: "mMW%@—…",
}
ADVANCE = {char: width for width, chars in _ADVANCES.items() for char in chars}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# --- Colours, text and markup --------------------------------------------------------------------


def colour_hex(name: str) -> str:
    """The GOV.UK hex colour for a framework palette name, e.g. "light-green" → "#85994b"."""
    try:
        return PALETTE[name]
    except KeyError:
        raise ValueError(f"Unknown chart colour {name!r}: use one of {', '.join(PALETTE)}") from None


def _luminance(hex_colour: str) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two "#rrggbb" colours, from 1 to 21."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """White or near-black, whichever contrasts more with `background`: white on red, black on yellow."""
    return WHITE if contrast_ratio(WHITE, background) >= contrast_ratio(BLACK, background) else BLACK


def _clean(text) -> str:
    """User text on one line, without the characters XML cannot hold (they would break the whole page)."""
    return " ".join(_NOT_XML.sub("", str(text)).split())


def text_width(text: str, bold: bool = False) -> float:
    """A slightly generous estimate of how wide `text` is, in viewBox units, in 16-unit Arial."""
    ems = sum(ADVANCE.get(char, 1.0 if ord(char) >= 0x2E80 else 0.58) for char in text)
    return ems * FONT * (1.12 if bold else 1.04)


def _wrap(text: str, width: float, *, bold: bool = False, max_lines: int = 4) -> list[str]:
    """`text` in lines no wider than `width`; a word longer than a line is split, a 5th line on is cut."""
    lines, current = [], ""
    for word in text.split():
        while text_width(word, bold) > width:
            cut = 1
            while cut < len(word) and text_width(word[: cut + 1], bold) <= width:
                cut += 1
            lines += [current, word[:cut]] if current else [word[:cut]]
            current, word = "", word[cut:]
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate, bold) > width:
            lines.append(current)
            candidate = word
        current = candidate
    lines += [current] if current else []
    if len(lines) > max_lines:
        lines, last = lines[:max_lines], lines[max_lines - 1]
        while last and text_width(last + "…", bold) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _n(value: float) -> str:
    """A coordinate for the markup: at most two decimals, no trailing zeros."""
    return f"{round(value, 2):g}"


def _figure(value: float) -> str:
    """A stage number or gap for people to read: one decimal at most."""
    return f"{value:.1f}".removesuffix(".0")


def _el(tag: str, content="", **attributes) -> SafeString:
    """One SVG element; attribute names use _ for -, numbers are rounded, everything is escaped."""
    pairs = [(name.rstrip("_").replace("_", "-"), value) for name, value in attributes.items() if value is not None]
    attrs = format_html_join("", ' {}="{}"', ((k, _n(v) if isinstance(v, int | float) else v) for k, v in pairs))
    if content == "":
        return format_html("<{}{}/>", tag, attrs)
    return format_html("<{}{}>{}</{}>", tag, attrs, content, tag)


def _line(d: str, colour: str, width: float = 2) -> SafeString:
    return _el("path", d=d, stroke=colour, stroke_width=width)


def _join(parts) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _text(lines: list[str], x: float, top: float, *, bold=False, anchor=None, fill=BLACK) -> SafeString:
    """One <text> per line, the first line's top at `top`."""
    weight = "bold" if bold else None
    return _join(
        _el("text", line, x=x, y=top + 15 + i * LINE, fill=fill, text_anchor=anchor, font_weight=weight)
        for i, line in enumerate(lines)
    )


def _at(x: float, y: float, content) -> SafeString:
    return _el("g", content, transform=f"translate({_n(x)} {_n(y)})")


def _legend(items: list[tuple[SafeString, str]], top: float) -> tuple[SafeString, float]:
    """A legend flowing left to right, each item a 20×20 swatch and its label; returns it and its bottom."""
    parts, x, y, row_height = [], PAD, top, 0
    for swatch, label in items:
        lines = _wrap(_clean(label), WIDTH - 2 * PAD - SWATCH - 8) or [""]
        item_width = SWATCH + 8 + max(text_width(line) for line in lines)
        if x > PAD and x + item_width > WIDTH - PAD:
            x, y, row_height = PAD, y + row_height + 8, 0
        parts += [_at(x, y, swatch), _text(lines, x + SWATCH + 8, y)]
        x += item_width + 20
        row_height = max(row_height, LINE * len(lines))
    return _join(parts), y + row_height


def _svg(uid: str, title: str, description: str, summaries: list[str], height: float, defs, body) -> SafeString:
    """The whole chart: named by its title, described in words by its description and row summaries."""
    desc = " ".join([_clean(description), *(f"{summary}." for summary in summaries)]).strip()
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{0}-title {0}-desc" '
        'viewBox="0 0 {1} {2}" width="100%" preserveAspectRatio="xMinYMin meet" focusable="false" '
        'class="coreflect-chart__image" font-family="Arial, sans-serif" font-size="{3}">'
        '<title id="{0}-title">{4}</title><desc id="{0}-desc">{5}</desc><defs>{6}</defs>{7}</svg>',
        *(uid, WIDTH, _n(height), FONT, _clean(title), desc, defs, body),
    )


# --- Stacked bars ---------------------------------------------------------------------------------


def _pattern(pattern_id: str, colour: str, marks: str, size: int = 10) -> SafeString:
    tile = _el("rect", width=size, height=size, fill=colour)
    marks = _el("g", mark_safe(marks), opacity="0.55") if marks else mark_safe("")  # noqa: S308 – our own constants
    return _el("pattern", tile + marks, id=pattern_id, width=size, height=size, patternUnits="userSpaceOnUse")


def _swatch(pattern_id: str) -> SafeString:
    return _el("rect", width=SWATCH, height=SWATCH, fill=f"url(#{pattern_id})", stroke=BLACK, stroke_width=1)


def _chip(text: str, centre_x: float, top: float, background: str, ink: str) -> SafeString:
    """Words on a plain patch of `background` in the middle of a bar, so no pattern runs through them."""
    width = text_width(text, bold=True) + 8
    patch = _el("rect", x=centre_x - width / 2, y=top + (BAR - 22) / 2, width=width, height=22, rx=2, fill=background)
    words = _el("text", text, x=centre_x, y=top + BAR / 2 + 5.5, fill=ink, text_anchor="middle", font_weight="bold")
    return patch + words


def _summary(label: str, parts: list[str], separator: str = ", ") -> str:
    return _("%(label)s: %(parts)s") % {"label": label, "parts": separator.join(parts)}


def stacked_bars(
    *,
    title: str,
    description: str,
    rows: list[dict],
    segments: list[dict],
    threshold: int = 5,
    chart_id: str | None = None,
) -> SafeString:
    """Horizontal 100% stacked bars, one per row, each row's label above its bar, a legend below.

    `segments`: the categories, lowest first – `{"key", "label", "colour"}`, colour a palette name.
    `rows`: `{"label", "counts": {segment key: int, or None if hidden to protect anonymity}, "total"}`.
    Hidden counts are drawn together as one hatched block at the end of the bar, as wide as `total`
    less the visible counts; a `total` of None hides the whole row (saying `note`, or "Fewer than `threshold` people").
    A missing key counts as 0. `chart_id` prefixes every id in the SVG; by default it is random, so two
    charts on one page never clash.
    """
    uid = chart_id or "chart-" + secrets.token_hex(4)
    hidden_id, bar_width = f"{uid}-hidden", WIDTH - 2 * PAD
    fills = [colour_hex(segment["colour"]) for segment in segments]
    marks = [list(PATTERN_MARKS.values())[i % len(PATTERN_MARKS)] for i in range(len(fills))]
    defs = [_pattern(f"{uid}-s{i}", fill, marks[i].format(ink=text_colour_on(fill))) for i, fill in enumerate(fills)]
    defs.append(_pattern(hidden_id, LIGHT_GREY, HIDDEN_MARKS, size=6))
    body, summaries, any_hidden, y = [], [], False, PAD
    for row in rows:
        label = _clean(row["label"])
        lines = _wrap(label, bar_width, bold=True)
        body.append(_text(lines, PAD, y, bold=True))
        y += LINE * len(lines) + 4
        total, counts = row.get("total"), row.get("counts") or {}
        if total is None:
            any_hidden, fill = True, f"url(#{hidden_id})"
            note = row.get("note") or _("Fewer than %(threshold)s people – hidden") % {"threshold": threshold}
            body += [
                _el("rect", x=PAD, y=y, width=bar_width, height=BAR, fill=fill, stroke=DARK_GREY, stroke_width=1),
                _chip(note, PAD + bar_width / 2, y, LIGHT_GREY, BLACK),
            ]
            summaries.append(_summary(label, [note[0].lower() + note[1:]]))
            y += BAR + ROW_GAP
            continue
        shown = [(i, segment, counts.get(segment["key"], 0)) for i, segment in enumerate(segments)]
        visible = sum(count for _i, _segment, count in shown if count is not None)
        has_hidden = any(count is None for _i, _segment, count in shown)
        hidden = max(total - visible, 0) if has_hidden else 0
        whole = visible + hidden
        blocks = [(count, f"{uid}-s{i}", fills[i]) for i, _segment, count in shown if count]
        if hidden:
            any_hidden = True
            blocks.append((hidden, hidden_id, LIGHT_GREY))
        x = PAD
        for count, pattern_id, colour in blocks:
            width = count / whole * bar_width
            body.append(_el("rect", x=x, y=y, width=width, height=BAR, fill=f"url(#{pattern_id})"))
            words = _("hidden") if pattern_id == hidden_id else str(count)
            if width >= LABEL_MIN_SHARE * bar_width and width >= text_width(words, bold=True) + 12:
                body.append(_chip(words, x + width / 2, y, colour, text_colour_on(colour)))
            if x > PAD:  # a white gap between neighbours, so two light segments never merge
                body.append(_line(f"M{_n(x)},{_n(y)} v{BAR}", WHITE))
            x += width
        outline = BLACK if whole else DARK_GREY
        body.append(_el("rect", x=PAD, y=y, width=bar_width, height=BAR, fill="none", stroke=outline, stroke_width=1))
        if not whole:
            body.append(_text([_("No answers yet")], PAD + 8, y + (BAR - LINE) / 2))
        parts = [f"{count} “{_clean(segment['label'])}”" for _i, segment, count in shown if count is not None]
        if has_hidden:
            parts.append(_("%(count)s hidden (small groups)") % {"count": hidden})
        summaries.append(_summary(label, parts if whole or has_hidden else [_("no answers yet")]))
        y += BAR + ROW_GAP
    legend_items = [(_swatch(f"{uid}-s{i}"), segment["label"]) for i, segment in enumerate(segments)]
    if any_hidden:
        legend_items.append((_swatch(hidden_id), _("Hidden (small group)")))
    legend, y = _legend(legend_items, y)
    return _svg(uid, title, description, summaries, y + PAD, _join(defs), _join([*body, legend]))


# --- Perception gaps ------------------------------------------------------------------------------


def _circle(x: float, y: float) -> SafeString:
    return _el("circle", cx=x, cy=y, r=8, fill=LEFT_COLOUR, stroke=WHITE, stroke_width=2)


def _diamond(x: float, y: float) -> SafeString:
    shape = f"M{_n(x)},{_n(y - 10)} l10,10 l-10,10 l-10,-10 z"
    return _el("path", d=shape, fill=RIGHT_COLOUR, stroke=WHITE, stroke_width=2)


def _stage_words(value: float, scale: list[str]) -> str:
    lower = int(value)
    words = {"number": _figure(value + 1), "stage": _clean(scale[lower]), "upper": _clean(scale[-1])}
    if value == lower:
        return _("stage %(number)s, “%(stage)s”") % words
    words["upper"] = _clean(scale[lower + 1])
    return _("stage %(number)s, between “%(stage)s” and “%(upper)s”") % words


def _gap_summary(label: str, left: float | None, right: float | None, names: tuple[str, str], scale) -> str:
    sides = [
        _("%(who)s hidden") % {"who": who} if value is None else f"{who} {_stage_words(value, scale)}"
        for who, value in zip(names, (left, right), strict=True)
    ]
    if left is not None and right is not None:
        gap = abs(right - left)
        plural = ngettext("a gap of %(gap)s stage", "a gap of %(gap)s stages", 1 if gap == 1 else 2)
        sides.append(_("no gap") if gap == 0 else plural % {"gap": _figure(gap)})
    return _summary(label, sides, "; ")


def gap_chart(
    *,
    title: str,
    description: str,
    rows: list[dict],
    scale: list[str],
    left_label: str,
    right_label: str,
    chart_id: str | None = None,
) -> SafeString:
    """A dumbbell chart: for each row, where two perspectives place it on the `scale` of stages.

    `scale`: stage labels, lowest first; the axis numbers them 1, 2, 3… with a key below the chart.
    `rows`: `{"label", "left": float | None, "right": float | None}` – median stage positions from 0 to
    len(scale) − 1 (fractions allowed, values outside are clamped; None means hidden). Left is drawn as a
    blue circle, right as a purple diamond, and the legend above the chart names them.
    """
    uid = chart_id or "chart-" + secrets.token_hex(4)
    names = (_clean(left_label), _clean(right_label))
    last = max(len(scale) - 1, 0)
    start, end = PAD + 14, WIDTH - PAD - 14

    def at(value: float) -> float:
        return start + value / last * (end - start) if last else (start + end) / 2

    def axis(top: float) -> SafeString:
        return _join(_text([str(i + 1)], at(i), top, bold=True, anchor="middle") for i in range(len(scale)))

    legend, y = _legend([(_circle(10, 10), names[0]), (_diamond(10, 10), names[1])], PAD)
    body, summaries = [legend, axis(y + 10)], []
    y += 10 + LINE + 8
    for row in rows:
        label = _clean(row["label"])
        left, right = (None if row.get(k) is None else min(max(float(row[k]), 0), last) for k in ("left", "right"))
        lines = _wrap(label, WIDTH - 2 * PAD, bold=True)
        body.append(_text(lines, PAD, y, bold=True))
        track = y + LINE * len(lines) + 14
        body.append(_line(f"M{start},{_n(track)} H{end}", MID_GREY))
        body += [_line(f"M{_n(at(i))},{_n(track - 8)} v16", MID_GREY) for i in range(len(scale))]
        left_y = right_y = track
        if left is not None and right is not None:
            body.append(_line(f"M{_n(at(left))},{_n(track)} H{_n(at(right))}", DARK_GREY, 4))
            if abs(at(left) - at(right)) < 18:  # the same place: one above the other, so both stay visible
                left_y, right_y = track - 9, track + 9
        body += [_circle(at(left), left_y)] if left is not None else []
        body += [_diamond(at(right), right_y)] if right is not None else []
        y = track + 18
        missing = [marker for marker, value in ((_circle, left), (_diamond, right)) if value is None]
        for i, marker in enumerate(missing):
            body += [_at(PAD + i * 110, y, marker(10, 10)), _text([_("hidden")], PAD + i * 110 + SWATCH + 6, y)]
        y += (LINE + 6 if missing else 0) + ROW_GAP - 8
        summaries.append(_gap_summary(label, left, right, names, scale))
    if len(rows) > 3:
        body.append(axis(y))
        y += LINE + 8
    body.append(_text([_("Stages")], PAD, y + 4, bold=True))
    y += LINE + 6
    for number, stage in enumerate(scale, start=1):
        lines = _wrap(_clean(stage), WIDTH - 2 * PAD - 28)
        body += [_text([str(number)], PAD, y, bold=True), _text(lines, PAD + 28, y)]
        y += LINE * len(lines) + 4
    return _svg(uid, title, description, summaries, y + PAD, "", _join(body))
