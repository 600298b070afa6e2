"""Multi-region and the edge: DR strategies by RPO/RTO, active-active vs active-passive,
global traffic routing (GeoDNS, anycast), DNS TTLs, TLS termination and data residency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = [
    "TABLES",
    "LISTS",
    "DrStrategy",
    "RegionTopology",
    "GlobalRouting",
    "TlsTermination",
]

_AWS_DR = Source(
    "AWS whitepaper — Disaster Recovery of Workloads on AWS: disaster recovery options",
    "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/"
    "disaster-recovery-options-in-the-cloud.html",
    2026,
)
_ROUTE53 = Source(
    "Amazon Route 53 Developer Guide — Choosing a routing policy",
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html",
    2026,
)
_ANYCAST = Source(
    "Cloudflare Learning Center — What is Anycast?",
    "https://www.cloudflare.com/learning/cdn/glossary/anycast-network/",
    2026,
)
_GCLB = Source(
    "Google Cloud — External Application Load Balancer overview (global, one anycast IP)",
    "https://cloud.google.com/load-balancing/docs/https",
    2026,
)
_GCP_DR = Source(
    "Google Cloud Architecture Center — Disaster recovery scenarios for applications",
    "https://cloud.google.com/architecture/dr-scenarios-for-applications",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class DrStrategy(Record):
    """A disaster-recovery strategy with its recovery point and time objectives and cost."""

    rpo: str
    rto: str
    standing: str
    cost: str


DR_STRATEGIES: Table[DrStrategy] = Table(
    name="dr_strategies",
    title="Disaster recovery strategies, cheapest first",
    caption="RPO (recovery point objective): how much recent data may be lost. RTO (recovery "
    "time objective): how long until service is back. Figures are the usual orders of "
    "magnitude, not guarantees.",
    ages=True,
    columns=(
        Column("name", "Strategy"),
        Column("rpo", "RPO"),
        Column("rto", "RTO"),
        Column("standing", "Running in the second region"),
        Column("cost", "Cost"),
    ),
    rows=(
        DrStrategy(
            name="Backup and restore",
            rpo="Hours (since the last backup)",
            rto="Hours to a day",
            standing="Nothing but backups; the infrastructure is created on the day, from code",
            cost="Lowest: storage only",
            source=_AWS_DR,
        ),
        DrStrategy(
            name="Pilot light",
            rpo="Minutes (data is replicated continuously)",
            rto="Tens of minutes",
            standing="Replicated data stores; servers switched off or absent until needed",
            cost="Low: the data tier only",
            source=_AWS_DR,
        ),
        DrStrategy(
            name="Warm standby",
            rpo="Seconds to minutes",
            rto="Minutes",
            standing="A smaller full copy taking no (or test) traffic, scaled up on failover",
            cost="Medium: a scaled-down stack around the clock",
            source=_AWS_DR,
        ),
        DrStrategy(
            name="Multi-site active/active",
            rpo="Near zero (seconds, or zero with synchronous writes)",
            rto="Near zero: traffic is moved away from the failed region",
            standing="Full capacity serving users in every region",
            cost="Highest: at least twice the fleet, and cross-region data consistency "
            "to design for",
            source=_AWS_DR,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class RegionTopology(Record):
    """How regions share writes, and what that does to failover and consistency."""

    writes: str
    failover: str
    consistency: str


REGION_TOPOLOGIES: Table[RegionTopology] = Table(
    name="region_topologies",
    title="Active-passive vs active-active",
    columns=(
        Column("name", "Topology"),
        Column("writes", "Writes"),
        Column("failover", "Failover"),
        Column("consistency", "Consistency and conflicts"),
    ),
    rows=(
        RegionTopology(
            name="Active-passive",
            writes="All traffic (or all writes) in the primary region; the passive region "
            "replicates",
            failover="Promote the passive region: minutes, and recent asynchronous writes "
            "may be lost (RPO above zero)",
            consistency="Simple: one writer, no conflicts",
            source=_GCP_DR,
        ),
        RegionTopology(
            name="Active-active, one home region per record",
            writes="Users are served near them; each record (user, tenant) is written only "
            "in its home region",
            failover="Move the failed region's records to another home",
            consistency="No conflicts; cross-region reads of someone else's record are "
            "eventually consistent",
            source=_GCP_DR,
        ),
        RegionTopology(
            name="Active-active, multi-writer",
            writes="Any region accepts any write",
            failover="Nothing to promote: route users to the other regions",
            consistency="Concurrent writes conflict: last-writer-wins loses data, so use "
            "CRDTs, or a consensus database that pays a cross-region round trip per write",
            source=_GCP_DR,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class GlobalRouting(Record):
    """A way to send each user to a nearby, healthy region."""

    how: str
    failover: str
    caveats: str


GLOBAL_ROUTING: Table[GlobalRouting] = Table(
    name="global_routing",
    title="Sending users to the right region",
    ages=True,
    columns=(
        Column("name", "Method"),
        Column("how", "How"),
        Column("failover", "Failover speed"),
        Column("caveats", "Caveats"),
    ),
    rows=(
        GlobalRouting(
            name="GeoDNS (latency or geolocation routing)",
            how="The DNS server answers with a different region's address depending on "
            "where the query comes from",
            failover="As fast as resolvers honour the TTL: a minute for most, longer for some",
            caveats="It sees the resolver's location, not the user's (EDNS Client Subnet "
            "helps); clients and resolvers cache past the TTL",
            source=_ROUTE53,
        ),
        GlobalRouting(
            name="Anycast",
            how="Many sites announce the same IP address over BGP; the internet's routing "
            "delivers each packet to a nearby site",
            failover="Seconds: a site that withdraws its route stops receiving traffic",
            caveats="Routing, not load: a site cannot easily shed load; long connections may "
            "move when routes change. Used by DNS and CDNs",
            source=_ANYCAST,
        ),
        GlobalRouting(
            name="Global load balancer (anycast front end)",
            how="One anycast address terminates connections at the nearest edge, which "
            "forwards requests to the closest healthy backend region",
            failover="Seconds, by health checks, with no DNS change",
            caveats="One provider's edge in the path of every request",
            source=_GCLB,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class TlsTermination(Record):
    """Where TLS is terminated and what that means for security and operations."""

    how: str
    good: str
    watch: str


TLS_TERMINATION: Table[TlsTermination] = Table(
    name="tls_termination",
    title="Where to terminate TLS",
    columns=(
        Column("name", "Termination point"),
        Column("how", "How"),
        Column("good", "Good for"),
        Column("watch", "Watch out for"),
    ),
    rows=(
        TlsTermination(
            name="At the CDN edge",
            how="The CDN holds a certificate for your name and opens its own connection to "
            "your origin",
            good="Fastest handshakes (close to users); caching and DDoS protection need it",
            watch="The CDN sees plaintext; encrypt edge-to-origin too, and authenticate the "
            "CDN at the origin",
        ),
        TlsTermination(
            name="At the load balancer",
            how="The load balancer decrypts, routes by path or header (layer 7), and "
            "forwards plain HTTP or re-encrypts",
            good="One place for certificates; layer-7 routing; offloads the servers",
            watch="Plain HTTP inside the network is a risk unless re-encrypted (or mTLS in "
            "a service mesh)",
        ),
        TlsTermination(
            name="End to end (passthrough)",
            how="A layer-4 load balancer forwards the encrypted bytes; each server holds "
            "the certificate",
            good="The strictest confidentiality; client certificates reach the server",
            watch="No layer-7 routing or caching in front; certificates on every server",
        ),
    ),
)


DNS_TTL = ItemList(
    name="dns_ttl",
    title="DNS TTLs: short or long",
    items=(
        Item(
            "Short TTL (30–60 s)",
            "Failover and traffic shifts take effect in about a minute; more queries reach "
            "the authoritative servers and first visits wait for a lookup more often.",
        ),
        Item(
            "Long TTL (hours to a day)",
            "Fewer lookups and resilience if the DNS provider has an outage; a mistake or a "
            "move takes that long to undo.",
        ),
        Item(
            "Lower the TTL before a planned change",
            "Drop it a full old TTL ahead of a migration, switch, then raise it again.",
        ),
        Item(
            "TTL is a request, not a promise",
            "Some resolvers and clients (JVMs caching lookups, long-lived connections) hold "
            "answers longer: a failover plan must not depend on DNS alone.",
            Source(
                "RFC 1035 — Domain names: implementation and specification (TTL)",
                "https://www.rfc-editor.org/rfc/rfc1035",
                2026,
            ),
        ),
    ),
)

DATA_RESIDENCY = ItemList(
    name="data_residency",
    title="Data residency",
    items=(
        Item(
            "Know which data must stay where",
            "Laws and contracts can require personal or regulated data to be stored or "
            "processed in one country or region; transfers out of the EU need a legal basis "
            "under the GDPR (Chapter V).",
            Source(
                "GDPR Chapter V — Transfers of personal data to third countries",
                "https://gdpr-info.eu/chapter-5/",
                2026,
            ),
        ),
        Item(
            "Partition by jurisdiction",
            "Give each user or tenant a home region that satisfies its rules, and keep its "
            "records, backups and logs there: the home-region topology above.",
        ),
        Item(
            "Watch the copies you forget",
            "Backups, analytics pipelines, search indexes, logs and support tools copy data "
            "out of its region as easily as the database does.",
        ),
        Item(
            "Keep global data minimal",
            "Only what routing needs (a user id to home region map) is global; everything "
            "else stays home.",
        ),
    ),
)


_TABLES: tuple[Table[Any], ...] = (
    DR_STRATEGIES,
    REGION_TOPOLOGIES,
    GLOBAL_ROUTING,
    TLS_TERMINATION,
)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = [DNS_TTL, DATA_RESIDENCY]
