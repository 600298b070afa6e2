"""Every input has an answer: finite numbers or a one-line reason, the calculators never
break.

Property tests iterate the registry, so a calculator added later is covered without a change
here: for every calculator and every input, valid-looking and adversarial strings give a
finite result or an :class:`InputError`, never another exception; the same through the CLI
(exit 2, one line on stderr, nothing on stdout, no traceback) and through the widget's JSON
reply (valid JSON, ``ok`` set, readings for the inputs that parsed).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysdesign_core import InputError, calculators, run
from sysdesign_core.cli import main
from sysdesign_core.errors import QUOTE_LIMIT
from sysdesign_core.registry import KINDS, Calculator, Input, Output, readings
from sysdesign_core.widget import respond, respond_json

CALCULATORS = {calc.id: calc for calc in calculators()}

# --- adversarial strings ---------------------------------------------------------------

UNITS = [
    "", "K", "k", "M", "B", "bn", "T", "million", "%", " %", "B", "KB", "MB", "GB", "TB", "PB",
    "EB", "ZB", "YB", "KiB", "GiB", "Kb", "ms", "ns", "us", "µs", "s", "m", "min", "h", "d",
    "w", "mo", "q", "y", "years", "/s", "/min", "/day", "/year", "/0", " qps", "Gbps", "Mbit/s",
    "MB/s", "nines", "9s", ":1", ":0", ":1e-300", "e308", "e-324", "x", "%%", "M/s/s",
]  # fmt: skip
ODD = [
    "", " ", "abc", "-5", "-0", "+7", "0", "1e400", "-1e400", "1e-400", "5e-324", "1e308",
    "1.7e308", "1.7e308M", "1e300EB", "1e300y", "inf", "nan", "NaN", "Infinity", "1e", ".",
    "1..2", "1,2,3", "2,5", "99,9%", "99,9%, 99,95%", "1,000,000", "1_000", "1,00", "1h -30m",
    "1h 30m", "1h30", "²", "10²", "١٢", "١٢٣M", "１２", "½", "٣%", "9" * 5000, "1" + "0" * 400,
    "0." + "0" * 400 + "1", "1 " * 600, ", " * 30, "0, 5, ²", "bursty", "steady", "serial",
    "parallel", "365", "365.25", "100%", "150%", "0%", "3.5 nines", "20 nines", "0 nines",
    "99.9", "1.5", "\n", "1\n2", "\x00", "1e-17", "1ns", "10000y", "10001y",
]  # fmt: skip

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(min_value=-1e30, max_value=1e30).map(lambda x: f"{x:g}"),
    st.integers(min_value=-(10**60), max_value=10**60).map(str),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.sampled_from(["0", "1", "2", "3", "10", "100", "0.5", "0.001", "1e-300", "1e15"]),
)
quantity = st.builds(
    lambda sign, n, unit: f"{sign}{n}{unit}",
    st.sampled_from(["", "-", "+"]),
    numbers,
    st.sampled_from(UNITS),
)
adversarial = st.one_of(
    quantity,
    st.sampled_from(ODD),
    st.lists(quantity, min_size=1, max_size=5).map(", ".join),
    st.lists(quantity, min_size=1, max_size=3).map(" ".join),
    st.text(max_size=30),
    st.text(alphabet="0123456789.,_-+eE%:/ KMBkmbsy²١１", max_size=20),
)


KIND_UNITS = {
    "count": ["", "K", "M", "B", "T"],
    "number": [""],
    "ratio": ["", ":1", ":1000"],
    "bytes": ["B", "KB", "GB", "PB", "EB", "YB", "KiB"],
    "bandwidth": ["bps", "Mbps", "Gbps", "MB/s"],
    "rate": ["", "/s", "/min", "/day", "/y"],
    "duration": ["ns", "ms", "s", "h", "d", "y"],
    "fraction": ["%", ""],
    "availability": ["%", " nines", ""],
}


def _plausible(item: Input) -> st.SearchStrategy[str]:
    """Values of the input's own kind from 1e-12 to 1e26: the arithmetic at its edges."""
    if item.choices:
        return st.sampled_from(item.choices)
    magnitude = st.floats(min_value=-12, max_value=26).map(lambda m: f"{10**m:.3g}")
    return st.builds(
        lambda n, unit: n + unit, magnitude, st.sampled_from(KIND_UNITS.get(item.kind, [""]))
    )


