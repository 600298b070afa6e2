"""The drawing layer of every chart: axes, marks, text, escaping and the figure around them.

This module knows SVG and nothing about calculators: each calculator module draws its own
chart with it (``availability.availability_chart``, ``scaling.scaling_chart``, …), and the
build and the browser worker call those same functions, so the static and the live picture
agree.

Every chart is ``role="img"`` with a ``<title>`` and ``<desc>``, followed by a
``<figcaption>`` that holds a caption and the plotted numbers as a table (the text
alternative). Colours come from ``currentColor``, so the theme's text colour (light or dark)
gives the contrast; series differ by dash pattern, fill and direct labels, never by colour
alone.

Sizes are in SVG user units. A chart is :data:`WIDTH` units wide and drawn at most that many
CSS pixels wide, with :data:`FONT_SIZE`-unit text: on a 390 px phone the chart shrinks to about
316 px, and its smallest text still renders at 12 px or more.

>>> plot = Plot((0, 10), (0, 1))
>>> body = plot.line([(0, 0), (10, 1)])
>>> svg = figure("A line", "It rises.", body, "Caption.", ("x", "y"), [("0", "0"), ("10", "1")])
>>> svg.startswith('<svg') and 'role="img"' in svg and '<table' in svg
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

__all__ = [
    "WIDTH",
    "HEIGHT",
    "FONT_SIZE",
    "MAX_POINTS",
    "MAX_ROWS",
    "Plot",
    "figure",
    "text",
    "text_width",
    "num",
    "sample",
    "nice_ticks",
    "thin",
]

WIDTH, HEIGHT = 400, 250
"""Width and height of a chart in SVG units (the width is also its largest size in CSS px)."""
FONT_SIZE = 16
"""Text size in SVG units: 16 × 316 / 400 ≈ 12.6 px at its smallest (a 390 px phone)."""
MAX_POINTS = 120
"""A polyline keeps at most this many points; more are thinned evenly."""
MAX_ROWS = 40
"""The data table under a chart keeps at most this many rows (thinned evenly, ends kept)."""

LEFT, RIGHT, TOP, BOTTOM = 64, 12, 12, 48
_CHAR = 0.6  # average advance of a character in font sizes (sans-serif, a little generous)


def num(value: float) -> str:
    """A coordinate with one decimal, as SVG wants it."""
    return f"{value:.1f}"


def text_width(label: str, size: float = FONT_SIZE) -> float:
    """The estimated width of ``label`` in SVG units (no font metrics in pure Python)."""
    return len(label) * size * _CHAR


def text(
    x: float,
    y: float,
    label: str,
    *,
    anchor: str = "start",
    bold: bool = False,
    size: float = FONT_SIZE,
    extra: str = "",
) -> str:
    """A ``<text>`` element in the theme's colour; ``label`` is escaped."""
    weight = ' font-weight="700"' if bold else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" font-family="inherit" '
        f'font-size="{size:g}" fill="currentColor"{weight}{extra}>{escape(label)}</text>'
    )


def thin(
    items: Sequence[tuple[float, float]], limit: int = MAX_POINTS
) -> list[tuple[float, float]]:
    """At most ``limit`` of ``items``, evenly spaced, first and last kept."""
    if len(items) <= limit:
        return list(items)
    step = (len(items) - 1) / (limit - 1)
    return [items[round(i * step)] for i in range(limit)]


