"""Messaging tables: which queue, sync vs async, push vs pull, fan-out models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "MessageQueue", "SyncAsync", "PushPull", "FanoutModel"]


@dataclass(frozen=True, kw_only=True)
class MessageQueue(Record):
    """A queue or log, when it fits and when it does not."""

    use_when: str
    avoid_when: str


@dataclass(frozen=True, kw_only=True)
class SyncAsync(Record):
    """One aspect (``name``) compared between a synchronous and an asynchronous call."""

    sync: str
    asynchronous: str


@dataclass(frozen=True, kw_only=True)
class PushPull(Record):
    """One aspect (``name``) compared between push and pull delivery."""

    push: str
    pull: str


@dataclass(frozen=True, kw_only=True)
class FanoutModel(Record):
    """A way to deliver one write to many readers, with its costs."""

    write_cost: str
    read_cost: str
    use_when: str


#: Redis persistence: AOF fsync policies and what each can lose.
REDIS_PERSISTENCE = Source(
    "Redis documentation: persistence (AOF fsync policies)",
    "https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/",
    2026,
)

#: The SQS quota page; the FIFO figures below were checked against it.
SQS_QUOTAS = Source(
    "Amazon SQS Developer Guide: message quotas (message throughput)",
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/"
    "quotas-messages.html",
    2026,
)

MESSAGE_QUEUES: Table[MessageQueue] = Table(
    name="message_queues",
    title="Which message queue?",
    caption="Limits are vendor figures that change: each row says where it comes from "
    "and when it was checked.",
    columns=(
        Column("name", "System"),
        Column("use_when", "Use when"),
        Column("avoid_when", "Avoid when"),
    ),
    ages=True,
    facets=("ordering", "replay", "managed", "routing"),
    rows=(
        MessageQueue(
            name="Kafka",
            use_when="High throughput, ordered events per partition, replay from any "
            "offset, event sourcing, audit logs, many independent consumer groups",
            avoid_when="A simple task queue is all you need, or nobody can run (or buy) a "
            "cluster; delayed delivery; sub-millisecond delivery at any load. Per-record "
            "acks and redelivery now exist in share groups (KIP-932, generally available "
            "from Kafka 4.2), with no ordering within a share group",
            source=Source(
                "Apache Kafka, KIP-932: Queues for Kafka",
                "https://cwiki.apache.org/confluence/display/KAFKA/KIP-932%3A+Queues+for+Kafka",
                2026,
            ),
            tags=frozenset({"ordering", "replay"}),
        ),
        MessageQueue(
            name="SQS",
            use_when="A managed task queue with nearly unlimited throughput; at-least-once "
            "delivery is fine; serverless workers",
            avoid_when="You need strict ordering (best-effort only) or replay (a deleted "
            "message is gone; retention is 14 days at most)",
            source=Source(
                "Amazon SQS Developer Guide: standard queues",
                "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/"
                "SQSDeveloperGuide/standard-queues.html",
                2026,
            ),
            tags=frozenset({"managed"}),
        ),
        MessageQueue(
            name="SQS FIFO",
            use_when="Strict order within a message group and duplicate-free sends, managed: "
            "a deduplication ID is remembered for 5 minutes, across the whole queue by "
            "default (per message group only if you choose that scope)",
            avoid_when="Throughput beyond the quota: by default 300 API calls/s per action "
            "(send, receive, delete) per queue, i.e. 3,000 messages/s with 10-message "
            "batches. High-throughput mode spreads message groups over partitions and "
            "raises the queue limit to tens of thousands of calls/s depending on the "
            "Region, but one group lives on one partition (about 300 calls/s, 3,000 "
            "messages/s batched) and is consumed strictly in order, one batch at a time",
            source=SQS_QUOTAS,
            tags=frozenset({"managed", "ordering"}),
        ),
        MessageQueue(
            name="Redis Streams",
            use_when="Low latency at small scale, consumer groups on a Redis you already "
            "run, data that may live in memory",
            avoid_when="An acknowledged entry must never be lost: with AOF on, `appendfsync "
            "everysec` (the default) can lose about a second of writes in a crash, `always` "
            "fsyncs every write at a cost, `no` leaves it to the OS; replication is "
            "asynchronous, so a failover can drop acknowledged entries (`WAIT` and "
            "`WAITAOF` narrow the window, they do not make Redis a consistent store). "
            "Also avoid when volume outgrows memory",
            source=REDIS_PERSISTENCE,
            tags=frozenset({"ordering", "replay"}),
        ),
        MessageQueue(
            name="RabbitMQ",
            use_when="Flexible routing (direct, topic, fanout, headers exchanges), "
            "per-message acknowledgements, priorities, a classic work queue",
            avoid_when="Kafka-scale throughput with long retention and replay (its Streams "
            "feature narrows this gap)",
            source=Source(
                "RabbitMQ documentation: exchanges and streams",
                "https://www.rabbitmq.com/docs/streams",
                2026,
            ),
            tags=frozenset({"routing"}),
        ),
    ),
)

SYNC_VS_ASYNC: Table[SyncAsync] = Table(
    name="sync_vs_async",
    title="Synchronous vs asynchronous",
    columns=(
        Column("name", "Aspect"),
        Column("sync", "Synchronous"),
        Column("asynchronous", "Asynchronous"),
    ),
    rows=(
        SyncAsync(
            name="Use when",
            sync="The caller needs the answer to go on",
            asynchronous="The work can happen later",
        ),
        SyncAsync(
            name="Client experience",
            sync="Waits for the result",
            asynchronous="Gets `202 Accepted` and a job ID at once",
        ),
        SyncAsync(
            name="Coupling",
            sync="Tight: both sides must be up at the same time",
            asynchronous="Loose: the queue absorbs bursts and outages",
        ),
        SyncAsync(
            name="Failure handling",
            sync="The caller sees the error at once and decides",
            asynchronous="The queue redelivers; consumers must be idempotent and poison "
            "messages need a dead-letter queue",
        ),
        SyncAsync(
            name="Examples",
            sync="Login, reads, payment authorisation",
            asynchronous="Email, notifications, analytics, media encoding",
        ),
    ),
)

PUSH_VS_PULL: Table[PushPull] = Table(
    name="push_vs_pull",
    title="Push vs pull",
    columns=(
        Column("name", "Aspect"),
        Column("push", "Push"),
        Column("pull", "Pull"),
    ),
    rows=(
        PushPull(
            name="Latency",
            push="Lower: the server sends as soon as it has data",
            pull="Higher: bounded by the poll interval (long polling narrows it)",
        ),
        PushPull(
            name="Scale",
            push="Harder: the server tracks every subscriber and its connection",
            pull="Easier: each consumer sets its own pace",
        ),
        PushPull(
            name="Risk of missing data",
            push="Yes when the receiver is down, unless the sender retries or buffers",
            pull="Low: the consumer fetches from where it left off",
        ),
        PushPull(
            name="Back-pressure",
            push="The sender can overwhelm a slow receiver",
            pull="Built in: a busy consumer simply fetches less",
        ),
        PushPull(
            name="Examples",
            push="WebSocket, SSE, webhooks, mobile notifications",
            pull="Kafka consumers, cron jobs, RSS readers",
        ),
    ),
)

FANOUT_MODELS: Table[FanoutModel] = Table(
    name="fanout_models",
    title="Fan-out models",
    caption="N is the author's followers; F is how many accounts the reader follows.",
    columns=(
        Column("name", "Model"),
        Column("write_cost", "Write cost"),
        Column("read_cost", "Read cost"),
        Column("use_when", "Use when"),
    ),
    rows=(
        FanoutModel(
            name="Fan-out on write (push)",
            write_cost="O(N): one insert per follower timeline",
            read_cost="O(1): the timeline is precomputed",
            use_when="Reads far outnumber writes and authors have modest follower counts",
        ),
        FanoutModel(
            name="Fan-out on read (pull)",
            write_cost="O(1): store the post once",
            read_cost="O(F): gather and merge recent posts of everyone followed",
            use_when="Writes dominate, or authors have huge audiences (celebrities)",
        ),
        FanoutModel(
            name="Hybrid",
            write_cost="O(N) pushed asynchronously for ordinary authors; O(1) for "
            "authors above a follower cut-off",
            read_cost="O(1) precomputed timeline, plus a merge of the few followed "
            "celebrities' posts",
            use_when="Social feeds with a skewed follower distribution (Twitter, "
            "Instagram); the cut-off is a tuning knob, not a constant",
        ),
    ),
)

# Any: Table is invariant in its row type, and the catalog reads rows as Record.
TABLES: list[Table[Any]] = [
    MESSAGE_QUEUES,
    SYNC_VS_ASYNC,
    PUSH_VS_PULL,
    FANOUT_MODELS,
]
LISTS: list[ItemList] = []