def _raw_inputs(calc: Calculator, data: st.DataObject) -> dict[str, str]:
    """Some of the calculator's inputs (at least one) set to adversarial or edge values."""
    names = [item.name for item in calc.inputs]
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    return {
        name: data.draw(st.one_of(adversarial, _plausible(calc.input(name))), label=name)
        for name in chosen
    }


def _check_run(calc_id: str, raw: dict[str, str]) -> None:
    try:
        result = run(calc_id, raw)
    except InputError as error:
        for bad in error.errors:
            assert bad.name in {item.name for item in CALCULATORS[calc_id].inputs}
            message = bad.message
            assert "\n" not in message and "\r" not in message
            # The typed text is quoted at most QUOTE_LIMIT characters (+ quotes and …).
            assert len(message) < 2 * QUOTE_LIMIT + 300, message
        return
    kinds = {out.name: out.kind for out in CALCULATORS[calc_id].outputs}
    for name, output in result["outputs"].items():
        assert math.isfinite(output["value"]), (calc_id, raw, name, output)
        # Within the bound of its kind: no storage in yottabytes of yottabytes.
        assert abs(output["value"]) <= KINDS[kinds[name]].most * (1 + 1e-12), (raw, name, output)
        assert isinstance(output["text"], str) and len(output["text"]) < 80, output
    json.dumps(result, allow_nan=False)


def _reject_constant(name: str) -> Any:
    raise AssertionError(f"not JSON: {name}")


