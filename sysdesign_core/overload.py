"""Failure arithmetic: how retries multiply load, how long a backlog takes to drain, and how
much headroom survives the loss of instances or a zone.

Three calculators, one question each:

- **retry_amplification**: a call chain whose layers all retry a failing call sends the
  deepest service ``attempts ** layers`` tries per request; a retry budget caps each layer at
  ``1 + budget``.
- **queue_drain**: a backlog shrinks at the consumers' spare rate, ``consumers ×
  consumer_rate − arrival_rate``; when that is not above zero it never drains.
- **headroom**: when ``lost`` of ``instances`` fail, the survivors carry their load:
  ``utilization × instances ÷ (instances − lost)``.

>>> amplification(layers=3, attempts=3)
27.0
>>> amplification(layers=1, attempts=3, budget=0.1)
1.1
>>> drain_time(backlog=1_000_000, arrival_rate=5_000, consumers=10, consumer_rate=1_000)
200.0
>>> round(utilization_after(0.6, instances=3, lost=1), 6)
0.9
"""

from __future__ import annotations

import math

from . import charts, units
from .errors import Conflict
from .registry import Calculator, Input, Output, Values, register
from .units import format_count, format_duration, format_rate

__all__ = [
    "amplification",
    "drain_time",
    "consumers_needed",
    "utilization_after",
    "safe_utilization",
    "instances_needed",
    "drain_chart",
    "RETRY_AMPLIFICATION",
    "QUEUE_DRAIN",
    "HEADROOM",
]

_SLACK = 1e-9  # a ceil() over a float quotient: 6.000000001 consumers is 6, not 7
_DAY, _YEAR = 86_400.0, units.YEAR
_TIME_TICKS = (
    *(10.0**k for k in range(-3, 2)),  # 1 ms … 10 s
    60.0,
    600.0,
    3600.0,
    6 * 3600.0,
    _DAY,
    7 * _DAY,
    30 * _DAY,
    *(_YEAR * 10.0**k for k in range(5)),  # 1 y … 10,000 y
)
"""Round durations for a log axis of drain times."""


# --- retry amplification ---------------------------------------------------------------------


def amplification(layers: float, attempts: float, budget: float | None = None) -> float:
    """Worst-case tries reaching the deepest service per request from the top.

    Each of ``layers`` services makes up to ``attempts`` tries (the first included) of every
    call it receives, and the deepest service fails them all, so the tries multiply:
    ``attempts ** layers``. A retry budget lets each layer send at most ``1 + budget`` tries
    per call it receives (retries are at most ``budget`` of its first tries), whichever is
    smaller.

    >>> amplification(layers=3, attempts=4)  # the SRE book's JavaScript, frontend, backend
    64.0
    >>> amplification(layers=5, attempts=3)  # the Builders' Library's five-layer stack
    243.0
    >>> round(amplification(layers=3, attempts=3, budget=0.1), 3)
    1.331
    """
    per_layer = float(attempts) if budget is None else min(float(attempts), 1.0 + budget)
    return float(per_layer**layers)


def _retry_amplification(values: Values) -> dict[str, float]:
    layers, attempts = values["layers"], values["attempts"]
    budget, load = values["retry_budget"], values["load"]
    worst = amplification(layers, attempts, budget)
    return {
        "amplification": worst,
        "deepest_load": load * worst,
        "one_layer_amplification": amplification(1, attempts, budget),
        "unbudgeted_amplification": amplification(layers, attempts),
    }


