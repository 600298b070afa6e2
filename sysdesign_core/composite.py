"""Composite availability: components in series and in parallel, nested as deep as a system is.

A topology is written as an expression: ``*`` joins parts in series (every one must be up),
``|`` joins parts in parallel (any one up is enough), parentheses group, and ``*`` binds
tighter than ``|``, as "and" before "or". Each component is an availability as the widget
reads it (``99.9%``, ``0.999``, ``3 nines``). A small tokenizer and a recursive-descent
parser read it; nothing is ever evaluated as code.

The calculator's ``components`` input has a kind of its own, ``topology``
(:data:`TOPOLOGY`): the registry parses it once per request, with the rules of every list
input (no decimal comma, at most 1,000 characters, each availability within 0-100%), and
``compute()`` receives a :class:`Topology`.

A load balancer, two app servers of which one is enough, and a database:

>>> tree = parse_topology("99.99% * (99.9% | 99.9%) * 99.95%")
>>> round(tree.availability, 6)
0.999399
>>> describe(tree)
'99.99% * (99.9% | 99.9%) * 99.95%'

The plain comma list of the first version still works, combined by ``mode``:

>>> round(composite_availability("99.9%, 99.9%", "parallel").availability, 6)
0.999999
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import charts, units
from .errors import ParseError
from .registry import MAX_LENGTH, Calculator, Input, Kind, Output, Values, register, register_kind
from .units import YEAR

__all__ = [
    "serial",
    "parallel",
    "Component",
    "Group",
    "Node",
    "Topology",
    "read_components",
    "parse_topology",
    "composite_availability",
    "is_expression",
    "describe",
    "topology_chart",
    "MAX_COMPONENTS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "TOPOLOGY",
    "COMPONENTS",
    "COMPOSITE",
]

MAX_COMPONENTS = 100
"""The most components one topology may hold (the diagram stays readable and small)."""
MAX_DEPTH = 8
"""The deepest nesting of parentheses accepted."""
# MAX_LENGTH (the registry's, 1,000 characters) is the longest text read, as for every input.

ACCEPTED = (
    "enter availabilities joined by * (in series) and | (in parallel), with parentheses, "
    "e.g. 99.99% * (99.9% | 99.9%) * 99.95%"
)
LIST_ACCEPTED = "enter availabilities separated by commas, e.g. 99.9%, 99.95%, 4 nines"


def serial(availabilities: Sequence[float]) -> float:
    """Availability of components that must *all* be up: the product of their availabilities.

    Assumes failures are independent (a shared power feed or deploy breaks that).
    """
    return math.prod(availabilities)


def parallel(availabilities: Sequence[float]) -> float:
    """Availability of redundant components where *any one* up is enough.

    One minus the chance that all are down at once; independent failures assumed.
    """
    return 1.0 - math.prod(1.0 - a for a in availabilities)


@dataclass(frozen=True)
class Component:
    """One component: its availability (0-1) and the text it was written as."""

    availability: float
    text: str

    def leaves(self) -> list[Component]:
        """This component, as a list."""
        return [self]


@dataclass(frozen=True)
class Group:
    """Parts joined in series (``"serial"``: all needed) or in parallel (any one enough)."""

    mode: str
    parts: tuple[Node, ...]

    @property
    def availability(self) -> float:
        """The group's availability, from its parts' (independent failures)."""
        values = [part.availability for part in self.parts]
        return serial(values) if self.mode == "serial" else parallel(values)

    def leaves(self) -> list[Component]:
        """Every component inside the group, left to right."""
        return [leaf for part in self.parts for leaf in part.leaves()]


Node = Component | Group

_TOKEN = re.compile(r"\s*(?:([()*|])|([^()*|]+))")


def is_expression(raw: str) -> bool:
    """Whether ``raw`` is a topology expression (it has ``*``, ``|`` or parentheses)."""
    return any(mark in raw for mark in "*|()")


def _tokens(raw: str) -> list[str]:
    """Operators, parentheses and component texts, in order; blanks dropped."""
    found = []
    for match in _TOKEN.finditer(raw):
        symbol, word = match.groups()
        if symbol:
            found.append(symbol)
        elif word and word.strip():
            found.append(word.strip())
    return found


class _Parser:
    """Recursive descent over the tokens: expr := term ('|' term)*; term := atom ('*' atom)*;
    atom := component | '(' expr ')'."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.tokens = _tokens(raw)
        self.at = 0
        self.count = 0

    def fail(self, problem: str) -> ParseError:
        return ParseError(self.raw, problem, ACCEPTED)

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def parse(self) -> Node:
        if not self.tokens:
            raise self.fail("lists no availability")
        node = self.expr(0)
        extra = self.peek()
        if extra is not None:
            raise self.fail(f"has {extra!r} where an operator or the end should be")
        return node

    def expr(self, depth: int) -> Node:
        return self.joined(depth, "|", "parallel")

    def joined(self, depth: int, operator: str, mode: str) -> Node:
        parts = [self.atom(depth) if operator == "*" else self.joined(depth, "*", "serial")]
        while self.peek() == operator:
            self.at += 1
            parts.append(self.atom(depth) if operator == "*" else self.joined(depth, "*", "serial"))
        return parts[0] if len(parts) == 1 else Group(mode, tuple(parts))

    def atom(self, depth: int) -> Node:
        token = self.peek()
        if token is None:
            raise self.fail("ends where an availability should be")
        self.at += 1
        if token == "(":
            if depth >= MAX_DEPTH:
                raise self.fail(f"nests more than {MAX_DEPTH} levels of parentheses")
            node = self.expr(depth + 1)
            if self.peek() != ")":
                raise self.fail("has a ( that is never closed")
            self.at += 1
            return node
        if token in ")*|":
            raise self.fail(f"has {token!r} where an availability should be")
        if "," in token:
            raise self.fail(f"has a comma in {token!r}: join parts with * or |")
        self.count += 1
        if self.count > MAX_COMPONENTS:
            raise self.fail(f"has more than {MAX_COMPONENTS} components")
        try:
            value = units.parse_availability(token)
        except ParseError as error:
            raise self.fail(f"has {token!r} that {error.problem}") from None
        return Component(value, units.format_availability(value))


