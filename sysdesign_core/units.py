"""Read and write the quantities people type: counts, bytes, rates, durations, percentages, nines.

Every ``parse_*`` takes the text a person typed and returns a number in base units (items,
bytes, per second, bits per second, seconds, fractions 0-1); every ``format_*`` does the
reverse, rounded for reading. Parsing uses a small regex grammar, never ``eval``.

>>> parse_count("500M")
500000000.0
>>> parse_bytes("1.5KB"), parse_bytes("1 KiB")
(1500.0, 1024.0)
>>> parse_duration("200ms"), parse_duration("1h 30m")
(0.2, 5400.0)
>>> parse_availability("3 nines"), parse_availability("99.95%")
(0.999, 0.9995)
>>> format_duration(31557.6), format_count(11574.07), format_bytes(2e11)
('8h 45m 58s', '11.6K', '200 GB')

What is refused, always with what to write instead: digits other than 0-9 (``١٢``, ``１２``,
``²``), a decimal comma (``2,5``: write 2.5; thousands separators only in groups of three,
``1,000,000``), a negative value or part (``1h -30m``), a number that is not finite once its
unit is applied (``1e300EB``), and numbers of more than 40 digits.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TypeVar

from .errors import ParseError

T = TypeVar("T")

__all__ = [
    "DAY",
    "YEAR",
    "MONTH",
    "QUARTER",
    "WEEK",
    "parse_number",
    "parse_count",
    "parse_ratio",
    "parse_bytes",
    "parse_bandwidth",
    "parse_rate",
    "parse_duration",
    "parse_fraction",
    "parse_availability",
    "parse_distance",
    "parse_text",
    "parse_whole",
    "parse_list",
    "refuse_decimal_comma",
    "split_list",
    "read_number",
    "read_bytes",
    "read_percent",
    "MAX_DURATION",
    "MAX_DIGITS",
    "format_number",
    "format_count",
    "format_rate",
    "format_bytes",
    "format_byte_rate",
    "format_bandwidth",
    "format_duration",
    "format_percent",
    "format_availability",
    "format_distance",
]

DAY = 86_400.0
WEEK = 7 * DAY
YEAR = 365.25 * DAY  # Julian year: the average over leap years
MONTH = YEAR / 12
QUARTER = YEAR / 4
MAX_DURATION = 10_000 * YEAR  # the longest duration any input accepts
MAX_DIGITS = 40  # the most digits of a typed number (int() refuses 4,300 or more)

# ASCII digits only ([0-9], not \d, which matches the digits of every script).
_NUMBER = r"[+-]?(?:[0-9][0-9,_]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_QUANTITY = re.compile(rf"({_NUMBER})\s*(.*)", re.DOTALL)
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:_[0-9]{3})+")

_COUNT_SUFFIXES = {
    "": 1.0,
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "g": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "trillion": 1e12,
}
_SI = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "p": 1e15, "e": 1e18, "z": 1e21, "y": 1e24}
_IEC = {
    "ki": 2.0**10,
    "mi": 2.0**20,
    "gi": 2.0**30,
    "ti": 2.0**40,
    "pi": 2.0**50,
    "ei": 2.0**60,
    "zi": 2.0**70,
    "yi": 2.0**80,
}
_TIME_UNITS = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "μs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "sec": 1.0,
    "secs": 1.0,
    "second": 1.0,
    "seconds": 1.0,
    "m": 60.0,
    "min": 60.0,
    "mins": 60.0,
    "minute": 60.0,
    "minutes": 60.0,
    "h": 3600.0,
    "hr": 3600.0,
    "hrs": 3600.0,
    "hour": 3600.0,
    "hours": 3600.0,
    "d": DAY,
    "day": DAY,
    "days": DAY,
    "w": WEEK,
    "wk": WEEK,
    "week": WEEK,
    "weeks": WEEK,
    "mo": MONTH,
    "month": MONTH,
    "months": MONTH,
    "q": QUARTER,
    "quarter": QUARTER,
    "quarters": QUARTER,
    "y": YEAR,
    "yr": YEAR,
    "yrs": YEAR,
    "year": YEAR,
    "years": YEAR,
}
_PER = {
    "s": 1.0,
    "sec": 1.0,
    "second": 1.0,
    "min": 60.0,
    "minute": 60.0,
    "h": 3600.0,
    "hr": 3600.0,
    "hour": 3600.0,
    "d": DAY,
    "day": DAY,
    "mo": MONTH,
    "month": MONTH,
    "y": YEAR,
    "yr": YEAR,
    "year": YEAR,
}

COUNT_HELP = "a number such as 500, 10K, 500M or 1.5B"
BYTES_HELP = "a size such as 200B, 1.5KB, 10MB, 2TB (SI, ×1000) or 4KiB, 1GiB (IEC, ×1024)"
BANDWIDTH_HELP = "a bandwidth in bits per second such as 100Mbps, 1Gbps, 10 Gbit/s (or 125MB/s)"
RATE_HELP = "a rate such as 10K, 10K/s, 5M/day or 300/min"
DURATION_HELP = "a duration such as 200ms, 5 min, 1h 30m, 30d or 1y"
FRACTION_HELP = "a percentage such as 20% or a fraction such as 0.2"
AVAILABILITY_HELP = "an availability such as 99.95%, 0.9995 or 3.5 nines"
NUMBER_HELP = "a plain number such as 3 or 2.5"
RATIO_HELP = "a number such as 100 or a ratio such as 100:1"
TEXT_HELP = "a word"
DISTANCE_HELP = "a distance such as 500m, 5km or 3mi"

_DISTANCE_UNITS = {
    "": 1.0,
    "m": 1.0,
    "meter": 1.0,
    "meters": 1.0,
    "metre": 1.0,
    "metres": 1.0,
    "cm": 0.01,
    "km": 1000.0,
    "kilometer": 1000.0,
    "kilometers": 1000.0,
    "kilometre": 1000.0,
    "kilometres": 1000.0,
    "mi": 1609.344,
    "mile": 1609.344,
    "miles": 1609.344,
    "ft": 0.3048,
    "feet": 0.3048,
}


def _ascii_digits(text: str, accepted: str) -> None:
    """Refuse digits other than 0-9: ``١٢`` and ``１２`` (with the 0-9 spelling), ``²``, ``½``."""
    foreign = [ch for ch in text if not ch.isascii() and (ch.isdigit() or ch.isnumeric())]
    if not foreign:
        return
    if all(ch.isdecimal() for ch in foreign):  # another script's 0-9: say what it reads as
        ascii_text = "".join(str(int(ch)) if ch in foreign else ch for ch in text.strip())
        raise ParseError(text, "uses digits other than 0-9", f"write {ascii_text[:40]}")
    raise ParseError(text, f"has {foreign[0]!r}, not a digit 0-9", accepted)


def _to_float(token: str, text: str, accepted: str) -> float:
    """The number ``token`` (matched by ``_NUMBER``) as a float; separators are checked."""
    mantissa = re.split("[eE]", token)[0].lstrip("+-")
    whole = mantissa.split(".")[0]
    if ("," in whole or "_" in whole) and not _GROUPED.fullmatch(whole):
        if whole.count(",") == 1 and "_" not in whole and "." not in mantissa:
            fixed = text.strip().replace(",", ".", 1)
            raise ParseError(text, "has a decimal comma", f"write {fixed[:40]} with a point")
        raise ParseError(
            text,
            "has separators that are not in groups of three",
            "write 1,000,000 or 1000000",
        )
    digits = sum(ch.isdigit() for ch in mantissa)
    if digits > MAX_DIGITS:
        raise ParseError(text, f"has {digits} digits", "write it with an exponent, such as 1.5e20")
    return float(token.replace(",", "").replace("_", "")) + 0.0  # -0.0 reads as 0


def _split(text: str, accepted: str) -> tuple[float, str]:
    """Split ``text`` into a finite number and the unit text that follows it."""
    _ascii_digits(text, f"enter {accepted}")
    match = _QUANTITY.fullmatch(text.strip())
    if not match:
        problem = "is empty" if not text.strip() else "is not a number"
        raise ParseError(text, problem, f"enter {accepted}")
    number = _to_float(match.group(1), text, accepted)
    unit = match.group(2).strip()
    if unit[:1] == "," and unit[1:2].isdigit():  # "1.5,3": a comma after the point
        raise ParseError(text, "has a comma inside the number", f"enter {accepted}")
    if not math.isfinite(number):
        raise ParseError(text, "is too large", f"enter {accepted}")
    return number, unit


def _checked(value: float, text: str, accepted: str) -> float:
    """``value`` once its unit is applied: finite and not negative, else a ParseError."""
    if not math.isfinite(value):
        raise ParseError(text, "is too large", f"enter {accepted}")
    if value < 0:
        raise ParseError(text, "cannot be negative", f"enter {accepted}")
    return value + 0.0


def _unknown_unit(text: str, unit: str, accepted: str) -> ParseError:
    shown = unit if len(unit) <= 20 else unit[:20] + "…"
    return ParseError(text, f"has an unknown unit {shown!r}", f"enter {accepted}")


def parse_number(text: str) -> float:
    """A plain non-negative number: ``3``, ``2.5``, ``1,000``."""
    number, unit = _split(text, NUMBER_HELP)
    if unit:
        raise _unknown_unit(text, unit, NUMBER_HELP)
    return _checked(number, text, NUMBER_HELP)


def parse_count(text: str) -> float:
    """A count with an optional multiplier: ``500M`` → 5e8; ``1.5B`` → 1.5e9 (billion)."""
    number, unit = _split(text, COUNT_HELP)
    factor = _COUNT_SUFFIXES.get(unit.lower())
    if factor is None:
        raise _unknown_unit(text, unit, COUNT_HELP)
    return _checked(number * factor, text, COUNT_HELP)


def parse_whole(text: str) -> int:
    """A whole number of 0-9 digits only, such as ``20`` (no sign, unit or exponent).

    >>> parse_whole(" 20 ")
    20
    """
    accepted = "enter a whole number such as 0, 5 or 20"
    _ascii_digits(text, accepted)
    stripped = text.strip()
    if not (stripped.isascii() and stripped.isdigit()) or len(stripped) > MAX_DIGITS:
        problem = "cannot be negative" if stripped.startswith("-") else "is not a whole number"
        raise ParseError(text, "is empty" if not stripped else problem, accepted)
    return int(stripped)


def parse_ratio(text: str) -> float:
    """A ratio as one number or ``a:b``: ``100``, ``100:1``, ``10K``."""
    if ":" in text:
        left, _, right = text.partition(":")
        try:
            numerator, denominator = parse_count(left), parse_count(right)
        except ParseError as error:
            raise ParseError(text, error.problem, f"enter {RATIO_HELP}") from None
        if denominator == 0:
            raise ParseError(text, "divides by zero", f"enter {RATIO_HELP}")
        return _checked(numerator / denominator, text, RATIO_HELP)
    try:
        return parse_count(text)
    except ParseError as error:
        raise ParseError(text, error.problem, f"enter {RATIO_HELP}") from None


def _byte_factor(unit: str, text: str, accepted: str) -> float:
    """Factor of a byte unit; lower-case ``b`` after a prefix means bits and is refused."""
    if unit.lower() in {"", "b", "byte", "bytes"}:
        return 1.0
    match = re.fullmatch(r"([kmgtpezyKMGTPEZY])(i?)([bB])", unit)
    if not match:
        raise _unknown_unit(text, unit, accepted)
    prefix, iec, letter = match.groups()
    if letter == "b":
        raise ParseError(text, f"uses bits ({unit!r}), not bytes", f"write {prefix.upper()}{iec}B")
    return _IEC[prefix.lower() + "i"] if iec else _SI[prefix.lower()]


def parse_bytes(text: str) -> float:
    """A size in bytes: SI ``KB MB GB TB PB`` (×1000) or IEC ``KiB MiB GiB`` (×1024)."""
    number, unit = _split(text, BYTES_HELP)
    return _checked(number * _byte_factor(unit, text, BYTES_HELP), text, BYTES_HELP)


def parse_bandwidth(text: str) -> float:
    """Bits per second: ``1Gbps``, ``100 Mbit/s``; a byte rate such as ``125MB/s`` is ×8."""
    number, unit = _split(text, BANDWIDTH_HELP)
    compact = unit.replace(" ", "")
    bits = re.fullmatch(r"([kmgtpeKMGTPE]?)(?:bps|b/s|bit/s|bits/s|bit|bits|b)", compact)
    if bits and not (compact.endswith("B/s") or compact == "B"):
        factor = _SI[bits.group(1).lower()]
    elif compact.endswith("/s") or compact.lower().endswith("ps"):
        head = compact[:-2]
        if not head:
            # "5/s" or "5 ps" names no bits or bytes: reading it as bytes (40 bps) would be a
            # guess that is off by 8 whenever bits were meant.
            raise ParseError(
                text,
                f"has {unit!r} without bits or bytes",
                f"write {_shown(number)}bps for bits or {_shown(number)}B/s for bytes per second",
            )
        try:
            factor = 8 * _byte_factor(head, text, BANDWIDTH_HELP)
        except ParseError as error:  # name the whole unit ('k/s'), not the part before /s
            if error.problem.startswith("has an unknown unit"):
                raise _unknown_unit(text, unit, BANDWIDTH_HELP) from None
            raise
    elif compact == "":
        factor = 1.0
    else:
        raise _unknown_unit(text, unit, BANDWIDTH_HELP)
    return _checked(number * factor, text, BANDWIDTH_HELP)


def _shown(number: float) -> str:
    """A parsed number written back for a hint: ``5.0`` → ``'5'``, ``1.5`` → ``'1.5'``."""
    return f"{number:g}"


def parse_rate(text: str) -> float:
    """Events per second: ``10K``, ``10K/s``, ``5M/day``, ``300/min``, ``2K qps``."""
    head, slash, per = text.partition("/")
    if slash and not head.strip():  # "/s" alone: a unit with no count before it
        raise ParseError(text, "has no number before its unit", f"enter {RATE_HELP}")
    per = per.strip()
    if not slash:
        head = re.sub(r"\s*(qps|rps|tps)\s*$", "", head, flags=re.IGNORECASE)
    divisor = _PER.get(per.lower().removeprefix("1").strip()) if slash else 1.0
    if divisor is None:
        raise _unknown_unit(text, "/" + per, RATE_HELP)
    try:
        return _checked(parse_count(head) / divisor, text, RATE_HELP)
    except ParseError as error:
        raise ParseError(text, error.problem, f"enter {RATE_HELP}") from None


def parse_duration(text: str, year: float = YEAR) -> float:
    """A duration in seconds: ``200ms``, ``5 min``, ``1h 30m``, ``30d``, ``1y`` (365.25 days).

    ``year`` is the length of ``y`` in seconds (a quarter and a month follow it), for a
    calculator that offers a 365-day year.

    >>> parse_duration("1y", year=365 * DAY) / DAY
    365.0
    """
    _ascii_digits(text, f"enter {DURATION_HELP}")
    rest = text.strip()
    if not rest:
        raise ParseError(text, "is empty", f"enter {DURATION_HELP}")
    scale = year / YEAR
    total = 0.0
    parts = 0
    part = re.compile(rf"({_NUMBER})\s*([A-Za-zµμ]*)\s*")
    while rest:
        parts += 1
        match = part.match(rest)
        if not match:
            raise ParseError(text, "is not a duration", f"enter {DURATION_HELP}")
        if match.group(1).startswith("-"):
            problem = "cannot be negative" if parts == 1 else "has a negative part"
            raise ParseError(text, problem, f"enter {DURATION_HELP}")
        number = _to_float(match.group(1), text, DURATION_HELP)
        unit = match.group(2)
        key = unit if unit in {"M", "Mo"} else unit.lower()
        factor = _TIME_UNITS.get(key)
        if key in {"mo", "month", "months", "q", "quarter", "quarters"} or key in _YEARS:
            factor = None if factor is None else factor * scale
        if unit == "":
            factor = 1.0
            if parts > 1 or rest[match.end() :]:
                raise ParseError(text, "needs a unit on each part", f"enter {DURATION_HELP}")
        if factor is None:
            raise _unknown_unit(text, unit, DURATION_HELP)
        total += number * factor
        rest = rest[match.end() :]
    return _checked(total, text, DURATION_HELP)


_YEARS = {"y", "yr", "yrs", "year", "years"}


def parse_fraction(text: str) -> float:
    """A share between 0 and 1: ``20%`` or ``0.2``; a bare number above 1 is refused."""
    number, unit = _split(text, FRACTION_HELP)
    _checked(number, text, FRACTION_HELP)
    if unit == "%":
        number /= 100
    elif unit:
        raise _unknown_unit(text, unit, FRACTION_HELP)
    elif number > 1:
        raise ParseError(text, "is above 1", f"write {number:g}% for a percentage")
    if number > 1:
        raise ParseError(text, "is above 100%", f"enter {FRACTION_HELP}")
    return number + 0.0


MAX_NINES = 15
"""The most nines a float can tell apart from 100% (1 − 1e-16 rounds to 1)."""


def parse_availability(text: str) -> float:
    """Availability as a fraction: ``99.95%``, ``0.9995`` or ``3.5 nines``.

    The rule: a value with ``%`` is a percentage, a bare number from 0 to 1 is a fraction, and
    a bare number above 1 is refused with a hint (``99.9`` → "write 99.9%").
    """
    number, unit = _split(text, AVAILABILITY_HELP)
    _checked(number, text, AVAILABILITY_HELP)
    if unit.lower() in {"nine", "nines", "9s"}:
        if number <= 0:
            raise ParseError(text, "needs more than zero nines", f"enter {AVAILABILITY_HELP}")
        if number > MAX_NINES:
            raise ParseError(text, "has too many nines", f"enter at most {MAX_NINES} nines")
        value = 1 - math.pow(10.0, -number)
    elif unit == "%":
        value = number / 100
    elif unit:
        raise _unknown_unit(text, unit, AVAILABILITY_HELP)
    elif number > 1:
        raise ParseError(
            text, "is above 1", f"write {number:g}% for a percentage (a bare number is a fraction)"
        )
    else:
        value = number
    if value > 1:
        raise ParseError(text, "is above 100%", f"enter {AVAILABILITY_HELP}")
    if value <= 0:
        raise ParseError(text, "is not above 0%", f"enter {AVAILABILITY_HELP}")
    return value


def parse_distance(text: str) -> float:
    """A distance in metres: ``500m`` → 500; ``5km`` → 5000; ``3mi`` → 4828.032; ``500`` → 500."""
    number, unit = _split(text, DISTANCE_HELP)
    factor = _DISTANCE_UNITS.get(unit.lower())
    if factor is None:
        raise _unknown_unit(text, unit, DISTANCE_HELP)
    return _checked(number * factor, text, DISTANCE_HELP)


def parse_text(text: str) -> str:
    """A word, stripped (the ``text`` kind: a choice such as ``serial``); never empty."""
    stripped = text.strip()
    if not stripped:
        raise ParseError(text, "is empty", f"enter {TEXT_HELP}")
    return stripped


def split_list(text: str) -> list[str]:
    """The non-empty items of a comma (or semicolon) separated list, stripped.

    >>> split_list(" 99.9%, 99.95% ,3 nines ")
    ['99.9%', '99.95%', '3 nines']
    """
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def refuse_decimal_comma(text: str) -> None:
    """Raise :class:`ParseError` for a comma between two digits in a list of values.

    In a list, ``99,9%`` would read as two items: the reader is asked for a decimal point
    (the same words for every list input: a ladder, components, a trace).

    >>> refuse_decimal_comma("99,9%, 99,95%")
    Traceback (most recent call last):
    ...
    sysdesign_core.errors.ParseError: '99,9%, 99,95%' has a comma between two digits ('9,9'); \
use a decimal point (2.5, 99.9%) and a space after each comma between items
    """
    comma = re.search(r"[0-9],[0-9]", text)
    if comma:
        raise ParseError(
            text,
            f"has a comma between two digits ({comma.group()!r})",
            "use a decimal point (2.5, 99.9%) and a space after each comma between items",
        )


def parse_list(text: str, parse_item: Callable[[str], T], accepted: str, most: int = 0) -> list[T]:
    """Every item of a comma list, parsed; a comma between two digits is refused.

    ``99,9%, 99,95%`` would otherwise be four items: the reader is asked for a decimal point.
    A message names the bad item: ``'99.9%, abc' has an item 'abc' that is not a number``.
    ``most``, if given, is the most items accepted (checked before any is parsed).

    >>> parse_list("20%, 0.5", parse_fraction, "enter shares")
    [0.2, 0.5]
    """
    _ascii_digits(text, accepted)
    refuse_decimal_comma(text)
    items = split_list(text)
    if not items:
        raise ParseError(text, "is empty" if not text.strip() else "lists nothing", accepted)
    if most and len(items) > most:
        raise ParseError(text, f"lists {len(items)} items", f"list at most {most}")
    values = []
    for item in items:
        try:
            values.append(parse_item(item))
        except ParseError as error:
            if len(items) == 1:
                raise ParseError(text, error.problem, accepted) from None
            shown = item if len(item) <= 20 else item[:20] + "…"
            raise ParseError(
                text, f"has an item {shown!r} that {error.problem}", accepted
            ) from None
    return values


# --- formatting -------------------------------------------------------------------------


def format_number(value: float, digits: int = 3) -> str:
    """A number rounded to ``digits`` significant figures, with thousands separators.

    From 1e15 up and below 1e-6 it uses an exponent, which reads (and parses) better than
    sixteen zeros: ``format_number(2.31e28)`` → ``'2.31e28'``.
    """
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    size = abs(value)
    if size >= 1e15 or size < 1e-6:
        mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(exponent)}"
    places = digits - 1 - math.floor(math.log10(size))
    rounded = round(value, places)  # a negative place rounds to tens, hundreds…
    text = f"{rounded:,.{max(0, places)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scaled(value: float, steps: list[tuple[float, str]], digits: int = 3) -> tuple[str, str]:
    """Pick the largest step not above ``value`` (re-checked after rounding: 999.96K → 1M)."""
    for index, (factor, suffix) in enumerate(steps):
        if abs(value) >= factor or index == len(steps) - 1:
            text = format_number(value / factor, digits)
            if index > 0 and abs(float(text.replace(",", ""))) >= 1000:
                factor, suffix = steps[index - 1]
                text = format_number(value / factor, digits)
            return text, suffix
    raise AssertionError("unreachable")


_COUNT_STEPS = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"), (1.0, "")]
_BYTE_STEPS = [
    (1e24, "YB"),
    (1e21, "ZB"),
    (1e18, "EB"),
    (1e15, "PB"),
    (1e12, "TB"),
    (1e9, "GB"),
    (1e6, "MB"),
    (1e3, "KB"),
    (1.0, "B"),
]
_BIT_STEPS = [
    (1e18, "Ebps"),
    (1e15, "Pbps"),
    (1e12, "Tbps"),
    (1e9, "Gbps"),
    (1e6, "Mbps"),
    (1e3, "Kbps"),
    (1.0, "bps"),
]


def format_count(value: float, *, whole_in_full: bool = True) -> str:
    """``11574.07`` → ``'11.6K'``; ``1e9`` → ``'1B'`` (billion); whole numbers below 10,000
    in full (``1024`` → ``'1,024'``), since rounding 1,024 nodes to "1.02K" hides the count.
    ``whole_in_full=False`` scales them too (amounts of money: ``2400`` → ``'2.4K'``)."""
    if whole_in_full and abs(value) < 10_000 and value == int(value):
        return f"{int(value):,}"
    text, suffix = _scaled(value, _COUNT_STEPS)
    return text + suffix


def format_rate(value: float) -> str:
    """Events per second: ``11574.07`` → ``'11.6K/s'``."""
    return format_count(value) + "/s"


def format_bytes(value: float) -> str:
    """SI bytes: ``2e11`` → ``'200 GB'``."""
    text, suffix = _scaled(value, _BYTE_STEPS)
    return f"{text} {suffix}"


def format_byte_rate(value: float) -> str:
    """Bytes per second: ``2.3e6`` → ``'2.3 MB/s'``."""
    return format_bytes(value) + "/s"


def format_bandwidth(value: float) -> str:
    """Bits per second: ``1e9`` → ``'1 Gbps'``."""
    text, suffix = _scaled(value, _BIT_STEPS)
    return f"{text} {suffix}"


_CLOCK = [("y", YEAR), ("d", DAY), ("h", 3600.0), ("m", 60.0), ("s", 1.0)]
_SMALL = [(1.0, "s", 60.0), (1e-3, "ms", 1000.0), (1e-6, "µs", 1000.0), (1e-9, "ns", 1000.0)]
_MOST_DIGITS = 12
"""Significant figures beyond which a difference is float noise: ``(1 - 0.9) * 600`` is
59.99999999999999, a minute meant, shown ``'1m'``, not ``'59.99999999999999s'``."""


def _denoised(value: float) -> float:
    """``value`` rounded to :data:`_MOST_DIGITS` significant figures (float noise removed)."""
    return float(f"{value:.{_MOST_DIGITS}g}")


def _below(value: float, limit: float, digits: int = 3) -> str:
    """``value`` with ``digits`` significant figures, or more where rounding would reach
    ``limit`` although ``value`` is below it: 59.96 s is ``'59.96'``, never ``'60'``."""
    text = format_number(value, digits)
    while float(text.replace(",", "")) >= limit > value and digits < _MOST_DIGITS:
        digits += 1
        text = format_number(value, digits)
    return text


def _clock(seconds: float, chosen: list[tuple[str, float]], above: float) -> str:
    """``seconds`` in the units ``chosen``, the last one rounded; "" if that rounding carries
    into a larger unit (59m 59.6s would read "1h", or "60m"), whose boundary is not reached.

    ``above`` is the size of the unit above the first one chosen (``seconds`` is below it).
    """
    last = chosen[-1][1]
    rounded = round(seconds / last) * last
    if rounded >= above:
        return ""
    pieces: list[str] = []
    for unit, size in chosen:
        amount = round(rounded / size) if size == last else rounded // size
        if size != last and amount != seconds // size:
            return ""
        rounded -= amount * size
        seconds -= amount * size
        if amount:
            pieces.append(f"{int(amount):,}{unit}")
    return " ".join(pieces)


def format_duration(seconds: float, parts: int = 3) -> str:
    """Seconds as the ``parts`` largest units, the last one rounded: ``'8h 45m 58s'``.

    Below a minute it shows decimals (``'31.6s'``), below a second ``ms``/``µs``/``ns``.
    Years are 365.25 days. A value just under a unit is never rounded up into it: 59.96 s
    is ``'59.96s'`` (not ``'60s'`` or ``'1m'``), 59m 59.6s is ``'59m 59.6s'`` (not ``'1h'``),
    since a budget shown as a whole minute or hour claims time that is not there. Such a
    value shows one part more, or decimals in its seconds.
    """
    if seconds < 0:
        return "-" + format_duration(-seconds, parts)
    seconds = _denoised(seconds)
    if seconds == 0:
        return "0s"
    if seconds >= 1e4 * YEAR:  # days and hours no longer matter
        return format_number(seconds / YEAR) + "y"
    if seconds < 60:
        for factor, unit, limit in _SMALL:
            if seconds >= factor or unit == "ns":
                return _below(seconds / factor, limit) + unit
    first = next(i for i, (_, size) in enumerate(_CLOCK) if seconds >= size)
    above = _CLOCK[first - 1][1] if first else math.inf
    for count in range(min(parts, len(_CLOCK) - first), len(_CLOCK) - first + 1):
        text = _clock(seconds, _CLOCK[first : first + count], above)
        if text:
            return text
    # Even whole seconds carry (59m 59.7s): the seconds get decimals instead.
    pieces: list[str] = []
    for unit, size in _CLOCK[first:-1]:
        amount = seconds // size
        seconds -= amount * size
        if amount:
            pieces.append(f"{int(amount):,}{unit}")
    return " ".join([*pieces, _below(seconds, 60.0) + "s"])


def format_percent(fraction: float, digits: int = 3) -> str:
    """A fraction as a percentage with ``digits`` significant figures: ``0.25`` → ``'25%'``.

    Never rounds across 100%: ``0.9995`` is ``'99.95%'`` and ``1.00004`` is ``'100.004%'``,
    since "100%" reads as "all" (every request slow, the whole budget burned). Only a value
    within float noise of it (12 significant figures) is shown as ``'100%'``.
    """
    percent = _denoised(fraction * 100)
    text = format_number(percent, digits)
    while text == "100" and percent != 100 and digits < _MOST_DIGITS:
        digits += 1
        text = format_number(percent, digits)
    return text + "%"


def format_availability(fraction: float) -> str:
    """Availability with enough decimals to show its nines: ``0.9995`` → ``'99.95%'``.

    The unavailable part keeps two significant figures, so 99.968% is not shown as 100%.
    """
    if fraction >= 1:
        return "100%"
    if fraction < 0.9:
        return format_percent(fraction)
    down = (1 - fraction) * 100
    decimals = max(0, 1 - math.floor(math.log10(down)))
    text = f"{fraction * 100:.{min(decimals, 12)}f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def format_distance(metres: float) -> str:
    """Metres for reading: ``4.8`` → ``'4.8 m'``, ``1223`` → ``'1.22 km'``.

    Below a metre in centimetres: ``0.149`` → ``'14.9 cm'``.
    """
    if 0 < abs(metres) < 1:
        return format_number(metres * 100) + " cm"
    if abs(metres) < 1000:
        text = format_number(metres)
        if text != "1,000":
            return text + " m"
    return format_number(metres / 1000) + " km"


# --- readings: how a typed value was read, shown beside the input ---------------------------


def read_number(value: float) -> str:
    """A count or plain number in full: ``5e8`` → ``'500,000,000'``; ``2.5`` → ``'2.5'``."""
    if abs(value) < 1e15 and value == int(value):
        return f"{int(value):,}"
    return format_number(value, 6)


def read_bytes(value: float) -> str:
    """A size, with the exact byte count when the rounded one hides it.

    >>> read_bytes(1500.0), read_bytes(4096.0)
    ('1.5 KB', '4.1 KB (4,096 bytes)')
    """
    text = format_bytes(value)
    if abs(value) < 1e15 and value == int(value):
        shown = parse_bytes(text.replace(",", ""))
        if abs(shown - value) > 1e-9 * abs(value):
            return f"{text} ({int(value):,} bytes)"
    return text


def read_percent(value: float) -> str:
    """A fraction as a percentage with six significant figures: ``0.2`` → ``'20%'``."""
    return format_percent(value, 6)
