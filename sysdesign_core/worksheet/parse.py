"""Read one line of a sheet into a small tree: a hand-written lexer and a Pratt parser.

No ``eval``: the tree holds only literals, names, operators, calls, fields and ranges, and
:mod:`.evaluator` walks it. A literal with its unit is one token, so it binds tighter than
any operator (``1 GB / 100 MB/s`` is ``1 GB / (100 MB/s)``).

>>> statement = parse_line("storage = writes * 5 years in PB  # five years")
>>> statement.name, statement.target, statement.note
('storage', 'PB', 'five years')
>>> statement.expr.right
Lit(number=5.0, units=(('*', 'years'),), money=False)
>>> parse_line("dau = 300M (100M..1B)").expr.high
Lit(number=1.0, units=(('*', 'B'),), money=False)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from difflib import get_close_matches

from .quantity import AMBIGUOUS, NOUNS, SheetError, unit, unit_names

__all__ = [
    "Lit",
    "Name",
    "Str",
    "Unary",
    "Bin",
    "Call",
    "Field",
    "Range",
    "Node",
    "Statement",
    "parse_line",
    "parse_target",
    "MAX_DEPTH",
]

MAX_DEPTH = 40
"""Deepest nesting of parentheses, calls and operators a line may have."""


@dataclass(frozen=True)
class Lit:
    """A number with its units: ``5 years`` is ``Lit(5.0, (("*", "years"),))``; ``$0.02/GB``
    is ``Lit(0.02, (("/", "GB"),), money=True)``."""

    number: float
    units: tuple[tuple[str, str], ...] = ()
    money: bool = False


@dataclass(frozen=True)
class Name:
    id: str


@dataclass(frozen=True)
class Str:
    text: str


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Node


@dataclass(frozen=True)
class Bin:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Node, ...]
    kwargs: tuple[tuple[str, Node], ...]


@dataclass(frozen=True)
class Field:
    record: Node
    name: str


@dataclass(frozen=True)
class Range:
    """``likely (low..high)``; ``likely`` is ``None`` for ``low..high`` (the geometric mean)."""

    likely: Node | None
    low: Node
    high: Node


Node = Lit | Name | Str | Unary | Bin | Call | Field | Range


@dataclass(frozen=True)
class Statement:
    """One line: ``name = expr in target  # note`` (every part but ``expr`` may be empty)."""

    name: str
    expr: Node | None
    target: str = ""
    note: str = ""


_NUMBER = re.compile(r"(?:[0-9][0-9_]*(?:\.(?!\.)[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_µμ][A-Za-z0-9_µμ]*|%")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPS = {"×": "*", "÷": "/", "**": "^", "·": "*"}
_SYMBOLS = ("**", "..", "+", "-", "*", "/", "^", "×", "÷", "·", "(", ")", ",", ".", "=")
KEYWORDS = frozenset({"in"})


@dataclass(frozen=True)
class Token:
    kind: str  # "lit", "name", "str", "op", "end"
    text: str
    at: int
    lit: Lit | None = None


def _is_unit(word: str) -> bool:
    if word in AMBIGUOUS:
        return True  # read as a unit, so unit() says what to write instead
    try:
        unit(word)
    except KeyError:
        return word == "nines"
    return True


def _unknown_unit(word: str, number: str) -> SheetError:
    close = get_close_matches(word, [*unit_names(), "nines"], n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}?" if close else "see the units in the help"
    return SheetError(
        f"unknown unit {word!r} after {number}; {hint} (to multiply, write {number} * {word})"
    )


def _units(line: str, at: int, number: str) -> tuple[tuple[tuple[str, str], ...], int]:
    """The units after a number at ``at``: ``K/s``, `` MB/s``, `` years``, ``%``, `` nines``;
    a word that is not a unit (``in``, a name) ends them."""
    parts: list[tuple[str, str]] = []
    i = at
    first = True
    while True:
        j = i
        while j < len(line) and line[j] in " \t":
            j += 1
        spaced = j > i
        if not first and not spaced and not (j < len(line) and line[j] == "/"):
            break
        match = _WORD.match(line, j)
        if match is None:
            if j < len(line) and line[j] == "/" and not spaced:
                follow = _WORD.match(line, j + 1)
                if follow and _is_unit(follow.group()) and follow.group() != "%":
                    parts.append(("/", follow.group()))
                    i = follow.end()
                    first = False
                    continue
            break
        word = match.group()
        if word in KEYWORDS or (word not in NOUNS and not _is_unit(word)):
            if (
                first
                and not (j < len(line) and line[match.end() : match.end() + 1] == "(")
                and (word not in KEYWORDS)
            ):
                raise _unknown_unit(word, number)
            break
        if not first and word not in NOUNS and spaced and parts and parts[-1][1] == "nines":
            break
        parts.append(("*", word))
        i = match.end()
        first = False
        # per-units glued with "/": MB/s, K/s, $/GB/month
        while i < len(line) and line[i] == "/":
            follow = _WORD.match(line, i + 1)
            if not follow or follow.group() == "%" or not _is_unit(follow.group()):
                break
            parts.append(("/", follow.group()))
            i = follow.end()
    return tuple(parts), i


