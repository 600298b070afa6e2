"""Onward links: one calculator's result as the inputs of the next ones, exactly.

The capacity page links to the servers, cache, shards and cost calculators, prefilled from
its result. The build (macros), the live page (the widget's reply, ``result["onward"]``) and
these tests all take the inputs from :func:`onward_inputs`, written in the site's notation to
12 significant figures (``175.32TB``, never ``175320000000000B``), so a figure moves on exact.

>>> links = onward_inputs(run("capacity", {"dau": "20M"}))
>>> links["shards"], links["cost"]["egress"]
({'storage_total': '43.83TB', 'write_qps': '120M/day'}, '74.0740740741Mbps')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .errors import InputError
from .registry import run
from .worksheet.evaluator import exact_text

__all__ = ["onward_inputs", "ONWARD"]


def _capacity(result: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    out = {name: float(o["value"]) for name, o in result["outputs"].items()}
    peak = out["peak_read_qps"] + out["peak_write_qps"]
    links: dict[str, dict[str, str]] = {
        "servers": {"peak_qps": exact_text("rate", peak)},
        "shards": {
            "storage_total": exact_text("bytes", out["storage_total"]),
            "write_qps": exact_text("rate", out["peak_write_qps"]),
        },
    }
    cost = {
        "dau": exact_text("count", float(result["inputs"]["dau"])),
        "peak_qps": exact_text("rate", peak),
        "storage": exact_text("bytes", out["storage_total"]),
        "egress": exact_text("bandwidth", out["egress"] * 8),
        "inter_zone": exact_text("bandwidth", out["ingress"] * 2 * 8),  # to two other zones
    }
    if out["read_qps"] > 0 and out["egress"] > 0:
        # egress ÷ reads is the response size (it defaults to the record size)
        cache = {
            "read_qps": exact_text("rate", out["read_qps"]),
            "object_size": exact_text("bytes", out["egress"] / out["read_qps"]),
        }
        links["cache"] = cache
        try:  # the cost of caching the hot reads: the cache calculator's size, exact
            size = float(run("cache", cache)["outputs"]["cache_size"]["value"])
            cost["cache_memory"] = exact_text("bytes", size)
        except InputError:
            pass
    links["cost"] = cost
    return links


ONWARD: dict[str, Callable[[Mapping[str, Any]], dict[str, dict[str, str]]]] = {
    "capacity": _capacity,
}
"""Calculator id → the onward inputs of its result, by target calculator."""


def onward_inputs(result: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The onward calculators' inputs from ``result`` (a ``run()`` result); ``{}`` for a
    calculator with no onward links."""
    build = ONWARD.get(str(result.get("calculator", "")))
    return build(result) if build else {}