# Keep the total modest: CI has two cores and this runs for every calculator.
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
@FEW
@given(data=st.data())
def test_run_gives_finite_numbers_or_an_input_error(calc_id: str, data: st.DataObject) -> None:
    _check_run(calc_id, _raw_inputs(CALCULATORS[calc_id], data))


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_widget_reply_is_always_json_with_ok(calc_id: str, data: st.DataObject) -> None:
    raw = _raw_inputs(CALCULATORS[calc_id], data)
    reply = json.loads(respond_json(calc_id, json.dumps(raw)), parse_constant=_reject_constant)
    assert isinstance(reply["ok"], bool)
    assert isinstance(reply["readings"], dict)
    assert "" not in reply.get("errors", {}), reply  # a failure no input explains: a bug
    if reply["ok"]:
        assert set(reply["result"]["outputs"]) == {o.name for o in CALCULATORS[calc_id].outputs}
    else:
        assert reply["errors"] and all("\n" not in m for m in reply["errors"].values())
        names = {item.name for item in CALCULATORS[calc_id].inputs}
        assert set(reply["readings"]) <= names


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as done:  # argparse: --help, --version, usage errors
            code = int(done.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_cli_exits_0_with_json_or_2_with_one_line(calc_id: str, data: st.DataObject) -> None:
    calc = CALCULATORS[calc_id]
    raw = _raw_inputs(calc, data)
    flags = [f"{calc.input(name).flag}={value}" for name, value in raw.items()]
    code, out, err = _cli(calc_id.replace("_", "-"), *flags, "--json")
    assert "Traceback" not in err
    if code == 0:
        data_out = json.loads(out, parse_constant=_reject_constant)
        assert all(math.isfinite(o["value"]) for o in data_out["outputs"].values())
    else:
        assert code == 2, err
        assert out == ""
        assert len(err.strip().splitlines()) == 1, err


# --- the inputs that broke the calculators, as explicit cases ----------------------------

REGRESSIONS = [
    ("transfer", {"bandwidth": "1e-300"}, "bandwidth"),
    ("cache", {"node_memory": "1e-300"}, "node_memory"),
    ("shards", {"shard_storage": "1e-300"}, "shard_storage"),
    ("servers", {"latency": "1e308"}, "latency"),
    ("snowflake", {"tick": "1e300"}, "tick"),
    ("rate_limiter", {"window": "5e-324"}, "window"),
    ("durability", {"durability": "1e-17"}, "durability"),
    ("rate_limiter", {"trace": "0, 5, ²"}, "trace"),
    ("rate_limiter", {"trace": "9" * 5000}, "trace"),
    ("capacity", {"dau": "9" * 5000}, "dau"),
    ("capacity", {"dau": "1e308"}, "dau"),
    ("capacity", {"dau": "1.7e308M"}, "dau"),
    ("capacity", {"record_size": "1e300EB"}, "record_size"),
    ("capacity", {"retention_years": "1e9"}, "retention_years"),
    ("capacity", {"dau": "2,5"}, "dau"),
    ("capacity", {"dau": "١٢"}, "dau"),
    ("capacity", {"dau": "１２"}, "dau"),
    ("capacity", {"dau": "10²"}, "dau"),
    ("composite", {"components": "99,9%, 99,95%"}, "components"),
    ("error_budget", {"downtime_so_far": "1h -30m"}, "downtime_so_far"),
    ("availability", {"availability": "1.5"}, "availability"),
    # A bandwidth unit without bits or bytes used to read as bytes per second (5 ps = 40 bps).
    ("transfer", {"bandwidth": "5 ps"}, "bandwidth"),
    ("transfer", {"bandwidth": "5/s"}, "bandwidth"),
    ("transfer", {"bandwidth": "/s"}, "bandwidth"),
    ("video", {"playback_bitrate": "3 ps"}, "playback_bitrate"),
    # The ladder used to read "1,5Mbps, 3Mbps" as three rungs (1 bps, 5 Mbps, 3 Mbps).
    ("video", {"ladder": "1,5Mbps, 3Mbps"}, "ladder"),
    ("video", {"ladder": "1Mbps, 5 ps"}, "ladder"),
    # Results far past sense, though finite, used to be answers (3 YB of records a day,
    # 249,000T cache nodes, a 40,800-year transfer, 1,020T hash functions).
    ("capacity", {"record_size": "3PB"}, "record_size"),
    ("cache", {"object_size": "8EiB"}, "object_size"),
    ("transfer", {"size": "161EB"}, "size"),
    ("snowflake", {"tick": "3s"}, "tick"),
    ("bloom", {"bits": "2e16", "items": "13.6"}, "items"),
    ("video", {"views": "5.4e10/s"}, "views"),
    ("video", {"ladder": ", ".join(["1Tbps"] * 30)}, "ladder"),
]


@pytest.mark.parametrize(("calc_id", "raw", "name"), REGRESSIONS)
def test_former_crashes_are_input_errors(calc_id: str, raw: dict[str, str], name: str) -> None:
    with pytest.raises(InputError) as caught:
        run(calc_id, raw)
    assert caught.value.name == name
    assert len(caught.value.message) < 200, caught.value.message
    reply = respond(calc_id, raw)
    assert reply["ok"] is False and name in reply["errors"]
    code, out, err = _cli(calc_id, *(f"--{k.replace('_', '-')}={v}" for k, v in raw.items()))
    assert (code, out) == (2, "") and len(err.splitlines()) == 1 and f": {name}: " in err


@pytest.mark.parametrize(
    ("calc_id", "raw", "output"),
    [
        # Used to show nines "inf": the share of downtime gives them directly.
        ("downtime", {"downtime": "1ns", "window": "1y"}, "nines"),
        # Used to show "nan%": a certain survival loses nothing, however many objects.
        (
            "durability",
            {"durability": "100%", "objects": "1e15", "years": "1000"},
            "chance_of_any_loss",
        ),
    ],
)
def test_former_non_finite_results_are_finite(
    calc_id: str, raw: dict[str, str], output: str
) -> None:
    value = run(calc_id, raw)["outputs"][output]["value"]
    assert math.isfinite(value)


def test_downtime_nines_at_one_nanosecond_a_year() -> None:
    nines = run("downtime", {"downtime": "1ns", "window": "1y"})["outputs"]["nines"]["value"]
    assert nines == pytest.approx(16.5, abs=0.01)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,5", "'2,5' has a decimal comma; write 2.5 with a point"),
        ("abc", "'abc' is not a number; enter a number such as 500, 10K, 500M or 1.5B"),
        ("-5", "'-5' cannot be negative; enter a number such as 500, 10K, 500M or 1.5B"),
        ("١٢", "'١٢' uses digits other than 0-9; write 12"),
        ("1,00", "'1,00' has a decimal comma; write 1.00 with a point"),
        ("1,0000,000", "'1,0000,000' has separators that are not in groups of three; "
         "write 1,000,000 or 1000000"),
    ],
)  # fmt: skip
def test_messages_follow_one_template(text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        run("capacity", {"dau": text})
    assert caught.value.message == expected


def test_a_long_input_is_quoted_short() -> None:
    with pytest.raises(InputError) as caught:
        run("capacity", {"dau": "x" * 100_000})
    assert len(str(caught.value)) < 200
    assert "…'" in str(caught.value)


def test_thousands_separators_in_groups_of_three() -> None:
    assert run("capacity", {"dau": "1,000,000"})["inputs"]["dau"] == 1e6
    assert run("capacity", {"dau": "1_000_000"})["inputs"]["dau"] == 1e6


def test_composite_list_refuses_the_decimal_comma_instead_of_four_items() -> None:
    with pytest.raises(InputError, match="comma between two digits"):
        run("composite", {"components": "99,9%, 99,95%"})
    assert run("composite", {"components": "99.9%,99.95%"})["outputs"]["components_count"][
        "value"
    ] == pytest.approx(2)


def test_negative_part_of_a_duration_is_refused() -> None:
    with pytest.raises(InputError, match="negative part"):
        run("downtime", {"downtime": "1h -30m"})


# --- readings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("calc_id", "name", "text", "reading"),
    [
        ("capacity", "dau", "500M", "= 500,000,000"),
        ("capacity", "record_size", "1.5KB", "= 1.5 KB"),
        ("capacity", "record_size", "4KiB", "= 4.1 KB (4,096 bytes)"),
        ("capacity", "request_size", "", ""),
        ("availability", "availability", "0.9995", "= 99.95%"),
        ("availability", "availability", "1", "= 100%"),
        ("availability", "availability", "3 nines", "= 99.9%"),
        ("tail_latency", "slow_probability", "0.015", "= 1.5%"),
        ("error_budget", "window", "90m", "= 1h 30m"),
        ("transfer", "bandwidth", "125MB/s", "= 1 Gbps"),
        ("cache", "read_qps", "8.64B/day", "= 100K/s"),
        ("composite", "components", "99.9%, 3 nines, 0.99", "= 3 components: 99.9%, 99.9%, 99%"),
        ("rate_limiter", "trace", "0, 5, 20", "= 3 seconds, 25 requests"),
        ("downtime", "window", "1y", "= 1y"),
    ],
)
def test_readings(calc_id: str, name: str, text: str, reading: str) -> None:
    assert readings(calc_id, {name: text})[name] == reading


