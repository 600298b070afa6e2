"""The calculator registry and ``run()``: the one code path of the site, the widget and the CLI.

A calculator declares its inputs and outputs once (:class:`Input`, :class:`Output`); the form
on the page, the CLI flags and the docs are all generated from that declaration.

>>> result = run("availability", {"availability": "99.9%"})
>>> result["outputs"]["downtime_year"]["text"]
'8h 45m 58s'

**The contract** (enforced here, for every calculator): ``run()`` returns only finite numbers,
each within the bound of its kind, or raises :class:`InputError` naming the input to change.
Three layers keep it:

1. each :class:`Kind` has physical bounds (sizes up to 1 YB, durations up to 10,000 years,
   counts and rates up to 1e15, and a smallest value for an input that must be above 0);
2. each :class:`Input` may narrow them with ``minimum``/``maximum`` (declared next to the
   input in its calculator module), checked after the unit is applied;
3. ``run()`` checks every output: a result that is not finite (or an arithmetic error), or
   that is beyond the bound of its kind (:attr:`Kind.most`: the inputs' bound, so a result
   never says more than an input could), becomes an :class:`InputError` naming the input
   that caused it.

A list input (``many``: the video calculator's bitrate ladder) is parsed here too, item by
item, with the same rules as one value (bounds, no decimal comma) and a cap on its length;
the calculator receives a tuple of numbers. An input that is not one quantity has a kind of
its own, registered by its module with :func:`register_kind` (the composite calculator's
topology, the rate limiter's trace) and parsed here like every other kind, once per request:
``compute()`` only ever receives parsed values. A combination of values that cannot be is a
:class:`~sysdesign_core.errors.Conflict` raised by ``compute()``, naming the input to change;
``run()`` quotes what was typed in it.

>>> readings("availability", {"availability": "0.9995"})["availability"]
'= 99.95%'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from . import units
from .errors import InputError, ParseError

__all__ = [
    "Kind",
    "KINDS",
    "register_kind",
    "Input",
    "Output",
    "Calculator",
    "Parsed",
    "register",
    "get",
    "calculators",
    "run",
    "parse",
    "parse_inputs",
    "readings",
    "format_value",
    "MAX_LENGTH",
    "YEAR_CHOICES",
]

MAX_LENGTH = 1000
"""Longest text accepted in one input (a 120-second trace fits); longer is refused."""

YEAR_CHOICES = ("365.25", "365")
"""Choices of the ``year`` kind: the days in a year for ``y``, ``q`` and ``mo``."""


def _days(days: float) -> str:
    """A year's length as its choice reads: ``365.25``, ``365``."""
    return f"{days:g}"


@dataclass(frozen=True)
class Kind:
    """A kind of quantity: how it is typed, shown and read back, its base unit and its bounds.

    ``low``/``high`` bound every input of this kind (after the unit is applied); ``tiny`` is
    the smallest value of an input that must be above 0 (``exclusive_minimum``), so that
    dividing by it stays finite. ``read`` shows how a typed value was read (``= 1.5 KB``).
    ``result_high`` bounds an output of this kind where it differs from ``high`` (a share
    of a budget burned may pass 100%); see :attr:`most`.

    A kind that is not one quantity (``quantity=False``: a topology, a trace) parses into a
    value of its own, never a str; bounds do not apply to it (its parser checks its items),
    a sheet passes it in quotes, and ``plain`` gives the form ``run()`` reports (the text it
    was read from), which a sheet or a link can carry on.
    """

    name: str
    parse: Callable[[str], Any]  # a float in base units, or the kind's own parsed value
    format: Callable[[Any], str]
    unit: str
    hint: str
    low: float = 0.0
    high: float = math.inf
    tiny: float = 0.0
    read: Callable[[Any], str] | None = None
    result_high: float | None = None
    quantity: bool = True
    plain: Callable[[Any], Any] | None = None

    @property
    def most(self) -> float:
        """The largest result of this kind ``run()`` returns (by magnitude): beyond it a
        figure only says that an input is off (storage in the septillions of yottabytes,
        a Bloom filter with 1e17 hash functions), so it is refused like a bad input."""
        return self.high if self.result_high is None else self.result_high


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
            # A result may pass 100% (a budget burned 3 times over); a million times over
            # (100,000,000%) says only that an input is off.
            result_high=1e6,
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
        # The days in a year, a choice (YEAR_CHOICES): read as a number of days; ``run()``
        # reports the choice as typed ("365.25"), so a sheet or a link carries it unchanged.
        Kind(
            "year",
            units.parse_number,
            _days,
            "d",
            "365.25 or 365",
            low=365.0,
            high=365.25,
            quantity=False,
            plain=_days,
        ),
        # A choice among words (``mode``: serial or parallel): the calculator gets the word.
        Kind("text", units.parse_text, str, "text", units.TEXT_HELP, quantity=False),
    ]
}


def register_kind(kind: Kind) -> Kind:
    """Add ``kind`` to :data:`KINDS` (names are unique) and return it: a calculator module
    declares the kind of an input that is not one quantity (a topology, a trace) next to its
    parser, and the registry parses it like every other kind."""
    if kind.name in KINDS:
        raise ValueError(f"kind {kind.name!r} is registered twice")
    KINDS[kind.name] = kind
    return kind


@dataclass(frozen=True)
class Input:
    """One input of a calculator, as a person types it.

    ``default`` is the text shown in the form; ``optional`` inputs may be left empty, and
    then the calculator decides (``None`` is passed); ``choices`` makes a select (of the
    ``text`` kind the calculator gets the word, of another kind the choice parsed by it).
    ``minimum``/``maximum`` bound the parsed value in base units (``exclusive_minimum`` for
    "above 0"); where they are not given, the kind's physical bounds apply (:data:`KINDS`).
    An input shared by several calculators is declared once (:mod:`sysdesign_core.inputs`)
    and taken with :meth:`reused`.

    ``many`` makes a comma list of 1 to ``many`` values of the kind, each bounded as one value
    would be; it is parsed into a tuple (``noun`` names an item in messages and readings).
    Its items are split on commas, so a decimal comma (``1,5Mbps``) is refused, not read
    as two items.

    >>> ladder = Input("ladder", "Ladder", "bandwidth", "1Mbps", many=3, noun="bitrate")
    >>> ladder.parse("1Mbps, 3Mbps")
    (1000000.0, 3000000.0)
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
    many: int = 0
    noun: str = "value"

    @property
    def flag(self) -> str:
        """The CLI flag: ``read_write_ratio`` → ``--read-write-ratio``."""
        return "--" + self.name.replace("_", "-")

    @property
    def accepted(self) -> str:
        """What this input accepts, in words (shown with every error)."""
        if self.choices:
            return "choose " + " or ".join(self.choices)
        hint = KINDS[self.kind].hint or self.kind
        if self.many:
            return f"enter up to {self.many} {self.noun}s separated by commas, each {hint}"
        return "enter " + hint

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

    def reused(
        self, *, default: str | None = None, label: str | None = None, help: str | None = None
    ) -> Input:
        """This input as another calculator declares it: its own default, label or help, the
        same name, kind and bounds (one declaration, :mod:`sysdesign_core.inputs`).

        >>> window = Input("window", "Window", "duration", "30d", minimum=60)
        >>> shorter = window.reused(default="28d")
        >>> shorter.name, shorter.default, shorter.bounds == window.bounds
        ('window', '28d', True)
        """
        return replace(
            self,
            default=self.default if default is None else default,
            label=self.label if label is None else label,
            help=self.help if help is None else help,
        )

    def parse(self, raw: str, *, year: float = units.YEAR) -> Any:
        """Parse ``raw`` into base units, checking bounds; raises :class:`InputError`.

        Gives a float, a tuple of floats (``many``), ``None`` (an empty optional input), a
        choice's word (``text`` kind) or the value of a kind that is not one quantity.
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
            choice = text.lower()
            if choice not in self.choices:
                raise InputError(self.name, raw, "is not one of the choices", self.accepted)
            return choice if self.kind == "text" else KINDS[self.kind].parse(choice)
        parse = KINDS[self.kind].parse
        if self.kind == "duration":
            parse = partial(units.parse_duration, year=year)
        if self.many:
            return self._parse_list(text, raw, parse)
        key = (self, text, year)
        known = _READ.get(key)
        if known is not None:
            return known
        try:
            value = parse(text)
        except ParseError as error:
            raise InputError(self.name, raw, error.problem, error.accepted) from None
        if isinstance(value, float):
            self.check(value, raw)
            if len(_READ) >= _READ_MOST:
                _READ.clear()
            _READ[key] = value
        return value

    def _parse_list(self, text: str, raw: str, parse: Callable[[str], Any]) -> tuple[float, ...]:
        """A ``many`` input: every item parsed and bounded like one value, at most ``many``."""

        def item(part: str) -> float:
            value = float(parse(part))
            wrong = self.problem(value)
            if wrong:
                raise ParseError(part, *wrong)
            return value

        try:
            values = units.parse_list(text, item, self.accepted, most=self.many)
        except ParseError as error:
            raise InputError(self.name, raw, error.problem, error.accepted) from None
        return tuple(values)

    def problem(self, value: float) -> tuple[str, str] | None:
        """What is wrong with ``value`` for this input and what to enter instead, or ``None``
        when it is inside the bounds (and whole, for an ``integer`` input)."""
        low, high = self.bounds
        fmt = KINDS[self.kind].format

        def span() -> str:  # written only for a value out of bounds: most values are within
            return f"enter a value from {fmt(low)} to {fmt(high)}"

        slack = 1e-12  # "1e-7%" is 1e-9 to the reader, 9.99…e-10 to the float
        if not math.isfinite(value) or value > high * (1 + slack):
            return f"is above {fmt(high)}", span()
        if value < low * (1 - slack):
            return ("cannot be negative" if low == 0 else f"is below {fmt(low)}"), span()
        if self.integer and value != int(value):
            return "is not a whole number", f"enter a whole number such as {value:.0f}"
        return None

    def check(self, value: float, raw: str) -> None:
        """Raise :class:`InputError` when ``value`` is outside this input's bounds."""
        wrong = self.problem(value)
        if wrong:
            raise InputError(self.name, raw, *wrong)

    def reading(self, value: Any) -> str:
        """How a parsed value was read, for the page: ``'= 1.5%'``, ``'= 500,000,000'``.

        "" when there is nothing to confirm (an empty optional input or a choice). A list
        shows its count and items, cut at 60 characters; a kind that is not one quantity
        says what it read (``'= 3 seconds, 25 requests'``).

        >>> Input("dau", "Users", "count", "500M").reading(5e8)
        '= 500,000,000'
        >>> Input("t", "Time", "duration", "90m").reading(5400.0)
        '= 1h 30m'
        >>> Input("l", "Ladder", "bandwidth", "1Mbps", many=3, noun="bitrate").reading((1e6, 3e6))
        '= 2 bitrates: 1 Mbps, 3 Mbps'
        """
        if value is None or self.choices or isinstance(value, str):
            return ""
        read = KINDS[self.kind].read or KINDS[self.kind].format
        if self.many and isinstance(value, tuple):
            shown = ", ".join(read(item) for item in value)
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            noun = self.noun if len(value) == 1 else self.noun + "s"
            return f"= {len(value)} {noun}: {shown}"
        return "= " + read(value)

    def plain(self, value: Any) -> Any:
        """``value`` as ``run()`` reports it in JSON: a number in base units, a list of them
        (``many``), a choice's text, or the plain form of a kind that is not one quantity
        (the text a topology or a trace was read from).

        >>> Input("l", "Ladder", "bandwidth", "1Mbps", many=3).plain((1e6, 3e6))
        [1000000.0, 3000000.0]
        """
        plain = KINDS[self.kind].plain
        if value is None or plain is None:
            return list(value) if isinstance(value, tuple) else value
        return plain(value)


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

    ``compute`` receives every input by name, parsed (``None`` for an empty optional one;
    never the text typed, except the word of a ``text`` choice) and returns a value for every
    output; it raises :class:`~sysdesign_core.errors.Conflict` naming the input to change for
    a combination that cannot be (``required`` above ``nodes``), and ``run()`` quotes what
    was typed in it. ``page`` is the docs page that explains it; ``chart``, if set, draws an
    inline SVG from the same parsed inputs; ``note`` is a convention shown beside the results
    ("a year is 365.25 days").
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

