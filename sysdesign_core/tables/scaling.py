"""Scaling tables: up vs out, stateless vs stateful, externalising state, load balancers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "UpVsOut", "StateAspect", "LoadBalancer"]

_NLB_LISTENERS = Source(
    "Elastic Load Balancing: listeners for your Network Load Balancers",
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html",
    2026,
)
_WAF_RATE = Source(
    "AWS WAF Developer Guide: rate-based rule statements",
    "https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html",
    2026,
)

_USL = Source(
    "Neil Gunther: the Universal Scalability Law",
    "http://www.perfdynamics.com/Manifesto/USLscalability.html",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class UpVsOut(Record):
    """One aspect (``name``) compared between vertical and horizontal scaling."""

    vertical: str
    horizontal: str


@dataclass(frozen=True, kw_only=True)
class StateAspect(Record):
    """One aspect (``name``) compared between stateless and stateful services."""

    stateless: str
    stateful: str


@dataclass(frozen=True, kw_only=True)
class LoadBalancer(Record):
    """A load-balancer type: the layer it works at, what it can see, what it is for."""

    layer: str
    knows: str
    use_for: str


VERTICAL_VS_HORIZONTAL: Table[UpVsOut] = Table(
    name="vertical_vs_horizontal",
    title="Vertical vs horizontal scaling",
    columns=(
        Column("name", "Aspect"),
        Column("vertical", "Vertical (scale up)"),
        Column("horizontal", "Horizontal (scale out)"),
    ),
    rows=(
        UpVsOut(
            name="How",
            vertical="A bigger machine: more CPU, RAM, IOPS",
            horizontal="More machines behind a load balancer",
        ),
        UpVsOut(
            name="Effort",
            vertical="Simple: no code changes",
            horizontal="Harder: state must be shared, partitioned or replicated, and kept "
            "consistent",
        ),
        UpVsOut(
            name="Ceiling",
            vertical="The largest machine you can buy or rent",
            horizontal="Far higher, but each node adds less than the last: coordination "
            "and contention make growth sub-linear",
        ),
        UpVsOut(
            name="Failure",
            vertical="One machine is a single point of failure unless a standby waits",
            horizontal="A node dies and the others keep serving",
        ),
        UpVsOut(
            name="Good first move when",
            vertical="The load fits one box with headroom: a single Postgres handles a lot",
            horizontal="Load or availability needs exceed one box, or work partitions cleanly",
        ),
    ),
)

STATELESS_VS_STATEFUL: Table[StateAspect] = Table(
    name="stateless_vs_stateful",
    title="Stateless vs stateful services",
    columns=(
        Column("name", "Aspect"),
        Column("stateless", "Stateless"),
        Column("stateful", "Stateful"),
    ),
    rows=(
        StateAspect(
            name="Memory",
            stateless="None between requests: each request carries what it needs",
            stateful="Keeps sessions and remembers what the client did",
        ),
        StateAspect(
            name="Scaling",
            stateless="Add servers; any instance can serve any request, until the shared "
            "state store (database, Redis) or the coordination between instances becomes "
            "the bottleneck",
            stateful="Sticky sessions and coordination: a user must reach the same server",
        ),
        StateAspect(
            name="Failure",
            stateless="Another instance takes over; nothing is lost",
            stateful="The state on the crashed server is lost unless it was replicated or "
            "persisted",
        ),
        StateAspect(
            name="Where state lives",
            stateless="Outside the server: Redis, a database, or a signed token (JWT)",
            stateful="In the memory of one specific instance",
        ),
        StateAspect(
            name="Examples",
            stateless="REST APIs, HTTP services, JWT auth, app servers backed by Redis",
            stateful="WebSocket chat servers, game servers, database connections, "
            "in-memory login sessions",
        ),
        StateAspect(
            name="Load-balancer routing",
            stateless="Round robin or least connections: any server will do",
            stateful="IP hash, a cookie or consistent hashing to pin the user to a server",
        ),
    ),
)

STATE_EXAMPLES = ItemList(
    name="state_examples",
    title="State in real systems",
    items=(
        Item("Netflix", "Stateless API servers; session data kept in a shared store."),
        Item(
            "Stateless moves the limit, it does not remove it",
            "Every instance reads and writes the same session store or database, so that "
            "store's throughput, and any locks or coordination between instances, cap the "
            "scale-out; measure where the curve flattens.",
            source=_USL,
        ),
        Item(
            "WhatsApp",
            "Stateful: each WebSocket connection is pinned to one server, while presence "
            "lives in a shared store so any server can look it up.",
        ),
        Item(
            "Kubernetes pods",
            "Designed to be stateless and disposable: the scheduler may kill and restart "
            "them at any time, so durable state goes to volumes or external services.",
        ),
        Item(
            "Game servers",
            "Stateful: the whole match lives in memory, which makes moving a game to "
            "another server mid-match hard.",
        ),
    ),
)

STATELESS_CONVERSION = ItemList(
    name="stateless_conversion",
    title="Making a stateful service stateless",
    items=(
        Item(
            "Move sessions to a shared store",
            "Keep session data in Redis (or a database) instead of server memory; every "
            "instance reads the same session, so any instance can serve the user.",
        ),
        Item(
            "Carry identity in a token",
            "A signed JWT holds the user's claims, so no server-side session is needed; "
            "the trade is that revoking a token before it expires needs a deny-list or "
            "short lifetimes.",
        ),
        Item(
            "Drop sticky sessions",
            "Once no request depends on a particular server, the load balancer can spread "
            "load freely and scale in or out without draining users.",
        ),
    ),
)

CORE_CHALLENGES = ItemList(
    name="core_challenges",
    title="Core scaling challenges and their usual answers",
    items=(
        Item("Too many users", "Horizontal scaling, load balancing, caching."),
        Item("Too much data", "Sharding, tiered storage (hot, warm, cold)."),
        Item("Latency too high", "Caching, a CDN, serving from regions near users."),
        Item(
            "Availability too low",
            "Replication, multiple regions, graceful degradation.",
        ),
        Item(
            "Scaling out stops paying",
            "Contention and cross-node coordination cap the gain from each extra node; "
            "measure it and fit the Universal Scalability Law instead of assuming linear "
            "growth.",
            source=_USL,
        ),
    ),
)

LOAD_BALANCERS: Table[LoadBalancer] = Table(
    name="load_balancers",
    title="Layer 4 vs layer 7 load balancers",
    columns=(
        Column("name", "Type"),
        Column("layer", "Layer"),
        Column("knows", "Sees"),
        Column("use_for", "Use for"),
    ),
    rows=(
        LoadBalancer(
            name="L4 (e.g. AWS NLB)",
            layer="Transport: TCP / UDP",
            knows="IP addresses and ports",
            use_for="Lowest latency and raw throughput, non-HTTP protocols, long-lived "
            "connections; TLS either passed through to the targets (TCP listener) or "
            "terminated at the balancer (TLS listener)",
            source=_NLB_LISTENERS,
        ),
        LoadBalancer(
            name="L7 (e.g. AWS ALB)",
            layer="Application: HTTP",
            knows="URL path, host, headers, cookies",
            use_for="Routing by path or host, TLS termination, A/B and canary splits "
            "(weighted target groups), cookie-based stickiness; rate limiting only through "
            "an attached WAF with rate-based rules, not in the ALB itself",
            source=_WAF_RATE,
        ),
    ),
)

# Any: Table is invariant in its row type, and the catalog reads rows as Record.
TABLES: list[Table[Any]] = [
    VERTICAL_VS_HORIZONTAL,
    STATELESS_VS_STATEFUL,
    LOAD_BALANCERS,
]
LISTS: list[ItemList] = [STATE_EXAMPLES, STATELESS_CONVERSION, CORE_CHALLENGES]