def _component(text: str) -> Component:
    """One item of a comma list: an availability, written back in the site's notation."""
    value = units.parse_availability(text)
    return Component(value, units.format_availability(value))


@dataclass(frozen=True)
class Topology:
    """The ``components`` input as the registry parses it: the tree of an expression, or a
    plain comma list (``listed``) whose parts the ``mode`` input joins; ``text`` is what it
    was read from (stripped), which ``run()`` reports and a sheet carries on."""

    tree: Node
    listed: bool
    text: str

    def combined(self, mode: str = "serial") -> Node:
        """The tree to compute: an expression's own, or a comma list joined by ``mode``
        (``"serial"``: all needed; ``"parallel"``: any one enough)."""
        if self.listed and isinstance(self.tree, Group):
            return Group(mode, self.tree.parts)
        return self.tree


def read_components(text: str) -> Topology:
    """The ``topology`` kind's parser: a comma list (``99.9%, 99.95%``) or an expression
    (``99.99% * (99.9% | 99.9%)``); raises :class:`ParseError` saying what is wrong.

    A comma between two digits is refused in both, with the words of every list input.

    >>> read_components("99.9%, 3 nines").combined("parallel").mode
    'parallel'
    >>> describe(read_components("99.99% * (99.9% | 99.9%)").tree)
    '99.99% * (99.9% | 99.9%)'
    """
    if not is_expression(text):
        parts = units.parse_list(text, _component, LIST_ACCEPTED, most=MAX_COMPONENTS)
        tree: Node = parts[0] if len(parts) == 1 else Group("serial", tuple(parts))
        return Topology(tree, True, text)
    units.refuse_decimal_comma(text)
    return Topology(_Parser(text).parse(), False, text)


def _read(topology: Topology) -> str:
    """How the field was read, shown beside it: ``4 components: 99.99% * (…) * 99.95%``."""
    leaves = topology.tree.leaves()
    count = len(leaves)
    shown = ", ".join(leaf.text for leaf in leaves) if topology.listed else describe(topology.tree)
    if len(shown) > 60:
        shown = shown[:59] + "…"
    return f"{count} component{'s' if count != 1 else ''}: {shown}"


def _text(topology: Topology) -> str:
    return topology.text


