"""The report's charts as PNG pictures for Word, drawn with Pillow from the same rows as the SVG charts.

Simple and legible rather than identical to the SVG: each row's label, its bar split by the same colours,
each part's count written on it where there is room, and a legend. Hidden rows say so in words. The
table after every chart carries the exact numbers.
"""

import io

from PIL import Image, ImageDraw, ImageFont

from coreflect.results.charts import PALETTE

from .report_blocks import Chart

WIDTH = 1200
MARGIN = 24
BAR = 44
FONT_SIZE = 24
INK, GREY, LIGHT = "#0b0c0c", "#505a5f", "#f3f2f1"
DARK_INK_ON = {"yellow", "orange", "light-green"}  # colours that need black text on them


def _font(size: int = FONT_SIZE):
    for name in ("DejaVuSans.ttf", "Arial.ttf", "LiberationSans-Regular.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _fit(draw, words: str, font, width: int) -> str:
    words = str(words)
    if draw.textlength(words, font=font) <= width:
        return words
    while words and draw.textlength(words + "…", font=font) > width:
        words = words[:-1]
    return words + "…"


def chart_png(chart: Chart) -> bytes:
    return _gap(chart) if chart.kind == "gap" else _stacked(chart)


def _stacked(chart: Chart) -> bytes:
    font = _font()
    row_height = FONT_SIZE + 8 + BAR + 16
    legend_height = (len(chart.segments) + 1) // 2 * (FONT_SIZE + 12) + 12
    height = MARGIN * 2 + row_height * max(len(chart.rows), 1) + legend_height
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    y = MARGIN
    inner = WIDTH - 2 * MARGIN
    for row in chart.rows:
        draw.text((MARGIN, y), _fit(draw, row["label"], font, inner), fill=INK, font=font)
        y += FONT_SIZE + 8
        total = row.get("total")
        if not total:
            note = row.get("note") or ("" if total is None else "0")
            draw.rectangle([MARGIN, y, MARGIN + inner, y + BAR], fill=LIGHT, outline=GREY)
            if note:
                draw.text((MARGIN + 8, y + 8), _fit(draw, note, font, inner - 16), fill=GREY, font=font)
        else:
            x = float(MARGIN)
            for segment in chart.segments:
                count = (row.get("counts") or {}).get(segment["key"]) or 0
                if not count:
                    continue
                width = inner * count / total
                colour = PALETTE.get(segment["colour"], GREY)
                draw.rectangle([x, y, x + width, y + BAR], fill=colour, outline="white")
                label = str(count)
                if draw.textlength(label, font=font) + 8 < width:
                    ink = INK if segment["colour"] in DARK_INK_ON else "white"
                    draw.text((x + 6, y + 8), label, fill=ink, font=font)
                x += width
        y += BAR + 16
    column = inner // 2
    for index, segment in enumerate(chart.segments):
        lx = MARGIN + (index % 2) * column
        ly = y + 12 + (index // 2) * (FONT_SIZE + 12)
        draw.rectangle([lx, ly, lx + FONT_SIZE, ly + FONT_SIZE], fill=PALETTE.get(segment["colour"], GREY))
        label = _fit(draw, str(segment["label"]), font, column - FONT_SIZE - 20)
        draw.text((lx + FONT_SIZE + 10, ly), label, fill=INK, font=font)
    return _png(image)


def _gap(chart: Chart) -> bytes:
    font = _font()
    row_height = FONT_SIZE + 8 + 30 + 16
    height = MARGIN * 2 + row_height * max(len(chart.rows), 1) + 2 * (FONT_SIZE + 12)
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * MARGIN
    steps = max(len(chart.scale) - 1, 1)
    y = MARGIN
    for row in chart.rows:
        draw.text((MARGIN, y), _fit(draw, row["label"], font, inner), fill=INK, font=font)
        y += FONT_SIZE + 8
        draw.line([MARGIN, y + 15, MARGIN + inner, y + 15], fill=GREY, width=2)
        for side, colour in (("left", PALETTE["blue"]), ("right", PALETTE["purple"])):
            if row.get(side) is not None:
                cx = MARGIN + inner * row[side] / steps
                draw.ellipse([cx - 12, y + 3, cx + 12, y + 27], fill=colour)
        y += 30 + 16
    for index, (label, colour) in enumerate(((chart.left_label, "blue"), (chart.right_label, "purple"))):
        ly = y + 12 + index * (FONT_SIZE + 12)
        draw.ellipse([MARGIN, ly, MARGIN + FONT_SIZE, ly + FONT_SIZE], fill=PALETTE[colour])
        draw.text((MARGIN + FONT_SIZE + 10, ly), _fit(draw, label, font, inner - 40), fill=INK, font=font)
    return _png(image)


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
