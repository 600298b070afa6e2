"""The calculator registry and ``run()``: the one code path of the site, the widget and the CLI.

A calculator declares its inputs and outputs once (:class:`Input`, :class:`Output`); the form
on the page, the CLI flags and the docs are all generated from that declaration.

>>> result = run("availability", {"availability": "99.9%"})
>>> result["outputs"]["downtime_year"]["text"]
'8h 45m 58s'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import units
from .errors import InputError, ParseError

__all__ = [
    "Kind",
    "Input",
    "Output",
    "Calculator",
    "register",
    "get",
    "calculators",
    "run",
    "parse_inputs",
    "format_value",
]


@dataclass(frozen=True)
class Kind:
    """A kind of quantity: how it is typed, how it is shown, and its base unit in JSON."""

    name: str
    parse: Callable[[str], Any]  # a float in base units; the ``text`` kind keeps a str
    format: Callable[[Any], str]
    unit: str
    hint: str


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in [
        Kind("count", units.parse_count, units.format_count, "count", units.COUNT_HELP),
        Kind("number", units.parse_number, units.format_number, "number", units.NUMBER_HELP),
        Kind("ratio", units.parse_ratio, units.format_number, "ratio", units.RATIO_HELP),
        Kind("bytes", units.parse_bytes, units.format_bytes, "B", units.BYTES_HELP),
        Kind("byte_rate", units.parse_bandwidth, units.format_byte_rate, "B/s", ""),
        Kind(
            "bandwidth",
            units.parse_bandwidth,
            units.format_bandwidth,
            "bit/s",
            units.BANDWIDTH_HELP,
        ),
        Kind("rate", units.parse_rate, units.format_rate, "1/s", units.RATE_HELP),
        Kind("duration", units.parse_duration, units.format_duration, "s", units.DURATION_HELP),
        Kind(
            "fraction", units.parse_fraction, units.format_percent, "fraction", units.FRACTION_HELP
        ),
        Kind(
            "availability",
            units.parse_availability,
            units.format_availability,
            "fraction",
            units.AVAILABILITY_HELP,
        ),
        Kind("distance", units.parse_distance, units.format_distance, "m", units.DISTANCE_HELP),
        # Lists and traces that a calculator splits itself (composite, rate_limiter).
        Kind("text", units.parse_text, str, "text", units.TEXT_HELP),
    ]
}


@dataclass(frozen=True)
class Input:
    """One input of a calculator, as a person types it.

    ``default`` is the text shown in the form; ``optional`` inputs may be left empty, and
    then the calculator decides (``None`` is passed); ``choices`` makes a select.
    ``minimum``/``maximum`` bound the parsed value (``exclusive_minimum`` for "above 0").
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

    def parse(self, raw: str) -> float | str | None:
        """Parse ``raw`` into base units, checking bounds; raises :class:`InputError`."""
        text = raw.strip()
        if self.optional and not text:
            return None
        if self.choices:
            if text.lower() not in self.choices:
                raise InputError(self.name, raw, "is not one of the choices", self.accepted)
            return text.lower()
        try:
            value: float | str = KINDS[self.kind].parse(text)
        except ParseError as error:
            raise InputError(self.name, raw, error.problem, error.accepted) from None
        if isinstance(value, float):
            self.check(value, raw)
        return value

    def check(self, value: float, raw: str) -> None:
        """Raise :class:`InputError` when ``value`` is outside this input's bounds."""
        low, high = self.minimum, self.maximum
        fmt = KINDS[self.kind].format
        if low is not None and (value < low or (self.exclusive_minimum and value <= low)):
            word = "above" if self.exclusive_minimum else "at least"
            raise InputError(self.name, raw, f"must be {word} {fmt(low)}", self.accepted)
        if high is not None and value > high:
            raise InputError(self.name, raw, f"must be at most {fmt(high)}", self.accepted)
        if self.integer and value != int(value):
            raise InputError(self.name, raw, "must be a whole number", self.accepted)


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
    it; ``chart``, if set, draws an inline SVG from the same parsed inputs.
    """

    id: str
    title: str
    description: str
    inputs: tuple[Input, ...]
    outputs: tuple[Output, ...]
    compute: Callable[[Values], Mapping[str, float]]
    page: str = ""
    chart: Callable[[Values], str] | None = field(default=None, compare=False)

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


def parse_inputs(calculator: Calculator, raw_inputs: Mapping[str, str]) -> Values:
    """Parse every input (defaults for missing ones); one :class:`InputError` lists all bad."""
    unknown = sorted(set(raw_inputs) - {item.name for item in calculator.inputs})
    if unknown:
        names = ", ".join(item.name for item in calculator.inputs)
        raise InputError(unknown[0], "", "is not an input of " + calculator.id, "use " + names)
    values: Values = {}
    errors: list[InputError] = []
    for item in calculator.inputs:
        raw = raw_inputs.get(item.name, item.default)
        try:
            values[item.name] = item.parse(str(raw))
        except InputError as error:
            errors.append(error)
    if errors:
        raise InputError.combine(errors)
    return values


def format_value(kind: str, value: float) -> str:
    """``value`` (base units) as text for a person, by kind."""
    return KINDS[kind].format(value)


def run(calc_id: str, raw_inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run calculator ``calc_id`` on the strings a person typed.

    Returns ``{"calculator", "inputs": {name: number}, "outputs": {name: {"value", "unit",
    "text"}}}`` with values in base units. Raises :class:`InputError` naming every bad input.
    """
    calculator = get(calc_id)
    values = parse_inputs(calculator, raw_inputs)
    results = calculator.compute(values)
    outputs = {
        out.name: {
            "value": float(results[out.name]),
            "unit": KINDS[out.kind].unit,
            "text": format_value(out.kind, float(results[out.name])),
        }
        for out in calculator.outputs
    }
    inputs = {name: value for name, value in values.items() if value is not None}
    return {"calculator": calc_id, "inputs": inputs, "outputs": outputs}
