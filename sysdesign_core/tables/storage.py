"""Storage tables: which database, and the records behind them."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Column, ItemList, Record, Table



@dataclass(frozen=True, kw_only=True)
class Database(Record):
    """A data store and when it is the right choice."""

    use_when: str
    avoid_when: str



DATABASES: Table[Database] = Table(
    name="databases",
    title="Which database?",
    caption="Start from the access pattern, then pick the store that serves it.",
    columns=(
        Column("name", "System"),
        Column("use_when", "Use when"),
        Column("avoid_when", "Think twice when"),
    ),
    facets=("ACID", "SQL", "full-text", "time-series", "multi-region writes", "analytics",
            "in-memory", "graph", "blobs", "managed"),
    rows=(
        Database(
            name="PostgreSQL",
            use_when="ACID transactions, complex queries and joins, geospatial (PostGIS); "
            "the general-purpose default",
            avoid_when="Writes outgrow one primary and the data cannot be partitioned",
            tags=frozenset({"ACID", "SQL", "full-text"}),
        ),
        Database(
            name="MySQL",
            use_when="Web applications, read replicas fed by the binlog, a wide ecosystem",
            avoid_when="Heavy analytical queries over the live data",
            tags=frozenset({"ACID", "SQL"}),
        ),
        Database(
            name="DynamoDB",
            use_when="Managed key-value or document access with predictable latency and "
            "automatic scaling",
            avoid_when="Ad-hoc queries or joins not planned into the key design",
            tags=frozenset({"managed", "multi-region writes"}),
        ),
        Database(
            name="Cassandra",
            use_when="Multi-region writes, high write throughput, time-series, access "
            "patterns known up front",
            avoid_when="Transactions across rows or queries the partition key cannot answer",
            tags=frozenset({"multi-region writes", "time-series"}),
        ),
        Database(
            name="MongoDB",
            use_when="Flexible schema and nested documents where moderate consistency is fine",
            avoid_when="Many relations between documents that need joins",
            tags=frozenset({"ACID"}),
        ),
        Database(
            name="Redis",
            use_when="Sub-millisecond reads: sessions, leaderboards, rate limits, pub/sub, "
            "counters",
            avoid_when="The data set is larger than memory or must never lose a write",
            tags=frozenset({"in-memory"}),
        ),
        Database(
            name="ClickHouse",
            use_when="OLAP: columnar analytical queries over billions of rows",
            avoid_when="Frequent single-row updates or transactional workloads",
            tags=frozenset({"analytics", "SQL"}),
        ),
        Database(
            name="Elasticsearch",
            use_when="Full-text search, log analytics, faceted search",
            avoid_when="It would be the only copy of the data (treat it as an index)",
            tags=frozenset({"full-text", "analytics"}),
        ),
        Database(
            name="InfluxDB / TimescaleDB",
            use_when="Time-series metrics and IoT data with retention policies",
            avoid_when="General relational data with few time-ordered writes",
            tags=frozenset({"time-series"}),
        ),
        Database(
            name="Neo4j",
            use_when="Graph traversal: fraud rings, recommendations, social graphs",
            avoid_when="Queries rarely follow more than one relationship",
            tags=frozenset({"graph", "ACID"}),
        ),
        Database(
            name="S3 / GCS",
            use_when="Blobs and large files: cheap, durable storage and archives",
            avoid_when="Small records that need low-latency reads or in-place updates",
            tags=frozenset({"blobs", "managed"}),
        ),
    ),
)

TABLES: list[Table[Record]] = [DATABASES]  # type: ignore[list-item]
LISTS: list[ItemList] = []


