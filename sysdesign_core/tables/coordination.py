"""Coordination tables: consensus and its building blocks, and coordination services compared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "Primitive", "CoordinationService"]

_RAFT = Source(
    "Ongaro and Ousterhout — In Search of an Understandable Consensus Algorithm (Raft), 2014",
    "https://raft.github.io/raft.pdf",
    2026,
)
_KLEPPMANN_LOCKS = Source(
    "Martin Kleppmann — How to do distributed locking (2016)",
    "https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html",
    2026,
)
_CHUBBY = Source(
    "Burrows — The Chubby lock service for loosely-coupled distributed systems (OSDI 2006)",
    "https://research.google/pubs/the-chubby-lock-service-for-loosely-coupled-distributed-systems/",
    2026,
)
_ZOOKEEPER = Source(
    "Apache ZooKeeper Programmer's Guide",
    "https://zookeeper.apache.org/doc/current/zookeeperProgrammers.html",
    2026,
)
_ETCD = Source(
    "etcd documentation — API guarantees and the etcd API",
    "https://etcd.io/docs/latest/learning/api/",
    2026,
)
_CONSUL = Source(
    "HashiCorp Consul documentation — Consensus protocol and sessions",
    "https://developer.hashicorp.com/consul/docs/architecture/consensus",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class Primitive(Record):
    """A coordination building block: what it gives, how it works, where it breaks."""

    gives: str
    how: str
    pitfall: str


COORDINATION_PRIMITIVES: Table[Primitive] = Table(
    name="coordination_primitives",
    title="Coordination building blocks",
    caption="Consensus underlies the rest: leaders are elected and leases granted through a "
    "consensus-backed store, a lock is a lease on a key, and a fencing token makes a lease or "
    "a lock safe.",
    columns=(
        Column("name", "Building block"),
        Column("gives", "Gives"),
        Column("how", "How"),
        Column("pitfall", "Where it breaks"),
    ),
    rows=(
        Primitive(
            name="Consensus (Raft, Multi-Paxos, ZAB)",
            gives="Replicas agree on one ordered log of commands, despite crashes and lost "
            "messages, as long as a majority is up",
            how="A leader appends each command and commits it once a majority has stored "
            "it; a new leader needs votes from a majority, so two majorities always overlap",
            pitfall="Every write waits for a majority round trip (across regions: tens of ms); "
            "no progress without a majority; 5 nodes survive 2 failures, 6 still only 2",
            source=_RAFT,
        ),
        Primitive(
            name="Leader election",
            gives="At most one node acts as leader per term, the others follow",
            how="Candidates ask for votes or race to create one key in a consensus store; "
            "the term (epoch) number rises with every election",
            pitfall="An old leader that was paused (GC, VM freeze) may still believe it leads: "
            "every action must carry its term so others can refuse a stale one",
            source=_RAFT,
        ),
        Primitive(
            name="Lease",
            gives="A right that expires by itself after a time-to-live, so a crashed holder "
            "cannot block the others forever",
            how="The holder renews before the TTL runs out; the store grants it to someone "
            "else once it has expired",
            pitfall="Relies on bounded clock drift and pauses: a holder paused past its TTL "
            "wakes up and acts on a lease it no longer has",
            source=_CHUBBY,
        ),
        Primitive(
            name="Fencing token",
            gives="A lock or lease that stays safe when its holder is paused or partitioned",
            how="Each grant comes with a number that only increases; the storage service "
            "remembers the highest it has seen and rejects writes carrying a lower one",
            pitfall="The resource must check the token; a plain file system or a third-party "
            "API that cannot is not protected",
            source=_KLEPPMANN_LOCKS,
        ),
        Primitive(
            name="Distributed lock",
            gives="Mutual exclusion across machines: for efficiency (avoid doing work twice) "
            "or for correctness (never two writers)",
            how="A lease on a key in a coordination service (an etcd lease, a ZooKeeper "
            "ephemeral node, a Redis key with an expiry)",
            pitfall="For correctness it needs consensus and fencing tokens; a lock on a single "
            "Redis node, or Redlock across several, offers neither",
            source=_KLEPPMANN_LOCKS,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class CoordinationService(Record):
    """A coordination service compared by protocol, data model, change notification and use."""

    consensus: str
    data_model: str
    notifications: str
    liveness: str
    used_by: str


COORDINATION_SERVICES: Table[CoordinationService] = Table(
    name="coordination_services",
    title="ZooKeeper, etcd and Consul",
    caption="All three are small, strongly consistent stores for coordination data "
    "(kilobytes to a few gigabytes), not databases for application data.",
    ages=True,
    columns=(
        Column("name", "Service"),
        Column("consensus", "Consensus"),
        Column("data_model", "Data model"),
        Column("notifications", "Change notification"),
        Column("liveness", "Liveness of clients"),
        Column("used_by", "Used by"),
    ),
    rows=(
        CoordinationService(
            name="ZooKeeper",
            consensus="ZAB (ZooKeeper Atomic Broadcast), leader-based, majority quorum",
            data_model="A tree of small nodes (znodes) with versions; sequential and ephemeral "
            "nodes",
            notifications="Watches on a node (one-shot; persistent watches since 3.6)",
            liveness="Sessions with a timeout; a session's ephemeral nodes vanish when it ends",
            used_by="HBase, Hadoop, Solr; Kafka before KRaft",
            source=_ZOOKEEPER,
        ),
        CoordinationService(
            name="etcd",
            consensus="Raft",
            data_model="A flat, ordered key-value store with multi-version history "
            "(every change gets a revision)",
            notifications="Watch streams on a key or a range, resumable from a revision",
            liveness="Leases with a TTL; keys attached to a lease are deleted when it expires",
            used_by="Kubernetes (all cluster state), many service meshes and schedulers",
            source=_ETCD,
        ),
        CoordinationService(
            name="Consul",
            consensus="Raft among the servers; gossip (Serf) for membership of all agents",
            data_model="Key-value store next to a service catalog with health checks",
            notifications="Blocking queries that return when an index changes",
            liveness="Sessions tied to health checks; a lock is a key acquired by a session",
            used_by="Service discovery and health checking; Nomad; a storage backend for Vault",
            source=_CONSUL,
        ),
    ),
)


DISTRIBUTED_LOCK_RULES = ItemList(
    name="distributed_lock_rules",
    title="Distributed locks: rules that keep them safe",
    items=(
        Item(
            "Ask first whether the lock is for efficiency or for correctness",
            "If two holders at once only wastes some work, a lease on one Redis node is fine. "
            "If it would corrupt data, the lock needs consensus and fencing tokens.",
            _KLEPPMANN_LOCKS,
        ),
        Item(
            "Give every grant a fencing token and check it where the write lands",
            "A paused client wakes up after its lease expired; the storage refuses its write "
            "because a newer holder has presented a higher token.",
            _KLEPPMANN_LOCKS,
        ),
        Item(
            "Redlock's safety is contested",
            "Redlock takes a lock on a majority of independent Redis nodes. Kleppmann argued it "
            "depends on timing assumptions (bounded pauses, network delay and clock drift) and "
            "offers no fencing token; its author replied that the assumptions are reasonable. "
            "Where correctness matters, use a consensus store (etcd, ZooKeeper) instead.",
            Source(
                "Salvatore Sanfilippo — Is Redlock safe? (2016)",
                "http://antirez.com/news/101",
                2026,
            ),
        ),
        Item(
            "Prefer not to need a lock",
            "A conditional write (compare-and-set on a version), a unique constraint or a "
            "single owner per partition often removes the need for one.",
        ),
    ),
)


_TABLES: tuple[Table[Any], ...] = (COORDINATION_PRIMITIVES, COORDINATION_SERVICES)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = [DISTRIBUTED_LOCK_RULES]
