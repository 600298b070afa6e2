"""Inputs that several calculators share, declared once: one name, kind and set of bounds.

A calculator takes one as it is, or with its own default, label or help
(:meth:`~sysdesign_core.registry.Input.reused`), never with other bounds, so an SLO window
or a count of users means the same in every calculator that asks for it, and a figure that
one calculator accepts another does not refuse.

>>> SLO_WINDOW.reused(label="SLO window").bounds == SLO_WINDOW.bounds
True
"""

from __future__ import annotations

from .registry import YEAR_CHOICES, Input
from .units import YEAR

__all__ = ["SLO", "SLO_WINDOW", "DAYS_IN_YEAR", "YEAR_NOTE", "DAU", "PEAK_QPS", "REPLICAS"]

SLO = Input(
    "slo",
    "SLO (availability target)",
    "availability",
    "99.9%",
    "The availability objective: 99.9%, 99.95%, 4 nines.",
)
"""An availability objective (error_budget, burn_rate); 100% is a conflict the calculator
names, since it leaves no budget."""

SLO_WINDOW = Input(
    "window",
    "Window",
    "duration",
    "30d",
    "The SLO's rolling window: 28d, 30d.",
    minimum=60.0,
    maximum=10 * YEAR,
)
"""The period an availability is measured over (downtime, error_budget, burn_rate): from a
minute (below it an availability means little, and burn_rate's alert windows are longer)
to ten years."""

DAYS_IN_YEAR = Input(
    "year",
    "Days in a year",
    "year",
    "365.25",
    "365.25 averages leap years; 365 is what uptime.is and most SLA pages use.",
    choices=YEAR_CHOICES,
)
"""The ``year`` input (availability, downtime): with it, ``y``, ``q`` and ``mo`` in the
calculator's durations follow it, and the calculator receives the days (365.25 or 365)."""

YEAR_NOTE = (
    "A year is 365.25 days (the average over leap years) unless you choose 365; a month is a "
    "twelfth of the year and a quarter a fourth."
)
"""The note shown beside the results of a calculator with :data:`DAYS_IN_YEAR`."""

DAU = Input(
    "dau",
    "Daily active users",
    "count",
    "500M",
    "People who use it on a day.",
    minimum=1,
    maximum=1e12,
)
"""Daily active users (capacity, cost): at least one (the cost divides by it), at most 1e12,
so that every capacity estimate's onward link to the cost calculator is accepted there."""

PEAK_QPS = Input(
    "peak_qps",
    "Peak requests per second",
    "rate",
    "30K/s",
    "The load to serve at peak: 30K, 30K/s, 100M/day.",
    minimum=0,
    maximum=1e10,
)
"""Requests a second at peak (servers, cost): none is one server; at most ten billion a
second, well past any one service."""

REPLICAS = Input(
    "replicas",
    "Replicas",
    "count",
    "3",
    "Copies of every byte.",
    minimum=1,
    maximum=100,
    integer=True,
)
"""Full copies of the data (capacity, erasure_coding): a whole number from 1 to 100."""
