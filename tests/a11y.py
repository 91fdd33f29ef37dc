"""The accessibility scan every page must pass: axe-core against WCAG 2.0–2.2 A and AA."""

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    # axe needs JavaScript: pages opened with it switched off are scanned again in a normal page.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return result["violations"]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    readable = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:3]}" for v in violations
    ]
    assert not violations, f"axe found problems on {page.url}:\n" + "\n".join(readable)


def assert_fits_narrow_screen(page, width: int = 320) -> None:
    """At 320 CSS pixels wide nothing should need sideways scrolling (WCAG 1.4.10 reflow)."""
    page.set_viewport_size({"width": width, "height": 800})
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at a {width}px screen"
