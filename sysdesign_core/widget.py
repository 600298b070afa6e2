"""The browser widget's entry point: ``run()`` with errors turned into per-field messages.

The worker calls :func:`respond_json` with the calculator id and the form's raw strings;
nothing else runs in the browser, so the page shows exactly what the CLI prints.

>>> import json
>>> json.loads(respond_json("availability", '{"availability": "150%"}'))["errors"]
{'availability': "'150%' is above 100%; enter an availability such as 99.95%, 0.9995 or 3.5 nines"}
"""

from __future__ import annotations

import json
from typing import Any

from .errors import InputError
from .registry import get, parse_inputs, run

__all__ = ["respond", "respond_json", "chart", "chart_json"]


def respond(calc_id: str, raw_inputs: dict[str, str], with_chart: bool = True) -> dict[str, Any]:
    """``{"ok": True, "result": run(...), "chart": svg}`` or ``{"ok": False, "errors": {…}}``.

    ``chart`` is the calculator's inline SVG for these inputs ("" if it draws none); it is
    drawn by the same function the build uses, so the live picture matches the static one.
    The worker asks without it (``with_chart=False``) and draws it once typing pauses, so a
    chart never delays the numbers.
    """
    try:
        result = run(calc_id, raw_inputs)
        svg = chart(calc_id, raw_inputs) if with_chart else ""
        return {"ok": True, "result": result, "chart": svg}
    except InputError as error:
        return {"ok": False, "errors": {bad.name: bad.message for bad in error.errors}}


def chart(calc_id: str, raw_inputs: dict[str, str]) -> str:
    """The calculator's chart (inline SVG) for ``raw_inputs``, or "" if it has none."""
    calculator = get(calc_id)
    if calculator.chart is None:
        return ""
    return calculator.chart(parse_inputs(calculator, raw_inputs))


def respond_json(calc_id: str, raw_json: str, with_chart: bool = True) -> str:
    """:func:`respond` over JSON strings (cheap to pass between Pyodide and JavaScript)."""
    return json.dumps(respond(calc_id, json.loads(raw_json), with_chart), ensure_ascii=False)


def chart_json(calc_id: str, raw_json: str) -> str:
    """:func:`chart` for the worker: the SVG for the form's raw strings ("" if none)."""
    return chart(calc_id, json.loads(raw_json))
