"""A sheet as JSON (base units, for machines) and as Markdown (for a design doc).

JSON values are in base units: per second for rates, bytes for sizes, bits per second for a
bandwidth, seconds for durations, a fraction for a percentage, dollars for money.
"""

from __future__ import annotations

from typing import Any

from ..tables.cost import CLOUD_PRICES
from .evaluator import Line, Sheet
from .quantity import DATA_RATE, base_unit

__all__ = ["to_json", "to_markdown", "page_row"]


def _base(line: Line, number: float | None) -> float | None:
    if number is None or line.value is None:
        return None
    return number * 8 if line.value.dims == DATA_RATE else number  # bytes/s → bit/s


def page_row(line: Line) -> dict[str, Any]:
    """What the page shows of a line (worksheet.js, macros/templates/worksheet.html): the
    worker's rows after an edit and :func:`to_json` give these fields the same way."""
    return {
        "line": line.number,
        "name": line.name or None,
        "shown": line.text,
        "error": line.error or None,
        "low_shown": line.low_text or None,
        "high_shown": line.high_text or None,
        "monotone": line.monotone,
        "decides": line.decides,
        "record": line.record or None,
    }


def to_json(sheet: Sheet) -> dict[str, Any]:
    """``{"lines": [...], "constants": [...], "error": ...}`` (see the module docstring)."""
    lines = []
    for line in sheet.lines:
        row = page_row(line)
        lines.append(
            {
                "line": row.pop("line"),
                "name": row.pop("name"),
                "text": line.expr,
                "value": _base(line, line.value.value if line.value else None),
                "unit": base_unit(line.value.dims) if line.value else None,
                "low": _base(line, line.low),
                "high": _base(line, line.high),
                "error": row.pop("error"),
                **row,
                "waits_for": line.waits_for,
                "note": line.note or None,
            }
        )
    constants = [
        {
            "name": c.name,
            "row": c.row,
            "table": c.table,
            "source": c.source.title if c.source else None,
            "url": c.source.url if c.source else None,
            "as_of": c.source.as_of if c.source else None,
        }
        for c in sheet.constants.values()
    ]
    return {"lines": lines, "constants": constants, "error": sheet.error or None}


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ") or " "


def to_markdown(sheet: Sheet, title: str = "Estimates") -> str:
    """A Markdown table of name, formula, value and range, with the sources of every constant
    used and the price table's date, ready to paste into a design doc."""
    if sheet.error:
        return f"**{title}:** {sheet.error}\n"
    out = [f"### {title}", "", "| Name | Formula | Value | Range |", "|---|---|---|---|"]
    for line in sheet.lines:
        if not line.expr:
            continue
        if line.error:
            value = f"error: {line.error}"
        elif line.record:
            value = f"{line.record}() results"
        else:
            value = line.text + (" (decides)" if line.decides else "")
        span = f"{line.low_text} .. {line.high_text}" if line.low_text else ""
        if span and not line.monotone:
            span += " (not monotone: may be wider)"
        out.append(
            f"| {_cell(line.name)} | `{_cell(line.expr)}` | {_cell(value)} | {_cell(span)} |"
        )
    used = list(sheet.constants.values())
    prices = any(c.table == CLOUD_PRICES.title for c in used) or any(
        line.record == "cost" for line in sheet.lines
    )
    if used or prices:
        out += ["", "Sources:", ""]
        for c in used:
            if c.source:
                out.append(
                    f"- `{c.name}`: {c.row} ({c.table}); [{c.source.title}]({c.source.url}), "
                    f"as of {c.source.as_of}"
                )
        if prices:
            years = sorted({r.source.as_of for r in CLOUD_PRICES.rows if r.source})
            out.append(
                f"- Prices: {CLOUD_PRICES.title}, list prices as of {', '.join(map(str, years))}"
            )
    ranged = any(line.low_text for line in sheet.lines)
    if ranged:
        out += [
            "",
            "Ranges are the smallest and largest value over every combination of the ranged "
            "inputs' ends (exact when a line is monotone in each input).",
        ]
    return "\n".join(out) + "\n"
