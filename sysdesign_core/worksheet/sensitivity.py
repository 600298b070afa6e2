"""Which ranged input moves a line most: each swung alone from low to high, the others at
their likely values; listed and drawn as a tornado chart (widest bar on top).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import charts
from .evaluator import Memo, Sheet, evaluate
from .quantity import Quantity, show

__all__ = ["Swing", "sensitivity", "tornado"]


@dataclass(frozen=True)
class Swing:
    """One ranged input (named by its line) and the line's value at its low and high end."""

    line: int
    name: str
    low: float
    high: float
    low_text: str
    high_text: str

    @property
    def width(self) -> float:
        return abs(self.high - self.low)


def _value_at(text: str, number: int, rid: int, end: str, memo: Memo | None) -> Quantity | None:
    sheet = evaluate(text, swing=(rid, end), memo=memo)
    line = sheet.lines[number - 1] if 0 < number <= len(sheet.lines) else None
    return line.value if line is not None and not line.error else None


def sensitivity(
    text: str, number: int, sheet: Sheet | None = None, memo: Memo | None = None
) -> list[Swing]:
    """The swings of line ``number`` of ``text``, widest first; ``[]`` when the line has no
    ranged input (or an error). ``memo``: as for :func:`~.evaluate` (each swing re-evaluates
    the sheet, and keeps its lines there for the next time)."""
    sheet = sheet or evaluate(text)
    if not 0 < number <= len(sheet.lines):
        return []
    line = sheet.lines[number - 1]
    if line.error or line.value is None or not line.ranges:
        return []
    swings: list[Swing] = []
    for rid, where in sheet.ranges.items():
        if where not in line.ranges:
            continue
        low = _value_at(text, number, rid, "low", memo)
        high = _value_at(text, number, rid, "high", memo)
        if low is None or high is None:
            continue
        owner = sheet.lines[where - 1]
        name = owner.name or f"line {where}"
        hint = line.value.hint
        swings.append(
            Swing(
                where,
                name,
                low.value,
                high.value,
                show(Quantity(low.value, low.dims, hint)),
                show(Quantity(high.value, high.dims, hint)),
            )
        )
    # a range used twice on one line counts once per range: keep each input's own swing
    return sorted(swings, key=lambda s: -s.width)


def tornado(
    text: str, number: int, sheet: Sheet | None = None, swings: list[Swing] | None = None
) -> str:
    """The tornado chart of line ``number`` (inline SVG and its table), "" without ranges.
    ``swings``: :func:`sensitivity` already computed for that line (it re-evaluates the sheet
    twice per ranged input, so a caller that lists them too passes them here)."""
    sheet = sheet or evaluate(text)
    swings = sensitivity(text, number, sheet) if swings is None else swings
    if not swings:
        return ""
    line = sheet.lines[number - 1]
    assert line.value is not None
    likely = line.value.value
    lo = min(min(s.low, s.high) for s in swings + [Swing(0, "", likely, likely, "", "")])
    hi = max(max(s.low, s.high) for s in swings + [Swing(0, "", likely, likely, "", "")])
    if hi == lo:
        hi = lo + 1
    label_width = min(150.0, max(charts.text_width(s.name) for s in swings) + 8)
    left, right, row = label_width, charts.WIDTH - 12, 28
    height = 24 + row * len(swings) + 20

    def px(value: float) -> float:
        return left + (right - left) * (value - lo) / (hi - lo)

    body = ""
    for index, swing in enumerate(swings):
        y = 16 + index * row
        a, b = sorted((px(swing.low), px(swing.high)))
        body += charts.text(left - 6, y + 15, swing.name[:18], anchor="end")
        body += (
            f'<rect x="{charts.num(a)}" y="{charts.num(y + 2)}" '
            f'width="{charts.num(max(b - a, 1.5))}" height="{row - 8}" fill="currentColor" '
            f'fill-opacity="0.35" stroke="currentColor"/>'
        )
    mid = px(likely)
    body += (
        f'<line x1="{charts.num(mid)}" y1="8" x2="{charts.num(mid)}" '
        f'y2="{charts.num(height - 22)}" stroke="currentColor" stroke-dasharray="4 3"/>'
    )
    body += charts.text(mid, height - 4, f"likely {line.text}", anchor="middle", size=14)
    title = f"What moves {line.name or 'line ' + str(number)} most"
    rows = [(s.name, s.low_text, s.high_text, _shown_width(s, line.value)) for s in swings]
    return charts.figure(
        title,
        "Each ranged input swung from its low to its high end, the others at their likely "
        "values; the widest bar moves the line most.",
        body,
        f"{title}: each bar is the line's value as one input goes from low to high.",
        ("Input", "At its low end", "At its high end", "Swing"),
        rows,
        height=height,
    )


def _shown_width(swing: Swing, like: Quantity) -> str:
    return show(Quantity(swing.width, like.dims, like.hint))
