"""Storage tables: which database, schema rules, caches and CDN practice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "Database", "Cache", "CdnMode"]


@dataclass(frozen=True, kw_only=True)
class Database(Record):
    """A data store and when it is the right choice."""

    model: str
    use_when: str
    avoid_when: str


@dataclass(frozen=True, kw_only=True)
class Cache(Record):
    """A cache tier and the trade it makes."""

    use_when: str
    watch_out: str


_REDIS_PERSISTENCE = Source(
    "Redis documentation: persistence (AOF fsync policies)",
    "https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/",
    2026,
)

DATABASES: Table[Database] = Table(
    name="databases",
    title="Which database?",
    caption="Start from the access pattern, then pick the store that serves it. Tick a "
    "need to keep only the stores that meet it.",
    columns=(
        Column("name", "System"),
        Column("model", "Data model"),
        Column("use_when", "Use when"),
        Column("avoid_when", "Think twice when"),
    ),
    facets=(
        "ACID",
        "SQL",
        "full-text",
        "time-series",
        "multi-region writes",
        "analytics",
        "in-memory",
        "graph",
        "blobs",
        "managed",
    ),
    rows=(
        Database(
            name="PostgreSQL",
            model="Relational",
            use_when="ACID transactions, complex queries and joins, geospatial (PostGIS), "
            "built-in full-text search; the general-purpose default",
            avoid_when="Writes outgrow one primary and the data cannot be partitioned",
            tags=frozenset({"ACID", "SQL", "full-text"}),
        ),
        Database(
            name="MySQL",
            model="Relational",
            use_when="Web applications, read replicas fed by the binlog, a wide ecosystem",
            avoid_when="Heavy analytical queries over the live data",
            tags=frozenset({"ACID", "SQL", "full-text"}),
        ),
        Database(
            name="CockroachDB / Spanner",
            model="Distributed relational",
            use_when="SQL and serializable transactions that must span regions and accept "
            "writes in each of them",
            avoid_when="One region is enough: every write pays for cross-node consensus",
            tags=frozenset({"ACID", "SQL", "multi-region writes"}),
        ),
        Database(
            name="DynamoDB",
            model="Key-value / document",
            use_when="Managed key-value or document access with predictable latency and "
            "automatic scaling; global tables for writes in several regions (eventually "
            "consistent by default, strongly consistent across regions as an option)",
            source=Source(
                "Amazon DynamoDB Developer Guide: global tables, consistency modes",
                "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                "GlobalTables.html",
                2026,
            ),
            avoid_when="Ad-hoc queries or joins not planned into the key design",
            tags=frozenset({"managed", "multi-region writes", "ACID"}),
        ),
        Database(
            name="Cassandra",
            model="Wide-column",
            use_when="Multi-region writes, high write throughput, time-series, access "
            "patterns known up front",
            avoid_when="Transactions across rows or queries the partition key cannot answer",
            tags=frozenset({"multi-region writes", "time-series"}),
        ),
        Database(
            name="MongoDB",
            model="Document",
            use_when="Flexible schema and nested documents read and written as a whole; "
            "majority-acknowledged writes by default and multi-document ACID transactions "
            "when you need them",
            avoid_when="Many relations between documents that need joins (`$lookup` "
            "exists, but a model built on it fights the store)",
            source=Source(
                "MongoDB manual: transactions",
                "https://www.mongodb.com/docs/manual/core/transactions/",
                2026,
            ),
            tags=frozenset({"ACID", "full-text"}),
        ),
        Database(
            name="Redis",
            model="In-memory data structures",
            use_when="Sub-millisecond reads: sessions, leaderboards, rate limits, pub/sub, "
            "counters",
            avoid_when="The data set is larger than memory, or an acknowledged write must "
            "never be lost: AOF with `appendfsync everysec` (the default) can lose about a "
            "second of writes, and asynchronous replication can lose acknowledged writes "
            "on failover",
            source=_REDIS_PERSISTENCE,
            tags=frozenset({"in-memory"}),
        ),
        Database(
            name="ClickHouse",
            model="Columnar (OLAP)",
            use_when="Analytical queries over billions of rows, event and log analytics",
            avoid_when="Frequent single-row updates or transactional workloads",
            tags=frozenset({"analytics", "SQL", "time-series"}),
        ),
        Database(
            name="Elasticsearch",
            model="Search index (documents)",
            use_when="Full-text search, log analytics, faceted search",
            avoid_when="It would be the only copy of the data (treat it as an index)",
            tags=frozenset({"full-text", "analytics"}),
        ),
        Database(
            name="InfluxDB / TimescaleDB",
            model="Time-series",
            use_when="Time-series metrics and IoT data with retention policies and downsampling",
            avoid_when="General relational data with few time-ordered writes",
            tags=frozenset({"time-series"}),
        ),
        Database(
            name="Neo4j",
            model="Graph",
            use_when="Graph traversal: fraud rings, recommendations, social graphs",
            avoid_when="Queries rarely follow more than one relationship",
            tags=frozenset({"graph", "ACID"}),
        ),
        Database(
            name="S3 / GCS",
            model="Object store",
            use_when="Blobs and large files: cheap, durable storage and archives",
            avoid_when="Small records that need low-latency reads or in-place updates",
            tags=frozenset({"blobs", "managed"}),
        ),
    ),
)

SCHEMA_RULES = ItemList(
    name="schema_rules",
    title="Schema design rules",
    items=(
        Item(
            "Model the queries, not just the entities",
            "List the reads and writes first; shape tables, keys and indexes so each "
            "frequent query is one lookup or one range scan.",
        ),
        Item(
            "Denormalize where reads dominate",
            "Copying data into the shape a page reads makes reads cheap; the price is "
            "keeping the copies in step on every write.",
        ),
        Item(
            "Choose the partition key for even spread",
            "The key decides which node holds a row. Sequential keys (timestamps, "
            "auto-increment IDs) send every new write to one hot partition; hash or "
            "prefix them.",
        ),
        Item(
            "Keep audit timestamps",
            "`created_at` and `updated_at` on every table; add a `deleted_at` soft-delete "
            "column only where you need undo or history, since it complicates unique "
            "constraints, every query, and erasure requests.",
        ),
        Item(
            "Keep blobs out of the database",
            "Put images, video and large files in object storage and store only their key "
            "or URL in the row.",
        ),
    ),
)

CACHES: Table[Cache] = Table(
    name="caches",
    title="Which cache?",
    caption="Closer to the user is faster and harder to keep fresh.",
    columns=(
        Column("name", "Cache"),
        Column("use_when", "Use when"),
        Column("watch_out", "Watch out for"),
    ),
    rows=(
        Cache(
            name="Redis",
            use_when="You want rich structures (sorted sets, hashes, streams), pub/sub, "
            "Lua scripts, optional persistence and replication",
            watch_out="Commands run on one thread per node, so one slow command stalls the "
            "rest; memory is the bill",
        ),
        Cache(
            name="Memcached",
            use_when="Plain key-value caching with the best memory efficiency, spread over "
            "many cores by its multi-threaded server",
            watch_out="No replication and no data types; a crash or reboot empties it (a "
            "planned restart can keep the cache in a memory file since 1.5.18)",
            source=Source(
                "memcached wiki: warm restart",
                "https://github.com/memcached/memcached/wiki/WarmRestart",
                2026,
            ),
        ),
        Cache(
            name="In-process (e.g. Caffeine)",
            use_when="The lowest latency (no network hop) for hot, small, read-mostly data "
            "inside one service",
            watch_out="Each instance holds its own copy, so instances disagree until "
            "entries expire; it costs heap",
        ),
        Cache(
            name="CDN",
            use_when="Static assets, large files, video, and reads from users spread over "
            "the world",
            watch_out="Freshness is controlled by headers and purges, so serve only what "
            "may be a little stale",
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class CdnMode(Record):
    """How content reaches a CDN's edges: pulled from an origin on a miss, or pushed ahead."""

    how: str
    fits: str
    watch_out: str