# Single quantities already read, by input, text and year: a worksheet calls the same
# calculators many times an edit, and most of their inputs are the same text each time.
_READ: dict[tuple[Input, str, float], float] = {}
_READ_MOST = 4096


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


def _parse_each(
    calculator: Calculator, raw_inputs: Mapping[str, str]
) -> tuple[Values, list[InputError]]:
    """Every input parsed on its own, once: the values that parsed, and the errors of the
    others, both in the order of the inputs. A ``year`` input is read first: its length is
    the ``y`` (and ``q``, ``mo``) of the calculator's durations."""
    found: dict[str, Any] = {}
    failed: dict[str, InputError] = {}

    def parse_one(item: Input, year: float) -> None:
        raw = raw_inputs.get(item.name, item.default)
        try:
            found[item.name] = item.parse(str(raw), year=year)
        except InputError as error:
            failed[item.name] = error

    years = [item for item in calculator.inputs if item.kind == "year"]
    for item in years:
        parse_one(item, units.YEAR)
    days = next((found[item.name] for item in years if found.get(item.name)), None)
    year = float(days) * units.DAY if days else units.YEAR
    for item in calculator.inputs:
        if item.kind != "year":
            parse_one(item, year)
    names = [item.name for item in calculator.inputs]
    values = {name: found[name] for name in names if name in found}
    return values, [failed[name] for name in names if name in failed]