TOPOLOGY = register_kind(
    Kind(
        "topology",
        read_components,
        _text,
        "text",
        "availabilities separated by commas (99.9%, 99.95%) or joined by * (in series) and "
        "| (in parallel), with parentheses",
        quantity=False,
        read=_read,
        plain=_text,
    )
)
"""The kind of the ``components`` input: parsed into a :class:`Topology`."""

COMPONENTS = Input(
    "components",
    "Components",
    "topology",
    "99.9%, 99.9%",
    "A comma list (99.9%, 99.95%) combined as chosen below, or a topology: "
    "* in series, | in parallel, parentheses to group (then the choice below is "
    "not used). A decimal point, not a comma, in a number.",
)
"""The composite calculator's ``components`` input."""


def composite_availability(raw: str, mode: str = "serial") -> Node:
    """The topology ``raw`` describes: an expression, or a comma list combined by ``mode``.

    Parsed as the calculator's ``components`` input is; raises
    :class:`~sysdesign_core.errors.InputError` naming it.
    """
    topology: Topology = COMPONENTS.parse(raw)
    return topology.combined(mode)


def parse_topology(raw: str) -> Node:
    """The tree of an expression such as ``99.99% * (99.9% | 99.9%)`` (a comma list is in
    series); raises :class:`~sysdesign_core.errors.InputError` naming ``components``.

    >>> parse_topology("99% | 99%").mode
    'parallel'
    """
    return composite_availability(raw)


def describe(node: Node, within: str = "") -> str:
    """The topology written back as an expression, components as formatted availabilities.

    A group is parenthesized inside another unless it is a series inside a parallel group
    (``*`` binds tighter than ``|``).
    """
    if isinstance(node, Component):
        return node.text
    joiner = " * " if node.mode == "serial" else " | "
    inner = joiner.join(describe(part, node.mode) for part in node.parts)
    bare = not within or (within == "parallel" and node.mode == "serial")
    return inner if bare else f"({inner})"


# --- the diagram -----------------------------------------------------------------------

_BOX_HEIGHT = 34
_GAP_DOWN = 22  # between parts in series, stacked top to bottom
_GAP_ACROSS = 14  # between parts in parallel, side by side
_RAIL = 14  # the split and the join of a parallel group
_MOST_ACROSS = 4  # a wider parallel group draws 3 parts and a "+N more" box (phones stay legible)
_MOST_DOWN = 12  # a longer chain in series draws 11 parts and a "+N more" box


def _drawn_parts(group: Group) -> tuple[Node, ...]:
    """The parts of ``group`` the diagram draws: all, or the first few and a "+N more" box.

    The text alternative (the table and the description) still names every part.
    """
    most = _MOST_ACROSS if group.mode == "parallel" else _MOST_DOWN
    if len(group.parts) <= most:
        return group.parts
    rest = len(group.parts) - (most - 1)
    return (*group.parts[: most - 1], Component(0.0, f"+{rest} more"))


@dataclass(frozen=True)
class _Box:
    """A laid-out node: its size, and SVG drawn with its top-left corner at (x, y)."""

    width: float
    height: float
    node: Node

    def draw(self, x: float, y: float) -> str:
        node = self.node
        if isinstance(node, Component):
            return (
                f'<rect x="{charts.num(x)}" y="{charts.num(y)}" width="{charts.num(self.width)}" '
                f'height="{_BOX_HEIGHT}" rx="4" fill="currentColor" fill-opacity="0.08" '
                f'stroke="currentColor" stroke-width="1.5"/>'
                + charts.text(
                    x + self.width / 2,
                    y + _BOX_HEIGHT / 2,
                    node.text,
                    anchor="middle",
                    extra=' dy="0.35em"',
                )
            )
        boxes = [_layout(part) for part in _drawn_parts(node)]
        centre = x + self.width / 2
        parts = []
        if node.mode == "serial":
            top = y
            for index, box in enumerate(boxes):
                if index:
                    parts.append(_vline(centre, top - _GAP_DOWN, top))
                parts.append(box.draw(centre - box.width / 2, top))
                top += box.height + _GAP_DOWN
            return "".join(parts)
        left = x
        centres = []
        bottom = y + self.height
        for box in boxes:
            middle = left + box.width / 2
            centres.append(middle)
            parts.append(box.draw(left, y + _RAIL))
            parts.append(_vline(middle, y, y + _RAIL))
            parts.append(_vline(middle, y + _RAIL + box.height, bottom))
            left += box.width + _GAP_ACROSS
        parts.append(_hline(centres[0], centres[-1], y))
        parts.append(_hline(centres[0], centres[-1], bottom))
        return "".join(parts)


