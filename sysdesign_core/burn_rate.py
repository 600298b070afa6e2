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

:func:`prometheus_rules` writes the SRE Workbook's multiwindow, multi-burn-rate alerts for an
SLO as a Prometheus rules file (``sysdesign burn-rate --prometheus``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import Conflict, InputError
from .inputs import SLO, SLO_WINDOW
from .registry import Calculator, Input, Output, Values, register
from .units import DAY, YEAR, format_availability, format_duration, format_percent

__all__ = [
    "budget_consumed",
    "time_to_exhaustion",
    "error_rate",
    "burn_rate_for",
    "AlertRule",
    "WORKBOOK_RULES",
    "prometheus_rules",
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


# --- Prometheus rules ------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertRule:
    """One multiwindow rule: who is told, its two windows (seconds) and the share of the
    budget the long window may spend before it fires.

    The factor is not fixed: it is the burn rate that spends ``budget_share`` in
    ``long_window`` of an SLO ``window`` (:func:`burn_rate_for`), 14.4 for the first rule
    over 30 days and 13.44 over 28.
    """

    severity: str
    long_window: float
    short_window: float
    budget_share: float

    def burn_rate(self, window: float) -> float:
        """The factor for an SLO over ``window`` seconds, to four significant figures
        (``0.2333`` rather than ``0.23333333333333334``: a threshold, not a measurement)."""
        return float(f"{burn_rate_for(self.budget_share, self.long_window, window):.4g}")


# The SRE Workbook's starting values ("Alerting on SLOs", table 5-8), also the catalog's
# burn_rate_alerts table: the short window is a twelfth of the long one.
WORKBOOK_RULES: tuple[AlertRule, ...] = (
    AlertRule("page", 3600.0, 300.0, 0.02),
    AlertRule("page", 6 * 3600.0, 1800.0, 0.05),
    AlertRule("ticket", 3 * DAY, 6 * 3600.0, 0.10),
)

DEFAULT_ERROR_METRIC = 'http_requests_total{code=~"5.."}'
DEFAULT_TOTAL_METRIC = "http_requests_total"
DEFAULT_MATCHERS = 'job="api"'

_METRIC = re.compile(r"\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?\s*", re.S)
# One label matcher: name, operator, and a value quoted as PromQL reads it (only the escapes
# PromQL knows, no raw control characters) or bare (quoted here).
_MATCHER = re.compile(
    r"\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"
    r'("(?:[^"\\\x00-\x1f\x7f]|\\["\\abfnrtv])*"|[^\s,"\'{}\\=!~\x00-\x1f\x7f]+)\s*(?:,|\Z)'
)
_EXAMPLE_MATCHERS = 'enter matchers such as job="api", env!="dev"'


def _matchers(text: str, name: str) -> list[tuple[str, str, str]]:
    """``text`` as PromQL label matchers ``(label, operator, quoted value)``, or an
    :class:`InputError` naming ``name``; a bare value is quoted.

    >>> _matchers('job=api, code=~"5.."', "matchers")
    [('job', '=', '"api"'), ('code', '=~', '"5.."')]
    """
    found: list[tuple[str, str, str]] = []
    rest = text.strip().removesuffix(",")
    position = 0
    while position < len(rest):
        match = _MATCHER.match(rest, position)
        if not match:
            raise InputError(name, text, "is not a list of label matchers", _EXAMPLE_MATCHERS)
        label, operator, value = match.group(1, 2, 3)
        found.append((label, operator, value if value.startswith('"') else f'"{value}"'))
        position = match.end()
    return found


def _selector(text: str, name: str, common: list[tuple[str, str, str]]) -> str:
    """A metric with its own matchers, then the ``common`` ones: ``name{a="1",b="2"}``."""
    match = _METRIC.fullmatch(text)
    if not match:
        raise InputError(
            name, text, "is not a metric name", 'enter one such as http_requests_total{code=~"5.."}'
        )
    every = _matchers(match.group(2) or "", name) + common
    return match.group(1) + ("{" + ",".join("".join(m) for m in every) + "}" if every else "")


def _yaml(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (it holds no control characters)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _promql_duration(seconds: float) -> str:
    """A window as PromQL writes it, in its largest whole unit: ``3d``, ``6h``, ``30m``."""
    for unit, size in (("d", DAY), ("h", 3600.0), ("m", 60.0)):
        if seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{int(seconds)}s"


def _number(value: float) -> str:
    """A threshold's factor as PromQL reads it, without float noise: ``14.4``, ``0.001``."""
    return f"{value:.12g}"


def prometheus_rules(
    slo: float,
    window: float = 30 * DAY,
    *,
    error_metric: str = DEFAULT_ERROR_METRIC,
    total_metric: str = DEFAULT_TOTAL_METRIC,
    matchers: str = DEFAULT_MATCHERS,
    rules: tuple[AlertRule, ...] = WORKBOOK_RULES,
) -> str:
    """A Prometheus rules file (YAML) for multiwindow, multi-burn-rate alerts on an SLO.

    Recording rules keep the error ratio, ``errors ÷ total`` counted over each window the
    alerts read (5m, 30m, 1h, 6h, 3d), summed by the labels matched with ``=`` in
    ``matchers``, the others filtering only. The alerts page when the 1-hour and 5-minute
    ratios both pass 14.4 × (1 − slo), or the 6-hour and 30-minute both pass 6 × (1 − slo),
    and open a ticket when the 3-day and 6-hour both pass 1 × (1 − slo). Those factors are
    for a 30-day SLO; for another ``window`` each is the burn rate that spends the same
    share of the budget (2%, 5%, 10%) in its long window. ``error_metric`` may carry its
    own matchers (``http_requests_total{code=~"5.."}``).

    >>> text = prometheus_rules(0.999)
    >>> [line.strip() for line in text.splitlines() if " > (" in line][:2]
    ['job:slo_errors_per_request:ratio_rate1h{job="api"} > (14.4 * 0.001)', \
'job:slo_errors_per_request:ratio_rate5m{job="api"} > (14.4 * 0.001)']
    >>> [line.strip() for line in prometheus_rules(0.999, 28 * 86400).splitlines()
    ...  if "ratio_rate1h{" in line]
    ['job:slo_errors_per_request:ratio_rate1h{job="api"} > (13.44 * 0.001)']
    """
    if not 0 < slo < 1:
        raise InputError(
            "slo",
            format_availability(slo),
            "leaves no error budget to burn",
            "enter an SLO below 100%, such as 99.9%",
        )
    longest = max(rule.long_window for rule in rules)
    if window < longest:
        raise InputError(
            "window",
            format_duration(window),
            f"is shorter than the longest alert window ({format_duration(longest)})",
            f"enter an SLO window of at least {format_duration(longest)}, such as 30d",
        )
    budget = float(f"{1 - slo:.12g}")
    fastest = max(rule.burn_rate(window) for rule in rules)
    if fastest * budget > 1:  # the error ratio would have to pass 100%
        raise InputError(
            "slo",
            format_availability(slo),
            f"gives the {_number(fastest)}x rule a threshold above 100%: it could never fire",
            f"enter an SLO above {format_percent(1 - 1 / fastest, 4)}",
        )
    common = _matchers(matchers, "matchers")
    errors = _selector(error_metric, "error_metric", common)
    total = _selector(total_metric, "total_metric", common)
    if errors == total:
        raise InputError(
            "error_metric",
            error_metric,
            "selects the same series as the total, so the error ratio would always be 100%",
            'add a matcher that picks the failures, such as http_requests_total{code=~"5.."}',
        )
    # Labels matched with "=" survive the sum (the alerts select on them, as the workbook's
    # {job="myjob"}); the other matchers only filter what is counted.
    equal = [m for m in common if m[1] == "="]
    by = list(dict.fromkeys(label for label, _, _ in equal))
    keep = "{" + ",".join("".join(m) for m in equal) + "}" if equal else ""
    level = "_".join(by) or "all"
    grouping = f"sum by ({', '.join(by)}) " if by else "sum"

    def series(seconds: float) -> str:
        return f"{level}:slo_errors_per_request:ratio_rate{_promql_duration(seconds)}"

    windows = sorted({w for rule in rules for w in (rule.long_window, rule.short_window)})
    slo_text, window_text = format_availability(slo), format_duration(window)
    lines = [
        f"# Multiwindow, multi-burn-rate alerts for a {slo_text} SLO over {window_text}",
        '# (Google SRE Workbook, "Alerting on SLOs"). Error budget: '
        f"{format_percent(budget)} of requests.",
        "# A rule fires when both of its windows see an error ratio above factor x budget:",
    ]
    for rule in rules:
        rate = rule.burn_rate(window)
        lines.append(
            f"#   {rule.severity:<7}{_promql_duration(rule.long_window):>3} and "
            f"{_promql_duration(rule.short_window):<4}{_number(rate):>6}x  "
            f"({format_percent(rule.budget_share)} of the {window_text} budget in "
            f"{_promql_duration(rule.long_window)})"
        )
    lines += ["groups:", f"  - name: {_yaml('slo-burn-rate')}", "    rules:"]
    for seconds in windows:
        span = _promql_duration(seconds)
        lines += [
            f"      - record: {_yaml(series(seconds))}",
            "        expr: |-",
            f"          {grouping}(rate({errors}[{span}]))",
            "          /",
            f"          {grouping}(rate({total}[{span}]))",
        ]
    for severity in dict.fromkeys(rule.severity for rule in rules):
        chosen = [rule for rule in rules if rule.severity == severity]
        expr: list[str] = []
        for index, rule in enumerate(chosen):
            threshold = f"({_number(rule.burn_rate(window))} * {_number(budget)})"
            expr += [
                *(["or"] if index else []),
                "(",
                f"  {series(rule.long_window)}{keep} > {threshold}",
                "and",
                f"  {series(rule.short_window)}{keep} > {threshold}",
                ")",
            ]
        burns = " or ".join(
            f"{_number(rule.burn_rate(window))}x over {_promql_duration(rule.long_window)}"
            for rule in chosen
        )
        lines += [
            f"      - alert: {_yaml('ErrorBudgetBurn')}",
            "        expr: |-",
            *(f"          {line}" for line in expr),
            "        labels:",
            f"          severity: {_yaml(severity)}",
            "        annotations:",
            f"          summary: {_yaml(f'{slo_text} SLO: error budget burning at {burns}')}",
        ]
    return "\n".join(lines) + "\n"


# --- calculator ------------------------------------------------------------------------------


def _burn_rate(values: Values) -> dict[str, float]:
    slo, window = values["slo"], values["window"]
    rate, alert = values["burn_rate"], values["alert_window"]
    if slo >= 1:
        raise Conflict(
            "slo", "leaves no error budget to burn", "enter an SLO below 100%, such as 99.9%"
        )
    if alert > window:
        raise Conflict(
            "alert_window",
            f"is longer than the SLO window ({format_duration(window)})",
            "enter an alert window no longer than the SLO window, such as 1h",
        )
    highest = 1.0 / (1.0 - slo)
    if rate > highest:
        raise Conflict(
            "burn_rate",
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
            SLO,
            SLO_WINDOW.reused(label="SLO window"),
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
