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
"""

from __future__ import annotations

import math
import re

from .errors import ParseError

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
    "split_list",
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

_NUMBER = r"[+-]?(?:\d[\d,_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_QUANTITY = re.compile(rf"^\s*({_NUMBER})\s*(.*?)\s*$")

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
_SI = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "p": 1e15, "e": 1e18}
_IEC = {"ki": 2.0**10, "mi": 2.0**20, "gi": 2.0**30, "ti": 2.0**40, "pi": 2.0**50, "ei": 2.0**60}
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
TEXT_HELP = "a comma-separated list"
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


def _split(text: str, accepted: str) -> tuple[float, str]:
    """Split ``text`` into a finite number and the unit text that follows it."""
    match = _QUANTITY.match(text)
    if not match:
        problem = "is empty" if not text.strip() else "is not a number"
        raise ParseError(text, problem, f"enter {accepted}")
    number = float(match.group(1).replace(",", "").replace("_", ""))
    if not math.isfinite(number):
        raise ParseError(text, "is too large", f"enter {accepted}")
    return number, match.group(2)


def _non_negative(value: float, text: str, accepted: str) -> float:
    if value < 0:
        raise ParseError(text, "cannot be negative", f"enter {accepted}")
    return value


def _unknown_unit(text: str, unit: str, accepted: str) -> ParseError:
    return ParseError(text, f"has an unknown unit {unit!r}", f"enter {accepted}")


def parse_number(text: str) -> float:
    """A plain non-negative number: ``3``, ``2.5``, ``1,000``."""
    number, unit = _split(text, NUMBER_HELP)
    if unit:
        raise _unknown_unit(text, unit, NUMBER_HELP)
    return _non_negative(number, text, NUMBER_HELP)


def parse_count(text: str) -> float:
    """A count with an optional multiplier: ``500M`` → 5e8; ``1.5B`` → 1.5e9 (billion)."""
    number, unit = _split(text, COUNT_HELP)
    factor = _COUNT_SUFFIXES.get(unit.lower())
    if factor is None:
        raise _unknown_unit(text, unit, COUNT_HELP)
    return _non_negative(number * factor, text, COUNT_HELP)


def parse_ratio(text: str) -> float:
    """A ratio as one number or ``a:b``: ``100``, ``100:1``, ``10K``."""
    if ":" in text:
        left, _, right = text.partition(":")
        numerator, denominator = parse_count(left), parse_count(right)
        if denominator == 0:
            raise ParseError(text, "divides by zero", f"enter {RATIO_HELP}")
        return numerator / denominator
    try:
        return parse_count(text)
    except ParseError as error:
        raise ParseError(text, error.problem, f"enter {RATIO_HELP}") from None


def _byte_factor(unit: str, text: str, accepted: str) -> float:
    """Factor of a byte unit; lower-case ``b`` after a prefix means bits and is refused."""
    if unit.lower() in {"", "b", "byte", "bytes"}:
        return 1.0
    match = re.fullmatch(r"([kmgtpeKMGTPE])(i?)([bB])", unit)
    if not match:
        raise _unknown_unit(text, unit, accepted)
    prefix, iec, letter = match.groups()
    if letter == "b":
        raise ParseError(text, f"uses bits ({unit!r}), not bytes", f"write {prefix.upper()}{iec}B")
    return _IEC[prefix.lower() + "i"] if iec else _SI[prefix.lower()]


def parse_bytes(text: str) -> float:
    """A size in bytes: SI ``KB MB GB TB PB`` (×1000) or IEC ``KiB MiB GiB`` (×1024)."""
    number, unit = _split(text, BYTES_HELP)
    return _non_negative(number * _byte_factor(unit, text, BYTES_HELP), text, BYTES_HELP)


def parse_bandwidth(text: str) -> float:
    """Bits per second: ``1Gbps``, ``100 Mbit/s``; a byte rate such as ``125MB/s`` is ×8."""
    number, unit = _split(text, BANDWIDTH_HELP)
    compact = unit.replace(" ", "")
    bits = re.fullmatch(r"([kmgtpKMGTP]?)(?:bps|b/s|bit/s|bits/s|bit|bits|b)", compact)
    if bits and not (compact.endswith("B/s") or compact == "B"):
        factor = _SI[bits.group(1).lower()]
    elif compact.endswith("/s") or compact.lower().endswith("ps"):
        head = compact[:-2]
        factor = 8 * _byte_factor(head, text, BANDWIDTH_HELP)
    elif compact == "":
        factor = 1.0
    else:
        raise _unknown_unit(text, unit, BANDWIDTH_HELP)
    return _non_negative(number * factor, text, BANDWIDTH_HELP)


def parse_rate(text: str) -> float:
    """Events per second: ``10K``, ``10K/s``, ``5M/day``, ``300/min``, ``2K qps``."""
    head, slash, per = text.partition("/")
    per = per.strip().lower()
    if not slash:
        head = re.sub(r"\s*(qps|rps|tps)\s*$", "", head, flags=re.IGNORECASE)
    divisor = _PER.get(per.removeprefix("1").strip()) if slash else 1.0
    if divisor is None:
        raise _unknown_unit(text, "/" + per, RATE_HELP)
    try:
        return parse_count(head) / divisor
    except ParseError as error:
        raise ParseError(text, error.problem, f"enter {RATE_HELP}") from None


def parse_duration(text: str) -> float:
    """A duration in seconds: ``200ms``, ``5 min``, ``1h 30m``, ``30d``, ``1y`` (365.25 days)."""
    rest = text.strip()
    if not rest:
        raise ParseError(text, "is empty", f"enter {DURATION_HELP}")
    total = 0.0
    parts = 0
    part = re.compile(rf"({_NUMBER})\s*([A-Za-zµμ]*)\s*")
    while rest:
        parts += 1
        match = part.match(rest)
        if not match:
            raise ParseError(text, "is not a duration", f"enter {DURATION_HELP}")
        number = float(match.group(1).replace(",", "").replace("_", ""))
        unit = match.group(2)
        factor = _TIME_UNITS.get(unit if unit in {"M", "Mo"} else unit.lower())
        if unit == "":
            factor = 1.0
            if parts > 1 or rest[match.end() :]:
                raise ParseError(text, "needs a unit on each part", f"enter {DURATION_HELP}")
        if factor is None:
            raise _unknown_unit(text, unit, DURATION_HELP)
        total += number * factor
        rest = rest[match.end() :]
    if not math.isfinite(total):
        raise ParseError(text, "is too large", f"enter {DURATION_HELP}")
    return _non_negative(total, text, DURATION_HELP)


def parse_fraction(text: str) -> float:
    """A share between 0 and 1: ``20%`` or ``0.2``."""
    number, unit = _split(text, FRACTION_HELP)
    if unit == "%":
        number /= 100
    elif unit:
        raise _unknown_unit(text, unit, FRACTION_HELP)
    elif number > 1:
        raise ParseError(
            text, "is above 1", f"write {number:g}% for a percentage, or a fraction 0-1"
        )
    if number > 1:
        raise ParseError(text, "is above 100%", f"enter {FRACTION_HELP}")
    return _non_negative(number, text, FRACTION_HELP)


def parse_availability(text: str) -> float:
    """Availability as a fraction: ``99.95%``, ``0.9995``, ``99.95`` (percent), ``3.5 nines``."""
    number, unit = _split(text, AVAILABILITY_HELP)
    _non_negative(number, text, AVAILABILITY_HELP)
    unit = unit.lower()
    if unit in {"nine", "nines", "9s"}:
        if number <= 0:
            raise ParseError(text, "needs more than zero nines", f"enter {AVAILABILITY_HELP}")
        value = 1 - math.pow(10.0, -number)
    elif unit == "%":
        value = number / 100
    elif unit:
        raise _unknown_unit(text, unit, AVAILABILITY_HELP)
    elif 1 < number <= 100:
        value = number / 100  # "99.9" can only mean a percentage
    else:
        value = number
    if value > 1:
        raise ParseError(text, "is above 100%", f"enter {AVAILABILITY_HELP}")
    if value <= 0:
        raise ParseError(text, "must be above 0%", f"enter {AVAILABILITY_HELP}")
    return value


def parse_distance(text: str) -> float:
    """A distance in metres: ``500m`` → 500; ``5km`` → 5000; ``3mi`` → 4828.032; ``500`` → 500."""
    number, unit = _split(text, DISTANCE_HELP)
    factor = _DISTANCE_UNITS.get(unit.lower())
    if factor is None:
        raise _unknown_unit(text, unit, DISTANCE_HELP)
    return _non_negative(number * factor, text, DISTANCE_HELP)


def parse_text(text: str) -> str:
    """Free text (a comma list, a request trace), stripped; the calculator reads the rest."""
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


# --- formatting -------------------------------------------------------------------------


def format_number(value: float, digits: int = 3) -> str:
    """A number rounded to ``digits`` significant figures, with thousands separators."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    magnitude = math.floor(math.log10(abs(value)))
    rounded = round(value, digits - 1 - magnitude)  # a negative place rounds to tens, hundreds…
    decimals = max(0, digits - 1 - magnitude)
    text = f"{rounded:,.{decimals}f}"
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
    (1e18, "EB"),
    (1e15, "PB"),
    (1e12, "TB"),
    (1e9, "GB"),
    (1e6, "MB"),
    (1e3, "KB"),
    (1.0, "B"),
]
_BIT_STEPS = [(1e12, "Tbps"), (1e9, "Gbps"), (1e6, "Mbps"), (1e3, "Kbps"), (1.0, "bps")]


