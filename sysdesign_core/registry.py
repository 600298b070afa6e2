"""The calculator registry and ``run()``: the one code path of the site, the widget and the CLI.

A calculator declares its inputs and outputs once (:class:`Input`, :class:`Output`); the form
on the page, the CLI flags and the docs are all generated from that declaration.

>>> result = run("availability", {"availability": "99.9%"})
>>> result["outputs"]["downtime_year"]["text"]
'8h 45m 58s'

**The contract** (enforced here, for every calculator): ``run()`` returns only finite numbers,
or raises :class:`InputError` naming the input to change. Three layers keep it:

1. each :class:`Kind` has physical bounds (sizes up to 1 YB, durations up to 10,000 years,
   counts and rates up to 1e15, and a smallest value for an input that must be above 0);
2. each :class:`Input` may narrow them with ``minimum``/``maximum`` (declared next to the
   input in its calculator module), checked after the unit is applied;
3. ``run()`` checks every output: a result that is not finite (or an arithmetic error)
   becomes an :class:`InputError` naming the input that caused it.

>>> readings("availability", {"availability": "0.9995"})["availability"]
'= 99.95%'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from . import units
from .errors import InputError, ParseError

__all__ = [
    "Kind",
    "KINDS",
    "Input",
    "Output",
    "Calculator",
    "register",
    "get",
    "calculators",
    "run",
    "parse_inputs",
    "readings",
    "format_value",
    "MAX_LENGTH",
    "YEAR_CHOICES",
]

MAX_LENGTH = 1000
"""Longest text accepted in one input (a 120-second trace fits); longer is refused."""

YEAR_CHOICES = ("365.25", "365")
"""Choices of an input named ``year``: the days in a year for ``y``, ``q`` and ``mo``."""


@dataclass(frozen=True)
class Kind:
    """A kind of quantity: how it is typed, shown and read back, its base unit and its bounds.

    ``low``/``high`` bound every input of this kind (after the unit is applied); ``tiny`` is
    the smallest value of an input that must be above 0 (``exclusive_minimum``), so that
    dividing by it stays finite. ``read`` shows how a typed value was read (``= 1.5 KB``).
    """

    name: str
    parse: Callable[[str], Any]  # a float in base units; the ``text`` kind keeps a str
    format: Callable[[Any], str]
    unit: str
    hint: str
    low: float = 0.0
    high: float = math.inf
    tiny: float = 0.0
    read: Callable[[float], str] | None = None


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind(
            "count",
            units.parse_count,
            units.format_count,
            "count",
            units.COUNT_HELP,
            high=1e15,
            tiny=1e-6,
            read=units.read_number,
        ),
        Kind(
            "number",
            units.parse_number,
            units.format_number,
            "number",
            units.NUMBER_HELP,
            high=1e15,
            tiny=1e-9,
            read=units.read_number,
        ),
        Kind(
            "ratio",
            units.parse_ratio,
            units.format_number,
            "ratio",
            units.RATIO_HELP,
            high=1e15,
            tiny=1e-9,
            read=units.read_number,
        ),
        Kind(
            "bytes",
            units.parse_bytes,
            units.format_bytes,
            "B",
            units.BYTES_HELP,
            high=1e24,
            tiny=1.0,
            read=units.read_bytes,
        ),
        Kind("byte_rate", units.parse_bandwidth, units.format_byte_rate, "B/s", "", high=1e18),
        Kind(
            "bandwidth",
            units.parse_bandwidth,
            units.format_bandwidth,
            "bit/s",
            units.BANDWIDTH_HELP,
            high=1e18,
            tiny=1.0,
            read=units.format_bandwidth,
        ),
        Kind(
            "rate",
            units.parse_rate,
            units.format_rate,
            "1/s",
            units.RATE_HELP,
            high=1e15,
            tiny=1e-9,
            read=units.format_rate,
        ),
        Kind(
            "duration",
            units.parse_duration,
            units.format_duration,
            "s",
            units.DURATION_HELP,
            high=units.MAX_DURATION,
            tiny=1e-9,
            read=units.format_duration,
        ),
        Kind(
            "fraction",
            units.parse_fraction,
            units.format_percent,
            "fraction",
            units.FRACTION_HELP,
            high=1.0,
            tiny=1e-9,
            read=units.read_percent,
        ),
        Kind(
            "availability",
            units.parse_availability,
            units.format_availability,
            "fraction",
            units.AVAILABILITY_HELP,
            high=1.0,
            tiny=1e-9,
            read=units.format_availability,
        ),
        Kind(
            "distance",
            units.parse_distance,
            units.format_distance,
            "m",
            units.DISTANCE_HELP,
            high=1e9,
            tiny=1e-3,
            read=units.format_distance,
        ),
        # Lists and traces that a calculator splits itself (composite, rate_limiter).
        Kind("text", units.parse_text, str, "text", units.TEXT_HELP),
    ]
}


@dataclass(frozen=True)
class Input:
    """One input of a calculator, as a person types it.

    ``default`` is the text shown in the form; ``optional`` inputs may be left empty, and
    then the calculator decides (``None`` is passed); ``choices`` makes a select.
    ``minimum``/``maximum`` bound the parsed value in base units (``exclusive_minimum`` for
    "above 0"); where they are not given, the kind's physical bounds apply (:data:`KINDS`).
    ``describe`` shows how a ``text`` input was read (``"= 3 components"``).
    """

    name: str
    label: str
    kind: str
    default: str
    help: str = ""
    optional: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    integer: bool = False
    describe: Callable[[str], str] | None = field(default=None, compare=False, repr=False)

    @property
    def flag(self) -> str:
        """The CLI flag: ``read_write_ratio`` → ``--read-write-ratio``."""
        return "--" + self.name.replace("_", "-")

    @property
    def accepted(self) -> str:
        """What this input accepts, in words (shown with every error)."""
        if self.choices:
            return "choose " + " or ".join(self.choices)
        return "enter " + (KINDS[self.kind].hint or self.kind)

    @property
    def bounds(self) -> tuple[float, float]:
        """``(lowest, highest)`` accepted value in base units, both inclusive."""
        kind = KINDS[self.kind]
        low = kind.low if self.minimum is None else self.minimum
        high = kind.high if self.maximum is None else self.maximum
        if self.exclusive_minimum and low <= 0:
            low = kind.tiny or math.ulp(0.0)
        elif self.exclusive_minimum:
            low = math.nextafter(low, math.inf)
        return low, high

    def parse(self, raw: str, *, year: float = units.YEAR) -> float | str | None:
        """Parse ``raw`` into base units, checking bounds; raises :class:`InputError`.

        ``year`` is the length of ``y`` (and of ``q``, ``mo``) in durations, in seconds.
        """
        text = raw.strip()
        if self.optional and not text:
            return None
        if len(text) > MAX_LENGTH:
            raise InputError(
                self.name,
                raw,
                f"is too long ({len(text):,} characters)",
                f"keep it under {MAX_LENGTH:,} characters",
            )
        if self.choices:
            if text.lower() not in self.choices:
                raise InputError(self.name, raw, "is not one of the choices", self.accepted)
            return text.lower()
        parse = KINDS[self.kind].parse
        if self.kind == "duration":
            parse = partial(units.parse_duration, year=year)
        try:
            value: float | str = parse(text)
        except ParseError as error:
            raise InputError(self.name, raw, error.problem, error.accepted) from None
        if isinstance(value, float):
            self.check(value, raw)
        return value

    def check(self, value: float, raw: str) -> None:
        """Raise :class:`InputError` when ``value`` is outside this input's bounds."""
        low, high = self.bounds
        fmt = KINDS[self.kind].format
        span = f"enter a value from {fmt(low)} to {fmt(high)}"
        slack = 1e-12  # "1e-7%" is 1e-9 to the reader, 9.99…e-10 to the float
        if not math.isfinite(value) or value > high * (1 + slack):
            raise InputError(self.name, raw, f"is above {fmt(high)}", span)
        if value < low * (1 - slack):
            problem = "cannot be negative" if low == 0 else f"is below {fmt(low)}"
            raise InputError(self.name, raw, problem, span)
        if self.integer and value != int(value):
            raise InputError(
                self.name, raw, "is not a whole number", f"enter a whole number such as {value:.0f}"
            )

    def reading(self, value: float | str | None) -> str:
        """How a parsed value was read, for the page: ``'= 1.5%'``, ``'= 500,000,000'``.

        "" when there is nothing to confirm (an empty optional input, a choice, or a text
        input without ``describe``).

        >>> Input("dau", "Users", "count", "500M").reading(5e8)
        '= 500,000,000'
        >>> Input("t", "Time", "duration", "90m").reading(5400.0)
        '= 1h 30m'
        """
        if value is None or self.choices:
            return ""
        if isinstance(value, str):
            return self.describe(value) if self.describe else ""
        read = KINDS[self.kind].read or KINDS[self.kind].format
        return "= " + read(value)


