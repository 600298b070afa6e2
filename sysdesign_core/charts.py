"""Inline SVG charts drawn from a calculator's parsed inputs (pure Python, no dependencies).

The build and the browser worker call the same functions, so the static and the live
picture agree. Every chart is ``role="img"`` with a ``<title>`` and ``<desc>``, and is followed
by a ``<figcaption>`` holding a caption and the plotted numbers as a table (the text
alternative). Colours come from ``currentColor``, so the theme's text colour (light or dark)
gives the contrast; series differ by dash pattern and marker too, never by colour alone.

>>> svg = tail_latency_chart(100, 0.01)
>>> svg.startswith('<svg') and 'role="img"' in svg and '<table' in svg
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from . import units
from .availability import downtime
from .capacity import capacity_estimate
from .latency import slow_fraction
from .scaling import NO_PEAK, peak_nodes, usl_speedup
from .units import YEAR

__all__ = [
    "Plot",
    "figure",
    "availability_chart",
    "scaling_chart",
    "tail_latency_chart",
    "capacity_chart",
    "rate_limit_chart",
]

WIDTH, HEIGHT = 560, 260
LEFT, RIGHT, TOP, BOTTOM = 70, 16, 14, 40
_FONT = 'font-family="inherit" font-size="13" fill="currentColor"'


def _fmt(value: float) -> str:
    return f"{value:.1f}"


class Plot:
    """A plotting area with linear or log axes; methods return SVG fragments."""

    def __init__(
        self,
        x: tuple[float, float],
        y: tuple[float, float],
        *,
        log_x: bool = False,
        log_y: bool = False,
    ) -> None:
        self.x0, self.x1 = x
        self.y0, self.y1 = y
        self.log_x, self.log_y = log_x, log_y

    def _unit(self, value: float, low: float, high: float, log: bool) -> float:
        if log:
            value, low, high = (math.log10(max(v, 1e-300)) for v in (value, low, high))
        return 0.5 if high == low else (value - low) / (high - low)

    def px(self, x: float) -> float:
        """Pixel column of ``x``."""
        return LEFT + self._unit(x, self.x0, self.x1, self.log_x) * (WIDTH - LEFT - RIGHT)

    def py(self, y: float) -> float:
        """Pixel row of ``y``."""
        return (
            HEIGHT - BOTTOM - self._unit(y, self.y0, self.y1, self.log_y) * (HEIGHT - TOP - BOTTOM)
        )

    def axes(
        self,
        x_ticks: Sequence[tuple[float, str]],
        y_ticks: Sequence[tuple[float, str]],
        x_label: str,
        y_label: str,
    ) -> str:
        """Axis lines, light grid lines, tick labels and axis titles."""
        parts = [
            f'<g stroke="currentColor" stroke-width="1">'
            f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
            f'y2="{HEIGHT - BOTTOM}"/><line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" '
            f'y2="{HEIGHT - BOTTOM}"/></g>'
        ]
        for value, label in x_ticks:
            x = _fmt(self.px(value))
            parts.append(
                f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{HEIGHT - BOTTOM}" '
                f'stroke="currentColor" stroke-opacity="0.15"/>'
                f'<text x="{x}" y="{HEIGHT - BOTTOM + 14}" text-anchor="middle" '
                f"{_FONT}>{escape(label)}</text>"
            )
        for value, label in y_ticks:
            y = _fmt(self.py(value))
            parts.append(
                f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" '
                f'stroke="currentColor" stroke-opacity="0.15"/>'
                f'<text x="{LEFT - 6}" y="{y}" dy="0.35em" text-anchor="end" '
                f"{_FONT}>{escape(label)}</text>"
            )
        parts.append(
            f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 6}" '
            f'text-anchor="middle" {_FONT}>{escape(x_label)}</text>'
        )
        parts.append(
            f'<text transform="translate(12 {(TOP + HEIGHT - BOTTOM) / 2}) rotate(-90)" '
            f'text-anchor="middle" {_FONT}>{escape(y_label)}</text>'
        )
        return "".join(parts)

    def line(self, points: Sequence[tuple[float, float]], dash: str = "") -> str:
        """A polyline through ``points`` (data units)."""
        coords = " ".join(f"{_fmt(self.px(x))},{_fmt(self.py(y))}" for x, y in points)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<polyline points="{coords}" fill="none" stroke="currentColor" '
            f'stroke-width="2"{dashed}/>'
        )

    def marker(self, x: float, y: float, label: str, *, above: bool = True) -> str:
        """A ringed point with a text label."""
        px, py = self.px(x), self.py(y)
        anchor = "end" if px > WIDTH * 0.7 else "start"
        shift = -8 if anchor == "end" else 8
        dy = -8 if above else 16
        return (
            f'<circle cx="{_fmt(px)}" cy="{_fmt(py)}" r="5" fill="none" '
            f'stroke="currentColor" stroke-width="2"/><circle cx="{_fmt(px)}" '
            f'cy="{_fmt(py)}" r="2" fill="currentColor"/><text x="{_fmt(px + shift)}" '
            f'y="{_fmt(py + dy)}" text-anchor="{anchor}" {_FONT} font-weight="700">'
            f"{escape(label)}</text>"
        )


def figure(
    title: str,
    desc: str,
    body: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    height: int = HEIGHT,
) -> str:
    """The SVG (``role="img"``, ``<title>``, ``<desc>``) plus a caption and a data table.

    Returned as one line of HTML: the page inserts it into ``<figure class="sd-calc__chart">``.
    """
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body_rows = "".join(
        "<tr>"
        + "".join(
            (f'<th scope="row">{escape(c)}</th>' if i == 0 else f"<td>{escape(c)}</td>")
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" style="max-width:{WIDTH}px;height:auto;color:inherit">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{body}</svg>"
        f"<figcaption>{escape(caption)}<details><summary>The numbers</summary>"
        f'<table class="sd-chart__data"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body_rows}</tbody></table></details></figcaption>"
    )


def _sample(low: float, high: float, count: int, log: bool) -> list[float]:
    if log:
        a, b = math.log10(low), math.log10(high)
        return [10 ** (a + (b - a) * i / (count - 1)) for i in range(count)]
    return [low + (high - low) * i / (count - 1) for i in range(count)]


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten apart) from ``low`` to ``high``."""
    raw = (high - low) / max(1, count - 1)
    if raw <= 0:
        return [low]
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _duration_short(seconds: float) -> str:
    return units.format_duration(seconds, parts=1)


