"""Distributed-systems concepts: nines, CAP/PACELC, consistency, IDs, sharding, replication.

Every figure here is computed from its definition (downtime from
:func:`~sysdesign_core.availability.downtime`, key movement, ID layouts, keyspaces), so the
pages never type a derived number.

>>> NINES.row("99.9%").per_year
'8h 45m 58s'
>>> round(keys_moved_fraction(10, "modulo"), 3), round(keys_moved_fraction(10, "ring"), 3)
(0.909, 0.091)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .. import shortcode
from ..availability import downtime, nines
from ..records import Column, Item, ItemList, Record, Source, Table
from ..units import (
    DAY,
    MONTH,
    WEEK,
    YEAR,
    format_availability,
    format_count,
    format_duration,
    format_number,
    format_percent,
)

__all__ = [
    "Nines",
    "NINES",
    "CAP_PACELC",
    "CONSISTENCY_MODELS",
    "ID_SCHEMES",
    "SHARDING_STRATEGIES",
    "REPLICATION_MODES",
    "SHORT_CODE_KEYSPACE",
    "SHORT_CODE_NOTES",
    "CONSISTENT_HASHING_NOTES",
    "DURABILITY_NOTES",
    "keys_moved_fraction",
    "expected_losses",
    "keyspace",
    "TABLES",
    "LISTS",
]


# --- nines -----------------------------------------------------------------------------------

NINES_LEVELS = (0.9, 0.99, 0.999, 0.9995, 0.9999, 0.99999, 0.999999)
"""The availability levels of the cheat sheet."""


@dataclass(frozen=True, kw_only=True)
class Nines(Record):
    """An availability level and the downtime it allows; every cell is computed."""

    availability: float
    count: str = field(init=False)
    per_year: str = field(init=False)
    per_month: str = field(init=False)
    per_week: str = field(init=False)
    per_day: str = field(init=False)

    def __post_init__(self) -> None:
        cells = {
            "count": format_number(nines(self.availability), 3),
            "per_year": format_duration(downtime(self.availability, YEAR)),
            "per_month": format_duration(downtime(self.availability, MONTH)),
            "per_week": format_duration(downtime(self.availability, WEEK)),
            "per_day": format_duration(downtime(self.availability, DAY)),
        }
        for key, text in cells.items():
            object.__setattr__(self, key, text)


NINES: Table[Nines] = Table(
    name="nines",
    title="The nines: allowed downtime",
    caption="Computed from the availability: downtime = (1 − availability) × period. A year "
    "is 365.25 days and a month a twelfth of it.",
    columns=(
        Column("name", "Availability"),
        Column("count", "Nines"),
        Column("per_year", "Per year"),
        Column("per_month", "Per month"),
        Column("per_week", "Per week"),
        Column("per_day", "Per day"),
    ),
    rows=tuple(
        Nines(name=format_availability(level), availability=level) for level in NINES_LEVELS
    ),
)


# --- CAP / PACELC ----------------------------------------------------------------------------

ABADI = Source(
    "Daniel Abadi, “Consistency Tradeoffs in Modern Distributed Database System "
    "Design”, IEEE Computer",
    "https://www.cs.umd.edu/~abadi/papers/abadi-pacelc.pdf",
    2012,
)


@dataclass(frozen=True, kw_only=True)
class Pacelc(Record):
    """A system's choice under a partition (PA/PC) and else, in normal running (EL/EC)."""

    label: str
    partition: str
    normal: str
    notes: str


