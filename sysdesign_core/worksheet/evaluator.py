"""Evaluate a sheet top to bottom: every line gets a value or one reason, never an exception.

Names are looked up in this order: the sheet's own lines, the catalog's constants, then units
standing alone (``day`` is one day). Every registered calculator is a function taking its
inputs by name; a line that uses a line with an error waits for it and says which.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import lru_cache
from typing import Any

from .. import units
from ..errors import InputError, one_line
from ..registry import KINDS, calculators, get, parse
from .constants import CONSTANTS, Constant
from .parse import (
    Bin,
    Call,
    Field,
    Lit,
    Name,
    Node,
    Range,
    Statement,
    Str,
    Unary,
    _split_comment,
    parse_line,
    parse_target,
)
from .quantity import (
    DATA,
    DATA_RATE,
    LENGTH,
    MONEY,
    NONE,
    RATE,
    TIME,
    Dims,
    Quantity,
    SheetError,
    Unit,
    describe,
    show,
    shown_in,
    unit,
)
from .values import NOT_FINITE, Record, Text, Value, combine_many, combine_pair, corner_columns

__all__ = [
    "Line",
    "Sheet",
    "Memo",
    "evaluate",
    "FUNCTIONS",
    "MAX_LINES",
    "MAX_CHARS",
    "MAX_RANGES",
    "TIME_LIMIT",
    "KIND_DIMS",
]

MAX_LINES = 500
MAX_CHARS = 20_000
MAX_RANGES = 10
TIME_LIMIT = 2.0
"""Seconds one evaluation may take; lines past it are not evaluated and say so."""

KIND_DIMS: dict[str, tuple[Dims, str]] = {
    "count": (NONE, ""),
    "number": (NONE, ""),
    "ratio": (NONE, ""),
    "bytes": (DATA, ""),
    "byte_rate": (DATA_RATE, ""),
    "bandwidth": (DATA_RATE, "bits"),
    "rate": (RATE, ""),
    "duration": (TIME, ""),
    "fraction": (NONE, "percent"),
    "availability": (NONE, "nines"),
    "distance": (LENGTH, ""),
    "usd": (MONEY, ""),
}
"""A calculator kind's dimensions on a sheet and its display hint."""


@dataclass
class Line:
    """One line's outcome. ``value`` is ``None`` for a blank line, a comment, a calculator
    record or an error; ``low``/``high`` are set when the line depends on a ranged input."""

    number: int
    source: str
    name: str = ""
    expr: str = ""
    note: str = ""
    value: Quantity | None = None
    text: str = ""
    low: float | None = None
    high: float | None = None
    low_text: str = ""
    high_text: str = ""
    monotone: bool = True
    ranges: tuple[int, ...] = ()
    record: str = ""
    error: str = ""
    waits_for: int | None = None
    constants: tuple[str, ...] = ()
    calls: tuple[tuple[str, dict[str, str]], ...] = ()
    """Each calculator this line called, with the exact text of its likely inputs."""

    @property
    def decides(self) -> bool:
        """The line marked as the one that decides the design (``# decides: …``)."""
        return self.note.lower().startswith("decides")


@dataclass
class Sheet:
    """Every line's outcome, the ranged inputs (line of each, by id) and the constants used."""

    lines: list[Line]
    ranges: dict[int, int] = field(default_factory=dict)
    constants: dict[str, Constant] = field(default_factory=dict)
    error: str = ""

    def line(self, name: str) -> Line:
        """The last line that defines ``name`` (``KeyError`` if none)."""
        for item in reversed(self.lines):
            if item.name == name:
                return item
        raise KeyError(name)


class _Wait(Exception):
    def __init__(self, line: int, name: str) -> None:
        super().__init__(name)
        self.line = line
        self.name = name


def _plain_number(value: Value, what: str) -> float:
    if value.likely.dims != NONE:
        raise SheetError(f"{what} takes a plain number, not {describe(value.likely.dims)}")
    return value.likely.value


def _unary(fn: Callable[[float], float], name: str, plain: bool = False) -> Callable[..., Any]:
    def apply(args: list[Value]) -> Value:
        if len(args) != 1:
            raise SheetError(f"{name}() takes one value, as in {name}(x)")
        (arg,) = args
        dims = arg.likely.dims
        if plain and dims != NONE:
            raise SheetError(f"{name}() takes a plain number, not {describe(dims)}")
        try:
            likely = Quantity(fn(arg.likely.value), dims, arg.likely.hint)
        except (ValueError, OverflowError):
            raise SheetError(f"{name}() of {show(arg.likely)} is not defined") from None
        return combine_many([arg], likely, fn)

    return apply


