"""The results charts: well-formed, named and described for screen readers, safe with any label,
readable without colour, honest about hidden small groups, and drawn to scale."""

import re
import xml.etree.ElementTree as ET

import pytest

from coreflect.results.charts import (
    BLACK,
    PALETTE,
    WHITE,
    colour_hex,
    contrast_ratio,
    gap_chart,
    stacked_bars,
    text_colour_on,
)
from tests.a11y import assert_accessible

SVG = "{http://www.w3.org/2000/svg}"
STAGES = [
    {"key": "not-yet", "label": "We haven’t got this yet", "colour": "red"},
    {"key": "basics", "label": "We’ve got the basics", "colour": "orange"},
    {"key": "getting-there", "label": "We’re getting there", "colour": "yellow"},
    {"key": "doing-really-well", "label": "We’re doing really well", "colour": "green"},
]
SCALE = [stage["label"] for stage in STAGES]


def bars(rows, segments=STAGES, **kwargs):
    return stacked_bars(
        title="How each perspective sees it",
        description="Answers by perspective.",
        rows=rows,
        segments=segments,
        **kwargs,
    )


def gaps(rows, **kwargs):
    return gap_chart(
        title="Perception gaps",
        description="Where each perspective places each principle.",
        rows=rows,
        scale=SCALE,
        left_label="People who draw on care and support",
        right_label="Staff",
        **kwargs,
    )


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 – our own markup, parsed to prove it is well-formed


def texts(root) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def segment_rects(root, pattern_suffix) -> list[ET.Element]:
    return [
        rect
        for rect in root.iter(f"{SVG}rect")
        if re.fullmatch(rf"url\(#chart-[0-9a-f]+-{pattern_suffix}\)", rect.get("fill", ""))
    ]


def count_label(root, count: str) -> ET.Element:
    (label,) = [text for text in root.iter(f"{SVG}text") if text.text == count]
    return label


FRONTLINE = {
    "label": "Frontline worker",
    "counts": {"not-yet": 3, "basics": 5, "getting-there": 2, "doing-really-well": 2},
    "total": 12,
}


# --- Named and described -------------------------------------------------------------------------


def test_stacked_bars_are_an_image_named_by_title_and_described_row_by_row():
    managers = {
        "label": "Managers",
        "counts": {"not-yet": 0, "basics": 4, "getting-there": 1, "doing-really-well": 0},
        "total": 5,
    }
    root = parse(bars([FRONTLINE, managers]))
    assert root.get("role") == "img"
    assert root.get("focusable") == "false"
    assert root.get("width") == "100%"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "How each perspective sees it"
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == desc_id
    assert desc.text.startswith("Answers by perspective.")
    assert (
        "Frontline worker: 3 “We haven’t got this yet”, 5 “We’ve got the basics”, 2 “We’re getting there”, 2 “We’re doing really well”."
        in desc.text
    )
    assert (
        "Managers: 0 “We haven’t got this yet”, 4 “We’ve got the basics”, 1 “We’re getting there”, 0 “We’re doing really well”."
        in desc.text
    )


def test_the_chart_grows_taller_with_each_row():
    heights = [float(parse(bars([FRONTLINE] * n)).get("viewBox").split()[3]) for n in (1, 2, 6)]
    assert heights[0] < heights[1] < heights[2]


def test_each_segment_has_its_own_pattern_and_the_legend_shows_each_one():
    palette = [{"key": name, "label": f"Colour {name}", "colour": name} for name in PALETTE]
    root = parse(bars([{"label": "Row", "counts": dict.fromkeys(PALETTE, 1), "total": len(PALETTE)}], segments=palette))
    patterns = root.find(f"{SVG}defs").findall(f"{SVG}pattern")[:-1]  # the last is for hidden groups
    drawings = {
        tuple((mark.tag, mark.get("d"), mark.get("cx")) for mark in pattern.iter() if mark.tag != f"{SVG}rect")
        for pattern in patterns
    }
    assert len(drawings) == len(PALETTE), "two segments share a pattern, so only colour tells them apart"
    for i, _name in enumerate(PALETTE):
        assert len(segment_rects(root, f"s{i}")) == 2  # the bar's segment and its legend swatch
    assert {f"Colour {name}" for name in PALETTE} <= set(texts(root))