CDN_PUSH_PULL: Table[CdnMode] = Table(
    name="cdn_push_pull",
    title="CDN: origin pull or push?",
    caption="Most sites pull; push pays off for large files published ahead of demand.",
    columns=(
        Column("name", "Mode"),
        Column("how", "How content gets to the edge"),
        Column("fits", "Fits"),
        Column("watch_out", "Watch out for"),
    ),
    rows=(
        CdnMode(
            name="Origin pull",
            how="An edge that misses fetches the object from your origin (a web server or a "
            "bucket), caches it for its TTL and serves later requests itself",
            fits="Most sites and APIs: nothing to upload, the cache fills with what users "
            "actually ask for, a changed file needs only a new URL or a purge",
            watch_out="The first request per edge (and each expiry) goes to the origin, so "
            "cold or rarely read objects are slow; a shield keeps those misses off the origin",
            source=Source(
                "Amazon CloudFront Developer Guide: how CloudFront delivers content",
                "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
                "HowCloudFrontWorks.html",
                2026,
            ),
        ),
        CdnMode(
            name="Push (upload to CDN storage)",
            how="You upload files to the CDN's storage (or a bucket it serves as its "
            "origin) when you publish; edges serve them from there",
            fits="Large files published before anyone asks: software downloads, video "
            "segments, game patches, a release that must be ready at launch (KeyCDN "
            "recommends push above 10 MB and requires it above 100 MB, which its pull "
            "zones do not cache); sites with little traffic, where pulls would mostly miss",
            watch_out="You manage what is uploaded, renamed and deleted, and pay to store "
            "everything, including files nobody reads",
            source=Source(
                "KeyCDN support: create a Push Zone",
                "https://www.keycdn.com/support/zones/push-zone",
                2026,
            ),
        ),
    ),
)

