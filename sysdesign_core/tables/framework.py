"""Framework tables: the interview steps and time plan, questions, targets, patterns, flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = [
    "TABLES",
    "LISTS",
    "FrameworkStep",
    "TimeBlock",
    "InterviewFramework",
    "ClarifyingQuestion",
    "NfrTarget",
    "FrNfrPair",
    "DeepDive",
    "Tradeoff",
    "HotKey",
    "ComponentCheck",
    "time_blocks",
    "INTERVIEW_MINUTES",
]

INTERVIEW_MINUTES = 45
"""Length of the interview the time plan is written for."""

_XU = Source(
    "ByteByteGo — A framework for system design interviews (Alex Xu)",
    "https://bytebytego.com/courses/system-design-interview/a-framework-for-system-design-interviews",
    2026,
)
_HELLO = Source(
    "Hello Interview — System design in a hurry: delivery framework",
    "https://www.hellointerview.com/learn/system-design/in-a-hurry/delivery",
    2026,
)


# --- the steps and the 45-minute plan ---------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class FrameworkStep(Record):
    """One step of the interview flow, what it produces and its share of the 45 minutes.

    ``block`` groups steps that share one slot of the cheat sheet's time split (FR and NFR share
    five minutes); the minutes of a block are the sum of its steps' minutes.
    """

    order: int
    produce: str
    minutes: int
    block: str
    page: str


@dataclass(frozen=True, kw_only=True)
class TimeBlock(Record):
    """One slot of the 45-minute plan: the steps it covers and its minutes."""

    steps: str
    minutes: int
    goal: str


FRAMEWORK_STEPS: Table[FrameworkStep] = Table(
    name="framework_steps",
    title="The nine steps",
    caption="What to have on the board at the end of each step, and its minutes in a "
    "45-minute interview.",
    columns=(
        Column("order", "#"),
        Column("name", "Step"),
        Column("produce", "Produce"),
        Column("minutes", "Minutes"),
    ),
    rows=(
        FrameworkStep(
            name="Functional requirements",
            order=1,
            produce="Three to five P0 features as 'users can …' lines; P1 parked; what is "
            "out of scope",
            minutes=3,
            block="Requirements",
            page="framework/functional-requirements.md",
        ),
        FrameworkStep(
            name="Non-functional requirements",
            order=2,
            produce="Numeric targets: scale, p99 latency, availability, consistency per "
            "feature, durability",
            minutes=2,
            block="Requirements",
            page="framework/non-functional-requirements.md",
        ),
        FrameworkStep(
            name="Estimates",
            order=3,
            produce="Average and peak QPS for reads and writes, storage per day and in "
            "total, bandwidth — only the figures that steer the design",
            minutes=5,
            block="Estimates",
            page="framework/capacity-estimation.md",
        ),
        FrameworkStep(
            name="API",
            order=4,
            produce="The endpoints of the P0 features with method, path, body and "
            "response; idempotency and pagination stated",
            minutes=3,
            block="API and data model",
            page="framework/api-design.md",
        ),
        FrameworkStep(
            name="Data model",
            order=5,
            produce="Entities, their keys and the partition key; the store chosen for "
            "each, from the access pattern",
            minutes=2,
            block="API and data model",
            page="framework/data-model.md",
        ),
        FrameworkStep(
            name="High-level design",
            order=6,
            produce="A box diagram that serves every P0 feature end to end: write path "
            "and read path",
            minutes=10,
            block="High-level design",
            page="framework/high-level-design.md",
        ),
        FrameworkStep(
            name="Deep dive",
            order=7,
            produce="Two or three hard components designed in detail, with numbers: "
            "fan-out, hot keys, consistency, IDs",
            minutes=15,
            block="Deep dive",
            page="framework/deep-dive.md",
        ),
        FrameworkStep(
            name="Trade-offs",
            order=8,
            produce="Each major choice as 'X over Y because …', and what would flip it",
            minutes=3,
            block="Trade-offs and failures",
            page="framework/trade-offs.md",
        ),
        FrameworkStep(
            name="Failure modes",
            order=9,
            produce="What breaks first at 10× and when a part dies: single points of "
            "failure, retries, degradation, monitoring",
            minutes=2,
            block="Trade-offs and failures",
            page="framework/failure-modes.md",
        ),
    ),
)

_BLOCK_GOALS = {
    "Requirements": "Agree what to build and how well it must work",
    "Estimates": "Size the load and the data, so the design has numbers to answer to",
    "API and data model": "Fix the contract and the entities before drawing boxes",
    "High-level design": "A working end-to-end design for every P0 feature",
    "Deep dive": "Depth on the parts the interviewer cares about most",
    "Trade-offs and failures": "Show judgement: what you gave up and what breaks",
}


def time_blocks(steps: Table[FrameworkStep] = FRAMEWORK_STEPS) -> tuple[TimeBlock, ...]:
    """The 45-minute plan: consecutive steps grouped by ``block``, minutes summed.

    >>> [(b.name, b.minutes) for b in time_blocks()][:2]
    [('Requirements', 5), ('Estimates', 5)]
    """
    names: list[str] = []
    members: dict[str, list[FrameworkStep]] = {}
    for step in sorted(steps.rows, key=lambda s: s.order):
        if step.block not in members:
            names.append(step.block)
            members[step.block] = []
        members[step.block].append(step)
    return tuple(
        TimeBlock(
            name=name,
            steps=" + ".join(s.name for s in members[name]),
            minutes=sum(s.minutes for s in members[name]),
            goal=_BLOCK_GOALS[name],
        )
        for name in names
    )


INTERVIEW_PLAN: Table[TimeBlock] = Table(
    name="interview_plan",
    title="The 45-minute plan",
    caption="Built from the steps above: each slot's minutes are the sum of its steps.",
    columns=(
        Column("name", "Slot"),
        Column("steps", "Steps"),
        Column("minutes", "Minutes"),
        Column("goal", "Goal"),
    ),
    rows=time_blocks(),
)


# --- other frameworks -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class InterviewFramework(Record):
    """A way to run a design interview, what it is good at and when it fits."""

    steps: str
    strengths: str
    fits_when: str


INTERVIEW_FRAMEWORKS: Table[InterviewFramework] = Table(
    name="interview_frameworks",
    title="Interview frameworks side by side",
    caption="Three common ways to structure the hour. They share the core: requirements "
    "first, a working design, then depth.",
    ages=True,
    columns=(
        Column("name", "Framework"),
        Column("steps", "Steps"),
        Column("strengths", "Strengths"),
        Column("fits_when", "Fits when"),
    ),
    rows=(
        InterviewFramework(
            name="Nine steps (this site)",
            steps="FR → NFR → estimates → API → data model → high-level design → deep "
            "dive → trade-offs → failure modes",
            strengths="Nothing is forgotten; trade-offs and failures get their own slot "
            "instead of being squeezed out at the end",
            fits_when="You are learning, or the interviewer expects numbers and "
            "reliability to be covered explicitly",
            source=Source(
                "sysdesign — the framework",
                "https://sysdesign.github.io/sysdesign/framework/",
                2026,
            ),
        ),
        InterviewFramework(
            name="Four steps",
            steps="Understand the problem and scope it → propose a high-level design and "
            "get buy-in → deep dive → wrap up",
            strengths="Few steps to remember; asks for the interviewer's agreement before "
            "going deep; leaves time for a summary and follow-ups",
            fits_when="The interviewer steers a lot, or the problem is broad and the "
            "hard part only appears after the first sketch",
            source=_XU,
        ),
        InterviewFramework(
            name="Delivery framework",
            steps="Requirements → core entities → API → (data flow) → high-level design "
            "→ deep dives; estimates only where a number changes a decision",
            strengths="Gets to a working design fast; naming the core entities first "
            "makes the API and schema quick; no time spent on figures nobody uses",
            fits_when="Product-style questions in 45 minutes where the interviewer "
            "cares more about the design than the arithmetic",
            source=_HELLO,
        ),
    ),
)


# --- step 1: clarifying questions -------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ClarifyingQuestion(Record):
    """A category of clarifying questions and the design choice its answer drives."""

    questions: str
    drives: str


CLARIFYING_QUESTIONS: Table[ClarifyingQuestion] = Table(
    name="clarifying_questions",
    title="Clarifying questions",
    caption="Ask before drawing. Each answer settles a design choice.",
    columns=(
        Column("name", "Category"),
        Column("questions", "Questions"),
        Column("drives", "What the answer decides"),
    ),
    rows=(
        ClarifyingQuestion(
            name="Scale",
            questions="How many daily active users? Peak requests per second? How much "
            "data? How fast is it growing?",
            drives="One machine or many; whether to shard; the capacity estimate",
        ),
        ClarifyingQuestion(
            name="Access pattern",
            questions="Mostly reads or mostly writes? What is the read:write ratio? "
            "Which queries are hot?",
            drives="Caches and replicas for reads; queues, LSM stores and partitioning for writes",
        ),
        ClarifyingQuestion(
            name="Latency",
            questions="What p99 must a user see? Must results be real time, or is batch "
            "acceptable?",
            drives="Synchronous path versus queue; caching, CDN, precomputation",
        ),
        ClarifyingQuestion(
            name="Consistency",
            questions="Strong or eventual? Must users read their own writes? Which "
            "features can show stale data?",
            drives="Single leader and transactions versus replicas and async "
            "replication; where to pay for coordination",
        ),
        ClarifyingQuestion(
            name="Availability",
            questions="Three nines or five? One region or global?",
            drives="Redundancy level, multi-AZ or multi-region, failover design",
        ),
        ClarifyingQuestion(
            name="Durability",
            questions="May we ever lose data? What RPO (data loss) and RTO (recovery "
            "time) are acceptable?",
            drives="Synchronous replication, backups, write-ahead logs, acknowledgement settings",
        ),
        ClarifyingQuestion(
            name="Data size",
            questions="How big is an average object? How long do we keep it?",
            drives="Storage estimate; database versus object store; tiering and expiry",
        ),
        ClarifyingQuestion(
            name="Scope",
            questions="What is out of scope? Mobile, web or both? Is auth, billing or "
            "analytics part of it?",
            drives="Which features to design at all; what to mention and skip",
        ),
    ),
)


# --- step 2: functional requirements ----------------------------------------------------------

FUNCTIONAL_REQUIREMENTS_RULES = ItemList(
    name="functional_requirements_rules",
    title="Writing functional requirements",
    items=(
        Item("Core features only", "write what the system must do, not every nice idea"),
        Item(
            "P0 — must have",
            "the features without which the product does not exist; design all of them",
        ),
        Item(
            "P1 — if time allows",
            "useful extras: name them, park them, and come back only if the P0 design is done",
        ),
        Item(
            "Out of scope, said aloud",
            "auth, billing, admin tools: saying what you skip avoids surprises later",
        ),
        Item(
            "'Users can …' sentences",
            "one verb each, so every line maps to an API call later",
        ),
        Item(
            "Three to five P0 lines",
            "more than that and the high-level design will not fit in ten minutes",
        ),
        Item(
            "Example — URL shortener",
            "P0: shorten a long URL; redirect a short code to the original. P1: click "
            "analytics, expiry, custom aliases",
        ),
    ),
)


# --- step 3: non-functional requirements ------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class NfrTarget(Record):
    """A non-functional requirement, a typical target and how to state it."""

    target: str
    notes: str


NFR_TARGETS: Table[NfrTarget] = Table(
    name="nfr_targets",
    title="Non-functional requirements and typical targets",
    caption="Starting points to agree on with the interviewer, not universal truths.",
    columns=(
        Column("name", "NFR"),
        Column("target", "Typical target"),
        Column("notes", "Notes"),
    ),
    rows=(
        NfrTarget(
            name="Availability",
            target="99.99%",
            notes="Five nines usually means several regions and automated failover",
        ),
        NfrTarget(
            name="Read latency",
            target="p99 under 100 ms",
            notes="Agree on the exact SLO and the percentile it is measured at",
        ),
        NfrTarget(
            name="Write latency",
            target="p99 under 500 ms",
            notes="Or accept the write asynchronously: `202 Accepted` and a job id",
        ),
        NfrTarget(
            name="Throughput",
            target="X writes/s and Y reads/s",
            notes="Comes from the capacity estimate; state average and peak",
        ),
        NfrTarget(
            name="Consistency",
            target="Strong or eventual",
            notes="Decide per feature: payments strong, like counts eventual",
        ),
        NfrTarget(
            name="Durability",
            target="No acknowledged write is lost",
            notes="Or state an RPO (how much data may be lost) and an RTO",
        ),
        NfrTarget(
            name="Scalability",
            target="10× today's load",
            notes="Say the growth you assume and which part saturates first",
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class FrNfrPair(Record):
    """A functional requirement and the non-functional constraint that goes with it."""

    quality: str
    constraint: str


FR_NFR_PAIRS: Table[FrNfrPair] = Table(
    name="fr_nfr_pairs",
    title="Functional requirements and their non-functional partners",
    caption="What the system does, paired with how well it must do it.",
    columns=(
        Column("name", "Functional (what)"),
        Column("quality", "Quality"),
        Column("constraint", "Non-functional (how well)"),
    ),
    rows=(
        FrNfrPair(
            name="Users see a home page with posts, feed and navigation",
            quality="Latency",
            constraint="Page loads in under 1.5 s at p99",
        ),
        FrNfrPair(
            name="The system stores customer data (profile, preferences, history)",
            quality="Security",
            constraint="Encrypted at rest (AES-256) and in transit (TLS 1.3)",
        ),
        FrNfrPair(
            name="Users log in (authentication, sessions)",
            quality="Scalability",
            constraint="5,000 concurrent signed-in users per server, more by adding servers",
        ),
        FrNfrPair(
            name="Customers can use the service at any hour",
            quality="Availability",
            constraint="99.7% uptime (the downtime it allows is computed on the page)",
        ),
        FrNfrPair(
            name="Customers use phones and tablets",
            quality="Compatibility",
            constraint="Works in browsers on iOS 14+ and Android 10+",
        ),
        FrNfrPair(
            name="Users search products by name, category and filters",
            quality="Throughput",
            constraint="10K searches/s, each answered in under 100 ms",
        ),
        FrNfrPair(
            name="Users pay (checkout, refunds)",
            quality="Consistency",
            constraint="Strong consistency and idempotent payments: never charge twice",
        ),
        FrNfrPair(
            name="Users chat with an AI assistant",
            quality="Latency (time to first token)",
            constraint="First token in under 500 ms, then at least 50 tokens/s",
        ),
        FrNfrPair(
            name="The assistant answers from company documents (RAG)",
            quality="Accuracy",
            constraint="Under 5% of answers unsupported by the retrieved sources",
        ),
        FrNfrPair(
            name="Users generate images from text",
            quality="GPU throughput",
            constraint="An image in under 10 s; users per GPU set by images per GPU per "
            "minute and a queue, not by a fixed count",
        ),
        FrNfrPair(
            name="Users post tweets",
            quality="Throughput and latency",
            constraint="10K tweets/s with p99 under 200 ms",
        ),
    ),
)

SLI_SLO_SLA = ItemList(
    name="sli_slo_sla",
    title="SLI, SLO, SLA",
    items=(
        Item(
            "SLI — indicator",
            "what you measure: e.g. the share of requests over a 5-minute window "
            "answered in under 200 ms, or the share of successful requests",
        ),
        Item(
            "SLO — objective",
            "the internal target for an SLI over a period: 'p99 under 200 ms for 99.9% "
            "of 5-minute windows in 30 days'",
        ),
        Item(
            "SLA — agreement",
            "the promise in a contract, with credits or refunds when it is missed",
        ),
        Item(
            "SLA looser than SLO",
            "the SLA promises less than the SLO targets, and the system usually does "
            "better than both: the gap is the margin before money is at stake",
        ),
        Item(
            "Error budget",
            "1 − SLO is the unreliability you may spend on releases and experiments; "
            "when it is gone, slow down changes",
            Source(
                "Google SRE book — Service level objectives",
                "https://sre.google/sre-book/service-level-objectives/",
                2026,
            ),
        ),
    ),
)

PERCENTILES = ItemList(
    name="percentiles",
    title="Percentiles, not averages",
    items=(
        Item("p50 (median)", "what a typical request sees"),
        Item("p95 / p99", "the slow tail that a busy user meets every session"),
        Item("p99.9", "the worst requests; often where infrastructure SLOs are set"),
        Item(
            "Averages hide the tail",
            "a mean blends a few very slow requests into many fast ones; the tail is "
            "what users complain about",
        ),
        Item(
            "Percentiles do not average",
            "the mean of each server's p99 is not the fleet's p99: merge histograms or "
            "sketches instead",
        ),
        Item(
            "Fan-out amplifies the tail",
            "a page that waits for many backends is as slow as the slowest: a 1% slow "
            "call becomes a common slow page",
            Source(
                "Dean and Barroso — The Tail at Scale (CACM 2013)",
                "https://research.google/pubs/the-tail-at-scale/",
                2026,
            ),
        ),
        Item(
            "User-facing SLOs at p99, infrastructure at p99.9",
            "deeper percentiles for shared layers, because many user requests touch them",
        ),
    ),
)


# --- step 8: deep dive and patterns -----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DeepDive(Record):
    """A common deep-dive topic and the questions to answer about it."""

    questions: str


DEEP_DIVES: Table[DeepDive] = Table(
    name="deep_dives",
    title="Common deep dives",
    caption="Pick two or three; the interviewer usually steers.",
    columns=(Column("name", "Deep dive"), Column("questions", "Key questions")),
    rows=(
        DeepDive(
            name="Write path",
            questions="How does a write travel from the client to "
            "durable storage, and when is it acknowledged?",
        ),
        DeepDive(
            name="Read path",
            questions="How is data fetched, cached and served "
            "quickly; what happens on a cache miss?",
        ),
        DeepDive(name="Fan-out", questions="How does one write reach N users; push, pull or both?"),
        DeepDive(
            name="Hot spot",
            questions="What happens when one key or user gets 10× the traffic of the others?",
        ),
        DeepDive(
            name="Consistency",
            questions="How do we live with replication lag; who must read their own writes?",
        ),
        DeepDive(
            name="Search",
            questions="How is data indexed, kept in sync with the source and queried at scale?",
        ),
        DeepDive(
            name="Unique IDs",
            questions="Snowflake-style, UUID or hash: which, and "
            "why — ordering, size, hot partitions?",
        ),
    ),
)

PATTERNS_READ_HEAVY = ItemList(
    name="patterns_read_heavy",
    title="Read-heavy (feeds, catalogues, search)",
    items=(
        Item(
            "Cache aggressively",
            "an in-memory cache such as Redis near the service, a CDN at the edge",
        ),
        Item("Read replicas", "send most reads away from the primary"),
        Item("Denormalize and precompute", "materialized views, precomputed feeds"),
        Item("Serve stale when acceptable", "a TTL plus a background refresh"),
        Item("Index every query", "covering indexes avoid touching the table at all"),
    ),
)

PATTERNS_WRITE_HEAVY = ItemList(
    name="patterns_write_heavy",
    title="Write-heavy (logs, metrics, events, IoT)",
    items=(
        Item(
            "LSM-tree storage", "Cassandra, RocksDB, InfluxDB turn writes into sequential appends"
        ),
        Item(
            "A log as write buffer",
            "Kafka absorbs bursts; consumers write to the database in batches",
        ),
        Item("Partition by hash", "spreads writes evenly across nodes"),
        Item(
            "No sequential keys",
            "a hash or random prefix keeps one partition from taking every new write",
        ),
        Item("Accept, then process", "`202 Accepted` at once, the work done asynchronously"),
    ),
)

PATTERNS_REALTIME = ItemList(
    name="patterns_realtime",
    title="Real-time and low latency (chat, live feeds, games)",
    items=(
        Item("WebSockets", "persistent two-way connections"),
        Item("Server-sent events", "when only the server pushes"),
        Item("Long polling", "the fallback when neither works through a proxy"),
        Item("Pub/sub fan-out", "Redis pub/sub or Kafka to reach every connected client"),
        Item("In-memory state", "presence, typing indicators and online status in Redis"),
    ),
)

PATTERNS_FANOUT = ItemList(
    name="patterns_fanout",
    title="Fan-out at scale (timelines, notifications)",
    items=(
        Item(
            "Fan-out on write (push)",
            "copy each post into every follower's timeline: "
            "cheap reads, costly writes for big accounts",
        ),
        Item(
            "Fan-out on read (pull)",
            "merge the followed accounts at read time: cheap writes, costly reads",
        ),
        Item(
            "Hybrid",
            "push for ordinary accounts, pull for accounts above a follower "
            "threshold, merged at read time",
        ),
        Item("Asynchronous workers", "fan-out runs from a queue, never in the request"),
        Item("Bounded timelines", "keep only the latest few hundred entries per user in the cache"),
    ),
)

PATTERNS_STRONG_CONSISTENCY = ItemList(
    name="patterns_strong_consistency",
    title="Strong consistency required (payments, inventory, booking)",
    items=(
        Item("SQL transactions in one region", "one leader decides the order of writes"),
        Item("Serializable or snapshot-serializable isolation", "prevents write skew"),
        Item(
            "Optimistic or pessimistic locking",
            "a `version` column with compare-and-set, or `SELECT … FOR UPDATE`",
        ),
        Item(
            "Idempotency keys on every write API",
            "with a deduplication window, e.g. 24 hours as Stripe keeps keys",
        ),
        Item(
            "Sagas over two-phase commit",
            "for work that spans services: local transactions plus compensating steps",
        ),
    ),
)


# --- step 9: trade-offs and hot keys -----------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Tradeoff(Record):
    """A trade-off and what each side buys."""

    option_a: str
    option_b: str


TRADEOFFS: Table[Tradeoff] = Table(
    name="tradeoffs",
    title="Common trade-offs",
    caption="Say which side you chose and what would make you switch.",
    columns=(
        Column("name", "Trade-off"),
        Column("option_a", "Option A"),
        Column("option_b", "Option B"),
    ),
    rows=(
        Tradeoff(
            name="Consistency vs availability",
            option_a="Strong (CP): correct, may refuse requests during a partition",
            option_b="Eventual (AP): always answers, may be stale",
        ),
        Tradeoff(
            name="Latency vs durability",
            option_a="Acknowledge before replicating: fast, may lose the latest writes",
            option_b="Replicate synchronously: safe, slower",
        ),
        Tradeoff(
            name="Normalized vs denormalized",
            option_a="One copy of each fact; reads need joins",
            option_b="Redundant copies; fast reads, costly updates",
        ),
        Tradeoff(
            name="Fan-out on write vs on read",
            option_a="Fast reads, expensive writes",
            option_b="Cheap writes, slower reads",
        ),
        Tradeoff(
            name="SQL vs NoSQL",
            option_a="Ad-hoc queries and transactions; sharding is manual work",
            option_b="Queries fixed by the key design; partitioning built in",
        ),
        Tradeoff(
            name="Monolith vs microservices",
            option_a="Simple to run; scales as one piece",
            option_b="Parts scale and deploy alone; more to operate",
        ),
        Tradeoff(
            name="Push vs pull delivery",
            option_a="Lowest latency",
            option_b="The consumer sets the pace",
        ),
        Tradeoff(
            name="Cache-aside vs write-through",
            option_a="Simple; cold after a restart",
            option_b="Always warm; every write pays twice",
        ),
        Tradeoff(
            name="Random IDs (UUIDv4) vs sequential IDs",
            option_a="No hot partition; no order, scattered index inserts",
            option_b="Ordered and compact; hot partition when the key is range-partitioned",
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class HotKey(Record):
    """A skew problem, how it shows up and how to fix it."""

    symptom: str
    fix: str


HOT_KEYS: Table[HotKey] = Table(
    name="hot_keys",
    title="Hot keys and skew",
    columns=(
        Column("name", "Problem"),
        Column("symptom", "Symptom"),
        Column("fix", "Fix"),
    ),
    rows=(
        HotKey(
            name="Hot partition",
            symptom="One shard at 100% while the rest idle",
            fix="Add a random suffix to the key (read with scatter-gather), virtual "
            "shards, split the hot range",
        ),
        HotKey(
            name="Celebrity or viral post",
            symptom="One write fans out to many millions of followers at once",
            fix="Hybrid push/pull, fan-out by asynchronous workers",
        ),
        HotKey(
            name="Cache stampede",
            symptom="A hot key expires and every request hits the database",
            fix="One fetch per key (lock or request coalescing), "
            "early probabilistic refresh, background refresh",
        ),
        HotKey(
            name="Write skew",
            symptom="Two transactions read the same rows, then each writes on that stale basis",
            fix="`SELECT … FOR UPDATE` on the rows read, or serializable isolation",
        ),
        HotKey(
            name="Hot replica",
            symptom="Every read lands on one replica",
            fix="A pool of replicas behind random or least-loaded routing",
        ),
        HotKey(
            name="Hot cache key",
            symptom="One cache node saturates on a single key",
            fix="Replicate the key to several nodes or keep a small in-process copy",
        ),
    ),
)


# --- high-level design: component checklist --------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ComponentCheck(Record):
    """A component of the reference architecture, what to check and the usual mitigation."""

    check: str
    mitigation: str


COMPONENT_CHECKLIST: Table[ComponentCheck] = Table(
    name="component_checklist",
    title="Component checklist",
    caption="Walk the diagram left to right and ask each box these questions.",
    columns=(
        Column("name", "Component"),
        Column("check", "What to check"),
        Column("mitigation", "Usual mitigation"),
    ),
    rows=(
        ComponentCheck(
            name="Client",
            check="Retries that multiply load; stale app versions; offline behaviour",
            mitigation="Backoff with jitter, idempotency keys, versioned API, local cache",
        ),
        ComponentCheck(
            name="DNS",
            check="TTL during failover; a single provider",
            mitigation="Short TTLs on failover records, health-checked "
            "routing, a secondary provider",
        ),
        ComponentCheck(
            name="CDN",
            check="Cache hit ratio; invalidation; what happens when the origin is down",
            mitigation="Versioned file names, origin shield, serve stale on error",
        ),
        ComponentCheck(
            name="Load balancer",
            check="Single instance; health checks; L4 or L7; TLS termination",
            mitigation="Redundant pair or managed LB across zones; active health checks",
        ),
        ComponentCheck(
            name="API gateway",
            check="Authentication, rate limits, request size limits, routing",
            mitigation="Per-client quotas, token bucket limits, run several instances",
        ),
        ComponentCheck(
            name="Services",
            check="Stateless? Timeouts on every call? Can they scale out?",
            mitigation="State in Redis or the database, autoscaling, circuit breakers, bulkheads",
        ),
        ComponentCheck(
            name="Cache",
            check="Hit ratio, eviction policy, stampedes, what happens on a cold start",
            mitigation="Cache-aside with TTLs, request coalescing, warm-up, replicas",
        ),
        ComponentCheck(
            name="Database",
            check="Write QPS on one primary, replication lag, partition key, backups",
            mitigation="Replicas for reads, "
            "sharding when writes outgrow one node, point-in-time recovery",
        ),
        ComponentCheck(
            name="Queue",
            check="Delivery guarantee, ordering, consumer lag, poison messages",
            mitigation="Idempotent consumers, dead-letter queue, partitions per key, lag alerts",
        ),
        ComponentCheck(
            name="Workers",
            check="Throughput versus arrival rate; retries; duplicate work",
            mitigation="Autoscale on queue depth, idempotent jobs, capped retries",
        ),
        ComponentCheck(
            name="Object store",
            check="Large blobs kept out of the database; access control; lifecycle",
            mitigation="Pre-signed URLs, CDN in front, lifecycle rules to colder tiers",
        ),
        ComponentCheck(
            name="Search index",
            check="Sync lag from the source of truth; reindexing",
            mitigation="Feed it from change data capture or a log; rebuild from the source",
        ),
        ComponentCheck(
            name="Observability",
            check="Metrics, logs, traces and alerts on the SLIs",
            mitigation="RED/USE dashboards, SLO burn-rate alerts, distributed tracing",
        ),
    ),
)


# --- the checklist page: red and green flags ---------------------------------------------------

RED_FLAGS = ItemList(
    name="red_flags",
    title="Red flags",
    items=(
        Item("A single point of failure left unmentioned"),
        Item("Images or video stored as blobs in the database"),
        Item("Synchronous fan-out to millions of followers inside the request"),
        Item("No cache on a read-heavy path"),
        Item("Auto-increment keys as the shard key of a range-partitioned system"),
        Item("Polling the database at high frequency where an event would do"),
        Item("Payment or other critical writes without idempotency"),
        Item("Strong consistency everywhere, even where eventual is fine"),
        Item("Drawing components before the requirements are clear"),
        Item("No monitoring, logging or alerting"),
    ),
)

GREEN_FLAGS = ItemList(
    name="green_flags",
    title="Green flags",
    items=(
        Item("Clarifying questions before any drawing"),
        Item("Assumptions said out loud", "'I will assume 100M daily users'"),
        Item("Trade-offs named", "'X over Y, because …'"),
        Item("What breaks at 10×, raised unprompted, with the fix"),
        Item("Hot keys, skew and the celebrity problem raised unprompted"),
        Item(
            "Designed for failure",
            "circuit breakers, graceful degradation, retries with idempotency",
        ),
        Item("Numbers that justify the architecture"),
        Item("Knowing when not to distribute", "'one Postgres primary handles this load'"),
    ),
)


_TABLES: tuple[Table[Any], ...] = (
    FRAMEWORK_STEPS,
    INTERVIEW_PLAN,
    INTERVIEW_FRAMEWORKS,
    CLARIFYING_QUESTIONS,
    NFR_TARGETS,
    FR_NFR_PAIRS,
    DEEP_DIVES,
    TRADEOFFS,
    HOT_KEYS,
    COMPONENT_CHECKLIST,
)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = [
    FUNCTIONAL_REQUIREMENTS_RULES,
    SLI_SLO_SLA,
    PERCENTILES,
    PATTERNS_READ_HEAVY,
    PATTERNS_WRITE_HEAVY,
    PATTERNS_REALTIME,
    PATTERNS_FANOUT,
    PATTERNS_STRONG_CONSISTENCY,
    RED_FLAGS,
    GREEN_FLAGS,
]