@dataclass(frozen=True)
class Parsed:
    """A calculator's inputs parsed once from what was typed: ``values`` holds those that
    parsed (base units), ``errors`` the errors of the others, ``raw`` what was typed.

    ``run()``, :func:`readings` and the widget's reply (numbers, readings and chart) all
    work from one, so no input is parsed twice in a request.

    >>> parsed = parse(get("availability"), {"availability": "0.9995"})
    >>> parsed.readings()["availability"], parsed.result()["outputs"]["downtime_day"]["text"]
    ('= 99.95%', '43.2s')
    """

    calculator: Calculator
    raw: Mapping[str, str]
    values: Values
    errors: tuple[InputError, ...]

    def typed(self) -> dict[str, str]:
        """What was typed in each input (its default where none was given), for messages."""
        return {
            item.name: str(self.raw.get(item.name, item.default)) for item in self.calculator.inputs
        }

    def checked(self) -> Values:
        """Every input's parsed value; one :class:`InputError` lists all bad inputs, or names
        the first input the calculator does not have."""
        calculator = self.calculator
        unknown = sorted(set(self.raw) - {item.name for item in calculator.inputs})
        if unknown:
            names = ", ".join(item.name for item in calculator.inputs)
            raise InputError(unknown[0], "", "is not an input of " + calculator.id, "use " + names)
        if self.errors:
            raise InputError.combine(self.errors)
        return dict(self.values)

    def readings(self) -> dict[str, str]:
        """How each input that parsed was read (``{"dau": "= 500,000,000"}``); bad ones are
        left out. Never raises for what was typed."""
        shown: dict[str, str] = {}
        for item in self.calculator.inputs:
            if item.name not in self.values:
                continue
            try:
                shown[item.name] = item.reading(self.values[item.name])
            except Exception:  # noqa: BLE001 - a reading must never break a reply
                shown[item.name] = ""
        return shown

    def result(self) -> dict[str, Any]:
        """``run()``'s result for these inputs (see :func:`run`); raises :class:`InputError`
        naming every bad input, the input a conflict names (quoting what was typed in it),
        or the input that makes a result overflow or pass its bound."""
        calculator = self.calculator
        values = self.checked()
        results = self._numbers(values)
        outputs = {
            out.name: {
                "value": results[out.name],
                "unit": KINDS[out.kind].unit,
                "text": format_value(out.kind, results[out.name]),
            }
            for out in calculator.outputs
        }
        inputs = {
            item.name: item.plain(values[item.name])
            for item in calculator.inputs
            if values.get(item.name) is not None
        }
        return {"calculator": calculator.id, "inputs": inputs, "outputs": outputs}

    def numbers(self) -> dict[str, float]:
        """The outputs as numbers in base units, as :meth:`result` gives them (same checks,
        same errors), without their text: for the worksheet, which calls calculators many
        times an edit and shows its own figures."""
        return self._numbers(self.checked())

    def _numbers(self, values: Values) -> dict[str, float]:
        try:
            results, problem = _outputs(self.calculator, values)
        except InputError as error:  # a conflict: it names inputs, the message quotes them
            raise error.quoting(self.typed()) from None
        if problem:
            raise _culprit(self.calculator, values, self.raw, problem)
        return results

    def chart(self) -> str:
        """The calculator's chart (inline SVG) for these inputs, "" if it draws none; raises
        :class:`InputError` for a bad input."""
        if self.calculator.chart is None:
            return ""
        return self.calculator.chart(self.checked())


