"""Erasure coding against replication: storage overhead and the chance of losing data in a year.

A Reed-Solomon stripe of ``k`` data shards and ``m`` parity shards stores ``(k + m) / k`` bytes
per byte and survives the loss of any ``m`` shards; ``n``-way replication stores ``n`` bytes
per byte and survives ``n − 1`` losses (it is the same arithmetic with ``k = 1``).

**The loss model** is the binomial model Backblaze published for its 17+3 vaults
(github.com/Backblaze/erasure-coding-durability, 2018). The year is cut into windows as long
as a repair; a lost shard is rebuilt within its window. With an annual failure rate ``A`` per
disk and a repair time ``R``:

- a shard fails within one window with probability ``p = 1 − e^(−A·R/year)`` (Poisson);
- the stripe is lost in that window when more than ``m`` of its ``k + m`` shards fail:
  ``q = Σ_{i=m+1}^{k+m} C(k+m, i) · p^i · (1 − p)^(k+m−i)`` (binomial);
- it survives the year only if it survives every window: ``loss = 1 − (1 − q)^(year/R)``.

It assumes independent failures and fixed windows. Fixed windows miss failures on either
side of a window's edge that overlap all the same; counting them (each repair taking exactly
``R``) makes a loss about ``m + 1`` times as likely at low failure rates. In real fleets,
failures that strike together (a rack, a power event, a bad firmware batch, an operator)
dominate, and this leaves them out: read the result as an upper bound on durability, and
place shards in separate failure domains so that the independence is nearer the truth. A
year is 365.25 days.

>>> round(overhead(10, 4), 2), round(overhead(6, 3), 2), overhead(1, 2)  # RS(10,4), RS(6,3), 3×
(1.4, 1.5, 3.0)
>>> f"{annual_loss_probability(4, 2, 0.10, 86_400.0):.3g}"  # Backblaze's README example
'1.5e-07'
"""

from __future__ import annotations

import math

from .inputs import REPLICAS
from .registry import Calculator, Input, Output, Values, register
from .units import YEAR

__all__ = [
    "overhead",
    "window_loss_log",
    "annual_loss_probability",
    "durability_nines",
    "ERASURE_CODING",
]

LN10 = math.log(10)


def overhead(data_shards: int, parity_shards: int) -> float:
    """Bytes stored per byte of data: ``(k + m) / k``."""
    return (data_shards + parity_shards) / data_shards


def _window(annual_failure_rate: float, repair_time: float, year: float) -> tuple[float, float]:
    """``(windows per year, chance one shard fails within a window)``."""
    failures = annual_failure_rate * repair_time / year  # expected failures per shard, per window
    return year / repair_time, -math.expm1(-failures)


def window_loss_log(shards: int, tolerated: int, shard_failure: float) -> float:
    """Natural log of the chance that more than ``tolerated`` of ``shards`` fail in one window,
    each with probability ``shard_failure``; ``-inf`` when none can.

    Summed in logs so a stripe of 1,000 shards, or a chance of 1e-400, stays a number.
    """
    if tolerated >= shards or shard_failure <= 0:
        return -math.inf
    if shard_failure >= 1:
        return 0.0
    log_p, log_q = math.log(shard_failure), math.log1p(-shard_failure)
    terms = [
        math.log(math.comb(shards, i)) + i * log_p + (shards - i) * log_q
        for i in range(tolerated + 1, shards + 1)
    ]
    top = max(terms)
    return top + math.log(sum(math.exp(t - top) for t in terms))


def _annual(log_window: float, windows: float) -> tuple[float, float]:
    """``(chance of loss within a year, its natural log)`` from one window's log chance."""
    if log_window == -math.inf:
        return 0.0, -math.inf
    window = math.exp(log_window)
    if window >= 1:
        return 1.0, 0.0
    loss = -math.expm1(windows * math.log1p(-window))
    if loss > 1e-290:
        return loss, math.log(loss)
    # Too small for a float to hold well: 1 − (1 − q)^w is w·q when w·q is tiny.
    return loss, math.log(windows) + log_window


