"""Reliability arithmetic: quorum availability, downtime, error budgets, durability.

Components in series and in parallel (the composite calculator) live in
:mod:`sysdesign_core.composite`; ``serial`` and ``parallel`` are re-exported here.

Availabilities are fractions (0.999 for 99.9%); durations are seconds; a year is 365.25 days.

>>> round(serial([0.999, 0.999]), 6)
0.998001
>>> round(quorum_availability(0.99, nodes=3, required=2), 6)
0.999702
>>> round(availability_from_downtime(8 * 3600 + 45 * 60 + 57.6, YEAR), 6)
0.999
"""

from __future__ import annotations

import math

from . import units
from .availability import downtime as allowed_downtime
from .availability import nines
from .composite import parallel, serial
from .errors import Conflict
from .inputs import DAYS_IN_YEAR, SLO, SLO_WINDOW, YEAR_NOTE
from .registry import Calculator, Input, Output, Values, register
from .units import YEAR

__all__ = [
    "serial",
    "parallel",
    "quorum_availability",
    "availability_from_downtime",
    "error_budget",
    "expected_losses",
    "chance_of_any_loss",
    "QUORUM",
    "DOWNTIME",
    "ERROR_BUDGET",
    "DURABILITY",
]


def quorum_availability(availability: float, nodes: int, required: int) -> float:
    """Chance that at least ``required`` of ``nodes`` identical replicas are up (binomial).

    Sums the *failing* outcomes (fewer than ``required`` up) and subtracts from 1, which keeps
    precision for many nines.
    """
    if not 0 <= required <= nodes:
        raise ValueError("required must be between 0 and nodes")
    down = 1.0 - availability
    failing = sum(
        math.comb(nodes, up) * availability**up * down ** (nodes - up) for up in range(required)
    )
    return min(1.0, max(0.0, 1.0 - failing))


def availability_from_downtime(downtime: float, window: float) -> float:
    """The availability that allows ``downtime`` seconds in ``window`` seconds."""
    return 1.0 - downtime / window


def error_budget(slo: float, window: float, spent: float) -> tuple[float, float, float]:
    """``(budget, remaining, burned)``: the downtime an SLO allows in ``window`` seconds.

    ``remaining`` goes negative once the budget is overspent and ``burned`` (spent ÷ budget)
    then exceeds 1: both say by how much, which a clamp at zero would hide.
    """
    budget = allowed_downtime(slo, window)
    return budget, budget - spent, spent / budget


def expected_losses(durability: float, objects: float, years: float = 1.0) -> float:
    """Objects expected to be lost in ``years`` when each survives a year with ``durability``."""
    return objects * (1.0 - durability) * years


def chance_of_any_loss(durability: float, objects: float, years: float = 1.0) -> float:
    """Chance that at least one of ``objects`` is lost within ``years`` (independent losses)."""
    # 1 − d^(objects·years), via log1p/expm1 so 11 nines × a few objects does not round to 0.
    return -math.expm1(objects * years * math.log1p(-(1.0 - durability)))


# --- calculators -------------------------------------------------------------------------


def _quorum(values: Values) -> dict[str, float]:
    nodes, required = int(values["nodes"]), int(values["required"])
    if required > nodes:
        raise Conflict(
            "required",
            f"is more than the {nodes} nodes",
            f"enter a whole number from 1 to {nodes}",
        )
    total = quorum_availability(values["availability"], nodes, required)
    return {
        "availability": total,
        "downtime_year": allowed_downtime(total, YEAR),
        "tolerated_failures": float(nodes - required),
    }


QUORUM = register(
    Calculator(
        id="quorum",
        title="Quorum availability",
        description="Chance that at least k of n replicas are up (binomial, independent failures).",
        page="calculators/quorum.md",
        inputs=(
            Input(
                "availability",
                "One replica's availability",
                "availability",
                "99%",
                "As a percentage (99%), a fraction (0.99) or nines (2 nines).",
            ),
            Input(
                "nodes",
                "Replicas (n)",
                "count",
                "3",
                "How many replicas there are.",
                minimum=1,
                maximum=1000,
                integer=True,
            ),
            Input(
                "required",
                "Needed up (k)",
                "count",
                "2",
                "How many must be up; a majority quorum of 3 is 2.",
                minimum=1,
                maximum=1000,
                integer=True,
            ),
        ),
        outputs=(
            Output("availability", "Availability of the quorum", "availability"),
            Output("downtime_year", "Downtime per year", "duration"),
            Output("tolerated_failures", "Replicas that may fail", "count"),
        ),
        compute=_quorum,
    )
)


