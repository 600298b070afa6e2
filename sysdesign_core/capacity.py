"""Back-of-the-envelope capacity: traffic, storage and bandwidth from daily active users.

>>> estimate = capacity_estimate(dau=500e6, writes_per_user=2, read_write_ratio=100,
...                              record_size=200, day_seconds=100_000)
>>> estimate.write_qps, estimate.storage_per_day
(10000.0, 200000000000.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from . import charts, units
from .inputs import DAU, REPLICAS
from .registry import Calculator, Input, Output, Values, register
from .units import DAY, YEAR

__all__ = ["CapacityEstimate", "capacity_estimate", "capacity_chart", "CAPACITY"]

MAX_BARS = 20
"""The storage chart draws at most this many yearly bars (spread evenly over a long retention)."""


@dataclass(frozen=True)
class CapacityEstimate:
    """Every figure of a capacity estimate, in base units (per second, bytes, bytes/s)."""

    write_qps: float
    read_qps: float
    peak_write_qps: float
    peak_read_qps: float
    storage_per_day: float
    storage_total: float
    ingress: float
    egress: float


def capacity_estimate(
    dau: float,
    writes_per_user: float,
    read_write_ratio: float,
    record_size: float,
    *,
    peak_factor: float = 3.0,
    request_size: float | None = None,
    response_size: float | None = None,
    retention_years: float = 5.0,
    replicas: float = 3.0,
    day_seconds: float = DAY,
) -> CapacityEstimate:
    """Estimate load and storage.

    Average QPS spreads the day's requests over ``day_seconds`` (86,400; interviews round to
    100,000). Storage counts the day's writes directly (``dau × writes × size``), so it does
    not change with that rounding. Retention uses 365.25-day years; ``replicas`` copies each
    byte. Request and response sizes default to the record size.
    """
    writes_per_day = dau * writes_per_user
    write_qps = writes_per_day / day_seconds
    read_qps = write_qps * read_write_ratio
    storage_per_day = writes_per_day * record_size
    request = record_size if request_size is None else request_size
    response = record_size if response_size is None else response_size
    return CapacityEstimate(
        write_qps=write_qps,
        read_qps=read_qps,
        peak_write_qps=write_qps * peak_factor,
        peak_read_qps=read_qps * peak_factor,
        storage_per_day=storage_per_day,
        storage_total=storage_per_day * (YEAR / DAY) * retention_years * replicas,
        ingress=write_qps * request,
        egress=read_qps * response,
    )


def _compute(values: Values) -> dict[str, float]:
    # vars(), not asdict(): the fields are floats, and asdict copies deeply (slower, for nothing)
    return dict(vars(capacity_estimate(**values)))


def capacity_chart(values: dict[str, Any]) -> str:
    """Stored bytes (with replicas) at the end of retention years (the last may be partial).

    One bar a year, at most :data:`MAX_BARS` of them: a longer retention is drawn at evenly
    spaced years, so the chart's size does not grow with it.
    """
    base = {key: val for key, val in values.items() if val is not None}
    retention = float(base.get("retention_years", 5.0))
    years = max(1, math.ceil(retention))
    step = max(1, math.ceil(years / MAX_BARS))
    marks = sorted({*range(step, years + 1, step), years})
    points = []
    for year in marks:
        kept = min(float(year), retention) if retention > 0 else float(year)
        estimate = capacity_estimate(**{**base, "retention_years": kept})
        points.append((float(year), estimate.storage_total))
    top = max(points[-1][1], 1.0) * 1.1
    plot = charts.Plot((0, years + step * 0.6), (0, top), left=80)  # room for the last bar
    x_ticks = [(t, units.format_count(t)) for t in charts.nice_ticks(0, years) if t <= years]
    body = plot.axes(
        x_ticks,
        [(y, units.format_bytes(y)) for y in charts.nice_ticks(0, top, 4)],
        "Years kept",
        "Storage",
    )
    width = (plot.right - plot.left) / (len(marks) + 1) * 0.6
    body += "".join(plot.bar(year, stored, width) for year, stored in points)
    rows = [(units.format_count(year), units.format_bytes(stored)) for year, stored in points]
    return charts.figure(
        "Storage growth over the retention years",
        f"Storage grows by the same amount each year, reaching "
        f"{units.format_bytes(points[-1][1])} after {units.format_number(retention)} years.",
        body,
        "Total storage with replicas at the end of each year kept.",
        ("Year", "Storage"),
        rows,
    )


def _chart(values: Values) -> str:
    return capacity_chart(values)


CAPACITY = register(
    Calculator(
        id="capacity",
        title="Capacity estimate",
        description="QPS, peak load, storage and bandwidth from daily active users.",
        page="calculators/capacity.md",
        inputs=(
            DAU,
            Input(
                "writes_per_user",
                "Writes per user per day",
                "number",
                "2",
                "Posts, uploads or other writes each user makes a day.",
                maximum=1e9,
            ),
            Input(
                "read_write_ratio",
                "Reads per write",
                "ratio",
                "100",
                "100 means 100 reads for each write (100:1).",
                maximum=1e9,
            ),
            Input(
                "peak_factor",
                "Peak ÷ average",
                "number",
                "3",
                "Peak rate over the average: 80% of the traffic in 20% of the day is "
                "0.8 ÷ 0.2 = 4×; the default 3 is a convention.",
                minimum=1,
                maximum=1000,
            ),
            Input("record_size", "Record size", "bytes", "200B", "Bytes stored per write."),
            Input(
                "request_size",
                "Request size",
                "bytes",
                "",
                "Bytes in per write; empty = record size.",
                optional=True,
            ),
            Input(
                "response_size",
                "Response size",
                "bytes",
                "",
                "Bytes out per read; empty = record size.",
                optional=True,
            ),
            Input(
                "retention_years",
                "Retention (years)",
                "number",
                "5",
                "How long data is kept; a year is 365.25 days.",
                maximum=1000,
            ),
            REPLICAS,
            Input(
                "day_seconds",
                "Seconds per day",
                "number",
                "86400",
                "86,400 exactly; 100,000 is the interview rounding.",
                minimum=1,
                maximum=1e7,
            ),
        ),
        outputs=(
            Output("write_qps", "Write QPS (average)", "rate"),
            Output("read_qps", "Read QPS (average)", "rate"),
            Output("peak_write_qps", "Peak write QPS", "rate"),
            Output("peak_read_qps", "Peak read QPS", "rate"),
            Output("storage_per_day", "Storage per day", "bytes"),
            Output("storage_total", "Storage over retention (with replicas)", "bytes"),
            Output("ingress", "Ingress bandwidth", "byte_rate"),
            Output("egress", "Egress bandwidth", "byte_rate"),
        ),
        compute=_compute,
        chart=_chart,
    )
)
