"""The suite's calculators through the CLI contract: ``python -m sysdesign_core ID --json``."""

from __future__ import annotations

import json

import pytest
from cli_support import cli

from sysdesign_core import calculators

NEW_IDS = [calc.id for calc in calculators() if calc.id not in {"capacity", "availability"}]


@pytest.mark.parametrize("calc_id", NEW_IDS)
def test_json_for_every_new_calculator(calc_id: str) -> None:
    done = cli(calc_id, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout, parse_constant=lambda name: pytest.fail(name))
    assert data["calculator"] == calc_id
    for output in data["outputs"].values():
        assert set(output) == {"value", "unit", "text"}
        assert isinstance(output["value"], float)


@pytest.mark.parametrize("calc_id", NEW_IDS)
def test_readable_table(calc_id: str) -> None:
    done = cli(calc_id)
    assert done.returncode == 0, done.stderr
    assert "Results" in done.stdout


def test_list_order() -> None:
    lines = cli("list").stdout.splitlines()
    assert [line.split()[0] for line in lines] == [calc.id for calc in calculators()]


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("quorum", "--nodes", "3", "--required", "5"), "required"),
        (("composite", "--components", "99.9%,abc"), "components"),
        (("transfer", "--bandwidth", "0"), "bandwidth"),
        (("tail-latency", "--fanout", "0"), "fanout"),  # an id with "-" is accepted
        (("no-such-calculator",), None),
        (("tail_latency", "--slow-probability", "120%"), "slow_probability"),
    ],
)
def test_bad_input_exit_two(args: tuple[str, ...], name: str | None) -> None:
    done = cli(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    if name:
        assert f": {name}: " in done.stderr


def test_flags_with_dashes() -> None:
    done = cli(
        "error_budget", "--slo", "99.9%", "--window", "30d", "--downtime-so-far", "1h", "--json"
    )
    data = json.loads(done.stdout)
    assert data["outputs"]["remaining"]["value"] < 0
