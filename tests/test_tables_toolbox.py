"""The Toolbox tables (api, storage, messaging, scaling): names, rows, sources, corrections."""

from __future__ import annotations

import pytest

from sysdesign_core import catalog
from sysdesign_core.records import validate_list, validate_table

ROWS = {
    "api_protocols": {
        "REST (HTTP + JSON)",
        "gRPC",
        "GraphQL",
        "WebSocket",
        "SSE (Server-Sent Events)",
    },
    "rpc_protocols": {"REST / HTTP", "gRPC", "GraphQL", "WebSocket", "SSE"},
    "serialization_formats": {"JSON", "Protocol Buffers", "Avro", "MessagePack", "XML"},
    "databases": {
        "PostgreSQL",
        "MySQL",
        "DynamoDB",
        "Cassandra",
        "MongoDB",
        "Redis",
        "ClickHouse",
        "Elasticsearch",
        "InfluxDB / TimescaleDB",
        "Neo4j",
        "S3 / GCS",
    },
    "caches": {"Redis", "Memcached", "In-process (e.g. Caffeine)", "CDN"},
    "message_queues": {"Kafka", "SQS", "SQS FIFO", "Redis Streams", "RabbitMQ"},
    "sync_vs_async": {"Use when", "Client experience", "Coupling", "Failure handling", "Examples"},
    "push_vs_pull": {"Latency", "Scale", "Risk of missing data", "Examples"},
    "fanout_models": {"Fan-out on write (push)", "Fan-out on read (pull)", "Hybrid"},
    "vertical_vs_horizontal": {"How", "Effort", "Ceiling", "Failure"},
    "stateless_vs_stateful": {
        "Memory",
        "Scaling",
        "Failure",
        "Where state lives",
        "Examples",
        "Load-balancer routing",
    },
    "load_balancers": {"L4 (e.g. AWS NLB)", "L7 (e.g. AWS ALB)"},
}

LISTS = [
    "api_design_rules",
    "why_serialize",
    "schema_registry",
    "schema_rules",
    "cdn_practices",
    "state_examples",
    "stateless_conversion",
    "core_challenges",
]


@pytest.mark.parametrize("name", sorted(ROWS))
def test_table_validates_and_has_expected_rows(name: str) -> None:
    table = catalog.TABLES[name]
    validate_table(table)
    assert ROWS[name] <= {row.name for row in table.rows}


@pytest.mark.parametrize("name", LISTS)
def test_list_validates_and_is_not_empty(name: str) -> None:
    item_list = catalog.LISTS[name]
    validate_list(item_list)
    assert len(item_list.items) >= 3


def test_message_queues_age_and_every_row_has_a_dated_source() -> None:
    table = catalog.TABLES["message_queues"]
    assert table.ages
    for row in table.rows:
        assert row.source is not None, row.name
        assert row.source.url.startswith("https://")
        assert row.source.as_of >= 2025


def test_sqs_fifo_states_the_corrected_quota() -> None:
    row = catalog.TABLES["message_queues"].row("SQS FIFO")
    text: str = row.avoid_when  # type: ignore[attr-defined]
    assert "300 API calls/s per action" in text
    assert "per queue" in text
    assert "3,000 messages/s" in text
    assert "high-throughput" in text.lower()
    assert "one group lives on one partition" in text  # the per-group figure holds only there
    assert "limit/group" not in text  # the often-quoted "300 msg/s limit/group"
    use_when: str = row.use_when  # type: ignore[attr-defined]
    assert "5 minutes" in use_when and "whole queue by default" in use_when
    assert row.source is not None
    assert "docs.aws.amazon.com" in row.source.url
    assert "SQSDeveloperGuide" in row.source.url


def test_load_balancer_rows_are_current() -> None:
    table = catalog.TABLES["load_balancers"]
    nlb: str = table.row("L4 (e.g. AWS NLB)").use_for  # type: ignore[attr-defined]
    alb: str = table.row("L7 (e.g. AWS ALB)").use_for  # type: ignore[attr-defined]
    assert "terminated at the balancer (TLS listener)" in nlb
    assert "only through an attached WAF" in alb


def test_redis_rows_state_what_persistence_can_lose() -> None:
    for table, row, field in (
        ("databases", "Redis", "avoid_when"),
        ("message_queues", "Redis Streams", "avoid_when"),
    ):
        text = getattr(catalog.TABLES[table].row(row), field)
        assert "everysec" in text and "failover" in text, (table, row)


def test_schema_evolution_names_numbers_for_protobuf_and_names_for_avro() -> None:
    table = catalog.TABLES["serialization_formats"]
    assert "number" in table.row("Protocol Buffers").evolution  # type: ignore[attr-defined]
    avro = table.row("Avro").evolution  # type: ignore[attr-defined]
    assert "by name" in avro and "writer's schema" in avro
    assert "No schema" in table.row("MessagePack").evolution  # type: ignore[attr-defined]
    for name in ("Protocol Buffers", "Avro"):
        source = table.row(name).source
        assert source is not None and source.as_of >= 2025


def test_databases_can_be_narrowed_by_need() -> None:
    table = catalog.TABLES["databases"]
    for facet in ("ACID", "full-text", "time-series", "multi-region writes"):
        assert facet in table.facets
        assert any(facet in row.tags for row in table.rows), facet
    both = {r.name for r in table.rows if {"ACID", "multi-region writes"} <= r.tags}
    assert "CockroachDB / Spanner" in both


def test_cdn_shield_and_stale_while_revalidate_are_sourced() -> None:
    items = {item.text: item for item in catalog.LISTS["cdn_practices"].items}
    shield = next(i for t, i in items.items() if "origin shield" in t)
    swr = next(i for t, i in items.items() if "stale" in t.lower())
    assert "mid-tier" in shield.detail and shield.source is not None
    assert swr.source is not None and "rfc5861" in swr.source.url


def test_horizontal_scaling_is_not_claimed_linear() -> None:
    ceiling = catalog.TABLES["vertical_vs_horizontal"].row("Ceiling")
    assert "sub-linear" in ceiling.horizontal  # type: ignore[attr-defined]