def test_a_365_day_year_reads_and_computes() -> None:
    shown = readings("downtime", {"window": "1y", "year": "365"})
    assert shown["window"] == "= 365d"
    year = run("availability", {"availability": "99.9%", "year": "365"})["outputs"]
    assert year["downtime_year"]["text"] == "8h 45m 36s"  # 0.1% of 365 days
    assert (
        run("availability", {"availability": "99.9%"})["outputs"]["downtime_year"]["text"]
        == "8h 45m 58s"
    )  # 365.25 days


def test_every_reply_carries_readings_also_when_an_input_is_bad() -> None:
    reply = respond("capacity", {"dau": "abc", "record_size": "1KB"}, with_chart=False)
    assert reply["ok"] is False and "dau" in reply["errors"]
    assert "dau" not in reply["readings"]
    assert reply["readings"]["record_size"] == "= 1 KB"


def test_respond_never_raises() -> None:
    assert respond("no_such_calculator", {})["errors"][""]
    assert respond("capacity", None)["errors"][""]  # type: ignore[arg-type]
    reply = json.loads(respond_json("capacity", "{not json"))
    assert reply["ok"] is False and reply["errors"][""]


def test_every_default_input_has_a_reading() -> None:
    for calc in calculators():
        shown = readings(calc, calc.defaults())
        assert set(shown) == {item.name for item in calc.inputs}, calc.id


