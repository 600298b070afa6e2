"""Resilience tables: rate limiting, circuit breakers, retries, degradation, SPOFs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = [
    "TABLES",
    "LISTS",
    "RateLimiter",
    "CircuitState",
    "Spof",
]

_FIGMA = Source(
    "Figma engineering — An alternative approach to rate limiting (2017)",
    "https://www.figma.com/blog/an-alternative-approach-to-rate-limiting/",
    2026,
)
_RESILIENCE4J = Source(
    "Resilience4j documentation — CircuitBreaker",
    "https://resilience4j.readme.io/docs/circuitbreaker",
    2026,
)
_AWS_RETRY = Source(
    "AWS SDKs and Tools reference guide — Retry behavior",
    "https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html",
    2026,
)
_BACKOFF = Source(
    "Amazon Builders' Library — Timeouts, retries, and backoff with jitter",
    "https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/",
    2026,
)


# --- rate limiting ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RateLimiter(Record):
    """A rate-limiting algorithm, its cost and how it treats bursts."""

    behaviour: str
    memory: str
    bursts: str
    use: str


RATE_LIMITING: Table[RateLimiter] = Table(
    name="rate_limiting",
    title="Rate-limiting algorithms",
    caption="Memory is per client key. The sources show where each is used in practice.",
    ages=True,
    columns=(
        Column("name", "Algorithm"),
        Column("behaviour", "Behaviour"),
        Column("memory", "Memory"),
        Column("bursts", "Bursts"),
        Column("use", "Use"),
    ),
    rows=(
        RateLimiter(
            name="Token bucket",
            behaviour="Tokens refill at a steady rate up to a capacity; each request "
            "takes one or is refused",
            memory="Two numbers: tokens left and last refill time",
            bursts="Allowed, up to the bucket capacity",
            use="API gateways and public APIs where short bursts are fine",
            source=Source(
                "Amazon API Gateway — Throttle requests (token bucket)",
                "https://docs.aws.amazon.com/apigateway/latest/developerguide/"
                "api-gateway-request-throttling.html",
                2026,
            ),
        ),
        RateLimiter(
            name="Leaky bucket",
            behaviour="Requests join a queue drained at a constant rate; overflow is refused",
            memory="A queue (or, as a meter, one counter and a timestamp)",
            bursts="Smoothed: queued, then sent at the fixed rate",
            use="Traffic shaping in front of a fragile backend; NGINX `limit_req`",
            source=Source(
                "NGINX — ngx_http_limit_req_module",
                "https://nginx.org/en/docs/http/ngx_http_limit_req_module.html",
                2026,
            ),
        ),
        RateLimiter(
            name="Fixed window",
            behaviour="One counter per client per calendar window (e.g. per minute), "
            "reset at the boundary",
            memory="One counter",
            bursts="Up to twice the limit across a window boundary",
            use="Simple quotas where edge spikes do not matter; a Redis `INCR` with an expiry",
            source=_FIGMA,
        ),
        RateLimiter(
            name="Sliding window log",
            behaviour="Keeps the timestamp of every request; counts those in the last window",
            memory="One entry per request in the window",
            bursts="Exact: never more than the limit in any window",
            use="Low limits that must be precise (logins, expensive calls)",
            source=_FIGMA,
        ),
        RateLimiter(
            name="Sliding window counter",
            behaviour="Weights the previous window's count by its overlap with the "
            "sliding window and adds the current one",
            memory="Two counters",
            bursts="Smoothed; slightly approximate at the edges",
            use="High-volume edge rate limiting with little memory per key",
            source=Source(
                "Cloudflare blog — Counting things, a lot of different things (2017)",
                "https://blog.cloudflare.com/counting-things-a-lot-of-different-things/",
                2026,
            ),
        ),
    ),
)


# --- circuit breaker --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class CircuitState(Record):
    """A state of a circuit breaker, what calls do in it and when it leaves."""

    behaviour: str
    transition: str


CIRCUIT_BREAKER_STATES: Table[CircuitState] = Table(
    name="circuit_breaker_states",
    title="Circuit breaker states",
    caption="Thresholds and probe counts are configurable; the values named are "
    "Resilience4j's defaults.",
    ages=True,
    columns=(
        Column("name", "State"),
        Column("behaviour", "Calls"),
        Column("transition", "Leaves when"),
    ),
    rows=(
        CircuitState(
            name="Closed",
            behaviour="Pass through; outcomes are recorded in a sliding window",
            transition="The failure (or slow-call) rate over the window crosses a "
            "threshold (default 50%, after a minimum number of calls) → open",
            source=_RESILIENCE4J,
        ),
        CircuitState(
            name="Open",
            behaviour="Fail at once without calling the dependency; a fallback may answer",
            transition="A wait duration passes (default 60 s) → half-open",
            source=_RESILIENCE4J,
        ),
        CircuitState(
            name="Half-open",
            behaviour="Let a limited number of trial calls through (default 10); others "
            "are refused",
            transition="Trial calls succeed well enough → closed; they fail → open again",
            source=_RESILIENCE4J,
        ),
    ),
)

CIRCUIT_BREAKER_LIBRARIES = ItemList(
    name="circuit_breaker_libraries",
    title="Where circuit breakers come from",
    items=(
        Item(
            "Resilience4j (Java)",
            "circuit breaker, retry, rate limiter and bulkhead as composable decorators",
            _RESILIENCE4J,
        ),
        Item(
            "Polly (.NET)",
            "resilience pipelines with circuit breaker, retry, timeout and hedging",
            Source(
                "Polly documentation — Circuit breaker resilience strategy",
                "https://www.pollydocs.org/strategies/circuit-breaker.html",
                2026,
            ),
        ),
        Item(
            "Hystrix (Java, Netflix)",
            "popularised the pattern; in maintenance mode since 2018, with Resilience4j "
            "suggested instead",
            Source(
                "Netflix Hystrix README — Hystrix status",
                "https://github.com/Netflix/Hystrix#hystrix-status",
                2026,
            ),
        ),
        Item(
            "Service mesh proxies (Envoy, Istio)",
            "outlier detection ejects failing hosts and connection limits cap load, "
            "outside the application code",
            Source(
                "Envoy documentation — Outlier detection",
                "https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/outlier",
                2026,
            ),
        ),
        Item(
            "AWS SDKs: retry circuit breaking, not a call breaker",
            "in standard mode a retry quota runs dry under sustained failure and the SDK "
            "stops *retrying*; it never blocks or delays a first attempt, so calls do not "
            "fail fast the way an open breaker makes them",
            _AWS_RETRY,
        ),
    ),
)


# --- retries, degradation ---------------------------------------------------------------------

RETRY_PRACTICES = ItemList(
    name="retry_practices",
    title="Retrying safely",
    items=(
        Item(
            "A timeout on every remote call",
            "a call without one can hold a thread forever; set it from the "
            "dependency's p99.9 latency",
            _BACKOFF,
        ),
        Item(
            "Exponential backoff with jitter",
            "double the wait after each failure, cap it, and randomise it so clients "
            "that failed together do not retry together",
            Source(
                "AWS Architecture Blog — Exponential backoff and jitter",
                "https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/",
                2026,
            ),
        ),
        Item(
            "Retry budgets",
            "cap retries at a share of traffic (say 10%) or with a token bucket, so an "
            "outage does not triple the load",
            _AWS_RETRY,
        ),
        Item(
            "Retry at one layer only",
            "three layers each retrying three times turn one failure into 27 calls",
            _BACKOFF,
        ),
        Item(
            "Retry only what is retryable",
            "timeouts, 429 and 503 yes; 400, 403 or a validation error no",
        ),
        Item(
            "Idempotency",
            "a retried write must not apply twice: idempotent methods, or an "
            "idempotency key the server deduplicates",
            Source(
                "Stripe API reference — Idempotent requests",
                "https://docs.stripe.com/api/idempotent_requests",
                2026,
            ),
        ),
        Item(
            "Honour `Retry-After`",
            "when the server says when to come back, wait that long",
        ),
    ),
)

GRACEFUL_DEGRADATION = ItemList(
    name="graceful_degradation",
    title="Graceful degradation",
    items=(
        Item("Serve stale data", "from the cache when the database is down"),
        Item("Partial results", "show what answered instead of an error page"),
        Item(
            "Turn off what is optional",
            "recommendations, counters and previews go first under overload",
        ),
        Item("Queue writes", "accept and buffer instead of refusing when a downstream is slow"),
        Item(
            "Shed load early",
            "refuse excess requests at the edge (429) rather than time out deep inside",
        ),
        Item(
            "Static fallbacks",
            "a default answer or a cached page when a dependency is open-circuited",
        ),
        Item("Feature flags", "switch a misbehaving feature off without a deploy"),
    ),
)


# --- single points of failure -----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Spof(Record):
    """A single point of failure, how it fails and how to remove it."""

    fails: str
    mitigation: str


SPOF_CHECKLIST: Table[Spof] = Table(
    name="spof_checklist",
    title="Single points of failure",
    caption="Ask of every box and every arrow: what if this is gone for an hour?",
    columns=(
        Column("name", "Single point of failure"),
        Column("fails", "How it fails"),
        Column("mitigation", "Mitigation"),
    ),
    rows=(
        Spof(
            name="One load balancer",
            fails="Host dies or is saturated: every request fails",
            mitigation="An active-passive pair with a floating IP, or a managed "
            "load balancer spread over zones",
        ),
        Spof(
            name="One database primary",
            fails="Crash or disk loss: writes stop, recent data may be lost",
            mitigation="Synchronous standby with automated failover, "
            "tested backups, point-in-time recovery",
        ),
        Spof(
            name="One region or availability zone",
            fails="Power, network or cloud control-plane outage takes everything down",
            mitigation="Spread over at least three zones; a second region for the critical path",
        ),
        Spof(
            name="DNS",
            fails="Provider outage or a bad record: clients cannot find you",
            mitigation="Two providers, sensible TTLs, changes reviewed and staged",
        ),
        Spof(
            name="Cache cluster",
            fails="Cluster lost: every read hits the database at once",
            mitigation="Replicas, request coalescing, database sized or load-shed for a cold cache",
        ),
        Spof(
            name="Message broker",
            fails="Broker down: producers block or drop messages",
            mitigation="Replicated partitions across zones, producer-side buffering, outbox table",
        ),
        Spof(
            name="Config or secrets service",
            fails="Services cannot start or rotate credentials",
            mitigation="Cache the last good config locally; serve reads from replicas",
        ),
        Spof(
            name="Auth provider",
            fails="Nobody can log in; token checks fail",
            mitigation="Verify signed tokens locally, long enough token lifetimes, a "
            "degraded mode for existing sessions",
        ),
        Spof(
            name="Shared dependency or third-party API",
            fails="Slow or down: threads pile up and the failure cascades",
            mitigation="Timeouts, circuit breaker, bulkheads, a fallback or queue, a second vendor",
        ),
        Spof(
            name="Deploy pipeline or one operator",
            fails="A bad push reaches every host; only one person can fix it",
            mitigation="Canary and staged rollouts, one-step rollback, runbooks, shared on-call",
        ),
        Spof(
            name="Certificate expiry",
            fails="TLS handshakes fail everywhere on one date",
            mitigation="Automated renewal (ACME), expiry monitoring and alerts weeks ahead",
        ),
    ),
)


_TABLES: tuple[Table[Any], ...] = (RATE_LIMITING, CIRCUIT_BREAKER_STATES, SPOF_CHECKLIST)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = [
    CIRCUIT_BREAKER_LIBRARIES,
    RETRY_PRACTICES,
    GRACEFUL_DEGRADATION,
]