CAP_PACELC: Table[Pacelc] = Table(
    name="cap_pacelc",
    title="CAP and PACELC, system by system",
    caption="PACELC: if there is a Partition, choose Availability or Consistency; Else "
    "choose Latency or Consistency. Most systems can be configured either way; the row "
    "gives the default behaviour.",
    ages=True,
    facets=("PA/EL", "PC/EC", "PC/EL", "PA/EC", "tunable"),
    columns=(
        Column("name", "System"),
        Column("label", "PACELC"),
        Column("partition", "During a partition"),
        Column("normal", "In normal running"),
        Column("notes", "Notes"),
    ),
    rows=(
        Pacelc(
            name="Amazon Dynamo (2007 paper)",
            label="PA/EL",
            partition="Keeps accepting writes on both sides (sloppy quorum, hinted handoff)",
            normal="Answers from the nearest replicas; versions reconciled later",
            notes="The design Cassandra and Riak descend from",
            source=Source(
                "DeCandia et al., “Dynamo: Amazon's Highly Available Key-value Store”, SOSP",
                "https://www.allthingsdistributed.com/files/amazon-dynamo-sosp2007.pdf",
                2007,
            ),
            tags=frozenset({"PA/EL"}),
        ),
        Pacelc(
            name="Apache Cassandra",
            label="PA/EL",
            partition="Available at consistency level ONE; a QUORUM request fails "
            "without a majority of replicas",
            normal="Low latency at ONE; QUORUM reads and writes trade latency for consistency",
            notes="Consistency is chosen per request",
            source=Source(
                "Apache Cassandra docs, Dynamo architecture",
                "https://cassandra.apache.org/doc/latest/cassandra/architecture/dynamo.html",
                2025,
            ),
            tags=frozenset({"PA/EL", "tunable"}),
        ),
        Pacelc(
            name="Amazon DynamoDB",
            label="PA/EL",
            partition="Eventually consistent reads keep being served",
            normal="Eventually consistent reads by default; strongly consistent reads "
            "on request, at twice the read cost",
            notes="Global tables replicate across regions asynchronously by default; a "
            "multi-Region strong consistency mode (PC/EC) is an option since 2025",
            source=Source(
                "Amazon DynamoDB Developer Guide, read consistency",
                "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
                "HowItWorks.ReadConsistency.html",
                2026,
            ),
            tags=frozenset({"PA/EL", "tunable"}),
        ),
        Pacelc(
            name="Google Spanner",
            label="PC/EC",
            partition="The minority side stops serving writes; Paxos needs a majority",
            normal="Externally consistent (linearizable) transactions using TrueTime; "
            "commits wait out clock uncertainty",
            notes="Technically CP; so rarely partitioned that Google calls it “effectively CA”",
            source=Source(
                "Eric Brewer, “Spanner, TrueTime and the CAP Theorem”",
                "https://research.google/pubs/spanner-truetime-and-the-cap-theorem/",
                2017,
            ),
            tags=frozenset({"PC/EC"}),
        ),
        Pacelc(
            name="CockroachDB",
            label="PC/EC",
            partition="Ranges without a Raft majority become unavailable",
            normal="Serializable transactions; reads go to the range's leaseholder",
            notes="Follower reads trade a little staleness for latency",
            source=Source(
                "CockroachDB FAQ",
                "https://www.cockroachlabs.com/docs/stable/frequently-asked-questions",
                2025,
            ),
            tags=frozenset({"PC/EC"}),
        ),
        Pacelc(
            name="MongoDB (replica set)",
            label="PC/EC",
            partition="A primary cut off from the majority steps down; writes stop "
            "until a new primary is elected",
            normal="Reads from the primary are current; reads from secondaries may lag "
            "(an EL choice)",
            notes="Abadi classed it PA/EC in 2012, under older defaults; majority write "
            "concern is the default since 5.0",
            source=Source(
                "MongoDB manual, read concern and write concern",
                "https://www.mongodb.com/docs/manual/reference/read-concern/",
                2025,
            ),
            tags=frozenset({"PC/EC", "tunable"}),
        ),
        Pacelc(
            name="PostgreSQL, one primary + async replicas",
            label="PC/EL",
            partition="Only the primary takes writes; a cut-off primary side is "
            "unavailable to clients that cannot reach it",
            normal="Replica reads are fast but may be stale",
            notes="Synchronous replication turns it into PC/EC at a cost in write latency",
            source=Source(
                "PostgreSQL docs, synchronous replication",
                "https://www.postgresql.org/docs/current/warm-standby.html",
                2025,
            ),
            tags=frozenset({"PC/EL", "tunable"}),
        ),
        Pacelc(
            name="Yahoo PNUTS",
            label="PC/EL",
            partition="Writes to a record need its master; unreachable masters block them",
            normal="Reads served by local replicas, possibly stale",
            notes="Abadi's example of the less common PC/EL pairing",
            source=ABADI,
            tags=frozenset({"PC/EL"}),
        ),
        Pacelc(
            name="HBase / Bigtable",
            label="PC/EC",
            partition="A region is served by one server; unreachable regions are unavailable",
            normal="Strongly consistent reads and writes per row",
            notes="Consistency from a single owner per key range",
            source=ABADI,
            tags=frozenset({"PC/EC"}),
        ),
    ),
)


