"""The rate-limiter simulator: each algorithm's defining behaviour on small traces."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sysdesign_core import InputError, run, widget
from sysdesign_core.ratelimit import (
    ALGORITHMS,
    MAX_PER_STEP,
    MAX_REQUESTS,
    MAX_STEPS,
    PRESETS,
    fixed_window,
    leaky_bucket,
    parse_trace,
    simulate,
    sliding_counter,
    sliding_log,
    token_bucket,
)


def test_under_the_limit_everything_passes() -> None:
    trace = [1, 0, 2, 1, 0, 1]
    for counts in simulate(trace, limit=10, window=10).values():
        assert counts == trace


def test_fixed_window_lets_double_through_at_the_edge() -> None:
    # 10 requests just before and 10 just after a boundary: a fixed window accepts all 20
    # within two seconds, a sliding log only 10 (the classic boundary problem).
    trace = [0] * 9 + [10, 10]
    assert sum(fixed_window(trace, 10, 10)) == 20
    assert sum(sliding_log(trace, 10, 10)) == 10
    assert sum(sliding_counter(trace, 10, 10)) <= 11


def test_token_bucket_burst_then_refill_rate() -> None:
    trace = [20] + [5] * 10
    accepted = token_bucket(trace, limit=10, window=10)
    assert accepted[0] == 10  # the full bucket
    assert all(count == 1 for count in accepted[1:])  # then 1 token a second


def test_leaky_bucket_accepts_like_token_bucket_but_delays() -> None:
    trace = list(PRESETS["bursty"])
    accepted, delay = leaky_bucket(trace, 10, 10)
    assert accepted == token_bucket(trace, 10, 10)
    assert delay == pytest.approx(10)  # a full queue of 10 drained at 1 a second


@given(
    st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=40),
    st.integers(min_value=1, max_value=20),
    st.integers(min_value=1, max_value=15),
)
def test_never_more_than_arrived_and_log_is_exact(
    trace: list[int], limit: int, window: int
) -> None:
    results = simulate(trace, limit, window)
    assert set(results) == set(ALGORITHMS)
    for counts in results.values():
        assert all(0 <= got <= asked for got, asked in zip(counts, trace, strict=True))
    log = results["sliding_log"]
    for start in range(len(trace)):
        # requests of second s arrive in [s, s + 1), so everything accepted in seconds
        # start … start + window − 1 lies within one sliding window of `window` seconds
        assert sum(log[start : start + window]) <= limit
    for begin in range(0, len(trace), window):
        assert sum(results["fixed_window"][begin : begin + window]) <= limit


def test_presets_and_parse() -> None:
    assert parse_trace("steady") == list(PRESETS["steady"])
    assert parse_trace(" 1, 2;3 ") == [1, 2, 3]
    with pytest.raises(InputError) as caught:
        parse_trace("1, -2")
    assert caught.value.name == "trace"
    with pytest.raises(InputError):
        parse_trace(",".join(["1"] * 500))


def test_a_decimal_comma_in_the_trace_is_refused_with_the_usual_hint() -> None:
    with pytest.raises(InputError) as caught:
        run("rate_limiter", {"trace": "0, 2,5, 3"})
    assert caught.value.name == "trace"
    assert "has a comma between two digits ('2,5')" in caught.value.message
    with pytest.raises(InputError) as ladder:  # the words of every list input
        run("video", {"ladder": "1,5Mbps, 3Mbps"})
    assert caught.value.accepted == ladder.value.accepted


@pytest.mark.parametrize(
    ("trace", "words"),
    [
        (", ".join(["1"] * (MAX_STEPS + 1)), f"lists {MAX_STEPS + 1} items; list at most"),
        (f"0, {MAX_PER_STEP + 1}", f"that is more than {MAX_PER_STEP:,} requests in one second"),
        (
            ", ".join([str(MAX_PER_STEP)] * 21),
            f"requests in all; keep the trace to {MAX_REQUESTS:,}",
        ),
        ("0, 1.5", "is not a whole number"),
        ("x" * 1001, "is too long"),
    ],
)
def test_the_traces_bounds_name_the_input(trace: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        run("rate_limiter", {"trace": trace})
    assert caught.value.name == "trace"
    assert words in caught.value.message


def test_the_trace_is_parsed_once_per_request(parse_list_calls: list[str]) -> None:
    calls = parse_list_calls
    reply = widget.respond("rate_limiter", {"trace": "0, 5, 20"})  # readings, numbers, chart
    assert reply["ok"] and reply["chart"]
    assert calls == ["0, 5, 20"]
    calls.clear()
    assert run("rate_limiter", {"trace": "0, 5, 20"})["outputs"]["requests"]["value"] == 25
    assert calls == ["0, 5, 20"]


def test_calculator_outputs() -> None:
    result = run("rate_limiter", {"trace": "0, 10, 10", "limit": "10", "window": "10s"})
    outputs = {name: out["value"] for name, out in result["outputs"].items()}
    assert outputs["requests"] == 20
    assert outputs["fixed_window_accepted"] == 10
    assert outputs["sliding_log_accepted"] == 10