def annual_loss_probability(
    data_shards: int,
    parity_shards: int,
    annual_failure_rate: float,
    repair_time: float,
    year: float = YEAR,
) -> float:
    """Chance that a stripe of ``data_shards + parity_shards`` loses data within a year: more
    than ``parity_shards`` fail within one repair window (``repair_time`` seconds)."""
    windows, shard_failure = _window(annual_failure_rate, repair_time, year)
    log_window = window_loss_log(data_shards + parity_shards, parity_shards, shard_failure)
    return _annual(log_window, windows)[0]


def durability_nines(
    data_shards: int,
    parity_shards: int,
    annual_failure_rate: float,
    repair_time: float,
    year: float = YEAR,
) -> float:
    """Nines of annual durability, ``−log10(loss)``, computed in logs so that it stays exact
    where the loss itself is too small for a float (``inf`` when nothing can be lost)."""
    windows, shard_failure = _window(annual_failure_rate, repair_time, year)
    log_window = window_loss_log(data_shards + parity_shards, parity_shards, shard_failure)
    return max(0.0, -_annual(log_window, windows)[1] / LN10)


# --- calculator ------------------------------------------------------------------------------


def _erasure_coding(values: Values) -> dict[str, float]:
    k, m, replicas = (
        int(values["data_shards"]),
        int(values["parity_shards"]),
        int(values["replicas"]),
    )
    rate, repair = values["annual_failure_rate"], values["repair_time"]
    return {
        "overhead": overhead(k, m),
        "failures_tolerated": float(m),
        "annual_loss_probability": annual_loss_probability(k, m, rate, repair),
        "durability_nines": durability_nines(k, m, rate, repair),
        "repair_reads": float(k),  # a lost Reed-Solomon shard is rebuilt from any k others
        "replication_overhead": float(replicas),
        "replication_loss_probability": annual_loss_probability(1, replicas - 1, rate, repair),
        "replication_durability_nines": durability_nines(1, replicas - 1, rate, repair),
    }


ERASURE_CODING = register(
    Calculator(
        id="erasure_coding",
        title="Erasure coding vs replication",
        description="Storage overhead and yearly data-loss odds of k+m erasure coding vs copies.",
        page="calculators/erasure_coding.md",
        inputs=(
            Input(
                "data_shards",
                "Data shards (k)",
                "count",
                "10",
                "Pieces each stripe of data is cut into: 10 for RS(10,4), 17 at Backblaze.",
                minimum=1,
                maximum=1000,
                integer=True,
            ),
            Input(
                "parity_shards",
                "Parity shards (m)",
                "count",
                "4",
                "Extra coded pieces; any m shards of the stripe may be lost.",
                minimum=0,
                maximum=1000,
                integer=True,
            ),
            Input(
                "annual_failure_rate",
                "Disk failures per year",
                "fraction",
                "2%",
                "Annual failure rate of one disk (or node) holding a shard: 2%.",
                minimum=0,
                exclusive_minimum=True,
            ),
            Input(
                "repair_time",
                "Repair time",
                "duration",
                "1d",
                "From a failure until its shards are rebuilt elsewhere: 1d, 12h.",
                minimum=60,
                maximum=YEAR,
            ),
            REPLICAS.reused(
                label="Replicas (for comparison)",
                help="Full copies kept by the replication it is compared with.",
            ),
        ),
        outputs=(
            Output("overhead", "Storage per byte stored, erasure coded", "number"),
            Output("failures_tolerated", "Shards that may be lost", "count"),
            Output("annual_loss_probability", "Chance a stripe loses data in a year", "fraction"),
            Output("durability_nines", "Durability, in nines", "number"),
            Output("repair_reads", "Shards read to rebuild one", "count"),
            Output("replication_overhead", "Storage per byte stored, replicated", "number"),
            Output(
                "replication_loss_probability", "Chance replicas lose data in a year", "fraction"
            ),
            Output("replication_durability_nines", "Durability of replicas, in nines", "number"),
        ),
        compute=_erasure_coding,
        note="Independent failures, a year of 365.25 days; correlated failures are left out.",
    )
)
