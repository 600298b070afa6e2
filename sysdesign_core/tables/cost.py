"""Cloud list prices that the ``cost`` calculator multiplies out: compute, memory, storage,
transfer and per-request charges, each with its source and the year it was checked.

The calculator reads these rows by name (:mod:`sysdesign_core.cost`), so changing a price here
changes every cost on the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "Price", "CLOUD_PRICES"]

_EC2 = Source(
    "Amazon EC2 On-Demand pricing (Linux, US East N. Virginia)",
    "https://aws.amazon.com/ec2/pricing/on-demand/",
    2026,
)
_EBS = Source("Amazon EBS pricing (gp3)", "https://aws.amazon.com/ebs/pricing/", 2026)
_S3 = Source("Amazon S3 pricing (S3 Standard)", "https://aws.amazon.com/s3/pricing/", 2026)
_TRANSFER = Source(
    "Amazon EC2 On-Demand pricing — Data transfer",
    "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer",
    2026,
)
_APIGW = Source(
    "Amazon API Gateway pricing (HTTP APIs)", "https://aws.amazon.com/api-gateway/pricing/", 2026
)
_CLOUDFRONT = Source(
    "Amazon CloudFront pricing (pay as you go, United States, Mexico and Canada)",
    "https://aws.amazon.com/cloudfront/pricing/",
    2026,
)
_CLOUDWATCH = Source(
    "Amazon CloudWatch pricing — Logs (Standard log class)",
    "https://aws.amazon.com/cloudwatch/pricing/",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class Price(Record):
    """One list price: what is bought, the price in US dollars and per what.

    ``usd`` is a number (the calculator multiplies it); ``per`` names the unit it is paid
    for; ``note`` says what the price stands in for in an estimate.
    """

    usd: float
    per: str
    note: str


CLOUD_PRICES: Table[Price] = Table(
    name="cloud_prices",
    title="Cloud list prices used by the cost calculator",
    caption="AWS on-demand list prices in us-east-1, before discounts (savings plans and "
    "reserved capacity cut compute by up to 72%), free tiers and taxes. Other regions "
    "and clouds differ; the shape of a bill rarely does.",
    ages=True,
    columns=(
        Column("name", "Item"),
        Column("usd", "US dollars"),
        Column("per", "Per"),
        Column("note", "Stands in for"),
    ),
    rows=(
        Price(
            name="m7g.large instance",
            usd=0.0816,
            per="instance-hour",
            note="An application server: 2 vCPU (Graviton3), 8 GiB",
            source=_EC2,
        ),
        Price(
            name="r7g.large instance",
            usd=0.1071,
            per="instance-hour",
            note="A cache node you run yourself (Redis, Valkey, Memcached): 2 vCPU, 16 GiB",
            source=_EC2,
        ),
        Price(
            name="H100 GPU, p5.48xlarge",
            usd=6.88,
            per="GPU-hour",
            note="One NVIDIA H100 (80 GB) of a p5.48xlarge: 8 GPUs for $55.04 an instance-hour",
            source=_EC2,
        ),
        Price(
            name="EBS gp3 volume",
            usd=0.08,
            per="GB-month",
            note="Database storage on SSD block volumes (baseline IOPS included)",
            source=_EBS,
        ),
        Price(
            name="S3 Standard storage",
            usd=0.023,
            per="GB-month",
            note="Blobs and media in object storage (first 50 TB a month)",
            source=_S3,
        ),
        Price(
            name="S3 Standard storage, next 450 TB",
            usd=0.022,
            per="GB-month",
            note="Object storage beyond the first 50 TB, up to 500 TB a month",
            source=_S3,
        ),
        Price(
            name="S3 Standard storage, over 500 TB",
            usd=0.021,
            per="GB-month",
            note="Object storage beyond 500 TB a month",
            source=_S3,
        ),
        Price(
            name="Internet egress, first 10 TB",
            usd=0.09,
            per="GB",
            note="Data sent to users, the first 10 TB of a month",
            source=_TRANSFER,
        ),
        Price(
            name="Internet egress, next 40 TB",
            usd=0.085,
            per="GB",
            note="Data sent to users, 10–50 TB in a month",
            source=_TRANSFER,
        ),
        Price(
            name="Internet egress, next 100 TB",
            usd=0.07,
            per="GB",
            note="Data sent to users, 50–150 TB in a month",
            source=_TRANSFER,
        ),
        Price(
            name="Internet egress, over 150 TB",
            usd=0.05,
            per="GB",
            note="Data sent to users beyond 150 TB in a month",
            source=_TRANSFER,
        ),
        Price(
            name="CDN egress (CloudFront), first 10 TB",
            usd=0.085,
            per="GB",
            note="Data a CDN sends to users, the first 10 TB of a month (cheaper tiers follow)",
            source=_CLOUDFRONT,
        ),
        Price(
            name="Log ingestion (CloudWatch Logs)",
            usd=0.50,
            per="GB",
            note="Application logs shipped to a managed log service, per GB taken in",
            source=_CLOUDWATCH,
        ),
        Price(
            name="Inter-zone transfer",
            usd=0.02,
            per="GB",
            note="Replication and calls between availability zones: $0.01 out plus $0.01 in",
            source=_TRANSFER,
        ),
        Price(
            name="API Gateway HTTP API request",
            usd=1.0,
            per="million requests",
            note="Requests billed one by one, the first 300 million of a month",
            source=_APIGW,
        ),
        Price(
            name="API Gateway HTTP API request, over 300 million",
            usd=0.9,
            per="million requests",
            note="Requests billed one by one beyond 300 million in a month",
            source=_APIGW,
        ),
    ),
)


_TABLES: tuple[Table[Any], ...] = (CLOUD_PRICES,)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = []
