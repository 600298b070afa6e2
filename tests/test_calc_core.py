"""Unit and property tests of the core calculators, with published references."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_core import InputError, calculators, run
from sysdesign_core.ids import snowflake_layout
from sysdesign_core.latency import servers_needed, slow_fraction
from sysdesign_core.reliability import parallel, quorum_availability, serial
from sysdesign_core.scaling import NO_PEAK, peak_nodes, usl_speedup
from sysdesign_core.sizing import cache_size, shard_counts, transfer_time
from sysdesign_core.units import YEAR

CONTRACT = {
    "composite": (("components", "mode"), ("availability", "downtime_year")),
    "quorum": (("availability", "nodes", "required"), ("availability", "downtime_year")),
    "downtime": (("downtime", "window"), ("availability", "nines")),
    "error_budget": (("slo", "window", "downtime_so_far"), ("budget", "remaining", "burned")),
    "durability": (("durability", "objects"), ("expected_losses_per_year",)),
    "tail_latency": (("fanout", "slow_probability"), ("slow_fraction",)),
    "servers": (
        ("peak_qps", "latency", "concurrency_per_server", "target_utilization"),
        ("in_flight", "per_server_qps", "servers"),
    ),
    "cache": (
        ("read_qps", "object_size", "hot_fraction", "window", "node_memory"),
        ("cache_size", "nodes"),
    ),
    "shards": (
        ("storage_total", "shard_storage", "write_qps", "shard_write_qps"),
        ("shards_for_storage", "shards_for_writes", "shards"),
    ),
    "fanout": (("posts_per_second", "avg_followers"), ("deliveries_per_second",)),
    "snowflake": (
        ("timestamp_bits", "node_bits", "sequence_bits", "tick"),
        ("lifetime", "ids_per_second_per_node", "nodes"),
    ),
    "scaling": (("nodes", "contention", "coherency"), ("speedup", "efficiency", "peak_nodes")),
    "transfer": (("size", "bandwidth"), ("duration",)),
}


def out(calc_id: str, name: str, **inputs: str) -> float:
    return float(run(calc_id, inputs)["outputs"][name]["value"])


def bad(calc_id: str, **inputs: str) -> InputError:
    with pytest.raises(InputError) as caught:
        run(calc_id, inputs)
    return caught.value


@pytest.mark.parametrize("calc_id", sorted(CONTRACT))
def test_contract_names(calc_id: str) -> None:
    calc = next(c for c in calculators() if c.id == calc_id)
    inputs, outputs = CONTRACT[calc_id]
    assert set(inputs) <= {item.name for item in calc.inputs}
    assert set(outputs) <= {item.name for item in calc.outputs}
    assert calc.page == f"calculators/{calc_id}.md"


def test_registration_order_starts_with_capacity_and_availability() -> None:
    ids = [calc.id for calc in calculators()]
    assert ids[:2] == ["capacity", "availability"]
    assert set(CONTRACT) | {"rate_limiter"} <= set(ids)


@pytest.mark.parametrize("calc", calculators(), ids=lambda calc: calc.id)
def test_defaults_give_finite_outputs(calc: object) -> None:
    result = run(calc.id, {})  # type: ignore[attr-defined]
    for value in result["outputs"].values():
        assert math.isfinite(value["value"])
        assert value["text"]


# --- references ------------------------------------------------------------------------


def test_composite_serial_two_three_nines() -> None:
    # Two 99.9% components in series: 0.999² = 0.998001 (product rule for serial systems).
    assert out("composite", "availability", components="99.9%, 99.9%") == pytest.approx(0.998001)


def test_composite_parallel() -> None:
    # Two 99% components in parallel: 1 − 0.01² = 99.99%.
    value = out("composite", "availability", components="99%,99%", mode="parallel")
    assert value == pytest.approx(0.9999)


def test_quorum_two_of_three_at_99() -> None:
    # 2-of-3 at 99% per replica: 1 − (0.01³ + 3·0.99·0.01²) = 99.9702% (binomial).
    assert out("quorum", "availability") == pytest.approx(0.999702)


def test_tail_latency_dean_barroso() -> None:
    # Dean & Barroso, "The Tail at Scale", CACM 56(2), 2013: with 1% of replies slow (p99)
    # and a fan-out of 100, 63% of requests wait on a slow reply.
    value = out("tail_latency", "slow_fraction", fanout="100", slow_probability="1%")
    assert value == pytest.approx(0.634, abs=5e-4)


def test_snowflake_twitter_layout() -> None:
    # Twitter's Snowflake (github.com/twitter-archive/snowflake, 2010): 41-bit ms timestamp
    # lasts 2^41 ms ≈ 69.7 years; 10 node bits = 1024 nodes; 12 sequence bits = 4096 per ms.
    result = run("snowflake", {})["outputs"]
    assert result["lifetime"]["value"] / YEAR == pytest.approx(69.7, abs=0.05)
    assert result["nodes"]["value"] == 1024
    assert result["ids_per_second_per_node"]["value"] == pytest.approx(4_096_000)


def test_transfer_one_terabyte_over_gigabit() -> None:
    # 1 TB = 8×10^12 bits; at 10^9 bit/s that is 8,000 s (SI units throughout).
    assert out("transfer", "duration", size="1TB", bandwidth="1Gbps") == pytest.approx(8000)
    assert out("transfer", "duration", size="1TB", bandwidth="125MB/s") == pytest.approx(8000)


def test_durability_eleven_nines() -> None:
    # AWS S3 FAQ: at 11 nines, storing 10,000,000 objects you can expect to lose one object
    # once every 10,000 years on average, i.e. 1e-4 objects a year.
    value = out("durability", "expected_losses_per_year", objects="10M")
    assert value == pytest.approx(1e-4, rel=1e-6)


def test_error_budget_three_nines_thirty_days() -> None:
    # 99.9% over 30 days allows 43.2 minutes (0.1% of 43,200 minutes).
    result = run("error_budget", {"downtime_so_far": "21m 36s"})["outputs"]
    assert result["budget"]["value"] == pytest.approx(43.2 * 60)
    assert result["remaining"]["value"] == pytest.approx(21.6 * 60)
    assert result["burned"]["value"] == pytest.approx(0.5)


def test_error_budget_overspent_goes_negative() -> None:
    result = run("error_budget", {"downtime_so_far": "1h"})["outputs"]
    assert result["remaining"]["value"] < 0
    assert result["remaining"]["text"].startswith("-")
    assert result["burned"]["value"] > 1


def test_servers_littles_law() -> None:
    # Little's law L = λW: 10K/s at 100 ms keeps 1,000 requests in flight.
    assert servers_needed(10_000, 0.1, 100, 0.7) == (pytest.approx(1000), 700.0, 15)


def test_cache_and_shards_and_usl_examples() -> None:
    assert cache_size(100_000, 1_000, 0.2, 86_400) == pytest.approx(1.728e12)
    assert out("cache", "nodes") == 27  # 1.728 TB / 64 GB = 27
    assert shard_counts(10e12, 2e12, 12_000, 5_000) == (5, 3, 5)
    assert shard_counts(6e12, 2e12, 0, 5_000) == (3, 0, 3)  # exact division: no extra shard
    assert peak_nodes(0.05, 0.001) == pytest.approx(math.sqrt(950))
    assert peak_nodes(0.05, 0.0) == NO_PEAK


def test_fanout_push_and_hybrid() -> None:
    assert out("fanout", "deliveries_per_second") == pytest.approx(2e6)
    assert out("fanout", "hybrid_deliveries_per_second") == pytest.approx(1.5e6)


# --- impossible inputs -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("calc_id", "inputs", "name"),
    [
        ("composite", {"components": "99.9%, 150%"}, "components"),
        ("composite", {"components": "99.9%, abc"}, "components"),
        ("composite", {"components": " , "}, "components"),
        ("composite", {"mode": "sideways"}, "mode"),
        ("quorum", {"required": "4"}, "required"),
        ("quorum", {"nodes": "0"}, "nodes"),
        ("quorum", {"availability": "101%"}, "availability"),
        ("downtime", {"downtime": "2d", "window": "1d"}, "downtime"),
        ("downtime", {"window": "0s"}, "window"),
        ("error_budget", {"slo": "100%"}, "slo"),
        ("error_budget", {"downtime_so_far": "40d"}, "downtime_so_far"),
        ("durability", {"durability": "101%"}, "durability"),
        ("tail_latency", {"slow_probability": "1.5"}, "slow_probability"),
        ("tail_latency", {"fanout": "0"}, "fanout"),
        ("servers", {"latency": "0ms"}, "latency"),
        ("servers", {"concurrency_per_server": "0"}, "concurrency_per_server"),
        ("cache", {"node_memory": "0GB"}, "node_memory"),
        ("shards", {"shard_storage": "0TB"}, "shard_storage"),
        ("shards", {"shard_write_qps": "0"}, "shard_write_qps"),
        ("fanout", {"celebrity_share": "10%"}, "celebrity_share"),
        ("snowflake", {"timestamp_bits": "50"}, "timestamp_bits"),
        ("snowflake", {"node_bits": "2.5"}, "node_bits"),
        ("scaling", {"nodes": "0"}, "nodes"),
        ("scaling", {"contention": "2"}, "contention"),
        ("transfer", {"bandwidth": "0Gbps"}, "bandwidth"),
        ("transfer", {"size": "1Tb"}, "size"),
        ("rate_limiter", {"trace": "1, x"}, "trace"),
    ],
)
def test_impossible_inputs_name_the_input(calc_id: str, inputs: dict[str, str], name: str) -> None:
    error = bad(calc_id, **inputs)
    assert error.name == name
    assert str(error).startswith(f"{name}: ")


# --- properties ------------------------------------------------------------------------

availabilities = st.floats(min_value=0.5, max_value=0.999999, allow_nan=False)
probabilities = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(st.lists(availabilities, min_size=1, max_size=6))
def test_serial_below_parallel_and_bounds(parts: list[float]) -> None:
    low, high = serial(parts), parallel(parts)
    assert 0 <= low <= min(parts) + 1e-12
    assert max(parts) - 1e-12 <= high <= 1
    assert low <= high + 1e-12


@given(availabilities, st.integers(min_value=1, max_value=9), st.data())
def test_quorum_monotone_in_required(a: float, nodes: int, data: st.DataObject) -> None:
    required = data.draw(st.integers(min_value=1, max_value=nodes))
    here = quorum_availability(a, nodes, required)
    assert 0 <= here <= 1
    if required < nodes:
        assert quorum_availability(a, nodes, required + 1) <= here + 1e-12
    # one of one is the replica itself; all of n is the serial product
    assert quorum_availability(a, 1, 1) == pytest.approx(a)
    assert quorum_availability(a, nodes, nodes) == pytest.approx(a**nodes)
    assert quorum_availability(a, nodes, 1) == pytest.approx(parallel([a] * nodes))


@settings(max_examples=60)
@given(st.floats(min_value=0.5, max_value=0.9999999, allow_nan=False))
def test_availability_downtime_inverse(a: float) -> None:
    down = run("availability", {"availability": repr(a)})["outputs"]["downtime_year"]["value"]
    back = run("downtime", {"downtime": repr(down), "window": "1y"})["outputs"]
    assert back["availability"]["value"] == pytest.approx(a, abs=1e-12)
    assert back["nines"]["value"] == pytest.approx(-math.log10(1 - a), rel=1e-6)


@given(probabilities, st.integers(min_value=1, max_value=10_000))
def test_tail_latency_bounds_and_monotone(p: float, fanout: int) -> None:
    here = slow_fraction(fanout, p)
    assert p - 1e-12 <= here <= 1
    assert slow_fraction(fanout + 1, p) >= here - 1e-12


@given(
    st.floats(min_value=1, max_value=1e4),
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0, max_value=0.1),
)
def test_usl_bounds(nodes: float, sigma: float, kappa: float) -> None:
    speedup = usl_speedup(nodes, sigma, kappa)
    assert 0 < speedup <= nodes + 1e-9
    assert usl_speedup(1, sigma, kappa) == pytest.approx(1)
    peak = peak_nodes(sigma, kappa)
    assert 1 <= peak <= NO_PEAK
    if kappa > 0 and peak > 2:
        assert usl_speedup(peak, sigma, kappa) >= speedup - 1e-9


@given(
    st.floats(min_value=1e3, max_value=1e15),
    st.floats(min_value=1e3, max_value=1e12),
)
def test_transfer_linear(size: float, bandwidth: float) -> None:
    assert transfer_time(2 * size, bandwidth) == pytest.approx(2 * transfer_time(size, bandwidth))
    assert transfer_time(size, 2 * bandwidth) == pytest.approx(transfer_time(size, bandwidth) / 2)


@given(
    st.integers(min_value=1, max_value=50),
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=0, max_value=12),
)
def test_snowflake_doubles_per_bit(ts: int, node: int, seq: int) -> None:
    layout = snowflake_layout(ts, node, seq, 0.001)
    longer = snowflake_layout(ts + 1, node, seq, 0.001)
    assert longer.lifetime == pytest.approx(2 * layout.lifetime)
    assert layout.nodes == 2**node


@given(
    st.floats(min_value=1, max_value=1e7),
    st.floats(min_value=1e-4, max_value=10),
    st.integers(min_value=1, max_value=10_000),
    st.floats(min_value=0.05, max_value=1),
)
def test_servers_cover_the_load(qps: float, latency: float, conc: int, util: float) -> None:
    _, per_server, count = servers_needed(qps, latency, conc, util)
    assert count * per_server >= qps * (1 - 1e-9)
    assert (count - 1) * per_server < qps or count == 1


def test_json_outputs_are_valid_json_numbers() -> None:
    import json

    for inputs in ({"coherency": "0"}, {"coherency": "0", "contention": "0"}):
        text = json.dumps(run("scaling", inputs), allow_nan=False)
        assert "peak_nodes" in text
