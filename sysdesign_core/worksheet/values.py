"""A value on a sheet: its likely quantity and, where it depends on ranged inputs, its value at
every combination of those inputs' ends (the corners), so low and high are exact over them.

A value that depends on ranges ``(2, 5)`` carries 4 corners: index bit ``i`` set means range
``deps[i]`` is at its high end. An operation on two values walks the union of their ranges, so
a line pays for the ranges it uses, not for every range on the sheet.

>>> from .quantity import Quantity
>>> a = Value(Quantity(10.0), (0,), (5.0, 20.0))
>>> b = Value(Quantity(2.0), (1,), (1.0, 3.0))
>>> c = combine_many([a, b], Quantity(20.0), lambda x, y: x * y)
>>> c.likely.value, c.deps, c.corners
(20.0, (0, 1), (5.0, 20.0, 15.0, 60.0))
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .quantity import Quantity, SheetError

__all__ = [
    "Value",
    "Record",
    "Text",
    "combine_many",
    "combine_pair",
    "corner_columns",
    "NOT_FINITE",
]


@dataclass(frozen=True)
class Value:
    """The likely quantity, the ranged inputs it depends on and its value at each corner."""

    likely: Quantity
    deps: tuple[int, ...] = ()
    corners: tuple[float, ...] = ()

    @property
    def low(self) -> float | None:
        return min(self.corners) if self.deps else None

    @property
    def high(self) -> float | None:
        return max(self.corners) if self.deps else None

    @property
    def monotone(self) -> bool:
        """False when the likely value lies outside the corners' span: the formula is not
        monotone in its ranged inputs, so the true range may be wider than low..high."""
        if not self.deps:
            return True
        low, high = min(self.corners), max(self.corners)
        slack = 1e-9 * max(abs(low), abs(high), 1e-300)
        return low - slack <= self.likely.value <= high + slack


@dataclass(frozen=True)
class Record:
    """What a calculator returns: its outputs by name (each a :class:`Value`)."""

    calculator: str
    fields: dict[str, Value]


@dataclass(frozen=True)
class Text:
    """Text in quotes: a calculator's text input (a topology, a bitrate ladder), by name."""

    text: str


NOT_FINITE = "at one end of a range the result is not a finite number; narrow the range"
DIVIDED_BY_ZERO = (
    "division by zero at one end of a range; narrow the range so the divisor stays above 0"
)


def _checked(number: float) -> float:
    if not math.isfinite(number):
        raise SheetError("the result is not a finite number (overflow); use smaller numbers")
    return number


@lru_cache(maxsize=4096)
def _positions(union: tuple[int, ...], own: tuple[int, ...]) -> tuple[int, ...]:
    """For each corner of ``union``, the index of the same corner among ``own``'s corners."""
    where = [union.index(d) for d in own]
    return tuple(
        sum(1 << bit for bit, position in enumerate(where) if index >> position & 1)
        for index in range(1 << len(union))
    )


@lru_cache(maxsize=4096)
def _union(owns: tuple[tuple[int, ...], ...]) -> tuple[int, ...]:
    """The ranges that values depending on ``owns`` depend on together, in order (worked out
    once per combination: a sheet's lines combine the same ranges on every edit)."""
    return tuple(sorted({d for own in owns for d in own}))


def corner_columns(values: Sequence[Value]) -> tuple[tuple[int, ...], list[Sequence[float]]]:
    """The ranges ``values`` depend on together, and each value's number at every corner of
    them (a value without ranges: its likely number at every corner); ``((), [])`` for none."""
    ranged = [v.deps for v in values if v.deps]
    if not ranged:
        return (), []
    first = ranged[0]
    same = all(d == first for d in ranged)  # the usual case: one set of ranges throughout
    deps = first if same else _union(tuple(ranged))
    count = 1 << len(deps)
    return deps, [
        (v.corners if v.deps == deps else [v.corners[k] for k in _positions(deps, v.deps)])
        if v.deps
        else (v.likely.value,) * count
        for v in values
    ]


def combine_many(values: Sequence[Value], likely: Quantity, op: Callable[..., float]) -> Value:
    """The value of ``op`` over ``values``: ``likely`` already computed (with its dimensions),
    and ``op`` applied to the plain numbers at every corner of their ranges' union."""
    _checked(likely.value)
    deps, columns = corner_columns(values)
    if not deps:
        return Value(likely)
    try:
        corners = tuple(_checked(op(*args)) for args in zip(*columns, strict=True))
    except ZeroDivisionError:
        raise SheetError(DIVIDED_BY_ZERO) from None
    except (OverflowError, ValueError):
        raise SheetError(NOT_FINITE) from None
    return Value(likely, deps, corners)


def combine_pair(a: Value, b: Value, likely: Quantity, op: str) -> Value:
    """:func:`combine_many` for ``a op b`` with ``op`` one of ``+ - * /``: the same value,
    with the corners computed without a function call each (a sheet's most common step).

    >>> from .quantity import Quantity
    >>> a = Value(Quantity(10.0), (0,), (5.0, 20.0))
    >>> combine_pair(a, Value(Quantity(2.0)), Quantity(20.0), "*").corners
    (10.0, 40.0)
    """
    # ``likely`` is finite: the quantity's own + - * / checked it
    if not a.deps and not b.deps:
        return Value(likely)
    xs: Sequence[float]
    ys: Sequence[float]
    if a.deps == b.deps:
        deps, xs, ys = a.deps, a.corners, b.corners
    elif not b.deps:
        deps, xs, ys = a.deps, a.corners, (b.likely.value,) * len(a.corners)
    elif not a.deps:
        deps, xs, ys = b.deps, (a.likely.value,) * len(b.corners), b.corners
    else:
        deps, (xs, ys) = corner_columns((a, b))
    if op == "+":
        corners = tuple([x + y for x, y in zip(xs, ys, strict=True)])
    elif op == "-":
        corners = tuple([x - y for x, y in zip(xs, ys, strict=True)])
    elif op == "*":
        corners = tuple([x * y for x, y in zip(xs, ys, strict=True)])
    else:
        try:
            corners = tuple([x / y for x, y in zip(xs, ys, strict=True)])
        except ZeroDivisionError:
            raise SheetError(DIVIDED_BY_ZERO) from None
    if not all(map(math.isfinite, corners)):
        raise SheetError(NOT_FINITE)
    return Value(likely, deps, corners)