def sample(low: float, high: float, count: int, log: bool = False) -> list[float]:
    """``count`` values from ``low`` to ``high``, evenly spaced (in log space if ``log``)."""
    count = max(2, min(count, MAX_POINTS))
    if log:
        a, b = math.log10(low), math.log10(high)
        return [10 ** (a + (b - a) * i / (count - 1)) for i in range(count)]
    return [low + (high - low) * i / (count - 1) for i in range(count)]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten apart) from ``low`` to ``high``.

    >>> nice_ticks(0, 100)
    [0.0, 25.0, 50.0, 75.0, 100.0]
    """
    raw = (high - low) / max(1, count - 1)
    if not raw > 0 or not math.isfinite(raw):
        return [low]
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


class Plot:
    """A plotting area with linear or log axes in a ``width`` × ``height`` chart.

    Methods return SVG fragments; data go in as data units and come out as SVG units.
    """

    def __init__(
        self,
        x: tuple[float, float],
        y: tuple[float, float],
        *,
        log_x: bool = False,
        log_y: bool = False,
        width: float = WIDTH,
        height: float = HEIGHT,
        left: float = LEFT,
    ) -> None:
        self.x0, self.x1 = x
        self.y0, self.y1 = y
        self.log_x, self.log_y = log_x, log_y
        self.width, self.height, self.left = width, height, left

    def _unit(self, value: float, low: float, high: float, log: bool) -> float:
        if log:
            value, low, high = (math.log10(max(v, 1e-300)) for v in (value, low, high))
        return 0.5 if high == low else (value - low) / (high - low)

    @property
    def right(self) -> float:
        """The right edge of the plotting area."""
        return self.width - RIGHT

    @property
    def bottom(self) -> float:
        """The bottom edge of the plotting area (the x axis)."""
        return self.height - BOTTOM

    def px(self, x: float) -> float:
        """Column of ``x``."""
        return self.left + self._unit(x, self.x0, self.x1, self.log_x) * (self.right - self.left)

    def py(self, y: float) -> float:
        """Row of ``y``."""
        return self.bottom - self._unit(y, self.y0, self.y1, self.log_y) * (self.bottom - TOP)

    def axes(
        self,
        x_ticks: Sequence[tuple[float, str]],
        y_ticks: Sequence[tuple[float, str]],
        x_label: str,
        y_label: str,
    ) -> str:
        """Axis lines, light grid lines, tick labels and axis titles.

        A tick label that would run past the chart's edge is pulled in; one that would
        overlap the label before it is left out (its grid line stays).
        """
        bottom = self.bottom
        parts = [
            f'<g stroke="currentColor" stroke-width="1">'
            f'<line x1="{num(self.left)}" y1="{num(bottom)}" x2="{num(self.right)}" '
            f'y2="{num(bottom)}"/><line x1="{num(self.left)}" y1="{TOP}" '
            f'x2="{num(self.left)}" y2="{num(bottom)}"/></g>'
        ]
        last_end = -math.inf
        for value, label in x_ticks:
            x = self.px(value)
            parts.append(
                f'<line x1="{num(x)}" y1="{TOP}" x2="{num(x)}" y2="{num(bottom)}" '
                f'stroke="currentColor" stroke-opacity="0.15"/>'
            )
            half = text_width(label) / 2
            centre = min(max(x, half + 2), self.width - half - 2)
            if centre - half < last_end + 6:
                continue
            last_end = centre + half
            parts.append(text(centre, bottom + FONT_SIZE + 2, label, anchor="middle"))
        for value, label in y_ticks:
            y = self.py(value)
            parts.append(
                f'<line x1="{num(self.left)}" y1="{num(y)}" x2="{num(self.right)}" '
                f'y2="{num(y)}" stroke="currentColor" stroke-opacity="0.15"/>'
            )
            parts.append(text(self.left - 6, y, label, anchor="end", extra=' dy="0.35em"'))
        parts.append(text((self.left + self.right) / 2, self.height - 6, x_label, anchor="middle"))
        parts.append(
            text(
                0,
                0,
                y_label,
                anchor="middle",
                extra=f' transform="translate({FONT_SIZE} {num((TOP + bottom) / 2)}) rotate(-90)"',
            )
        )
        return "".join(parts)

    def line(self, points: Sequence[tuple[float, float]], dash: str = "") -> str:
        """A polyline through ``points`` (data units), at most :data:`MAX_POINTS` of them."""
        coords = " ".join(f"{num(self.px(x))},{num(self.py(y))}" for x, y in thin(points))
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<polyline points="{coords}" fill="none" stroke="currentColor" '
            f'stroke-width="2"{dashed}/>'
        )

    def bar(self, x: float, y: float, width: float) -> str:
        """A bar ``width`` units wide centred on ``x``, from the x axis up to ``y``."""
        top = self.py(y)
        return (
            f'<rect x="{num(self.px(x) - width / 2)}" y="{num(top)}" width="{num(width)}" '
            f'height="{num(max(0.0, self.bottom - top))}" fill="currentColor" '
            f'fill-opacity="0.35" stroke="currentColor" stroke-width="1.5"/>'
        )

    def marker(self, x: float, y: float, label: str, *, above: bool = True) -> str:
        """A ringed point with a bold label beside it, kept inside the chart."""
        px, py = self.px(x), self.py(y)
        wide = text_width(label)
        if px + 8 + wide <= self.width - 2:
            lx, anchor = px + 8, "start"
        elif px - 8 - wide >= 2:
            lx, anchor = px - 8, "end"
        else:  # too long for either side: keep it inside, starting at the left edge
            lx, anchor = 2.0, "start"
        ly = py - 8 if above else py + FONT_SIZE + 4
        ly = min(max(ly, TOP + FONT_SIZE), self.bottom - 4)
        return (
            f'<circle cx="{num(px)}" cy="{num(py)}" r="5" fill="none" '
            f'stroke="currentColor" stroke-width="2"/><circle cx="{num(px)}" '
            f'cy="{num(py)}" r="2" fill="currentColor"/>'
            + text(lx, ly, label, anchor=anchor, bold=True)
        )


def _rows(rows: Sequence[Sequence[str]]) -> list[Sequence[str]]:
    if len(rows) <= MAX_ROWS:
        return list(rows)
    step = (len(rows) - 1) / (MAX_ROWS - 1)
    return [rows[round(i * step)] for i in range(MAX_ROWS)]


def figure(
    title: str,
    desc: str,
    body: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: float = WIDTH,
    height: float = HEIGHT,
) -> str:
    """The SVG (``role="img"``, ``<title>``, ``<desc>``) plus a caption and a data table.

    Returned as one line of HTML: the page inserts it into ``<figure class="sd-calc__chart">``.
    The SVG is drawn at most ``width`` CSS pixels wide and shrinks with a narrower column. The
    table keeps at most :data:`MAX_ROWS` rows; an empty ``rows`` leaves the table out.
    """
    table = ""
    if rows:
        # Five columns or more become cards on a phone (sysdesign.css), as catalog tables do;
        # the roles keep it a table for assistive technology where CSS changes its display.
        wide = len(headers) >= 5
        cards = " sd-chart__data--cards" if wide else ""

        def role(name: str) -> str:
            return f' role="{name}"' if wide else ""

        def label(i: int) -> str:
            return f' data-label="{escape(headers[i])}"' if wide else ""

        head = "".join(f'<th scope="col"{role("columnheader")}>{escape(h)}</th>' for h in headers)
        body_rows = "".join(
            f"<tr{role('row')}>"
            + "".join(
                (
                    f'<th scope="row"{role("rowheader")}{label(0)}>{escape(c)}</th>'
                    if i == 0
                    else f"<td{role('cell')}{label(i)}>{escape(c)}</td>"
                )
                for i, c in enumerate(row)
            )
            + "</tr>"
            for row in _rows(rows)
        )
        table = (
            f'<details class="sd-chart__numbers"><summary>The numbers</summary>'
            f'<div class="sd-chart__scroll" tabindex="0" role="region" '
            f'aria-label="{escape(title)}: the numbers">'
            f'<table class="sd-chart__data{cards}"{role("table")}>'
            f"<thead{role('rowgroup')}><tr{role('row')}>{head}</tr></thead>"
            f"<tbody{role('rowgroup')}>{body_rows}</tbody></table></div></details>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="sd-chart" '
        f'viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}" height="{num(height)}" '
        f'style="max-width:100%;height:auto;color:inherit">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{body}</svg>"
        f"<figcaption>{escape(caption)}{table}</figcaption>"
    )
