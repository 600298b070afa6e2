"""Availability as downtime: what a number of nines allows per year, quarter, month, week, day.

A year is 365.25 days, a quarter a fourth of it, a month a twelfth.

>>> round(downtime(0.999, YEAR), 1)
31557.6
"""

from __future__ import annotations

import math

from .registry import Calculator, Input, Output, Values, register
from .units import DAY, MONTH, QUARTER, WEEK, YEAR

__all__ = ["downtime", "nines", "PERIODS", "AVAILABILITY"]

PERIODS: dict[str, float] = {
    "year": YEAR,
    "quarter": QUARTER,
    "month": MONTH,
    "week": WEEK,
    "day": DAY,
}


def downtime(availability: float, period: float) -> float:
    """Seconds of allowed downtime in ``period`` seconds at ``availability`` (0-1)."""
    return (1.0 - availability) * period


def nines(availability: float) -> float:
    """The number of nines: 0.999 → 3.0, 0.9995 → 3.3. Infinite at 100%."""
    return math.inf if availability >= 1 else -math.log10(1.0 - availability)


def _compute(values: Values) -> dict[str, float]:
    return {
        f"downtime_{name}": downtime(values["availability"], span) for name, span in PERIODS.items()
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
                "As a percentage (99.95%), a fraction (0.9995) or nines (3.5 nines).",
            ),
        ),
        outputs=tuple(
            Output(f"downtime_{name}", f"Downtime per {name}", "duration") for name in PERIODS
        ),
        compute=_compute,
        chart=_chart,
    )
)