def _tokens(line: str) -> list[Token]:
    """The tokens of ``line`` (without its comment)."""
    out: list[Token] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch in " \t":
            i += 1
            continue
        money = ch == "$"
        if money or ch.isdigit() or (ch == "." and line[i + 1 : i + 2].isdigit()):
            start = i
            j = i + 1 if money else i
            while money and j < len(line) and line[j] == " ":
                j += 1
            match = _NUMBER.match(line, j)
            if match is None:
                if money:  # "$/month" only makes sense after "in"
                    raise SheetError("'$' must be followed by an amount, such as $0.023")
                raise SheetError(f"cannot read a number at {line[i : i + 10]!r}")
            text = match.group()
            if text.count("_") and not re.fullmatch(r"[0-9]{1,3}(?:_[0-9]{3})*(?:\..*)?", text):
                raise SheetError(f"{text!r}: group digits in threes (1_000_000) or not at all")
            try:
                number = float(text.replace("_", ""))
            except (ValueError, OverflowError):
                raise SheetError(f"cannot read the number {text[:20]!r}") from None
            if not math.isfinite(number):  # float("1" + 400 zeros) is inf, not an error
                raise SheetError(
                    f"the number {text[:20]!r}… is too large; write it as 1e300 or less"
                )
            end = match.end()
            group = re.match(r",([0-9]{3})(?![0-9])", line[end:])
            if group:  # "1,000": a thousands separator, not two arguments
                digits = group.group(1)
                raise SheetError(
                    f"write {text}{digits} or {text}_{digits}: "
                    "a comma separates a function's arguments"
                )
            parts, end = _units(line, end, "$" + text if money else text)
            out.append(Token("lit", line[start:end], start, Lit(number, parts, money)))
            i = end
            continue
        if ch == '"':
            end = line.find('"', i + 1)
            if end < 0:
                raise SheetError('a text argument is missing its closing "')
            out.append(Token("str", line[i + 1 : end], i))
            i = end + 1
            continue
        match = _WORD.match(line, i)
        if match and match.group() != "%":
            out.append(Token("name", match.group(), i))
            i = match.end()
            continue
        for symbol in _SYMBOLS:
            if line.startswith(symbol, i):
                out.append(Token("op", _OPS.get(symbol, symbol), i))
                i += len(symbol)
                break
        else:
            shown = "%" if ch == "%" else ch
            hint = (
                "a percentage follows a number (50%)"
                if ch == "%"
                else "write + - * / ^, parentheses, names and numbers with units"
            )
            raise SheetError(f"unexpected {shown!r}; {hint}")
    out.append(Token("end", "", len(line)))
    return out


_BINARY = {"+": 10, "-": 10, "*": 20, "/": 20, "^": 40}


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def next(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, text: str, context: str) -> None:
        token = self.next()
        if token.kind != "op" or token.text != text:
            found = "the end of the line" if token.kind == "end" else repr(token.text)
            raise SheetError(f"expected {text!r} {context}, found {found}")

    def expr(self, power: int = 0) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise SheetError(f"the line is nested too deeply (more than {MAX_DEPTH} levels)")
        left = self.prefix()
        while True:
            token = self.peek()
            if token.kind != "op" or token.text not in _BINARY:
                break
            strength = _BINARY[token.text]
            if strength <= power and not (token.text == "^" and strength == power):
                break
            self.next()
            right = self.expr(strength if token.text != "^" else strength - 1)
            left = Bin(token.text, left, right)
        self.depth -= 1
        return left

    def prefix(self) -> Node:
        token = self.next()
        if token.kind == "op" and token.text in "+-":
            operand = self.expr(30)
            return operand if token.text == "+" else Unary("-", operand)
        if token.kind == "lit" and token.lit is not None:
            return self.postfix(token.lit)
        if token.kind == "name":
            if token.text in KEYWORDS:
                raise SheetError("'in' needs a value before it, such as: 1 PB / 10 Gbps in hours")
            if self.peek().kind == "op" and self.peek().text == "(":
                self.next()
                return self.postfix(self.call(token.text))
            return self.postfix(Name(token.text))
        if token.kind == "str":
            return Str(token.text)
        if token.kind == "op" and token.text == "(":
            inner = self.expr()
            if self.peek().kind == "op" and self.peek().text == "..":
                self.next()
                high = self.expr()
                self.expect(")", "to close the range")
                return self.postfix(Range(None, inner, high))
            self.expect(")", "to close the parenthesis")
            return self.postfix(inner)
        if token.kind == "end":
            raise SheetError("the line ends where a value was expected")
        raise SheetError(f"unexpected {token.text!r} where a value was expected")

    def postfix(self, node: Node) -> Node:
        while True:
            token = self.peek()
            if token.kind == "op" and token.text == ".":
                self.next()
                name = self.next()
                if name.kind != "name":
                    raise SheetError(
                        "a '.' must be followed by a result's name, as in cap.write_qps"
                    )
                node = Field(node, name.text)
            elif token.kind == "op" and token.text == "(" and not isinstance(node, Range):
                # "300M (100M..1B)": a likely value, then its range
                self.next()
                low = self.expr()
                if not (self.peek().kind == "op" and self.peek().text == ".."):
                    raise SheetError(
                        "a value followed by parentheses must be a range, as in 300M (100M..1B); "
                        "to multiply, write *"
                    )
                self.next()
                high = self.expr()
                self.expect(")", "to close the range")
                node = Range(node, low, high)
            else:
                return node

    def call(self, func: str) -> Call:
        args: list[Node] = []
        kwargs: list[tuple[str, Node]] = []
        if self.peek().kind == "op" and self.peek().text == ")":
            self.next()
            return Call(func, (), ())
        while True:
            token = self.peek()
            after = self.tokens[min(self.pos + 1, len(self.tokens) - 1)]
            if token.kind == "name" and after.kind == "op" and after.text == "=":
                self.pos += 2
                if any(key == token.text for key, _ in kwargs):
                    raise SheetError(f"{func}() is given {token.text} twice")
                kwargs.append((token.text, self.expr()))
            else:
                if kwargs:
                    raise SheetError(f"in {func}(), name every value after the first named one")
                args.append(self.expr())
            token = self.next()
            if token.kind == "op" and token.text == ")":
                return Call(func, tuple(args), tuple(kwargs))
            if not (token.kind == "op" and token.text == ","):
                found = "the end of the line" if token.kind == "end" else repr(token.text)
                raise SheetError(f"expected ',' or ')' in {func}(), found {found}")