# --- consistency models ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ConsistencyModel(Record):
    """A consistency model: what a reader can rely on, what it costs, where it fits."""

    guarantee: str
    cost: str
    example: str


CONSISTENCY_MODELS: Table[ConsistencyModel] = Table(
    name="consistency_models",
    title="Consistency models and what each guarantees",
    caption="Listed from stronger to weaker, but the models form a partial order, not a "
    "chain: linearizable implies sequential, which implies causal, which implies both "
    "read-your-writes and monotonic reads. Those two are siblings: neither implies the "
    "other. Eventual consistency only promises that replicas converge once writes stop; it "
    "orders nothing (Jepsen's consistency map).",
    columns=(
        Column("name", "Model"),
        Column("guarantee", "What a reader can rely on"),
        Column("cost", "What it costs"),
        Column("example", "Where it fits"),
    ),
    rows=(
        ConsistencyModel(
            name="Linearizable (strong)",
            guarantee="Every operation appears to take effect at one instant between its "
            "call and its return; once a write is visible, every later read sees it",
            cost="A round of coordination (consensus or a single leader) on the request "
            "path; unavailable on the minority side of a partition",
            example="Leader election, locks, account balances, unique usernames",
        ),
        ConsistencyModel(
            name="Sequential",
            guarantee="All clients see operations in one order that respects each client's "
            "own order, but not necessarily real time",
            cost="A global order of writes; somewhat cheaper reads than linearizable",
            example="ZooKeeper reads (with sync() to catch up when needed)",
        ),
        ConsistencyModel(
            name="Causal",
            guarantee="Operations that depend on each other are seen in that order by "
            "everyone; unrelated ones may be seen in any order",
            cost="Tracking dependencies (version vectors); stays available in a partition "
            "for clients that keep talking to the same replica",
            example="Comment threads: a reply never appears before the post it answers",
        ),
        ConsistencyModel(
            name="Read-your-writes",
            guarantee="A client always sees its own earlier writes",
            cost="Route that user's reads to the leader, or to a replica at least as new "
            "as their last write",
            example="A user edits a profile and reloads the page",
        ),
        ConsistencyModel(
            name="Monotonic reads",
            guarantee="Once a client has seen a value, it never sees an older one",
            cost="Pin a client to one replica, or track the version it has seen",
            example="A feed that must not jump back in time on refresh",
        ),
        ConsistencyModel(
            name="Eventual",
            guarantee="If writes stop, all replicas converge to the same value",
            cost="Cheapest and most available; the application handles stale reads and conflicts",
            example="Like counts, view counters, DNS, shopping-cart merges",
        ),
    ),
)


# --- unique IDs ------------------------------------------------------------------------------

_CYCLE_WALKING = Source(
    "John Black and Phillip Rogaway, “Ciphers with Arbitrary Finite Domains”, CT-RSA 2002",
    "https://web.cs.ucdavis.edu/~rogaway/papers/subset.pdf",
    2002,
)

RFC_9562 = Source(
    "RFC 9562, Universally Unique IDentifiers (UUIDs)",
    "https://www.rfc-editor.org/rfc/rfc9562",
    2024,
)