def format_count(value: float) -> str:
    """``11574.07`` → ``'11.6K'``; ``1e9`` → ``'1B'`` (billion); whole numbers below 10,000
    in full (``1024`` → ``'1,024'``), since rounding 1,024 nodes to "1.02K" hides the count."""
    if abs(value) < 10_000 and value == int(value):
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


def format_duration(seconds: float, parts: int = 3) -> str:
    """Seconds as the ``parts`` largest units, the last one rounded: ``'8h 45m 58s'``.

    Below a minute it shows decimals (``'31.6s'``), below a second ``ms``/``µs``/``ns``.
    Years are 365.25 days.
    """
    if seconds < 0:
        return "-" + format_duration(-seconds, parts)
    if seconds == 0:
        return "0s"
    if seconds < 59.95:  # from 59.95 s, "60s" would show: use minutes
        small = [(1.0, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")]
        for index, (factor, unit) in enumerate(small):
            if seconds >= factor or unit == "ns":
                text = format_number(seconds / factor)
                if index and float(text.replace(",", "")) >= 1000:  # 999.99ms rounds to 1s
                    factor, unit = small[index - 1]
                    text = format_number(seconds / factor)
                return f"{text}{unit}"
    # A value just under a unit (59.99 s) rounds up into it: "1m", not "60s".
    first = next(i for i, (_, size) in enumerate(_CLOCK) if seconds >= size * (1 - 5e-4))
    chosen = _CLOCK[first : first + parts]
    last = chosen[-1][1]
    remaining = round(seconds / last) * last
    pieces: list[str] = []
    for unit, size in chosen:
        amount = int(remaining // size) if size != last else round(remaining / size)
        remaining -= amount * size
        if amount or not pieces:
            pieces.append(f"{amount:,}{unit}")
    return " ".join(pieces)


def format_percent(fraction: float, digits: int = 3) -> str:
    """A fraction as a percentage with ``digits`` significant figures: ``0.25`` → ``'25%'``."""
    return format_number(fraction * 100, digits) + "%"


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