def _split_comment(line: str) -> tuple[str, str]:
    """``(code, note)``: a ``#`` outside a text argument starts the note."""
    quoted = False
    for index, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "#" and not quoted:
            return line[:index], line[index + 1 :].strip()
    return line, ""


_IN = re.compile(r"\s+in\s+(?P<target>[^\s].*?)\s*$")


def parse_line(line: str) -> Statement:
    """One line as a :class:`Statement`; raises :class:`SheetError` saying what to write."""
    code, note = _split_comment(line)
    code = code.strip()
    if not code:
        return Statement("", None, "", note)
    name = ""
    assign = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)\s*", code)
    if assign:
        name = assign.group(1)
        code = code[assign.end() :]
        if name in KEYWORDS:
            raise SheetError("'in' is a keyword; pick another name")
        if not code:
            raise SheetError(f"{name} = needs a value after the '='")
    target = ""
    found = _IN.search(" " + code)
    if found:
        target = found.group("target")
        code = (" " + code)[: found.start()].strip()
        parse_target(target)  # an unknown unit is this line's error, found now
    tokens = _tokens(code)
    parser = _Parser(tokens)
    if tokens[0].kind == "end":
        raise SheetError("nothing to convert: write a value before 'in'")
    expr = parser.expr()
    if parser.peek().kind == "op" and parser.peek().text == ".." and parser.depth == 0:
        parser.next()
        expr = Range(None, expr, parser.expr())
    token = parser.peek()
    if token.kind != "end":
        if token.kind == "name":
            raise SheetError(
                f"unexpected {token.text!r}: to multiply, write * (a value's unit follows its "
                "number, as in 5 years)"
            )
        if token.text == "=":
            raise SheetError("only one '=' per line, after a name: peak = writes * 3")
        raise SheetError(f"unexpected {token.text!r} after a complete value")
    return Statement(name, expr, target, note)


_TARGET = re.compile(r"^(?P<money>\$)?\s*(?P<rest>.*)$")


def parse_target(text: str) -> tuple[bool, tuple[tuple[str, str], ...]]:
    """The unit after ``in``: ``PB``, ``hours``, ``Gbps``, ``$/month``, ``K/s``, ``/day``,
    ``%``, ``nines``; returns ``(money, parts)``. Raises :class:`SheetError` for a name that
    is not a unit."""
    match = _TARGET.match(text.strip())
    assert match is not None
    money = bool(match.group("money"))
    rest = match.group("rest").replace(" ", "")
    parts: list[tuple[str, str]] = []
    if rest:
        pieces = re.split(r"([/*·])", rest)
        op = "*"
        for piece in pieces:
            if piece in ("/", "*", "·"):
                op = "/" if piece == "/" else "*"
                continue
            if not piece:
                continue
            if piece != "nines" and not _is_unit(piece) and piece not in NOUNS:
                close = get_close_matches(piece, unit_names(), n=1, cutoff=0.6)
                hint = (
                    f"did you mean {close[0]}?"
                    if close
                    else "write a unit such as TB, Gbps, hours or $/month"
                )
                raise SheetError(f"cannot convert to {piece!r}: not a unit; {hint}")
            parts.append((op, piece))
            op = "*"
    if not money and not parts:
        raise SheetError("'in' needs a unit after it, such as in TB or in hours")
    return money, tuple(parts)
