"""The `sysdesign` command and `python -m sysdesign_core` (DESIGN.md: CLI contract)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sysdesign_core import calculators, run

TWITTER = [
    "--dau",
    "500M",
    "--writes-per-user",
    "2",
    "--read-write-ratio",
    "100",
    "--record-size",
    "200B",
    "--day-seconds",
    "100000",
]


def cli(*args: str, module: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sysdesign_core"] if module else ["sysdesign"]
    return subprocess.run([*command, *args], capture_output=True, text=True, check=False)


def test_list_names_every_calculator() -> None:
    result = cli("list")
    assert result.returncode == 0
    for calc in calculators():
        assert calc.id in result.stdout
        assert calc.description in result.stdout


@pytest.mark.parametrize("module", [False, True])
def test_capacity_table(module: bool) -> None:
    result = cli("capacity", *TWITTER, module=module)
    assert result.returncode == 0, result.stderr
    assert "10K/s" in result.stdout and "200 GB" in result.stdout


def test_json_matches_run() -> None:
    result = cli("capacity", *TWITTER, "--json")
    data = json.loads(result.stdout)
    assert data["calculator"] == "capacity"
    assert data["inputs"]["dau"] == 500e6
    assert data["outputs"]["write_qps"] == {"value": 10000.0, "unit": "1/s", "text": "10K/s"}
    expected = run(
        "capacity",
        {
            "dau": "500M",
            "writes_per_user": "2",
            "read_write_ratio": "100",
            "record_size": "200B",
            "day_seconds": "100000",
        },
    )
    assert data == json.loads(json.dumps(expected))


@pytest.mark.parametrize("bad", ["abc", "-5", "150%", ""])
def test_bad_input_exits_2_with_one_line(bad: str) -> None:
    result = cli("capacity", "--dau", bad)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "dau" in result.stderr


def test_bad_availability() -> None:
    result = cli("availability", "--availability", "150%", "--json")
    assert (result.returncode, result.stdout) == (2, "")
    assert "availability" in result.stderr and "100%" in result.stderr


def test_unknown_flag_and_calculator_exit_2() -> None:
    assert cli("capacity", "--users", "5").returncode == 2
    assert cli("nope").returncode == 2


def test_every_calculator_json_is_valid() -> None:
    for calc in calculators():
        result = cli(calc.id, "--json")
        assert result.returncode == 0, (calc.id, result.stderr)
        data = json.loads(result.stdout)
        assert set(data["outputs"]) == {o.name for o in calc.outputs}


def test_every_calculator_has_help() -> None:
    for calc in calculators():
        result = cli(calc.id, "--help")
        assert result.returncode == 0, (calc.id, result.stderr)
        for item in calc.inputs:
            assert item.flag in result.stdout
