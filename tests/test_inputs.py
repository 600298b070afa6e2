"""One contract per input: the registry parses every input once, by its kind, and a
calculator's ``compute()`` sees parsed values only; an input several calculators share is
declared once; a conflict between inputs names the input and quotes what was typed in it.

Property tests iterate the registry, so a calculator added later is covered as it registers.
"""

from __future__ import annotations

import contextlib
import io
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysdesign_core import InputError, calculators, inputs, run
from sysdesign_core.cli import main
from sysdesign_core.errors import Conflict, quote
from sysdesign_core.exports import write
from sysdesign_core.onward import onward_inputs
from sysdesign_core.registry import KINDS, Calculator, Input, Kind, register_kind
from sysdesign_core.widget import respond

CALCULATORS = {calc.id: calc for calc in calculators()}

# Texts of every kind, and text that is none: each input is drawn from these, its own
# default and its choices, so compute() meets good values of every kind (and run() refuses
# the rest before compute() sees them).
SAMPLES = [
    "0", "1", "3", "2.5", "500M", "1e15", "10K/s", "5M/day", "200B", "1.5KB", "4KiB", "3PB",
    "1Gbps", "125MB/s", "200ms", "30d", "1y", "99.9%", "3 nines", "0.5", "1%", "100%", "1km",
    "$6.88", "bursty", "steady", "0, 5, 20", "99.9%, 99.95%", "99.99% * (99.9% | 99.9%)",
    "1Mbps, 3Mbps", "serial", "parallel", "365", "abc", "", "99,9%, 99,95%",
]  # fmt: skip


def _value(item: Input) -> st.SearchStrategy[str]:
    return st.one_of(st.just(item.default), st.sampled_from(SAMPLES + list(item.choices)))


def _problems(calc: Calculator, values: dict[str, Any]) -> list[str]:
    """What is wrong with the values compute() received: a str is only ever a word chosen
    among a ``text`` input's choices; a quantity arrives as a float, a list as a tuple of
    floats, any other kind as its own parsed value (never the text typed)."""
    wrong = []
    for item in calc.inputs:
        value = values[item.name]
        kind = KINDS[item.kind]
        if value is None:
            ok = item.optional
        elif isinstance(value, str):
            ok = item.kind == "text" and value in item.choices
        elif item.many:
            ok = isinstance(value, tuple) and all(isinstance(x, float) for x in value)
        elif kind.quantity:
            ok = isinstance(value, float)
        else:
            ok = True  # a topology, a trace, a year's days: parsed by the kind
        if not ok:
            wrong.append(f"{calc.id}.{item.name} ({item.kind}) got {value!r}")
    return wrong


@contextlib.contextmanager
def _spying(calc: Calculator) -> Iterator[list[dict[str, Any]]]:
    """Every ``values`` the registered calculator's compute() receives, while inside."""
    from sysdesign_core import registry

    seen: list[dict[str, Any]] = []

    def spy(values: dict[str, Any]) -> Any:
        seen.append(dict(values))
        return calc.compute(values)

    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(registry._REGISTRY, calc.id, replace(calc, compute=spy))
        yield seen


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_compute_receives_parsed_values_only(calc_id: str, data: st.DataObject) -> None:
    calc = CALCULATORS[calc_id]
    raw = {item.name: data.draw(_value(item), label=item.name) for item in calc.inputs}
    with _spying(calc) as seen:
        with contextlib.suppress(InputError):
            run(calc_id, raw)
        with contextlib.suppress(InputError):
            respond(calc_id, raw)  # the widget's reply, chart included
    for values in seen:
        assert not _problems(calc, values)


def test_compute_receives_the_defaults_parsed() -> None:
    for calc in calculators():
        with _spying(calc) as seen:
            run(calc.id, {})
        assert seen and not _problems(calc, seen[0]), calc.id


def test_the_days_in_a_year_reach_compute_as_a_number() -> None:
    calc = CALCULATORS["availability"]
    with _spying(calc) as seen:
        run("availability", {"year": "365"})
    assert seen[0]["year"] == 365.0
    # run() still reports the choice as it reads, so a sheet or a link carries it unchanged.
    assert run("availability", {"year": "365"})["inputs"]["year"] == "365"


