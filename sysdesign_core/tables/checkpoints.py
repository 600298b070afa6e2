"""Interview checkpoints: for each design problem, what its candidate has produced by the end
of each framework step. Interview mode shows them while the step's clock runs.

HOW TO ADD A PROBLEM'S CHECKPOINTS (one row per row of ``tables/problems.py``, optional):

1. Append a ``_row(...)`` to ``_ROWS`` below with ``name`` and ``page`` exactly as the
   problem's row in ``tables/problems.py`` has them.
2. Fill only the fields the page supports; a field left empty shows the step's general
   prompt instead. Each field is a tuple of short, plain-text items (no Markdown):

   - ``ask``, ``p0`` (functional requirements), ``targets`` (non-functional), ``api``,
     ``entities`` (data model), ``boxes`` (high-level design): condensed from the page's
     sections of the same names.
   - ``figures`` (estimates): ``("line", "what to work out")`` pairs naming lines of the page's
     sheet, ``docs/sheets/<page name>.sheet``; the build shows each line's value. A sheet
     whose lines are marked ``# try: LINE  QUESTION`` is used instead, and its ``# decides:``
     line is always added.
   - ``deep_dives``: a heading of the page (``Deep dive: X`` is named ``X``) or a bold lead in
     its deep-dive section; ``trade_offs`` and ``failures``: bold leads of the page's
     "Trade-offs" and "Failure modes" lists, without a parenthesis or the closing colon.

   The build checks every figure against the sheet and every deep dive, trade-off and failure
   against the page, and fails naming the row, the field and what the page has.

>>> CHECKPOINTS.row("Chat").deep_dives[0]
'connections and heartbeats'
>>> [step for step, _ in STEP_FIELDS][2]
'Estimates'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from ..records import Column, ItemList, Record, Table
from .problems import PROBLEMS

__all__ = ["Checkpoints", "CHECKPOINTS", "STEP_FIELDS", "TABLES", "LISTS"]

STEP_FIELDS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Functional requirements", (("ask", "Ask"), ("p0", "P0"))),
    ("Non-functional requirements", (("targets", "Targets"),)),
    ("Estimates", (("figures", "Work out"),)),
    ("API", (("api", "Calls"),)),
    ("Data model", (("entities", "Entities"),)),
    ("High-level design", (("boxes", "Boxes"),)),
    ("Deep dive", (("deep_dives", "Lead one or two"),)),
    ("Trade-offs", (("trade_offs", "Name"),)),
    ("Failure modes", (("failures", "Raise"),)),
)
"""Each framework step (by its name in ``framework_steps``) and the fields that are its
checkpoint, with the label interview mode shows before each."""

_IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")
_MARKUP = re.compile(r"[`*\[\]]")


@dataclass(frozen=True, kw_only=True)
class Checkpoints(Record):
    """One problem's checkpoints (see the module docstring). ``figures`` pairs a sheet line
    with what to work out; every other field is a tuple of plain-text items."""

    page: str
    ask: tuple[str, ...] = ()
    p0: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    figures: tuple[tuple[str, str], ...] = ()
    api: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    boxes: tuple[str, ...] = ()
    deep_dives: tuple[str, ...] = ()
    trade_offs: tuple[str, ...] = ()
    failures: tuple[str, ...] = ()

    def items(self, key: str) -> tuple[str, ...]:
        """The field ``key`` as text items (a figure as what to work out).

        >>> CHECKPOINTS.row("Chat").items("figures")[0]
        'Messages sent a second at peak'
        """
        if key == "figures":
            return tuple(question for _, question in self.figures)
        value: tuple[str, ...] = getattr(self, key)
        return value

    def cells(self, columns: Iterable[Column]) -> list[str]:
        """As :meth:`Record.cells`: the problem links to its page; a field's items are joined
        by middle dots, and an empty one is a dash (the step's general prompt applies)."""
        shown = {"name": f"[{self.name}]({self.page})"}
        return [shown.get(c.key) or " · ".join(self.items(c.key)) or "—" for c in columns]

    def problems(self) -> Iterator[tuple[str, str]]:
        pages = {row.page: row.name for row in PROBLEMS.rows}
        if self.page not in pages:
            yield "page", f"{self.page!r} is no problem's page in tables/problems.py"
        elif pages[self.page] != self.name:
            yield "name", f"write the problem row's name, {pages[self.page]!r}"
        for line, question in self.figures:
            if not _IDENTIFIER.match(line):
                yield "figures", f"{line!r} is not a sheet line's name; write e.g. 'peak_qps'"
            if not question.strip():
                yield "figures", f"say what to work out for {line!r}"
        for f in fields(self):
            if f.name in {"name", "page", "source", "tags", "figures"}:
                continue
            for item in getattr(self, f.name):
                if not item.strip():
                    yield f.name, "has an empty item; write it or remove it"
                elif _MARKUP.search(item):
                    yield f.name, f"{item!r}: plain text only (no `, *, [ or ])"
        if not any(self.items(key) for _, keys in STEP_FIELDS for key, _ in keys):
            yield "ask", "has no checkpoint at all; fill at least one field or remove the row"


def _row(name: str, page: str, **steps: Any) -> Checkpoints:
    return Checkpoints(name=name, page=page, **steps)


_ROWS = (
    _row(
        "News feed",
        "walkthroughs/twitter.md",
        p0=("post a tweet", "follow and unfollow", "read the home timeline, newest first"),
        targets=(
            "home timeline p99 under 200 ms",
            "eventual timelines, read-your-writes for the author",
            "no acknowledged tweet lost",
        ),
        figures=(
            ("peak_writes", "Tweets posted a second at peak"),
            ("peak_reads", "Timeline reads a second at peak"),
            ("storage_day", "Tweet rows stored a day"),
            ("storage_total", "Five years of tweets with replicas"),
            ("egress", "Bandwidth out for timeline pages"),
        ),
        api=(
            "POST /v1/tweets with an idempotency key",
            "GET /v1/timeline/home with a cursor, not an offset",
            "POST and DELETE /v1/users/{id}/follow",
        ),
        entities=(
            "tweets by a hash of a time-ordered ID",
            "follows, kept both ways",
            "home timelines as cached lists of tweet IDs",
            "media in object storage",
        ),
        boxes=(
            "tweet and timeline services",
            "tweets store with an outbox",
            "a queue of new tweets",
            "fan-out workers and the follow graph",
            "a timeline cache",
            "a CDN for media",
        ),
        deep_dives=("fan-out",),
        trade_offs=("Push vs pull", "Timeline cache size vs completeness", "Consistency"),
        failures=("Fan-out backlog", "Timeline cache node lost", "Hot tweet"),
    ),
    _row(
        "URL shortener",
        "walkthroughs/url-shortener.md",
        p0=("shorten a long URL to a code", "redirect a code to its long URL"),
        targets=(
            "redirect p99 under 100 ms at the edge",
            "a link keeps working until it expires",
            "codes not guessable in sequence",
        ),
        figures=(
            ("peak_creates", "Short links created a second at peak"),
            ("peak_redirects", "Redirects a second at peak"),
            ("storage_total", "Storage over five years, with replicas"),
            ("hot_set", "Cache for the most-clicked links"),
            ("shard_count", "Database shards"),
        ),
        api=("POST /v1/urls with an idempotency key", "GET /{code} answered with 302 or 301"),
        entities=("urls keyed by short code", "clicks as events, off the redirect path"),
        boxes=(
            "edge cache",
            "redirect and create services",
            "a cache in front of the URL store",
            "the URL store sharded by code",
            "counter blocks for new codes",
        ),
        deep_dives=("short-code length", "Read path", "Write path"),
        trade_offs=("Hash of the long URL vs permuted counter", "301 vs 302"),
        failures=("Cache cluster lost", "Hot link", "Counter service down", "Abuse"),
    ),
    _row(
        "Chat",
        "problems/chat.md",
        ask=(
            "One-to-one only, or groups, and how large?",
            "History kept on the server, or only until delivered?",
            "Several devices per user? End-to-end encryption?",
        ),
        p0=(
            "send to a user or a group",
            "real-time delivery, and on reconnect when offline",
            "order within a conversation",
            "sent, delivered and read receipts",
        ),
        targets=(
            "delivery p99 under 500 ms in a region",
            "the same order for every member",
            "an acknowledged message is never lost",
        ),
        figures=(
            ("peak_messages", "Messages sent a second at peak"),
            ("peak_deliveries", "Messages delivered a second at peak"),
            ("storage_day", "Message text stored a day"),
            ("connection_servers", "Servers for the open connections"),
            ("heartbeats", "Heartbeats a second"),
        ),
        api=(
            "one persistent connection per device: send, ack, message and receipt frames",
            "a client message ID that makes a resend idempotent",
            "a sync call from the last sequence number after reconnecting",
        ),
        entities=(
            "messages partitioned by conversation, ordered by sequence number",
            "conversations and members with a last-read position",
            "an inbox per device",
            "sessions: device to connection server",
        ),
        boxes=(
            "connection servers",
            "a message service with a sequencer per conversation",
            "the messages store",
            "a delivery queue and fan-out workers",
            "a session registry",
            "platform push for offline devices",
        ),
        deep_dives=(
            "connections and heartbeats",
            "group fan-out",
            "ordering, delivery and history",
        ),
        trade_offs=(
            "WebSocket vs long polling vs push notifications",
            "Fan-out on write vs on read",
            "End-to-end encryption",
        ),
        failures=(
            "Connection server dies",
            "Reconnect storm",
            "Recipient offline for days",
            "Duplicate sends",
        ),
    ),
    _row(
        "Video streaming",
        "problems/video-streaming.md",
        ask=(
            "User uploads or a studio catalog?",
            "Upload and viewing volume; is live streaming in scope?",
            "Which devices and networks, so which qualities?",
        ),
        p0=(
            "upload a video",
            "process it into streamable renditions",
            "watch with adaptive quality",
        ),
        targets=(
            "playback starts within 2 seconds",
            "rebuffering under 1% of watch time",
            "an accepted upload is never lost",
        ),
        figures=(
            ("views", "Views started a second"),
            ("new_per_day", "New storage a day, every rendition"),
            ("cdn_egress", "CDN bandwidth out at peak"),
            ("origin_egress", "Origin bandwidth behind the CDN"),
        ),
        api=(
            "a resumable upload in chunks, then complete (202, processing)",
            "GET play returns a manifest URL on the CDN",
        ),
        entities=(
            "videos with their status and renditions",
            "segments and manifests in object storage, immutable",
            "view counts aggregated in batches",
            "originals in cold storage",
        ),
        boxes=(
            "an upload service to object storage",
            "a transcode queue and workers per chunk and rendition",
            "a metadata store",
            "a playback API",
            "CDN edges with an origin shield",
        ),
        deep_dives=(
            "the CDN hit ratio is the origin's size",
            "the ladder for the long tail",
            "upload and transcoding",
        ),
        trade_offs=("Own CDN vs commercial CDN", "Segment length", "Storage vs compute"),
        failures=("CDN edge or PoP down", "A viral video", "Transcoding backlog"),
    ),
    _row(
        "Ride-hailing",
        "problems/ride-hailing.md",
        ask=(
            "Matching and live tracking first; pricing and payments later?",
            "Drivers online at peak, rides a day, cities?",
            "How often does a driver's app send its location?",
        ),
        p0=(
            "drivers stream their location",
            "a rider sees nearby cars and requests a ride",
            "a driver is offered the ride and accepts",
            "both see each other during the trip",
        ),
        targets=(
            "a match within a few seconds",
            "a driver on at most one trip",
            "degrade by city, never globally",
        ),
        figures=(
            ("loc_writes", "Driver location updates a second"),
            ("loc_peak", "Location updates a second at peak"),
            ("loc_per_day", "Location data a day"),
            ("positions", "Memory for every driver's latest position"),
            ("geo_write_nodes", "Geo-index nodes for the writes"),
        ),
        api=(
            "POST driver locations, or one message on the driver's socket",
            "POST /v1/rides with an idempotency key, answered 202",
            "POST accept by the driver",
        ),
        entities=(
            "latest driver locations in memory, by city or cell",
            "location history in a stream and object storage",
            "rides with their status",
        ),
        boxes=(
            "a connection gateway",
            "a location service and an in-memory geo index",
            "a location stream",
            "ride and matching services",
            "a rides store",
        ),
        deep_dives=(
            "the location firehose",
            "finding nearby drivers",
            "dispatch without double assignment",
        ),
        trade_offs=("Update interval", "Greedy vs batched matching", "Geohash vs H3"),
        failures=("Geo index node lost", "Driver app offline", "A whole region down"),
    ),
    _row(
        "File sync",
        "problems/file-sync.md",
        ask=(
            "Sync clients on desktop and mobile, or web upload only?",
            "Largest file?",
            "Sharing, and edits on two devices at once?",
            "How long are old versions kept?",
        ),
        p0=(
            "upload, download and delete files",
            "changes reach the user's other devices",
            "version history",
            "share a folder",
        ),
        targets=(
            "a change on other online devices within seconds",
            "no acknowledged file ever lost or corrupted",
            "upload only what changed, resumable",
        ),
        figures=(
            ("peak_uploads", "File uploads a second at peak"),
            ("storage_day", "New data a day"),
            ("storage_raw", "Five years of data, one copy"),
            ("poll_rate", "Change polls a second"),
            ("poll_servers", "Servers to answer the polls"),
        ),
        api=(
            "POST an upload with block hashes; only missing blocks are sent",
            "commit naming the parent revision, 409 when it is stale",
            "a long-polled changes feed with a cursor",
        ),
        entities=(
            "files and revisions by namespace",
            "a journal of changes per namespace",
            "content-addressed blocks",
        ),
        boxes=(
            "a metadata API and its sharded store",
            "a block service and block store",
            "a journal of changes",
            "a notification service",
        ),
        deep_dives=(
            "chunked, resumable, deduplicated uploads",
            "telling devices about changes",
            "durability at hundreds of billions of blocks",
        ),
        trade_offs=("Block size", "Dedup across users", "Conflict handling"),
        failures=("Upload interrupted", "Two devices edit offline", "Notification tier down"),
    ),
    _row(
        "Web crawler",
        "problems/web-crawler.md",
        ask=(
            "What for: a search index, an archive, training data?",
            "How many pages, refreshed how often?",
            "HTML only, or pages rendered with JavaScript?",
            "Respect robots.txt and crawl delays?",
        ),
        p0=(
            "fetch from starting URLs and store the pages",
            "extract links into the frontier",
            "never fetch a URL twice in a cycle",
            "obey robots.txt",
        ),
        targets=(
            "throughput over the latency of one fetch",
            "at most one request a second per host",
            "robust to traps, bad HTML and hostile servers",
        ),
        figures=(
            ("fetches", "Pages fetched a second"),
            ("bandwidth_in", "Download bandwidth"),
            ("storage_per_day", "Pages stored a day"),
            ("bloom_size", "A Bloom filter for the URLs seen"),
            ("async_fetchers", "Fetcher servers with asynchronous I/O"),
        ),
        entities=(
            "a frontier of per-host queues",
            "seen URLs: a Bloom filter over a URL store",
            "a host table with robots rules and the next allowed time",
            "page content in large files in object storage",
        ),
        boxes=(
            "the URL frontier",
            "fetchers with DNS and robots caches",
            "object storage for pages",
            "parsers that extract links",
            "a stream to the indexer",
        ),
        deep_dives=(
            "fetchers and Little's law",
            "have we seen this URL?",
            "politeness and the frontier",
        ),
        trade_offs=("Breadth-first vs priority", "Bloom filter vs exact store"),
        failures=("Crawler traps", "Fetcher crash", "A host that slows or errors"),
    ),
    _row(
        "Distributed rate limiter",
        "problems/rate-limiter.md",
        ask=(
            "In a gateway in front of everything, or a library in each service?",
            "Keyed by user, API key, IP or endpoint?",
            "A hard limit, or a few percent over is fine?",
            "Global across regions, or per region?",
        ),
        p0=(
            "allow or reject each request against its rules",
            "tell the client its remaining budget and when to retry",
        ),
        targets=(
            "at most 1 to 2 ms added at p99",
            "a few percent over the limit is acceptable",
            "never the reason the API is down",
        ),
        figures=(
            ("peak_checks", "Checks a second at peak"),
            ("counter_memory", "Memory for the counters"),
            ("store_for_ops", "Counter-store nodes for the operations"),
        ),
        api=(
            "an internal check call: key, rule, cost",
            "429 with Retry-After for a rejected client",
        ),
        entities=(
            "rules cached in every gateway",
            "counters sharded by key, one atomic script per check",
        ),
        boxes=("the API gateway with the limiter", "a sharded counter store", "a rules store"),
        deep_dives=(
            "which algorithm",
            "the number that moves counting out of the store",
            "fail open or closed",
        ),
        trade_offs=("Accuracy vs cost", "Global vs per-region limits", "Gateway vs library"),
        failures=("Store down or slow", "Hot key", "Retry storms"),
    ),
    _row(
        "Top-K and leaderboards",
        "problems/top-k.md",
        ask=(
            "Which windows: minute, hour, day, all time?",
            "Exact or approximate?",
            "How large is K, and per what: global, country, category?",
        ),
        p0=("the top K items per window and region", "results at most a minute old"),
        targets=(
            "top K read in under 50 ms, precomputed",
            "trending may be approximate, a leaderboard exact",
            "a stale list beats no list",
        ),
        figures=(
            ("peak_events", "Events a second at peak"),
            ("raw_per_day", "Raw events stored a day"),
            ("exact_counts", "Memory to count every item exactly"),
            ("cms_size", "A count-min sketch's size"),
            ("counters", "Counter processes, partitioned by item"),
        ),
        api=(
            "GET /v1/top with window, region and k",
            "POST a score to a leaderboard; GET top and a player's rank",
        ),
        entities=(
            "events partitioned by item",
            "window counts in the stream processor's state",
            "top-K results rewritten every few seconds",
            "a sorted set per leaderboard",
        ),
        boxes=(
            "an event stream by item",
            "counters with a local top K",
            "a merger for the global top K",
            "a results cache",
            "a batch recount",
        ),
        deep_dives=(
            "one heap or a partitioned count",
            "sketches when exact is too big",
            "a leaderboard in a sorted set",
        ),
        trade_offs=("Exact vs approximate", "Sliding vs tumbling windows", "Stream vs batch"),
        failures=("Counter crash", "Hot item", "Late events"),
    ),
    _row(
        "Ticket booking",
        "problems/ticket-booking.md",
        ask=(
            "Assigned seats or general admission?",
            "The largest on-sale: fans in the first minutes, seats available?",
            "How long may a user hold seats while paying?",
        ),
        p0=(
            "see available seats",
            "hold seats for a few minutes",
            "pay and receive tickets",
            "release seats when a hold expires",
        ),
        targets=(
            "never two tickets for one seat",
            "an on-sale degrades into a queue, not errors",
            "a hold confirmed within a second",
        ),
        figures=(
            ("bookings_peak", "Bookings a second at peak"),
            ("reads_peak", "Seat-map reads a second at peak"),
            ("storage_per_day", "Booking data a day"),
            ("sale_requests", "Requests a second when a big sale opens"),
            ("booking_shards", "Database shards for the bookings"),
        ),
        api=(
            "GET the seats of an event",
            "POST a hold with an idempotency key; 409 lists the seats taken",
            "POST purchase of a hold",
        ),
        entities=(
            "seats, one row per seat per event, with status and version",
            "holds with an expiry",
            "orders and tickets",
        ),
        boxes=(
            "a waiting room",
            "the booking API",
            "one relational primary for seats",
            "a seat-map cache",
            "a hold expirer",
        ),
        deep_dives=(
            "seat holds and Little's law",
            "the waiting room",
            "no double booking",
        ),
        trade_offs=("Hold length", "Waiting room vs scaling the booking tier"),
        failures=(
            "Payment succeeds, order write fails",
            "Primary fails during an on-sale",
            "Bots and scalpers",
        ),
    ),
    _row(
        "Ad-click aggregation",
        "problems/ad-click-aggregation.md",
        ask=(
            "Who reads the results: dashboards, billing, or both?",
            "Which dimensions: ad, campaign, country, device?",
            "How late may a click arrive and still count?",
        ),
        p0=(
            "record every click",
            "count clicks per ad per minute",
            "query an ad's or campaign's counts over a time range",
        ),
        targets=(
            "dashboards within a minute",
            "no click lost or counted twice for billing",
            "raw clicks kept a year",
        ),
        figures=(
            ("clicks_peak", "Clicks a second at peak"),
            ("raw_per_day", "Raw click events a day"),
            ("raw_year", "A year of raw clicks"),
            ("dedup_set", "Memory for one window's click IDs"),
        ),
        api=(
            "POST a click from the ad server, with a click ID",
            "GET an ad's clicks by range and granularity, marked final or not",
        ),
        entities=(
            "click events partitioned by ad",
            "minute aggregates in an analytics store",
            "billing totals, reconciled",
        ),
        boxes=(
            "a click stream by ad",
            "a stream aggregator that deduplicates and windows",
            "an analytics store",
            "a data lake and a daily exact recount",
            "billing totals",
        ),
        deep_dives=(
            "what to store, by the numbers",
            "exactly once for billing",
            "unique users and heavy hitters",
        ),
        trade_offs=("Pre-aggregation vs raw queries", "Partition by ad", "Freshness vs finality"),
        failures=("Aggregator crash", "Late clicks beyond the watermark", "Click fraud"),
    ),
    _row(
        "Search typeahead",
        "problems/typeahead.md",
        ask=(
            "Suggestions from past queries, from a catalog, or both?",
            "Must a query trending this hour appear?",
            "Personalised or global?",
        ),
        p0=(
            "the top completions of a prefix by popularity",
            "popularity updated from the query log",
        ),
        targets=(
            "p99 under 100 ms end to end",
            "search still works without suggestions",
            "popular new queries within an hour",
        ),
        figures=(
            ("peak_searches", "Searches a second at peak"),
            ("peak_suggestions", "Suggestion requests a second at peak"),
            ("index_size", "The suggestion index's size"),
            ("suggest_servers", "Suggestion servers at peak"),
        ),
        api=("GET /v1/suggest with the prefix in the URL, cacheable",),
        entities=(
            "a query log",
            "query counts with time decay",
            "a prefix index in memory",
            "a blocklist",
        ),
        boxes=(
            "a debouncing client and a CDN",
            "suggestion servers holding the whole index",
            "a query log stream",
            "an index builder and its snapshots",
        ),
        deep_dives=(
            "replicate, do not shard",
            "debouncing is the cheapest capacity",
            "keeping it fresh",
        ),
        trade_offs=("Trie vs prefix hash map", "Precomputed top-K vs computed at query time"),
        failures=("A bad snapshot", "Poisoning", "Suggest tier down"),
    ),
    _row(
        "Distributed key-value store",
        "problems/key-value-store.md",
        ask=(
            "Small values or blobs?",
            "May a read be slightly stale?",
            "Must writes succeed during a network partition?",
            "Range scans, or point lookups only?",
        ),
        p0=("put, get and delete by key",),
        targets=(
            "p99 under 10 ms for one key in a region",
            "writes accepted while any quorum is up",
            "a write survives the loss of a node or zone",
        ),
        figures=(
            ("peak_writes", "Writes a second at peak"),
            ("peak_reads", "Reads a second at peak"),
            ("data", "Data stored, before replication"),
            ("nodes_for_ops", "Nodes for the operations at the replicas"),
        ),
        api=(
            "PUT and GET with per-request R and W",
            "versions for conditional writes",
        ),
        entities=(
            "a key with its value, version, timestamp and tombstone",
            "consistent hashing onto virtual nodes, N replicas",
            "a commit log, memtable and sorted files per node",
        ),
        boxes=("a ring-aware client", "any node as coordinator", "N replicas per key"),
        deep_dives=("choosing N, R and W", "node failure and virtual nodes"),
        trade_offs=("Last-write-wins vs version vectors", "LSM tree vs B-tree"),
        failures=("Node down", "Hot key", "Deletes coming back", "Clock skew"),
    ),
    _row(
        "Notification system",
        "problems/notifications.md",
        ask=(
            "Which channels: push, email, SMS, in-app?",
            "Transactional, social or marketing, and which comes first?",
            "The largest broadcast, and how fast must it reach everyone?",
            "Preferences: per channel, quiet hours, frequency caps?",
        ),
        p0=(
            "services send to a user or a segment on chosen channels",
            "preferences applied and templates rendered",
            "an in-app list with unread counts",
        ),
        targets=(
            "transactional within seconds",
            "at least once, deduplicated before the provider",
            "a campaign never delays a password reset",
        ),
        figures=(
            ("peak_sends", "Notifications sent a second at peak"),
            ("storage_day", "Notification log a day"),
            ("broadcast_rate", "Sends a second during one broadcast"),
            ("connection_servers", "Connection servers for in-app delivery"),
        ),
        api=(
            "POST /v1/notifications with an idempotency key, answered 202",
            "POST /v1/campaigns with a rate limit",
        ),
        entities=(
            "notifications by user, with status and idempotency key",
            "devices and their push tokens",
            "preferences",
            "templates per locale",
        ),
        boxes=(
            "a notification API",
            "queues by priority",
            "a campaign scheduler",
            "senders that render, deduplicate and rate-limit",
            "the providers",
            "in-app connection servers",
        ),
        deep_dives=(
            "the broadcast and the provider's quota",
            "exactly one notification",
            "in-app delivery and unread counts",
        ),
        trade_offs=("Push vs pull for in-app", "Per-user sends vs provider topics", "Digesting"),
        failures=("Provider outage or throttling", "Invalid tokens", "A runaway caller"),
    ),
    _row(
        "Nearby places",
        "problems/nearby-places.md",
        ask=(
            "How many places, changing how often?",
            "By radius, by the visible map, or both?",
            "Ranked by distance only, or rating and popularity too?",
        ),
        p0=(
            "places within a radius, by category, ranked",
            "view a place",
            "add and edit places",
            "write reviews",
        ),
        targets=(
            "search p99 under 200 ms",
            "search 99.99%, edits may pause",
            "a new place may take minutes to appear",
        ),
        figures=(
            ("peak_searches", "Searches a second at peak"),
            ("places_size", "The places data's size"),
            ("geo_index", "The geospatial index's size"),
            ("search_servers", "Search servers at peak"),
        ),
        api=("GET /v1/search with a point, radius, filters and a cursor", "POST a review"),
        entities=(
            "places with their geohash",
            "reviews by place",
            "a geo index in memory on every search server",
        ),
        boxes=(
            "a search service with the index in memory",
            "place and review services",
            "a places store with replicas",
            "a cache for place details",
        ),
        deep_dives=(
            "replicate the index, do not shard it",
            "geohash length and cells from the radius",
            "reads, caching and ratings",
        ),
        trade_offs=("Geohash vs quadtree vs S2/H3", "Freshness vs simplicity"),
        failures=("A search server restarts", "Change stream lag", "Dense areas"),
    ),
    _row(
        "Payments and wallets",
        "problems/payments.md",
        ask=(
            "A wallet with balances, or only orchestrating a provider?",
            "Which currencies?",
            "Payments a day and the sales-event peak?",
            "Refunds, disputes and payouts: now or later?",
        ),
        p0=(
            "pay from a wallet or a card",
            "see a payment's status",
            "see the balance and history",
            "refunds",
        ),
        targets=(
            "no payment executed twice, no money created or lost",
            "an acknowledged payment survives a machine or zone",
            "seconds are acceptable: correctness first",
        ),
        figures=(
            ("peak_payments", "Payments a second at peak"),
            ("ledger_peak", "Ledger entries written a second at peak"),
            ("ledger_per_day", "Ledger data a day"),
            ("ledger_total", "The ledger over the retention period"),
            ("shards_for_writes", "Ledger shards for the writes"),
        ),
        api=(
            "POST /v1/payments with an idempotency key, answered 202",
            "GET a payment's status",
            "amounts as integers in minor units",
        ),
        entities=(
            "payments with a unique idempotency key",
            "append-only ledger entries that sum to zero",
            "accounts with a cached balance",
            "an outbox",
        ),
        boxes=(
            "a payments API",
            "one relational store for payments, ledger and outbox",
            "an orchestrator calling the providers",
            "an outbox relay and a queue",
            "webhooks and reconciliation",
        ),
        deep_dives=(
            "idempotency and retries",
            "one ledger primary, partitioned by time",
            "provider availability",
        ),
        trade_offs=(
            "Synchronous vs asynchronous confirmation",
            "Balances cached vs computed",
        ),
        failures=(
            "Provider timeout",
            "Crash between the provider's success and our write",
            "Primary failover",
        ),
    ),
    _row(
        "Collaborative editing",
        "problems/collaborative-editing.md",
        ask=(
            "Rich text or plain text?",
            "How many editors in one document at once?",
            "Offline editing with a merge later?",
            "History: every keystroke, or named versions?",
        ),
        p0=(
            "edit one document together, live",
            "see the others' edits and cursors",
            "every copy converges to the same content",
            "saved without a save button",
        ),
        targets=(
            "local edits instant, remote ones within 200 ms at p99",
            "all copies converge, the author's intent kept",
            "an acknowledged operation never lost",
        ),
        figures=(
            ("peak_op_rate", "Edit operations a second at peak"),
            ("log_per_day", "Operation log a day"),
            ("websockets", "Open WebSocket connections"),
            ("relay_messages", "Messages relayed a second in the busiest document"),
        ),
        api=(
            "a WebSocket per open document for operations",
            "GET the latest snapshot, the operations since a revision, the history",
        ),
        entities=(
            "documents",
            "an operation log by document, ordered by revision",
            "snapshots in object storage",
            "sessions: which server owns which document",
        ),
        boxes=(
            "a connection gateway",
            "a session server that owns each open document",
            "the operation log",
            "snapshot storage",
            "a session registry",
        ),
        deep_dives=(
            "OT or CRDT, and one ordering point",
            "batching the broadcast in a busy document",
            "history, snapshots and compaction",
        ),
        trade_offs=("OT vs CRDT", "Keystroke history vs snapshots", "Optimistic local apply"),
        failures=("Document server dies", "Client offline", "A hot document"),
    ),
    _row(
        "Distributed cache",
        "problems/distributed-cache.md",
        ask=(
            "What is cached, and how big is a value?",
            "How stale may a read be after a write?",
            "Lookups at peak, and the hit ratio the database needs?",
            "Look-aside or read-through? Data structures or opaque values?",
        ),
        p0=(
            "get, get_many, set with a TTL, delete",
            "invalidate a key when its database row changes",
            "add or remove nodes without emptying the cache",
        ),
        targets=(
            "get p99 under 1 ms inside a zone",
            "losing one node must not overload the database",
            "a write visible in the cache within a second",
        ),
        api=(
            "get, get_many with one round trip per shard, set with a TTL, delete on write",
            "lease_get and lease_set so one client refills a missing key",
        ),
        entities=(
            "key to value, flags, TTL, CAS version and access counter",
            "consistent hashing onto virtual nodes, or fixed hash slots",
            "keys namespaced and versioned by the data they copy",
        ),
        boxes=(
            "app servers with an in-process L1",
            "a client library or mcrouter that hashes keys",
            "shard primaries with async replicas",
            "a gutter pool",
            "an invalidation daemon tailing the commit log",
        ),
        deep_dives=(
            "partitioning and sizing",
            "hot keys and stampedes",
            "eviction, TTLs and consistency",
        ),
        trade_offs=(
            "Memcached vs Redis",
            "Replicas vs none",
            "Look-aside vs read-through vs write-through",
        ),
        failures=(
            "A shard lost with no replica",
            "A stampede on one key",
            "Stale values",
            "Memory full of the wrong keys",
        ),
    ),
    _row(
        "Job scheduler",
        "problems/job-scheduler.md",
        ask=(
            "What does a run do, and how long does it take?",
            "How precise must the start be?",
            "May a run happen twice, or overlap the previous one?",
            "Runs missed during an outage: all, the latest, none?",
            "Time zones and daylight saving?",
        ),
        p0=(
            "create, update, pause and delete a cron schedule with a time zone",
            "start each run within a minute, retry with backoff, record every run",
            "one-off jobs at a given time",
        ),
        targets=(
            "p99 start within a minute of the scheduled time",
            "no due run lost; effects once through idempotency keys and fencing tokens",
            "99.9% for starting runs",
        ),
        api=(
            "POST /v1/schedules with cron, time zone, target, retry and concurrency policy",
            "GET a schedule's runs, POST a manual trigger, POST /v1/jobs for one-off runs",
            "each attempt carries an idempotency key naming the run and a fencing token",
        ),
        entities=(
            "schedules with next_run_at in UTC",
            "due runs partitioned by minute, with lease and fencing token",
            "run history keyed by schedule and scheduled time, 90 days",
        ),
        boxes=(
            "a schedule API",
            "a planner that materialises the next hour's runs",
            "dispatchers claiming due slices with SKIP LOCKED",
            "a run queue and a worker pool",
            "a coordinator for leases and fencing tokens",
        ),
        deep_dives=(
            "the top of the hour",
            "leases, at least once, and effects exactly once",
            "retries, backoff and missed runs",
        ),
        trade_offs=(
            "Polling a table vs a delay queue vs timers in memory",
            "One leader vs sharded dispatchers",
            "Skip or run twice",
        ),
        failures=(
            "A dispatcher dies holding claims",
            "A paused dispatcher or worker wakes up",
            "A target failing for every call",
            "Daylight saving",
        ),
    ),
    _row(
        "Photo sharing",
        "problems/photo-sharing.md",
        ask=(
            "Photos only, or video too?",
            "Which sizes do clients show, and is the original kept?",
            "How fresh must the feed be? Ranked or chronological?",
            "How fast must a deleted photo disappear everywhere?",
        ),
        p0=(
            "upload a photo with a caption",
            "see it in followers' feeds, open a post, view a profile grid",
            "photos in the size the screen needs, from servers near the viewer",
        ),
        targets=(
            "feed page p99 under 200 ms, first photo under 1 s on mobile",
            "99.95% for viewing; uploads may be processed later",
            "an acknowledged photo never lost",
            "the author sees the post at once, followers seconds later",
        ),
        api=(
            "POST /v1/uploads returns a signed URL; the phone PUTs the bytes to object storage",
            "POST /v1/posts with an idempotency key, answered 202 while processing",
            "GET /v1/feed with a cursor; image URLs immutable, cached for a year",
        ),
        entities=(
            "photos sharded by owner, with time-ordered IDs holding the shard",
            "follows, kept both ways",
            "timelines of photo IDs in memory",
            "objects under a hash prefix: original and four renditions",
        ),
        boxes=(
            "API servers",
            "an object store for originals and renditions",
            "a resize queue and workers",
            "a sharded metadata database with a cache",
            "a fan-out service and in-memory timelines",
            "a CDN with an origin shield",
        ),
        deep_dives=(
            "upload and resize",
            "serving photos through a CDN",
            "metadata and the feed",
        ),
        trade_offs=(
            "Eager renditions vs on-demand resizing",
            "Keep the original or not",
            "JPEG vs WebP/AVIF",
            "Fan-out on write vs read",
        ),
        failures=(
            "A zone lost",
            "CDN hit ratio falls",
            "Orphaned uploads",
            "Deletion and takedowns",
        ),
    ),
    _row(
        "Search over posts",
        "problems/search.md",
        ask=(
            "Post text and hashtags, or authors and captions too?",
            "Top or Latest results, and how far back?",
            "How soon must a new post be findable?",
            "Public posts only? Must a deleted post vanish at once?",
        ),
        p0=(
            "search public posts by keywords and hashtags, by relevance or by time",
            "a new post searchable within seconds, a deleted one never shown",
            "filters by author, date range and language",
        ),
        targets=(
            "search p99 under 300 ms",
            "a post searchable within 10 seconds at p99",
            "99.9%, a partial result rather than an error",
            "the index may lag; it is never the source of truth",
        ),
        api=(
            "GET /v1/search with q, sort, filters and limit",
            "a search_after cursor, not an offset",
            "partial true when shards time out",
        ),
        entities=(
            "posts in the database, the source of truth",
            "a change log from the outbox or CDC",
            "index documents with analysed text and exact hashtags",
            "term dictionary and postings per shard",
            "indices by day or week, a recent and an archive alias",
        ),
        boxes=(
            "a posts database and change log",
            "indexers",
            "a recent tier in memory and an archive tier on SSD",
            "a search API and a coordinator",
            "a re-ranker, then hydrate and filter",
        ),
        deep_dives=(
            "the inverted index, its size and its freshness",
            "sharding by document or by term",
            "ranking, BM25 then a learned re-ranker",
        ),
        trade_offs=(
            "By document vs by term",
            "Time tiers",
            "Freshness vs throughput",
            "BM25 alone vs a learned re-ranker",
        ),
        failures=(
            "A slow or dead shard",
            "A retry storm",
            "Breaking news",
            "A deleted post in results",
        ),
    ),
    _row(
        "Live comments",
        "problems/live-comments.md",
        ask=(
            "Viewers on one stream, and streams live at once?",
            "Must every viewer see every comment, or a sample?",
            "How fast must a comment appear?",
            "What must moderation block before anyone sees it?",
        ),
        p0=(
            "post a comment on a live stream; others see it within about a second",
            "the author sees their own at once; friends' comments favoured",
            "abuse blocked or removed; moderators delete and ban; slow mode",
        ),
        targets=(
            "a comment reaches viewers in under 2 s at p99",
            "best-effort delivery, a stored comment never lost",
            "if comments fail, the video plays on",
        ),
        api=(
            "POST a comment with an idempotency key and video offset",
            "one server-sent event stream or WebSocket per viewer: comments, removals, counts",
            "GET earlier comments by cursor for scroll-back and replay",
        ),
        entities=(
            "comments partitioned by stream and minute, ordered by time-ordered ID",
            "subscriptions: stream to gateways, in memory at the dispatcher",
            "per gateway: stream to its connections",
            "moderation: bans, keyword lists, slow mode, review queue",
        ),
        boxes=(
            "a comment API with rate limits and slow mode",
            "fast moderation",
            "the comments store",
            "a sampler per hot stream",
            "a dispatcher, relays and gateways",
            "async review and reports",
        ),
        deep_dives=(
            "fan-out in tiers",
            "sampling a hot stream",
            "the write path and moderation",
        ),
        trade_offs=(
            "Sample vs deliver everything",
            "Server-sent events vs WebSockets",
            "Moderate before or after publishing",
            "Best effort vs reliable delivery",
        ),
        failures=(
            "A gateway zone lost",
            "The reconnect storm that follows",
            "A comment storm on one stream",
            "A slow client",
        ),
    ),
    _row(
        "Distributed message queue",
        "problems/message-queue.md",
        ask=(
            "A log with replay, or a task queue?",
            "Messages and bytes a second, average and peak?",
            "How long are messages kept?",
            "Ordering: global, per key or none? Lost, duplicated or exactly once?",
            "How many consumer groups? Must a zone loss lose nothing?",
        ),
        p0=(
            "append to a topic and learn the offset",
            "consumer groups share partitions, read in order, commit progress",
            "retention by time or size; rewind to an offset or timestamp",
        ),
        targets=(
            "an acknowledged message survives a broker or a zone",
            "produce and consume through a broker or zone loss",
            "readable within tens of ms at p99, at full throughput",
            "same key, same order",
        ),
        api=(
            "produce with acks=all and idempotence, returning partition and offset",
            "poll, then commit the next offset per partition",
            "seek to an offset or a timestamp; create_topic with retention and replicas",
        ),
        entities=(
            "topics of partitions, append-only by offset, keyed by hash",
            "segment files with offset and time indexes",
            "record batches with producer id and sequence",
            "consumer offsets in a compacted topic",
            "cluster metadata in a Raft quorum of controllers",
        ),
        boxes=(
            "producers",
            "brokers leading and following partitions across three zones",
            "consumer groups",
            "KRaft controllers",
            "object storage for tiered segments",
        ),
        deep_dives=(
            "partitions, ordering and consumer groups",
            "replication, ISR and acks",
            "retention, storage and tiered storage",
        ),
        trade_offs=(
            "Log vs task queue",
            "More partitions vs fewer",
            "Replicas in three zones vs one",
            "Local disks vs tiered storage",
        ),
        failures=(
            "A broker lost",
            "A zone lost",
            "A poison message",
            "A hot partition",
            "Disks filling",
        ),
    ),
    _row(
        "LLM chat service",
        "problems/llm-chat.md",
        ask=(
            "Serve the model ourselves, or call a provider?",
            "How long can a conversation grow, and is history reused?",
            "Must replies stream? Targets for the first token and the rest?",
            "Free and paid tiers, and what each gets?",
        ),
        p0=(
            "send a message and stream the reply token by token",
            "stop, regenerate, reopen and list conversations",
            "limits per user and tier, metered in tokens",
        ),
        targets=(
            "first token within a second at p95, then faster than reading",
            "99.9% for sending; a cut reply resumed or regenerated",
            "a conversation kept until deleted",
            "a cost budget per message and per user",
        ),
        api=(
            "POST a message with an idempotency key, answered as server-sent events",
            "resume a dropped stream with Last-Event-ID; cancel to stop paying",
            "list conversations newest first by cursor",
        ),
        entities=(
            "conversations partitioned by user",
            "messages partitioned by conversation, with parent_id for branches",
            "usage counters for limits and billing",
            "KV cache blocks and a prefix cache on the GPUs only",
        ),
        boxes=(
            "an API gateway with token limits",
            "a chat service for history, prompt and moderation",
            "a conversation store",
            "an inference router with prefix affinity",
            "prefill and decode GPU pools",
            "usage metering",
        ),
        deep_dives=(
            "GPU memory and the KV cache",
            "continuous batching, prefill and decode",
            "streaming and rate limits in tokens",
        ),
        trade_offs=(
            "Batch size against stream speed",
            "Serving ourselves against a provider's API",
            "Longer context against concurrency",
            "Prefix affinity against load balance",
        ),
        failures=(
            "A GPU or replica fails mid-reply",
            "A retry storm",
            "Long prompts crowd out short ones",
            "A bad model or prompt release",
        ),
    ),
    _row(
        "Object storage",
        "problems/object-storage.md",
        ask=(
            "Mostly small or large objects? The largest?",
            "Read and write rates, and bytes stored after a few years?",
            "Must GET and LIST see a PUT at once?",
            "Durability target; must data survive a zone or a region?",
        ),
        p0=(
            "PUT, GET whole or by range, DELETE and HEAD by bucket and key",
            "LIST by prefix, in order, paginated",
            "multipart upload with parts sent in parallel",
            "buckets with access policies, signed requests",
        ),
        targets=(
            "an acknowledged PUT survives any disk, node or zone",
            "99.99% within a region",
            "strong read-after-write for PUT, DELETE and LIST",
            "as few bytes on disk per byte stored as durability allows",
        ),
        api=(
            "signed PUT with a checksum, returning an ETag",
            "GET with a byte range",
            "LIST by prefix with a continuation token",
            "multipart: initiate, upload parts, complete or abort",
            "presigned URLs for direct uploads and downloads",
        ),
        entities=(
            "buckets, small and cached",
            "object metadata with versions and the object's location",
            "extents, open or sealed, with their disks and checksums",
            "multipart uploads in progress",
        ),
        boxes=(
            "front ends for auth and routing",
            "a range-partitioned metadata store, Raft per range",
            "storage nodes in three zones",
            "a placement and repair manager",
            "a garbage collector and scrubber",
        ),
        deep_dives=(
            "erasure coding or copies",
            "surviving a zone",
            "the metadata path and multipart upload",
        ),
        trade_offs=(
            "Erasure coding against copies",
            "Wide stripes against narrow",
            "Range against hash partitioning of metadata",
            "Strong against eventual consistency",
        ),
        failures=(
            "A disk fails",
            "A zone fails",
            "Silent corruption",
            "Correlated disk failures",
            "A bug or an operator deletes data",
        ),
    ),
    _row(
        "Stock exchange",
        "problems/stock-exchange.md",
        ask=(
            "Who connects, and how?",
            "Which order types? Auctions?",
            "Price-time or pro-rata matching?",
            "Latency measured where, at which percentile?",
            "May a failover lose or repeat an acknowledged order?",
        ),
        p0=(
            "accept, cancel and replace limit and market orders",
            "match by price-time priority",
            "acknowledgements, rejects and fills to each firm",
            "every book change and trade published as market data",
        ),
        targets=(
            "tens of microseconds order in to ack out, median and p99.9 alike",
            "one sequence; a journal replay gives the same trades",
            "no acknowledged order lost to any single failure",
            "failover within seconds, nothing lost or repeated",
        ),
        api=(
            "a binary session protocol or FIX over TCP, sequenced both ways",
            "new order, cancel and replace keyed by the firm's order ID",
            "execution reports: acknowledged, partly or wholly filled",
        ),
        entities=(
            "a journal of fixed-size input events in sequence",
            "an order book per symbol: price levels, each a first-in-first-out list",
            "output events numbered in sequence",
            "reference data changed only through sequenced events",
        ),
        boxes=(
            "order gateways with throttles and risk checks",
            "a sequencer that stamps and journals every event",
            "a standby sequencer and engines",
            "single-threaded matching shards",
            "a market-data publisher over multicast, with retransmission",
            "clearing, drop copy and surveillance",
        ),
        deep_dives=(
            "one sequence, one thread per book",
            "the latency budget, hop by hop",
            "market data by multicast",
        ),
        trade_offs=(
            "One thread per book vs many threads with locks",
            "Copy to a second machine's memory vs fsync per event",
            "Multicast UDP vs TCP per subscriber",
            "Software vs FPGA",
        ),
        failures=(
            "A matching engine dies",
            "The sequencer dies",
            "Packet loss on the feed",
            "A runaway client",
            "A hot symbol overruns its thread",
        ),
    ),
    _row(
        "Nearby friends",
        "problems/nearby-friends.md",
        ask=(
            "How close is nearby, and the same for everyone?",
            "Friends only, or anyone nearby?",
            "How fresh, and how often may the phone send?",
            "Exact position or approximate distance? Is history kept?",
        ),
        p0=(
            "send the location periodically while the app is open",
            "show friends within the radius, distance and last seen, live",
            "opt in and out, choose who sees you, effective at once",
        ),
        targets=(
            "a friend's move shows within a few seconds",
            "a lost update is replaced by the next one",
            "99.9% for the live view",
            "opt-in, friends only, approximate by default",
        ),
        api=(
            "one WebSocket per phone: location up; nearby list, moves and departures down",
            "the current list on connect, then only changes",
            "sharing settings over HTTP",
        ),
        entities=(
            "latest location per user in a cache with a TTL",
            "a pub/sub channel per user, not stored",
            "sharing settings and friendships",
            "a short location history with a TTL",
        ),
        boxes=(
            "a load balancer",
            "connection servers",
            "pub/sub nodes with a channel per user",
            "a latest-location cache",
            "a location history store",
            "service discovery for the channel ring",
        ),
        deep_dives=(
            "one channel per user on a pub/sub tier",
            "connection servers and the radius check",
        ),
        trade_offs=(
            "Push through pub/sub vs polling the latest-location cache",
            "Channel per user vs channel per connection server",
            "Update interval",
            "Exact vs approximate positions",
        ),
        failures=(
            "A connection server dies",
            "A pub/sub node dies",
            "Stale locations",
            "Hot channels",
            "Privacy failures",
        ),
    ),
    _row(
        "Maps and ETA",
        "problems/maps-eta.md",
        ask=(
            "Map drawing, directions, traffic, place search: which?",
            "Which travel modes?",
            "How fresh must traffic be? Must the ETA predict later traffic?",
            "Offline maps? Users, routes a day, navigators at peak?",
        ),
        p0=(
            "show the map at any place and zoom",
            "route A to B by car with polyline, turns, distance and ETA",
            "update the ETA and offer a faster route while navigating",
            "collect positions from opted-in navigating phones",
        ),
        targets=(
            "a tile under 100 ms from the edge, a route under 200 ms",
            "traffic at most a couple of minutes old",
            "99.99% for tiles and routing",
            "pseudonymous, trimmed, short-lived probe points",
        ),
        api=(
            "GET vector tiles by zoom, x and y, cached by the CDN",
            "POST /v1/routes with origin, destination, mode and departure",
            "POST probe batches every 30 s while navigating",
        ),
        entities=(
            "tiles in an object store by layer, version, zoom, x and y",
            "a versioned map database",
            "a routing graph in memory with shortcuts",
            "a metric: travel time per arc, replaced every minute",
            "historical speeds per arc and time of week",
            "probe points in a short-lived log",
        ),
        boxes=(
            "a CDN and tile servers",
            "a tile builder and graph builder per release",
            "routing servers with the graph in memory",
            "probe ingest into a log by region",
            "map matching and per-segment speeds",
            "a metric rebuilt every minute",
        ),
        deep_dives=(
            "tiles, zoom levels and the CDN",
            "routing with contraction hierarchies",
            "live traffic and the ETA",
        ),
        trade_offs=(
            "Raster vs vector tiles",
            "Contraction hierarchies vs customizable schemes",
            "Replicate the graph vs shard it by region",
            "Live vs predicted speeds in the ETA",
        ),
        failures=(
            "Traffic pipeline stalls",
            "A bad metric or map release",
            "CDN miss storm after a release",
            "Probe floods and spoofing",
        ),
    ),
    _row(
        "Metrics monitoring and alerting",
        "problems/metrics-monitoring.md",
        ask=(
            "How many targets, and series each? A cardinality limit?",
            "Pull or push, and how often?",
            "Retention at full resolution, and in all?",
            "Who queries? Alert on symptoms or causes, and how fast?",
            "One region or many? Multi-tenant?",
        ),
        p0=(
            "collect samples on a schedule into labelled series",
            "query series over time for dashboards",
            "evaluate recording and alerting rules; route, group and silence alerts",
        ),
        targets=(
            "a sample queryable seconds after the scrape",
            "an alert at the pager in about two minutes",
            "alerting keeps running while what it watches is down",
            "a small fraction of the monitored system's cost",
        ),
        api=(
            "scrape GET /metrics as text",
            "remote write: compressed protobuf series over HTTP, per tenant",
            "range queries in PromQL; alerts posted to Alertmanager",
        ),
        entities=(
            "series: metric name and label set, hashed to an ID",
            "samples in compressed chunks of about 120",
            "an inverted index from label pairs to series",
            "immutable two-hour blocks, compacted and downsampled",
            "rule groups and alert state",
        ),
        boxes=(
            "scrapers with a WAL",
            "distributors hashing by series",
            "ingesters with three copies across zones",
            "object storage, compactor and store gateways",
            "query frontend and queriers",
            "ruler and an Alertmanager cluster",
        ),
        deep_dives=(
            "ingestion, cardinality and compression",
            "retention, downsampling and storage",
            "the alert evaluation loop and burn-rate alerts",
        ),
        trade_offs=(
            "Pull vs push.",
            "Resolution vs retention.",
            "Labels vs logs.",
            "Exact vs cheap long windows",
        ),
        failures=(
            "A zone of ingesters lost",
            "A cardinality explosion",
            "The monitoring system down during an incident",
            "Alertmanager partitioned",
            "A slow query of death",
        ),
    ),
)

CHECKPOINTS: Table[Checkpoints] = Table(
    name="interview_checkpoints",
    title="Checkpoints by problem",
    caption="What a candidate on each problem has said by the end of a step, as its page "
    "states it; interview mode also shows the P0 features, targets, calls, entities and "
    "boxes. A dash means the step's general prompt.",
    columns=(
        Column("name", "Problem"),
        Column("ask", "Ask"),
        Column("figures", "Work out"),
        Column("deep_dives", "Lead a deep dive on"),
        Column("trade_offs", "Name the trade-offs"),
        Column("failures", "Raise the failures"),
    ),
    rows=_ROWS,
)

TABLES: list[Table[Any]] = [CHECKPOINTS]
LISTS: list[ItemList] = []