def test_a_result_that_overflows_names_the_input_to_change(monkeypatch: Any) -> None:
    # The net under every calculator: bounds aside, run() never returns inf or NaN.
    from dataclasses import replace

    from sysdesign_core import registry

    def compute(values: dict[str, Any]) -> dict[str, float]:
        return {"product": values["a"] * values["b"] * 1e300, "root": math.sqrt(values["b"])}

    # Results of "number" are bounded (1e15) like inputs; this demo needs a kind without a
    # bound on results, so that only the non-finite net is at work.
    unbounded = replace(KINDS["number"], name="unbounded", result_high=math.inf)
    monkeypatch.setitem(KINDS, "unbounded", unbounded)
    calc = Calculator(
        id="overflow_demo",
        title="Overflow",
        description="Overflows on purpose.",
        inputs=(Input("a", "A", "number", "1"), Input("b", "B", "number", "1")),
        outputs=(Output("product", "Product", "unbounded"), Output("root", "Root", "number")),
        compute=compute,
    )
    monkeypatch.setitem(registry._REGISTRY, calc.id, calc)
    assert math.isfinite(run(calc.id, {"b": "1e5"})["outputs"]["product"]["value"])
    with pytest.raises(InputError) as caught:
        run(calc.id, {"a": "2", "b": "1e10"})  # a alone is fine; b makes it overflow
    assert caught.value.name == "b"
    assert caught.value.message == (
        "'1e10' is too extreme for the other inputs: a result would not be a finite number; "
        "enter a smaller value"
    )
    reply = respond(calc.id, {"b": "1e10"})
    assert reply["ok"] is False and "b" in reply["errors"]


# --- regressions of the second fuzz -----------------------------------------------------


@pytest.mark.parametrize(
    "raw_json",
    [
        "[" * 100_000,  # used to raise RecursionError out of respond_json
        '{"dau": ' + "[" * 100_000,
        '{"dau": ' + "[" * 990 + "]" * 990 + "}",  # parses, but too deep to turn into text
        "{" * 50_000,
    ],
)
def test_deeply_nested_json_gets_an_error_reply(raw_json: str) -> None:
    reply = json.loads(respond_json("capacity", raw_json), parse_constant=_reject_constant)
    assert reply["ok"] is False
    assert set(reply) == {"ok", "errors", "readings"}
    (message,) = reply["errors"].values()
    assert message and "\n" not in message and len(message) < 300


@pytest.mark.parametrize("name", ["da\nu", "x\r\ny", "\x00\x1b[31m", "a\u2028b", "n" * 5000])
def test_an_unknown_input_name_gives_a_one_line_message(name: str) -> None:
    with pytest.raises(InputError) as caught:
        run("capacity", {name: "1"})
    text = str(caught.value)
    assert len(text.splitlines()) == 1 and "\r" not in text and "\x1b" not in text, text
    assert text.split(":")[0] != name  # quoted safely, not as typed
    assert len(text) < 400
    reply = respond("capacity", {name: "1"})
    assert reply["ok"] is False
    assert all(len(m.splitlines()) == 1 for m in reply["errors"].values())