def keyspace(alphabet: int, length: int) -> int:
    """How many distinct codes of ``length`` characters from ``alphabet`` symbols exist."""
    return int(alphabet**length)


_SHORT_CODE_BITS = math.log2(keyspace(62, 7))


@dataclass(frozen=True, kw_only=True)
class IdScheme(Record):
    """A way to generate unique IDs and what it implies."""

    sortable: str
    coordination: str
    size: str
    hotspot: str


ID_SCHEMES: Table[IdScheme] = Table(
    name="id_schemes",
    title="Unique ID schemes",
    columns=(
        Column("name", "Scheme"),
        Column("sortable", "Sortable by time?"),
        Column("coordination", "Coordination"),
        Column("size", "Size"),
        Column("hotspot", "Hot-spot risk"),
    ),
    rows=(
        IdScheme(
            name="Auto-increment",
            sortable="Yes (insert order)",
            coordination="One counter: the database primary, or a ticket server",
            size="4 or 8 bytes",
            hotspot="High: every insert lands at the end of the index and on one "
            "shard; IDs are guessable",
        ),
        IdScheme(
            name="UUIDv4",
            sortable="No (122 random bits)",
            coordination="None",
            size="16 bytes (36 characters as text)",
            hotspot="None, but random inserts scatter across a B-tree and hurt cache locality",
            source=RFC_9562,
        ),
        IdScheme(
            name="UUIDv7",
            sortable="Yes: 48-bit Unix-millisecond timestamp first",
            coordination="None",
            size="16 bytes",
            hotspot="Low; recent IDs cluster, which suits B-trees but concentrates "
            "writes if used as a range-shard key",
            source=RFC_9562,
        ),
        IdScheme(
            name="Snowflake",
            sortable="Yes (roughly: per-node clocks)",
            coordination="A unique node ID per generator; clocks must not go backwards",
            size="8 bytes (64 bits)",
            hotspot="Low; same caveat as UUIDv7 for range sharding",
            source=Source(
                "Twitter Engineering, “Announcing Snowflake”",
                "https://blog.x.com/engineering/en_us/a/2010/announcing-snowflake",
                2010,
            ),
        ),
        IdScheme(
            name="ULID",
            sortable="Yes: 48-bit millisecond timestamp, 80 random bits",
            coordination="None",
            size="16 bytes (26 characters, Crockford base32)",
            hotspot="Low; same caveat as UUIDv7",
            source=Source("ULID specification", "https://github.com/ulid/spec", 2025),
        ),
        IdScheme(
            name="Counter + keyed permutation",
            sortable="No (the permutation scrambles the order)",
            coordination="One counter, or a block of counters handed to each server",
            size=f"{shortcode.CODE_LENGTH} base-62 characters, any value below 62^7",
            hotspot="None; unique without a lookup, and not guessable in sequence",
            source=_CYCLE_WALKING,
        ),
        IdScheme(
            name="Hash-based short code",
            sortable="No",
            coordination="None to generate; a uniqueness check on collision",
            size=f"7 base-62 characters ≈ {_SHORT_CODE_BITS:.1f} bits",
            hotspot="None; collisions grow as the keyspace fills (birthday bound)",
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class Keyspace(Record):
    """Short-code length, how many codes it allows, and how long they last."""

    length: int
    per_day: float
    codes: str = field(init=False)
    bits: str = field(init=False)
    lasts: str = field(init=False)

    def __post_init__(self) -> None:
        total = keyspace(62, self.length)
        object.__setattr__(self, "codes", f"{total:,} ({format_count(total)})")
        object.__setattr__(self, "bits", format_number(math.log2(total), 3))
        object.__setattr__(self, "lasts", format_duration(total / self.per_day * DAY, 2))


SHORT_CODE_PER_DAY = 100e6
"""New URLs a day assumed by the URL-shortener walkthrough."""

SHORT_CODE_KEYSPACE: Table[Keyspace] = Table(
    name="short_code_keyspace",
    title="Base-62 short codes: how long is long enough?",
    caption=f"Codes use a–z, A–Z and 0–9 (62 symbols). “Lasts” assumes "
    f"{format_count(SHORT_CODE_PER_DAY)} new URLs a day and no reuse.",
    columns=(
        Column("name", "Length"),
        Column("codes", "Distinct codes (62^n)"),
        Column("bits", "Bits"),
        Column("lasts", "Lasts"),
    ),
    rows=tuple(
        Keyspace(name=f"{n} characters", length=n, per_day=SHORT_CODE_PER_DAY) for n in (6, 7, 8)
    ),
)


def _short_code_items() -> tuple[Item, ...]:
    space = shortcode.SPACE
    block = 2 ** (2 * math.ceil(math.log2(space) / 2))
    per_day = SHORT_CODE_PER_DAY
    return (
        Item(
            f"{shortcode.CODE_LENGTH} base-62 characters give {space:,} codes, about "
            f"2^{math.log2(space):.1f}",
            "So a 7-character code carries fewer than 42 bits of information.",
        ),
        Item(
            f"A 64-bit ID needs {shortcode.chars_for_bits(64)} characters",
            "62^10 is below 2^64, so 10 characters are not enough. Scrambling a 64-bit "
            "Snowflake ID and keeping 7 characters would drop bits, and two IDs could then "
            "share a code.",
        ),
        Item(
            f"Permute a counter within [0, 62^{shortcode.CODE_LENGTH})",
            f"A keyed {shortcode.ROUNDS}-round Feistel network over "
            f"{math.log2(block):.0f}-bit values maps each counter to a distinct value; when "
            f"the result is 62^7 or more (for {1 - space / block:.0%} of inputs) it is "
            "applied again until it falls in range (cycle-walking). Every counter gets its "
            "own 7-character code, no uniqueness check is needed, and consecutive counters "
            "give unrelated codes.",
            source=_CYCLE_WALKING,
        ),
        Item(
            f"At {format_count(per_day)} new links a day, the codes last "
            f"{format_duration(space / per_day * DAY, 2)}",
            "Counters are never reused, so that is the lifetime of the scheme at this rate; "
            "an 8th character multiplies it by 62.",
        ),
        Item(
            "Hand out counters in blocks",
            "A counter service gives each create server a block (say a million counters) at "
            "a time, so servers issue codes without a round trip per link; a crash only "
            "skips the rest of a block.",
        ),
    )


SHORT_CODE_NOTES = ItemList(
    name="short_code_notes",
    title="Seven-character codes from a counter",
    items=_short_code_items(),
)


# --- sharding and replication ----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Sharding(Record):
    """A way to split data across machines."""

    how: str
    good_for: str
    watch_out: str


SHARDING_STRATEGIES: Table[Sharding] = Table(
    name="sharding_strategies",
    title="Sharding strategies",
    columns=(
        Column("name", "Strategy"),
        Column("how", "How keys map to shards"),
        Column("good_for", "Good for"),
        Column("watch_out", "Watch out for"),
    ),
    rows=(
        Sharding(
            name="Range",
            how="Contiguous key ranges per shard (A–F, G–M, …)",
            good_for="Range scans and ordered reads (time ranges, prefixes)",
            watch_out="Sequential keys (timestamps, auto-increment) send every new "
            "write to the last shard; split hot ranges",
        ),
        Sharding(
            name="Hash (modulo)",
            how="shard = hash(key) mod N",
            good_for="Even spread of load with a fixed number of shards",
            watch_out="Changing N moves almost every key; range scans hit all shards",
        ),
        Sharding(
            name="Consistent hashing",
            how="Keys and nodes hashed onto a ring; a key belongs to the next node "
            "clockwise (with virtual nodes)",
            good_for="Clusters that grow and shrink: caches, Dynamo-style stores",
            watch_out="Uneven load without virtual nodes; range scans still hit all nodes",
        ),
        Sharding(
            name="Directory (lookup)",
            how="A lookup service maps each key or tenant to its shard",
            good_for="Moving single tenants, mixing shard sizes, per-tenant isolation",
            watch_out="The directory is on every request path: cache it and replicate "
            "it, or it becomes the bottleneck and the single point of failure",
        ),
        Sharding(
            name="Geographic",
            how="Data lives in the region of its user or tenant",
            good_for="Latency for local users; data-residency rules (e.g. GDPR)",
            watch_out="Users who move or travel; cross-region queries; uneven region sizes",
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class Replication(Record):
    """A replication topology and what it gives up."""

    how: str
    consistency: str
    failure: str
    examples: str


REPLICATION_MODES: Table[Replication] = Table(
    name="replication_modes",
    title="Replication modes",
    columns=(
        Column("name", "Mode"),
        Column("how", "How writes flow"),
        Column("consistency", "Consistency and latency"),
        Column("failure", "When a node fails"),
        Column("examples", "Examples"),
    ),
    rows=(
        Replication(
            name="Single leader, synchronous",
            how="The leader waits for a follower (or a quorum of them) before acknowledging",
            consistency="No acknowledged write is lost on failover; every write pays "
            "a round trip to the follower",
            failure="A slow or dead synchronous follower stalls writes unless "
            "another takes its place",
            examples="PostgreSQL synchronous_commit with standbys, MySQL semi-sync",
        ),
        Replication(
            name="Single leader, asynchronous",
            how="The leader acknowledges at once and ships the log to followers afterwards",
            consistency="Fast writes; follower reads may be stale (replication lag)",
            failure="Failover can lose the writes the followers had not yet received",
            examples="Default MySQL and PostgreSQL streaming replication, Redis replicas",
        ),
        Replication(
            name="Multi-leader",
            how="Each region or datacenter has a leader; leaders exchange writes asynchronously",
            consistency="Local write latency everywhere; concurrent writes to the same "
            "data conflict and must be resolved (last-write-wins, CRDTs, custom "
            "merge)",
            failure="A region keeps working alone and catches up later",
            examples="Multi-region active-active setups, offline-first apps, collaborative editors",
        ),
        Replication(
            name="Leaderless (quorum)",
            how="Clients write to W of N replicas and read from R; repair on read "
            "and in the background",
            consistency="R + W > N makes a read overlap the latest write (still not "
            "linearizable on its own); smaller R or W trade consistency for latency",
            failure="Keeps working while enough replicas answer; hinted handoff "
            "covers brief outages",
            examples="Dynamo, Cassandra, Riak",
        ),
    ),
)


# --- consistent hashing ----------------------------------------------------------------------


def keys_moved_fraction(nodes: int, scheme: str) -> float:
    """Share of keys that change owner when one node joins a cluster of ``nodes``.

    ``"modulo"`` (hash mod N → hash mod N+1): a key stays only if both remainders agree,
    which for uniform hashes happens for 1/(N+1) of keys, so N/(N+1) move. ``"ring"``
    (consistent hashing with evenly spread virtual nodes): the newcomer takes its fair
    share, 1/(N+1), and nothing else moves.
    """
    if nodes < 1:
        raise ValueError("nodes must be at least 1")
    if scheme == "modulo":
        return nodes / (nodes + 1)
    if scheme == "ring":
        return 1 / (nodes + 1)
    raise ValueError(f"unknown scheme {scheme!r}; use 'modulo' or 'ring'")


def _hashing_items() -> tuple[Item, ...]:
    n = 10
    return (
        Item(
            "Keys and nodes share one hash space, drawn as a ring",
            "A key belongs to the first node found clockwise from its hash.",
        ),
        Item(
            f"Adding an 11th node to 10 moves {format_percent(keys_moved_fraction(n, 'ring'))} "
            "of the keys",
            f"With hash mod N, the same change moves "
            f"{format_percent(keys_moved_fraction(n, 'modulo'))}: almost every key.",
        ),
        Item(
            "Virtual nodes even out the load",
            "Each server takes many points on the ring, so its share of keys is the sum of "
            "many small arcs instead of one large arbitrary arc. Cassandra used 256 a node "
            "until 4.0, which lowered the default to 16 and places them with a "
            "load-balancing token allocator rather than at random.",
            source=Source(
                "Apache Cassandra 4.0 documentation: cassandra.yaml, num_tokens",
                "https://cassandra.apache.org/doc/4.0/cassandra/configuration/cass_yaml_file.html",
                2026,
            ),
        ),
        Item(
            "Virtual nodes also spread a failure",
            "When a server leaves, its arcs fall to many different neighbours instead of "
            "doubling the load of one.",
        ),
        Item(
            "Weights are just more virtual nodes",
            "A machine with twice the capacity takes twice the points.",
        ),
        Item(
            "Replicas are the next distinct servers clockwise",
            "Skip virtual nodes of a server already chosen, and of the same rack or zone "
            "when placing copies for fault tolerance.",
        ),
        Item(
            "Hot keys are not fixed by the ring",
            "One very popular key still lands on one node: add caching, key suffixes or "
            "read replicas for it.",
        ),
    )


CONSISTENT_HASHING_NOTES = ItemList(
    name="consistent_hashing_notes", title="Consistent hashing in practice", items=_hashing_items()
)


# --- durability ------------------------------------------------------------------------------

S3_FAQ = Source("Amazon S3 FAQs (durability)", "https://aws.amazon.com/s3/faqs/", 2025)


def expected_losses(durability: float, objects: float) -> float:
    """Objects expected to be lost in a year: ``objects × (1 − durability)``."""
    return objects * (1.0 - durability)


def _durability_items() -> tuple[Item, ...]:
    eleven = 1 - 1e-11
    ten_million = expected_losses(eleven, 1e7)
    hundred_billion = expected_losses(eleven, 1e11)
    return (
        Item(
            f"11 nines means {format_availability(eleven)} durability a year",
            "Each object has about a 1-in-10^11 chance of being lost in a year.",
            source=S3_FAQ,
        ),
        Item(
            f"10 million objects: one loss every {format_number(1 / ten_million)} years on average",
            f"{format_number(1e7)} × 10^-11 = {ten_million:.4f} expected losses a year; "
            "this is how AWS itself words it.",
            source=S3_FAQ,
        ),
        Item(
            f"100 billion objects: about {format_number(hundred_billion)} loss a year",
            "The same rate applied to a hundred billion objects, an expected value rather "
            "than a promise.",
        ),
        Item(
            "Durability is a design target, availability is what the SLA covers",
            "S3 Standard is designed for 99.99% availability; its SLA credits start below "
            "99.9%. There is no credit for durability.",
            source=S3_FAQ,
        ),
        Item(
            "Replication is not a backup",
            "A deletion, a bad deploy or corruption replicates as faithfully as good data. "
            "Keep versioned or point-in-time copies, ideally in another account or region.",
        ),
        Item(
            "RPO and RTO state durability and recovery for your own system",
            "Recovery point objective: how much recent data you may lose. Recovery time "
            "objective: how long a restore may take.",
        ),
    )


DURABILITY_NOTES = ItemList(name="durability_notes", title="Durability", items=_durability_items())

_TOPIC_TABLES: tuple[Table[Any], ...] = (
    NINES,
    CAP_PACELC,
    CONSISTENCY_MODELS,
    ID_SCHEMES,
    SHORT_CODE_KEYSPACE,
    SHARDING_STRATEGIES,
    REPLICATION_MODES,
)
TABLES: list[Table[Record]] = list(_TOPIC_TABLES)
LISTS: list[ItemList] = [CONSISTENT_HASHING_NOTES, DURABILITY_NOTES, SHORT_CODE_NOTES]
