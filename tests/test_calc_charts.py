"""Charts: accessible inline SVG plus a text alternative, for the calculators that draw one."""

from __future__ import annotations

import doctest
import json
import re
import xml.dom.minidom
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from macros import griffe_doctest
from sysdesign_core import availability, calculators, charts, composite, plan, ratelimit, widget

CHARTED = {
    "availability": {"availability": "99.95%"},
    "capacity": {"retention_years": "2.5"},
    "scaling": {"coherency": "0"},
    "tail_latency": {"fanout": "5000"},
    "rate_limiter": {"trace": "steady"},
    "composite": {"components": "99.99% * (99.9% | 99.9%) * 99.95%"},
    "bloom": {"false_positive_rate": "0.1%"},
}


@pytest.mark.parametrize(("calc_id", "inputs"), CHARTED.items())
def test_chart_is_accessible_svg_with_table(calc_id: str, inputs: dict[str, str]) -> None:
    html = widget.chart(calc_id, inputs)
    svg = html[: html.index("</svg>") + 6]
    document = xml.dom.minidom.parseString(svg)  # well-formed XML
    root = document.documentElement
    assert root.getAttribute("role") == "img"
    assert root.getElementsByTagName("title")[0].firstChild is not None
    assert root.getElementsByTagName("desc")[0].firstChild is not None
    assert "<figcaption>" in html and "<table" in html and re.search(r"<th scope=\"col\"[ >]", html)
    assert "\n" not in html  # one line: the page's Markdown must not see a blank line
    # colours follow the theme: no hard-coded colour values
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgb\(", html)
    assert "nan" not in html.lower().replace("nanoseconds", "")


def test_scaling_chart_marks_the_peak() -> None:
    assert "peak:" in widget.chart("scaling", {})
    assert "never turns down" in widget.chart("scaling", {"coherency": "0"})


def test_respond_includes_chart() -> None:
    reply = widget.respond("tail_latency", {})
    assert reply["ok"] and reply["chart"].startswith("<svg")


def test_the_worker_gets_the_numbers_first_and_the_rest_once_typing_pauses() -> None:
    """Per keystroke the worker asks only for the numbers and readings; the chart, the
    worksheet link and the onward inputs (most of the capacity reply's time) come from
    extras() after the pause, the same as respond() gives in one go."""
    raw = {"dau": "20M"}
    full = widget.respond("capacity", raw)
    quick = widget.respond("capacity", raw, with_chart=False, with_links=False)
    assert quick["ok"] and quick["chart"] == "" and quick["readings"] == full["readings"]
    assert "sheet" not in quick["result"] and "onward" not in quick["result"]
    later = json.loads(widget.extras_json("capacity", json.dumps(raw)))
    assert later == {
        "svg": full["chart"],
        "sheet": full["result"]["sheet"],
        "onward": full["result"]["onward"],
    }
    assert {**quick["result"], "sheet": later["sheet"], "onward": later["onward"]} == full["result"]
    assert json.loads(widget.extras_json("capacity", '{"dau": "abc"}')) == {"svg": ""}
    assert json.loads(widget.extras_json("capacity", "[")) == {"svg": ""}


def test_the_drawing_layer_knows_no_calculator() -> None:
    # charts.py draws; each calculator module draws its own chart with it (no import cycle).
    source = (Path(__file__).resolve().parent.parent / "sysdesign_core" / "charts.py").read_text()
    imports = re.findall(r"^\s*(?:from|import) (\S+)", source, flags=re.M)
    assert set(imports) <= {"__future__", "math", "collections.abc", "html"}, imports


def test_no_import_inside_a_function_to_dodge_a_cycle() -> None:
    # The calculator modules and the drawing layer import at the top: layers only look down.
    core = Path(__file__).resolve().parent.parent / "sysdesign_core"
    modules = [p for p in core.glob("*.py") if "register(" in p.read_text()]
    for path in [core / "charts.py", core / "widget.py", core / "plan.py", *modules]:
        indented = re.findall(r"^[ \t]+(?:from|import) \S+", path.read_text(), flags=re.M)
        assert not indented, f"{path.name}: {indented}"


@pytest.mark.parametrize(
    ("calc_id", "inputs"),
    [
        ("availability", {"availability": "1e-9"}),
        ("availability", {"availability": "99.99999999%"}),
        ("capacity", {"retention_years": "1000"}),
        ("tail_latency", {"fanout": "1000000"}),
        ("scaling", {"nodes": "1000000", "coherency": "0"}),
        ("rate_limiter", {"trace": ", ".join(["166"] * 120)}),
        ("bloom", {"false_positive_rate": "1e-12"}),
        ("bloom", {"items": "1", "bits": "1e18"}),
    ],
)
def test_charts_stay_small_at_the_extremes(calc_id: str, inputs: dict[str, str]) -> None:
    html = widget.chart(calc_id, inputs)
    assert len(html) < 120_000, len(html)
    assert html.count("<tr>") <= charts.MAX_ROWS + 1
    for points in re.findall(r'points="([^"]*)"', html):
        assert len(points.split()) <= charts.MAX_POINTS


def test_bloom_chart_marks_the_filter_on_its_curve() -> None:
    # 10 bits per item, 7 hashes: 0.819%, about 1 in 122 (the Pei Cao table)
    html = widget.chart("bloom", {"items": "1M", "bits": "10M"})
    assert "10 bits: 1 in 122" in html
    assert "<td>7</td><td>0.819%</td>" in html  # the 10-bit row of the table


def test_availability_axis_reads_as_nines() -> None:
    html = widget.chart("availability", {})
    assert "1 nines" not in html and "<td>1 nine</td>" in html and "<td>6 nines</td>" in html
    assert ">10s<" not in html  # no y label in the corner next to the first x label


CHARTED_PAGES = ["", *(c.page.removesuffix(".md") + "/" for c in calculators() if c.chart)]

# The smallest text of every chart as rendered (font size × the SVG's scale), and any text
# running outside its SVG (a clipped label).
MEASURE = """() => [...document.querySelectorAll('svg.sd-chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')];
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const out = texts.filter(t => {
    const r = t.getBoundingClientRect();
    return r.width && (r.left < box.left - 1 || r.right > box.right + 1);
  }).map(t => t.textContent);
  return {smallest: Math.min(...sizes), outside: out};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_chart_text_is_readable_and_inside_at_phone_and_desk_width(
    browser: Any, base_url: str, width: int
) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False)
    try:
        page = ctx.new_page()
        for path in CHARTED_PAGES:
            page.goto(base_url + path)
            found = page.evaluate(MEASURE)
            assert found, f"no chart on /{path}"
            for chart in found:
                assert chart["smallest"] >= 12, (path, width, chart)
                assert chart["outside"] == [], (path, width, chart)
            caption = page.evaluate(
                """() => { const c = document.querySelector('svg.sd-chart + figcaption');
                const s = getComputedStyle(c), m = getComputedStyle(c.querySelector('summary'));
                return [s.fontStyle, s.textAlign, m.fontWeight, m.fontStyle]; }"""
            )
            assert caption == ["normal", "left", "400", "normal"], (path, caption)
    finally:
        ctx.close()


@pytest.mark.parametrize(
    "module",
    [charts, composite, plan, availability, ratelimit, griffe_doctest],
    ids=lambda module: module.__name__,
)
def test_docstring_examples_run(module: ModuleType) -> None:
    failed, tried = doctest.testmod(module, verbose=False)
    assert tried > 0 and failed == 0
