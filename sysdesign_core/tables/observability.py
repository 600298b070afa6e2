"""Observability tables: SLO burn-rate alerts, and metrics, logs and traces compared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "BurnRateAlert", "BURN_RATE_ALERTS"]

SRE_WORKBOOK_ALERTING = Source(
    "Google SRE Workbook — Alerting on SLOs (multiwindow, multi-burn-rate alerts)",
    "https://sre.google/workbook/alerting-on-slos/",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class BurnRateAlert(Record):
    """One rule of a multiwindow, multi-burn-rate alert: fire when both windows burn this fast.

    ``name`` is what the alert does (page or ticket); ``budget_consumed`` is the share of a
    30-day budget spent in the long window at ``burn_rate`` (the calculator's output).
    """

    long_window: str
    short_window: str
    burn_rate: str
    budget_consumed: str


BURN_RATE_ALERTS: Table[BurnRateAlert] = Table(
    name="burn_rate_alerts",
    title="Multiwindow burn-rate alerts for a 30-day SLO",
    caption="Both windows must exceed the burn rate for the alert to fire: the long window "
    "proves the budget is really spent, the short one that it is still being spent (so the "
    "alert stops soon after a fix). The SRE Workbook's starting values for a 99.9% SLO.",
    ages=True,
    columns=(
        Column("name", "Action"),
        Column("long_window", "Long window", unit="duration"),
        Column("short_window", "Short window", unit="duration"),
        Column("burn_rate", "Burn rate"),
        Column("budget_consumed", "Budget spent in the long window", unit="fraction"),
    ),
    rows=(
        BurnRateAlert(
            name="Page (fast burn)",
            long_window="1h",
            short_window="5m",
            burn_rate="14.4",
            budget_consumed="2%",
            source=SRE_WORKBOOK_ALERTING,
        ),
        BurnRateAlert(
            name="Page (slow burn)",
            long_window="6h",
            short_window="30m",
            burn_rate="6",
            budget_consumed="5%",
            source=SRE_WORKBOOK_ALERTING,
        ),
        BurnRateAlert(
            name="Ticket",
            long_window="3d",
            short_window="6h",
            burn_rate="1",
            budget_consumed="10%",
            source=SRE_WORKBOOK_ALERTING,
        ),
    ),
)


_TABLES: tuple[Table[Any], ...] = (BURN_RATE_ALERTS,)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = []
