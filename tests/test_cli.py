"""The `sysdesign` command and `python -m sysdesign_core` (DESIGN.md: CLI contract)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from cli_support import cli, cli_process

from sysdesign_core import calculators, run

# The interview's Twitter numbers, as run() takes them and as flags.
TWITTER_INPUTS = {
    "dau": "500M",
    "writes_per_user": "2",
    "read_write_ratio": "100",
    "record_size": "200B",
    "day_seconds": "100000",
}
TWITTER = [
    arg for name, value in TWITTER_INPUTS.items() for arg in ("--" + name.replace("_", "-"), value)
]


def test_list_names_every_calculator() -> None:
    result = cli("list")
    assert result.returncode == 0
    for calc in calculators():
        assert calc.id in result.stdout
        assert calc.description in result.stdout


@pytest.mark.parametrize("module", [False, True])
def test_capacity_table(module: bool) -> None:
    result = cli_process("capacity", *TWITTER, module=module)
    assert result.returncode == 0, result.stderr
    assert "10K/s" in result.stdout and "200 GB" in result.stdout


def test_json_matches_run() -> None:
    result = cli("capacity", *TWITTER, "--json")
    data = json.loads(result.stdout)
    assert data["calculator"] == "capacity"
    assert data["inputs"]["dau"] == 500e6
    assert data["outputs"]["write_qps"] == {"value": 10000.0, "unit": "1/s", "text": "10K/s"}
    expected = run("capacity", TWITTER_INPUTS)
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


def test_version() -> None:
    from sysdesign_core import __version__

    result = cli("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"sysdesign {__version__}")


def test_sysdesign_alone_lists_the_calculators_and_how_to_run_one() -> None:
    result = cli()
    assert result.returncode == 0, result.stderr
    for calc in calculators():
        assert calc.id in result.stdout
    assert "sysdesign ID --help" in result.stdout
    assert "sysdesign capacity --dau 500M" in result.stdout


@pytest.mark.parametrize("name", ["rate-limiter", "rate_limiter"])
def test_ids_accept_dash_and_underscore(name: str) -> None:
    result = cli(name, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["calculator"] == "rate_limiter"


def test_a_closed_pipe_ends_quietly() -> None:
    # The reader goes away before the command writes (as `| head -1` may): no traceback.
    with subprocess.Popen(
        ["sysdesign", "rate_limiter", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        error = process.stderr.read()
        assert process.wait() == 0
    assert error == ""


def test_every_help_shows_an_example_and_the_notation() -> None:
    for calc in calculators():
        result = cli(calc.id, "--help")
        assert result.returncode == 0, (calc.id, result.stderr)
        assert f"example:\n  sysdesign {calc.id}" in result.stdout
        assert "notation" in result.stdout and "1h 30m" in result.stdout
        assert "%%" not in result.stdout


def test_an_overflowing_input_exits_2_with_one_line() -> None:
    result = cli("transfer", "--bandwidth", "1e-300", "--json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("sysdesign transfer: bandwidth: '1e-300' is below 1 bps")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def _ascii_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The command on a stream that can only encode ASCII (as under LANG=C)."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    return subprocess.run(
        [sys.executable, "-m", "sysdesign_core", *args], capture_output=True, env=env, check=False
    )


@pytest.mark.parametrize(
    "args",
    [
        ("count-min",),  # labels with ε and δ: used to end in UnicodeEncodeError, status 1
        ("count-min", "--help"),
        ("bloom",),
        ("list",),
    ],
)
def test_a_terminal_without_utf8_still_gets_the_output(args: tuple[str, ...]) -> None:
    result = _ascii_cli(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    result.stdout.decode("ascii")  # nothing the stream cannot hold
    if args == ("count-min",):
        assert b"\\u03b5" in result.stdout  # ε, escaped rather than lost


def test_json_on_a_terminal_without_utf8_is_the_same_json() -> None:
    # A duration in µs: the text has a character ASCII lacks.
    args = ("availability", "--availability", "99.99999999%", "--json")
    result = _ascii_cli(*args)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.decode("ascii"))
    assert data == json.loads(cli(*args).stdout)
    assert "µs" in data["outputs"]["downtime_day"]["text"]


def test_a_bad_input_on_a_terminal_without_utf8_is_one_line() -> None:
    result = _ascii_cli("capacity", "--record-size", "5 parsecs")  # the hint has ×
    assert (result.returncode, result.stdout) == (2, b"")
    assert len(result.stderr.decode("ascii").splitlines()) == 1
    assert b"record_size" in result.stderr and b"Traceback" not in result.stderr


# --- every calculator through the JSON and table output -----------------------------------

# Every calculator but the two the tests above take through their own cases.
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
