"""The failure calculators (``retry_amplification``, ``queue_drain``, ``headroom``) against
their sources' figures, and the answers they give where a design cannot work."""

from __future__ import annotations

import xml.dom.minidom

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_core import InputError, run, widget
from sysdesign_core.overload import consumers_needed, drain_time, instances_needed


def out(result: dict, name: str) -> float:
    return float(result["outputs"][name]["value"])


# --- retry_amplification -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("layers", "attempts", "expected"),
    [
        ("3", "3", 27),  # three layers, three attempts each
        # Google SRE book, "Addressing Cascading Failures": JavaScript, frontend and backend
        # each issue 3 retries (4 attempts): "64 attempts (4^3) on the database".
        ("3", "4", 64),
        # Amazon Builders' Library, "Timeouts, retries, and backoff with jitter": five layers
        # of three tries each, "the load on the database will increase 243x".
        ("5", "3", 243),
        ("1", "1", 1),
    ],
)
def test_attempts_multiply_across_layers(layers: str, attempts: str, expected: float) -> None:
    result = run("retry_amplification", {"layers": layers, "attempts": attempts})
    assert out(result, "amplification") == pytest.approx(expected)
    assert out(result, "unbudgeted_amplification") == pytest.approx(expected)
    assert out(result, "deepest_load") == pytest.approx(1000 * expected)  # default 1K/s


def test_sre_handling_overload_figures() -> None:
    # "Handling Overload": three attempts per request lets load grow to almost 3X; a 10%
    # per-client retry budget "reduces the growth to just 1.1x".
    three = run("retry_amplification", {"layers": "1", "attempts": "3"})
    assert out(three, "amplification") == pytest.approx(3)
    budget = run("retry_amplification", {"layers": "1", "attempts": "3", "retry_budget": "10%"})
    assert out(budget, "amplification") == pytest.approx(1.1)
    assert budget["outputs"]["amplification"]["text"] == "1.1"


def test_budget_bounds_every_layer() -> None:
    result = run("retry_amplification", {"layers": "3", "attempts": "3", "retry_budget": "10%"})
    assert out(result, "amplification") == pytest.approx(1.1**3)
    assert out(result, "one_layer_amplification") == pytest.approx(1.1)
    assert out(result, "unbudgeted_amplification") == pytest.approx(27)
    # A budget larger than the attempts allow changes nothing; no retries at all is 1×.
    loose = run("retry_amplification", {"attempts": "2", "retry_budget": "100%"})
    assert out(loose, "amplification") == pytest.approx(8)
    none = run("retry_amplification", {"retry_budget": "0%"})
    assert out(none, "amplification") == pytest.approx(1)


def test_an_impossible_amplification_names_an_input() -> None:
    with pytest.raises(InputError) as caught:
        run("retry_amplification", {"layers": "30", "attempts": "100"})
    assert caught.value.name in ("layers", "attempts")


# --- queue_drain -----------------------------------------------------------------------------


def test_drain_time_and_consumers_needed() -> None:
    result = run(
        "queue_drain",
        {"backlog": "1M", "arrival_rate": "5K/s", "consumers": "10", "consumer_rate": "1K/s"},
    )
    assert out(result, "drain_time") == pytest.approx(200)  # 1M ÷ (10K/s − 5K/s)
    assert result["outputs"]["drain_time"]["text"] == "3m 20s"
    assert out(result, "spare_rate") == pytest.approx(5000)
    assert out(result, "utilization") == pytest.approx(0.5)
    # within 10 minutes: (5K/s + 1M ÷ 600 s) ÷ 1K/s = 6.67, so 7 consumers
    assert out(result, "consumers_needed") == 7


def test_consumers_needed_drain_within_the_target() -> None:
    needed = consumers_needed(backlog=3e6, arrival_rate=2e3, consumer_rate=500, target=900)
    assert drain_time(3e6, 2e3, needed, 500) <= 900
    assert drain_time(3e6, 2e3, needed - 1, 500) > 900 or needed - 1 <= 2e3 / 500


def test_a_queue_that_never_drains_says_why() -> None:
    with pytest.raises(InputError) as caught:
        run(
            "queue_drain",
            {"backlog": "1M", "arrival_rate": "5K/s", "consumers": "4", "consumer_rate": "1K/s"},
        )
    error = caught.value
    assert error.name == "consumers"
    assert len(error.errors) == 1
    message = str(error)
    assert "\n" not in message
    assert "arrivals of 5,000/s outpace 4 consumers × 1,000/s = 4,000/s" in message
    assert "add consumers" in message
    assert "7 drain it within 10m" in message


def test_arrivals_equal_to_capacity_never_drain_either() -> None:
    with pytest.raises(InputError, match="equal 5 consumers"):
        run("queue_drain", {"consumers": "5"})


def test_drain_chart_is_accessible() -> None:
    html = widget.chart("queue_drain", {})
    svg = html[: html.index("</svg>") + 6]
    root = xml.dom.minidom.parseString(svg).documentElement
    assert root.getAttribute("role") == "img"
    assert "<table" in html and "\n" not in html
    assert "needed: 7" in html and "yours: 10" in html


# --- headroom --------------------------------------------------------------------------------


def test_losing_one_of_three_zones() -> None:
    result = run("headroom", {"instances": "3", "lost": "1", "utilization": "60%"})
    assert out(result, "utilization_after") == pytest.approx(0.9)
    assert out(result, "safe_utilization") == pytest.approx(0.8 * 2 / 3)
    assert out(result, "load_factor") == pytest.approx(1.5)
    assert out(result, "survivors") == 2
    assert out(result, "instances_needed") == 4  # 1.8 instances of work ÷ 80% + 1 lost


def test_overload_is_shown_not_refused() -> None:
    result = run("headroom", {"instances": "2", "lost": "1", "utilization": "70%"})
    assert out(result, "utilization_after") == pytest.approx(1.4)
    assert result["outputs"]["utilization_after"]["text"] == "140%"


def test_losing_every_instance_says_why() -> None:
    with pytest.raises(InputError) as caught:
        run("headroom", {"instances": "3", "lost": "3"})
    assert caught.value.name == "lost"
    assert "leaves none of the 3 instances" in str(caught.value)
    with pytest.raises(InputError, match="lost"):
        run("headroom", {"instances": "3", "lost": "5"})


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=1000),
    st.integers(min_value=0, max_value=999),
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0.05, max_value=1),
)
def test_instances_needed_keep_the_ceiling(n: int, lost: int, u: float, ceiling: float) -> None:
    needed = instances_needed(u, n, lost, ceiling)
    assert needed > lost
    assert u * n / (needed - lost) <= ceiling * (1 + 1e-9)
