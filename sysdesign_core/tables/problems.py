"""The problem bank: classic design problems, their patterns, difficulty and calculators.

Each row links to its computed walkthrough (``page``, docs-relative; the strict build checks
it) and to the calculators it uses (by id, from the registry; validation checks them).

>>> PROBLEMS.row("Chat").page
'problems/chat.md'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..records import Column, ItemList, Record, Table
from ..registry import calculators

__all__ = ["DesignProblem", "PROBLEMS", "PATTERNS", "TABLES", "LISTS"]

PATTERNS = (
    "read-heavy",
    "write-heavy",
    "real-time",
    "fan-out",
    "streaming",
    "geospatial",
    "strong consistency",
    "storage-heavy",
)
"""The facets a reader filters the problems by; a row's ``tags`` are drawn from these."""

DIFFICULTIES = ("Easy", "Medium", "Hard")


@dataclass(frozen=True, kw_only=True)
class DesignProblem(Record):
    """A classic design problem: what it is asked as, what it tests, and how hard it is.

    ``calcs`` are calculator ids (``"capacity"``, ``"geo"``); ``page`` is the docs-relative
    walkthrough. The patterns column is the row's tags, in the table's facet order.
    """

    asked_as: str
    challenge: str
    difficulty: str
    calcs: tuple[str, ...]
    page: str

    def patterns(self) -> str:
        """The row's tags in facet order, comma separated."""
        return ", ".join(tag for tag in PATTERNS if tag in self.tags)

    def calculator_links(self) -> str:
        """Links to the calculators the walkthrough uses, by their titles."""
        known = {calc.id: calc for calc in calculators()}
        return ", ".join(
            f"[{known[c].title}]({known[c].page})" if c in known else c for c in self.calcs
        )

    def cells(self, columns: Iterable[Column]) -> list[str]:
        """As :meth:`Record.cells`, with the name linking to the walkthrough and followed by
        what it is asked as, the tags as patterns and the calculator ids as links to their
        pages."""
        shown = {
            "name": f"[{self.name}]({self.page}) ({self.asked_as})",
            "tags": self.patterns(),
            "calcs": self.calculator_links(),
        }
        return [shown.get(c.key, str(getattr(self, c.key))) for c in columns]

    def problems(self) -> Iterator[tuple[str, str]]:
        known = {calc.id for calc in calculators()}
        for calc_id in self.calcs:
            if calc_id not in known:
                yield "calcs", f"{calc_id!r} is not a calculator id; use one of {sorted(known)}"
        if not self.calcs:
            yield "calcs", "is empty; name at least one calculator id, e.g. ('capacity',)"
        if self.difficulty not in DIFFICULTIES:
            yield "difficulty", f"{self.difficulty!r}: use one of {', '.join(DIFFICULTIES)}"
        if not self.page.endswith(".md"):
            yield "page", f"{self.page!r} is not a page; write e.g. 'problems/chat.md'"
        if not self.tags & set(PATTERNS):
            yield "tags", f"name at least one pattern: {', '.join(PATTERNS)}"


def _problem(
    name: str,
    *,
    asked_as: str,
    challenge: str,
    difficulty: str,
    patterns: tuple[str, ...],
    calcs: tuple[str, ...],
    page: str,
) -> DesignProblem:
    return DesignProblem(
        name=name,
        asked_as=asked_as,
        challenge=challenge,
        difficulty=difficulty,
        calcs=calcs,
        page=page,
        tags=frozenset(patterns) | {difficulty.lower()},  # the difficulty filters rows too
    )


