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
import random
from typing import Any

from .constants import CONSTANTS, Constant
from .evaluator import FUNCTIONS, MAX_CHARS, MAX_LINES, MAX_RANGES, Line, Memo, Sheet, evaluate
from .export import page_row, to_json, to_markdown
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
    "respond_page_json",
    "respond_chart_json",
    "warm",
    "Memo",
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
    fallback = {"lines": [], "constants": [], "error": "a value was not finite"}
    return _strict(respond(text, chart_line), fallback)


class _Session:
    """What the worker keeps between the page's requests: the last evaluation's lines (so an
    edit evaluates only the lines it can change) and the last rows the page was sent (so a
    reply carries only the rows that changed)."""

    def __init__(self) -> None:
        self.memo = Memo()
        self.serial = 0
        self.rows: list[dict[str, Any]] = []
        self.token = ""  # drawn at the first reply: a worker restored from the snapshot
        # has its own, so a page never takes one worker's rows as another's

    def same(self, base: Any, token: Any) -> bool:
        """Whether the page's last reply (``base``, ``token``) is this session's last one."""
        return bool(self.token) and token == self.token and base == self.serial


_SESSION = _Session()


def respond_page(
    text: Any, base: Any = 0, token: Any = "", markdown: Any = False
) -> dict[str, Any]:
    """The reply for the worksheet page after an edit: the rows it shows, only those that
    changed since this session's reply ``base`` (``token`` names the session) when that was
    its last one, else all of them.

    ``{"serial": n, "token": t, "base": base or 0, "count": lines, "lines": [rows], "error":
    …}``, with ``"markdown"`` when asked. Rows are :func:`.export.page_row`; a reply with
    ``base`` 0 holds every row. Never raises: anything unexpected is the sheet's error.

    >>> first = respond_page("a = 2\\nb = a * 3")
    >>> [row["shown"] for row in first["lines"]], first["base"]
    (['2', '6'], 0)
    >>> then = respond_page("a = 2\\nb = a * 4", first["serial"], first["token"])
    >>> [(row["line"], row["shown"]) for row in then["lines"]], then["count"]
    ([(2, '8')], 2)
    """
    session = _SESSION
    sheet: Sheet | None = None
    try:
        sheet = evaluate(text if isinstance(text, str) else "", memo=session.memo)
        rows = [page_row(line) for line in sheet.lines]
        problem = sheet.error or None
    except Exception as error:  # noqa: BLE001 - the page must always get a reply
        reason = " ".join(f"{type(error).__name__}: {error}".split())[:200]
        sheet, rows, problem = None, [], f"internal error ({reason})"
    known = session.rows if session.same(base, token) else None
    session.token = session.token or f"{random.getrandbits(48):x}"
    session.serial += 1
    session.rows = rows
    reply: dict[str, Any] = {
        "serial": session.serial,
        "token": session.token,
        "base": base if known is not None else 0,
        "count": len(rows),
        "lines": [
            row
            for index, row in enumerate(rows)
            if known is None or index >= len(known) or known[index] != row
        ],
        "error": problem,
    }
    if markdown is True and sheet is not None:
        reply["markdown"] = to_markdown(sheet)
    return reply


def warm(text: Any) -> int:
    """Evaluate ``text`` afresh and make its rows, as an edit would, keeping nothing: the
    worker runs it while the reader reads, so that the first edits find the code compiled
    and optimised. The number of lines; never raises."""
    try:
        return len(
            [page_row(line) for line in evaluate(text if isinstance(text, str) else "").lines]
        )
    except Exception:  # noqa: BLE001 - a warm-up changes nothing
        return 0


def respond_chart(text: Any, chart_line: Any) -> dict[str, Any]:
    """The tornado chart of line ``chart_line`` (``""`` without ranged inputs); never raises."""
    try:
        source = text if isinstance(text, str) else ""
        if not isinstance(chart_line, int) or isinstance(chart_line, bool):
            return {"chart": ""}
        memo = _SESSION.memo
        sheet = evaluate(source, memo=memo)
        swings = sensitivity(source, chart_line, sheet, memo)
        return {"chart": tornado(source, chart_line, sheet, swings)}
    except Exception:  # noqa: BLE001 - no chart is better than no reply
        return {"chart": ""}


def _strict(reply: dict[str, Any], fallback: dict[str, Any]) -> str:
    """``reply`` as strict JSON (no NaN or Infinity), else ``fallback``."""
    try:
        return json.dumps(reply, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return json.dumps(fallback)


def respond_page_json(text: str, base: int = 0, token: str = "", markdown: bool = False) -> str:
    """:func:`respond_page` as JSON text (never with NaN or Infinity)."""
    reply = respond_page(text, base, token, markdown)
    fallback = {
        "serial": 0,
        "token": "",
        "base": 0,
        "count": 0,
        "lines": [],
        "error": "a value was not finite",
    }
    return _strict(reply, fallback)


def respond_chart_json(text: str, chart_line: int) -> str:
    """:func:`respond_chart` as JSON text."""
    return _strict(respond_chart(text, chart_line), {"chart": ""})