@dataclass(frozen=True)
class Output:
    """One result: its name, its label on the page and its kind (unit and format)."""

    name: str
    label: str
    kind: str
    help: str = ""


Values = dict[str, Any]


@dataclass(frozen=True)
class Calculator:
    """A named computation from parsed inputs (base units) to outputs (base units).

    ``compute`` receives every input by name (``None`` for an empty optional one) and
    returns a value for every output; it raises :class:`InputError` for a combination
    that cannot be (``required`` above ``nodes``). ``page`` is the docs page that explains
    it; ``chart``, if set, draws an inline SVG from the same parsed inputs; ``note`` is a
    convention shown beside the results ("a year is 365.25 days").
    """

    id: str
    title: str
    description: str
    inputs: tuple[Input, ...]
    outputs: tuple[Output, ...]
    compute: Callable[[Values], Mapping[str, float]]
    page: str = ""
    chart: Callable[[Values], str] | None = field(default=None, compare=False)
    note: str = ""

    def input(self, name: str) -> Input:
        """The input called ``name``."""
        return next(item for item in self.inputs if item.name == name)

    def defaults(self) -> dict[str, str]:
        """Every input's default text."""
        return {item.name: item.default for item in self.inputs}


_REGISTRY: dict[str, Calculator] = {}


def register(calculator: Calculator) -> Calculator:
    """Add ``calculator`` to the registry (ids are unique) and return it."""
    if calculator.id in _REGISTRY:
        raise ValueError(f"calculator id {calculator.id!r} is registered twice")
    _REGISTRY[calculator.id] = calculator
    return calculator


