"""Parsing and formatting of what people type (sysdesign_core.units)."""

from __future__ import annotations

import math
import re

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
    ("text", "words"),
    [
        # Used to read as 5 bytes a second (40 bps): a unit with neither bits nor bytes.
        ("5 ps", "'ps' without bits or bytes; write 5bps for bits or 5B/s for bytes"),
        ("5ps", "without bits or bytes"),
        ("5/s", "'/s' without bits or bytes"),
        ("1.5 /s", "write 1.5bps for bits or 1.5B/s"),
        ("5 PS", "without bits or bytes"),
        ("/s", "is not a number"),
        ("ps", "is not a number"),
        ("5 k/s", "unknown unit 'k/s'"),  # named whole, not as 'k'
    ],
)
def test_a_bandwidth_unit_without_its_base_is_refused(text: str, words: str) -> None:
    with pytest.raises(ParseError, match=re.escape(words)):
        units.parse_bandwidth(text)


def test_bytes_and_bits_per_second_still_read() -> None:
    assert units.parse_bandwidth("5 B/s") == 40
    assert units.parse_bandwidth("5 Bps") == 40
    assert units.parse_bandwidth("5 bps") == 5
    assert units.parse_bandwidth("5 KB/s") == 40_000


def test_a_rate_unit_alone_is_refused() -> None:
    with pytest.raises(ParseError, match="no number before its unit"):
        units.parse_rate("/s")
    assert units.parse_rate("5/s") == 5


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
        # Just under a unit: more digits, never the next unit's round number ("1m", "60s").
        (59.99, "59.99s"),
        (59.96, "59.96s"),
        (0.99999, "999.99ms"),
        (3599.6, "59m 59.6s"),
        (86_399.7, "23h 59m 59.7s"),
        (172_780, "1d 23h 59m 40s"),  # a part more rather than "2d"
        (3598.3, "59m 58s"),  # was "0h 59m 58s"
        ((1 - 0.9) * 600, "1m"),  # 59.99999999999999: float noise, a minute meant
        (60, "1m"),
        (3600, "1h"),
        (90, "1m 30s"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert units.format_duration(seconds) == text


@pytest.mark.parametrize(
    ("fraction", "text"),
    [
        (0.9995, "99.95%"),  # was "100%"
        (0.99996, "99.996%"),
        (1.00004, "100.004%"),  # over budget is not "100%" either
        (1.0, "100%"),
        (0.25, "25%"),
        (0.634, "63.4%"),
        (2592 / 2592.0000000000023, "100%"),  # float noise of an exactly spent budget
    ],
)
def test_format_percent_never_rounds_across_100(fraction: float, text: str) -> None:
    assert units.format_percent(fraction) == text


@given(st.floats(min_value=0.5, max_value=1 - 1e-11))
def test_a_share_below_one_never_shows_100_percent(fraction: float) -> None:
    assert units.format_percent(fraction) != "100%"
    assert units.read_percent(fraction) != "100%"


# Where a smaller unit turns into a larger one: 1 µs, 1 ms, 1 s, and every whole minute,
# hour and day (1h 59m 59.7s must not read "2h").
BOUNDARIES = [1e-6, 1e-3, 1.0] + [k * u for k in range(1, 49) for u in (60.0, 3600.0, units.DAY)]


@given(st.sampled_from(BOUNDARIES), st.floats(min_value=1e-10, max_value=1e-3))
def test_a_duration_just_under_a_unit_never_reads_as_that_unit(
    boundary: float, under: float
) -> None:
    seconds = boundary * (1 - under)
    text = units.format_duration(seconds)
    assert units.parse_duration(text) < boundary, (seconds, text)


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


# --- what is refused, and how the message says so ----------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2,5", "write 2.5 with a point"),
        ("1,5M", "write 1.5M with a point"),
        ("1,00,000", "groups of three"),
        ("١٢", "write 12"),  # Arabic-Indic digits
        ("１２", "write 12"),  # full-width digits: the same rule
        ("10²", "'²', not a digit 0-9"),
        ("½", "not a digit 0-9"),
        ("9" * 41, "41 digits"),
        ("1.7e308M", "too large"),
        ("-5", "cannot be negative"),
    ],
)
def test_count_refusals(text: str, words: str) -> None:
    with pytest.raises(ParseError, match=re.escape(words)):
        units.parse_count(text)


def test_thousands_separators_only_in_groups_of_three() -> None:
    assert units.parse_count("1,000,000") == 1e6
    assert units.parse_count("1_000_000") == 1e6
    assert units.parse_count("12,345.5") == 12345.5


def test_a_number_that_overflows_with_its_unit_is_refused() -> None:
    with pytest.raises(ParseError, match="too large"):
        units.parse_bytes("1e300EB")
    with pytest.raises(ParseError, match="too large"):
        units.parse_duration("1e306y")


def test_duration_parts_are_never_negative() -> None:
    with pytest.raises(ParseError, match="negative part"):
        units.parse_duration("1h -30m")
    with pytest.raises(ParseError, match="cannot be negative"):
        units.parse_duration("-30m")


def test_a_list_can_cap_its_length() -> None:
    assert units.parse_list("1, 2", units.parse_count, "enter counts", most=2) == [1, 2]
    with pytest.raises(ParseError, match="lists 3 items; list at most 2"):
        units.parse_list("1, 2, 3", units.parse_count, "enter counts", most=2)


def test_a_year_can_be_365_days() -> None:
    assert units.parse_duration("1y", year=365 * units.DAY) == 365 * units.DAY
    assert units.parse_duration("1mo", year=365 * units.DAY) == pytest.approx(365 / 12 * units.DAY)
    assert units.parse_duration("30d", year=365 * units.DAY) == 30 * units.DAY


def test_lists_refuse_a_comma_between_digits() -> None:
    with pytest.raises(ParseError, match="comma between two digits"):
        units.parse_list("99,9%, 99,95%", units.parse_availability, "enter a list")
    with pytest.raises(ParseError, match="an item 'abc' that is not a number"):
        units.parse_list("99.9%, abc", units.parse_availability, "enter a list")


@pytest.mark.parametrize(
    ("value", "text"),
    [(2.31e28, "2.31e28"), (1e15, "1e15"), (1e-11, "1e-11"), (999_999, "1,000,000")],
)
def test_format_number_uses_an_exponent_at_the_extremes(value: float, text: str) -> None:
    assert units.format_number(value) == text


def test_format_large_sizes_and_durations() -> None:
    assert units.format_bytes(1e24) == "1 YB"
    assert units.format_bandwidth(1e18) == "1 Ebps"
    assert units.format_duration(1e4 * units.YEAR) == "10,000y"
    assert units.format_duration(1e30) == "3.17e22y"
