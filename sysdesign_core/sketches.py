"""Probabilistic data structures: Bloom filters, HyperLogLog and count-min sketches.

Each trades a small, known error for memory that does not grow with the data (HyperLogLog,
count-min) or grows by a few bits per item (Bloom).

>>> round(bloom_bits_per_item(0.01), 2), bloom_hashes(bloom_bits_per_item(0.01))
(9.59, 7)
>>> round(bloom_false_positive_rate(10, 7), 5)
0.00819
>>> hll_registers(14), round(hll_standard_error(14), 4), hll_size(14)
(16384, 0.0081, 12288.0)
>>> count_min_shape(0.001, 0.01)
(2719, 5)
"""

from __future__ import annotations

import math

from . import charts, units
from .registry import Calculator, Input, Output, Values, register

__all__ = [
    "bloom_bits_per_item",
    "bloom_hashes",
    "bloom_false_positive_rate",
    "bloom_chart",
    "hll_registers",
    "hll_standard_error",
    "hll_size",
    "count_min_shape",
    "BLOOM",
    "HYPERLOGLOG",
    "COUNT_MIN",
]

LN2 = math.log(2)


# --- Bloom filter -------------------------------------------------------------------------


def bloom_bits_per_item(false_positive_rate: float) -> float:
    """Bits per item of an optimally sized Bloom filter: ``m/n = -ln p / (ln 2)²``."""
    return -math.log(false_positive_rate) / LN2**2


def bloom_hashes(bits_per_item: float) -> int:
    """The number of hash functions that minimises false positives: ``k = (m/n) ln 2``, rounded,
    at least 1."""
    return max(1, round(bits_per_item * LN2))


def bloom_false_positive_rate(bits_per_item: float, hashes: int) -> float:
    """The false-positive rate with ``bits_per_item`` bits and ``hashes`` hash functions:
    ``(1 - e^(-k n/m))^k``."""
    if bits_per_item <= 0:
        return 1.0
    return float((1 - math.exp(-hashes / bits_per_item)) ** hashes)


def _bloom(values: Values) -> dict[str, float]:
    items = values["items"]
    bits = values["bits"]
    if bits is None:
        bits = math.ceil(items * bloom_bits_per_item(values["false_positive_rate"]))
    per_item = bits / items
    hashes = bloom_hashes(per_item)
    return {
        "bits_per_item": per_item,
        "size": bits / 8,
        "hashes": float(hashes),
        "expected_false_positive_rate": bloom_false_positive_rate(per_item, hashes),
    }


def _best_rate(bits_per_item: float) -> float:
    """The false-positive rate at ``bits_per_item`` with its best whole number of hashes."""
    return bloom_false_positive_rate(bits_per_item, bloom_hashes(bits_per_item))


def _one_in(rate: float) -> str:
    """A small rate as odds, short enough for an axis: ``0.001`` → ``'1 in 1K'``."""
    if rate <= 0:
        return "never"
    return f"1 in {units.format_count(round(1 / rate), whole_in_full=False)}"


