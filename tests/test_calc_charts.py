"""Charts: accessible inline SVG plus a text alternative, for the calculators that draw one."""

from __future__ import annotations

import re
import xml.dom.minidom

import pytest

from sysdesign_core import widget

CHARTED = {
    "availability": {"availability": "99.95%"},
    "capacity": {"retention_years": "2.5"},
    "scaling": {"coherency": "0"},
    "tail_latency": {"fanout": "5000"},
    "rate_limiter": {"trace": "steady"},
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
    assert "<figcaption>" in html and "<table" in html and '<th scope="col">' in html
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
