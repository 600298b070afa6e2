"""Try it first: a reader's own figures for a design, graded against the design's sheet.

A sheet asks for a figure with a comment line ``# try: NAME  What the reader is asked``;
NAME is a line of the sheet with one value. Its assumptions are its named lines that hold a
literal (``dau = 200M``, ``writes_per_user = 50 (20..100)``): a reader may change them first,
and the figures are then graded against the sheet evaluated with the reader's assumptions, so
a different but consistent answer is right.

Each figure is graded as the drills grade (:func:`sysdesign_core.drills.grade_ratio`: exact,
within 2× close, within 10× the right order of magnitude, else off), with the reasons a
figure may differ: a factor people often slip on (bits and bytes, a prefix, a 100,000-second
day, the peak factor) and the assumptions that, changed alone, would give the reader's figure.

>>> text = '''# try: peak  Peak writes a second
... dau = 100M
... per_user = 2
... peak = dau * per_user / day * 3
... '''
>>> [p.name for p in prompts(text)], [a.name for a in assumptions(text)]
(['peak'], ['dau', 'per_user'])
>>> figure = grade(text, {}, {"peak": "7K/s"})["figures"][0]
>>> figure["grade"], figure["shown"]
('close', '6.94K/s')
>>> grade(text, {"dau": "300M"}, {"peak": "20.8K/s"})["figures"][0]["grade"]
'exact'
>>> grade(text, {}, {"peak": "2.31K/s"})["figures"][0]["hints"][0]
'3× lower: the sheet multiplies the average by a peak factor of 3.'
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ..drills import EXACT, grade_ratio
from .evaluator import Sheet, _parsed, evaluate
from .parse import Bin, Call, Field, Name, Node, Range, Statement, Unary
from .quantity import DATA, DATA_RATE, NONE, RATE, TIME, Quantity, SheetError, describe, show

__all__ = ["Prompt", "Assumption", "prompts", "assumptions", "apply", "grade", "respond_json"]

_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
_TRY = re.compile(r"^\s*#\s*try:\s*([A-Za-z_][A-Za-z0-9_]*)\s*(.*)$")
MAX_ANSWER = 60
"""Longest answer read (a figure with its unit fits many times over)."""
IMPLIED_BUDGET_S = 0.4
"""Time spent at most on "each alone would give your figure" hints for one check."""
_TIME_NAMES = frozenset({"year", "month", "quarter", "week", "day", "hour", "minute"})


@dataclass(frozen=True)
class Prompt:
    """A figure the reader is asked for: the sheet line ``name`` and the question."""

    name: str
    label: str
    example: str  # what a figure of this kind looks like: "12K/s"


@dataclass(frozen=True)
class Assumption:
    """A named literal line the reader may change: its text as the sheet has it, and why."""

    name: str
    line: int
    text: str
    note: str


def _names(node: Node | None) -> set[str]:
    """Every name ``node`` reads."""
    if node is None:
        return set()
    if isinstance(node, Name):
        return {node.id}
    if isinstance(node, Unary):
        return _names(node.operand)
    if isinstance(node, Bin):
        return _names(node.left) | _names(node.right)
    if isinstance(node, Call):
        found = set().union(*(_names(a) for a in node.args)) if node.args else set()
        return found.union(*(_names(v) for _, v in node.kwargs)) if node.kwargs else found
    if isinstance(node, Field):
        return _names(node.record)
    if isinstance(node, Range):
        return _names(node.likely) | _names(node.low) | _names(node.high)
    return set()


def _statement(source: str) -> Statement | None:
    parsed = _parsed(source)  # the evaluator's cache: a sheet's lines are parsed once
    return parsed if isinstance(parsed, Statement) else None


_EXAMPLES = {NONE: "40", RATE: "12K/s", DATA: "2 PB", DATA_RATE: "10 Gbps", TIME: "3 hours"}


def prompts(text: str, sheet: Sheet | None = None) -> list[Prompt]:
    """The figures ``text`` asks for (its ``# try:`` lines), in order; a name that is not a
    line with a value is left out (the build checks every page's sheet: :func:`problems`)."""
    sheet = sheet or evaluate(text)
    found = []
    for source in text.splitlines():
        match = _TRY.match(source)
        if not match:
            continue
        try:
            line = sheet.line(match[1])
        except KeyError:
            continue
        if line.value is None:
            continue
        label = match[2].strip() or match[1].replace("_", " ").capitalize()
        found.append(Prompt(match[1], label, _EXAMPLES.get(line.value.dims, "")))
    return found


def problems(text: str) -> list[str]:
    """What is wrong with the sheet's ``# try:`` lines (for the build): an unknown name, a
    line without a single value, or a figure asked twice."""
    sheet = evaluate(text)
    seen: set[str] = set()
    out = []
    for number, source in enumerate(text.splitlines(), start=1):
        match = _TRY.match(source)
        if not match:
            continue
        name = match[1]
        try:
            line = sheet.line(name)
        except KeyError:
            out.append(f"line {number}: # try: {name} names no line of the sheet")
            continue
        if line.value is None:
            out.append(f"line {number}: # try: {name} has no single value to grade")
        if name in seen:
            out.append(f"line {number}: # try: {name} is asked twice")
        seen.add(name)
    return out


def _is_literal(node: Node | None) -> bool:
    return node is not None and not _names(node) and not isinstance(node, Call)


def assumptions(text: str) -> list[Assumption]:
    """The sheet's named literal lines, in order (the last definition of a name wins)."""
    found: dict[str, Assumption] = {}
    for number, source in enumerate(text.splitlines(), start=1):
        statement = _statement(source)
        if statement is None or not statement.name:
            continue
        if _is_literal(statement.expr) and not statement.target:
            code = source.split("#", 1)[0]
            expr = code.split("=", 1)[1].strip()
            found[statement.name] = Assumption(statement.name, number, expr, statement.note)
        else:
            found.pop(statement.name, None)  # redefined from other lines: no longer an input
    return list(found.values())


def apply(text: str, changed: Mapping[str, str]) -> str:
    """``text`` with each assumption in ``changed`` set to the reader's text (one line; an
    empty text keeps the sheet's); ``text`` itself when nothing changes."""
    lines = text.splitlines()
    moved = False
    for item in assumptions(text):
        new = " ".join(str(changed.get(item.name, "")).split())[:MAX_ANSWER]
        if not new or new == item.text:
            continue
        note = f"  # {item.note}" if item.note else ""
        lines[item.line - 1] = f"{item.name} = {new.replace('#', ' ')}{note}"
        moved = True
    return "\n".join(lines) + "\n" if moved else text


def _read(given: str) -> Quantity | str:
    """The reader's figure as a quantity, or why it cannot be read. A trailing word that is
    not a unit (``40 servers``) is allowed."""
    text = " ".join(given.replace("=", " ").replace("#", " ").split())[:MAX_ANSWER]
    # 9,550 as the site prints it: commas between groups of three digits separate thousands
    text = _THOUSANDS.sub(lambda m: m[0].replace(",", ""), text)
    words = text.split(" ")
    first_error = ""
    for keep in range(len(words), max(len(words) - 3, 0), -1):
        line = evaluate("answer = " + " ".join(words[:keep])).lines[0]
        if line.value is not None and not line.error:
            return line.value
        first_error = first_error or line.error or "write a number, like 40 or 12K/s"
    return first_error


def _literal(q: Quantity) -> str:
    """``q`` exactly, in base units, as a sheet reads it."""
    unit = {NONE: "", DATA: " B", TIME: " s", RATE: "/s", DATA_RATE: " B/s"}.get(q.dims)
    if unit is None:
        raise SheetError("no literal")
    return f"{q.value!r}{unit}"


def _near(ratio: float, target: float, within: float = 0.03) -> bool:
    return ratio > 0 and abs(math.log(ratio / target)) <= math.log1p(within)


def _depends(sheet: Sheet, text: str, name: str) -> list[int]:
    """The line numbers ``name`` is computed from, itself included, in order."""
    statements = {line.number: _statement(line.source) for line in sheet.lines}
    todo, seen = [(name, len(sheet.lines) + 1)], set()
    numbers: set[int] = set()
    while todo:
        wanted, before = todo.pop()
        for line in reversed(sheet.lines):
            if line.number < before and line.name == wanted:
                if line.number not in seen:
                    seen.add(line.number)
                    numbers.add(line.number)
                    statement = statements.get(line.number)
                    todo += [
                        (n, line.number) for n in _names(statement.expr if statement else None)
                    ]
                break
    return sorted(numbers)


def _steps(sheet: Sheet, numbers: list[int]) -> list[str]:
    """The formulas (not the assumptions) of ``numbers``, as the sheet writes them."""
    out = []
    for number in numbers:
        source = sheet.lines[number - 1].source.split("#", 1)[0].strip()
        statement = _statement(source)
        if statement is not None and not _is_literal(statement.expr):
            out.append(source)
    return out


def _factor_hints(ratio: float, dims: tuple[int, int, int, int], chain: str) -> list[str]:
    """Factors people often slip on that would explain ``ratio`` (the reader's ÷ the sheet's)."""
    hints = []
    direction = "higher" if ratio > 1 else "lower"
    if dims in (DATA, DATA_RATE) and (_near(ratio, 8) or _near(ratio, 1 / 8)):
        hints.append(f"8× {direction}: bits and bytes — a byte is 8 bits (Gbps ÷ 8 = GB/s).")
    for power in (1, 2, 3):
        if _near(ratio, 1000.0**power) or _near(ratio, 1000.0**-power):
            hints.append(
                f"{1000**power:,}× {direction}: check the prefixes (K, M, G, T are each 1,000×)."
            )
    factor = re.search(r"peak_factor\s*=\s*([0-9.]+)\b", chain)
    peak = float(factor[1]) if factor else 3.0
    if "peak" in chain and peak > 1 and (_near(ratio, 1 / peak, 0.1) or _near(ratio, peak, 0.1)):
        hints.append(
            f"{peak:g}× {direction}: the sheet multiplies the average by a peak factor of {peak:g}."
        )
    if ("day" in chain or dims == RATE) and _near(ratio, 86_400 / 100_000, 0.01):
        hints.append("You divided by a 100,000-second day; the sheet uses 86,400 s.")
    return hints


def _implied(
    sheet: Sheet, text: str, wanted: Mapping[str, float], depends: Mapping[str, list[int]]
) -> dict[str, list[str]]:
    """For each figure in ``wanted`` (its name → the reader's value), the assumptions that,
    changed alone, would give the reader's value: ``'dau = 500M (the sheet: 200M)'``."""
    out: dict[str, list[str]] = {name: [] for name in wanted}
    # Only the lines the figures are computed from (and any that redefine a time name) are
    # evaluated again: the rest of the sheet cannot move them, and is most of its cost.
    needed = set().union(*(depends[n] for n in wanted))
    lines = [
        source if number in needed or line.name in _TIME_NAMES else ""
        for number, (source, line) in enumerate(
            zip(text.splitlines(), sheet.lines, strict=False), start=1
        )
    ]
    stop = time.monotonic() + IMPLIED_BUDGET_S
    for item in assumptions(text):
        users = [n for n in wanted if item.line in depends[n]]
        base = sheet.lines[item.line - 1].value
        if not users or base is None or base.value == 0:
            continue
        if time.monotonic() > stop:
            break  # a hint less, never a reply late: the page waits at most 2 s for one
        try:
            nudged = _literal(Quantity(base.value * 1.25, base.dims))
        except SheetError:
            continue
        trial = list(lines)
        trial[item.line - 1] = f"{item.name} = {nudged}"
        moved = evaluate("\n".join(trial))
        for name in users:
            before, after = sheet.line(name).value, moved.line(name).value
            if before is None or after is None or before.value <= 0 or after.value <= 0:
                continue
            slope = math.log(after.value / before.value) / math.log(1.25)
            ratio = wanted[name] / before.value
            if abs(slope) < 0.2 or ratio <= 0:
                continue
            implied = base.value * ratio ** (1 / slope)
            if not math.isfinite(implied) or _near(implied / base.value, 1, 0.005):
                continue
            shown = show(Quantity(implied, base.dims, base.hint))
            out[name].append(f"{item.name} = {shown} (the sheet: {item.text})")
    return out


_MESSAGES = {
    "exact": "Exact.",
    "close": "Close: within 2×.",
    "magnitude": "Right order of magnitude: within 10×.",
    "off": "More than 10× away.",
}


def grade(text: str, changed: Mapping[str, str], answers: Mapping[str, str]) -> dict[str, Any]:
    """The grades of ``answers`` (figure name → what the reader typed) against ``text``
    evaluated with the reader's assumptions ``changed`` (name → text).

    ``{"assumptions": [{name, text, default, note, error}], "figures": [{name, label,
    example, given, yours, value, shown, grade, points, message, hints, steps}], "points",
    "out_of", "changed"}``; ``value`` is the sheet's figure in base units, ``shown`` as the
    page shows it, ``yours`` the reader's figure as read (empty if it could not be).
    """
    defaults = assumptions(text)
    applied = apply(text, changed)
    sheet = evaluate(applied)
    asked = prompts(text, sheet if applied is text else evaluate(text))
    out_assumptions = []
    current = {a.name: a.text for a in assumptions(applied)}
    for item in defaults:
        line = sheet.lines[item.line - 1] if item.line <= len(sheet.lines) else None
        now = current.get(item.name, item.text)
        out_assumptions.append(
            {
                "name": item.name,
                "text": now,
                "default": item.text,
                "note": item.note,
                "error": (line.error or None) if line else None,
            }
        )
    figures: list[dict[str, Any]] = []
    read: dict[str, float] = {}
    depends = {p.name: _depends(sheet, applied, p.name) for p in asked}
    for prompt in asked:
        given = str(answers.get(prompt.name, "")).strip()[:MAX_ANSWER]
        line = sheet.line(prompt.name)
        chain = " ".join(sheet.lines[n - 1].source.lower() for n in depends[prompt.name])
        figure: dict[str, Any] = {
            **asdict(prompt),
            "given": given,
            "yours": "",
            "value": line.value.value if line.value else None,
            "shown": line.text if line.value else "",
            "grade": "missing",
            "points": 0,
            "message": "No answer yet.",
            "hints": [],
            "steps": _steps(sheet, depends[prompt.name]),
        }
        figures.append(figure)
        if line.value is None:
            figure.update(
                grade="unknown", message=f"Not computed with your assumptions: {line.error}"
            )
            continue
        if not given:
            continue
        yours = _read(given)
        if isinstance(yours, str):
            figure.update(grade="invalid", message=f"Could not read {given!r}: {yours}.")
            continue
        want = line.value
        if yours.dims != want.dims:
            figure.update(
                grade="invalid",
                message=f"That is {describe(yours.dims)}; this figure is {describe(want.dims)}: "
                f"write it like {prompt.example or show(want)}.",
            )
            continue
        figure["yours"] = show(yours.with_hint(want.hint))
        if want.value == 0:
            ratio = 1.0 if yours.value == 0 else math.inf
        else:
            ratio = yours.value / want.value
        grade_, points = grade_ratio(ratio) if ratio > 0 and math.isfinite(ratio) else ("off", 0)
        if figure["yours"] == figure["shown"] or abs(ratio - 1) <= EXACT:
            grade_, points = "exact", 2
        figure.update(grade=grade_, points=points, message=_MESSAGES[grade_])
        if grade_ != "exact":
            figure["hints"] = _factor_hints(ratio, want.dims, chain)
            if ratio > 0 and math.isfinite(ratio) and not _near(ratio, 1, 0.25):
                read[prompt.name] = yours.value  # worth asking which assumption differs
    if read:
        implied = _implied(sheet, applied, read, depends)
        for figure in figures:
            found = implied.get(figure["name"], [])[:3]
            if found:
                figure["hints"].append(
                    "Each alone would give your figure: " + "; ".join(found) + "."
                )
    return {
        "assumptions": out_assumptions,
        "figures": figures,
        "points": sum(f["points"] for f in figures),
        "out_of": 2 * len(figures),
        "changed": applied is not text,
        "error": sheet.error or None,
    }


def respond_json(text: str, changed_json: str, answers_json: str) -> str:
    """:func:`grade` over JSON, for the browser worker; never raises."""
    try:
        changed, answers = json.loads(changed_json), json.loads(answers_json)
        if not isinstance(changed, dict) or not isinstance(answers, dict):
            raise ValueError("assumptions and answers must be objects")
        reply = grade(
            str(text),
            {str(k): str(v) for k, v in changed.items()},
            {str(k): str(v) for k, v in answers.items()},
        )
        return json.dumps(reply, ensure_ascii=False, allow_nan=False)
    except Exception as error:  # noqa: BLE001 - the page must always get a reply
        reason = " ".join(f"{type(error).__name__}: {error}".split())[:200]
        return json.dumps({"figures": [], "assumptions": [], "error": f"internal error ({reason})"})
