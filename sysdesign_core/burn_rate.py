"""SLO burn rates: how much error budget an alert window spends, and when the budget runs out.

A burn rate is how fast errors spend the budget, relative to the rate that would spend exactly
all of it over the SLO window: at 1× the budget lasts the window, at 14.4× it lasts 1/14.4
of it. Windows are seconds; fractions are 0–1.

>>> round(budget_consumed(14.4, alert_window=3600, window=30 * 86400), 6)
0.02
>>> time_to_exhaustion(6, window=30 * 86400) / 86400
5.0
>>> round(error_rate(14.4, slo=0.999), 6)
0.0144
"""

from __future__ import annotations

from .errors import InputError
from .registry import Calculator, Input, Output, Values, register
from .units import YEAR, format_duration, format_number

__all__ = [
    "budget_consumed",
    "time_to_exhaustion",
    "error_rate",
    "burn_rate_for",
    "BURN_RATE",
]


def budget_consumed(burn_rate: float, alert_window: float, window: float) -> float:
    """Share of the window's error budget spent in ``alert_window`` at ``burn_rate``.

    ``burn_rate × alert_window ÷ window``; above 1 means the budget is overspent.
    """
    return burn_rate * alert_window / window


def time_to_exhaustion(burn_rate: float, window: float) -> float:
    """Seconds until a full budget is gone at ``burn_rate``: ``window ÷ burn_rate``."""
    return window / burn_rate


def error_rate(burn_rate: float, slo: float) -> float:
    """The share of bad events that burns at ``burn_rate``: ``burn_rate × (1 − slo)``."""
    return burn_rate * (1.0 - slo)


def burn_rate_for(consumed: float, alert_window: float, window: float) -> float:
    """The burn rate that spends ``consumed`` of the budget in ``alert_window`` (the inverse).

    >>> round(burn_rate_for(0.02, alert_window=3600, window=30 * 86400), 6)
    14.4
    """
    return consumed * window / alert_window


# --- calculator ------------------------------------------------------------------------------


def _burn_rate(values: Values) -> dict[str, float]:
    slo, window = values["slo"], values["window"]
    rate, alert = values["burn_rate"], values["alert_window"]
    if slo >= 1:
        raise InputError(
            "slo",
            "100%",
            "leaves no error budget to burn",
            "enter an SLO below 100%, such as 99.9%",
        )
    if alert > window:
        raise InputError(
            "alert_window",
            format_duration(alert),
            f"is longer than the SLO window ({format_duration(window)})",
            "enter an alert window no longer than the SLO window, such as 1h",
        )
    highest = 1.0 / (1.0 - slo)
    if rate > highest:
        raise InputError(
            "burn_rate",
            format_number(rate),
            f"would need more than 100% of requests to fail at this SLO (at most {highest:.4g}×)",
            f"enter a burn rate up to {highest:.4g}",
        )
    return {
        "budget_consumed": budget_consumed(rate, alert, window),
        "time_to_exhaustion": time_to_exhaustion(rate, window),
        "error_rate": error_rate(rate, slo),
    }


BURN_RATE = register(
    Calculator(
        id="burn_rate",
        title="SLO burn rate",
        description="Error budget an alert window spends at a burn rate, and when it runs out.",
        page="calculators/burn_rate.md",
        inputs=(
            Input(
                "slo",
                "SLO (availability target)",
                "availability",
                "99.9%",
                "The objective: 99.9%, 99.95%, 4 nines.",
            ),
            Input(
                "window",
                "SLO window",
                "duration",
                "30d",
                "The SLO's rolling window: 28d, 30d.",
                minimum=60.0,
                maximum=10 * YEAR,
            ),
            Input(
                "burn_rate",
                "Burn rate",
                "number",
                "14.4",
                "How many times faster than the budget allows: 1 spends it over the window.",
                minimum=0.001,
                maximum=1e9,
            ),
            Input(
                "alert_window",
                "Alert window",
                "duration",
                "1h",
                "How long the alert looks back: 5m, 1h, 6h, 3d.",
                minimum=1.0,
                maximum=10 * YEAR,
            ),
        ),
        outputs=(
            Output("budget_consumed", "Budget spent in the alert window", "fraction"),
            Output("time_to_exhaustion", "Time until the budget is gone", "duration"),
            Output("error_rate", "Error rate at this burn rate", "fraction"),
        ),
        compute=_burn_rate,
    )
)
