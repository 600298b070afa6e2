"""Quantities with dimensions, the unit names a sheet may use, and how a value is shown.

A :class:`Quantity` is a float in base units (bytes, seconds, dollars, metres; a count or a
fraction is dimensionless) with its :data:`Dims` (exponents of data, time, money, length) and
a display ``hint`` (a percentage, nines, bits) that never changes the value.

>>> q = Quantity(1e9, DATA) / Quantity(1.0, TIME)
>>> show(q), show(q.with_hint("bits"))
('1 GB/s', '8 Gbps')
>>> unit("Gbps").factor, unit("Gbps").dims == DATA_RATE
(125000000.0, True)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import units
from ..cost import format_usd

__all__ = [
    "Dims",
    "NONE",
    "DATA",
    "TIME",
    "MONEY",
    "LENGTH",
    "RATE",
    "DATA_RATE",
    "Quantity",
    "Unit",
    "unit",
    "unit_names",
    "AMBIGUOUS",
    "describe",
    "base_unit",
    "show",
    "show_in",
    "shown_in",
    "SheetError",
]

Dims = tuple[int, int, int, int]
"""Exponents of (data, time, money, length): bytes per second is ``(1, -1, 0, 0)``."""

NONE: Dims = (0, 0, 0, 0)
DATA: Dims = (1, 0, 0, 0)
TIME: Dims = (0, 1, 0, 0)
MONEY: Dims = (0, 0, 1, 0)
LENGTH: Dims = (0, 0, 0, 1)
RATE: Dims = (0, -1, 0, 0)
DATA_RATE: Dims = (1, -1, 0, 0)
_NAMES = ("data", "time", "money", "length")
_BASE = ("B", "s", "$", "m")


class SheetError(ValueError):
    """What is wrong with one line, and what to write instead (one line of text)."""


def _mul(a: Dims, b: Dims, sign: int = 1) -> Dims:
    return (a[0] + sign * b[0], a[1] + sign * b[1], a[2] + sign * b[2], a[3] + sign * b[3])


def describe(dims: Dims) -> str:
    """``dims`` in words, for messages: ``'data/time (a bandwidth)'``."""
    named = {
        NONE: "a plain number",
        DATA: "a size",
        TIME: "a duration",
        MONEY: "money",
        LENGTH: "a distance",
        RATE: "a rate",
        DATA_RATE: "a bandwidth",
        (0, -1, 1, 0): "money per time",
    }
    if dims in named:
        return named[dims]
    return "a quantity in " + base_unit(dims)


def base_unit(dims: Dims) -> str:
    """The base unit of ``dims`` as the JSON export writes it: ``'B'``, ``'bit/s'``, ``'1/s'``,
    ``'$/s'``, ``'$/B/s'``; ``''`` for a plain number."""
    if dims == DATA_RATE:
        return "bit/s"  # a bandwidth is written in bits per second, as links are sold
    top = [_BASE[i] + (f"^{e}" if e > 1 else "") for i, e in enumerate(dims) if e > 0]
    bottom = [_BASE[i] + (f"^{-e}" if e < -1 else "") for i, e in enumerate(dims) if e < 0]
    if not top and not bottom:
        return ""
    return "·".join(top or ["1"]) + "".join("/" + part for part in bottom)


@dataclass(frozen=True)
class Quantity:
    """A value in base units with its dimensions; ``hint`` only changes how it is shown."""

    value: float
    dims: Dims = NONE
    hint: str = ""

    def with_hint(self, hint: str) -> Quantity:
        return Quantity(self.value, self.dims, hint)

    def _same(self, other: Quantity, op: str) -> None:
        if self.dims != other.dims:
            raise SheetError(
                f"cannot {op} {describe(self.dims)} and {describe(other.dims)}; "
                "convert one side first (a rate times a duration is a count)"
                + (
                    "; B is a byte: write bn for a billion"
                    if {self.dims, other.dims} == {DATA, NONE}
                    else ""
                )
            )

    def __add__(self, other: Quantity) -> Quantity:
        self._same(other, "add")
        return Quantity(_finite(self.value + other.value), self.dims, self.hint or other.hint)

    def __sub__(self, other: Quantity) -> Quantity:
        self._same(other, "subtract")
        return Quantity(_finite(self.value - other.value), self.dims, self.hint or other.hint)

    def __mul__(self, other: Quantity) -> Quantity:
        value = _finite(self.value * other.value)
        return Quantity(value, _mul(self.dims, other.dims), _hint(self, other, "*", value))

    def __truediv__(self, other: Quantity) -> Quantity:
        if other.value == 0:
            raise SheetError("division by zero; check the divisor's inputs")
        value = _finite(self.value / other.value)
        return Quantity(value, _mul(self.dims, other.dims, -1), _hint(self, other, "/", value))

    def __neg__(self) -> Quantity:
        return Quantity(-self.value, self.dims, self.hint)

    def power(self, other: Quantity) -> Quantity:
        """``self ^ other``: the exponent is a plain number, and a whole one unless ``self``
        is a plain number (a size squared is a size², a size to the 0.5 is not a unit)."""
        if other.dims != NONE:
            raise SheetError("an exponent must be a plain number, not " + describe(other.dims))
        n = other.value
        if self.dims != NONE and n != int(n):
            raise SheetError("only a plain number can have a fractional exponent")
        if self.value == 0 and n < 0:
            raise SheetError("division by zero: 0 to a negative power")
        if self.value < 0 and n != int(n):
            raise SheetError("a negative number to a fractional power is not a real number")
        try:
            result = math.pow(self.value, n)
        except OverflowError:
            raise SheetError("the result overflows; use smaller numbers") from None
        k = int(n) if self.dims != NONE else 0
        dims = (self.dims[0] * k, self.dims[1] * k, self.dims[2] * k, self.dims[3] * k)
        return Quantity(result, dims, "")


def _finite(number: float) -> float:
    if not math.isfinite(number):
        raise SheetError("the result is not a finite number (overflow); use smaller numbers")
    return number


def _hint(a: Quantity, b: Quantity, op: str, value: float) -> str:
    """The hint of a product or quotient: a plain factor keeps the other side's hint (twice a
    percentage is a percentage); bits stay bits while the result is still data. A share of a
    count is a count: a plain result above 1 is no longer shown as a percentage (30% of 8.33M
    is 2.5M, not 250,000,000%)."""
    if b.dims == NONE and not b.hint:
        hint = a.hint
    elif a.dims == NONE and not a.hint and op == "*":
        hint = b.hint
    elif "bits" in (a.hint, b.hint):
        hint = "bits"
    elif a.dims == b.dims == NONE and a.hint == b.hint == "percent" and op == "*":
        hint = "percent"  # a share of a share: 99.95% × 99.9% in series
    else:
        hint = ""
    if hint in ("percent", "nines") and abs(value) > 1:
        return ""
    return hint


@dataclass(frozen=True)
class Unit:
    """A unit name: its size in base units, its dimensions and a display hint."""

    factor: float
    dims: Dims
    hint: str = ""


_COUNT = {
    "K": 1e3,
    "k": 1e3,
    "thousand": 1e3,
    "M": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "G": 1e9,
    "billion": 1e9,
    "T": 1e12,
    "trillion": 1e12,
}
# Nouns that label a count and change nothing: "40 servers", "3 replicas".
_NOUN_WORDS = (
    "user users request requests req reqs query queries server servers machine machines node "
    "nodes host hosts replica replicas copy copies device devices item items message messages "
    "msg msgs event events write writes read reads tweet tweets post posts connection "
    "connections conn conns op ops operation operations token tokens gpu gpus GPU GPUs shard "
    "shards partition partitions key keys row rows record records file files photo photos "
    "video videos view views click clicks person people x times"
)
NOUNS = frozenset(_NOUN_WORDS.split())
YEAR_NAMES = frozenset({"y", "yr", "yrs", "year", "years"})
MONTH_NAMES = frozenset({"mo", "month", "months"})
_QUARTER_NAMES = frozenset({"q", "quarter", "quarters"})
_PREFIX = {"K": 1e3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18, "Z": 1e21}
_IEC = {"Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30, "Ti": 2.0**40, "Pi": 2.0**50, "Ei": 2.0**60}


def _table() -> dict[str, Unit]:
    table: dict[str, Unit] = {name: Unit(f, NONE) for name, f in _COUNT.items()}
    table.update({name: Unit(1.0, NONE) for name in NOUNS})
    # the calculators' time names, less those a sheet reads otherwise: "m" and "w" are
    # ambiguous here, and a year, a month (and so a quarter) follow the sheet's own year
    table.update(
        {
            name: Unit(factor, TIME)
            for name, factor in units._TIME_UNITS.items()
            if name not in AMBIGUOUS.keys() | YEAR_NAMES | MONTH_NAMES | _QUARTER_NAMES
        }
    )
    for name in ("qps", "QPS", "rps", "RPS", "tps", "TPS"):
        table[name] = Unit(1.0, RATE)
    table["%"] = Unit(0.01, NONE, "percent")
    for name in ("B", "byte", "bytes"):
        table[name] = Unit(1.0, DATA)
    for name in ("bit", "bits"):
        table[name] = Unit(0.125, DATA, "bits")
    table["bps"] = Unit(0.125, DATA_RATE, "bits")
    for prefix, factor in _PREFIX.items():
        table[prefix + "B"] = Unit(factor, DATA)
        table[prefix + "bit"] = Unit(factor / 8, DATA, "bits")
        table[prefix + "bps"] = Unit(factor / 8, DATA_RATE, "bits")
    for prefix, factor in _IEC.items():
        table[prefix + "B"] = Unit(factor, DATA)
    table.update({"usd": Unit(1.0, MONEY), "USD": Unit(1.0, MONEY), "$": Unit(1.0, MONEY)})
    for name, factor in {
        "km": 1e3,
        "metre": 1.0,
        "metres": 1.0,
        "meter": 1.0,
        "meters": 1.0,
        "mi": 1609.344,
        "mile": 1609.344,
        "miles": 1609.344,
    }.items():
        table[name] = Unit(factor, LENGTH)
    return table


AMBIGUOUS = {
    "m": "write min for minutes, M for a million or metres for a distance",
    "b": "write B for bytes, bit for bits or bn for a billion",
    "Kb": "write KB for kilobytes or Kbit for kilobits",
    "Mb": "write MB for megabytes or Mbit for megabits",
    "Gb": "write GB for gigabytes or Gbit for gigabits",
    "Tb": "write TB for terabytes or Tbit for terabits",
    "mb": "write MB for megabytes or Mbit for megabits",
    "gb": "write GB for gigabytes or Gbit for gigabits",
    "kb": "write KB for kilobytes or Kbit for kilobits",
    "w": "write week",
}

_UNITS = _table()


def unit(name: str, year: float = units.YEAR) -> Unit:
    """The unit called ``name``; ``year`` is the length of ``year`` (and a month is a twelfth).

    Raises :class:`SheetError` for an ambiguous name (``m``) with what to write instead, and
    ``KeyError`` for a name that is not a unit.
    """
    if name in AMBIGUOUS:
        raise SheetError(f"{name!r} is ambiguous: {AMBIGUOUS[name]}")
    if name in YEAR_NAMES:
        return Unit(year, TIME)
    if name in MONTH_NAMES:
        return Unit(year / 12, TIME)
    return _UNITS[name]


def unit_names() -> list[str]:
    """Every unit name, for "did you mean" suggestions and the help."""
    return sorted({*_UNITS, *YEAR_NAMES, *MONTH_NAMES})


_MINUTES = re.compile(r"([0-9])m\b")


def _signed(value: float, show_positive: str) -> str:
    return ("-" if value < 0 else "") + show_positive


def show(q: Quantity) -> str:
    """``q`` as a person reads it, by its dimensions (and hint), rounded to three figures."""
    v, d = q.value, q.dims
    a = abs(v)
    if d == NONE:
        if q.hint == "percent":  # 99.84%, not 99.8%, where nines matter
            return _signed(v, units.format_percent(a, 4 if 0.99 <= a < 1 else 3))
        if q.hint == "nines" and 0 <= v < 1:
            return units.format_availability(v)
        return _signed(v, units.format_count(a) if a >= 1 or a == 0 else units.format_number(a))
    if d == RATE:
        return _signed(v, units.format_rate(a) if a >= 1 else units.format_number(a) + "/s")
    if d == DATA:
        if q.hint == "bits":
            text, suffix = units._scaled(
                a * 8, [(f, s.replace("bps", "bit")) for f, s in units._BIT_STEPS]
            )
            return _signed(v, f"{text} {suffix}")
        return _signed(v, units.format_bytes(a))
    if d == DATA_RATE:
        if q.hint == "bits":
            return _signed(v, units.format_bandwidth(a * 8))
        return _signed(v, units.format_byte_rate(a))
    if d == TIME:  # "5min", not the calculators' "5m": a sheet reads "m" as ambiguous
        return _signed(v, _MINUTES.sub(r"\1min", units.format_duration(a)))
    if d == MONEY:
        return format_usd(v)
    if d == (0, -1, 1, 0):
        return format_usd(v * units.MONTH) + "/month"
    if d == (-1, 0, 1, 0):  # a price per byte, as prices are quoted
        return format_usd(v * 1e9) + "/GB"
    if d == (-1, -1, 1, 0):
        return format_usd(v * 1e9 * units.MONTH) + "/GB/month"
    if d == LENGTH:
        return _signed(v, units.format_distance(a))
    return f"{units.format_number(v)} {base_unit(d)}"


def show_in(q: Quantity, target: Unit, text: str) -> str:
    """``q`` converted to the unit written ``text`` (``in PB``): ``'10.5 PB'``, ``'$1.2K/month'``.

    Raises :class:`SheetError` when the dimensions differ.
    """
    return shown_in(q.dims, target, text)(q.value)


def shown_in(dims: Dims, target: Unit, text: str) -> Callable[[float], str]:
    """How :func:`show_in` shows a number of ``dims`` in the unit written ``text``, checked
    once for a line's likely, low and high values. Raises :class:`SheetError` when the
    dimensions differ (and, when called, for a number that cannot be shown in nines)."""
    if target.dims != dims:
        raise SheetError(
            f"cannot show {describe(dims)} in {text} ({describe(target.dims)}); "
            f"pick a unit of {describe(dims)} such as {_example(dims)}"
        )
    if target.hint == "nines":

        def in_nines(value: float) -> str:
            if not 0 <= value < 1:
                raise SheetError("only a fraction below 100% can be shown in nines")
            return units.format_number(-math.log10(1 - value)) + " nines"

        return in_nines
    factor, number = target.factor, units.format_number
    if text.startswith("$"):
        rest = text[1:]
        return lambda value: (
            ("-" if value < 0 else "") + "$" + number(value / factor).lstrip("-") + rest
        )
    suffix = ("" if text == "%" or text.startswith("/") else " ") + text
    return lambda value: number(value / factor) + suffix


def _example(dims: Dims) -> str:
    return {
        NONE: "%, K or M",
        DATA: "GB or TB",
        TIME: "hours or days",
        RATE: "K/s or /day",
        DATA_RATE: "Gbps or GB/s",
        MONEY: "$",
        (0, -1, 1, 0): "$/month",
        LENGTH: "km",
    }.get(dims, base_unit(dims))
