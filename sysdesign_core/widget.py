"""The browser widget's entry point: ``run()`` with every failure turned into a reply.

The worker calls :func:`respond_json` with the calculator id and the form's raw strings;
nothing else runs in the browser, so the page shows exactly what the CLI prints.

The reply (a dict; :func:`respond_json` gives it as JSON, never with NaN or Infinity) is one of:

- ``{"ok": True, "result": run(...), "chart": svg, "readings": {...}}``; the result also
  holds ``"sheet"``, the inputs as a worksheet (:func:`.worksheet.calls.calculator_sheet`),
  and ``"onward"``, the next calculators' inputs (:func:`.onward.onward_inputs`), unless
  asked without them: the worker gets those, with the chart, from :func:`extras_json` once
  typing pauses
- ``{"ok": False, "errors": {input_name: message}, "readings": {...}}`` for bad inputs
  (every bad input has its one-line message);
- ``{"ok": False, "errors": {"": reason}, "readings": {...}}`` for anything else (an unknown
  calculator, JSON that does not parse, a failure in the core): ``""`` names no input, and
  ``reason`` is one line.

``readings`` maps every input that parsed to how it was read (``"= 1.5%"``, ``""`` for a
choice or an empty optional input), in error replies too. :func:`respond` never raises.

>>> import json
>>> reply = json.loads(respond_json("availability", '{"availability": "150%"}'))
>>> reply["errors"]
{'availability': "'150%' is above 100%; enter an availability such as 99.95%, 0.9995 or 3.5 nines"}
>>> reply["readings"]
{'year': ''}
>>> json.loads(respond_json("availability", '{"availability": "0.999"}'))["readings"]
{'availability': '= 99.9%', 'year': ''}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .errors import InputError
from .onward import onward_inputs
from .registry import get, parse
from .worksheet.calls import calculator_sheet

__all__ = ["respond", "respond_json", "extras", "extras_json", "chart", "chart_json"]


def _reason(error: BaseException) -> str:
    """One line saying what went wrong, for an error that no input explains."""
    if isinstance(error, RecursionError):  # Python's own wording names its internals
        return "the inputs are nested too deeply: send an object of strings"
    if isinstance(error, KeyError) and error.args:
        text = str(error.args[0])
    else:
        text = f"{type(error).__name__}: {error}"
    line = " ".join(text.split())
    return line[:200] + ("…" if len(line) > 200 else "")


def _strings(raw_inputs: Any) -> dict[str, str]:
    """The form's values as ``{name: text}``; anything else is a TypeError."""
    if not isinstance(raw_inputs, Mapping):
        raise TypeError(f"inputs must be an object of strings, not {type(raw_inputs).__name__}")
    return {str(name): "" if value is None else str(value) for name, value in raw_inputs.items()}


def respond(
    calc_id: str,
    raw_inputs: Mapping[str, str],
    with_chart: bool = True,
    with_links: bool = True,
) -> dict[str, Any]:
    """The reply for the form's raw strings (see the module docstring); never raises.

    ``chart`` is the calculator's inline SVG for these inputs ("" if it draws none); it is
    drawn by the same function the build uses, so the live picture matches the static one.
    The worker asks without it (``with_chart=False``) and without the links
    (``with_links=False``: no ``sheet`` and ``onward`` in the result), and gets both from
    :func:`extras_json` once typing pauses, so neither delays the numbers (the onward inputs
    were most of the capacity calculator's reply). Every input is parsed once, for the
    readings, the numbers and the chart alike.
    """
    shown: dict[str, str] = {}
    try:
        parsed = parse(get(calc_id), _strings(raw_inputs))
        shown = parsed.readings()
        result = parsed.result()
        if with_links:
            result.update(_links(calc_id, result))
        svg = parsed.chart() if with_chart else ""
        return {"ok": True, "result": result, "chart": svg, "readings": shown}
    except InputError as error:
        errors = {bad.name: bad.message for bad in error.errors}
        return {"ok": False, "errors": errors, "readings": shown}
    except Exception as error:  # noqa: BLE001 - the form must always get a reply
        return {"ok": False, "errors": {"": _reason(error)}, "readings": shown}


def _links(calc_id: str, result: Mapping[str, Any]) -> dict[str, Any]:
    """What the page links to from a result: ``sheet``, the inputs as a worksheet ("Open in
    the worksheet"), and ``onward``, the next calculators' inputs, exact."""
    return {"sheet": calculator_sheet(calc_id, result["inputs"]), "onward": onward_inputs(result)}


def extras(calc_id: str, raw_inputs: Mapping[str, str], with_chart: bool = True) -> dict[str, Any]:
    """What the page shows once typing pauses, for the inputs of a reply that was ok: the
    chart (``svg``, "" if none or if ``with_chart`` is false) and the links (``sheet``,
    ``onward``; both absent if the inputs give no result). Never raises.

    >>> sorted(extras("capacity", {"dau": "20M"}, with_chart=False))
    ['onward', 'sheet', 'svg']
    """
    found: dict[str, Any] = {"svg": ""}
    try:
        parsed = parse(get(calc_id), _strings(raw_inputs))
        found.update(_links(calc_id, parsed.result()))
        found["svg"] = parsed.chart() if with_chart else ""
    except Exception:  # noqa: BLE001 - nothing more is better than a dead worker
        pass
    return found


def chart(calc_id: str, raw_inputs: Mapping[str, str]) -> str:
    """The calculator's chart (inline SVG) for ``raw_inputs``, or "" if it has none."""
    return parse(get(calc_id), raw_inputs).chart()


def _dumps(reply: dict[str, Any]) -> str:
    return json.dumps(reply, ensure_ascii=False, allow_nan=False)


def respond_json(
    calc_id: str, raw_json: str, with_chart: bool = True, with_links: bool = True
) -> str:
    """:func:`respond` over JSON strings (cheap to pass between Pyodide and JavaScript).

    Always valid JSON (``allow_nan=False``), whatever ``raw_json`` holds: JSON nested
    deeper than the interpreter's recursion limit (``"[" * 100000``) makes the decoder raise
    ``RecursionError``, which is not a ``ValueError``, so it is caught by name.
    """
    try:
        raw = json.loads(raw_json)
    except (TypeError, ValueError, RecursionError) as error:
        return _dumps({"ok": False, "errors": {"": _reason(error)}, "readings": {}})
    reply = respond(calc_id, raw, with_chart, with_links)
    try:
        return _dumps(reply)
    except ValueError as error:  # a NaN slipped through: say so rather than write bad JSON
        return _dumps({"ok": False, "errors": {"": _reason(error)}, "readings": {}})


def extras_json(calc_id: str, raw_json: str, with_chart: bool = True) -> str:
    """:func:`extras` over JSON strings, for the worker: ``{"svg", "sheet"?, "onward"?}``."""
    try:
        raw = _strings(json.loads(raw_json))
    except Exception:  # noqa: BLE001 - bad JSON has no extras
        return _dumps({"svg": ""})
    try:
        return _dumps(extras(calc_id, raw, with_chart))
    except ValueError:  # not finite: no extras rather than bad JSON
        return _dumps({"svg": ""})


def chart_json(calc_id: str, raw_json: str) -> str:
    """:func:`chart` for the worker: the SVG for the form's raw strings.

    "" if the calculator draws none, or if the inputs do not give a chart (a bad input: the
    numbers' reply already says why); never raises.
    """
    try:
        return chart(calc_id, _strings(json.loads(raw_json)))
    except Exception:  # noqa: BLE001 - no chart is better than a dead worker
        return ""