def _sqrt(args: list[Value]) -> Value:
    if len(args) != 1:
        raise SheetError("sqrt() takes one value")
    dims = args[0].likely.dims
    if any(e % 2 for e in dims):
        raise SheetError(f"sqrt() of {describe(dims)} has no unit; take it of a plain number")
    if args[0].likely.value < 0 or any(c < 0 for c in args[0].corners):
        raise SheetError("sqrt() of a negative number is not a real number")
    half: Dims = (dims[0] // 2, dims[1] // 2, dims[2] // 2, dims[3] // 2)
    likely = Quantity(math.sqrt(args[0].likely.value), half, "")
    return combine_many(args, likely, math.sqrt)


def _extreme(pick: Callable[..., float], name: str) -> Callable[[list[Value]], Value]:
    def apply(args: list[Value]) -> Value:
        if len(args) < 2:
            raise SheetError(f"{name}() takes two or more values, as in {name}(a, b)")
        first = args[0].likely
        for other in args[1:]:
            if other.likely.dims != first.dims:
                raise SheetError(
                    f"{name}() compares like with like: {describe(first.dims)} and "
                    f"{describe(other.likely.dims)}"
                )
        values = [a.likely.value for a in args]
        chosen = args[values.index(pick(values))].likely
        return combine_many(args, chosen, lambda *xs: pick(xs))

    return apply


def _log(base: float, name: str) -> Callable[[float], float]:
    def fn(x: float) -> float:
        if x <= 0:
            raise ValueError(name)
        return math.log(x, base) if base != 2 else math.log2(x)

    return fn


FUNCTIONS: dict[str, Callable[[list[Value]], Value]] = {
    "ceil": _unary(lambda x: float(math.ceil(x)), "ceil"),
    "floor": _unary(lambda x: float(math.floor(x)), "floor"),
    "round": _unary(lambda x: float(round(x)), "round"),
    "abs": _unary(abs, "abs"),
    "min": _extreme(min, "min"),
    "max": _extreme(max, "max"),
    "log2": _unary(_log(2, "log2"), "log2", plain=True),
    "log10": _unary(_log(10, "log10"), "log10", plain=True),
    "sqrt": _sqrt,
}
"""Functions of plain values (a calculator is called by its id, with named inputs)."""


_SCALES: dict[str, tuple[tuple[float, str], ...]] = {
    # kind: (factor, unit) candidates in the site's notation; the shortest text that reads
    # back to the value is used, so a calculator receives "175.32TB" or "500/min", not
    # "175320000000000.0B" or "8.333333333333334/s"
    "bytes": ((1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"), (1.0, "B")),
    "byte_rate": ((1e9, "GB/s"), (1e6, "MB/s"), (1e3, "KB/s"), (1.0, "B/s")),
    "bandwidth": ((1e12, "Tbps"), (1e9, "Gbps"), (1e6, "Mbps"), (1e3, "Kbps"), (1.0, "bps")),
    "rate": ((1e6, "M/s"), (1e3, "K/s"), (1.0, "/s"), (1 / 60, "/min"), (1 / 3600, "/h"),
             (1e3 / units.DAY, "K/day"), (1e6 / units.DAY, "M/day"), (1e9 / units.DAY, "B/day"),
             (1 / units.DAY, "/day")),
    "duration": ((units.YEAR, "y"), (units.DAY, "d"), (3600.0, "h"), (60.0, "min"), (1.0, "s"),
                 (1e-3, "ms"), (1e-6, "us")),
    "distance": ((1e3, "km"), (1.0, "m")),
    "count": ((1e9, "B"), (1e6, "M"), (1e3, "K"), (1.0, "")),
    "fraction": ((0.01, "%"), (1.0, "")),
    "availability": ((0.01, "%"), (1.0, "")),
    "usd": ((1.0, ""),),
}  # fmt: skip
_CLOSE = 1e-12  # a text within this relative distance reads back as the same figure


def _short(scaled: float, factor: float, value: float) -> str | None:
    """The shortest plain text of ``scaled`` (3 to 17 significant figures) that, times
    ``factor``, is ``value`` to 12 figures; ``None`` if none is."""
    for digits in (3, 6, 9, 12, 15, 17):  # 17 always reads back
        text = f"{scaled:.{digits}g}"
        if "e" in text:
            return None
        back = float(text) / round(1 / factor) if factor < 1 else float(text) * factor
        if back == value or abs(back - value) <= _CLOSE * abs(value):
            return text
    return None


def exact_text(kind: str, value: float) -> str:
    """``value`` (base units of the calculator input ``kind``) as the shortest text in the
    site's notation that reads back to it (to 12 significant figures: the rest is float
    noise): ``'175.32TB'``, ``'500/min'``, ``'0.001%'``; base units where nothing shorter does.

    >>> exact_text("bytes", 175.32e12), exact_text("count", 5e8), exact_text("rate", 500 / 60)
    ('175.32TB', '500M', '500/min')
    >>> exact_text("fraction", 1e-5), exact_text("duration", 0.2), exact_text("bytes", 0.0)
    ('0.001%', '200ms', '0B')
    """
    return _exact_text(kind, value, math.copysign(1.0, value))


@lru_cache(maxsize=1024)
def _exact_text(kind: str, value: float, sign: float) -> str:
    """:func:`exact_text`, remembered: a sheet passes the same ends of its ranges to its
    calculators on every edit (``sign`` tells -0.0 from 0.0, which compare equal)."""
    parse = KINDS[kind].parse if kind in KINDS else float
    found: list[tuple[bool, bool, int, int, str]] = []  # not %, below 1, length, order
    for order, (factor, suffix) in enumerate(_SCALES.get(kind, ((1.0, ""),))):
        scaled = value / factor
        if factor != 1.0 and (value == 0 or not 1e-3 <= abs(scaled) < 1e6):
            continue
        number = _short(scaled, factor, value)
        if (
            number is not None
            and suffix.startswith(("/", "K/", "M/", "B/"))
            and not (suffix.endswith("/s") or len(number.replace(".", "").strip("0")) <= 3)
        ):
            continue  # "500/min", "5B/day" read well; "12.12B/day" does not: use per second
        if number is not None:
            text = f"{'$' if kind == 'usd' else ''}{number}{suffix}"
            percent = kind in ("fraction", "availability") and suffix == "%"  # 100%, not 1
            found.append((not percent, abs(scaled) < 1, len(text), order, text))
    for *_, text in sorted(found):  # the best that the input's own parser reads back
        try:
            back = float(parse(text))
        except (ValueError, ArithmeticError):
            continue
        if back == value or abs(back - value) <= _CLOSE * abs(value):
            return text
    return _raw_base(kind, value)


def _raw_base(kind: str, value: float) -> str:
    number = repr(float(value))
    return {
        "bytes": f"{number}B",
        "byte_rate": f"{number}B/s",
        "bandwidth": f"{float(value)!r}bps",
        "rate": f"{number}/s",
        "duration": f"{number}s",
        "distance": f"{number}m",
        "usd": number,
    }.get(kind, number)


def _raw(item_kind: str, value: float) -> str:
    """``value`` in the sheet's base units as exact text for a calculator input of
    ``item_kind`` (a bandwidth: the sheet keeps bytes per second, the input reads bits)."""
    return exact_text(item_kind, value * 8 if item_kind == "bandwidth" else value)


@lru_cache(maxsize=1024)
def _run_cached(
    calc_id: str, raw: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, float], ...] | str:
    """``run()``'s outputs as numbers, or its error as one line: remembered, since a sheet
    re-evaluated after an edit calls the same calculators with the same inputs again."""
    try:
        numbers = parse(get(calc_id), dict(raw)).numbers()
    except InputError as error:
        return one_line(f"{calc_id}(): {error}")
    return tuple(numbers.items())


@lru_cache(maxsize=4096)
def _parsed(source: str) -> Statement | str:
    """The line's statement, or its parse error as text (remembered between edits)."""
    try:
        return parse_line(source)
    except SheetError as error:
        return one_line(str(error))


@lru_cache(maxsize=4096)
def _expr_text(source: str, named: bool) -> str:
    """The formula as written: the line without its comment and, for ``named``, its name."""
    code = _split_comment(source)[0].strip()
    return code.split("=", 1)[1].strip() if named else code


def _unit_quantity(name: str, year: float) -> Quantity:
    """The quantity one ``name`` unit is (``GB``, ``day``), for a year of ``year`` seconds."""
    found = unit(name, year)
    return Quantity(found.factor, found.dims, found.hint)


def _negate(inner: Value) -> Value:
    """``-inner``, with its range."""
    return combine_many([inner], -inner.likely, lambda x: -x)


@lru_cache(maxsize=1024)
def _literal(lit: Lit, year: float) -> Quantity:
    """A literal's quantity (a sheet uses the same few again and again: remembered)."""
    if any(name == "nines" for _, name in lit.units):
        if len(lit.units) != 1:
            raise SheetError("write nines alone after the number, as in 3.5 nines")
        if not 0 <= lit.number <= 15:
            raise SheetError(f"{lit.number:g} nines: write from 0 to 15 nines")
        return Quantity(1 - 10.0**-lit.number, NONE, "nines")
    q = Quantity(lit.number, MONEY if lit.money else NONE)
    for op, name in lit.units:
        factor = _unit_quantity(name, year)
        inverse = 1 / factor.value
        if factor.value < 1 and inverse == round(inverse):
            # 99.9% is 99.9 / 100 (0.999), not 99.9 * 0.01 (0.9990000000000001)
            one = Quantity(1.0, factor.dims, factor.hint)
            q = q * one / Quantity(inverse) if op == "*" else q / one * Quantity(inverse)
            q = q.with_hint(factor.hint or q.hint)  # 99.9% stays a percentage
        else:
            q = q * factor if op == "*" else q / factor
    if lit.money:
        q = q.with_hint("")
    return q


def _a_value(found: Value | Record | Text) -> Value:
    """``found``, which must be one value (not text, not a calculator's record)."""
    if type(found) is Value:  # the usual case, asked first: every operand of every step
        return found
    if isinstance(found, Text):
        raise SheetError(
            "text is only for a calculator's text inputs, as in "
            'composite(components=parts) with parts = "99.9%, 99.9%"'
        )
    if isinstance(found, Record):
        raise SheetError(
            f"{found.calculator}(...) gives several results; pick one with a '.', "
            f"as in .{next(iter(found.fields))}"
        )
    return found


_Step = Callable[["_Evaluator"], "Value | Record | Text"]


@lru_cache(maxsize=4096)
def _program(source: str) -> _Step:
    """The line's formula as nested functions of the evaluator, made once per line text: the
    same steps in the same order as :meth:`_Evaluator.eval` walking the tree, without asking
    each node what it is on every edit (a sheet's lines are evaluated again and again)."""
    statement = _parsed(source)
    assert isinstance(statement, Statement) and statement.expr is not None
    return _compile(statement.expr)


def _compile(node: Node) -> _Step:
    if isinstance(node, Lit):
        known: dict[float, Value] = {}  # by the length of a year

        def literal(ev: _Evaluator) -> Value:
            # a leaf does not check the clock: its line and its parent step did
            found = known.get(ev.year)
            if found is None:
                found = known[ev.year] = Value(ev.literal(node))
            return found

        return literal
    if isinstance(node, Bin):
        op, left, right = node.op, _compile(node.left), _compile(node.right)

        def binary(ev: _Evaluator) -> Value:
            ev.tick()
            a = left(ev)  # a sheet's most common step: _a_value only when not plainly a value
            a = a if type(a) is Value else _a_value(a)
            b = right(ev)
            return ev.combine(op, a, b if type(b) is Value else _a_value(b))

        return binary
    if isinstance(node, Name):

        def name(ev: _Evaluator) -> Value | Record | Text:
            return ev.name(node)  # a leaf: see literal()

        return name
    if isinstance(node, Unary):
        operand = _compile(node.operand)

        def unary(ev: _Evaluator) -> Value:
            ev.tick()
            return _negate(_a_value(operand(ev)))

        return unary
    return lambda ev: ev.eval(node)  # text, fields, calls and ranges: walked as they are


@lru_cache(maxsize=256)
def _goal(target: str, year: float) -> Unit:
    """The unit a line is shown in (``in PB``), from the text after ``in``."""
    money, parts = parse_target(target)
    goal = Quantity(1.0, MONEY if money else NONE)
    if parts == (("*", "nines"),):
        goal = Quantity(1.0, NONE, "nines")
    else:
        for op, name in parts:
            factor = _unit_quantity(name, year)
            goal = goal * factor if op == "*" else goal / factor
    return Unit(goal.value, goal.dims, goal.hint)


class _Evaluator:
    def __init__(self, deadline: float) -> None:
        self.names: dict[str, tuple[Value | Record | Text, int]] = {}
        self.failed: dict[str, int] = {}
        self.ranges: dict[int, int] = {}
        self.swing: tuple[int, str] | None = None
        self.year = units.YEAR
        self.line = 0
        self.deadline = deadline
        self.used: dict[str, Constant] = {}
        self.line_constants: dict[str, None] = {}  # in the order the line uses them
        self.reads: list[tuple[str, Value | Record | Text | None]] = []
        self.memo: Memo | None = None
        self.kept: dict[int, _Kept] = {}  # this evaluation's reusable lines, for the memo
        self.line_calls: list[tuple[str, dict[str, str]]] = []
        self.range_count = 0

    # -- names, literals, units --------------------------------------------------------
    def unit_value(self, name: str) -> Quantity:
        return _unit_quantity(name, self.year)

    def literal(self, lit: Lit) -> Quantity:
        return _literal(lit, self.year)

    def name(self, node: Name) -> Value | Record | Text:
        if node.id in self.names:
            found = self.names[node.id][0]
            self.reads.append((node.id, found))
            return found
        if node.id in self.failed:
            raise _Wait(self.failed[node.id], node.id)
        if node.id in CONSTANTS:
            constant = CONSTANTS[node.id]
            self.used[node.id] = constant
            self.line_constants[node.id] = None
            self.reads.append((node.id, None))
            return Value(constant.quantity)
        try:
            value = Value(self.unit_value(node.id))
        except KeyError:
            pass
        else:
            self.reads.append((node.id, None))
            return value
        known = [*self.names, *CONSTANTS, *FUNCTIONS, *(c.id for c in calculators())]
        close = get_close_matches(node.id, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}?" if close else "define it on a line above: name = value"
        raise SheetError(f"unknown name {node.id!r}; {hint}")

    # -- the tree ------------------------------------------------------------------------
    def value(self, node: Node) -> Value:
        return _a_value(self.eval(node))

    def tick(self) -> None:
        """Every step checks the clock: a sheet stops at :data:`TIME_LIMIT`."""
        if time.monotonic() > self.deadline:
            raise SheetError(f"stopped: the sheet took longer than {TIME_LIMIT:g} s")

    def eval(self, node: Node) -> Value | Record | Text:
        self.tick()
        if isinstance(node, Lit):
            return Value(self.literal(node))
        if isinstance(node, Name):
            return self.name(node)
        if isinstance(node, Str):
            return Text(node.text)
        if isinstance(node, Unary):
            return _negate(self.value(node.operand))
        if isinstance(node, Bin):
            return self.binary(node)
        if isinstance(node, Field):
            return self.field(node)
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, Range):
            return self.range(node)
        raise SheetError("cannot evaluate this line")  # pragma: no cover - every node above

    def binary(self, node: Bin) -> Value:
        a, b = self.value(node.left), self.value(node.right)
        return self.combine(node.op, a, b)

    def combine(self, op: str, a: Value, b: Value) -> Value:
        """``a op b`` (one of ``+ - * / ^``)."""
        x, y = a.likely, b.likely
        if op == "+":
            return combine_pair(a, b, x + y, "+")
        if op == "-":
            return combine_pair(a, b, x - y, "-")
        if op == "*":
            return combine_pair(a, b, x * y, "*")
        if op == "/":
            return combine_pair(a, b, x / y, "/")
        likely = x.power(y)

        def power(p: float, q: float) -> float:
            if p < 0 and q != int(q):
                raise ValueError("negative base")
            return math.pow(p, q)

        return combine_many([a, b], likely, power)

    def field(self, node: Field) -> Value:
        record = self.eval(node.record)
        if not isinstance(record, Record):
            raise SheetError(
                f".{node.name} needs a calculator's result before it, as in cap.{node.name}"
            )
        if node.name not in record.fields:
            close = get_close_matches(node.name, list(record.fields), n=1, cutoff=0.5)
            hint = f"did you mean {close[0]}?" if close else "results: " + ", ".join(record.fields)
            raise SheetError(f"{record.calculator} has no result {node.name!r}; {hint}")
        return record.fields[node.name]

    def range(self, node: Range) -> Value:
        rid = self.line * 64 + self.range_count  # stable between evaluations (sensitivity)
        self.range_count += 1
        if rid not in self.ranges:
            if len(self.ranges) >= MAX_RANGES:
                raise SheetError(f"more than {MAX_RANGES} ranged inputs; give some a single value")
            self.ranges[rid] = self.line
        low, high = self.end(node.low, "low"), self.end(node.high, "high")
        likely = self.end(node.likely, "likely") if node.likely is not None else None
        low, high, likely = _billions(node, low, high, likely)
        dims = {q.dims for q in (low, high, likely) if q is not None}
        if len(dims) > 1:
            raise SheetError(
                "a range's values must be alike: "
                + " and ".join(sorted(describe(d) for d in dims))
                + " (B is a byte: write bn for a billion)"
            )
        if low.value > high.value:
            raise SheetError(
                f"the range's low end ({show(low)}) is above its high end ({show(high)}); "
                "write low..high"
            )
        if likely is None:
            if low.value > 0:
                mid = math.sqrt(low.value) * math.sqrt(high.value)  # the geometric mean
            else:
                mid = (low.value + high.value) / 2
            likely = Quantity(mid, low.dims, low.hint or high.hint)
        elif not low.value <= likely.value <= high.value:
            raise SheetError(
                f"the likely value ({show(likely)}) is outside its range "
                f"({show(low)}..{show(high)})"
            )
        if self.swing is not None:
            chosen = {"low": low, "high": high}.get(self.swing[1]) if self.swing[0] == rid else None
            return Value(chosen or likely)
        return Value(likely, (rid,), (low.value, high.value))

    def end(self, node: Node, which: str) -> Quantity:
        value = self.value(node)
        if value.deps:
            raise SheetError(f"a range's {which} value cannot itself depend on a range")
        return value.likely

    def call(self, node: Call) -> Value | Record:
        if node.func in FUNCTIONS:
            if node.kwargs:
                raise SheetError(f"{node.func}() takes plain values, not named ones")
            return FUNCTIONS[node.func]([self.value(arg) for arg in node.args])
        try:
            calc = get(node.func)
        except KeyError:
            known = [*FUNCTIONS, *(c.id for c in calculators())]
            close = get_close_matches(node.func, known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}?" if close else "functions: " + ", ".join(known)
            raise SheetError(f"unknown function {node.func!r}; {hint}") from None
        if node.args:
            first = calc.inputs[0].name
            raise SheetError(f"name each input of {calc.id}(), as in {calc.id}({first}=…)")
        inputs = {item.name: item for item in calc.inputs}
        strings: dict[str, str] = {}
        ranged: dict[str, tuple[Value, str]] = {}
        for key, arg in node.kwargs:
            if key not in inputs:
                close = get_close_matches(key, list(inputs), n=1, cutoff=0.5)
                hint = f"did you mean {close[0]}?" if close else "inputs: " + ", ".join(inputs)
                raise SheetError(f"{calc.id}() has no input {key!r}; {hint}")
            item = inputs[key]
            if not KINDS[item.kind].quantity or item.choices or isinstance(arg, Str):
                given = self.eval(arg)
                if isinstance(given, Text):  # "…", or a line that names text
                    strings[key] = given.text
                    continue
                value = self.value(arg)
                if item.choices and value.likely.dims == NONE and not value.deps:
                    strings[key] = f"{value.likely.value:g}"
                    continue
                raise SheetError(f'{calc.id}() input {key} takes text in quotes, as in {key}="…"')
            value = self.value(arg)
            want, _ = KIND_DIMS.get(item.kind, (NONE, ""))
            if value.likely.dims != want:
                raise SheetError(
                    f"{calc.id}() input {key} needs {describe(want)}, "
                    f"not {describe(value.likely.dims)}"
                )
            ranged[key] = (value, item.kind)
        return self.run_calculator(calc.id, strings, ranged)

    def run_calculator(
        self, calc_id: str, strings: Mapping[str, str], args: Mapping[str, tuple[Value, str]]
    ) -> Record:
        calc = get(calc_id)
        names = list(args)
        values = [args[name][0] for name in names]
        kinds = [args[name][1] for name in names]

        def outputs(*numbers: float) -> dict[str, float]:
            raw = dict(strings)
            raw.update({n: _raw(k, x) for n, k, x in zip(names, kinds, numbers, strict=True)})
            found = _run_cached(calc_id, tuple(sorted(raw.items())))
            if isinstance(found, str):
                raise SheetError(found)
            return dict(found)

        likely_numbers = [v.likely.value for v in values]
        likely_out = outputs(*likely_numbers)
        raw = dict(strings)
        raw.update({n: _raw(k, x) for n, k, x in zip(names, kinds, likely_numbers, strict=True)})
        self.line_calls.append((calc_id, raw))
        deps, columns = corner_columns(values)
        at_corners: list[dict[str, float]] = []
        if deps:
            # One run per corner of the inputs' ranges (not one per output and corner): as
            # combine_many would, any failure at a corner says to narrow the range.
            cache: dict[tuple[float, ...], dict[str, float]] = {}
            try:
                for numbers in zip(*columns, strict=True):
                    self.tick()
                    if numbers not in cache:
                        cache[numbers] = outputs(*numbers)
                    at_corners.append(cache[numbers])
            except (OverflowError, ValueError):
                raise SheetError(NOT_FINITE) from None

        fields: dict[str, Value] = {}
        for out in calc.outputs:
            dims, hint = KIND_DIMS.get(out.kind, (NONE, ""))
            number = likely_out[out.name]
            if out.kind == "bandwidth":
                number /= 8  # a calculator's bandwidth is in bits; a sheet keeps bytes
            likely = Quantity(number, dims, hint)
            if deps:
                scale = 1 / 8 if out.kind == "bandwidth" else 1.0
                corners = tuple([found[out.name] * scale for found in at_corners])
                fields[out.name] = Value(likely, deps, corners)
            else:
                fields[out.name] = Value(likely)
        return Record(calc_id, fields)

    # -- one line ------------------------------------------------------------------------
    def statement(self, number: int, source: str) -> Line:
        """Line ``number``: the previous evaluation's outcome when nothing it depends on has
        changed (see :class:`Memo`), else evaluated now."""
        year = self.year
        previous = self.memo.lines(self.swing).get(number) if self.memo else None
        if previous is not None and previous.source == source and self.still(previous):
            self.replay(previous)
            line = previous.line
        else:
            self.reads = []
            before = len(self.ranges)
            line = self.evaluate_line(number, source)
            if line.error or not self.memo:
                return line
            bound = self.names.get(line.name) if line.name else None
            previous = _Kept(
                source,
                year,
                tuple(self.reads),
                line,
                bound[0] if bound is not None and bound[1] == number else None,
                tuple(list(self.ranges)[before:]),
                tuple(self.line_constants),
                self.year if self.year != year else None,
            )
        self.kept[number] = previous
        return line

    def still(self, kept: _Kept) -> bool:
        """Whether ``kept`` (a line's outcome last time) holds now: the same year, and every
        name it read still the same value, or still not a line's; room for its ranges."""
        if kept.year != self.year:
            return False
        for name, seen in kept.reads:
            now = self.names.get(name)
            if seen is None:
                if now is not None or name in self.failed:
                    return False
            elif now is None or not _same(now[0], seen):
                return False
        return len(self.ranges) + len(kept.ranges) <= MAX_RANGES or all(
            rid in self.ranges for rid in kept.ranges
        )

    def replay(self, kept: _Kept) -> None:
        """What evaluating ``kept``'s line did to the sheet, done again."""
        for rid in kept.ranges:
            self.ranges[rid] = kept.line.number
        for name in kept.constants:
            self.used[name] = CONSTANTS[name]
        if kept.year_after is not None:
            self.year = kept.year_after
        if kept.bound is not None:
            self.bind(kept.line, kept.bound)

    def evaluate_line(self, number: int, source: str) -> Line:
        self.line = number
        self.range_count = 0
        self.line_constants = {}
        self.line_calls = []
        line = Line(number, source)
        statement = _parsed(source)
        if isinstance(statement, str):
            line.error = statement
            return line
        line.name, line.note = statement.name, statement.note
        line.expr = _expr_text(source, bool(statement.name))
        if statement.expr is None:
            return line
        try:
            self.tick()  # once a line, and at every step but a leaf (see _compile)
            result = _program(source)(self)
        except _Wait as wait:
            line.error = f"waits for line {wait.line} ({wait.name}), which has an error"
            line.waits_for = wait.line
            self.fail(line)
            return line
        except SheetError as error:
            line.error = one_line(str(error))
            self.fail(line)
            return line
        except (ArithmeticError, ValueError, RecursionError) as error:
            line.error = "cannot compute this line: " + one_line(type(error).__name__)
            self.fail(line)
            return line
        line.constants = tuple(sorted(self.line_constants))
        line.calls = tuple(self.line_calls)
        if isinstance(result, Text):  # text for a calculator's text input: shown as written
            line.text = f'"{result.text}"'
            self.bind(line, result)
            return line
        if isinstance(result, Record):
            line.record = result.calculator
            line.text = f"{result.calculator}(): " + ", ".join(result.fields)
            self.bind(line, result)
            return line
        try:
            self.describe_value(line, result, statement.target)
        except SheetError as error:
            line.error = one_line(str(error))
            self.fail(line)
            return line
        if statement.name in ("year", "years") and result.likely.dims == TIME:
            days = result.likely.value / units.DAY
            if not 360 <= days <= 366 or result.deps:
                line.error = "a year is from 360 to 366 days, without a range"
                self.fail(line)
                return line
            self.year = result.likely.value
            return line
        self.bind(line, result)
        return line

    def describe_value(self, line: Line, result: Value, target: str) -> None:
        q = result.likely
        shown: Callable[[float], str]
        if target:
            shown = shown_in(q.dims, _goal(target, self.year), target.strip())
        else:

            def shown(number: float) -> str:
                return show(Quantity(number, q.dims, q.hint))

        line.text = shown(q.value)
        line.value = q
        if not result.deps:
            return
        low, high = min(result.corners), max(result.corners)  # result.low and .high, once
        moves = high - low > 1e-12 * max(abs(low), abs(high))
        monotone = result.monotone
        if moves or not monotone:
            # a line that uses a range without moving with it shows no range
            line.low, line.high = low, high
            line.low_text, line.high_text = shown(low), shown(high)
            line.monotone = monotone
            line.ranges = tuple(sorted({self.ranges[d] for d in result.deps}))

    def bind(self, line: Line, result: Value | Record | Text) -> None:
        if line.name:
            self.names[line.name] = (result, line.number)
            self.failed.pop(line.name, None)

    def fail(self, line: Line) -> None:
        if line.name:
            self.names.pop(line.name, None)
            self.failed[line.name] = line.number


def _billions(
    node: Range, low: Quantity, high: Quantity, likely: Quantity | None
) -> tuple[Quantity, Quantity, Quantity | None]:
    """In a range of counts, ``1B`` is a billion (``100M..1B``), as a person means it: a
    ``B`` written alone after a number is otherwise a byte."""
    ends = [(node.low, low), (node.high, high), (node.likely, likely)]
    counts = [q for n, q in ends if q is not None and q.dims == NONE]
    if not counts:
        return low, high, likely
    fixed = [
        Quantity(q.value * 1e9, NONE)
        if q is not None and isinstance(n, Lit) and n.units == (("*", "B"),) and not n.money
        else q
        for n, q in ends
    ]
    return fixed[0] or low, fixed[1] or high, fixed[2]


def _check_size(text: str) -> str:
    if len(text) > MAX_CHARS:
        return f"the sheet is {len(text):,} characters; keep it under {MAX_CHARS:,}"
    if text.count("\n") + 1 > MAX_LINES:
        return f"the sheet has {text.count(chr(10)) + 1:,} lines; keep it to {MAX_LINES}"
    return ""


def evaluate(text: str, *, swing: tuple[int, str] | None = None, memo: Memo | None = None) -> Sheet:
    """Every line of ``text`` evaluated top to bottom (see :mod:`sysdesign_core.worksheet`).

    Never raises for any text. ``swing`` (for :func:`~.sensitivity`) sets every range to its
    likely value except one (by the line it is on) at ``"low"`` or ``"high"``. With ``memo``
    (the previous evaluation's lines), a line that reads nothing that changed is not evaluated
    again: the sheet is the same as without it, only sooner.
    """
    problem = _check_size(text)
    if problem:
        return Sheet([], error=problem)
    evaluator = _Evaluator(time.monotonic() + TIME_LIMIT)
    lines: list[Line] = []
    evaluator.swing = swing
    evaluator.memo = memo
    for number, source in enumerate(text.splitlines() or [""], start=1):
        lines.append(evaluator.statement(number, source))
    if memo is not None:
        memo.keep(swing, evaluator.kept)
    return Sheet(lines, evaluator.ranges, evaluator.used)


@dataclass(frozen=True)
class _Kept:
    """One line's outcome, and what it depended on: its text, the year, the names it read
    (with the value each had; ``None``: a constant or a unit, not a line), and what it did to
    the sheet (the value it bound, the ranges it declared, the constants it used in order,
    the year it set)."""

    source: str
    year: float
    reads: tuple[tuple[str, Value | Record | Text | None], ...]
    line: Line
    bound: Value | Record | Text | None
    ranges: tuple[int, ...]
    constants: tuple[str, ...]
    year_after: float | None


class Memo:
    """The lines of the previous evaluation of a sheet, to evaluate the next one sooner.

    An edit changes one line, and the lines that do not read it (directly or through
    others) keep their outcome: :func:`evaluate` reuses a line whose text, year and every name
    it read are as they were. Only the latest evaluation is kept (one per ``swing``), so a
    memo stays the size of one sheet per swing, and it never changes a result.
    """

    def __init__(self) -> None:
        self._lines: dict[tuple[int, str] | None, dict[int, _Kept]] = {}

    def lines(self, swing: tuple[int, str] | None) -> dict[int, _Kept]:
        return self._lines.get(swing, {})

    def keep(self, swing: tuple[int, str] | None, lines: dict[int, _Kept]) -> None:
        self._lines[swing] = lines
        if swing is None:  # only the swings of the sheet's ranges stay
            ranges = {rid for kept in lines.values() for rid in kept.ranges}
            self._lines = {k: v for k, v in self._lines.items() if k is None or k[0] in ranges}


def _same(now: object, seen: object) -> bool:
    """``now`` is the value ``seen`` was: the very object, or equal to the last digit (a -0.0
    reads as 0.0 to ``==``, not to ``repr``)."""
    return now is seen or (now == seen and repr(now) == repr(seen))