def calculators() -> list[Calculator]:
    """Every registered calculator, in registration order."""
    return list(_REGISTRY.values())


def get(calc_id: str) -> Calculator:
    """The calculator ``calc_id``; ``KeyError`` names the known ids."""
    try:
        return _REGISTRY[calc_id]
    except KeyError:
        known = ", ".join(_REGISTRY)
        raise KeyError(f"unknown calculator {calc_id!r}; known: {known}") from None


def _year(calculator: Calculator, raw_inputs: Mapping[str, str]) -> float:
    """Seconds in a year for this calculator's durations: its ``year`` choice, else 365.25 d."""
    item = next((item for item in calculator.inputs if item.name == "year"), None)
    if item is None:
        return units.YEAR
    try:
        days = item.parse(str(raw_inputs.get("year", item.default)))
    except InputError:
        return units.YEAR
    return float(str(days)) * units.DAY if days else units.YEAR


def _parse_each(
    calculator: Calculator, raw_inputs: Mapping[str, str]
) -> tuple[Values, list[InputError]]:
    """Every input parsed on its own: the values that parsed, and the errors of the others."""
    year = _year(calculator, raw_inputs)
    values: Values = {}
    errors: list[InputError] = []
    for item in calculator.inputs:
        raw = raw_inputs.get(item.name, item.default)
        try:
            values[item.name] = item.parse(str(raw), year=year)
        except InputError as error:
            errors.append(error)
    return values, errors


