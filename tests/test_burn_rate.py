"""The ``burn_rate`` calculator against the SRE Workbook's multiwindow table, and its bounds."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_core import InputError, catalog, run
from sysdesign_core.burn_rate import budget_consumed, burn_rate_for, time_to_exhaustion
from sysdesign_core.units import DAY, parse_duration, parse_fraction


def out(result: dict, name: str) -> float:
    return float(result["outputs"][name]["value"])


@pytest.mark.parametrize(
    ("burn_rate", "alert_window", "consumed"),
    # Google SRE Workbook, "Alerting on SLOs", recommended values for a 30-day 99.9% SLO.
    [("14.4", "1h", 0.02), ("6", "6h", 0.05), ("1", "3d", 0.10)],
)
def test_sre_workbook_multiwindow_table(burn_rate: str, alert_window: str, consumed: float) -> None:
    result = run(
        "burn_rate",
        {"slo": "99.9%", "window": "30d", "burn_rate": burn_rate, "alert_window": alert_window},
    )
    assert out(result, "budget_consumed") == pytest.approx(consumed)
    assert out(result, "time_to_exhaustion") == pytest.approx(30 * DAY / float(burn_rate))


def test_catalog_table_agrees_with_the_calculator() -> None:
    table = catalog.TABLES["burn_rate_alerts"]
    assert len(table.rows) == 3
    for row in table.rows:
        result = run(
            "burn_rate",
            {"window": "30d", "burn_rate": row.burn_rate, "alert_window": row.long_window},
        )
        assert out(result, "budget_consumed") == pytest.approx(parse_fraction(row.budget_consumed))
        # The short window is a twelfth of the long one, as the workbook recommends.
        assert parse_duration(row.short_window) == pytest.approx(
            parse_duration(row.long_window) / 12
        )


def test_texts_and_error_rate() -> None:
    result = run("burn_rate", {})
    assert result["outputs"]["budget_consumed"]["text"] == "2%"
    assert result["outputs"]["time_to_exhaustion"]["text"] == "2d 2h"
    assert result["outputs"]["error_rate"]["text"] == "1.44%"
    assert result["outputs"]["budget_consumed"]["unit"] == "fraction"
    assert result["outputs"]["time_to_exhaustion"]["unit"] == "s"


def test_overspending_is_shown_not_clamped() -> None:
    result = run("burn_rate", {"burn_rate": "14.4", "alert_window": "3d"})
    assert out(result, "budget_consumed") == pytest.approx(1.44)


def test_inverse() -> None:
    assert burn_rate_for(budget_consumed(6, 6 * 3600, 30 * DAY), 6 * 3600, 30 * DAY) == (
        pytest.approx(6)
    )
    assert time_to_exhaustion(1, 30 * DAY) == 30 * DAY


@pytest.mark.parametrize(
    ("inputs", "name", "words"),
    [
        ({"slo": "100%"}, "slo", "no error budget"),
        ({"alert_window": "31d"}, "alert_window", "longer than the SLO window"),
        ({"slo": "99%", "burn_rate": "101"}, "burn_rate", "more than 100%"),
        ({"burn_rate": "0"}, "burn_rate", "below"),
        ({"burn_rate": "-3"}, "burn_rate", "negative"),
        ({"window": "0s"}, "window", "below"),
        ({"window": "1000y"}, "window", "above"),
        ({"alert_window": "abc"}, "alert_window", "duration"),
    ],
)
def test_bad_inputs_name_the_input(inputs: dict, name: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        run("burn_rate", inputs)
    assert caught.value.name == name
    assert words in str(caught.value)


@settings(max_examples=300)
@given(
    st.one_of(st.text(max_size=12), st.sampled_from(["99.9%", "5 nines", "1e-300", "100"])),
    st.one_of(st.text(max_size=12), st.sampled_from(["1m", "30d", "10y", "1e300s", "1ns"])),
    st.one_of(st.text(max_size=12), st.sampled_from(["0.001", "1e9", "1e308", "nan", "inf"])),
    st.one_of(st.text(max_size=12), st.sampled_from(["1s", "1ns", "10y", "1e-9s"])),
)
def test_any_text_gives_finite_outputs_or_an_input_error(
    slo: str, window: str, burn_rate: str, alert_window: str
) -> None:
    raw = {"slo": slo, "window": window, "burn_rate": burn_rate, "alert_window": alert_window}
    try:
        result = run("burn_rate", raw)
    except InputError as error:
        assert str(error)
        return
    for output in result["outputs"].values():
        assert math.isfinite(output["value"])
        assert output["text"]
