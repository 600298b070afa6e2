"""The foundation calculators (capacity, availability) and the registry's run()."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sysdesign_core import InputError, calculators, get, run
from sysdesign_core.units import YEAR


def out(result: dict, name: str) -> float:
    return float(result["outputs"][name]["value"])


def test_twitter_interview_rounding() -> None:
    # Seed 003: 500M users × 2 tweets/day ÷ 100,000 s = 10,000 writes/s; 1B × 200 B = 200 GB/day.
    result = run(
        "capacity",
        {
            "dau": "500M",
            "writes_per_user": "2",
            "read_write_ratio": "100",
            "record_size": "200B",
            "day_seconds": "100000",
        },
    )
    assert out(result, "write_qps") == pytest.approx(10_000)
    assert out(result, "read_qps") == pytest.approx(1_000_000)
    assert out(result, "peak_write_qps") == pytest.approx(30_000)
    assert out(result, "storage_per_day") == pytest.approx(200e9)
    assert out(result, "storage_total") == pytest.approx(200e9 * 365.25 * 5 * 3)
    assert result["outputs"]["write_qps"]["text"] == "10K/s"


def test_capacity_defaults_match_the_contract_example() -> None:
    result = run("capacity", {})
    assert result["outputs"]["write_qps"]["text"] == "11.6K/s"  # DESIGN.md's DOM example
    assert result["outputs"]["write_qps"]["unit"] == "1/s"
    assert result["outputs"]["storage_per_day"]["unit"] == "B"
    assert result["outputs"]["egress"]["unit"] == "B/s"


def test_request_and_response_size_default_to_record_size() -> None:
    base = run("capacity", {"record_size": "1KB"})
    explicit = run(
        "capacity", {"record_size": "1KB", "request_size": "1KB", "response_size": "1KB"}
    )
    assert base["outputs"] == explicit["outputs"]
    bigger = run("capacity", {"record_size": "1KB", "response_size": "10KB"})
    assert out(bigger, "egress") == pytest.approx(10 * out(base, "egress"))


@pytest.mark.parametrize(
    ("availability", "year", "month"),
    # Independent reference: 0.1% of a 365.25-day year and of a twelfth of it.
    [
        ("99.9%", "8h 45m 58s", "43m 50s"),
        ("0.999", "8h 45m 58s", "43m 50s"),
        ("3 nines", "8h 45m 58s", "43m 50s"),
        ("99.99%", "52m 36s", "4m 23s"),
        ("99.999%", "5m 16s", "26.3s"),
    ],
)
def test_availability_reference_values(availability: str, year: str, month: str) -> None:
    result = run("availability", {"availability": availability})
    assert result["outputs"]["downtime_year"]["text"] == year
    assert result["outputs"]["downtime_month"]["text"] == month


def test_availability_periods_are_consistent() -> None:
    result = run("availability", {"availability": "99%"})
    assert out(result, "downtime_year") == pytest.approx(0.01 * YEAR)
    assert out(result, "downtime_quarter") == pytest.approx(out(result, "downtime_year") / 4)
    assert out(result, "downtime_month") == pytest.approx(out(result, "downtime_year") / 12)
    assert out(result, "downtime_day") == pytest.approx(864)


@pytest.mark.parametrize("bad", ["abc", "-5", "150%", ""])
def test_bad_input_names_the_input(bad: str) -> None:
    with pytest.raises(InputError) as caught:
        run("capacity", {"dau": bad})
    assert caught.value.name == "dau"
    assert str(caught.value).startswith("dau: ")


def test_every_bad_input_is_reported() -> None:
    with pytest.raises(InputError) as caught:
        run("capacity", {"dau": "abc", "record_size": "-1"})
    assert [error.name for error in caught.value.errors] == ["dau", "record_size"]


def test_unknown_input_and_calculator() -> None:
    with pytest.raises(InputError, match="not an input"):
        run("capacity", {"users": "5"})
    with pytest.raises(KeyError, match="unknown calculator"):
        run("nope", {})


def test_every_calculator_runs_on_its_defaults() -> None:
    for calc in calculators():
        result = run(calc.id, {})
        assert set(result["outputs"]) == {o.name for o in calc.outputs}
        assert all(o["text"] for o in result["outputs"].values()), calc.id


def test_every_input_is_declared_once_with_label_and_help() -> None:
    for calc in calculators():
        names = [item.name for item in calc.inputs]
        assert len(names) == len(set(names)), calc.id
        for item in calc.inputs:
            assert item.label and item.help, (calc.id, item.name)
        assert calc.page.startswith("calculators/"), calc.id


@given(st.floats(min_value=1e3, max_value=1e10), st.floats(min_value=1.01, max_value=10))
def test_capacity_is_monotonic_in_users(dau: float, factor: float) -> None:
    low = run("capacity", {"dau": repr(dau)})
    high = run("capacity", {"dau": repr(dau * factor)})
    for name in ("write_qps", "read_qps", "storage_per_day", "storage_total", "egress"):
        assert out(high, name) > out(low, name)


@given(st.floats(min_value=0.5, max_value=0.999999), st.floats(min_value=0.5, max_value=0.999999))
def test_more_availability_never_means_more_downtime(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert out(run("availability", {"availability": repr(high)}), "downtime_year") <= out(
        run("availability", {"availability": repr(low)}), "downtime_year"
    )


def test_registry_lookup() -> None:
    assert get("capacity").input("dau").flag == "--dau"
    assert get("capacity").input("read_write_ratio").flag == "--read-write-ratio"