# --- Hidden small groups -------------------------------------------------------------------------


def test_hidden_counts_are_one_hatched_block_as_wide_as_what_is_left_of_the_total():
    row = {
        "label": "Carers",
        "counts": {"not-yet": 4, "basics": None, "getting-there": 4, "doing-really-well": None},
        "total": 10,
    }
    root = parse(bars([row]))
    (hidden,) = [rect for rect in segment_rects(root, "hidden") if rect.get("height") == "32"]
    (not_yet,) = [rect for rect in segment_rects(root, "s0") if rect.get("height") == "32"]
    assert float(hidden.get("width")) == pytest.approx(float(not_yet.get("width")) / 2, abs=0.02)
    hatch = root.find(f".//{SVG}pattern[@id='{hidden.get('fill')[5:-1]}']")
    assert hatch.find(f".//{SVG}path") is not None, "the hidden block is hatched, not just grey"
    assert "Hidden (small group)" in texts(root)
    assert "hidden" in texts(root)
    assert (
        "Carers: 4 “We haven’t got this yet”, 4 “We’re getting there”, 2 hidden (small groups)."
        in root.find(f"{SVG}desc").text
    )


def test_a_hidden_count_never_draws_a_negative_block():
    row = {"label": "Carers", "counts": {"not-yet": 6, "basics": None}, "total": 5}
    root = parse(bars([row]))
    assert all(float(rect.get("width")) >= 0 for rect in root.iter(f"{SVG}rect"))
    assert "0 hidden" in root.find(f"{SVG}desc").text


def test_a_row_with_too_few_people_is_hidden_whole():
    row = {"label": "Commissioners", "counts": {"not-yet": None}, "total": None}
    root = parse(bars([FRONTLINE, row]))
    assert "Fewer than 5 people – hidden" in texts(root)
    assert "Commissioners: fewer than 5 people – hidden." in root.find(f"{SVG}desc").text
    assert "Fewer than 10 people – hidden" in texts(parse(bars([row], threshold=10)))


def test_the_legend_mentions_hidden_groups_only_when_something_is_hidden():
    assert "Hidden (small group)" not in texts(parse(bars([FRONTLINE])))


def test_a_row_with_no_answers_says_so():
    root = parse(bars([{"label": "Board", "counts": {}, "total": 0}]))
    assert "No answers yet" in texts(root)
    assert "Board: no answers yet." in root.find(f"{SVG}desc").text


# --- Drawn to scale, readable --------------------------------------------------------------------


def test_segment_widths_are_in_proportion_to_the_counts():
    root = parse(bars([{"label": "Staff", "counts": {"not-yet": 1, "basics": 3}, "total": 4}]))
    (one,) = [rect for rect in segment_rects(root, "s0") if rect.get("height") == "32"]
    (three,) = [rect for rect in segment_rects(root, "s1") if rect.get("height") == "32"]
    assert float(three.get("width")) / float(one.get("width")) == pytest.approx(3, rel=0.01)
    assert float(one.get("width")) + float(three.get("width")) == pytest.approx(396, abs=0.05)


def test_count_text_contrasts_with_its_segment():
    root = parse(
        bars(
            [
                {
                    "label": "Staff",
                    "counts": {"not-yet": 11, "basics": 12, "getting-there": 13, "doing-really-well": 14},
                    "total": 50,
                }
            ]
        )
    )
    assert count_label(root, "11").get("fill") == WHITE  # on red
    assert count_label(root, "12").get("fill") == BLACK  # on orange
    assert count_label(root, "13").get("fill") == BLACK  # on yellow
    assert count_label(root, "14").get("fill") == WHITE  # on green
    blue = parse(
        bars(
            [{"label": "Staff", "counts": {"b": 7}, "total": 7}],
            segments=[{"key": "b", "label": "B", "colour": "blue"}],
        )
    )
    assert count_label(blue, "7").get("fill") == WHITE