def _vline(x: float, y1: float, y2: float) -> str:
    return (
        f'<line x1="{charts.num(x)}" y1="{charts.num(y1)}" x2="{charts.num(x)}" '
        f'y2="{charts.num(y2)}" stroke="currentColor" stroke-width="1.5"/>'
    )


def _hline(x1: float, x2: float, y: float) -> str:
    return (
        f'<line x1="{charts.num(x1)}" y1="{charts.num(y)}" x2="{charts.num(x2)}" '
        f'y2="{charts.num(y)}" stroke="currentColor" stroke-width="1.5"/>'
    )


def _layout(node: Node) -> _Box:
    """Series stack top to bottom, parallel parts stand side by side (narrow screens first)."""
    if isinstance(node, Component):
        return _Box(max(72.0, charts.text_width(node.text) + 20), _BOX_HEIGHT, node)
    boxes = [_layout(part) for part in _drawn_parts(node)]
    if node.mode == "serial":
        height = sum(box.height for box in boxes) + _GAP_DOWN * (len(boxes) - 1)
        return _Box(max(box.width for box in boxes), height, node)
    width = sum(box.width for box in boxes) + _GAP_ACROSS * (len(boxes) - 1)
    return _Box(width, max(box.height for box in boxes) + 2 * _RAIL, node)


def _groups(node: Node, found: list[Group]) -> list[Group]:
    if isinstance(node, Group):
        for part in node.parts:
            _groups(part, found)
        found.append(node)
    return found


def topology_chart(node: Node) -> str:
    """The topology as a block diagram: series top to bottom, parallel side by side.

    A request enters at the top and must get through to the bottom; each box is a component
    with its availability. The table lists every group (innermost first) with its result.
    """
    box = _layout(node)
    margin, stub = 4.0, 16.0
    width = max(box.width + 2 * margin, 120.0)
    height = box.height + 2 * stub
    x = (width - box.width) / 2
    centre = width / 2
    body = _vline(centre, 0, stub) + box.draw(x, stub) + _vline(centre, stub + box.height, height)
    total = node.availability
    rows = [
        (
            describe(group),
            "all needed" if group.mode == "serial" else "any one enough",
            units.format_availability(group.availability),
            units.format_duration(allowed(group.availability)),
        )
        for group in _groups(node, [])
    ] or [
        (
            describe(node),
            "one component",
            units.format_availability(total),
            units.format_duration(allowed(total)),
        )
    ]
    count = len(node.leaves())
    return charts.figure(
        "Topology of the components",
        f"{count} component{'s' if count != 1 else ''}: {describe(node)}. Parts stacked top to "
        "bottom are in series (all needed); parts side by side are in parallel (any one is "
        f"enough). Combined availability {units.format_availability(total)}.",
        body,
        "Top to bottom: in series, every part needed. Side by side: in parallel, any one enough.",
        ("Group", "Combines", "Availability", "Downtime per year"),
        rows,
        width=width,
        height=height,
    )


def allowed(availability: float) -> float:
    """Seconds of downtime a year at ``availability``."""
    return (1.0 - availability) * YEAR


# --- the calculator --------------------------------------------------------------------


def _composite(values: Values) -> dict[str, float]:
    tree = values["components"].combined(values["mode"])  # a Topology, parsed by the registry
    total = tree.availability
    return {
        "availability": total,
        "downtime_year": allowed(total),
        "components_count": float(len(tree.leaves())),
    }


def _chart(values: Values) -> str:
    return topology_chart(values["components"].combined(values["mode"]))


COMPOSITE = register(
    Calculator(
        id="composite",
        title="Composite availability",
        description="Availability of components in series, in parallel, or nested as a topology.",
        page="calculators/composite.md",
        inputs=(
            COMPONENTS,
            Input(
                "mode",
                "How a comma list combines",
                "text",
                "serial",
                "serial: every one must be up; parallel: any one up is enough.",
                choices=("serial", "parallel"),
            ),
        ),
        outputs=(
            Output("availability", "Combined availability", "availability"),
            Output("downtime_year", "Downtime per year", "duration"),
            Output("components_count", "Components", "count"),
        ),
        compute=_composite,
        chart=_chart,
    )
)
