"""Onward links carry every input they can derive, exact and in the site's notation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_core import InputError, run
from sysdesign_core.onward import onward_inputs


def test_the_cost_link_prices_the_estimate_with_everything_it_gives() -> None:
    result = run("capacity", {"dau": "20M"})
    links = onward_inputs(result)
    out = {name: o["value"] for name, o in result["outputs"].items()}
    cost = run("cost", links["cost"])["inputs"]
    assert cost["dau"] == 20e6
    assert cost["peak_qps"] == pytest.approx(out["peak_read_qps"] + out["peak_write_qps"], 1e-12)
    assert cost["storage"] == pytest.approx(out["storage_total"], rel=1e-12)
    assert cost["egress"] == pytest.approx(out["egress"] * 8, rel=1e-12)  # bits per second
    cache = run("cache", links["cache"])["outputs"]["cache_size"]["value"]
    assert cost["cache_memory"] == pytest.approx(cache, rel=1e-12)  # sized for 20M, not 500M
    assert links["cost"]["storage"] == "43.83TB"  # the site's notation, not 43830000000000B


@settings(max_examples=60, deadline=None)
@given(
    dau=st.sampled_from(["1K", "20M", "500M", "2B", "7.3M"]),
    ratio=st.sampled_from(["1", "10", "100", "0.5"]),
    record=st.sampled_from(["1B", "200B", "1.5KB", "4MB"]),
)
def test_every_onward_input_reads_back_to_the_figure(dau: str, ratio: str, record: str) -> None:
    result = run("capacity", {"dau": dau, "read_write_ratio": ratio, "record_size": record})
    for target, inputs in onward_inputs(result).items():
        try:
            run(target, inputs)
        except InputError as error:  # a figure past the next calculator's bounds says so
            assert error.name in inputs, (target, inputs)
        for text in inputs.values():
            assert len(text) <= 20, (target, inputs)
