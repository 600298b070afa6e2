"""Availability as downtime: what a number of nines allows per year, quarter, month, week, day.

A year is 365.25 days (the average over leap years), a quarter a fourth of it, a month a
twelfth; the calculator also offers a 365-day year, as uptime.is and most SLA pages use.

>>> round(downtime(0.999, YEAR), 1)
31557.6
"""

from __future__ import annotations

import math

from . import charts, units
from .inputs import DAYS_IN_YEAR, YEAR_NOTE
from .registry import Calculator, Input, Output, Values, register
from .units import DAY, MONTH, QUARTER, WEEK, YEAR

__all__ = [
    "downtime",
    "nines",
    "periods",
    "availability_chart",
    "PERIODS",
    "AVAILABILITY",
]

PERIODS: dict[str, float] = {
    "year": YEAR,
    "quarter": QUARTER,
    "month": MONTH,
    "week": WEEK,
    "day": DAY,
}


def periods(year: float = YEAR) -> dict[str, float]:
    """Seconds in a year, quarter, month, week and day, for a year of ``year`` seconds.

    >>> round(periods(365 * DAY)["month"] / DAY, 3)
    30.417
    """
    return {"year": year, "quarter": year / 4, "month": year / 12, "week": WEEK, "day": DAY}


def downtime(availability: float, period: float) -> float:
    """Seconds of allowed downtime in ``period`` seconds at ``availability`` (0-1)."""
    return (1.0 - availability) * period


def nines(availability: float) -> float:
    """The number of nines: 0.999 → 3.0, 0.9995 → 3.3. Infinite at 100%."""
    return math.inf if availability >= 1 else -math.log10(1.0 - availability)


def _compute(values: Values) -> dict[str, float]:
    year = values["year"] * DAY  # the days the reader chose, parsed by the registry
    return {
        f"downtime_{name}": downtime(values["availability"], span)
        for name, span in periods(year).items()
    }


def availability_chart(availability: float, year: float = YEAR) -> str:
    """Downtime per year (log scale) against nines, 1 to 6, with ``availability`` marked.

    ``year`` is the length of a year in seconds (365.25 days unless the reader chose 365).
    """
    plot = charts.Plot((1, 6), (10, 1e7), log_y=True)
    curve = [(n, downtime(1 - 10**-n, year)) for n in charts.sample(1, 6, 26)]
    shown = min(6.0, max(1.0, -math.log10(max(1 - availability, 1e-300))))
    mark = downtime(availability, year)
    # No tick at the bottom of the y axis: there it would crowd the first x label.
    y_ticks = [(60.0, "1m"), (3600.0, "1h"), (86400.0, "1d"), (2629800.0, "1mo")]
    body = (
        plot.axes(
            [(float(n), f"{n}") for n in range(1, 7)],
            y_ticks,
            "Nines of availability (3 = 99.9%)",
            "Downtime per year",
        )
        + plot.line(curve)
        + plot.marker(
            shown,
            max(10.0, mark),
            f"{units.format_availability(availability)}: {units.format_duration(mark, parts=2)}",
        )
    )
    rows = [
        (
            units.format_availability(1 - 10.0**-n),
            "1 nine" if n == 1 else f"{n} nines",
            units.format_duration(downtime(1 - 10.0**-n, year)),
        )
        for n in range(1, 7)
    ]
    return charts.figure(
        "Downtime per year against availability",
        "Each extra nine divides the allowed downtime by ten; the line falls straight on a "
        f"log scale. The marked point is {units.format_availability(availability)}.",
        body,
        f"Downtime per year (log scale) for one to six nines; a year is "
        f"{units.format_number(year / DAY, 5)} days.",
        ("Availability", "Nines", "Downtime per year"),
        rows,
    )


def _chart(values: Values) -> str:
    return availability_chart(values["availability"], values["year"] * DAY)


AVAILABILITY = register(
    Calculator(
        id="availability",
        title="Availability and downtime",
        description="Allowed downtime per year, quarter, month, week and day for an availability.",
        page="calculators/availability.md",
        inputs=(
            Input(
                "availability",
                "Availability",
                "availability",
                "99.9%",
                "99.95% is a percentage, 0.9995 a fraction (a bare number must be 0-1), "
                "3.5 nines a count of nines.",
            ),
            DAYS_IN_YEAR,
        ),
        outputs=tuple(
            Output(f"downtime_{name}", f"Downtime per {name}", "duration") for name in PERIODS
        ),
        compute=_compute,
        chart=_chart,
        note=YEAR_NOTE,
    )
)
