"""Storage internals: B-tree vs LSM, secondary indexes, isolation levels and their anomalies
(with each major database's default), and caching patterns with how each fails."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, ItemList, Record, Source, Table

__all__ = [
    "TABLES",
    "LISTS",
    "StorageEngine",
    "SecondaryIndex",
    "IsolationLevel",
    "DefaultIsolation",
    "CachingPattern",
]

_CALLAGHAN = Source(
    "Mark Callaghan — Read, write & space amplification: pick 2 (2015)",
    "https://smalldatum.blogspot.com/2015/11/read-write-space-amplification-pick-2_23.html",
    2026,
)
_DOSTOEVSKY = Source(
    "Dayan and Idreos — Dostoevsky: Better Space-Time Trade-Offs for LSM-Tree Based "
    "Key-Value Stores via Adaptive Removal of Superfluous Merging (SIGMOD 2018)",
    "https://stratos.seas.harvard.edu/files/stratos/files/dostoevskykv.pdf",
    2026,
)
_DYNAMO_INDEXES = Source(
    "Amazon DynamoDB Developer Guide — Improving data access with secondary indexes",
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/SecondaryIndexes.html",
    2026,
)
_CRITIQUE = Source(
    "Berenson et al. — A Critique of ANSI SQL Isolation Levels (SIGMOD 1995)",
    "https://www.microsoft.com/en-us/research/publication/a-critique-of-ansi-sql-isolation-levels/",
    2026,
)
_CACHING = Source(
    "AWS whitepaper — Database Caching Strategies Using Redis: caching patterns",
    "https://docs.aws.amazon.com/whitepapers/latest/database-caching-strategies-using-redis/"
    "caching-patterns.html",
    2026,
)
_CACHE_ASIDE = Source(
    "Azure Architecture Center — Cache-Aside pattern",
    "https://learn.microsoft.com/en-us/azure/architecture/patterns/cache-aside",
    2026,
)


# --- storage engines ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class StorageEngine(Record):
    """A storage engine family and its read, write and space amplification."""

    writes: str
    reads: str
    write_amp: str
    space_amp: str
    used_in: str


STORAGE_ENGINES: Table[StorageEngine] = Table(
    name="storage_engines",
    title="B-tree vs LSM-tree",
    caption="Amplification is bytes (or I/Os) done per byte the application asked for. An "
    "engine can be tuned to favour two of read, write and space, not all three.",
    columns=(
        Column("name", "Engine"),
        Column("writes", "Writes"),
        Column("reads", "Reads"),
        Column("write_amp", "Write amplification"),
        Column("space_amp", "Space amplification"),
        Column("used_in", "Used in"),
    ),
    rows=(
        StorageEngine(
            name="B-tree",
            writes="Update the page in place (after logging it to the write-ahead log): random I/O",
            reads="One root-to-leaf path, a few pages, mostly cached: fast and predictable",
            write_amp="High for small random writes: a whole page (4–16 KB) is rewritten for "
            "one changed row, plus the log",
            space_amp="Moderate: pages are partly empty after splits and deletes",
            used_in="PostgreSQL, MySQL InnoDB, SQL Server, Oracle, SQLite",
            source=_CALLAGHAN,
        ),
        StorageEngine(
            name="LSM-tree",
            writes="Append to a log and an in-memory table; flush sorted files; merge them "
            "in the background (compaction): sequential I/O",
            reads="May check the memtable and several sorted files per level; Bloom filters "
            "skip most of them; range scans merge levels",
            write_amp="Paid in compaction. Leveled: each level is about 10× (the fan-out) the "
            "one above, and merging into it rewrites the overlapping data there, so a byte is "
            "rewritten up to about fan-out times per level: 10–30× in all is common. "
            "Size-tiered rewrites a byte about once per tier: less, at more space and read cost",
            space_amp="Low with leveled compaction (about 1.1×); higher with size-tiered, "
            "which needs free space to merge",
            used_in="RocksDB, LevelDB, Cassandra, ScyllaDB, HBase, MyRocks",
            source=_DOSTOEVSKY,
        ),
    ),
)


# --- secondary indexes -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SecondaryIndex(Record):
    """Where a secondary index lives in a partitioned store, and what reads and writes cost."""

    writes: str
    reads: str
    consistency: str
    examples: str


SECONDARY_INDEXES: Table[SecondaryIndex] = Table(
    name="secondary_indexes",
    title="Local vs global secondary indexes",
    caption="In a partitioned store, an index on another attribute either lives next to "
    "each partition's data or is partitioned by the indexed value itself.",
    ages=True,
    columns=(
        Column("name", "Index"),
        Column("writes", "Writes"),
        Column("reads", "Reads by the indexed value"),
        Column("consistency", "Consistency"),
        Column("examples", "Examples"),
    ),
    rows=(
        SecondaryIndex(
            name="Local (partitioned by document)",
            writes="Cheap: the index entry is written on the same partition as the item",
            reads="Scatter-gather to every partition, unless the query also gives the "
            "partition key",
            consistency="Same as the base data, even inside a transaction",
            examples="DynamoDB local secondary indexes (same partition key), Cassandra "
            "secondary indexes, Elasticsearch shards",
            source=_DYNAMO_INDEXES,
        ),
        SecondaryIndex(
            name="Global (partitioned by term)",
            writes="Costly: one item's write may update index partitions on other nodes",
            reads="One partition holds every entry for a value: a targeted read",
            consistency="Usually updated asynchronously: reads can miss a recent write",
            examples="DynamoDB global secondary indexes (eventually consistent, their own "
            "throughput), a separate search index fed by CDC",
            source=_DYNAMO_INDEXES,
        ),
    ),
)


# --- isolation ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class IsolationLevel(Record):
    """An isolation level and whether each anomaly can happen under it."""

    dirty_read: str
    non_repeatable_read: str
    phantom: str
    lost_update: str
    write_skew: str


ISOLATION_LEVELS: Table[IsolationLevel] = Table(
    name="isolation_levels",
    title="Isolation levels and the anomalies they allow",
    caption="From weaker to stronger, but not a chain: snapshot isolation and (locking) "
    "repeatable read are incomparable, each preventing an anomaly the other allows "
    "(phantoms, write skew). Dirty read: seeing uncommitted data. Non-repeatable read: a row "
    "changes between two reads. Phantom: a query's set of rows changes. Lost update: two "
    "read-modify-writes, one overwrites the other. Write skew: two transactions each check "
    "a condition, then write different rows, together breaking it.",
    columns=(
        Column("name", "Level"),
        Column("dirty_read", "Dirty read"),
        Column("non_repeatable_read", "Non-repeatable read"),
        Column("phantom", "Phantom"),
        Column("lost_update", "Lost update"),
        Column("write_skew", "Write skew"),
    ),
    rows=(
        IsolationLevel(
            name="Read uncommitted",
            dirty_read="Possible",
            non_repeatable_read="Possible",
            phantom="Possible",
            lost_update="Possible",
            write_skew="Possible",
            source=_CRITIQUE,
        ),
        IsolationLevel(
            name="Read committed",
            dirty_read="Prevented",
            non_repeatable_read="Possible",
            phantom="Possible",
            lost_update="Possible",
            write_skew="Possible",
            source=_CRITIQUE,
        ),
        IsolationLevel(
            name="Snapshot isolation",
            dirty_read="Prevented",
            non_repeatable_read="Prevented",
            phantom="Prevented for reads; writes based on a snapshot can still conflict",
            lost_update="Prevented where the first committer wins (PostgreSQL); not by "
            "MySQL's repeatable read",
            write_skew="Possible",
            source=_CRITIQUE,
        ),
        IsolationLevel(
            name="Repeatable read (locking)",
            dirty_read="Prevented",
            non_repeatable_read="Prevented",
            phantom="Possible",
            lost_update="Prevented",
            write_skew="Prevented on rows read; possible through phantoms",
            source=_CRITIQUE,
        ),
        IsolationLevel(
            name="Serializable",
            dirty_read="Prevented",
            non_repeatable_read="Prevented",
            phantom="Prevented",
            lost_update="Prevented",
            write_skew="Prevented",
            source=_CRITIQUE,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class DefaultIsolation(Record):
    """A database's default isolation level and what that name means in it."""

    default: str
    meaning: str


