"""Parsing and formatting of what people type (sysdesign_core.units)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sysdesign_core import units
from sysdesign_core.errors import ParseError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("500", 500),
        ("10K", 1e4),
        ("10k", 1e4),
        ("500M", 5e8),
        ("1.5B", 1.5e9),
        ("2bn", 2e9),
        ("1,000,000", 1e6),
        ("3T", 3e12),
        (" 7 ", 7),
        ("1e6", 1e6),
        ("2 million", 2e6),
    ],
)
def test_parse_count(text: str, expected: float) -> None:
    assert units.parse_count(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("200B", 200),
        ("200", 200),
        ("1.5KB", 1500),
        ("10MB", 1e7),
        ("2TB", 2e12),
        ("1PB", 1e15),
        ("4KiB", 4096),
        ("1 GiB", 2**30),
        ("1 MiB", 2**20),
        ("3 bytes", 3),
        ("1kb", None),
    ],
)
def test_parse_bytes(text: str, expected: float | None) -> None:
    if expected is None:  # lower-case b after a prefix is bits: refused, with a hint
        with pytest.raises(ParseError, match="bits"):
            units.parse_bytes(text)
    else:
        assert units.parse_bytes(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1Gbps", 1e9), ("100Mbps", 1e8), ("10 Gbit/s", 1e10), ("125MB/s", 1e9), ("1000", 1e3)],
)
def test_parse_bandwidth(text: str, expected: float) -> None:
    assert units.parse_bandwidth(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("200ms", 0.2),
        ("5 min", 300),
        ("1h 30m", 5400),
        ("30d", 30 * 86400),
        ("1y", units.YEAR),
        ("2w", 14 * 86400),
        ("500us", 5e-4),
        ("10", 10),
        ("1 month", units.YEAR / 12),
    ],
)
def test_parse_duration(text: str, expected: float) -> None:
    assert units.parse_duration(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("99.95%", 0.9995),
        ("0.9995", 0.9995),
        ("1", 1.0),
        ("3 nines", 0.999),
        ("3.5 nines", 1 - 10**-3.5),
        ("100%", 1.0),
        ("11 nines", 1 - 1e-11),
    ],
)
def test_parse_availability(text: str, expected: float) -> None:
    assert units.parse_availability(text) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("text", ["99.9", "1.5", "2"])
def test_bare_availability_above_one_is_refused_with_the_percent_spelling(text: str) -> None:
    # The rule: % is a percentage, a bare number 0-1 a fraction, a bare number above 1 refused.
    with pytest.raises(ParseError, match=f"write {text}%"):
        units.parse_availability(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10K/s", 1e4), ("8.64M/day", 100), ("60/min", 1), ("2K qps", 2000), ("5", 5)],
)
def test_parse_rate(text: str, expected: float) -> None:
    assert units.parse_rate(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["abc", "-5", "150%", "", "   ", "1..2", "5 parsecs"])
@pytest.mark.parametrize(
    "parse",
    [
        units.parse_count,
        units.parse_bytes,
        units.parse_availability,
        units.parse_duration,
        units.parse_fraction,
        units.parse_bandwidth,
    ],
)
def test_bad_values_say_what_is_accepted(parse: object, text: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(text)  # type: ignore[operator]
    message = str(caught.value)
    assert "such as" in message or "write" in message
    assert "\n" not in message


def test_messages_name_the_problem() -> None:
    with pytest.raises(ParseError, match="not a number"):
        units.parse_count("abc")
    with pytest.raises(ParseError, match="negative"):
        units.parse_count("-5")
    with pytest.raises(ParseError, match="above 100%"):
        units.parse_availability("150%")
    with pytest.raises(ParseError, match="A value is needed"):
        units.parse_count("")


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (units.YEAR * 0.001, "8h 45m 58s"),
        (units.MONTH * 0.001, "43m 50s"),
        (units.YEAR * 0.01, "3d 15h 40m"),
        (units.YEAR * 1e-5, "5m 16s"),
        (31.56, "31.6s"),
        (0.0002, "200µs"),
        (0, "0s"),
        (59.99, "1m"),
        (0.99999, "1s"),
        (3600, "1h"),
        (90, "1m 30s"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert units.format_duration(seconds) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (11574.07, "11.6K"),
        (10000, "10K"),
        (999_960, "1M"),
        (1e9, "1B"),
        (0, "0"),
        (12, "12"),
        (1024, "1,024"),
        (9999, "9,999"),
        (0.5, "0.5"),
    ],
)
def test_format_count(value: float, text: str) -> None:
    assert units.format_count(value) == text


def test_format_bytes_and_rates() -> None:
    assert units.format_bytes(2e11) == "200 GB"
    assert units.format_byte_rate(2.3148e6) == "2.31 MB/s"
    assert units.format_bandwidth(1e9) == "1 Gbps"
    assert units.format_rate(11574.07) == "11.6K/s"


@pytest.mark.parametrize(
    ("fraction", "text"),
    [(0.9995, "99.95%"), (0.999, "99.9%"), (0.99, "99%"), (1.0, "100%"), (0.5, "50%")],
)
def test_format_availability(fraction: float, text: str) -> None:
    assert units.format_availability(fraction) == text


# --- properties: what is formatted parses back to (nearly) the same value ------------------

positive = st.floats(min_value=1e-3, max_value=1e17, allow_nan=False, allow_infinity=False)


@given(positive)
def test_count_round_trip(value: float) -> None:
    assert units.parse_count(units.format_count(value).replace(",", "")) == pytest.approx(
        value, rel=5e-3
    )


@given(positive)
def test_bytes_round_trip(value: float) -> None:
    assert units.parse_bytes(units.format_bytes(value).replace(",", "")) == pytest.approx(
        value, rel=5e-3
    )


@given(st.floats(min_value=1e-6, max_value=1e9))
def test_duration_round_trip(seconds: float) -> None:
    # Three units: the last is rounded, so the error is below half of it (at most 0.5%).
    back = units.parse_duration(units.format_duration(seconds).replace(",", ""))
    assert back == pytest.approx(seconds, rel=5e-3, abs=1e-9)


@given(st.floats(min_value=0.0001, max_value=0.999999999))
def test_availability_round_trip_keeps_the_nines(fraction: float) -> None:
    back = units.parse_availability(units.format_availability(fraction))
    assert (1 - back) == pytest.approx(1 - fraction, rel=0.05)
    assert back == pytest.approx(fraction, rel=5e-3)


@given(st.floats(min_value=0.1, max_value=12))
def test_nines_parse(nines: float) -> None:
    value = units.parse_availability(f"{nines} nines")
    # 1 - 1e-12 keeps only ~4 significant digits of the gap in a float
    assert -math.log10(1 - value) == pytest.approx(nines, rel=1e-4)
