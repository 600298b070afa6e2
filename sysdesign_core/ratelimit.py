"""Rate-limiting algorithms, run side by side on one request trace.

A trace is a list of request counts, one per second; the requests of a second arrive evenly
spread within it. Every limiter allows ``limit`` requests per ``window`` seconds:

- **token bucket**: a bucket of ``limit`` tokens, refilled at ``limit / window`` a second;
  a request takes a token or is rejected. Starts full, so it lets a burst through.
- **leaky bucket** (as a queue): a queue of ``limit`` places drained at ``limit / window`` a
  second; a request that finds the queue full is rejected. It accepts exactly what the token
  bucket accepts (the two are mirror images), but releases them at a constant pace, so its
  cost is delay, reported as ``leaky_bucket_max_delay``.
- **fixed window**: a counter per aligned window ``[k·window, (k+1)·window)``.
- **sliding window log**: the times of accepted requests in the last ``window`` seconds.
- **sliding window counter**: the previous window's count weighted by how much of it still
  overlaps the sliding window, plus the current window's count.

The calculator's ``trace`` input has a kind of its own, ``trace`` (:data:`TRACE_KIND`):
the registry parses it once per request, with the rules of every list input (no decimal
comma, at most 1,000 characters, each second a whole number of requests within bounds), and
``compute()`` receives a :class:`RequestTrace`.

>>> trace = [0, 0, 8, 9]
>>> accepted = simulate(trace, limit=10, window=10)
>>> accepted["fixed_window"], accepted["sliding_log"]
([0, 0, 8, 2], [0, 0, 8, 2])
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import charts, units
from .errors import ParseError
from .registry import Calculator, Input, Kind, Output, Values, register, register_kind

__all__ = [
    "ALGORITHMS",
    "rate_limit_chart",
    "PRESETS",
    "arrivals",
    "token_bucket",
    "leaky_bucket",
    "fixed_window",
    "sliding_log",
    "sliding_counter",
    "simulate",
    "RequestTrace",
    "read_trace",
    "parse_trace",
    "TRACE_KIND",
    "TRACE",
    "RATE_LIMITER",
]

PRESETS: dict[str, tuple[int, ...]] = {
    # Quiet, then bursts straddling the boundary of the first two 10 s windows, then a spike.
    "bursty": (
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        2,
        8,
        9,
        9,
        8,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        0,
        14,
        0,
        0,
        0,
        0,
        3,
        3,
        3,
        0,
        0,
    ),
    "steady": (2,) * 30,
}
MAX_STEPS = 120
MAX_PER_STEP = 1000
MAX_REQUESTS = 20_000  # in the whole trace: a run (and its chart) stays well under a second

Accepted = list[int]


def arrivals(trace: Sequence[int]) -> list[tuple[int, float]]:
    """``(second, time)`` of every request: a second's ``k`` requests at ``s + i/k``."""
    return [
        (second, second + i / count) for second, count in enumerate(trace) for i in range(count)
    ]


def _tally(trace: Sequence[int], decide: Callable[[float], bool]) -> Accepted:
    accepted = [0] * len(trace)
    for second, time in arrivals(trace):
        if decide(time):
            accepted[second] += 1
    return accepted


def token_bucket(trace: Sequence[int], limit: int, window: float) -> Accepted:
    """Accepted requests per second under a token bucket of ``limit`` tokens."""
    rate = limit / window
    tokens, last = float(limit), 0.0

    def decide(time: float) -> bool:
        nonlocal tokens, last
        tokens = min(float(limit), tokens + (time - last) * rate)
        last = time
        if tokens >= 1 - 1e-9:
            tokens -= 1
            return True
        return False

    return _tally(trace, decide)


def leaky_bucket(trace: Sequence[int], limit: int, window: float) -> tuple[Accepted, float]:
    """Accepted requests per second and the longest queueing delay of a leaky bucket."""
    rate = limit / window
    level, last, worst = 0.0, 0.0, 0.0

    def decide(time: float) -> bool:
        nonlocal level, last, worst
        level = max(0.0, level - (time - last) * rate)
        last = time
        if level + 1 <= limit + 1e-9:
            level += 1
            worst = max(worst, level / rate)  # it leaves once the queue ahead has drained
            return True
        return False

    return _tally(trace, decide), worst


def fixed_window(trace: Sequence[int], limit: int, window: float) -> Accepted:
    """Accepted requests per second with one counter per aligned window."""
    counts: dict[int, int] = {}

    def decide(time: float) -> bool:
        key = math.floor(time / window + 1e-9)
        if counts.get(key, 0) < limit:
            counts[key] = counts.get(key, 0) + 1
            return True
        return False

    return _tally(trace, decide)


