"""Composite availability: the topology expression, the old comma list, the diagram."""

from __future__ import annotations

import math
import xml.dom.minidom

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_core import InputError, composite, run, widget
from sysdesign_core.composite import (
    MAX_COMPONENTS,
    MAX_DEPTH,
    Component,
    Group,
    composite_availability,
    describe,
    parse_topology,
)


def availability(**inputs: str) -> float:
    return float(run("composite", inputs)["outputs"]["availability"]["value"])


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("99.9%", 0.999),
        ("99.9% * 99.9%", 0.999 * 0.999),
        ("99% | 99%", 1 - 0.01 * 0.01),
        ("99.99% * (99.9% | 99.9%) * 99.95%", 0.9999 * (1 - 0.001**2) * 0.9995),
        # * binds tighter than |: (a * b) | c
        ("90% * 90% | 90%", 1 - (1 - 0.81) * 0.1),
        ("(90% * 90%) | 90%", 1 - (1 - 0.81) * 0.1),
        ("90% * (90% | 90%)", 0.9 * (1 - 0.01)),
        ("((99%))", 0.99),
        ("3 nines * (0.99 | 2 nines | 99%)", 0.999 * (1 - 0.01**3)),
        ("  99.9%*(99.9%|99.9%)  ", 0.999 * (1 - 0.001**2)),
    ],
)
def test_expression_values(expression: str, expected: float) -> None:
    assert availability(components=expression) == pytest.approx(expected, rel=1e-12)


def test_load_balancer_two_apps_primary_and_replica() -> None:
    # LB → two app servers (one enough) → a primary database with a replica (one enough).
    value = availability(components="99.99% * (99.9% | 99.9%) * (99.95% | 99.95%)")
    assert value == pytest.approx(0.9999 * (1 - 1e-6) * (1 - 0.0005**2))
    result = run("composite", {"components": "99.99% * (99.9% | 99.9%) * (99.95% | 99.95%)"})
    assert result["outputs"]["components_count"]["value"] == 5


def test_the_comma_list_and_mode_work_as_before() -> None:
    assert availability(components="99.9%, 99.9%") == pytest.approx(0.998001)
    assert availability(components="99.9%, 99.9%", mode="serial") == pytest.approx(0.998001)
    assert availability(components="99%,99%", mode="parallel") == pytest.approx(0.9999)
    assert availability() == pytest.approx(0.998001)  # the defaults are unchanged
    # an expression ignores the mode
    assert availability(components="99% * 99%", mode="parallel") == pytest.approx(0.9801)