def parse(calculator: Calculator, raw_inputs: Mapping[str, str]) -> Parsed:
    """Every input of ``calculator`` parsed from ``raw_inputs`` (defaults for missing ones),
    once; never raises for what was typed (:meth:`Parsed.checked` does)."""
    values, errors = _parse_each(calculator, raw_inputs)
    return Parsed(calculator, raw_inputs, values, tuple(errors))


def parse_inputs(calculator: Calculator, raw_inputs: Mapping[str, str]) -> Values:
    """Parse every input (defaults for missing ones); one :class:`InputError` lists all bad."""
    return parse(calculator, raw_inputs).checked()


def readings(calculator: Calculator | str, raw_inputs: Mapping[str, str]) -> dict[str, str]:
    """How each input that parses was read (``{"dau": "= 500,000,000"}``); bad ones are left out.

    Never raises for what was typed: a form shows these beside its inputs, even while another
    input is bad.
    """
    calc = get(calculator) if isinstance(calculator, str) else calculator
    return parse(calc, raw_inputs).readings()


def format_value(kind: str, value: float) -> str:
    """``value`` (base units) as text for a person, by kind."""
    return KINDS[kind].format(value)


_NOT_FINITE = "a result would not be a finite number"


def _outputs(calculator: Calculator, values: Values) -> tuple[dict[str, float], str]:
    """The outputs as floats, and "" if they are sane, else what is wrong with them: not
    finite (or the arithmetic failed), or beyond the bound of their kind (:attr:`Kind.most`).
    """
    try:
        results = calculator.compute(values)
        numbers = {out.name: float(results[out.name]) for out in calculator.outputs}
    except InputError:
        raise
    except (ArithmeticError, ValueError):  # overflow, a math domain error, a NaN to int
        return {}, _NOT_FINITE
    if not all(math.isfinite(n) for n in numbers.values()):
        return numbers, _NOT_FINITE
    for out in calculator.outputs:
        kind = KINDS[out.kind]
        if abs(numbers[out.name]) > kind.most * (1 + 1e-12):  # the slack of Input.check
            return numbers, f"a result ({out.label}) would be above {kind.format(kind.most)}"
    return numbers, ""


def _culprit(
    calculator: Calculator, values: Values, raw_inputs: Mapping[str, str], problem: str
) -> InputError:
    """The input to change when the outputs are not sane (``problem`` says how): the first
    one that, put back to its default, makes them sane; else the first that makes them at
    least finite; else the first input not at its default."""
    defaults, _ = _parse_each(calculator, calculator.defaults())
    changed = [
        item
        for item in calculator.inputs
        if isinstance(values.get(item.name), float | tuple)
        and values[item.name] != defaults.get(item.name)
    ]

    def badness(item: Input) -> int:
        """0: sane with ``item`` at its default; 1: finite but past a bound; 2: not finite."""
        try:
            _, wrong = _outputs(calculator, {**values, item.name: defaults.get(item.name)})
        except InputError:
            return 2
        return 0 if not wrong else 2 if wrong == _NOT_FINITE else 1

    # The first changed input whose default helps most (sane beats merely finite); if none
    # helps, the first changed one; if none changed, the first input.
    now = 2 if problem == _NOT_FINITE else 1
    scores = [(badness(item), index) for index, item in enumerate(changed)]
    score, index = min(scores, default=(now, 0))
    fallback = changed[0] if changed else calculator.inputs[0]
    blamed = changed[index] if score < now else fallback
    value, default = values.get(blamed.name), defaults.get(blamed.name)
    direction = "smaller"
    if isinstance(value, float) and isinstance(default, float) and abs(value) < abs(default):
        direction = "larger"
    raw = str(raw_inputs.get(blamed.name, blamed.default))
    return InputError(
        blamed.name,
        raw,
        f"is too extreme for the other inputs: {problem}",
        f"enter a {direction} value",
    )


def run(calc_id: str, raw_inputs: Mapping[str, str]) -> dict[str, Any]:
    """Run calculator ``calc_id`` on the strings a person typed.

    Returns ``{"calculator", "inputs": {name: number}, "outputs": {name: {"value", "unit",
    "text"}}}`` with values in base units, every one a finite number within its kind's bound
    (a list input gives a list of numbers, a choice or an input that is not one quantity the
    text it was read from). Raises :class:`InputError` naming every bad input, the input a
    conflict names (quoting what was typed in it), or the input that makes a result overflow
    or pass its bound.
    """
    return parse(get(calc_id), raw_inputs).result()
