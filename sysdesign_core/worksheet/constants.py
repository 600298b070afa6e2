"""Named constants a sheet may use, read from the catalog with their sources and dates.

The latency numbers (current figures) and the cost calculator's list prices; each name maps
to one catalog row, so a figure changed in the catalog changes every sheet that uses it.

>>> from .quantity import show
>>> show(CONSTANTS["ssd_random_read"].quantity), show(CONSTANTS["m7g_large"].quantity)
('100µs', '$59.6/month')
>>> CONSTANTS["s3_standard"].quantity.dims  # dollars per byte per second
(-1, -1, 1, 0)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Source
from ..tables.cost import CLOUD_PRICES
from ..tables.latency import LATENCY_NUMBERS
from ..units import MONTH
from .quantity import DATA, NONE, TIME, Dims, Quantity

__all__ = ["Constant", "CONSTANTS", "LATENCY_NAMES", "PRICE_NAMES"]


@dataclass(frozen=True)
class Constant:
    """A named value, the catalog row it comes from and that row's source (with its year)."""

    name: str
    quantity: Quantity
    row: str
    table: str
    source: Source | None


LATENCY_NAMES = {
    "l1_cache_reference": "L1 cache reference",
    "branch_mispredict": "Branch mispredict",
    "l2_cache_reference": "L2 cache reference",
    "mutex_lock": "Mutex lock/unlock",
    "memory_reference": "Main memory reference",
    "compress_1kb": "Compress 1 KB with Snappy (Zippy)",
    "send_1kb_datacenter": "Send 1 KB over the datacenter network",
    "ssd_random_read": "Read 4 KB randomly from SSD",
    "memory_read_1mb": "Read 1 MB sequentially from memory",
    "round_trip_same_region": "Round trip within the same datacenter",
    "ssd_read_1mb": "Read 1 MB sequentially from SSD",
    "disk_seek": "Disk seek",
    "disk_read_1mb": "Read 1 MB sequentially from disk",
    "round_trip_ca_nl": "Packet round trip California → Netherlands → California",
    "system_call": "System call",
    "context_switch": "Context switch",
    "proxy_hop": "Proxy hop (Envoy, Nginx, HAProxy)",
    "db_query_same_zone": "Database or cache query in the same zone",
    "ssd_fsync_write": "SSD write with fsync",
    "blob_get": "Blob storage GET (S3, GCS)",
    "round_trip_us_east_west": "Round trip US East ↔ US West",
    "round_trip_eu_us": "Round trip EU West ↔ US East",
}
"""Sheet name → latency table row (its current figure, in seconds)."""

PRICE_NAMES = {
    "m7g_large": "m7g.large instance",
    "r7g_large": "r7g.large instance",
    "ebs_gp3": "EBS gp3 volume",
    "s3_standard": "S3 Standard storage",
    "s3_standard_next_450tb": "S3 Standard storage, next 450 TB",
    "s3_standard_over_500tb": "S3 Standard storage, over 500 TB",
    "egress_first_10tb": "Internet egress, first 10 TB",
    "egress_next_40tb": "Internet egress, next 40 TB",
    "egress_next_100tb": "Internet egress, next 100 TB",
    "egress_over_150tb": "Internet egress, over 150 TB",
    "cdn_egress_first_10tb": "CDN egress (CloudFront), first 10 TB",
    "log_ingestion": "Log ingestion (CloudWatch Logs)",
    "h100_gpu": "H100 GPU, p5.48xlarge",
    "inter_zone_transfer": "Inter-zone transfer",
    "api_request": "API Gateway HTTP API request",
    "api_request_over_300m": "API Gateway HTTP API request, over 300 million",
}
"""Sheet name → price table row (US dollars per the row's unit)."""

_PER: dict[str, tuple[float, Dims]] = {
    # per what a price is paid → (its size in base units, its dimensions)
    "instance-hour": (3600.0, TIME),
    "GPU-hour": (3600.0, TIME),
    "GB-month": (1e9 * MONTH, (DATA[0], 1, 0, 0)),
    "GB": (1e9, DATA),
    "million requests": (1e6, NONE),
}


def _price(name: str, row_name: str) -> Constant:
    row = CLOUD_PRICES.row(row_name)
    size, per = _PER[row.per]
    dims = (-per[0], -per[1], 1, -per[3])
    return Constant(name, Quantity(row.usd / size, dims), row_name, CLOUD_PRICES.title, row.source)


def _latency(name: str, row_name: str) -> Constant:
    row = LATENCY_NUMBERS.row(row_name)
    return Constant(
        name, Quantity(row.current_s, TIME), row_name, LATENCY_NUMBERS.title, row.source
    )


CONSTANTS: dict[str, Constant] = {
    **{name: _latency(name, row) for name, row in LATENCY_NAMES.items()},
    **{name: _price(name, row) for name, row in PRICE_NAMES.items()},
}
"""Every named constant, latencies first."""
