"""A calculator's inputs as a worksheet: what a calculator page's "Open in the worksheet"
link carries, so a reader can take one calculator's figures on into a whole design.

>>> print(calculator_sheet("transfer", {"size": 1e12, "bandwidth": 1e9, "efficiency": 1.0}))
# Transfer time, from the calculator's inputs
transfer_1 = transfer(size=1TB, bandwidth=1Gbps, efficiency=100%)
duration = transfer_1.duration
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..registry import get
from .evaluator import exact_text

__all__ = ["sheet_literal", "calculator_sheet"]


def sheet_literal(kind: str, value: float) -> str:
    """``value`` (base units of a calculator input of ``kind``) as a sheet reads it: the
    site's notation, except that a billion is ``bn`` (a sheet's ``B`` is a byte) and metres
    are written out (a sheet's ``m`` is ambiguous).

    >>> sheet_literal("count", 2e9), sheet_literal("rate", 5e9 / 86400)
    ('2bn', '5bn/day')
    >>> sheet_literal("distance", 500)
    '500 metres'
    """
    text = exact_text(kind, value)
    if kind == "count" and text.endswith("B"):
        return text[:-1] + "bn"
    if kind == "rate" and text.endswith("B/day"):
        return text[: -len("B/day")] + "bn/day"
    if kind == "distance" and text.endswith("m") and not text.endswith("km"):
        return text[:-1] + " metres"
    return text


def _quoted(text: str) -> str | None:
    return None if '"' in text or "\n" in text else f'"{text}"'


def calculator_sheet(calc_id: str, inputs: Mapping[str, Any]) -> str:
    """A sheet that calls calculator ``calc_id`` with ``inputs`` (as ``run()`` returns them,
    in base units) and names each of its results."""
    calc = get(calc_id)
    args = []
    for item in calc.inputs:
        value = inputs.get(item.name)
        if value is None:
            continue
        if isinstance(value, str):
            text = _quoted(value)
        elif isinstance(value, list | tuple):
            text = _quoted(", ".join(exact_text(item.kind, float(v)) for v in value))
        else:
            text = sheet_literal(item.kind, float(value))
        if text is not None:
            args.append(f"{item.name}={text}")
    name = f"{calc.id}_1"
    lines = [
        f"# {calc.title}, from the calculator's inputs",
        f"{name} = {calc.id}({', '.join(args)})",
        *(f"{out.name} = {name}.{out.name}" for out in calc.outputs),
    ]
    return "\n".join(lines)