def availability_chart(availability: float) -> str:
    """Downtime per year (log scale) against nines, 1 to 6, with ``availability`` marked."""
    plot = Plot((1, 6), (10, 1e7), log_y=True)
    curve = [(n, downtime(1 - 10**-n, YEAR)) for n in _sample(1, 6, 26, False)]
    nines = min(6.0, max(1.0, -math.log10(max(1 - availability, 1e-300))))
    mark = downtime(availability, YEAR)
    y_ticks = [(10.0, "10s"), (60.0, "1m"), (3600.0, "1h"), (86400.0, "1d"), (2629800.0, "1mo")]
    body = (
        plot.axes(
            [(n, f"{n} nines") for n in range(1, 7)],
            y_ticks,
            "Availability (nines)",
            "Downtime per year (log)",
        )
        + plot.line(curve)
        + plot.marker(
            nines,
            max(10.0, mark),
            f"{units.format_availability(availability)}: {units.format_duration(mark)}",
        )
    )
    rows = [
        (
            units.format_availability(1 - 10.0**-n),
            f"{n}",
            units.format_duration(downtime(1 - 10.0**-n, YEAR)),
        )
        for n in range(1, 7)
    ]
    return figure(
        "Downtime per year against availability",
        "Each extra nine divides the allowed downtime by ten; the line falls straight on a "
        f"log scale. The marked point is {units.format_availability(availability)}.",
        body,
        "Downtime per year for one to six nines (a year is 365.25 days).",
        ("Availability", "Nines", "Downtime per year"),
        rows,
    )