RETRY_AMPLIFICATION = register(
    Calculator(
        id="retry_amplification",
        title="Retry amplification",
        description="Worst-case load on the deepest service when every layer of a call "
        "chain retries, with or without a retry budget.",
        page="calculators/retry_amplification.md",
        inputs=(
            Input(
                "layers",
                "Layers that retry",
                "count",
                "3",
                "Services in the call chain that each retry a failed call: client, "
                "gateway, backend…",
                minimum=1,
                maximum=30,
                integer=True,
            ),
            Input(
                "attempts",
                "Attempts per layer",
                "count",
                "3",
                "Tries of each call, the first included: 3 means up to 2 retries.",
                minimum=1,
                maximum=100,
                integer=True,
            ),
            Input(
                "retry_budget",
                "Retry budget",
                "fraction",
                "",
                "Retries allowed as a share of first tries, per layer (Google's: 10%). "
                "Empty: no budget.",
                optional=True,
            ),
            Input(
                "load",
                "Requests at the top",
                "rate",
                "1K/s",
                "Requests a second that users send to the first layer.",
                minimum=0,
            ),
        ),
        outputs=(
            Output("amplification", "Worst-case load on the deepest service (× normal)", "number"),
            Output("deepest_load", "Worst-case requests at the deepest service", "rate"),
            Output("one_layer_amplification", "Same, if only one layer retries (×)", "number"),
            Output("unbudgeted_amplification", "Same, without a retry budget (×)", "number"),
        ),
        compute=_retry_amplification,
        note="Worst case: the deepest service fails every try, so every layer spends all "
        "its attempts (or its whole budget).",
    )
)


# --- queue drain -----------------------------------------------------------------------------


def drain_time(
    backlog: float, arrival_rate: float, consumers: float, consumer_rate: float
) -> float:
    """Seconds until ``backlog`` messages are gone while ``arrival_rate`` keeps arriving.

    The backlog shrinks at the spare rate ``consumers × consumer_rate − arrival_rate``; the
    caller checks that it is above zero (otherwise the queue never drains).

    >>> drain_time(backlog=600_000, arrival_rate=0, consumers=2, consumer_rate=500)
    600.0
    """
    return backlog / (consumers * consumer_rate - arrival_rate)


def consumers_needed(
    backlog: float, arrival_rate: float, consumer_rate: float, target: float
) -> float:
    """The fewest consumers that keep up with arrivals *and* drain ``backlog`` within
    ``target`` seconds: ``⌈(arrival_rate + backlog ÷ target) ÷ consumer_rate⌉``, and always
    more capacity than the arrivals alone.

    >>> consumers_needed(backlog=1_000_000, arrival_rate=5_000, consumer_rate=1_000, target=600)
    7.0
    >>> consumers_needed(backlog=0, arrival_rate=5_000, consumer_rate=1_000, target=600)
    6.0
    """
    drain = math.ceil((arrival_rate + backlog / target) / consumer_rate - _SLACK)
    keep_up = math.floor(arrival_rate / consumer_rate + _SLACK) + 1  # strictly above arrivals
    return float(max(1, drain, keep_up))


def _never_drains(
    arrival: float, consumers: float, rate: float, backlog: float, target: float
) -> Conflict:
    capacity = consumers * rate
    verb = "outpace" if arrival > capacity else "equal"
    needed = consumers_needed(backlog, arrival, rate, target)
    return Conflict(
        "consumers",
        f"is too few to drain the queue: arrivals of {format_rate(arrival)} {verb} "
        f"{format_count(consumers)} consumers × {format_rate(rate)} = {format_rate(capacity)}",
        f"add consumers ({format_count(needed)} drain it within {format_duration(target)})",
    )


def _queue_drain(values: Values) -> dict[str, float]:
    backlog, arrival = values["backlog"], values["arrival_rate"]
    consumers, rate, target = values["consumers"], values["consumer_rate"], values["target"]
    capacity = consumers * rate
    if arrival >= capacity:
        raise _never_drains(arrival, consumers, rate, backlog, target)
    return {
        "drain_time": drain_time(backlog, arrival, consumers, rate),
        "capacity": capacity,
        "spare_rate": capacity - arrival,
        "consumers_needed": consumers_needed(backlog, arrival, rate, target),
        "utilization": arrival / capacity,
    }


