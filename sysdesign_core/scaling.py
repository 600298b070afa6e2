"""The Universal Scalability Law (Gunther): speedup with contention σ and coherency κ.

``C(N) = N / (1 + σ(N − 1) + κN(N − 1))``; with κ > 0 it peaks at ``N* = √((1 − σ)/κ)``.

>>> round(usl_speedup(32, contention=0.05, coherency=0.0), 2)
12.55
>>> round(peak_nodes(contention=0.05, coherency=0.001), 1)
30.8
"""

from __future__ import annotations

import math

from . import charts, units
from .registry import Calculator, Input, Output, Values, register

__all__ = ["usl_speedup", "peak_nodes", "scaling_chart", "NO_PEAK", "SCALING"]

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


def scaling_chart(nodes: float, contention: float, coherency: float) -> str:
    """USL speedup against nodes, the chosen ``nodes`` and the peak (if any) marked."""
    peak = peak_nodes(contention, coherency)
    span = max(4.0, nodes * 2, peak * 2 if peak < NO_PEAK else 0.0)
    span = min(span, 1e6)
    xs = charts.sample(1, span, 80)

    def speed(n: float) -> float:
        return usl_speedup(n, contention, coherency)

    top = max(max(speed(x) for x in xs), 1.0) * 1.15
    plot = charts.Plot((1, span), (0, top))
    ticks = [x for x in charts.nice_ticks(0, span, 4) if x >= 1] or [1.0]
    y_ticks = [(y, units.format_number(y)) for y in charts.nice_ticks(0, top, 4)]
    body = plot.axes(
        [(x, units.format_count(x)) for x in ticks], y_ticks, "Nodes", "Speedup over one node"
    )
    body += plot.line([(x, speed(x)) for x in xs])
    if peak < NO_PEAK and peak <= span:
        body += plot.marker(peak, speed(peak), f"peak: {units.format_number(peak)} nodes")
    body += plot.marker(nodes, speed(nodes), f"N = {units.format_count(nodes)}", above=False)
    samples = sorted(
        {
            1.0,
            nodes,
            *(round(x) for x in charts.sample(1, span, 6)),
            *([round(peak)] if peak < NO_PEAK and peak <= span else []),
        }
    )
    rows = [
        (units.format_count(n), units.format_number(speed(n)), units.format_percent(speed(n) / n))
        for n in samples
        if n >= 1
    ]
    peak_text = (
        f"The speedup peaks at about {units.format_number(peak)} nodes and falls after."
        if peak < NO_PEAK
        else "With no coherency cost the curve never turns down."
    )
    return charts.figure(
        "Speedup against nodes (Universal Scalability Law)",
        f"Contention {units.format_percent(contention)}, coherency "
        f"{units.format_percent(coherency)}. {peak_text}",
        body,
        "USL speedup as nodes are added; the ring marks your node count.",
        ("Nodes", "Speedup", "Efficiency"),
        rows,
    )


def _chart(values: Values) -> str:
    return scaling_chart(values["nodes"], values["contention"], values["coherency"])


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
