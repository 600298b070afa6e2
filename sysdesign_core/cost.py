"""A design's monthly cloud bill from its capacity estimate, priced from the catalog's list prices.

Each line is a quantity from the estimate times a dated list price from
:data:`sysdesign_core.tables.cost.CLOUD_PRICES`: servers for the peak load, cache nodes for the
hot set, storage (object storage tiered), bytes sent to users (tiered), bytes between zones
and per-request charges. A month is a twelfth of 365.25 days (730.5 hours); a GB is 10⁹ bytes.

>>> round(tiered(60e12, EGRESS_TIERS))  # 60 TB to the internet in a month
5000
>>> round(tiered(1e15, OBJECT_STORAGE_TIERS))  # 1 PB in S3 Standard for a month
21550
>>> format_usd(1234.5), format_usd(0.01234), format_usd(42)
('$1.23K', '$0.0123', '$42')
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from . import units
from .inputs import DAU, PEAK_QPS
from .registry import Calculator, Input, Kind, Output, Values, register, register_kind
from .tables.cost import CLOUD_PRICES
from .units import MONTH

__all__ = [
    "GB",
    "HOURS_PER_MONTH",
    "EGRESS_TIERS",
    "OBJECT_STORAGE_TIERS",
    "REQUEST_TIERS",
    "price",
    "tiered",
    "format_usd",
    "monthly_cost",
    "COST",
]

GB = 1e9
HOURS_PER_MONTH = MONTH / 3600


def price(name: str) -> float:
    """The list price (US dollars) of the catalog row ``name``; ``KeyError`` if it is gone."""
    return CLOUD_PRICES.row(name).usd


# (bytes in this tier, dollars per GB); the last tier is open-ended.
EGRESS_TIERS: tuple[tuple[float, float], ...] = (
    (10e12, price("Internet egress, first 10 TB") / GB),
    (40e12, price("Internet egress, next 40 TB") / GB),
    (100e12, price("Internet egress, next 100 TB") / GB),
    (math.inf, price("Internet egress, over 150 TB") / GB),
)
# (bytes held in this tier for the month, dollars per byte-month): S3 Standard charges each
# GB-month at the price of the tier it falls in, not the whole amount at one price.
OBJECT_STORAGE_TIERS: tuple[tuple[float, float], ...] = (
    (50e12, price("S3 Standard storage") / GB),
    (450e12, price("S3 Standard storage, next 450 TB") / GB),
    (math.inf, price("S3 Standard storage, over 500 TB") / GB),
)
# (requests in this tier, dollars per request)
REQUEST_TIERS: tuple[tuple[float, float], ...] = (
    (300e6, price("API Gateway HTTP API request") / 1e6),
    (math.inf, price("API Gateway HTTP API request, over 300 million") / 1e6),
)
_SERVER = "m7g.large instance"
_CACHE_NODE = "r7g.large instance"
CACHE_NODE_MEMORY = 16 * 2**30  # an r7g.large's 16 GiB
_BLOCK_STORAGE = "EBS gp3 volume"  # one price per GB-month, however much


def tiered(amount: float, tiers: Sequence[tuple[float, float]]) -> float:
    """The price of ``amount`` units charged tier by tier (each tier: size, price per unit)."""
    total, left = 0.0, amount
    for size, unit_price in tiers:
        used = min(left, size)
        total += used * unit_price
        left -= used
        if left <= 0:
            break
    return total


def format_usd(value: float) -> str:
    """US dollars, three significant figures: ``'$299K'``, ``'$42'``, ``'$0.0123'``; from
    $1,000 always scaled (``'$2.4K'`` beside ``'$9.29K'``, never ``'$2,400'``)."""
    sign = "-" if value < 0 else ""
    amount = abs(value)
    if amount < 1000:
        text = units.format_number(amount)
    else:
        text = units.format_count(amount, whole_in_full=False)
    return f"{sign}${text}"


def _parse_usd(text: str) -> float:
    return units.parse_count(text.strip().removeprefix("$"))


# Money is shown as dollars and written in JSON as a plain number with the unit "USD". A bill
# is bounded like a count (1e15: ten times the world's yearly output); past it a result only
# says that an input is off, and run() refuses it naming that input.
register_kind(
    Kind("usd", _parse_usd, format_usd, "USD", "an amount in US dollars such as $120", high=1e15)
)


def monthly_cost(
    *,
    peak_qps: float,
    qps_per_server: float,
    cache_memory: float,
    storage: float,
    storage_class: str,
    egress: float,
    inter_zone: float,
    requests: float,
) -> dict[str, float]:
    """Each line of the monthly bill in US dollars, and the servers and cache nodes priced.

    Rates are per second (``egress`` and ``inter_zone`` in bytes per second, averaged over
    the month); ``cache_memory`` and ``storage`` are bytes held all month.
    """
    servers = max(1, math.ceil(peak_qps / qps_per_server - 1e-9))
    cache_nodes = math.ceil(cache_memory / CACHE_NODE_MEMORY - 1e-9) if cache_memory else 0
    lines = {
        "servers": float(servers),
        "cache_nodes": float(cache_nodes),
        "compute_cost": servers * price(_SERVER) * HOURS_PER_MONTH,
        "memory_cost": cache_nodes * price(_CACHE_NODE) * HOURS_PER_MONTH,
        "storage_cost": (
            tiered(storage, OBJECT_STORAGE_TIERS)
            if storage_class == "object"
            else storage / GB * price(_BLOCK_STORAGE)
        ),
        "egress_cost": tiered(egress * MONTH, EGRESS_TIERS),
        "inter_zone_cost": inter_zone * MONTH / GB * price("Inter-zone transfer"),
        "request_cost": tiered(requests * MONTH, REQUEST_TIERS),
    }
    return lines


# --- calculator ------------------------------------------------------------------------------


def _cost(values: Values) -> dict[str, float]:
    lines = monthly_cost(
        peak_qps=values["peak_qps"],
        qps_per_server=values["qps_per_server"],
        cache_memory=values["cache_memory"],
        storage=values["storage"],
        storage_class=values["storage_class"],
        egress=values["egress"] / 8,  # bandwidth inputs are bits per second
        inter_zone=values["inter_zone"] / 8,
        requests=values["requests"],
    )
    total = sum(value for name, value in lines.items() if name.endswith("_cost"))
    return {**lines, "monthly_total": total, "per_user": total / values["dau"]}


COST = register(
    Calculator(
        id="cost",
        title="Monthly cost",
        description="A design's monthly cloud bill from its capacity estimate, at list prices.",
        page="calculators/cost.md",
        inputs=(
            DAU.reused(help="To divide the bill per user."),
            PEAK_QPS.reused(
                default="3.5M/s", help="Peak reads plus peak writes, from the capacity estimate."
            ),
            Input(
                "qps_per_server",
                "Requests per second one server takes",
                "rate",
                "700/s",
                "Planned load per server (the servers calculator works it out).",
                minimum=0.01,
                maximum=1e9,
            ),
            Input(
                "cache_memory",
                "Cache memory",
                "bytes",
                "1.73TB",
                "The hot set held in memory (the cache calculator); 0 for none.",
                minimum=0,
                maximum=1e18,
            ),
            Input(
                "storage",
                "Storage, replicas included",
                "bytes",
                "1.1PB",
                "Everything kept, times its copies (the capacity estimate's total).",
                minimum=0,
                maximum=1e21,
            ),
            Input(
                "storage_class",
                "Kept on",
                "text",
                "block",
                "block: SSD volumes under databases; object: an object store for blobs.",
                choices=("block", "object"),
            ),
            Input(
                "egress",
                "Egress to users (average)",
                "bandwidth",
                "231MB/s",
                "Bytes sent to the internet, averaged over the month: 231MB/s, 2Gbps.",
                minimum=0,
                maximum=1e16,
            ),
            Input(
                "inter_zone",
                "Traffic between zones (average)",
                "bandwidth",
                "4.62MB/s",
                "Replication and calls across availability zones; about ingress × (replicas − 1).",
                minimum=0,
                maximum=1e16,
            ),
            Input(
                "requests",
                "Requests billed per call (average)",
                "rate",
                "0/s",
                "Requests through a per-request service such as an API gateway; 0 if none.",
                minimum=0,
                maximum=1e10,
            ),
        ),
        outputs=(
            Output("servers", "Servers priced", "count"),
            Output("cache_nodes", "Cache nodes priced", "count"),
            Output("compute_cost", "Compute", "usd"),
            Output("memory_cost", "Memory (cache nodes)", "usd"),
            Output("storage_cost", "Storage", "usd"),
            Output("egress_cost", "Egress to users", "usd"),
            Output("inter_zone_cost", "Inter-zone traffic", "usd"),
            Output("request_cost", "Per-request charges", "usd"),
            Output("monthly_total", "Monthly total", "usd"),
            Output("per_user", "Per daily active user, per month", "usd"),
        ),
        compute=_cost,
    )
)