@pytest.mark.parametrize("name", PALETTE)
def test_every_palette_colour_gets_text_with_at_least_4_5_to_1_contrast(name):
    assert contrast_ratio(text_colour_on(colour_hex(name)), colour_hex(name)) >= 4.5


def test_a_segment_too_narrow_for_its_count_leaves_the_count_to_the_table_and_description():
    root = parse(bars([{"label": "Staff", "counts": {"not-yet": 1, "basics": 40}, "total": 41}]))
    assert "1" not in texts(root)
    assert "40" in texts(root)
    assert "Staff: 1 “We haven’t got this yet”, 40 “We’ve got the basics”" in root.find(f"{SVG}desc").text


def test_an_unknown_colour_name_fails_loudly():
    assert colour_hex("light-green") == "#85994b"
    with pytest.raises(ValueError, match="Unknown chart colour 'pink'"):
        colour_hex("pink")


def test_a_long_label_wraps_onto_several_lines_and_is_cut_short_after_four():
    long = "Blurring distinctions between professionals and recipients of services " * 6
    root = parse(bars([{**FRONTLINE, "label": long}]))
    lines = [text for text in texts(root) if text.endswith("…") or (len(text) > 5 and text in long)]
    assert len(lines) == 4
    assert lines[-1].endswith("…")
    assert long.strip() in root.find(f"{SVG}desc").text, "the description keeps the whole label"


# --- Safe with any text --------------------------------------------------------------------------

NASTY = 'Tom & Jerry\'s "team" <script>alert(1)</script> \x00\x07 ]]> <!--'


def test_labels_are_escaped_and_the_svg_still_parses():
    segments = [{"key": "a", "label": NASTY, "colour": "red"}]
    svg = bars([{"label": NASTY, "counts": {"a": 3}, "total": 3}], segments=segments)
    assert "<script" not in svg
    shown = 'Tom & Jerry\'s "team" <script>alert(1)</script> ]]> <!--'
    assert shown in " ".join(texts(parse(svg)))
    assert shown in " ".join(texts(parse(gaps([{"label": NASTY, "left": 1, "right": 2}]))))
    parse(gap_chart(title=NASTY, description=NASTY, rows=[], scale=[NASTY], left_label=NASTY, right_label=NASTY))


def test_nothing_needs_inline_styles_or_scripts_which_the_content_security_policy_forbids():
    hidden = {"label": "Carers", "counts": {"not-yet": None, "basics": 2}, "total": 9}
    for svg in (
        bars([FRONTLINE, hidden, {"label": "Few", "counts": {}, "total": None}]),
        gaps([{"label": "P", "left": 0, "right": None}]),
    ):
        for element in parse(svg).iter():
            assert element.tag not in {f"{SVG}style", f"{SVG}script", f"{SVG}foreignObject"}
            assert "style" not in element.attrib
            assert not any(name.startswith("on") for name in element.attrib)