def test_tree_and_description() -> None:
    tree = parse_topology("99.99% * (99.9% | 99.9%) * 99.95%")
    assert isinstance(tree, Group) and tree.mode == "serial"
    assert isinstance(tree.parts[1], Group) and tree.parts[1].mode == "parallel"
    assert [leaf.availability for leaf in tree.leaves()] == pytest.approx(
        [0.9999, 0.999, 0.999, 0.9995]
    )
    assert describe(tree) == "99.99% * (99.9% | 99.9%) * 99.95%"
    assert describe(parse_topology("90% * 90% | 90%")) == "90% * 90% | 90%"
    assert describe(parse_topology("(90% | 90%) | 90%")) == "(90% | 90%) | 90%"
    assert isinstance(composite_availability("99.9%"), Component)


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("99.9% * (99.9% | 99.9%", "never closed"),
        ("99.9% *", "ends where an availability should be"),
        ("* 99.9%", "'*' where an availability should be"),
        ("99.9% ) * 99.9%", "')' where an operator or the end should be"),
        ("99.9% | | 99.9%", "'|' where an availability should be"),
        ("()", "')' where an availability should be"),
        ("99.9%, 99.9% | 99%", "comma"),
        ("99.9% * abc", "'abc'"),
        ("99.9% * 150%", "'150%'"),
        ("(" * (MAX_DEPTH + 1) + "99%" + ")" * (MAX_DEPTH + 1), "levels"),
        (" | ".join(["99%"] * (MAX_COMPONENTS + 1)), "more than"),
        ("99% * " * 400 + "99%", "too long"),
    ],
)
def test_bad_expressions_say_what_is_wrong_in_one_line(expression: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        run("composite", {"components": expression})
    assert caught.value.name == "components"
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bad_list_items_still_name_the_input() -> None:
    for raw in ("99.9%, abc", " , ", "99.9%, 150%"):
        with pytest.raises(InputError) as caught:
            run("composite", {"components": raw})
        assert caught.value.name == "components"


def test_a_decimal_comma_in_an_expression_is_refused_with_the_usual_hint() -> None:
    # It used to say "has a comma in '99,9%': join parts with * or |".
    with pytest.raises(InputError) as caught:
        run("composite", {"components": "99,9% * (99.9% | 99.9%)"})
    assert caught.value.name == "components"
    assert "has a comma between two digits ('9,9')" in caught.value.message
    with pytest.raises(InputError) as ladder:  # the words of every list input
        run("video", {"ladder": "1,5Mbps, 3Mbps"})
    assert caught.value.accepted == ladder.value.accepted


def test_a_list_longer_than_the_most_components_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        run("composite", {"components": ", ".join(["99%"] * (MAX_COMPONENTS + 1))})
    assert caught.value.name == "components"
    assert f"list at most {MAX_COMPONENTS}" in caught.value.message


def test_the_topology_is_parsed_once_per_request(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []

    class Counting(composite._Parser):
        def __init__(self, raw: str) -> None:
            parsed.append(raw)
            super().__init__(raw)

    monkeypatch.setattr(composite, "_Parser", Counting)
    expression = "99.99% * (99.9% | 99.9%)"
    reply = widget.respond("composite", {"components": expression})  # readings, numbers, chart
    assert reply["ok"] and reply["chart"]
    assert reply["readings"]["components"] == "= 3 components: 99.99% * (99.9% | 99.9%)"
    assert parsed == [expression]
    parsed.clear()
    run("composite", {"components": expression})
    assert parsed == [expression]


def test_a_comma_list_is_parsed_once_per_request(parse_list_calls: list[str]) -> None:
    calls = parse_list_calls
    reply = widget.respond("composite", {"components": "99%, 99%", "mode": "parallel"})
    assert reply["ok"] and "any one enough" in reply["chart"]
    assert calls == ["99%, 99%"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789.% ()*|,-eninsa9")), max_size=60)
    | st.text(max_size=40),
    st.sampled_from(["serial", "parallel"]),
)
def test_any_text_gives_a_result_or_one_input_error(raw: str, mode: str) -> None:
    try:
        result = run("composite", {"components": raw, "mode": mode})
    except InputError as error:
        assert error.name == "components"
        assert "\n" not in str(error)
        return
    for output in result["outputs"].values():
        assert math.isfinite(output["value"])
    assert 0.0 <= result["outputs"]["availability"]["value"] <= 1.0


def test_diagram_is_accessible_svg_with_every_group() -> None:
    html = widget.chart("composite", {"components": "99.99% * (99.9% | 99.9%) * 99.95%"})
    svg = html[: html.index("</svg>") + 6]
    root = xml.dom.minidom.parseString(svg).documentElement
    assert root.getAttribute("role") == "img"
    assert root.getElementsByTagName("title")[0].firstChild is not None
    assert len(root.getElementsByTagName("rect")) == 4  # one box per component
    assert "99.99% * (99.9% | 99.9%) * 99.95%" in html  # the whole, in the table and desc
    assert "(99.9% | 99.9%)" in html and "any one enough" in html
    assert "\n" not in html


def test_diagram_of_a_comma_list_and_a_single_component() -> None:
    assert "all needed" in widget.chart("composite", {"components": "99%, 99%"})
    assert "any one enough" in widget.chart(
        "composite", {"components": "99%, 99%", "mode": "parallel"}
    )
    assert "one component" in widget.chart("composite", {"components": "99%"})


def test_a_wide_group_draws_a_few_parts_and_says_how_many_more() -> None:
    html = widget.chart("composite", {"components": ", ".join(["99.9%"] * 10), "mode": "parallel"})
    svg = html[: html.index("</svg>") + 6]
    root = xml.dom.minidom.parseString(svg).documentElement
    assert float(root.getAttribute("width")) <= 400  # stays legible on a phone
    assert "+7 more" in svg
    assert html.count("99.9%") >= 10  # the table still lists every part
    long_chain = widget.chart("composite", {"components": " * ".join(["99%"] * 30)})
    assert "+19 more" in long_chain