_ROWS = (
    _problem(
        "News feed",
        asked_as="Twitter, Instagram, Facebook",
        challenge="Building each user's timeline: fan-out on write or on read, and celebrities",
        difficulty="Medium",
        patterns=("read-heavy", "fan-out"),
        calcs=("capacity", "fanout", "availability"),
        page="walkthroughs/twitter.md",
    ),
    _problem(
        "URL shortener",
        asked_as="bit.ly, TinyURL",
        challenge="Unique short keys without coordination, and redirects served from cache",
        difficulty="Easy",
        patterns=("read-heavy",),
        calcs=("capacity", "cache", "shards", "availability"),
        page="walkthroughs/url-shortener.md",
    ),
    _problem(
        "Chat",
        asked_as="WhatsApp, Slack, Messenger",
        challenge="Millions of open connections, message ordering, delivery to offline users",
        difficulty="Medium",
        patterns=("real-time", "write-heavy", "fan-out"),
        calcs=("capacity", "connections", "fanout"),
        page="problems/chat.md",
    ),
    _problem(
        "Video streaming",
        asked_as="YouTube, Netflix",
        challenge="Transcoding to a bitrate ladder, and egress that only a CDN can carry",
        difficulty="Medium",
        patterns=("read-heavy", "storage-heavy"),
        calcs=("video", "capacity", "transfer"),
        page="problems/video-streaming.md",
    ),
    _problem(
        "Ride-hailing",
        asked_as="Uber, Lyft",
        challenge="A stream of driver locations, nearby search, and matching without "
        "double-booking",
        difficulty="Hard",
        patterns=("real-time", "write-heavy", "geospatial", "strong consistency"),
        calcs=("capacity", "geo", "servers", "shards", "availability"),
        page="problems/ride-hailing.md",
    ),
    _problem(
        "File sync",
        asked_as="Dropbox, Google Drive",
        challenge="Chunking and deduplication, metadata consistency, conflicts between devices",
        difficulty="Hard",
        patterns=("storage-heavy", "strong consistency"),
        calcs=("capacity", "transfer", "durability", "servers"),
        page="problems/file-sync.md",
    ),
    _problem(
        "Web crawler",
        asked_as="Googlebot, Common Crawl",
        challenge="A frontier of billions of URLs, politeness per host, and never fetching twice",
        difficulty="Medium",
        patterns=("write-heavy", "storage-heavy"),
        calcs=("capacity", "bloom", "servers"),
        page="problems/web-crawler.md",
    ),
    _problem(
        "Distributed rate limiter",
        asked_as="API gateways, Stripe, Cloudflare",
        challenge="One limit enforced across many servers, adding at most 1–2 ms at p99",
        difficulty="Medium",
        patterns=("real-time", "write-heavy"),
        calcs=("rate_limiter", "capacity", "shards", "composite"),
        page="problems/rate-limiter.md",
    ),
    _problem(
        "Top-K and leaderboards",
        asked_as="Trending hashtags, most-played songs, game leaderboards",
        challenge="Counting heavy hitters in a stream too large for one exact counter each",
        difficulty="Hard",
        patterns=("write-heavy", "streaming"),
        calcs=("capacity", "count_min", "hyperloglog", "shards"),
        page="problems/top-k.md",
    ),
    _problem(
        "Ticket booking",
        asked_as="Ticketmaster, airline seats, hotel rooms",
        challenge="A flash crowd for few seats: holds, no double-selling, a fair queue",
        difficulty="Medium",
        patterns=("read-heavy", "strong consistency"),
        calcs=("capacity", "servers", "shards"),
        page="problems/ticket-booking.md",
    ),
    _problem(
        "Ad-click aggregation",
        asked_as="Ad metrics, metrics monitoring",
        challenge="Exactly-once counts per ad per minute from a firehose of events",
        difficulty="Hard",
        patterns=("write-heavy", "streaming"),
        calcs=("capacity", "count_min", "hyperloglog", "bloom", "shards"),
        page="problems/ad-click-aggregation.md",
    ),
    _problem(
        "Search typeahead",
        asked_as="Google autocomplete, search boxes",
        challenge="Suggestions within a keystroke's latency from prefixes ranked by popularity",
        difficulty="Medium",
        patterns=("read-heavy",),
        calcs=("capacity", "servers"),
        page="problems/typeahead.md",
    ),
    _problem(
        "Distributed key-value store",
        asked_as="DynamoDB, Cassandra",
        challenge="Partitioning, replication and quorums, and what happens when nodes fail",
        difficulty="Hard",
        patterns=("write-heavy", "storage-heavy", "strong consistency"),
        calcs=("quorum", "shards", "capacity", "transfer", "tail_latency"),
        page="problems/key-value-store.md",
    ),
    _problem(
        "Notification system",
        asked_as="Push, e-mail and SMS notifications",
        challenge="Fan-out to many channels and devices, retries, and not notifying twice",
        difficulty="Medium",
        patterns=("fan-out", "real-time"),
        calcs=("capacity", "connections", "fanout", "composite"),
        page="problems/notifications.md",
    ),
    _problem(
        "Nearby places",
        asked_as="Yelp, Google Maps search",
        challenge="Finding places within a radius fast, from an index of cells",
        difficulty="Medium",
        patterns=("read-heavy", "geospatial"),
        calcs=("capacity", "geo", "cache", "servers"),
        page="problems/nearby-places.md",
    ),
    _problem(
        "Payments and wallets",
        asked_as="Stripe, PayPal, a digital wallet",
        challenge="Never losing or doubling money: idempotency, a ledger, reconciliation",
        difficulty="Hard",
        patterns=("strong consistency",),
        calcs=("capacity", "shards", "composite", "quorum"),
        page="problems/payments.md",
    ),
    _problem(
        "Collaborative editing",
        asked_as="Google Docs, Figma",
        challenge="Concurrent edits that converge to the same document everywhere (OT or "
        "CRDTs), live",
        difficulty="Hard",
        patterns=("real-time", "fan-out"),
        calcs=("capacity", "connections", "fanout"),
        page="problems/collaborative-editing.md",
    ),
    _problem(
        "Distributed cache",
        asked_as="Memcached, Redis Cluster",
        challenge="Shards for memory and for operations, hot keys and stampedes, and what a "
        "lost node does to the database",
        difficulty="Medium",
        patterns=("read-heavy",),
        calcs=("capacity", "cache", "shards", "servers", "cost"),
        page="problems/distributed-cache.md",
    ),
    _problem(
        "Job scheduler",
        asked_as="Distributed cron, Kubernetes CronJobs, cloud schedulers",
        challenge="Every job due at the top of the hour, leases that expire, and runs that "
        "happen at least once with effects exactly once",
        difficulty="Medium",
        patterns=("write-heavy", "strong consistency"),
        calcs=(
            "capacity",
            "shards",
            "servers",
            "queue_drain",
            "headroom",
            "retry_amplification",
            "cost",
        ),
        page="problems/job-scheduler.md",
    ),
    _problem(
        "Photo sharing",
        asked_as="Instagram, Flickr",
        challenge="Renditions of every upload, media bytes that dwarf the metadata, and a CDN "
        "in front of an object store",
        difficulty="Medium",
        patterns=("read-heavy", "storage-heavy", "fan-out"),
        calcs=(
            "capacity",
            "transfer",
            "servers",
            "shards",
            "fanout",
            "headroom",
            "queue_drain",
            "cost",
        ),
        page="problems/photo-sharing.md",
    ),
    _problem(
        "Search over posts",
        asked_as="Twitter search, Elasticsearch at scale",
        challenge="An inverted index of billions of posts: sizing it, sharding it by document, "
        "fresh within seconds, ranked by BM25 and a learned model",
        difficulty="Hard",
        patterns=("read-heavy", "write-heavy", "storage-heavy"),
        calcs=(
            "capacity",
            "shards",
            "tail_latency",
            "servers",
            "transfer",
            "headroom",
            "retry_amplification",
            "queue_drain",
            "cost",
        ),
        page="problems/search.md",
    ),
    _problem(
        "Live comments",
        asked_as="Facebook Live, LinkedIn Live, Twitch chat",
        challenge="One comment owed to millions of viewers: fan-out in tiers, sampling a hot "
        "stream, and moderation on the write path",
        difficulty="Hard",
        patterns=("real-time", "fan-out"),
        calcs=("connections", "fanout", "capacity", "servers", "headroom", "queue_drain", "cost"),
        page="problems/live-comments.md",
    ),
    _problem(
        "Distributed message queue",
        asked_as="Kafka, Kinesis, Pulsar",
        challenge="Partitions for throughput and catch-up, replication with ISR and acks, "
        "retention that outgrows the brokers, and draining a backlog",
        difficulty="Hard",
        patterns=("write-heavy", "streaming", "storage-heavy"),
        calcs=("queue_drain", "headroom", "retry_amplification", "transfer", "cost"),
        page="problems/message-queue.md",
    ),
    _problem(
        "LLM chat service",
        asked_as="ChatGPT, Claude, Gemini",
        challenge="GPUs sized by tokens: KV-cache memory, continuous batching, prefill against "
        "decode, streamed replies and limits metered in tokens",
        difficulty="Hard",
        patterns=("real-time", "streaming"),
        calcs=("llm_serving", "capacity", "servers", "headroom", "retry_amplification", "cost"),
        page="problems/llm-chat.md",
    ),
    _problem(
        "Object storage",
        asked_as="Amazon S3, Google Cloud Storage, Azure Blob Storage",
        challenge="A metadata path and a data path, erasure coding against copies for "
        "durability and cost, surviving a zone, and multipart upload",
        difficulty="Hard",
        patterns=("storage-heavy", "strong consistency"),
        calcs=("erasure_coding", "capacity", "transfer", "shards", "headroom", "cost"),
        page="problems/object-storage.md",
    ),
    _problem(
        "Stock exchange",
        asked_as="Nasdaq, LMAX, a crypto exchange",
        challenge="One sequence of orders, single-threaded matching per symbol shard, a latency "
        "budget in microseconds, and market data by multicast",
        difficulty="Hard",
        patterns=("real-time", "strong consistency", "fan-out"),
        calcs=("capacity", "shards", "tail_latency", "queue_drain", "headroom", "cost"),
        page="problems/stock-exchange.md",
    ),
    _problem(
        "Nearby friends",
        asked_as="Facebook Nearby Friends, Snap Map, Find My",
        challenge="Every user moving at once: location updates fanned out to online friends "
        "through a channel per user, on stateful connection servers",
        difficulty="Medium",
        patterns=("real-time", "fan-out", "geospatial"),
        calcs=(
            "connections",
            "fanout",
            "shards",
            "capacity",
            "geo",
            "headroom",
            "retry_amplification",
            "queue_drain",
            "cost",
        ),
        page="problems/nearby-friends.md",
    ),
    _problem(
        "Maps and ETA",
        asked_as="Google Maps, Apple Maps, Waze",
        challenge="Tiles per zoom level behind a CDN, a continent's road graph searched with "
        "contraction hierarchies, and live traffic from probe vehicles in the ETA",
        difficulty="Hard",
        patterns=("read-heavy", "geospatial", "streaming"),
        calcs=(
            "servers",
            "capacity",
            "transfer",
            "headroom",
            "retry_amplification",
            "queue_drain",
            "cost",
        ),
        page="problems/maps-eta.md",
    ),
    _problem(
        "Metrics monitoring and alerting",
        asked_as="Prometheus, Monarch, Datadog",
        challenge="Series held in memory and the cardinality that multiplies them, compressed "
        "samples, retention by resolution, and alerts on SLO burn rates",
        difficulty="Hard",
        patterns=("write-heavy", "streaming", "storage-heavy"),
        calcs=(
            "capacity",
            "shards",
            "burn_rate",
            "headroom",
            "queue_drain",
            "retry_amplification",
            "cost",
        ),
        page="problems/metrics-monitoring.md",
    ),
)

PROBLEMS: Table[DesignProblem] = Table(
    name="problems",
    title="Design problems",
    caption="Classic design problems, each a walkthrough with its numbers computed.",
    columns=(
        Column("name", "Problem (asked as)"),
        Column("challenge", "What it tests"),
        Column("tags", "Patterns"),
        Column("difficulty", "Difficulty"),
        Column("calcs", "Calculators"),
    ),
    facets=PATTERNS + tuple(level.lower() for level in DIFFICULTIES),
    rows=_ROWS,
)

TABLES: list[Table[Any]] = [PROBLEMS]
LISTS: list[ItemList] = []
