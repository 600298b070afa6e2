"""Content corrections: claims often made (or made by the site) that are wrong, with sources.

Each :class:`~sysdesign_core.records.Correction` matches one ``!!! corrected`` admonition in
``docs/`` (same page, ``name`` = the admonition's title without "Often said: " or "Common
mistake: ");
``python -m sysdesign_core.validate`` checks that the two stay in step. The "What changed"
page shows this table, newest first.

>>> dates = [row.date for row in CORRECTIONS.rows]
>>> dates == sorted(dates, reverse=True)
True
"""

from __future__ import annotations

from typing import Any

from ..records import Column, Correction, ItemList, Source, Table

__all__ = ["CORRECTIONS", "TABLES", "LISTS"]

# Facets by part of the site, derived from the page so a record cannot disagree with it.
_SECTIONS = {
    "framework": "Framework",
    "toolbox": "Toolbox",
    "concepts": "Concepts",
    "walkthroughs": "Walkthroughs",
    "problems": "Problems",
    "calculators": "Calculators",
    "senior": "Senior topics",
    "checklist.md": "Checklist",
}


def _fix(name: str, *, date: str, page: str, was: str, now: str, source: Source) -> Correction:
    """A correction tagged with the part of the site its page belongs to."""
    section = _SECTIONS.get(page.split("/")[0], "")
    return Correction(
        name=name,
        date=date,
        page=page,
        was=was,
        now=now,
        source=source,
        tags=frozenset({section} if section else set()),
    )


_TODAY = "2026-12-03"
"""The day of the second correctness pass (the records below it that use it)."""

