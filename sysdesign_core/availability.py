"""Availability as downtime: what a number of nines allows per year, quarter, month, week, day.

A year is 365.25 days (the average over leap years), a quarter a fourth of it, a month a
twelfth; the calculator also offers a 365-day year, as uptime.is and most SLA pages use.

>>> round(downtime(0.999, YEAR), 1)
31557.6
"""

from __future__ import annotations

import math

from .registry import Calculator, Input, Output, Values, register
from .units import DAY, MONTH, QUARTER, WEEK, YEAR

__all__ = ["downtime", "nines", "periods", "PERIODS", "YEAR_NOTE", "YEAR_INPUT", "AVAILABILITY"]

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


YEAR_NOTE = (
    "A year is 365.25 days (the average over leap years) unless you choose 365; a month is a "
    "twelfth of the year and a quarter a fourth."
)

YEAR_INPUT = Input(
    "year",
    "Days in a year",
    "text",
    "365.25",
    "365.25 averages leap years; 365 is what uptime.is and most SLA pages use.",
    choices=("365.25", "365"),
)
"""The ``year`` input: with it, ``y``, ``q`` and ``mo`` in the calculator's durations follow it."""


def downtime(availability: float, period: float) -> float:
    """Seconds of allowed downtime in ``period`` seconds at ``availability`` (0-1)."""
    return (1.0 - availability) * period


def nines(availability: float) -> float:
    """The number of nines: 0.999 → 3.0, 0.9995 → 3.3. Infinite at 100%."""
    return math.inf if availability >= 1 else -math.log10(1.0 - availability)


def _compute(values: Values) -> dict[str, float]:
    year = float(values.get("year") or 365.25) * DAY
    return {
        f"downtime_{name}": downtime(values["availability"], span)
        for name, span in periods(year).items()
    }


def _chart(values: Values) -> str:
    from .charts import availability_chart  # charts imports this module: import when drawn

    return availability_chart(values["availability"])


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
            YEAR_INPUT,
        ),
        outputs=tuple(
            Output(f"downtime_{name}", f"Downtime per {name}", "duration") for name in PERIODS
        ),
        compute=_compute,
        chart=_chart,
        note=YEAR_NOTE,
    )
)
