"""The ``cost`` calculator: list prices from the catalog, multiplied out by hand as reference."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_core import InputError, catalog, run
from sysdesign_core.cost import EGRESS_TIERS, OBJECT_STORAGE_TIERS, format_usd, price, tiered

HOURS = 365.25 * 24 / 12  # 730.5 hours in a month
MONTH = HOURS * 3600

NOTHING = {
    "dau": "1",
    "peak_qps": "0",
    "cache_memory": "0",
    "storage": "0",
    "egress": "0",
    "inter_zone": "0",
    "requests": "0",
}


def cost(**inputs: str) -> dict[str, float]:
    result = run("cost", {**NOTHING, **inputs})
    return {name: out["value"] for name, out in result["outputs"].items()}


def test_one_small_server_is_the_floor() -> None:
    lines = cost()
    assert lines["servers"] == 1
    # m7g.large: $0.0816 an hour (AWS list price, us-east-1).
    assert lines["compute_cost"] == pytest.approx(0.0816 * HOURS)
    assert lines["monthly_total"] == pytest.approx(0.0816 * HOURS)


def test_servers_round_up_to_cover_the_peak() -> None:
    assert cost(peak_qps="7000", qps_per_server="700")["servers"] == 10
    assert cost(peak_qps="7001", qps_per_server="700")["servers"] == 11


def test_storage_by_class() -> None:
    assert cost(storage="1TB", storage_class="object")["storage_cost"] == pytest.approx(23.0)
    assert cost(storage="1TB", storage_class="block")["storage_cost"] == pytest.approx(80.0)


def test_object_storage_is_tiered() -> None:
    # S3 Standard, us-east-1 (2026): $0.023 per GB-month for the first 50 TB, $0.022 for the
    # next 450 TB, $0.021 past 500 TB. 600 TB: 50,000 GB x 0.023 + 450,000 GB x 0.022
    # + 100,000 GB x 0.021 = 1,150 + 9,900 + 2,100.
    assert cost(storage="600TB", storage_class="object")["storage_cost"] == pytest.approx(13_150)
    assert tiered(600e12, OBJECT_STORAGE_TIERS) == pytest.approx(13_150)
    # Inside the first tier nothing changes: 50 TB at $0.023.
    assert cost(storage="50TB", storage_class="object")["storage_cost"] == pytest.approx(1_150)
    # Block volumes are not tiered: 600 TB of gp3 at $0.08.
    assert cost(storage="600TB", storage_class="block")["storage_cost"] == pytest.approx(48_000)


def test_cache_nodes_of_16_gib() -> None:
    lines = cost(cache_memory="32GiB")
    assert lines["cache_nodes"] == 2
    assert lines["memory_cost"] == pytest.approx(2 * 0.1071 * HOURS)
    assert cost(cache_memory="34400000000B")["cache_nodes"] == 3  # just over 32 GiB


def test_egress_is_tiered() -> None:
    # 60 TB: 10 TB at $0.09, 40 TB at $0.085, 10 TB at $0.07 per GB.
    assert tiered(60e12, EGRESS_TIERS) == pytest.approx(900 + 3400 + 700)
    # 200 TB: the first 150 TB cost $11,300, the rest $0.05 per GB.
    assert tiered(200e12, EGRESS_TIERS) == pytest.approx(11_300 + 50_000 * 0.05)
    per_second = 60e12 / MONTH  # bytes per second that add up to 60 TB in a month
    lines = cost(egress=f"{per_second}B/s")
    assert lines["egress_cost"] == pytest.approx(5000)


def test_inter_zone_and_requests() -> None:
    # 1 MB/s for a month is 2,629.8 GB, at $0.01 out + $0.01 in.
    assert cost(inter_zone="1MB/s")["inter_zone_cost"] == pytest.approx(MONTH / 1000 * 0.02)
    # 100 requests a second = 262.98M a month, all in the first tier at $1.00 per million.
    assert cost(requests="100/s")["request_cost"] == pytest.approx(MONTH * 100 / 1e6)
    # 1,000 a second = 2.63B: 300M at $1.00, the rest at $0.90.
    expected = 300 + (MONTH * 1000 - 300e6) / 1e6 * 0.9
    assert cost(requests="1K/s")["request_cost"] == pytest.approx(expected)


def test_total_and_per_user() -> None:
    result = run("cost", {})
    values = {name: out["value"] for name, out in result["outputs"].items()}
    parts = [v for name, v in values.items() if name.endswith("_cost")]
    assert values["monthly_total"] == pytest.approx(sum(parts))
    assert values["per_user"] == pytest.approx(values["monthly_total"] / 500e6)
    assert result["outputs"]["monthly_total"]["unit"] == "USD"
    assert result["outputs"]["monthly_total"]["text"].startswith("$")


def test_prices_come_from_the_catalog() -> None:
    table = catalog.TABLES["cloud_prices"]
    assert table.ages
    for row in table.rows:
        assert row.source is not None and row.source.as_of >= 2024
        assert price(row.name) == row.usd > 0


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "$0"),
        (42, "$42"),
        (1234.5, "$1.23K"),
        (2400, "$2.4K"),  # a whole amount is scaled like any other, not "$2,400"
        (0.01234, "$0.0123"),
        (2.5e6, "$2.5M"),
    ],
)
def test_format_usd(value: float, text: str) -> None:
    assert format_usd(value) == text


@pytest.mark.parametrize(
    ("inputs", "name"),
    [
        ({"dau": "0"}, "dau"),
        ({"qps_per_server": "0"}, "qps_per_server"),
        ({"storage_class": "tape"}, "storage_class"),
        ({"egress": "-1MB/s"}, "egress"),
        ({"storage": "1e30B"}, "storage"),
    ],
)
def test_bad_inputs_name_the_input(inputs: dict, name: str) -> None:
    with pytest.raises(InputError) as caught:
        run("cost", inputs)
    assert caught.value.name == name


_EDGE = st.sampled_from(["0", "1e308", "1e-300", "nan", "inf", "1e18B", "1e16bps", "$5"])


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "dau",
                "peak_qps",
                "qps_per_server",
                "cache_memory",
                "storage",
                "egress",
                "inter_zone",
                "requests",
                "storage_class",
            ]
        ),
        st.one_of(st.text(max_size=10), _EDGE),
    )
)
def test_any_text_gives_finite_outputs_or_an_input_error(raw: dict) -> None:
    try:
        result = run("cost", raw)
    except InputError as error:
        assert str(error)
        return
    for output in result["outputs"].values():
        assert math.isfinite(output["value"])


def test_defaults_are_the_capacity_and_cache_defaults() -> None:
    """The page says so: the cost defaults price the capacity calculator's default estimate."""
    capacity = {k: v["value"] for k, v in run("capacity", {})["outputs"].items()}
    cache = run("cache", {})["outputs"]["cache_size"]["value"]
    inputs = run("cost", {})["inputs"]
    peak = capacity["peak_read_qps"] + capacity["peak_write_qps"]
    assert inputs["peak_qps"] == pytest.approx(peak, rel=0.01)
    assert inputs["storage"] == pytest.approx(capacity["storage_total"], rel=0.01)
    assert inputs["egress"] / 8 == pytest.approx(capacity["egress"], rel=0.01)
    assert inputs["inter_zone"] / 8 == pytest.approx(2 * capacity["ingress"], rel=0.01)
    assert inputs["cache_memory"] == pytest.approx(cache, rel=0.01)