_RFC5861 = Source(
    "RFC 5861: HTTP Cache-Control extensions for stale content",
    "https://www.rfc-editor.org/rfc/rfc5861",
    2026,
)
_SHIELD = Source(
    "Amazon CloudFront Developer Guide: Origin Shield",
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/origin-shield.html",
    2026,
)

CDN_PRACTICES = ItemList(
    name="cdn_practices",
    title="CDN practice",
    items=(
        Item(
            "What to put behind it",
            "Static assets (JS, CSS, images), video, large downloads, and any read that "
            "users far from the origin make often.",
        ),
        Item(
            "Set the edge TTL with headers",
            "`Cache-Control` (`max-age`, `s-maxage` for shared caches) decides how long an "
            "edge keeps a copy; `Expires` is the older absolute-date form.",
        ),
        Item(
            "Invalidate by renaming",
            "Put a version or content hash in the file name (`/app.3f9c2.js`) and cache it "
            "for a year; a new release is a new URL, so nothing needs purging. Purge "
            "what cannot be renamed (HTML, API responses): major CDNs now purge worldwide "
            "within seconds, Cloudflare on every plan, while some bill per path beyond a "
            "free allowance.",
            source=Source(
                "Cloudflare Cache documentation: purge cache (Instant Purge)",
                "https://developers.cloudflare.com/cache/how-to/purge-cache/",
                2026,
            ),
        ),
        Item(
            "Put an origin shield in front of the origin",
            "One designated mid-tier cache location that all edges ask on a miss, so the "
            "origin sees one request per object instead of one per edge.",
            source=_SHIELD,
        ),
        Item(
            "Serve stale while revalidating",
            "`stale-while-revalidate=N` lets a cache answer with an expired copy for N "
            "seconds while it fetches a fresh one in the background, so users do not "
            "wait for the refresh; `stale-if-error` does the same when the origin fails.",
            source=_RFC5861,
        ),
    ),
)

# Any: Table is invariant in its row type, and the catalog reads rows as Record.
TABLES: list[Table[Any]] = [DATABASES, CACHES, CDN_PUSH_PULL]
LISTS: list[ItemList] = [SCHEMA_RULES, CDN_PRACTICES]