def bloom_chart(bits_per_item: float, rate: float) -> str:
    """False-positive rate (log scale) against bits per item, each point with its best
    number of hash functions, and this filter marked.

    >>> "1 in 122" in bloom_chart(10, bloom_false_positive_rate(10, 7))
    True
    """
    # Up to a little past the filter (at least 16 bits, at most 64: 1 in about 10^13).
    x_max = min(64.0, max(16.0, 4 * math.ceil(bits_per_item * 1.25 / 4)))
    floor = _best_rate(x_max)
    low = -math.ceil(-math.log10(max(floor, 1e-13)))  # the decade below the curve's end
    curve = [(x, max(_best_rate(x), 10.0**low)) for x in charts.sample(1, x_max, 64)]
    plot = charts.Plot((0, x_max), (10.0**low, 1), log_y=True, left=92)
    every = max(1, math.ceil(-low / 5))  # at most six labelled decades
    # none at the very bottom, where it would crowd the first x label
    y_ticks = [(10.0**d, _one_in(10.0**d)) for d in range(-every, low, -every)]
    x_ticks = [(float(x), str(x)) for x in range(0, int(x_max) + 1, 4 if x_max <= 24 else 8)]
    hashes = bloom_hashes(bits_per_item)
    shown_x = min(bits_per_item, x_max)
    body = (
        plot.axes(x_ticks, y_ticks, "Bits per item", "False positives")
        + plot.line(curve)
        + plot.marker(
            shown_x,
            min(1.0, max(rate, 10.0**low)),
            f"{units.format_number(bits_per_item)} bits: {_one_in(rate)}",
        )
    )
    rows = [
        (str(bits), str(bloom_hashes(bits)), units.format_percent(best), _one_in(best))
        for bits in range(2, int(x_max) + 1, 2)
        for best in [_best_rate(bits)]
    ]
    return charts.figure(
        "False positives against bits per item",
        f"Every extra {units.format_number(math.log(10) / LN2**2, 2)} bits per item divides "
        "the false positives by about ten; the line falls nearly straight on a log scale. "
        "The marked filter uses "
        f"{units.format_number(bits_per_item)} bits per item and {hashes} hash functions.",
        body,
        "False-positive rate (log scale) for a Bloom filter of each size, with the best whole "
        "number of hash functions at each size.",
        ("Bits per item", "Hash functions", "False-positive rate", "Odds"),
        rows,
    )


def _bloom_chart(values: Values) -> str:
    result = _bloom(values)
    return bloom_chart(result["bits_per_item"], result["expected_false_positive_rate"])


BLOOM = register(
    Calculator(
        id="bloom",
        title="Bloom filter",
        description="Bits, memory and hash functions for a Bloom filter at a false-positive rate.",
        page="calculators/bloom.md",
        inputs=(
            Input(
                "items",
                "Items",
                "count",
                "1B",
                "Distinct items the filter will hold: 10M, 1B.",
                minimum=1,
                maximum=1e15,
            ),
            Input(
                "false_positive_rate",
                "False-positive rate",
                "fraction",
                "1%",
                "Share of absent items wrongly reported present: 1%, 0.1%.",
                minimum=1e-12,
                maximum=0.5,
            ),
            Input(
                "bits",
                "Filter size in bits",
                "count",
                "",
                "Optional: a fixed size (8G). Empty sizes it from the false-positive rate.",
                optional=True,
                minimum=1,
                maximum=1e18,
            ),
        ),
        outputs=(
            Output("bits_per_item", "Bits per item", "number"),
            Output("size", "Filter size", "bytes"),
            Output("hashes", "Hash functions", "count"),
            Output("expected_false_positive_rate", "False-positive rate reached", "fraction"),
        ),
        compute=_bloom,
        chart=_bloom_chart,
    )
)


# --- HyperLogLog --------------------------------------------------------------------------


def hll_registers(precision: int) -> int:
    """Registers of a HyperLogLog with ``precision`` p: ``m = 2^p``."""
    return int(2**precision)


def hll_standard_error(precision: int) -> float:
    """Relative standard error of the estimate: ``1.04 / √m`` (Flajolet et al. 2007)."""
    return 1.04 / math.sqrt(hll_registers(precision))


def hll_size(precision: int, register_bits: int = 6) -> float:
    """Bytes of the dense registers: ``m × register_bits / 8`` (Redis: 6 bits, 12 KB at p=14)."""
    return hll_registers(precision) * register_bits / 8


def _hyperloglog(values: Values) -> dict[str, float]:
    precision = int(values["precision"])
    error = hll_standard_error(precision)
    cardinality = values["cardinality"]
    return {
        "registers": float(hll_registers(precision)),
        "standard_error": error,
        "size": hll_size(precision, int(values["register_bits"])),
        "absolute_error": cardinality * error,
        "exact_size": cardinality * values["id_size"],
    }