def sliding_log(trace: Sequence[int], limit: int, window: float) -> Accepted:
    """Accepted requests per second keeping the time of every accepted request."""
    log: deque[float] = deque()

    def decide(time: float) -> bool:
        while log and log[0] <= time - window + 1e-9:
            log.popleft()
        if len(log) < limit:
            log.append(time)
            return True
        return False

    return _tally(trace, decide)


def sliding_counter(trace: Sequence[int], limit: int, window: float) -> Accepted:
    """Accepted requests per second estimating the sliding count from two window counters."""
    counts: dict[int, int] = {}

    def decide(time: float) -> bool:
        key = math.floor(time / window + 1e-9)
        overlap = 1 - (time - key * window) / window
        estimate = counts.get(key - 1, 0) * overlap + counts.get(key, 0)
        if estimate + 1 <= limit + 1e-9:
            counts[key] = counts.get(key, 0) + 1
            return True
        return False

    return _tally(trace, decide)


ALGORITHMS: dict[str, str] = {
    "token_bucket": "Token bucket",
    "leaky_bucket": "Leaky bucket",
    "fixed_window": "Fixed window",
    "sliding_log": "Sliding window log",
    "sliding_counter": "Sliding window counter",
}


def simulate(trace: Sequence[int], limit: int, window: float) -> dict[str, Accepted]:
    """Accepted requests per second for every algorithm in :data:`ALGORITHMS`."""
    return {
        "token_bucket": token_bucket(trace, limit, window),
        "leaky_bucket": leaky_bucket(trace, limit, window)[0],
        "fixed_window": fixed_window(trace, limit, window),
        "sliding_log": sliding_log(trace, limit, window),
        "sliding_counter": sliding_counter(trace, limit, window),
    }


_TRACE_ACCEPTED = (
    "enter bursty, steady or requests per second separated by commas, e.g. 0, 5, 20, 3"
)


@dataclass(frozen=True)
class RequestTrace:
    """The ``trace`` input as the registry parses it: requests in each second, and the text
    it was read from (a preset's name or the list, stripped), which ``run()`` reports."""

    counts: tuple[int, ...]
    text: str


def _second(text: str) -> int:
    """One second of a trace: a whole number of requests, at most :data:`MAX_PER_STEP`."""
    count = units.parse_whole(text)
    if count > MAX_PER_STEP:
        raise ParseError(text, f"is more than {MAX_PER_STEP:,} requests in one second")
    return count


def read_trace(text: str) -> RequestTrace:
    """The ``trace`` kind's parser: a preset name (``bursty``, ``steady``) or requests per
    second separated by commas, at most :data:`MAX_STEPS` seconds and :data:`MAX_REQUESTS`
    requests in all; raises :class:`ParseError` saying what is wrong.

    >>> read_trace(" 1, 2;3 ").counts
    (1, 2, 3)
    """
    name = text.strip().lower()
    if name in PRESETS:
        return RequestTrace(PRESETS[name], text.strip())
    counts = units.parse_list(text, _second, _TRACE_ACCEPTED, most=MAX_STEPS)
    if sum(counts) > MAX_REQUESTS:
        raise ParseError(
            text,
            f"has {sum(counts):,} requests in all",
            f"keep the trace to {MAX_REQUESTS:,} requests",
        )
    return RequestTrace(tuple(counts), text.strip())


def _read(trace: RequestTrace) -> str:
    seconds = "second" if len(trace.counts) == 1 else "seconds"
    return f"{len(trace.counts)} {seconds}, {sum(trace.counts):,} requests"


def _text(trace: RequestTrace) -> str:
    return trace.text


TRACE_KIND = register_kind(
    Kind(
        "trace",
        read_trace,
        _text,
        "text",
        "bursty, steady or requests per second separated by commas (0, 5, 20, 3)",
        quantity=False,
        read=_read,
        plain=_text,
    )
)
"""The kind of the ``trace`` input: parsed into a :class:`RequestTrace`."""

TRACE = Input(
    "trace",
    "Requests per second",
    "trace",
    "bursty",
    "bursty, steady, or your own: 0, 5, 20, 3 (one number per second).",
)
"""The rate limiter's ``trace`` input."""


def parse_trace(raw: str) -> list[int]:
    """A preset name (``bursty``, ``steady``) or comma-separated requests per second, parsed
    as the calculator's ``trace`` input is; raises :class:`~sysdesign_core.errors.InputError`
    naming it."""
    trace: RequestTrace = TRACE.parse(raw)
    return list(trace.counts)


def _run(values: Values) -> tuple[list[int], dict[str, Accepted], float]:
    trace = list(values["trace"].counts)  # a RequestTrace, parsed by the registry
    limit, window = int(values["limit"]), values["window"]
    results = simulate(trace, limit, window)
    return trace, results, leaky_bucket(trace, limit, window)[1]


