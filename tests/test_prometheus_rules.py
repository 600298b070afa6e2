"""``sysdesign burn-rate --prometheus``: the rules file passes Prometheus's own checker, and its
alerts fire (and stay quiet) where the SRE Workbook says, run by ``promtool test rules``.

promtool comes from the ``prometheus`` package (``tools/ensure-promtool.sh``, run by
``make install``). Without it these tests are skipped, except with ``CI`` set, where they fail.
They need no browser, so ``make test-fast`` runs them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sysdesign_core import InputError, catalog
from sysdesign_core.burn_rate import WORKBOOK_RULES, burn_rate_for, prometheus_rules
from sysdesign_core.exports import write
from sysdesign_core.units import DAY, parse_duration, parse_fraction

# (SLO, SLO window, extra CLI options): the workbook's 30 days at three SLOs, and other windows.
CASES = [
    ("99.9%", "30d", ()),
    ("99.95%", "30d", ()),
    ("99.99%", "30d", ()),
    ("99.95%", "28d", ()),
    (
        "99%",
        "7d",
        (
            "--error-metric",
            'grpc_server_handled_total{grpc_code!="OK", method=~"Get.*|List\\\\..*"}',
            "--total-metric",
            "grpc_server_handled_total",
            "--matchers",
            'service="checkout", env!="dev",region=eu',
        ),
    ),
    ("99.9%", "90d", ("--matchers", "")),
]


@pytest.fixture(scope="module")
def promtool() -> str:
    found = shutil.which("promtool")
    if found:
        return found
    reason = "promtool not found: run `make install` (tools/ensure-promtool.sh)"
    if os.environ.get("CI"):
        pytest.fail(f"cannot check the Prometheus rules in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def rules_file(tmp_path: Path, slo: str, window: str, extra: tuple[str, ...] = ()) -> Path:
    """The file the command prints, saved as a reader would save it."""
    command = [sys.executable, "-m", "sysdesign_core", "burn-rate", "--slo", slo]
    command += ["--window", window, "--prometheus", *extra]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    path = tmp_path / "slo-rules.yml"
    path.write_text(result.stdout, encoding="utf-8")
    return path


@pytest.mark.parametrize(("slo", "window", "extra"), CASES)
def test_promtool_checks_the_rules(
    promtool: str, tmp_path: Path, slo: str, window: str, extra: tuple[str, ...]
) -> None:
    path = rules_file(tmp_path, slo, window, extra)
    checked = subprocess.run(
        [promtool, "check", "rules", str(path)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # Five recording rules (5m, 30m, 1h, 6h, 3d) and two alerts (page, ticket).
    assert "SUCCESS: 7 rules found" in checked.stdout


def _unit_test(rules: Path, errors_per_minute: float, alerts: list[str]) -> str:
    """A ``promtool test rules`` file: 1,000 requests a minute for three hours, of which
    ``errors_per_minute`` fail; at 70 minutes exactly ``alerts`` (severities) fire."""
    summaries = dict(
        re.findall(r'severity: "(\w+)"\n\s+annotations:\n\s+summary: "(.*)"', rules.read_text())
    )
    expected = "".join(
        f"""
          - exp_labels: {{severity: {severity}, job: api}}
            exp_annotations: {{summary: "{summaries[severity]}"}}"""
        for severity in alerts
    )
    return f"""rule_files: [{rules.name}]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'http_requests_total{{job="api", code="200"}}'
        values: '0+{1000 - errors_per_minute:g}x180'
      - series: 'http_requests_total{{job="api", code="503"}}'
        values: '0+{errors_per_minute:g}x180'
      - series: 'http_requests_total{{job="other", code="503"}}'
        values: '0+1000x180'
    alert_rule_test:
      - eval_time: 70m
        alertname: ErrorBudgetBurn
        exp_alerts: {"[]" if not alerts else ""}{expected}