DEFAULT_ISOLATION: Table[DefaultIsolation] = Table(
    name="default_isolation",
    title="Default isolation level, database by database",
    caption="The same name means different things in different databases: read what the "
    "level prevents, not what it is called.",
    ages=True,
    columns=(
        Column("name", "Database"),
        Column("default", "Default level"),
        Column("meaning", "What it means there"),
    ),
    rows=(
        DefaultIsolation(
            name="PostgreSQL",
            default="Read committed",
            meaning="Each statement sees a fresh snapshot. Repeatable read is snapshot "
            "isolation; serializable is serializable snapshot isolation (SSI)",
            source=Source(
                "PostgreSQL documentation — Transaction Isolation",
                "https://www.postgresql.org/docs/current/transaction-iso.html",
                2026,
            ),
        ),
        DefaultIsolation(
            name="MySQL (InnoDB)",
            default="Repeatable read",
            meaning="Plain reads see the transaction's first snapshot; locking reads and "
            "updates see the latest rows, so lost updates need SELECT … FOR UPDATE",
            source=Source(
                "MySQL 8.4 Reference Manual — Transaction Isolation Levels",
                "https://dev.mysql.com/doc/refman/8.4/en/innodb-transaction-isolation-levels.html",
                2026,
            ),
        ),
        DefaultIsolation(
            name="Oracle Database",
            default="Read committed",
            meaning="Statement-level read consistency; its serializable is snapshot "
            "isolation, so write skew is possible",
            source=Source(
                "Oracle Database Concepts — Data Concurrency and Consistency",
                "https://docs.oracle.com/en/database/oracle/oracle-database/19/cncpt/"
                "data-concurrency-and-consistency.html",
                2026,
            ),
        ),
        DefaultIsolation(
            name="SQL Server",
            default="Read committed",
            meaning="With locks by default; the READ_COMMITTED_SNAPSHOT option reads a "
            "snapshot instead (on by default in Azure SQL Database)",
            source=Source(
                "Microsoft Learn — SET TRANSACTION ISOLATION LEVEL (Transact-SQL)",
                "https://learn.microsoft.com/en-us/sql/t-sql/statements/"
                "set-transaction-isolation-level-transact-sql",
                2026,
            ),
        ),
        DefaultIsolation(
            name="CockroachDB",
            default="Serializable",
            meaning="Serializable everywhere by default; read committed can be enabled",
            source=Source(
                "CockroachDB documentation — Transactions: isolation levels",
                "https://www.cockroachlabs.com/docs/stable/transactions",
                2026,
            ),
        ),
        DefaultIsolation(
            name="Google Cloud Spanner",
            default="Serializable",
            meaning="With external consistency: transactions appear in real-time commit "
            "order across the globe (strict serializability)",
            source=Source(
                "Spanner documentation — Transactions overview",
                "https://cloud.google.com/spanner/docs/transactions",
                2026,
            ),
        ),
        DefaultIsolation(
            name="SQLite",
            default="Serializable",
            meaning="One writer at a time makes every transaction serializable",
            source=Source(
                "SQLite — Isolation In SQLite", "https://www.sqlite.org/isolation.html", 2026
            ),
        ),
    ),
)


