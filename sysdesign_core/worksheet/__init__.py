"""The worksheet: a unit-aware scratchpad where every estimate is a line, live and ranged.

One statement a line, evaluated top to bottom (no ``eval``: a small parser and a tree walk):

>>> sheet = evaluate('''
... dau = 500M
... writes = dau * 2 / day          # 11.6K/s
... record = 200 B
... storage = writes * record * 5 years * 3 in PB
... 1 PB / 10 Gbps in hours
... users = 300M (100M..1B)
... peak = users * 2 / day * 3
... 1 GB + 1 s
... ''')
>>> [line.text for line in sheet.lines[1:6]]
['500M', '11.6K/s', '200 B', '1.1 PB', '222 hours']
>>> line = sheet.line("peak"); line.text, line.low_text, line.high_text
('20.8K/s', '6.94K/s', '69.4K/s')
>>> sheet.lines[8].error
'cannot add a size and a duration; convert one side first (a rate times a duration is a count)'

- **Literals** in the site's notation: ``500M``, ``1.5KB``, ``200 ms``, ``99.99%``, ``3.5 nines``,
  ``10K/s``, ``5M/day``, ``$0.023/GB/month``. A unit written after a number belongs to it, so
  ``1 GB / 100 MB/s`` is 10 s. ``B`` is a byte (``1bn`` or ``1G`` is a billion), except in a
  range of counts (``100M..1B``). ``m`` alone is refused: ``min``, ``M`` or ``metres``.
- **Quantities** carry dimensions (data, time, money, length; counts and fractions are plain):
  adding a size to a duration is an error; ``in UNIT`` at the end of a line converts.
- **Operators** ``+ - * / ^`` (and ``×``, ``÷``), parentheses; **functions** ``ceil``,
  ``floor``, ``round``, ``abs``, ``min``, ``max``, ``log2``, ``log10``, ``sqrt``.
- **Calculators** are functions with named inputs, returning their outputs as fields:
  ``capacity(dau=dau).peak_read_qps``.
- **Constants** from the catalog (:data:`CONSTANTS`): latencies and list prices, with sources.
- **Ranges**: ``300M (100M..1B)`` (likely, then low..high) or ``100M..1B`` (likely = the
  geometric mean). A line that depends on ranges shows low and high: the extremes over every
  combination of its ranged inputs' ends, exact when the line is monotone in each; a line whose
  likely value falls outside them is marked not monotone.
- **Limits**: 500 lines, 20,000 characters, 10 ranged inputs, 2 seconds an evaluation.
"""

from __future__ import annotations

import json
from typing import Any

from .constants import CONSTANTS, Constant
from .evaluator import FUNCTIONS, MAX_CHARS, MAX_LINES, MAX_RANGES, Line, Sheet, evaluate
from .export import to_json, to_markdown
from .sensitivity import Swing, sensitivity, tornado

__all__ = [
    "evaluate",
    "Sheet",
    "Line",
    "Swing",
    "sensitivity",
    "tornado",
    "to_json",
    "to_markdown",
    "respond_json",
    "CONSTANTS",
    "Constant",
    "FUNCTIONS",
    "MAX_LINES",
    "MAX_CHARS",
    "MAX_RANGES",
]


def respond(text: Any, chart_line: Any = None) -> dict[str, Any]:
    """The worker's reply: the sheet as JSON, its Markdown and, for ``chart_line``, the
    tornado chart and its swings. Never raises: anything unexpected is the sheet's error."""
    try:
        source = text if isinstance(text, str) else ""
        sheet = evaluate(source)
        reply = to_json(sheet)
        reply["markdown"] = to_markdown(sheet)
        reply["chart"] = ""
        reply["swings"] = []
        if isinstance(chart_line, int) and not isinstance(chart_line, bool):
            swings = sensitivity(source, chart_line, sheet)
            reply["chart"] = tornado(source, chart_line, sheet, swings)
            reply["swings"] = [
                {"line": s.line, "name": s.name, "low": s.low_text, "high": s.high_text}
                for s in swings
            ]
        return reply
    except Exception as error:  # noqa: BLE001 - the page must always get a reply
        reason = " ".join(f"{type(error).__name__}: {error}".split())[:200]
        return {"lines": [], "constants": [], "error": f"internal error ({reason})"}


def respond_json(text: str, chart_line: int | None = None) -> str:
    """:func:`respond` as JSON text (never with NaN or Infinity)."""
    reply = respond(text, chart_line)
    try:
        return json.dumps(reply, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return json.dumps({"lines": [], "constants": [], "error": "a value was not finite"})