"""


@pytest.mark.parametrize(
    ("errors_per_minute", "alerts"),
    [
        # 99.9% SLO: 2% failing is a 20x burn, past 14.4x over 1 h and 5 min: page (and ticket).
        (20, ["page", "ticket"]),
        # 0.8% is 8x: under 14.4x, past 6x over 6 h and 30 min: still a page.
        (8, ["page", "ticket"]),
        # 0.3% is 3x: only the ticket's 1x over 3 days and 6 h.
        (3, ["ticket"]),
        # 0.05% is half the budget's pace: nothing fires.
        (0.5, []),
    ],
)
def test_alerts_fire_at_the_workbook_burn_rates(
    promtool: str, tmp_path: Path, errors_per_minute: float, alerts: list[str]
) -> None:
    rules = rules_file(tmp_path, "99.9%", "30d")
    test = tmp_path / "test.yml"
    test.write_text(_unit_test(rules, errors_per_minute, alerts), encoding="utf-8")
    result = subprocess.run(
        [promtool, "test", "rules", test.name],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def thresholds(text: str) -> dict[str, float]:
    """``{series: threshold}`` from the alerts' ``series{...} > (factor * budget)`` lines."""
    found: dict[str, float] = {}
    for series, factor, budget in re.findall(
        r"(\S+ratio_rate\w+)\{[^}]*\} > \((\S+) \* (\S+)\)", text
    ):
        found.setdefault(series, float(factor) * float(budget))
    return found


@pytest.mark.parametrize(("slo", "window"), [("0.999", 30), ("0.9995", 30), ("0.9995", 28)])
def test_thresholds_are_burn_rate_times_the_budget(slo: str, window: int) -> None:
    text = prometheus_rules(float(slo), window * DAY)
    found = thresholds(text)
    budget = 1 - float(slo)
    for rule in WORKBOOK_RULES:
        burn = burn_rate_for(rule.budget_share, rule.long_window, window * DAY)
        for seconds in (rule.long_window, rule.short_window):
            name = next(s for s in found if s.endswith(_window(seconds)))
            if rule.severity == "ticket" and seconds == 6 * 3600:
                continue  # 6 h is also the slow page's long window; checked there
            assert found[name] == pytest.approx(burn * budget, rel=1e-3), name


def _window(seconds: float) -> str:
    for unit, size in (("d", DAY), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"ratio_rate{int(seconds // size)}{unit}"
    raise AssertionError(seconds)


def test_thirty_days_are_the_workbook_table() -> None:
    # The generator's rules are the catalog's table, whose factors are the workbook's.
    rows = catalog.TABLES["burn_rate_alerts"].rows
    assert len(rows) == len(WORKBOOK_RULES)
    for row, rule in zip(rows, WORKBOOK_RULES, strict=True):
        assert parse_duration(row.long_window) == rule.long_window
        assert parse_duration(row.short_window) == rule.short_window
        assert parse_fraction(row.budget_consumed) == pytest.approx(rule.budget_share)
        assert rule.burn_rate(30 * DAY) == float(row.burn_rate)
        assert rule.severity in row.name.lower()
    # 28 days: the same shares of the budget, so 14.4 x 28/30.
    assert [rule.burn_rate(28 * DAY) for rule in WORKBOOK_RULES] == [13.44, 5.6, 0.9333]


@pytest.mark.parametrize(
    ("inputs", "options", "name", "words"),
    [
        ({"slo": "100%"}, {}, "slo", "no error budget"),
        ({"slo": "90%"}, {}, "slo", "could never fire"),
        ({"window": "2d"}, {}, "window", "shorter than the longest alert window"),
        ({}, {"matchers": 'job=="api"'}, "matchers", "label matchers"),
        ({}, {"matchers": 'job="a\nb"'}, "matchers", "label matchers"),
        ({}, {"matchers": 'job="a\\q"'}, "matchers", "label matchers"),
        ({}, {"error_metric": "5xx_total"}, "error_metric", "metric name"),
        ({}, {"error_metric": "http_requests_total"}, "error_metric", "always be 100%"),
        ({}, {"total_metric": "a b"}, "total_metric", "metric name"),
        ({}, {"colour": "red"}, "colour", "not an option"),
    ],
)
def test_bad_inputs_name_the_input(inputs: dict, options: dict, name: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        write("burn_rate", "prometheus", inputs, options)
    assert caught.value.name == name
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--matchers", 'job="x"'], "only changes the output of --prometheus"),
        (["--prometheus", "--json"], "choose one"),
        (["--prometheus", "--slo", "99.99999%", "--window", "1d"], "window"),
    ],
)
def test_cli_refuses_in_one_line(args: list[str], words: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sysdesign_core", "burn_rate", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert words in result.stderr and len(result.stderr.splitlines()) == 1