def _downtime(values: Values) -> dict[str, float]:
    down, window = values["downtime"], values["window"]
    if down > window:
        raise Conflict(
            "downtime",
            f"is longer than the window ({units.format_duration(window)})",
            "enter a downtime shorter than the window",
        )
    total = availability_from_downtime(down, window)
    # Nines from the downtime share itself: 1 − 1e-17 would round to 1 and give infinite nines.
    share = down / window
    return {"availability": total, "nines": -math.log10(share) if share > 0 else nines(total)}


DOWNTIME = register(
    Calculator(
        id="downtime",
        title="Downtime to availability",
        description="The availability (and nines) that a given downtime in a window means.",
        page="calculators/downtime.md",
        inputs=(
            Input(
                "downtime",
                "Downtime",
                "duration",
                "1h",
                "Time down in the window: 1h, 52m 36s, 5 min.",
                minimum=0,
                exclusive_minimum=True,
            ),
            SLO_WINDOW.reused(help="The period measured: 30d, 1q, 1y."),
            DAYS_IN_YEAR,
        ),
        outputs=(
            Output("availability", "Availability", "availability"),
            Output("nines", "Nines", "number"),
        ),
        compute=_downtime,
        note=YEAR_NOTE,
    )
)


def _error_budget(values: Values) -> dict[str, float]:
    slo, window, spent = values["slo"], values["window"], values["downtime_so_far"]
    if slo >= 1:
        raise Conflict("slo", "leaves no error budget", "enter an SLO below 100%, such as 99.9%")
    if spent > window:
        raise Conflict(
            "downtime_so_far",
            f"is longer than the window ({units.format_duration(window)})",
            "enter a downtime shorter than the window",
        )
    budget, remaining, burned = error_budget(slo, window, spent)
    return {"budget": budget, "remaining": remaining, "burned": burned}


ERROR_BUDGET = register(
    Calculator(
        id="error_budget",
        title="Error budget",
        description="Downtime an SLO allows in a window, what is left and how much is burned.",
        page="calculators/error_budget.md",
        inputs=(
            SLO,
            SLO_WINDOW,
            Input(
                "downtime_so_far",
                "Downtime so far",
                "duration",
                "10m",
                "Bad minutes already spent in this window.",
                minimum=0,
            ),
        ),
        outputs=(
            Output("budget", "Error budget", "duration"),
            Output("remaining", "Remaining (negative = overspent)", "duration"),
            Output("burned", "Burned", "fraction"),
        ),
        compute=_error_budget,
    )
)


def _durability(values: Values) -> dict[str, float]:
    durability, objects, years = values["durability"], values["objects"], values["years"]
    return {
        "expected_losses_per_year": expected_losses(durability, objects),
        "expected_losses": expected_losses(durability, objects, years),
        "chance_of_any_loss": chance_of_any_loss(durability, objects, years),
    }


DURABILITY = register(
    Calculator(
        id="durability",
        title="Durability",
        description="Objects expected to be lost per year at a durability such as 11 nines.",
        page="calculators/durability.md",
        inputs=(
            Input(
                "durability",
                "Durability (per object, per year)",
                "availability",
                "11 nines",
                "Chance one object survives a year: 11 nines, 99.999999999%.",
                minimum=0.01,
            ),
            Input("objects", "Objects stored", "count", "10M", "How many objects: 10M, 100B."),
            Input(
                "years",
                "Years",
                "number",
                "1",
                "How long they are kept.",
                minimum=0,
                maximum=1000,
            ),
        ),
        outputs=(
            Output("expected_losses_per_year", "Objects lost per year (expected)", "number"),
            Output("expected_losses", "Objects lost over the years (expected)", "number"),
            Output("chance_of_any_loss", "Chance of losing at least one", "fraction"),
        ),
        compute=_durability,
    )
)
