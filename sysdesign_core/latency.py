"""Latency arithmetic: the tail-at-scale effect of fan-out, and servers from Little's law.

>>> round(slow_fraction(100, 0.01), 3)
0.634
>>> servers_needed(peak_qps=10_000, latency=0.1, concurrency_per_server=100,
...                target_utilization=0.7)
(1000.0, 700.0, 15)
"""

from __future__ import annotations

import math

from . import charts, units
from .inputs import PEAK_QPS
from .registry import Calculator, Input, Output, Values, register

__all__ = ["slow_fraction", "servers_needed", "tail_latency_chart", "TAIL_LATENCY", "SERVERS"]


def slow_fraction(fanout: int, slow_probability: float) -> float:
    """Share of requests that wait on at least one slow reply when each fans out to ``fanout``.

    One minus the chance that every backend is fast: ``1 − (1 − p)^fanout``, backends
    independent (Dean & Barroso, "The Tail at Scale", CACM 2013).
    """
    # expm1/log1p keep precision for tiny p, where 1 − (1 − p)^n would cancel to zero.
    if slow_probability >= 1:
        return 1.0 if fanout > 0 else 0.0
    return -math.expm1(fanout * math.log1p(-slow_probability))


def servers_needed(
    peak_qps: float, latency: float, concurrency_per_server: float, target_utilization: float
) -> tuple[float, float, int]:
    """``(in_flight, per_server_qps, servers)`` for a load, by Little's law (L = λW).

    ``in_flight`` requests are being served at any moment at peak; one server completes
    ``concurrency / latency`` requests a second when full, and is planned to run at
    ``target_utilization`` of that to leave headroom for spikes and a failed peer.
    """
    in_flight = peak_qps * latency
    per_server_qps = concurrency_per_server / latency * target_utilization
    return in_flight, per_server_qps, max(1, math.ceil(peak_qps / per_server_qps - 1e-9))


def _tail(values: Values) -> dict[str, float]:
    fanout, p = int(values["fanout"]), values["slow_probability"]
    slow = slow_fraction(fanout, p)
    return {"slow_fraction": slow, "fast_fraction": 1 - slow}


def tail_latency_chart(fanout: int, slow_probability: float) -> str:
    """Share of slowed requests against fan-out (log x), the current fan-out marked."""
    span = max(1000.0, fanout * 1.0)
    plot = charts.Plot((1, span), (0, 1), log_x=True)
    xs = charts.sample(1, span, 60, log=True)
    decades = int(math.log10(span))
    every = max(1, math.ceil((decades + 1) / 5))  # at most about five labelled decades
    body = plot.axes(
        [(10.0**k, units.format_count(10.0**k)) for k in range(0, decades + 1, every)],
        [(y / 4, units.format_percent(y / 4)) for y in range(5)],
        "Fan-out (log scale)",
        "Requests slowed",
    )
    body += plot.line([(x, slow_fraction(round(x), slow_probability)) for x in xs])
    here = slow_fraction(fanout, slow_probability)
    body += plot.marker(
        fanout,
        here,
        f"{units.format_count(fanout)}: {units.format_percent(here)}",
        above=here < 0.8,
    )
    counts = sorted({1, 10, 100, 1000, fanout})
    rows = [
        (units.format_count(n), units.format_percent(slow_fraction(n, slow_probability)))
        for n in counts
    ]
    return charts.figure(
        "Share of requests slowed against fan-out",
        f"With each backend slow {units.format_percent(slow_probability)} of the time, the "
        f"share of requests that wait on a slow reply rises with fan-out: "
        f"{units.format_percent(here)} at {units.format_count(fanout)}.",
        body,
        "1 − (1 − p)^fan-out: the chance at least one backend replies slowly.",
        ("Fan-out", "Requests slowed"),
        rows,
    )


def _tail_chart(values: Values) -> str:
    return tail_latency_chart(int(values["fanout"]), values["slow_probability"])


TAIL_LATENCY = register(
    Calculator(
        id="tail_latency",
        title="Tail latency at fan-out",
        description="Share of requests slowed by at least one slow backend when fanning out.",
        page="calculators/tail_latency.md",
        inputs=(
            Input(
                "fanout",
                "Fan-out (backends per request)",
                "count",
                "100",
                "How many backends one request waits on.",
                minimum=1,
                maximum=1e6,
                integer=True,
            ),
            Input(
                "slow_probability",
                "One backend's chance of a slow reply",
                "fraction",
                "1%",
                "1% means each backend is slow at its p99.",
            ),
        ),
        outputs=(
            Output("slow_fraction", "Requests that wait on a slow reply", "fraction"),
            Output("fast_fraction", "Requests with every reply fast", "fraction"),
        ),
        compute=_tail,
        chart=_tail_chart,
    )
)


def _servers(values: Values) -> dict[str, float]:
    in_flight, per_server, count = servers_needed(
        values["peak_qps"],
        values["latency"],
        values["concurrency_per_server"],
        values["target_utilization"],
    )
    return {"in_flight": in_flight, "per_server_qps": per_server, "servers": float(count)}


SERVERS = register(
    Calculator(
        id="servers",
        title="Servers for a load",
        description="Requests in flight (Little's law) and servers needed at a target utilization.",
        page="calculators/servers.md",
        inputs=(
            PEAK_QPS,
            Input(
                "latency",
                "Time per request",
                "duration",
                "100ms",
                "How long one request holds a worker: 100ms, 2s.",
                minimum=0,
                exclusive_minimum=True,
            ),
            Input(
                "concurrency_per_server",
                "Concurrent requests per server",
                "count",
                "100",
                "Worker threads, connections or event-loop slots one server runs.",
                minimum=0,
                exclusive_minimum=True,
            ),
            Input(
                "target_utilization",
                "Target utilization",
                "fraction",
                "70%",
                "Plan to run this busy, leaving headroom for spikes and failures.",
                minimum=0,
                exclusive_minimum=True,
            ),
        ),
        outputs=(
            Output("in_flight", "Requests in flight at peak", "count"),
            Output("per_server_qps", "Requests per second per server (planned)", "rate"),
            Output("servers", "Servers", "count"),
        ),
        compute=_servers,
    )
)