def _compute(values: Values) -> dict[str, float]:
    trace, results, delay = _run(values)
    outputs = {f"{name}_accepted": float(sum(counts)) for name, counts in results.items()}
    return {"requests": float(sum(trace)), **outputs, "leaky_bucket_max_delay": delay}


def rate_limit_chart(
    trace: Sequence[int],
    accepted: dict[str, list[int]],
    labels: dict[str, str],
    limit: int,
    window: float,
) -> str:
    """One row per algorithm, one column per second: solid = accepted, outlined = rejected.

    Each row's name sits above its bars across the chart's full width, so the names stay
    at full size on a phone.
    """
    rows = [("Requests", list(trace))] + [(labels[name], accepted[name]) for name in labels]
    size = charts.FONT_SIZE
    label_height, bar_height, gap, edge = size + 4, 28, 10, 4
    row_height = label_height + bar_height + gap
    width = charts.WIDTH
    height = row_height * len(rows) + size + 12
    step = (width - 2 * edge) / max(1, len(trace))
    bar = charts.num(step * 0.7)
    peak = max(1, *trace)
    parts = []
    for index, (label, counts) in enumerate(rows):
        top = row_height * index
        base = top + label_height + bar_height
        parts.append(
            charts.text(edge, top + size, label, bold=index == 0)
            + f'<line x1="{edge}" y1="{base}" x2="{width - edge}" y2="{base}" '
            f'stroke="currentColor" stroke-opacity="0.3"/>'
        )
        outline, solid = [], []  # one path each per row: ~30 characters a bar
        for second, (asked, got) in enumerate(zip(trace, counts, strict=True)):
            if not asked:
                continue
            x = charts.num(edge + second * step + step * 0.15)
            full, kept = bar_height * asked / peak, bar_height * got / peak
            outline.append(f"M{x} {charts.num(base)}v-{charts.num(full)}h{bar}v{charts.num(full)}z")
            if got:
                solid.append(
                    f"M{x} {charts.num(base)}v-{charts.num(kept)}h{bar}v{charts.num(kept)}z"
                )
        parts.append(
            f'<path d="{"".join(outline)}" fill="none" stroke="currentColor" '
            f'stroke-width="1" stroke-dasharray="2 1"/>'
        )
        if solid:
            parts.append(f'<path d="{"".join(solid)}" fill="currentColor"/>')
    axis_y = row_height * len(rows) + size
    every = max(1, math.ceil(len(trace) / 6))
    for second in range(0, len(trace), every):
        centre = edge + (second + 0.5) * step
        anchor = "start" if second == 0 else "middle"
        parts.append(
            charts.text(edge if second == 0 else centre, axis_y, f"{second}s", anchor=anchor)
        )
    headers = ["Second", "Requests", *(labels[name] for name in labels)]
    table = [
        [f"{second}", f"{trace[second]}", *(f"{accepted[name][second]}" for name in labels)]
        for second in range(len(trace))
        if trace[second]
    ]
    totals = ", ".join(f"{labels[name]} {sum(accepted[name])}" for name in labels)
    return charts.figure(
        "Accepted and rejected requests over time, by algorithm",
        f"Limit {limit} per {units.format_duration(window)}. Of {sum(trace)} requests, "
        f"accepted: {totals}. Solid bars are accepted requests, dashed outlines rejected ones.",
        "".join(parts),
        "Each column is one second: the solid part was accepted, the dashed outline shows the "
        "requests that arrived.",
        headers,
        table,
        height=height,
    )


def _chart(values: Values) -> str:
    trace, results, _ = _run(values)
    return rate_limit_chart(trace, results, ALGORITHMS, int(values["limit"]), values["window"])


RATE_LIMITER = register(
    Calculator(
        id="rate_limiter",
        title="Rate-limiter simulator",
        description="Five rate-limiting algorithms on the same request trace, side by side.",
        page="calculators/rate-limiter.md",
        inputs=(
            TRACE,
            Input(
                "limit",
                "Limit (requests per window)",
                "count",
                "10",
                "How many requests a window allows.",
                minimum=1,
                maximum=10_000,
                integer=True,
            ),
            Input(
                "window",
                "Window",
                "duration",
                "10s",
                "The period the limit applies to.",
                minimum=0,
                exclusive_minimum=True,
            ),
        ),
        outputs=(
            Output("requests", "Requests in the trace", "count"),
            *(
                Output(f"{name}_accepted", f"{label}: accepted", "count")
                for name, label in ALGORITHMS.items()
            ),
            Output("leaky_bucket_max_delay", "Leaky bucket: longest wait in the queue", "duration"),
        ),
        compute=_compute,
        chart=_chart,
    )
)