def drain_chart(
    backlog: float, arrival_rate: float, consumers: float, consumer_rate: float, target: float
) -> str:
    """Drain time against the number of consumers (log scale), the target as a dashed line,
    your consumers and the consumers needed ringed. Starts at the fewest consumers that
    outpace the arrivals; with fewer the queue never drains.

    >>> svg = drain_chart(1e6, 5e3, 10, 1e3, 600)
    >>> svg.startswith("<svg") and "never drains" in svg
    True
    """
    if backlog <= 0:  # every consumer count drains nothing at once: no curve to draw
        return charts.figure(
            "Time to drain the backlog against consumers",
            "There is no backlog, so there is nothing to drain.",
            charts.text(charts.WIDTH / 2, charts.HEIGHT / 2, "No backlog", anchor="middle"),
            "Enter a backlog (e.g. arrivals × outage) to see how consumers shorten the drain.",
            (),
            [],
        )
    first = math.floor(arrival_rate / consumer_rate + _SLACK) + 1
    needed = consumers_needed(backlog, arrival_rate, consumer_rate, target)
    last = max(first + 4, 2 * consumers, math.ceil(needed * 1.5))
    last = min(last, first + 1e6)  # keep the axis readable for an extreme input

    def time(n: float) -> float:
        return max(drain_time(backlog, arrival_rate, n, consumer_rate), 1e-3)

    xs = sorted({round(x) for x in charts.sample(first, last, 60)})
    times = [time(x) for x in xs]
    low = min(min(times), target) / 2
    high = max(max(times), target) * 2
    plot = charts.Plot((first, last), (low, high), log_y=True, left=80)
    x_ticks = [(x, format_count(x)) for x in charts.nice_ticks(first, last, 4) if x >= first]
    shown = [t for t in _TIME_TICKS if low <= t <= high]
    every = max(1, math.ceil(len(shown) / 5))  # at most about five labels
    y_ticks = [(t, format_duration(t)) for t in shown[::every]]
    body = plot.axes(x_ticks, y_ticks, "Consumers", "Time to drain (log)")
    body += plot.line(list(zip(xs, times, strict=True)))
    body += plot.line([(first, target), (last, target)], dash="6 4")
    if first <= needed <= last:
        body += plot.marker(needed, time(needed), f"needed: {format_count(needed)}", above=False)
    if first <= consumers <= last:
        body += plot.marker(consumers, time(consumers), f"yours: {format_count(consumers)}")
    samples = sorted({*xs[:: max(1, len(xs) // 8)], xs[-1], consumers, needed})
    rows = [
        (
            format_count(n),
            format_duration(drain_time(backlog, arrival_rate, n, consumer_rate)),
            units.format_percent(arrival_rate / (n * consumer_rate)),
        )
        for n in samples
    ]
    return charts.figure(
        "Time to drain the backlog against consumers",
        f"{format_count(backlog)} messages, {format_rate(arrival_rate)} still arriving, "
        f"{format_rate(consumer_rate)} per consumer. Below {format_count(first)} consumers "
        f"the queue never drains; {format_count(needed)} drain it within "
        f"{format_duration(target)} (the dashed line).",
        body,
        f"Each added consumer shortens the drain less than the one before; with "
        f"{format_count(first - 1)} or fewer the queue never drains.",
        ("Consumers", "Time to drain", "Busy after draining"),
        rows,
    )


def _drain_chart(values: Values) -> str:
    return drain_chart(
        values["backlog"],
        values["arrival_rate"],
        values["consumers"],
        values["consumer_rate"],
        values["target"],
    )


QUEUE_DRAIN = register(
    Calculator(
        id="queue_drain",
        title="Queue drain time",
        description="How long consumers take to drain a backlog while messages keep "
        "arriving, and how many drain it in time.",
        page="calculators/queue_drain.md",
        inputs=(
            Input(
                "backlog",
                "Backlog",
                "count",
                "1M",
                "Messages waiting now: the consumer lag, or arrivals × outage.",
                minimum=0,
            ),
            Input(
                "arrival_rate",
                "Arrival rate",
                "rate",
                "5K/s",
                "Messages a second that keep arriving while it drains.",
                minimum=0,
            ),
            Input(
                "consumers",
                "Consumers",
                "count",
                "10",
                "Consumers working in parallel (a Kafka group uses at most one per partition).",
                minimum=1,
                maximum=1e6,
                integer=True,
            ),
            Input(
                "consumer_rate",
                "Rate per consumer",
                "rate",
                "1K/s",
                "Messages a second one consumer processes, measured at full speed.",
                exclusive_minimum=True,
                minimum=0,
            ),
            Input(
                "target",
                "Drain within",
                "duration",
                "10m",
                "How soon the backlog should be gone: sets the consumers needed.",
                minimum=1.0,
            ),
        ),
        outputs=(
            Output("drain_time", "Time to drain the backlog", "duration"),
            Output("capacity", "Consumers' combined rate", "rate"),
            Output("spare_rate", "Rate the backlog shrinks by", "rate"),
            Output("consumers_needed", "Consumers to drain it within the target", "count"),
            Output("utilization", "Consumers busy once drained", "fraction"),
        ),
        compute=_queue_drain,
        chart=_drain_chart,
    )
)


# --- headroom --------------------------------------------------------------------------------


def utilization_after(utilization: float, instances: float, lost: float) -> float:
    """Utilization of the survivors once ``lost`` of ``instances`` fail and their load moves
    to the rest: ``utilization × instances ÷ (instances − lost)``. Above 1 is overload.

    >>> utilization_after(0.7, instances=2, lost=1)
    1.4
    """
    return utilization * instances / (instances - lost)


def safe_utilization(ceiling: float, instances: float, lost: float) -> float:
    """The highest utilization now that stays at or under ``ceiling`` after the loss:
    ``ceiling × (instances − lost) ÷ instances``.

    >>> round(safe_utilization(0.8, instances=3, lost=1), 4)
    0.5333
    """
    return ceiling * (instances - lost) / instances


def instances_needed(utilization: float, instances: float, lost: float, ceiling: float) -> float:
    """The fewest instances that carry today's load (``utilization × instances`` instances'
    worth) at no more than ``ceiling`` after ``lost`` of them fail.

    >>> instances_needed(0.6, instances=3, lost=1, ceiling=0.8)
    4.0
    """
    work = utilization * instances
    return float(max(lost + 1, math.ceil(work / ceiling + lost - _SLACK)))


def _headroom(values: Values) -> dict[str, float]:
    instances, lost = values["instances"], values["lost"]
    utilization, ceiling = values["utilization"], values["ceiling"]
    if lost >= instances:
        raise Conflict(
            "lost",
            f"leaves none of the {format_count(instances)} instances to carry the load",
            f"enter fewer than {format_count(instances)}, or add instances",
        )
    return {
        "utilization_after": utilization_after(utilization, instances, lost),
        "safe_utilization": safe_utilization(ceiling, instances, lost),
        "load_factor": instances / (instances - lost),
        "survivors": instances - lost,
        "instances_needed": instances_needed(utilization, instances, lost, ceiling),
    }


HEADROOM = register(
    Calculator(
        id="headroom",
        title="Headroom for a failure",
        description="Utilization after losing instances or a zone, and the highest safe "
        "utilization before it.",
        page="calculators/headroom.md",
        inputs=(
            Input(
                "instances",
                "Instances (or zones)",
                "count",
                "3",
                "Instances, brokers or zones sharing the load evenly.",
                minimum=1,
                maximum=1e6,
                integer=True,
            ),
            Input(
                "lost",
                "Lost at once",
                "count",
                "1",
                "How many fail together: 1 for N+1, the instances of one zone for a zone.",
                minimum=0,
                maximum=1e6,
                integer=True,
            ),
            Input(
                "utilization",
                "Utilization now",
                "fraction",
                "60%",
                "Of the busiest resource (CPU, network, disk), averaged over instances.",
            ),
            Input(
                "ceiling",
                "Highest acceptable after the loss",
                "fraction",
                "80%",
                "Past about 80%, queueing delay climbs steeply.",
                exclusive_minimum=True,
                minimum=0,
            ),
        ),
        outputs=(
            Output("utilization_after", "Utilization after the loss", "fraction"),
            Output("safe_utilization", "Highest safe utilization now", "fraction"),
            Output("load_factor", "Load on each survivor (× now)", "number"),
            Output("survivors", "Instances left", "count"),
            Output("instances_needed", "Instances to stay under the ceiling", "count"),
        ),
        compute=_headroom,
        note="Assumes the load spreads evenly over the survivors; above 100% they are "
        "overloaded and queues grow.",
    )
)
