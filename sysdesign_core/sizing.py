"""Sizing: how big a cache, how many shards, how long a transfer.

>>> cache_size(read_qps=100_000, object_size=1_000, hot_fraction=0.2, window=86_400)
1728000000000.0
>>> shard_counts(storage_total=10e12, shard_storage=2e12, write_qps=12_000,
...              shard_write_qps=5_000)
(5, 3, 5)
>>> transfer_time(1e12, 1e9)
8000.0
"""

from __future__ import annotations

import math

from .registry import Calculator, Input, Output, Values, register

__all__ = ["cache_size", "shard_counts", "transfer_time", "CACHE", "SHARDS", "TRANSFER"]


def _ceil(value: float) -> int:
    # 3.0000000000000004 from float division is 3, not 4.
    return math.ceil(value - 1e-9 * max(1.0, abs(value)))


def cache_size(
    read_qps: float,
    object_size: float,
    hot_fraction: float,
    window: float,
    reads_per_object: float = 1.0,
) -> float:
    """Bytes to hold the hot objects read in ``window`` seconds.

    Reads in the window are ``read_qps × window``; they touch ``reads / reads_per_object``
    distinct objects, and the hot ``hot_fraction`` of those is kept (the 80/20 rule: a fifth
    of the objects takes most reads). With ``reads_per_object = 1`` every read is counted as
    a different object, the usual interview upper bound.
    """
    distinct = read_qps * window / reads_per_object
    return distinct * hot_fraction * object_size


def shard_counts(
    storage_total: float, shard_storage: float, write_qps: float, shard_write_qps: float
) -> tuple[int, int, int]:
    """``(for_storage, for_writes, shards)``: a shard must fit both its data and its writes."""
    for_storage = _ceil(storage_total / shard_storage)
    for_writes = _ceil(write_qps / shard_write_qps)
    return for_storage, for_writes, max(1, for_storage, for_writes)


def transfer_time(size: float, bandwidth: float, efficiency: float = 1.0) -> float:
    """Seconds to move ``size`` bytes over ``bandwidth`` bits per second (8 bits a byte)."""
    return size * 8 / (bandwidth * efficiency)


def _cache(values: Values) -> dict[str, float]:
    size = cache_size(
        values["read_qps"],
        values["object_size"],
        values["hot_fraction"],
        values["window"],
        values["reads_per_object"],
    )
    return {
        "cache_size": size,
        "nodes": float(max(1, _ceil(size / values["node_memory"]))),
        "hot_objects": values["read_qps"]
        * values["window"]
        / values["reads_per_object"]
        * values["hot_fraction"],
    }


CACHE = register(
    Calculator(
        id="cache",
        title="Cache size",
        description="Memory for the hot objects read in a window, and cache nodes to hold it.",
        page="calculators/cache.md",
        inputs=(
            Input(
                "read_qps",
                "Reads per second",
                "rate",
                "100K/s",
                "Average read rate: 100K, 100K/s, 8B/day.",
                minimum=0,
            ),
            Input("object_size", "Object size", "bytes", "1KB", "Bytes per cached object."),
            Input(
                "hot_fraction",
                "Hot fraction",
                "fraction",
                "20%",
                "Share of the objects worth caching (80/20 rule: 20%).",
            ),
            Input(
                "window",
                "Window",
                "duration",
                "1d",
                "Reads counted over this period.",
                minimum=0,
                exclusive_minimum=True,
            ),
            Input(
                "node_memory",
                "Memory per cache node",
                "bytes",
                "64GB",
                "Usable memory for data on one node.",
                minimum=0,
                exclusive_minimum=True,
            ),
            Input(
                "reads_per_object",
                "Reads per object in the window",
                "number",
                "1",
                "1 counts every read as a new object (upper bound).",
                minimum=1,
            ),
        ),
        outputs=(
            Output("cache_size", "Cache size", "bytes"),
            Output("nodes", "Cache nodes", "count"),
            Output("hot_objects", "Hot objects", "count"),
        ),
        compute=_cache,
    )
)


def _shards(values: Values) -> dict[str, float]:
    for_storage, for_writes, shards = shard_counts(
        values["storage_total"],
        values["shard_storage"],
        values["write_qps"],
        values["shard_write_qps"],
    )
    return {
        "shards_for_storage": float(for_storage),
        "shards_for_writes": float(for_writes),
        "shards": float(shards),
    }


SHARDS = register(
    Calculator(
        id="shards",
        title="Shard count",
        description="Shards needed to hold the data and to absorb the writes: the larger wins.",
        page="calculators/shards.md",
        inputs=(
            Input(
                "storage_total",
                "Total data",
                "bytes",
                "100TB",
                "Everything to store, replicas aside: 100TB, 1.1PB.",
            ),
            Input(
                "shard_storage",
                "Data per shard",
                "bytes",
                "2TB",
                "What one shard should hold (leave room to grow).",
                minimum=0,
                exclusive_minimum=True,
            ),
            Input(
                "write_qps",
                "Peak writes per second",
                "rate",
                "30K/s",
                "Peak write rate across all shards.",
                minimum=0,
            ),
            Input(
                "shard_write_qps",
                "Writes per second per shard",
                "rate",
                "5K/s",
                "What one shard's primary sustains.",
                minimum=0,
                exclusive_minimum=True,
            ),
        ),
        outputs=(
            Output("shards_for_storage", "Shards for the data", "count"),
            Output("shards_for_writes", "Shards for the writes", "count"),
            Output("shards", "Shards", "count"),
        ),
        compute=_shards,
    )
)


def _transfer(values: Values) -> dict[str, float]:
    return {"duration": transfer_time(values["size"], values["bandwidth"], values["efficiency"])}


TRANSFER = register(
    Calculator(
        id="transfer",
        title="Transfer time",
        description="How long moving data takes over a link (bandwidth in bits per second).",
        page="calculators/transfer.md",
        inputs=(
            Input("size", "Data size", "bytes", "1TB", "Bytes to move: 1TB, 500GB, 4GiB."),
            Input(
                "bandwidth",
                "Bandwidth",
                "bandwidth",
                "1Gbps",
                "Bits per second: 1Gbps, 100Mbps (125MB/s is read as bytes).",
                minimum=0,
                exclusive_minimum=True,
            ),
            Input(
                "efficiency",
                "Usable share of the link",
                "fraction",
                "100%",
                "Protocol overhead and sharing: 100% is the ideal.",
                minimum=0,
                exclusive_minimum=True,
            ),
        ),
        outputs=(Output("duration", "Transfer time", "duration"),),
        compute=_transfer,
    )
)