_ROWS = (
    _fix(
        "“Always include a soft-delete `deleted_at` column”",
        date="2026-11-25",
        page="toolbox/databases.md",
        was="Soft delete is a design choice with costs, not a rule for every table.",
        now="Every query must skip deleted rows, unique keys must allow for them, and a flag "
        "does not erase personal data. Keep `created_at`/`updated_at`; add `deleted_at` only "
        "where undo or history is needed.",
        source=Source(
            "GDPR, Article 17: right to erasure", "https://gdpr-info.eu/art-17-gdpr/", 2026
        ),
    ),
    _fix(
        "“SQS FIFO: 300 msg/s limit per group”",
        date=_TODAY,
        page="toolbox/message-queues.md",
        was="By default the quota is counted in API calls per queue, not messages per group.",
        now="300 calls/s per action per queue (3,000 messages/s in batches of 10); in "
        "high-throughput mode each group lives on one partition of about 300 calls/s. "
        "Deduplication spans the whole queue for 5 minutes by default.",
        source=Source(
            "Amazon SQS message quotas",
            "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/"
            "quotas-messages.html",
            2026,
        ),
    ),
    _fix(
        "“Avoid Kafka when you need under 10 ms latency”",
        date="2026-11-25",
        page="toolbox/message-queues.md",
        was="Kafka's end-to-end latency can be well under 10 ms.",
        now="Latency depends on batching, acks and fetch settings; the real reasons to skip "
        "Kafka for a task queue are operational (no delayed delivery; per-record acks only "
        "with share groups, KIP-932).",
        source=Source(
            "Confluent, Benchmarking Apache Kafka, Apache Pulsar, and RabbitMQ",
            "https://www.confluent.io/blog/kafka-fastest-messaging-system/",
            2026,
        ),
    ),
    _fix(
        "“Fan out on write below 10K followers” and “pull only above 1M followers”",
        date="2026-11-25",
        page="toolbox/sync-async.md",
        was="Two different cut-offs are each given as if they were a fact.",
        now="The cut-off between fan-out on write and on read is a tuning knob: pick it from "
        "the follower distribution and the timeline write rate you can afford.",
        source=Source(
            "Raffi Krikorian, Timelines at Scale (InfoQ)",
            "https://www.infoq.com/presentations/Twitter-Timeline-Scalability/",
            2026,
        ),
    ),
    _fix(
        "“Binary formats evolve safely because fields are identified by number, not name”",
        date="2026-11-25",
        page="toolbox/serialization.md",
        was="True of Protobuf only: Avro matches fields by name, MessagePack has no schema.",
        now="Each format has its own evolution rules: Protobuf never reuses a field number, "
        "Avro resolves the writer's schema by field name and needs it at read time.",
        source=Source(
            "Avro specification: schema resolution",
            "https://avro.apache.org/docs/1.12.0/specification/#schema-resolution",
            2026,
        ),
    ),
    _fix(
        "“Origin shield: client → CDN edge → CDN POP → origin”",
        date="2026-11-25",
        page="toolbox/cdn.md",
        was="A shield is not a second POP on every request's path.",
        now="It is one designated mid-tier cache shared by all edges, so edge misses for the "
        "same object collapse into a single origin request.",
        source=Source(
            "Amazon CloudFront: using Origin Shield",
            "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/origin-shield.html",
            2026,
        ),
    ),
    _fix(
        "“Horizontal scaling provides linear throughput growth”",
        date="2026-11-25",
        page="toolbox/scaling.md",
        was="Shared work and coordination keep growth below linear.",
        now="Contention caps the speed-up and coherency costs make it fall past a peak "
        "(Universal Scalability Law); only independent work scales nearly linearly.",
        source=Source(
            "Neil Gunther, Universal Scalability Law",
            "http://www.perfdynamics.com/Manifesto/USLscalability.html",
            2026,
        ),
    ),
    _fix(
        "“80% of traffic in 20% of the day → peak ≈ 2–3× average”",
        date="2026-11-25",
        page="framework/capacity-estimation.md",
        was="The 80:20 rule implies a 4× peak, not 2–3×.",
        now="0.8 / 0.2 = 4× the average; the 2–3× factor is a separate convention. Use 4 "
        "under 80:20, and a measured peak when there is one.",
        source=Source(
            "ByteByteGo, Back-of-the-envelope estimation",
            "https://bytebytego.com/courses/system-design-interview/back-of-the-envelope-estimation",
            2026,
        ),
    ),
    _fix(
        "“Circuit breakers are built into Resilience4j and the AWS SDKs”",
        date=_TODAY,
        page="framework/failure-modes.md",
        was="The AWS SDKs break only the retry circuit: a retry quota stops retries under "
        "sustained failure, but a first attempt is never blocked.",
        now="No open state fails calls fast; for that, wrap the call in a breaker library "
        "(Resilience4j, Polly).",
        source=Source(
            "AWS SDKs and Tools reference: retry behavior",
            "https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html",
            2026,
        ),
    ),
    _fix(
        "“Image generation: under 10 s per image, 1K concurrent users per GPU”",
        date="2026-11-25",
        page="framework/non-functional-requirements.md",
        was="One GPU serves images a few at a time; a thousand concurrent requests would queue.",
        now="State the target as images per GPU per minute plus a queueing delay, and size "
        "the GPU pool from the request rate.",
        source=Source(
            "NVIDIA Triton Inference Server: optimization",
            "https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/"
            "optimization.html",
            2026,
        ),
    ),
    _fix(
        "“With a 100 ms average you can still have 5% of users at 2 s”",
        date="2026-11-25",
        page="framework/non-functional-requirements.md",
        was="5% at 2 s alone makes a 100 ms mean, leaving nothing for the other 95%.",
        now="The point holds with 1% at 2 s: a mean hides the tail that a p99 shows.",
        source=Source(
            "Google SRE book: Service level objectives",
            "https://sre.google/sre-book/service-level-objectives/",
            2026,
        ),
    ),
    _fix(
        "“Each extra 9 ≈ 10× the cost”",
        date="2026-11-25",
        page="framework/non-functional-requirements.md",
        was="Each nine cuts downtime tenfold; the cost has no fixed multiple.",
        now="The cost grows faster than linearly and depends on what must change (zones, "
        "regions, failover, on-call); read 10× as “much more expensive”.",
        source=Source(
            "Google SRE book, chapter 3: Embracing risk",
            "https://sre.google/sre-book/embracing-risk/",
            2026,
        ),
    ),
    _fix(
        "a “45-minute” Design Twitter plan whose slots add up to 50 minutes",
        date="2026-11-25",
        page="checklist.md",
        was="Its time slots add up to 50 minutes and leave out the API and data model.",
        now="A plan that fits 45 minutes uses a 15-minute deep dive; real slots often leave "
        "about 35 minutes of design.",
        source=Source(
            "Hello Interview: delivery framework",
            "https://www.hellointerview.com/learn/system-design/in-a-hurry/delivery",
            2026,
        ),
    ),
    _fix(
        "“Strong (CP) — safer; Eventual (AP) — faster”",
        date="2026-11-25",
        page="concepts/cap-pacelc.md",
        was="CAP says nothing about speed, only about behaviour during a partition.",
        now="The latency cost of consistency is PACELC's “else” half, paid on every request, "
        "partition or not.",
        source=Source(
            "Daniel Abadi, Consistency tradeoffs in modern distributed database system design "
            "(IEEE Computer, 2012)",
            "https://www.cs.umd.edu/~abadi/papers/abadi-pacelc.pdf",
            2026,
        ),
    ),
    _fix(
        "a “45-minute” interview plan with 50 minutes of slots",
        date="2026-11-25",
        page="walkthroughs/twitter.md",
        was="The walkthrough's slots add up to 50 minutes, not 45.",
        now="Scaling folds into the deep dive and trade-offs, keeping the cheat sheet's "
        "45-minute split.",
        source=Source(
            "Hello Interview: delivery framework",
            "https://www.hellointerview.com/learn/system-design/in-a-hurry/delivery",
            2026,
        ),
    ),
    _fix(
        "“1B ÷ 100K sec = ~10K writes/sec”",
        date="2026-11-25",
        page="walkthroughs/twitter.md",
        was="A day has 86,400 seconds; 100,000 is a rounding that understates the rate.",
        now="The rounding is fine in an interview if you say so; the walkthrough computes "
        "both figures and the peak.",
        source=Source("Day (86,400 SI seconds)", "https://en.wikipedia.org/wiki/Day", 2026),
    ),
    _fix(
        "“Storage: 1B × 200B = 200GB/day”",
        date="2026-11-25",
        page="walkthroughs/twitter.md",
        was="200 bytes is the text alone, not the stored tweet.",
        now="IDs, timestamps, references and indexes add to the text; the walkthrough assumes "
        "1 KB a tweet (stated as an assumption, not a measured size) and computes storage "
        "with replicas and retention.",
        source=Source(
            "X API data dictionary: the Post object",
            "https://docs.x.com/x-api/fundamentals/data-dictionary",
            2026,
        ),
    ),
    _fix(
        "“Encode a scrambled 64-bit Snowflake ID as a 7-character code”",
        date=_TODAY,
        page="walkthroughs/url-shortener.md",
        was="62^7 is about 2^41.7: a 64-bit value needs 11 base-62 characters, so cutting a "
        "scrambled ID to 7 loses bits and uniqueness.",
        now="Permute a counter within [0, 62^7) with a keyed Feistel network and "
        "cycle-walking (or give each server a counter range), or accept 11 characters.",
        source=Source(
            "Black and Rogaway, Ciphers with Arbitrary Finite Domains (CT-RSA 2002)",
            "https://web.cs.ucdavis.edu/~rogaway/papers/subset.pdf",
            2026,
        ),
    ),
    _fix(
        "“Egress = read QPS × 200 B per tweet”",
        date=_TODAY,
        page="walkthroughs/twitter.md",
        was="A read returns a home-timeline page of about 20 tweets, not one tweet: egress "
        "was about 20× too low.",
        now="The response size is its own input (a 4 KB page of 20 tweets), separate from "
        "the 200-byte record.",
        source=Source(
            "X API data dictionary: the Post object",
            "https://docs.x.com/x-api/fundamentals/data-dictionary",
            2026,
        ),
    ),
    _fix(
        "“Shard tweets by tweet_id to spread writes evenly”",
        date=_TODAY,
        page="walkthroughs/twitter.md",
        was="Snowflake IDs are time-ordered, so range-sharding on them sends every new tweet "
        "to the newest shard.",
        now="Shard by a hash of the ID for even writes; ranges of the ID only for time scans.",
        source=Source(
            "Twitter Engineering, Announcing Snowflake",
            "https://blog.x.com/engineering/en_us/a/2010/announcing-snowflake",
            2026,
        ),
    ),
    _fix(
        "“An L4 balancer (NLB) can only pass TLS through; an L7 balancer (ALB) rate-limits”",
        date=_TODAY,
        page="toolbox/load-balancers.md",
        was="NLB terminates TLS with a TLS listener; ALB has no built-in rate limiting.",
        now="NLB: TLS listener (terminate) or TCP listener (pass through). ALB: rate limits "
        "come from an attached AWS WAF rate-based rule.",
        source=Source(
            "Elastic Load Balancing: listeners for your Network Load Balancers",
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/"
            "load-balancer-listeners.html",
            2026,
        ),
    ),
    _fix(
        "“Stateless services scale horizontally without limit”",
        date=_TODAY,
        page="toolbox/scaling.md",
        was="The shared state store and the coordination between instances cap the scale-out.",
        now="Stateless moves the bottleneck into the session store or database; size it with "
        "the servers and measure where throughput flattens.",
        source=Source(
            "Neil Gunther, Universal Scalability Law",
            "http://www.perfdynamics.com/Manifesto/USLscalability.html",
            2026,
        ),
    ),
    _fix(
        "“Redis with persistence on does not lose writes”",
        date=_TODAY,
        page="toolbox/databases.md",
        was="AOF `everysec` (the default) can lose about a second; async replication can "
        "drop acknowledged writes on failover.",
        now="Pick the fsync policy (`always`, `everysec`, `no`) for the loss you accept; "
        "`WAIT`/`WAITAOF` narrow the failover window without closing it.",
        source=Source(
            "Redis documentation: persistence",
            "https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/",
            2026,
        ),
    ),
    _fix(
        "“MongoDB is for when weaker consistency is fine”",
        date=_TODAY,
        page="toolbox/databases.md",
        was="Out of date: multi-document ACID transactions since 4.0, majority-acknowledged "
        "writes by default since 5.0.",
        now="Choose MongoDB for the document model; avoid it for data full of relations that "
        "need joins.",
        source=Source(
            "MongoDB manual: transactions",
            "https://www.mongodb.com/docs/manual/core/transactions/",
            2026,
        ),
    ),
    _fix(
        "“Memcached has no persistence: a restart always empties it”",
        date=_TODAY,
        page="toolbox/caches.md",
        was="Since 1.5.18 a planned restart can keep the cache in a memory file.",
        now="A crash or reboot still empties it and there is no replication: plan for a "
        "cold cache after failures.",
        source=Source(
            "memcached wiki: warm restart",
            "https://github.com/memcached/memcached/wiki/WarmRestart",
            2026,
        ),
    ),
    _fix(
        "“Purges are slow and expensive: never rely on them”",
        date=_TODAY,
        page="toolbox/cdn.md",
        was="Out of date for major CDNs: purges reach every edge within seconds, and are "
        "included in every Cloudflare plan.",
        now="Version asset names so nothing needs purging; purge what cannot be renamed. "
        "Some CDNs bill per path beyond a free allowance.",
        source=Source(
            "Cloudflare Cache documentation: purge cache",
            "https://developers.cloudflare.com/cache/how-to/purge-cache/",
            2026,
        ),
    ),
    _fix(
        "“Give each node 256 virtual nodes”",
        date=_TODAY,
        page="concepts/consistent-hashing.md",
        was="256 was Cassandra's old default; 4.0 lowered it to 16 with a load-balancing "
        "token allocator.",
        now="More tokens even out random placement but slow repairs and streaming; choose the "
        "count for balance and operations.",
        source=Source(
            "Apache Cassandra 4.0: cassandra.yaml, num_tokens",
            "https://cassandra.apache.org/doc/4.0/cassandra/configuration/cass_yaml_file.html",
            2026,
        ),
    ),
    # senior topics: search, security, the edge, multi-region
    _fix(
        "“Elasticsearch ranks results with TF-IDF”",
        date="2026-12-03",
        page="senior/search.md",
        was="Classic TF-IDF stopped being the default in Lucene 6 and Elasticsearch 5.0 (2016).",
        now="The default is BM25: term frequency saturates (k1) and long documents are "
        "discounted (b); OpenSearch and Solr inherit it.",
        source=Source(
            "Elasticsearch reference — Similarity settings",
            "https://www.elastic.co/guide/en/elasticsearch/reference/current/index-modules-similarity.html",
            2026,
        ),
    ),
    _fix(
        "“Move auth to JWTs and no server-side session is needed”",
        date="2026-12-03",
        page="senior/security.md",
        was="A JWT cannot be revoked before it expires without state kept on the server.",
        now="Logout, disabling a user or a stolen token need short-lived access tokens with "
        "revocable refresh tokens, or a deny list: server-side state either way. JWTs remove "
        "the per-request session lookup, not the state.",
        source=Source(
            "OWASP JSON Web Token Cheat Sheet — Token explicit revocation",
            "https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html",
            2026,
        ),
    ),
    # third correctness pass: facts and captions checked against primary sources
    _fix(
        "“Send RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset”",
        date="2026-12-05",
        page="problems/rate-limiter.md",
        was="Those three fields are the IETF draft's form up to draft-06 (2022).",
        now="Since draft-07 (2023) the draft defines RateLimit-Policy (quota q per window w) "
        "and RateLimit (remaining r, window t), with named policies since draft-08; still a "
        "draft (draft-11, 2026).",
        source=Source(
            "IETF draft-ietf-httpapi-ratelimit-headers-11 — RateLimit header fields for HTTP",
            "https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-11",
            2026,
        ),
    ),
    _fix(
        "“An LSM tree rewrites each byte once per level”",
        date="2026-12-05",
        page="senior/storage-internals.md",
        was="Once per level describes size-tiered compaction.",
        now="Leveled compaction (RocksDB's default) rewrites a byte up to about fan-out (10) "
        "times per level, hence 10–30× write amplification in all.",
        source=Source(
            "Dayan and Idreos — Dostoevsky (SIGMOD 2018): leveling merges an entry O(T) times "
            "per level, tiering O(1)",
            "https://stratos.seas.harvard.edu/files/stratos/files/dostoevskykv.pdf",
            2026,
        ),
    ),
    _fix(
        "“DynamoDB places data with consistent hashing”",
        date="2026-12-05",
        page="concepts/consistent-hashing.md",
        was="The ring is the 2007 Dynamo paper's design (and Cassandra's and Riak's), not the "
        "DynamoDB service's.",
        now="DynamoDB splits a table into key-range partitions, each a Multi-Paxos group, found "
        "through a partition map by request routers, and split as they grow.",
        source=Source(
            "Elhemali et al. — Amazon DynamoDB: A Scalable, Predictably Performant, and Fully "
            "Managed NoSQL Database Service (USENIX ATC 2022)",
            "https://www.usenix.org/conference/atc22/presentation/vig",
            2026,
        ),
    ),
    _fix(
        "“Each consistency model allows everything the stronger ones allow, in a line from "
        "linearizable to eventual”",
        date="2026-12-05",
        page="concepts/consistency-models.md",
        was="The models form a partial order: read-your-writes and monotonic reads are "
        "siblings, neither implies the other.",
        now="Linearizable → sequential → causal → {read-your-writes, monotonic reads}; "
        "eventual consistency is a convergence promise outside that order.",
        source=Source(
            "Jepsen — Consistency models (the consistency map)",
            "https://jepsen.io/consistency",
            2026,
        ),
    ),
)

CORRECTIONS: Table[Correction] = Table(
    name="corrections",
    title="Content corrections",
    caption="Claims often made about system design (or made by an earlier version of this "
    "site) that are wrong or out of date, and what holds instead. Each row links to the page "
    "holding the full explanation.",
    ages=True,
    columns=(
        Column("name", "Often said"),
        Column("was", "What was wrong"),
        Column("now", "What is right"),
        Column("date", "Corrected on"),
    ),
    # only the sections that have a correction: an empty filter would show an empty table
    facets=tuple(sorted({tag for row in _ROWS for tag in row.tags})),
    rows=tuple(sorted(_ROWS, key=lambda row: row.date, reverse=True)),
)

# Any: Table is invariant in its row type, and the catalog reads rows as Record.
TABLES: list[Table[Any]] = [CORRECTIONS]
LISTS: list[ItemList] = []