def test_a_decimal_comma_in_the_ladder_is_refused_with_the_usual_hint() -> None:
    with pytest.raises(InputError) as caught:
        run("video", {"ladder": "1,5Mbps, 3Mbps"})
    assert caught.value.name == "ladder"
    # The same words as the composite list of availabilities.
    assert "has a comma between two digits ('1,5')" in caught.value.message
    assert "use a decimal point" in caught.value.message
    with pytest.raises(InputError) as composite:
        run("composite", {"components": "99,9%, 99,95%"})
    assert caught.value.accepted == composite.value.accepted


def test_the_ladder_is_parsed_once_by_the_registry() -> None:
    result = run("video", {"ladder": "1.5Mbps, 3Mbps"})
    assert result["inputs"]["ladder"] == [1.5e6, 3e6]
    assert result["outputs"]["ladder_bitrate"]["value"] == 4.5e6
    assert readings("video", {"ladder": "1.5Mbps, 3Mbps"})["ladder"] == (
        "= 2 bitrates: 1.5 Mbps, 3 Mbps"
    )
    with pytest.raises(InputError, match="'0Mbps' that is below 1 bps"):
        run("video", {"ladder": "1Mbps, 0Mbps"})
    with pytest.raises(InputError, match="lists 31 items; list at most 30"):
        run("video", {"ladder": "1Mbps, " * 31})


def test_a_result_beyond_its_bound_names_the_input_to_change() -> None:
    with pytest.raises(InputError) as caught:
        run("capacity", {"record_size": "3PB"})
    assert caught.value.name == "record_size"
    assert caught.value.message == (
        "'3PB' is too extreme for the other inputs: a result (Storage per day) would be above "
        "1 YB; enter a smaller value"
    )
    with pytest.raises(InputError) as divisor:  # a divisor too small: "larger"
        run("bloom", {"bits": "2e16", "items": "13.6"})
    assert divisor.value.name == "items" and divisor.value.accepted == "enter a larger value"


def test_a_bound_on_results_is_the_bound_on_inputs_of_their_kind(monkeypatch: Any) -> None:
    from sysdesign_core import registry

    calc = Calculator(
        id="bound_demo",
        title="Bound",
        description="Passes the bound of counts on purpose.",
        inputs=(Input("a", "A", "count", "1"), Input("b", "B", "count", "1")),
        outputs=(Output("product", "Product", "count"),),
        compute=lambda values: {"product": values["a"] * values["b"]},
    )
    monkeypatch.setitem(registry._REGISTRY, calc.id, calc)
    assert run(calc.id, {"a": "1e7", "b": "1e8"})["outputs"]["product"]["value"] == 1e15
    with pytest.raises(InputError) as caught:
        run(calc.id, {"a": "1e7", "b": "1e9"})  # 1e16 things
    assert caught.value.name == "a"  # the first input that, put back to its default, fixes it
    assert "a result (Product) would be above 1,000T" in caught.value.message  # 1e15


def test_every_default_result_is_within_its_bound() -> None:
    for calc in calculators():
        result = run(calc.id, calc.defaults())  # raises if one is not
        assert set(result["outputs"]) == {out.name for out in calc.outputs}


@pytest.mark.parametrize(
    ("calc_id", "raw", "output", "text"),
    [
        # Used to show "100%": one backend, almost always slow.
        ("tail_latency", {"fanout": "1", "slow_probability": "99.95%"}, "slow_fraction", "99.95%"),
        # Used to show "60s": 59.96 MB at 8 Mbps.
        ("transfer", {"size": "59.96MB", "bandwidth": "8Mbps"}, "duration", "59.96s"),
        ("transfer", {"size": "3599.6MB", "bandwidth": "8Mbps"}, "duration", "59m 59.6s"),
    ],
)
def test_a_result_never_rounds_across_the_figure_that_matters(
    calc_id: str, raw: dict[str, str], output: str, text: str
) -> None:
    assert run(calc_id, raw)["outputs"][output]["text"] == text
