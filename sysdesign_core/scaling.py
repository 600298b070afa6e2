"""The Universal Scalability Law (Gunther): speedup with contention σ and coherency κ.

``C(N) = N / (1 + σ(N − 1) + κN(N − 1))``; with κ > 0 it peaks at ``N* = √((1 − σ)/κ)``.

>>> round(usl_speedup(32, contention=0.05, coherency=0.0), 2)
12.55
>>> round(peak_nodes(contention=0.05, coherency=0.001), 1)
30.8
"""

from __future__ import annotations

import math

from .registry import Calculator, Input, Output, Values, register

__all__ = ["usl_speedup", "peak_nodes", "NO_PEAK", "SCALING"]

NO_PEAK = 1e12
"""``peak_nodes`` when κ = 0: the curve never turns down, and JSON has no infinity."""


def usl_speedup(nodes: float, contention: float, coherency: float) -> float:
    """Throughput of ``nodes`` relative to one node under the USL."""
    return nodes / (1 + contention * (nodes - 1) + coherency * nodes * (nodes - 1))


def peak_nodes(contention: float, coherency: float) -> float:
    """Nodes at which the USL speedup is highest: ``√((1 − σ)/κ)``, at least 1.

    With κ = 0 there is no peak (speedup rises towards ``1/σ``): :data:`NO_PEAK` is
    returned, capped so that the value stays a finite number.
    """
    if coherency <= 0:
        return NO_PEAK
    return min(NO_PEAK, max(1.0, math.sqrt((1 - contention) / coherency)))


def _scaling(values: Values) -> dict[str, float]:
    nodes, sigma, kappa = values["nodes"], values["contention"], values["coherency"]
    speedup = usl_speedup(nodes, sigma, kappa)
    peak = peak_nodes(sigma, kappa)
    best = max(1.0, round(peak)) if peak < NO_PEAK else peak
    return {
        "speedup": speedup,
        "efficiency": speedup / nodes,
        "peak_nodes": peak,
        "peak_speedup": usl_speedup(best, sigma, kappa)
        if peak < NO_PEAK
        else (1 / sigma if sigma > 0 else NO_PEAK),
    }


def _chart(values: Values) -> str:
    from . import charts

    return charts.scaling_chart(values["nodes"], values["contention"], values["coherency"])


SCALING = register(
    Calculator(
        id="scaling",
        title="Universal Scalability Law",
        description="Speedup and efficiency of N nodes with contention and coherency costs.",
        page="calculators/scaling.md",
        inputs=(
            Input(
                "nodes",
                "Nodes (N)",
                "count",
                "32",
                "Servers, cores or workers.",
                minimum=1,
                maximum=1e9,
            ),
            Input(
                "contention",
                "Contention (σ)",
                "fraction",
                "5%",
                "Share of the work that is serialized (queues, locks).",
            ),
            Input(
                "coherency",
                "Coherency (κ)",
                "fraction",
                "0.1%",
                "Cost of keeping nodes in agreement, per pair of nodes.",
            ),
        ),
        outputs=(
            Output("speedup", "Speedup over one node", "number"),
            Output("efficiency", "Efficiency (speedup ÷ nodes)", "fraction"),
            Output("peak_nodes", "Nodes at peak throughput", "count"),
            Output("peak_speedup", "Speedup at the peak", "number"),
        ),
        compute=_scaling,
        chart=_chart,
    )
)