def scaling_chart(nodes: float, contention: float, coherency: float) -> str:
    """USL speedup against nodes, the chosen ``nodes`` and the peak (if any) marked."""
    peak = peak_nodes(contention, coherency)
    span = max(4.0, nodes * 2, peak * 2 if peak < NO_PEAK else 0.0)
    span = min(span, 1e6)
    xs = _sample(1, span, 80, False)
    speed: Callable[[float], float] = lambda n: usl_speedup(n, contention, coherency)  # noqa: E731
    top = max(max(speed(x) for x in xs), 1.0) * 1.15
    plot = Plot((1, span), (0, top))
    x_ticks = [(x, units.format_count(x)) for x in _ticks(0, span) if x >= 1] or [(1.0, "1")]
    y_ticks = [(y, units.format_number(y)) for y in _ticks(0, top)]
    body = plot.axes(x_ticks, y_ticks, "Nodes", "Speedup over one node")
    body += plot.line([(x, speed(x)) for x in xs])
    if peak < NO_PEAK and peak <= span:
        body += plot.marker(peak, speed(peak), f"peak: {units.format_number(peak)} nodes")
    body += plot.marker(nodes, speed(nodes), f"N = {units.format_count(nodes)}", above=False)
    samples = sorted(
        {
            1.0,
            nodes,
            *(round(x) for x in _sample(1, span, 6, False)),
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
    return figure(
        "Speedup against nodes (Universal Scalability Law)",
        f"Contention {units.format_percent(contention)}, coherency "
        f"{units.format_percent(coherency)}. {peak_text}",
        body,
        "USL speedup as nodes are added; the ring marks your node count.",
        ("Nodes", "Speedup", "Efficiency"),
        rows,
    )


def tail_latency_chart(fanout: int, slow_probability: float) -> str:
    """Share of slowed requests against fan-out (log x), current fan-out marked."""
    span = max(1000.0, fanout * 1.0)
    plot = Plot((1, span), (0, 1), log_x=True)
    xs = _sample(1, span, 60, True)
    body = plot.axes(
        [(10.0**k, units.format_count(10.0**k)) for k in range(int(math.log10(span)) + 1)],
        [(y / 4, units.format_percent(y / 4)) for y in range(5)],
        "Fan-out (log)",
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
    return figure(
        "Share of requests slowed against fan-out",
        f"With each backend slow {units.format_percent(slow_probability)} of the time, the "
        f"share of requests that wait on a slow reply rises with fan-out: "
        f"{units.format_percent(here)} at {units.format_count(fanout)}.",
        body,
        "1 − (1 − p)^fan-out: the chance at least one backend replies slowly.",
        ("Fan-out", "Requests slowed"),
        rows,
    )


MAX_BARS = 100
"""The most bars a chart draws (a retention of 1,000 years is drawn every 10 years)."""


def capacity_chart(values: dict[str, Any]) -> str:
    """Stored bytes (with replicas) at the end of each retention year (the last may be partial)."""
    base = {key: val for key, val in values.items() if val is not None}
    retention = float(base.get("retention_years", 5.0))
    years = max(1, math.ceil(retention))
    points = []
    every = max(1, math.ceil(years / MAX_BARS))  # at most ~100 bars, whatever the retention
    for step in [*range(0, years, every), years]:
        kept = min(float(step), retention) if retention > 0 else float(step)
        estimate = capacity_estimate(**{**base, "retention_years": kept})
        points.append((float(step), estimate.storage_total))
    top = max(points[-1][1], 1.0) * 1.1
    plot = Plot((0, years + 0.6), (0, top))  # room for the last bar
    body = plot.axes(
        [(float(t), f"{t}") for t in range(0, years + 1, max(1, years // 10))],
        [(y, units.format_bytes(y)) for y in _ticks(0, top)],
        "Years kept",
        "Storage (with replicas)",
    )
    bar = (WIDTH - LEFT - RIGHT) / (years / every + 1) * 0.6
    for year, stored in points[1:]:
        left, height = plot.px(year) - bar / 2, HEIGHT - BOTTOM - plot.py(stored)
        body += (
            f'<rect x="{_fmt(left)}" y="{_fmt(plot.py(stored))}" width="{_fmt(bar)}" '
            f'height="{_fmt(height)}" fill="currentColor" fill-opacity="0.35" '
            f'stroke="currentColor" stroke-width="1.5"/>'
        )
    rows = [(f"{int(year)}", units.format_bytes(stored)) for year, stored in points[1:]]
    return figure(
        "Storage growth over the retention years",
        f"Storage grows by the same amount each year, reaching "
        f"{units.format_bytes(points[-1][1])} after {years} years.",
        body,
        "Total storage with replicas at the end of each year.",
        ("Year", "Storage"),
        rows,
    )


def rate_limit_chart(
    trace: Sequence[int],
    accepted: dict[str, list[int]],
    labels: dict[str, str],
    limit: int,
    window: float,
) -> str:
    """One row per algorithm, one column per second: solid = accepted, outlined = rejected."""
    rows = [("Requests", list(trace))] + [(labels[name], accepted[name]) for name in labels]
    row_height, label_width, top = 40, 150, 8
    height = top + row_height * len(rows) + 30
    step = (WIDTH - label_width - RIGHT) / max(1, len(trace))
    peak = max(1, *trace)
    parts = []
    for index, (label, counts) in enumerate(rows):
        base = top + row_height * (index + 1) - 6
        weight = ' font-weight="700"' if index == 0 else ""
        parts.append(
            f'<text x="{label_width - 8}" y="{base - 8}" text-anchor="end" {_FONT}'
            f"{weight}>{escape(label)}</text>"
            f'<line x1="{label_width}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" '
            f'stroke="currentColor" stroke-opacity="0.3"/>'
        )
        for second, (asked, got) in enumerate(zip(trace, counts, strict=True)):
            if not asked:
                continue
            x = label_width + second * step + step * 0.15
            full = (row_height - 10) * asked / peak
            kept = (row_height - 10) * got / peak
            parts.append(
                f'<rect x="{_fmt(x)}" y="{_fmt(base - full)}" width="{_fmt(step * 0.7)}" '
                f'height="{_fmt(full)}" fill="none" stroke="currentColor" '
                f'stroke-width="1" stroke-dasharray="2 1"/>'
            )
            if got:
                parts.append(
                    f'<rect x="{_fmt(x)}" y="{_fmt(base - kept)}" '
                    f'width="{_fmt(step * 0.7)}" height="{_fmt(kept)}" '
                    f'fill="currentColor"/>'
                )
    axis_y = top + row_height * len(rows) + 14
    for second in range(0, len(trace), max(1, len(trace) // 10)):
        parts.append(
            f'<text x="{_fmt(label_width + (second + 0.5) * step)}" y="{axis_y}" '
            f'text-anchor="middle" {_FONT}>{second}s</text>'
        )
    headers = ["Second", "Requests", *(labels[name] for name in labels)]
    table = [
        [f"{second}", f"{trace[second]}", *(f"{accepted[name][second]}" for name in labels)]
        for second in range(len(trace))
        if trace[second]
    ]
    totals = ", ".join(f"{labels[name]} {sum(accepted[name])}" for name in labels)
    return figure(
        "Accepted and rejected requests over time, by algorithm",
        f"Limit {limit} per {units.format_duration(window)}. Of {sum(trace)} requests, "
        f"accepted: {totals}. Solid bars are accepted requests, dashed outlines rejected ones.",
        "".join(parts),
        "Each column is one second: the solid part was accepted, the dashed outline shows the "
        "requests that arrived.",
        headers,
        table,
        height=height,
    )