@pytest.mark.parametrize("calc_id", list(CALCULATORS))
def test_every_input_is_parsed_once_per_widget_reply(calc_id: str) -> None:
    calc = CALCULATORS[calc_id]
    counts: Counter[int] = Counter()
    parse = Input.parse

    def counting(self: Input, raw: str, **options: Any) -> Any:
        counts[id(self)] += 1
        return parse(self, raw, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Input, "parse", counting)
        reply = respond(calc_id, calc.defaults())  # readings, numbers and chart
    assert reply["ok"], reply
    assert {item.name: counts[id(item)] for item in calc.inputs} == dict.fromkeys(
        calc.defaults(), 1
    )


def test_a_kind_that_is_not_a_quantity_is_reported_as_it_was_typed() -> None:
    # What run() reports is what a sheet ("Open in the worksheet") or a link carries on.
    assert run("composite", {"components": " 99% | 99% "})["inputs"]["components"] == "99% | 99%"
    assert run("rate_limiter", {"trace": "0, 5, 20"})["inputs"]["trace"] == "0, 5, 20"
    assert run("rate_limiter", {})["inputs"]["trace"] == "bursty"


def test_a_kind_is_registered_once() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        register_kind(Kind("trace", str, str, "text", "", quantity=False))


# --- inputs shared by several calculators -------------------------------------------------

# Inputs of the same name that mean different things in different calculators.
DIFFERENT_MEANINGS = {
    "window": {"cache", "rate_limiter"},  # a hot set's window, a rate limit's window
    "nodes": {"quorum", "scaling"},  # replicas in a quorum, a cluster's size
    "layers": {"llm_serving", "retry_amplification"},  # a model's layers, a call chain's
    "availability": {"quorum"},  # one replica's, not the service's
}


def _declarations() -> dict[str, list[tuple[str, Input]]]:
    found: dict[str, list[tuple[str, Input]]] = defaultdict(list)
    for calc in calculators():
        for item in calc.inputs:
            if calc.id not in DIFFERENT_MEANINGS.get(item.name, set()):
                found[item.name].append((calc.id, item))
    return found


def test_an_input_shared_by_calculators_has_one_kind_and_one_set_of_bounds() -> None:
    for name, uses in _declarations().items():
        shapes = {
            (item.kind, item.bounds, item.integer, item.many, item.optional, item.choices)
            for _, item in uses
        }
        assert len(shapes) == 1, (name, [(calc_id, item) for calc_id, item in uses])


@pytest.mark.parametrize(
    ("shared", "calc_ids"),
    [
        (inputs.SLO, ["error_budget", "burn_rate"]),
        (inputs.SLO_WINDOW, ["downtime", "error_budget", "burn_rate"]),
        (inputs.DAYS_IN_YEAR, ["availability", "downtime"]),
        (inputs.DAU, ["capacity", "cost"]),
        (inputs.PEAK_QPS, ["servers", "cost"]),
        (inputs.REPLICAS, ["capacity", "erasure_coding"]),
    ],
)
def test_shared_inputs_come_from_one_declaration(shared: Input, calc_ids: list[str]) -> None:
    for calc_id in calc_ids:
        item = CALCULATORS[calc_id].input(shared.name)
        # Its own default, label or help at most: nothing else differs.
        assert replace(item, default=shared.default, label=shared.label, help=shared.help) == (
            shared
        ), calc_id


def test_the_defaults_of_shared_inputs_stay_per_calculator() -> None:
    assert CALCULATORS["cost"].input("peak_qps").default == "3.5M/s"
    assert CALCULATORS["servers"].input("peak_qps").default == "30K/s"
    assert CALCULATORS["burn_rate"].input("window").label == "SLO window"


def test_the_largest_capacity_estimate_links_on_to_a_cost_that_is_accepted() -> None:
    # capacity took up to 1e12 daily users and the cost calculator refused above 1e11, so
    # the onward link of a large estimate opened on an error.
    links = onward_inputs(run("capacity", {"dau": "1e12"}))
    assert run("cost", links["cost"])["inputs"]["dau"] == 1e12