# --- caching patterns --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CachingPattern(Record):
    """A caching pattern: how reads and writes flow, when it fits and how it fails."""

    how: str
    fits: str
    fails: str


CACHING_PATTERNS: Table[CachingPattern] = Table(
    name="caching_patterns",
    title="Caching patterns and how each fails",
    caption="Every pattern trades freshness, write latency or durability; the failure "
    "column is what to design for.",
    columns=(
        Column("name", "Pattern"),
        Column("how", "How"),
        Column("fits", "Fits"),
        Column("fails", "How it fails"),
    ),
    rows=(
        CachingPattern(
            name="Cache-aside (lazy loading)",
            how="The application reads the cache; on a miss it reads the database and fills "
            "the cache; on a write it updates the database and deletes the cache entry",
            fits="Read-heavy data, the default choice; the cache can fail without the system "
            "failing",
            fails="Stale entries when a reader refills an old value just after a write (keep "
            "TTLs); a stampede of misses on a hot key after expiry (coalesce requests)",
            source=_CACHE_ASIDE,
        ),
        CachingPattern(
            name="Read-through",
            how="The cache itself loads a missing entry from the database (a loader "
            "configured in the cache or its client library)",
            fits="Simpler application code when the cache product supports loaders",
            fails="As cache-aside, and the cache is now in the read path: its outage is an outage",
            source=_CACHING,
        ),
        CachingPattern(
            name="Write-through",
            how="Every write goes to the cache and to the database before it is acknowledged",
            fits="Data read soon after it is written; caches that must never be stale "
            "after a write",
            fails="Slower writes (two of them); the cache fills with data never read; a write "
            "that reaches one store and not the other still needs a TTL to heal",
            source=_CACHING,
        ),
        CachingPattern(
            name="Write-back (write-behind)",
            how="Writes are acknowledged once in the cache and flushed to the database later, "
            "often batched",
            fits="Write-heavy counters and metrics where losing the last seconds is acceptable",
            fails="Acknowledged writes are lost if a cache node dies before the flush; the "
            "database lags the truth",
            source=_CACHING,
        ),
        CachingPattern(
            name="Refresh-ahead",
            how="Entries that are read often are reloaded shortly before they expire",
            fits="Hot keys with predictable reads, where a miss is expensive",
            fails="Wasted reloads when the prediction is wrong; still stale between refreshes",
            source=_CACHING,
        ),
    ),
)


_TABLES: tuple[Table[Any], ...] = (
    STORAGE_ENGINES,
    SECONDARY_INDEXES,
    ISOLATION_LEVELS,
    DEFAULT_ISOLATION,
    CACHING_PATTERNS,
)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = []
