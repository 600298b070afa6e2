"""Observability tables: SLO burn-rate alerts, and metrics, logs and traces compared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "BurnRateAlert", "BURN_RATE_ALERTS", "Signal", "MonitoringMethod"]

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


_OTEL = Source(
    "OpenTelemetry documentation — Signals (traces, metrics, logs)",
    "https://opentelemetry.io/docs/concepts/signals/",
    2026,
)
_SRE_BOOK = Source(
    "Google SRE Book — Monitoring Distributed Systems (the four golden signals)",
    "https://sre.google/sre-book/monitoring-distributed-systems/",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class Signal(Record):
    """A kind of telemetry: what it answers, what drives its cost, and its trap."""

    answers: str
    cost: str
    trap: str


TELEMETRY_SIGNALS: Table[Signal] = Table(
    name="telemetry_signals",
    title="Metrics, logs and traces",
    caption="Alert on metrics, investigate with traces, confirm details in logs; a shared "
    "trace id in all three links them.",
    columns=(
        Column("name", "Signal"),
        Column("answers", "Answers"),
        Column("cost", "Cost grows with"),
        Column("trap", "Trap"),
    ),
    rows=(
        Signal(
            name="Metrics",
            answers="Is something wrong, how much, since when? Rates, ratios, percentiles "
            "over time: what SLOs and alerts are built on",
            cost="The number of distinct label combinations (time series), not the traffic",
            trap="A label with unbounded values (user id, URL with ids) multiplies the series "
            "and the bill; averages hide the tail (use histograms)",
            source=_OTEL,
        ),
        Signal(
            name="Logs",
            answers="What exactly happened to this request or this job, with its details",
            cost="Volume: bytes per request times requests, stored and indexed",
            trap="Unstructured text nobody can query; logging every request at high volume; "
            "secrets and personal data written into logs",
            source=_OTEL,
        ),
        Signal(
            name="Traces",
            answers="Where did this request spend its time, across which services",
            cost="Spans per request times sampled requests",
            trap="Sampling at the start keeps the boring requests; keep errors and slow ones "
            "(tail-based sampling); context lost at queues and async hops",
            source=_OTEL,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class MonitoringMethod(Record):
    """A checklist of what to measure for a kind of component."""

    measures: str
    for_what: str


MONITORING_METHODS: Table[MonitoringMethod] = Table(
    name="monitoring_methods",
    title="What to measure",
    columns=(
        Column("name", "Method"),
        Column("measures", "Measures"),
        Column("for_what", "For"),
    ),
    rows=(
        MonitoringMethod(
            name="Four golden signals",
            measures="Latency (of successes and of errors apart), traffic, errors, saturation",
            for_what="Any user-facing service",
            source=_SRE_BOOK,
        ),
        MonitoringMethod(
            name="RED",
            measures="Rate, errors, duration of requests",
            for_what="Request-driven services (the golden signals without saturation)",
            source=Source(
                "Grafana Labs — The RED Method: how to instrument your services",
                "https://grafana.com/blog/2018/08/02/the-red-method-how-to-instrument-your-services/",
                2026,
            ),
        ),
        MonitoringMethod(
            name="USE",
            measures="Utilization, saturation, errors of every resource",
            for_what="Resources: CPUs, disks, network links, connection pools, queues",
            source=Source(
                "Brendan Gregg — The USE Method",
                "https://www.brendangregg.com/usemethod.html",
                2026,
            ),
        ),
    ),
)


_TABLES: tuple[Table[Any], ...] = (BURN_RATE_ALERTS, TELEMETRY_SIGNALS, MONITORING_METHODS)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = []
