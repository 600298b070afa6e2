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
from .registry import run

__all__ = ["respond", "respond_json"]


def respond(calc_id: str, raw_inputs: dict[str, str]) -> dict[str, Any]:
    """``{"ok": True, "result": run(...)}`` or ``{"ok": False, "errors": {name: message}}``."""
    try:
        return {"ok": True, "result": run(calc_id, raw_inputs)}
    except InputError as error:
        return {"ok": False, "errors": {bad.name: bad.message for bad in error.errors}}


def respond_json(calc_id: str, raw_json: str) -> str:
    """:func:`respond` over JSON strings (cheap to pass between Pyodide and JavaScript)."""
    return json.dumps(respond(calc_id, json.loads(raw_json)), ensure_ascii=False)