def test_two_charts_on_one_page_never_share_an_id_and_each_only_points_at_its_own():
    page = parse(f"<div>{bars([FRONTLINE])}{bars([FRONTLINE])}{gaps([{'label': 'P', 'left': 1, 'right': 2}])}</div>")
    ids = [element.get("id") for element in page.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    for svg in page:
        own = {element.get("id") for element in svg.iter() if element.get("id")}
        used = {
            m
            for element in svg.iter()
            for value in element.attrib.values()
            for m in re.findall(r"url\(#([^)]+)\)", value)
        }
        labelled_by = set(svg.get("aria-labelledby").split())
        assert used | labelled_by <= own


def test_a_chart_id_can_be_chosen():
    root = parse(bars([FRONTLINE], chart_id="principle-3"))
    assert root.get("aria-labelledby") == "principle-3-title principle-3-desc"


# --- Perception gaps -----------------------------------------------------------------------------


def test_the_two_perspectives_have_different_marker_shapes_named_in_the_legend():
    root = parse(gaps([{"label": "Recognising people as assets", "left": 1.0, "right": 2.5}]))
    circles = list(root.iter(f"{SVG}circle"))
    diamonds = [path for path in root.iter(f"{SVG}path") if path.get("d", "").endswith("z")]
    assert len(circles) == 2 and len(diamonds) == 2  # one on the row, one in the legend
    assert circles[0].get("fill") != diamonds[0].get("fill")
    assert {"People who draw on care and support", "Staff"} <= set(texts(root))
    assert {"1", "2", "3", "4", *SCALE} <= set(texts(root)), "the axis is numbered and the numbers explained"
    desc = root.find(f"{SVG}desc").text
    assert (
        "Recognising people as assets: People who draw on care and support stage 2, “We’ve got the basics”; "
        "Staff stage 3.5, between “We’re getting there” and “We’re doing really well”; a gap of 1.5 stages."
    ) in desc


def test_markers_sit_in_proportion_along_the_scale():
    root = parse(
        gaps(
            [
                {"label": label, "left": value, "right": None}
                for label, value in [("P", 0), ("Q", 1), ("R", 2.5), ("S", 3)]
            ]
        )
    )
    first, one, two_and_a_half, three = [float(circle.get("cx")) for circle in root.iter(f"{SVG}circle")][1:5]
    assert one - first == pytest.approx((three - first) / 3, abs=0.02)
    assert two_and_a_half - first == pytest.approx((three - first) * 2.5 / 3, abs=0.02)


def test_a_hidden_side_draws_no_marker_and_says_hidden():
    root = parse(gaps([{"label": "Peer support", "left": None, "right": 1.5}]))
    desc = root.find(f"{SVG}desc").text
    assert "Peer support: People who draw on care and support hidden; Staff stage 2.5" in desc
    assert "hidden" in texts(root)
    assert "gap" not in desc.split("Peer support:")[1]
    both = parse(gaps([{"label": "Peer support", "left": None, "right": None}]))
    assert texts(both).count("hidden") == 2


def test_equal_positions_are_no_gap_and_both_markers_stay_visible():
    root = parse(gaps([{"label": "Mutuality", "left": 2, "right": 2}]))
    assert (
        "Mutuality: People who draw on care and support stage 3, “We’re getting there”; Staff stage 3, “We’re getting there”; no gap."
        in root.find(f"{SVG}desc").text
    )
    circle_y = [float(circle.get("cy")) for circle in root.iter(f"{SVG}circle")][-1]
    diamond_top = float(
        [p for p in root.iter(f"{SVG}path") if p.get("d", "").endswith("z")][-1].get("d").split(",")[1].split()[0]
    )
    assert diamond_top + 10 - circle_y >= 18, "the diamond sits below the circle rather than on top of it"


# --- In a real browser ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 900])
def test_charts_pass_axe_and_no_words_spill_out_of_the_chart_or_their_segment(page, width):
    hidden = {
        "label": "People who draw on care and support, and their families and carers",
        "counts": {"not-yet": 1, "basics": None, "getting-there": 6},
        "total": 11,
    }
    rows = [
        FRONTLINE,
        hidden,
        {"label": "Managers", "counts": {}, "total": None},
        {"label": "Board", "counts": {}, "total": 0},
    ]
    gap_rows = [
        {"label": "Recognising people as assets", "left": 3, "right": 0},
        {"label": "Peer support", "left": None, "right": 1.5},
    ]
    page.set_viewport_size({"width": width, "height": 800})
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Charts</title></head><body><main><h1>Results</h1>'
        f"{bars(rows)}{gaps(gap_rows)}</main></body></html>"
    )
    assert_accessible(page)
    spills = page.evaluate(
        """() => [...document.querySelectorAll('svg')].flatMap(svg => {
            const box = svg.viewBox.baseVal;
            return [...svg.querySelectorAll('text')].filter(text => {
                const b = text.getBBox();
                const chip = text.previousElementSibling;
                const inChip = chip && chip.tagName === 'rect' && chip.getAttribute('rx')
                    ? b.x >= chip.x.baseVal.value && b.x + b.width <= chip.x.baseVal.value + chip.width.baseVal.value
                    : true;
                return b.x < 0 || b.x + b.width > box.width || b.y < 0 || b.y + b.height > box.height || !inChip;
            }).map(text => text.textContent);
        })"""
    )
    assert spills == []