HYPERLOGLOG = register(
    Calculator(
        id="hyperloglog",
        title="HyperLogLog",
        description="Registers, standard error and memory of a HyperLogLog distinct counter.",
        page="calculators/hyperloglog.md",
        inputs=(
            Input(
                "precision",
                "Precision (p)",
                "number",
                "14",
                "Index bits: 2^p registers. Redis uses 14.",
                minimum=4,
                maximum=18,
                integer=True,
            ),
            Input(
                "register_bits",
                "Bits per register",
                "number",
                "6",
                "6 holds counts up to 2^64 (Redis); 5 suffices up to about 2^32.",
                minimum=4,
                maximum=8,
                integer=True,
            ),
            Input(
                "cardinality",
                "Distinct items counted",
                "count",
                "1B",
                "For the error in items and the size of an exact set.",
                maximum=1e19,
            ),
            Input(
                "id_size",
                "Bytes per item in an exact set",
                "bytes",
                "8B",
                "8 bytes for a 64-bit id; hash-set overhead comes on top.",
                maximum=1e6,
            ),
        ),
        outputs=(
            Output("registers", "Registers", "count"),
            Output("standard_error", "Standard error", "fraction"),
            Output("size", "Memory", "bytes"),
            Output("absolute_error", "One standard error, in items", "count"),
            Output("exact_size", "Memory of an exact set", "bytes"),
        ),
        compute=_hyperloglog,
    )
)


# --- count-min sketch ---------------------------------------------------------------------


def _ceil(value: float) -> int:
    # Float noise just above a whole number (from a division or a logarithm) adds no column/row.
    return math.ceil(value - 1e-9 * max(1.0, abs(value)))


def count_min_shape(epsilon: float, delta: float) -> tuple[int, int]:
    """``(width, depth)`` of a count-min sketch: ``w = ⌈e/ε⌉``, ``d = ⌈ln(1/δ)⌉``.

    An estimate then exceeds the true count by at most ``ε × total`` with probability at
    least ``1 - δ`` (Cormode and Muthukrishnan 2005).
    """
    return max(1, _ceil(math.e / epsilon)), max(1, _ceil(math.log(1 / delta)))


def _count_min(values: Values) -> dict[str, float]:
    width, depth = count_min_shape(values["epsilon"], values["delta"])
    counters = float(width * depth)
    return {
        "width": float(width),
        "depth": float(depth),
        "counters": counters,
        "size": counters * values["counter_size"],
        "error_bound": values["epsilon"] * values["total"],
    }


COUNT_MIN = register(
    Calculator(
        id="count_min",
        title="Count-min sketch",
        description="Width, depth and memory of a count-min sketch for an error and confidence.",
        page="calculators/count_min.md",
        inputs=(
            Input(
                "epsilon",
                "Error (ε)",
                "fraction",
                "0.1%",
                "Overcount allowed, as a share of all events counted: 0.1%.",
                minimum=1e-9,
                exclusive_minimum=True,
            ),
            Input(
                "delta",
                "Failure probability (δ)",
                "fraction",
                "1%",
                "Chance an estimate misses that bound: 1%.",
                minimum=1e-300,
                maximum=0.99,
            ),
            Input(
                "counter_size",
                "Bytes per counter",
                "bytes",
                "4B",
                "4 bytes counts to 4.3 billion; 8 for more.",
                minimum=1,
                maximum=16,
                integer=True,
            ),
            Input(
                "total",
                "Events counted",
                "count",
                "1B",
                "All events in the window (the sum of every count): 1B.",
                maximum=1e21,
            ),
        ),
        outputs=(
            Output("width", "Width (counters per row)", "count"),
            Output("depth", "Depth (rows, one hash each)", "count"),
            Output("counters", "Counters", "count"),
            Output("size", "Memory", "bytes"),
            Output("error_bound", "Overcount bound, in events", "count"),
        ),
        compute=_count_min,
    )
)