@pytest.mark.parametrize(
    ("calc_id", "raw", "name", "words"),
    [
        ("capacity", {"replicas": "2.5"}, "replicas", "not a whole number"),
        ("capacity", {"replicas": "101"}, "replicas", "above 100"),
        ("capacity", {"dau": "0"}, "dau", "below 1"),
        ("cost", {"dau": "2e12"}, "dau", "above 1T"),
        ("servers", {"peak_qps": "2e10"}, "peak_qps", "above 10B/s"),
        ("downtime", {"window": "30s"}, "window", "below 1m"),
        ("error_budget", {"window": "11y"}, "window", "above 10y"),
    ],
)
def test_shared_bounds_apply_in_every_calculator(
    calc_id: str, raw: dict[str, str], name: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        run(calc_id, raw)
    assert caught.value.name == name
    assert words in caught.value.message


def test_zero_peak_requests_need_one_server_and_cost_one() -> None:
    assert run("servers", {"peak_qps": "0"})["outputs"]["servers"]["value"] == 1
    assert run("cost", {"peak_qps": "0"})["outputs"]["servers"]["value"] == 1


# --- conflicts between inputs ---------------------------------------------------------------

CONFLICTS = [
    ("quorum", {"required": "4.0"}, "required", "is more than the 3 nodes"),
    ("quorum", {"nodes": "1"}, "required", "is more than the 1 nodes"),  # required's default
    ("downtime", {"downtime": "2160h", "window": "30d"}, "downtime", "is longer than the window"),
    ("error_budget", {"slo": "1"}, "slo", "leaves no error budget"),
    ("error_budget", {"downtime_so_far": "744h"}, "downtime_so_far", "is longer than the window"),
    ("burn_rate", {"slo": "1.0"}, "slo", "leaves no error budget"),
    ("burn_rate", {"alert_window": "744h"}, "alert_window", "is longer than the SLO"),
    ("burn_rate", {"slo": "99%", "burn_rate": "1.01e2"}, "burn_rate", "would need more than 100%"),
    ("fanout", {"celebrity_share": "0.1"}, "celebrity_share", "with 5M followers"),
    ("snowflake", {"timestamp_bits": "5e1"}, "timestamp_bits", "with the other fields makes 72"),
    ("queue_drain", {"consumers": "5.0"}, "consumers", "is too few to drain"),
    ("headroom", {"lost": "3.0"}, "lost", "leaves none of the 3 instances"),
]


@pytest.mark.parametrize(("calc_id", "raw", "name", "words"), CONFLICTS)
def test_a_conflict_names_the_input_and_quotes_what_was_typed(
    calc_id: str, raw: dict[str, str], name: str, words: str
) -> None:
    typed = raw.get(name, CALCULATORS[calc_id].input(name).default)
    with pytest.raises(InputError) as caught:
        run(calc_id, raw)
    assert caught.value.name == name
    assert caught.value.message.startswith(f"{quote(typed)} {words}"), caught.value.message
    reply = respond(calc_id, raw)
    assert reply["errors"][name] == caught.value.message


def test_the_command_line_quotes_a_conflicting_value_as_typed() -> None:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["quorum", "--required", "4.0"])
    assert code == 2
    assert "required: '4.0' is more than the 3 nodes" in err.getvalue()


def test_an_export_quotes_a_conflicting_value_as_typed() -> None:
    with pytest.raises(InputError) as caught:
        write("burn_rate", "prometheus", {"slo": "1", "window": "30d"})
    assert caught.value.name == "slo" and caught.value.message.startswith("'1' leaves no")
    with pytest.raises(InputError) as short:
        write("burn_rate", "prometheus", {"window": "24h"})
    assert short.value.name == "window" and short.value.message.startswith("'24h' is shorter")


def test_a_conflict_raised_outside_run_reads_without_a_quote() -> None:
    error = Conflict("lost", "leaves none of the 3 instances", "enter fewer than 3")
    assert str(error) == "lost: leaves none of the 3 instances; enter fewer than 3"
    assert str(error.quoting({"lost": "3"})).startswith("lost: '3' leaves none")