def parse_inputs(calculator: Calculator, raw_inputs: Mapping[str, str]) -> Values:
    """Parse every input (defaults for missing ones); one :class:`InputError` lists all bad."""
    unknown = sorted(set(raw_inputs) - {item.name for item in calculator.inputs})
    if unknown:
        names = ", ".join(item.name for item in calculator.inputs)
        raise InputError(unknown[0], "", "is not an input of " + calculator.id, "use " + names)
    values, errors = _parse_each(calculator, raw_inputs)
    if errors:
        raise InputError.combine(errors)
    return values


def readings(calculator: Calculator | str, raw_inputs: Mapping[str, str]) -> dict[str, str]:
    """How each input that parses was read (``{"dau": "= 500,000,000"}``); bad ones are left out.

    Never raises for what was typed: a form shows these beside its inputs, even while another
    input is bad.
    """
    calc = get(calculator) if isinstance(calculator, str) else calculator
    values, _ = _parse_each(calc, raw_inputs)
    shown: dict[str, str] = {}
    for item in calc.inputs:
        if item.name not in values:
            continue
        try:
            shown[item.name] = item.reading(values[item.name])
        except InputError:
            continue  # a list whose items do not parse: its error says why
        except Exception:  # noqa: BLE001 - a reading must never break a reply
            shown[item.name] = ""
    return shown


def format_value(kind: str, value: float) -> str:
    """``value`` (base units) as text for a person, by kind."""
    return KINDS[kind].format(value)


def _finite_outputs(calculator: Calculator, values: Values) -> dict[str, float] | None:
    """The outputs as floats, or ``None`` if one is not finite or the arithmetic failed."""
    try:
        results = calculator.compute(values)
        numbers = {out.name: float(results[out.name]) for out in calculator.outputs}
    except InputError:
        raise
    except (ArithmeticError, ValueError):  # overflow, a math domain error, a NaN to int
        return None
    return numbers if all(math.isfinite(n) for n in numbers.values()) else None


def _culprit(calculator: Calculator, values: Values, raw_inputs: Mapping[str, str]) -> InputError:
    """The input to change when the outputs are not finite: the first one that, put back to
    its default, makes them finite (else the first input not at its default)."""
    defaults, _ = _parse_each(calculator, calculator.defaults())
    changed = [
        item
        for item in calculator.inputs
        if isinstance(values.get(item.name), float) and values[item.name] != defaults.get(item.name)
    ]

    def fixes(item: Input) -> bool:
        try:
            return (
                _finite_outputs(calculator, {**values, item.name: defaults.get(item.name)})
                is not None
            )
        except InputError:
            return False

    blamed = next(
        (item for item in changed if fixes(item)),
        changed[0] if changed else calculator.inputs[0],
    )
    value, default = values.get(blamed.name), defaults.get(blamed.name)
    direction = "smaller"
    if isinstance(value, float) and isinstance(default, float) and abs(value) < abs(default):
        direction = "larger"
    raw = str(raw_inputs.get(blamed.name, blamed.default))
    return InputError(
        blamed.name,
        raw,
        "is too extreme for the other inputs: a result would not be a finite number",
        f"enter a {direction} {blamed.label.lower()}",
    )


def run(calc_id: str, raw_inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run calculator ``calc_id`` on the strings a person typed.

    Returns ``{"calculator", "inputs": {name: number}, "outputs": {name: {"value", "unit",
    "text"}}}`` with values in base units, every one a finite number. Raises
    :class:`InputError` naming every bad input, or the input that makes a result overflow.
    """
    calculator = get(calc_id)
    values = parse_inputs(calculator, raw_inputs)
    results = _finite_outputs(calculator, values)
    if results is None:
        raise _culprit(calculator, values, raw_inputs)
    outputs = {
        out.name: {
            "value": results[out.name],
            "unit": KINDS[out.kind].unit,
            "text": format_value(out.kind, results[out.name]),
        }
        for out in calculator.outputs
    }
    inputs = {name: value for name, value in values.items() if value is not None}
    return {"calculator": calc_id, "inputs": inputs, "outputs": outputs}
