"""Data movement tables: getting a change from one store to others without losing or
duplicating it (dual write, outbox, CDC, event sourcing, CQRS), and exactly-once in practice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "MovementPattern", "ExactlyOnce"]

_OUTBOX = Source(
    "Chris Richardson — Pattern: Transactional outbox (microservices.io)",
    "https://microservices.io/patterns/data/transactional-outbox.html",
    2026,
)
_DEBEZIUM = Source(
    "Debezium documentation — Features (log-based change data capture)",
    "https://debezium.io/documentation/reference/stable/features.html",
    2026,
)
_FOWLER_ES = Source(
    "Martin Fowler — Event Sourcing", "https://martinfowler.com/eaaDev/EventSourcing.html", 2026
)
_FOWLER_CQRS = Source("Martin Fowler — CQRS", "https://martinfowler.com/bliki/CQRS.html", 2026)
_KLEPPMANN_DUAL = Source(
    "Martin Kleppmann — Using logs to build a solid data infrastructure (2015)",
    "https://martin.kleppmann.com/2015/05/27/logs-for-data-infrastructure.html",
    2026,
)
_KAFKA_EOS = Source(
    "Apache Kafka documentation — Message delivery semantics",
    "https://kafka.apache.org/documentation/#semantics",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class MovementPattern(Record):
    """A way to propagate a change to other stores, what it guarantees and what it costs."""

    how: str
    guarantees: str
    costs: str


DATA_MOVEMENT_PATTERNS: Table[MovementPattern] = Table(
    name="data_movement_patterns",
    title="Moving a change to other systems",
    caption="The first row is the problem; the others are the usual answers. Outbox and CDC "
    "are often combined: CDC reads the outbox table from the database's log.",
    columns=(
        Column("name", "Pattern"),
        Column("how", "How"),
        Column("guarantees", "Guarantees"),
        Column("costs", "Costs and traps"),
    ),
    rows=(
        MovementPattern(
            name="Dual write",
            how="The service writes its database, then publishes an event (or writes a cache, "
            "a search index) in a second call",
            guarantees="None across the two: a crash or error between the calls leaves one "
            "updated and not the other, and concurrent writers can apply them in different orders",
            costs="Silent divergence, found late by users; retries make duplicates",
            source=_KLEPPMANN_DUAL,
        ),
        MovementPattern(
            name="Transactional outbox",
            how="In the same database transaction as the change, insert the event into an "
            "outbox table; a relay publishes outbox rows and marks them sent",
            guarantees="The event is published if and only if the change committed, at least "
            "once, in commit order per aggregate",
            costs="A relay to run and monitor; consumers must deduplicate (by event id); "
            "extra writes on the database",
            source=_OUTBOX,
        ),
        MovementPattern(
            name="Change data capture (log-based)",
            how="A connector tails the database's replication log (PostgreSQL WAL, MySQL "
            "binlog) and turns every committed change into an event",
            guarantees="Every committed change, in commit order, with no change to the "
            "application; at least once",
            costs="Events mirror tables, not business intent, and couple consumers to the "
            "schema; connector and log retention to operate",
            source=_DEBEZIUM,
        ),
        MovementPattern(
            name="Event sourcing",
            how="The events are the source of truth; current state is derived by replaying "
            "them (with snapshots to stay fast)",
            guarantees="A complete history: audit, replay into new views, time travel",
            costs="Event schemas live forever and must be versioned; queries need projections; "
            "deleting personal data needs care",
            source=_FOWLER_ES,
        ),
        MovementPattern(
            name="CQRS",
            how="Separate models for writes (commands) and reads (queries); read models are "
            "kept up to date from the write side's events",
            guarantees="Read models shaped for each query, scaled apart from writes",
            costs="Read models lag the writes (eventual consistency) and must be rebuildable; "
            "more moving parts than a single model",
            source=_FOWLER_CQRS,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class ExactlyOnce(Record):
    """A technique towards exactly-once processing, and where its guarantee stops."""

    gives: str
    stops_at: str


EXACTLY_ONCE: Table[ExactlyOnce] = Table(
    name="exactly_once",
    title="Exactly-once in practice",
    caption="Delivery is at least once; exactly-once is an effect you build: each technique "
    "covers one stretch of the path, and the ends need idempotence.",
    ages=True,
    columns=(
        Column("name", "Technique"),
        Column("gives", "Gives"),
        Column("stops_at", "Stops at"),
    ),
    rows=(
        ExactlyOnce(
            name="Idempotent producer (Kafka)",
            gives="A producer's retries do not write duplicates to a partition (sequence "
            "numbers per producer and partition); on by default since Kafka 3.0",
            stops_at="One producer session and one partition; a restarted application that "
            "re-sends is a new message",
            source=_KAFKA_EOS,
        ),
        ExactlyOnce(
            name="Transactions (Kafka)",
            gives="Read, process and write to several partitions and commit the consumer "
            "offsets atomically; consumers with read_committed see all or nothing",
            stops_at="Kafka itself: a side effect outside Kafka (an email, a payment call, a "
            "database write) is not part of the transaction",
            source=_KAFKA_EOS,
        ),
        ExactlyOnce(
            name="Deduplication key",
            gives="The consumer records each processed message id (or idempotency key) and "
            "skips ids it has seen, in the same transaction as its own write",
            stops_at="The retention of the seen-ids table; ids must be assigned once, at the "
            "source",
            source=_OUTBOX,
        ),
        ExactlyOnce(
            name="Idempotent write (upsert, conditional update)",
            gives="Applying the same change twice leaves the same state: set, not increment; "
            "write only if the version is the expected one",
            stops_at="Operations that are not naturally idempotent (counters, sends) need a "
            "key or a version",
            source=_KLEPPMANN_DUAL,
        ),
    ),
)


_TABLES: tuple[Table[Any], ...] = (DATA_MOVEMENT_PATTERNS, EXACTLY_ONCE)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = []
