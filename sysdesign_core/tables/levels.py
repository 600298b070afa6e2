"""What each level is expected to show on each design problem: mid-level, senior, staff.

HOW TO ADD A PROBLEM'S LEVELS (one entry per row of ``tables/problems.py``):

1. Append a ``ProblemLevels(...)`` to ``_ENTRIES`` below, with ``name`` the problem row's name
   and ``page`` its page, exactly as in ``tables/problems.py``.
2. Give it the three levels, ``mid=``, ``senior=`` and ``staff=``, each a ``Level`` with:
   ``estimates`` (the figures that level works out without being asked), ``deep_dive`` (the
   deep dive it is expected to lead, named as the page's "Deep dive: …" heading names it) and
   ``trade_off`` (the trade-off it must name); ``staff`` also needs ``failure_modes`` (the
   failures a staff candidate raises unprompted). Write them concrete to the page, in your
   own words.
3. ``python -m sysdesign_core.validate`` names any problem without levels, any empty field and
   any entry whose page is not a problem row. The page shows its entry with ``{{ levels() }}``
   under "## What is expected at each level", after "Common mistakes".

>>> LEVELS.row("Chat").staff.failure_modes != ""
True
>>> [row.name for row in LEVELS if row.page == "walkthroughs/url-shortener.md"]
['URL shortener']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from ..records import Column, ItemList, Record, Source, Table
from .problems import PROBLEMS

__all__ = ["Level", "ProblemLevels", "LEVELS", "LEVEL_NAMES", "SOURCES", "TABLES", "LISTS"]

LEVEL_NAMES = {"mid": "Mid-level", "senior": "Senior", "staff": "Staff"}
"""The three levels, by field name, with the label a reader sees."""

_LABELS = {
    "estimates": "Estimates, unprompted",
    "deep_dive": "Deep dive to lead",
    "trade_off": "Trade-off to name",
    "failure_modes": "Failure modes to raise",
}


@dataclass(frozen=True)
class Level:
    """What one level shows on one problem. ``failure_modes`` is required of staff only."""

    estimates: str
    deep_dive: str
    trade_off: str
    failure_modes: str = ""

    def items(self) -> list[tuple[str, str]]:
        """(label, text) of each non-empty field, in reading order.

        >>> Level("QPS", "fan-out", "push or pull").items()[0]
        ('Estimates, unprompted', 'QPS')
        """
        return [
            (_LABELS[f.name], getattr(self, f.name)) for f in fields(self) if getattr(self, f.name)
        ]

    def __str__(self) -> str:
        return " ".join(f"**{label}:** {text}" for label, text in self.items())


class _Unwritten(Level):
    """The levels of a problem row that has no entry yet: its row's check names it once."""

    def __str__(self) -> str:  # not empty, so the cells are not reported a second time
        return "not written yet"


_BLANK = _Unwritten("", "", "")


@dataclass(frozen=True, kw_only=True)
class ProblemLevels(Record):
    """The three levels for the problem row named ``name`` whose page is ``page``."""

    page: str
    mid: Level
    senior: Level
    staff: Level

    def levels(self) -> list[tuple[str, Level]]:
        """(label, level) for mid-level, senior and staff, in that order."""
        return [(label, getattr(self, key)) for key, label in LEVEL_NAMES.items()]

    def cells(self, columns: Iterable[Column]) -> list[str]:
        """As :meth:`Record.cells`, with the problem linking to its page."""
        shown = {"name": f"[{self.name}]({self.page})"}
        return [shown.get(c.key, str(getattr(self, c.key))) for c in columns]

    def problems(self) -> Iterator[tuple[str, str]]:
        pages = {row.page: row.name for row in PROBLEMS.rows}
        if self.page not in pages:
            yield (
                "page",
                (
                    f"{self.page!r} is no problem's page in tables/problems.py; "
                    "use the page of a problem row, or remove this entry"
                ),
            )
        elif pages[self.page] != self.name:
            yield "name", f"write the problem row's name, {pages[self.page]!r}"
        if all(not text for key in LEVEL_NAMES for text in vars(getattr(self, key)).values()):
            yield (
                "mid",
                (
                    f"no levels yet for {self.page}; add a ProblemLevels(name={self.name!r}, "
                    f"page={self.page!r}, mid=…, senior=…, staff=…) to _ENTRIES"
                ),
            )
            return
        for key, label in LEVEL_NAMES.items():
            level: Level = getattr(self, key)
            needed = [f.name for f in fields(level) if f.name != "failure_modes" or key == "staff"]
            for name in needed:
                if not getattr(level, name).strip():
                    what = _LABELS[name].split(",")[0].lower()
                    yield (
                        f"{key}.{name}",
                        f"is empty; write the {what} for a {label.lower()} candidate",
                    )


SOURCES = (
    Source(
        "Hello Interview: The System Design Interview, What is Expected at Each Level",
        "https://hellointerview.com/blog/the-system-design-interview-what-is-expected-at-each-level",
        2026,
    ),
    Source(
        "StaffEng: Staff archetypes",
        "https://staffeng.com/guides/staff-archetypes/",
        2026,
    ),
    Source(
        "Dropbox Engineering Career Framework: IC5 Staff Software Engineer",
        "https://dropbox.github.io/dbx-career-framework/ic5_staff_software_engineer.html",
        2026,
    ),
)
"""The published rubrics and guides the levels are written from, shown with every page's levels."""

# Each entry: what the level shows without being asked. Name deep dives as the page's
# "Deep dive: …" headings do, and figures by what the page calls them (never a typed number:
# the page computes its figures).
_ENTRIES: tuple[ProblemLevels, ...] = (
    ProblemLevels(
        name="News feed",
        page="walkthroughs/twitter.md",
        mid=Level(
            estimates="Tweet writes and timeline reads a second, on average and at a 3× peak, and "
            "a day's storage from the stored tweet's size.",
            deep_dive="*Fan-out*, its first half: each new tweet's ID pushed into every "
            "follower's cached timeline, so reading a timeline is one cache read.",
            trade_off="Push against pull: cheap reads paid for with many timeline inserts per "
            "tweet.",
        ),
        senior=Level(
            estimates="Timeline inserts a second from the average follower count, the largest "
            "single fan-out (one celebrity tweet), and egress sized by a page of tweets per "
            "read, not one tweet.",
            deep_dive="*Fan-out* to the hybrid: push for ordinary accounts, merge celebrities' "
            "tweets at read time, with the follower threshold stated as a number to tune.",
            trade_off="Eventual timelines for followers against read-your-writes for the author, "
            "who must see the tweet at once.",
        ),
        staff=Level(
            estimates="The peak read rate as the figure that forces precomputed timelines, and "
            "the monthly bill, where serving timelines costs several times more than storing "
            "five years of tweets.",
            deep_dive="*Sharding the tweets*: a hash of the Snowflake ID rather than ranges of a "
            "time-ordered key, author ID only where profile reads justify hot authors, and "
            "timelines keyed by reader.",
            trade_off="Timeline cache size and skipping inactive users against completeness: "
            "who pays for a rebuild, and when.",
            failure_modes="A viral burst backing up fan-out (alert on consumer lag, posting keeps "
            "working), the outbox relay down, a lost timeline-cache node rebuilt on demand, a "
            "hot tweet read by millions.",
        ),
    ),
    ProblemLevels(
        name="URL shortener",
        page="walkthroughs/url-shortener.md",
        mid=Level(
            estimates="Creates and redirects a second, on average and at peak, and five years "
            "of storage with replicas.",
            deep_dive="*The read and write paths*: edge cache, then Redis, then the store on a "
            "redirect; a conditional insert for a new code.",
            trade_off="301 against 302: fewer requests against seeing every click.",
        ),
        senior=Level(
            estimates="The hot set of links and the cache nodes it needs, and the keyspace of "
            "six and seven base-62 characters that sets the code's length.",
            deep_dive="*Short-code length*: why a 64-bit ID does not fit seven characters, and "
            "a keyed permutation of a counter, or random codes with a conditional insert.",
            trade_off="A permuted counter against a hash of the long URL: unique by construction "
            "against deduplication that brings collisions and guessable codes.",
        ),
        staff=Level(
            estimates="The shard count, decided by storage rather than by the create rate, and "
            "the monthly bill, where the cache is cheap next to the servers it spares.",
            deep_dive="Code generation end to end: counter blocks per server so the counter "
            "service stays off the request path, a secret permutation key, custom aliases in "
            "the same keyspace.",
            trade_off="Which store, settled by what the team runs well since every access is one "
            "key lookup; and what click analytics would add, kept off the redirect path.",
            failure_modes="The cache cluster lost (the full redirect rate on the store: coalesce "
            "and rate-limit while it warms), a viral link, the counter service down, phishing "
            "links created in bulk.",
        ),
    ),
    ProblemLevels(
        name="Chat",
        page="problems/chat.md",
        mid=Level(
            estimates="Messages and deliveries a second, on average and at peak, and a year of "
            "history's storage.",
            deep_dive="*Ordering, delivery and history*: a sequence number per conversation, "
            "retries until the device acknowledges, duplicates dropped by message ID.",
            trade_off="WebSocket against long polling, and platform push to wake a backgrounded "
            "app.",
        ),
        senior=Level(
            estimates="Open connections, the connection servers and their memory, and heartbeats "
            "a second, which outnumber the real messages.",
            deep_dive="*Connections and heartbeats*: event-loop servers, a session registry to "
            "route between them, the interval set by carriers' NAT timeouts.",
            trade_off="A copy in each device's inbox for small conversations against storing "
            "once and notifying for large groups and channels.",
        ),
        staff=Level(
            estimates="Group deliveries with and without the hybrid, and the monthly bill, where "
            "keeping every message is the line that dominates.",
            deep_dive="*Group fan-out*, and the product choice behind storage: server-side "
            "history against store-and-forward, orders of magnitude apart.",
            trade_off="End-to-end encryption: one encrypted copy per recipient device, and no "
            "search on the server.",
            failure_modes="A connection server dying, a reconnect storm after a regional blip "
            "(jitter, admission control), recipients offline for days, duplicate sends.",
        ),
    ),
    ProblemLevels(
        name="Video streaming",
        page="problems/video-streaming.md",
        mid=Level(
            estimates="Viewers at once, egress from the CDN, and new renditions' storage a day.",
            deep_dive="*Upload and transcoding*: resumable chunked uploads to object storage, "
            "the video split at keyframes and encoded in parallel.",
            trade_off="Segment length: faster switching and start-up against better compression "
            "and fewer requests.",
        ),
        senior=Level(
            estimates="Origin egress at the CDN hit ratio and at a slightly better one, and the "
            "ladder's storage per hour of video.",
            deep_dive="*The CDN hit ratio is the origin's size*: a tiered CDN with a regional "
            "shield, popular titles placed before the evening peak, immutable segments.",
            trade_off="Storing every rendition against encoding rare ones on demand.",
        ),
        staff=Level(
            estimates="The storage a short ladder saves each day, and the monthly bill, where "
            "storage and origin egress outweigh compute.",
            deep_dive="*The ladder for the long tail*: a few rungs at once, the full ladder and "
            "better codecs only for videos whose views pay for them.",
            trade_off="Building edges inside ISPs against buying one or several CDNs, and the "
            "scale at which owning pays.",
            failure_modes="An edge down (steering, alternate hosts in the manifest), a viral "
            "video stampeding the origin, a transcoding backlog, a hot view counter.",
        ),
    ),
    ProblemLevels(
        name="Ride-hailing",
        page="problems/ride-hailing.md",
        mid=Level(
            estimates="Location updates a second at peak, and ride requests and trip reads.",
            deep_dive="*Finding nearby drivers*: the pickup's cell and its ring of neighbours, "
            "then candidates ranked by road ETA.",
            trade_off="The update interval: fresh positions against load and battery.",
        ),
        senior=Level(
            estimates="The size of every driver's latest position against the update rate, and "
            "the nodes each needs: the writes, not the data, force sharding.",
            deep_dive="*The location firehose*: latest positions in memory sharded by geography, "
            "the full history to a log and written in bulk.",
            trade_off="Cell length: cells read against candidates returned, and geohash against "
            "H3's even neighbours.",
        ),
        staff=Level(
            estimates="Offers outstanding at once, by Little's law, and the monthly bill, where "
            "the location stream rather than the rides is the cost.",
            deep_dive="*Dispatch without double assignment*: a conditional update to `offered`, "
            "offers in a store with expiry, requests batched and assigned together.",
            trade_off="Greedy matching against batched: one rider's wait against the total ETA.",
            failure_modes="A geo index node lost (it refills within one update interval), a "
            "driver's phone offline mid-trip, the matcher restarting with offers open, a region "
            "failing over.",
        ),
    ),
    ProblemLevels(
        name="File sync",
        page="problems/file-sync.md",
        mid=Level(
            estimates="Uploads and downloads a second, ingress and egress, and five years of "
            "storage with three copies.",
            deep_dive="*Chunked, resumable, deduplicated uploads*: blocks hashed on the device, "
            "only missing ones sent, then one commit of the list.",
            trade_off="Block size: finer dedup and resume against more metadata and requests.",
        ),
        senior=Level(
            estimates="The upload time of a large file against one block, and open long polls "
            "with the servers that hold them.",
            deep_dive="*Telling devices about changes*: long polls on an event-loop tier fed by "
            "the journal, then a sync from the device's cursor.",
            trade_off="Conflict copies against last writer wins when two devices edit offline.",
        ),
        staff=Level(
            estimates="Blocks expected lost a year at eleven nines and the chance of losing any, "
            "and storage as the bill's main and growing line.",
            deep_dive="*Durability at tens of billions of blocks*: erasure coding across zones, "
            "hashes checked on write and by scrubbing, repair before a second failure.",
            trade_off="Deduplicating across users against the side channel it opens; most keep "
            "it within an account.",
            failure_modes="An interrupted upload, two devices editing offline, the notification "
            "tier down (slow polling takes over), a metadata shard down, a client bug deleting "
            "files.",
        ),
    ),
    ProblemLevels(
        name="Web crawler",
        page="problems/web-crawler.md",
        mid=Level(
            estimates="Fetches a second, bandwidth in, and storage a day and a year.",
            deep_dive="*Politeness and the frontier*: queues by priority feeding queues by host, "
            "and a heap of hosts by their next allowed time.",
            trade_off="Breadth-first against a priority from links and change rate.",
        ),
        senior=Level(
            estimates="Fetches in flight by Little's law, and fetcher machines with async I/O "
            "against a thread per fetch.",
            deep_dive="*Fetchers and Little's law*: concurrency, not CPU, sizes the fleet; a "
            "local DNS cache; parsing in its own pool.",
            trade_off="Freshness against coverage: recrawls spend fetches that could find new "
            "pages.",
        ),
        staff=Level(
            estimates="The seen-set exact against a Bloom filter at two error rates, and storage "
            "as the bill's largest line.",
            deep_dive="*Have we seen this URL?*: a Bloom filter partitioned with the frontier, "
            "and the error rate a search crawler accepts but an archive does not.",
            trade_off="Rendering JavaScript: content plain fetches miss, at many times the cost "
            "a page.",
            failure_modes="Crawler traps, a fetcher crash with leased URLs, hosts that slow down "
            "(per-host backoff), near-duplicate pages, DNS overload.",
        ),
    ),
    ProblemLevels(
        name="Distributed rate limiter",
        page="problems/rate-limiter.md",
        mid=Level(
            estimates="Checks a second at peak, and the counters' memory.",
            deep_dive="*Which algorithm*: the fixed window's burst at its boundary, the token "
            "bucket, the sliding window counter.",
            trade_off="Accuracy against cost: an exact global limit is a store hit per request.",
        ),
        senior=Level(
            estimates="Store nodes for the operations against those for the memory: operations "
            "decide.",
            deep_dive="*The number that moves counting out of the store*: local counts synced "
            "every interval, or sticky routing, and the traffic below which neither pays.",
            trade_off="Global limits against per-region ones.",
        ),
        staff=Level(
            estimates="The availability of a limiter in series with the API and its downtime a "
            "year, and the bill, where traffic between zones is the largest line.",
            deep_dive="*Fail open or closed*: a short timeout, fail open with a local cap, fail "
            "closed only where abuse costs more than an outage.",
            trade_off="A gateway against a library, and rate limiting per client against load "
            "shedding for the fleet.",
            failure_modes="The store down or slow, one client's hot key saturating a shard, "
            "clock skew between gateways, retry storms after 429s.",
        ),
    ),
    ProblemLevels(
        name="Top-K and leaderboards",
        page="problems/top-k.md",
        mid=Level(
            estimates="Events a second, raw events a day, and exact counts' memory for a day.",
            deep_dive="*A leaderboard in a sorted set*: updates, top 100 and a player's rank, "
            "each logarithmic.",
            trade_off="Exact counts against approximate ones.",
        ),
        senior=Level(
            estimates="Counters needed for the event rate against those for the memory, and the "
            "count-min sketch's size for an hour.",
            deep_dive="*One heap or a partitioned count*: partition by item so the union of "
            "local top-K lists is exact.",
            trade_off="Sliding windows against tumbling ones, and the state each keeps.",
        ),
        staff=Level(
            estimates="HyperLogLog's size per item against an exact set of viewers, and the "
            "bill, where taking in events dominates.",
            deep_dive="*Sketches when exact is too big*: count-min beside a heap, fine for "
            "trending and wrong for the tail or billing, corrected by a batch recount.",
            trade_off="Stream against batch: an answer now against an exact one later.",
            failure_modes="A counter crash replayed from checkpoints, a hot item on one "
            "partition, events later than the watermark, bots inflating counts.",
        ),
    ),
    ProblemLevels(
        name="Ticket booking",
        page="problems/ticket-booking.md",
        mid=Level(
            estimates="Bookings and seat-map reads a second on a normal day, and five years of "
            "bookings' storage.",
            deep_dive="*No double booking*: one conditional update, so the seat row is the lock.",
            trade_off="A cached seat map a few seconds stale, with a 409 when a seat was just "
            "taken.",
        ),
        senior=Level(
            estimates="The on-sale's booking requests against the seats, and holds open at once "
            "by Little's law for two hold lengths.",
            deep_dive="*Seat holds and Little's law*: hold length and admission rate set "
            "together so open holds stay under the inventory.",
            trade_off="Hold length: kind to slow payers against inventory locked up during the "
            "on-sale.",
        ),
        staff=Level(
            estimates="That a normal day fits one primary, so nothing is sharded, and the bill, "
            "where no line dominates because contention, not servers, is the problem.",
            deep_dive="*The waiting room*: random places for early arrivals, a fixed admission "
            "rate, signed tokens the booking API checks, bots handled in one place.",
            trade_off="A queue in front against scaling the booking tier: contention on the same "
            "rows does not scale out.",
            failure_modes="Payment taken but the order write failed (idempotent purchase and a "
            "reconciler), the hold expirer dead, primary failover mid-sale, scalpers' bots.",
        ),
    ),
    ProblemLevels(
        name="Ad-click aggregation",
        page="problems/ad-click-aggregation.md",
        mid=Level(
            estimates="Clicks a second at a 5× peak, and raw storage a day and a year.",
            deep_dive="*What to store, by the numbers*: minute rows against clicks, then "
            "rollups to hours and days.",
            trade_off="Pre-aggregated rows against querying raw events.",
        ),
        senior=Level(
            estimates="Stream partitions for the peak, and the hour's dedup set exact against a "
            "Bloom filter.",
            deep_dive="*Exactly once for billing*: dedup by click ID, state and offsets "
            "checkpointed together, idempotent upserts, watermarks for late clicks.",
            trade_off="A stream alone against a stream plus a batch recount that checks the money.",
        ),
        staff=Level(
            estimates="HyperLogLog's size for every ad in a window and the count-min size for "
            "dashboard heavy hitters, and the bill, where a fleet sized for spikes dominates.",
            deep_dive="*Unique users and heavy hitters*: mergeable sketches for dashboards, "
            "exact aggregates for what is billed.",
            trade_off="Freshness against finality: provisional numbers, marked final after "
            "reconciliation.",
            failure_modes="An aggregator crash and replay, a Kafka backlog, clicks past the "
            "watermark, stream and batch disagreeing, click fraud.",
        ),
    ),
    ProblemLevels(
        name="Search typeahead",
        page="problems/typeahead.md",
        mid=Level(
            estimates="Suggestion requests a second at peak, and the index's size.",
            deep_dive="*Keeping it fresh*: a batch job computes each prefix's top 10 from the "
            "query log, and servers swap in the new snapshot.",
            trade_off="A trie against a map from each prefix to its precomputed top 10.",
        ),
        senior=Level(
            estimates="That the index fits one server's memory, and the servers at peak from the "
            "CPU per lookup.",
            deep_dive="*Replicate, do not shard*, and, if it must shard, ranges balanced on "
            "measured traffic, never the first letter.",
            trade_off="Precomputed top-K against computing at query time for filters and "
            "personal results.",
        ),
        staff=Level(
            estimates="Keystroke requests and servers without debouncing against with it, and "
            "the bill, where suggestion requests dominate.",
            deep_dive="*Debouncing is the cheapest capacity*: debounce and cache in the browser, "
            "short prefixes at the CDN or shipped with the page.",
            trade_off="Freshness against cost: hourly snapshots plus a small trending overlay.",
            failure_modes="A bad snapshot (validate it, keep the last one), bots poisoning "
            "suggestions, the suggest tier down while the search box still works.",
        ),
    ),
    ProblemLevels(
        name="Distributed key-value store",
        page="problems/key-value-store.md",
        mid=Level(
            estimates="Reads and writes a second at peak, and the data before replication.",
            deep_dive="*Choosing N, R and W*: what R + W > N promises, with N = 3 and majorities.",
            trade_off="An LSM tree against a B-tree for this write rate.",
        ),
        senior=Level(
            estimates="Partitions for the writes against those for the data, and the "
            "availability of a majority write against an all-replica write.",
            deep_dive="*Choosing N, R and W*, with the tail: a read waiting for two replicas, "
            "and asking all three to take the first two.",
            trade_off="Leaderless against a leader per partition, and last-write-wins against "
            "version vectors.",
        ),
        staff=Level(
            estimates="A node's rebuild time from one peer against many through virtual nodes, "
            "and the bill, where replication between zones is the largest line.",
            deep_dive="*Node failure and virtual nodes*: the window of reduced redundancy, "
            "hinted handoff, Merkle-tree anti-entropy.",
            trade_off="Writing through a partition against linearizable reads: which the product "
            "needs, in PACELC terms.",
            failure_modes="A node down, a hot key past a partition's limits, deletes coming back "
            "when tombstones expire before repair, clock skew under last-write-wins.",
        ),
    ),
    ProblemLevels(
        name="Notification system",
        page="problems/notifications.md",
        mid=Level(
            estimates="Sends a second at peak, and 90 days of records with three copies.",
            deep_dive="*Exactly one notification*: an idempotency key, a conditional `sending` "
            "record, backoff and a dead-letter queue.",
            trade_off="Pushing to open connections against reading the inbox when the app opens.",
        ),
        senior=Level(
            estimates="A broadcast's rate against the daily peak, senders from the provider's "
            "latency, and the largest social fan-out.",
            deep_dive="*The broadcast and the provider's quota*: a bulk queue drained at the "
            "quota, or the provider's topic messaging.",
            trade_off="Sends per user against provider topics: tracking and personal content "
            "against one request.",
        ),
        staff=Level(
            estimates="Open in-app connections and their heartbeats, and the bill, with SMS fees "
            "per message outweighing all the infrastructure.",
            deep_dive="*In-app delivery and unread counts*, and priority isolation, so a campaign "
            "never delays a password reset.",
            trade_off="One notification service against each team calling providers.",
            failure_modes="A provider outage or throttling (fail over for email and SMS; push "
            "waits), invalid tokens burning quota, a runaway caller, sends in quiet hours.",
        ),
    ),
    ProblemLevels(
        name="Nearby places",
        page="problems/nearby-places.md",
        mid=Level(
            estimates="Searches a second at peak, and the size of the places and of the geo index.",
            deep_dive="*Reads, caching and ratings*: place pages in a cache and at the CDN, "
            "ratings updated asynchronously.",
            trade_off="A database's geo index against one in each search process.",
        ),
        senior=Level(
            estimates="That the geo index fits every server's memory, and search servers at "
            "peak from the CPU per search.",
            deep_dive="*Replicate the index, do not shard it*, fed by a change stream.",
            trade_off="Geohash against a quadtree against S2 or H3.",
        ),
        staff=Level(
            estimates="Cells read and the area over-fetched at each geohash length for the "
            "radius, and the bill, where CPU per search dominates.",
            deep_dive="*Geohash length and cells from the radius*: finer cells in dense cities, "
            "several lengths or a quadtree that adapts.",
            trade_off="Streaming updates into every replica against rebuilding snapshots.",
            failure_modes="A search server restarting (snapshot, then replay), change-stream "
            "lag, dense areas returning thousands of candidates, fake reviews.",
        ),
    ),
    ProblemLevels(
        name="Payments and wallets",
        page="problems/payments.md",
        mid=Level(
            estimates="Payments a second, and ledger entries a day and over the retention.",
            deep_dive="*Idempotency and retries*: a key stored with a unique constraint in the "
            "payment's own transaction.",
            trade_off="A synchronous answer against `202` and a status to poll or a webhook.",
        ),
        senior=Level(
            estimates="Shards for the writes against shards for the history, and the double "
            "charges unprotected retries would cause.",
            deep_dive="*One ledger primary, partitioned by time*: why sharding by account makes "
            "every payment a distributed transaction.",
            trade_off="A cached balance against one computed from the entries, reconciled.",
        ),
        staff=Level(
            estimates="Availability of API, database and one provider in series against the "
            "target, with two providers in parallel, and the ledger database's quorum.",
            deep_dive="*Provider availability*: fail over only payments that never reached the "
            "first provider, since a timeout is unknown, not failed.",
            trade_off="One relational primary against distributed SQL.",
            failure_modes="A provider timeout (query before retrying), a crash between the "
            "provider's success and our write, duplicate webhooks, primary failover.",
        ),
    ),
    ProblemLevels(
        name="Collaborative editing",
        page="problems/collaborative-editing.md",
        mid=Level(
            estimates="Operations a second, the operation log a day, and the open WebSockets and "
            "their servers.",
            deep_dive="*History, snapshots and compaction*: a snapshot every few hundred "
            "operations bounds a document's load time.",
            trade_off="Keystroke history against snapshots.",
        ),
        senior=Level(
            estimates="History kept five years against 30 days.",
            deep_dive="*OT or CRDT, and one ordering point*: one owner process per document "
            "assigns revisions.",
            trade_off="OT against CRDTs: a central server and compact data against merging "
            "without one and metadata per character.",
        ),
        staff=Level(
            estimates="Messages for a busy document relayed per operation against batched "
            "ticks, and the bill, where the peak operation rate dominates.",
            deep_dive="*Batching the broadcast in a busy document*: a tick per editor, cursors "
            "and presence dropped first under load.",
            trade_off="One owner per document against any server: simple ordering against "
            "rebalancing.",
            failure_modes="A document server dying (reassigned; clients resend by `client_seq`), "
            "a client editing offline, slow log writes, a hot document.",
        ),
    ),
    ProblemLevels(
        name="Distributed cache",
        page="problems/distributed-cache.md",
        mid=Level(
            estimates="Lookups a second on average and at peak, and the working set from the "
            "keys read in a day and the share worth keeping.",
            deep_dive="*Partitioning and sizing*: consistent hashing in the client so adding a "
            "shard moves only its share of keys, and look-aside reads that fill on a miss.",
            trade_off="Memcached against Redis: plain values on every core against data "
            "structures, replication and one command thread per process.",
        ),
        senior=Level(
            estimates="Shards for memory against shards for operations, and the misses the "
            "database serves at the planned hit ratio and at a few points lower.",
            deep_dive="*Hot keys and stampedes*: a hot key copied to several shards or held "
            "in each server's L1 for a second, and a lease or early expiration so an expiring "
            "key costs one recompute, not one per request.",
            trade_off="Delete on write against update on write, and the TTL as a bound on "
            "staleness, not the freshness mechanism.",
        ),
        staff=Level(
            estimates="The database load when one shard is lost, as a multiple of its planned "
            "load, and the monthly bill, where lookups crossing zones cost more than the memory.",
            deep_dive="*Eviction, TTLs and consistency*: LRU against LFU under scans, separate "
            "pools per workload, invalidations replayed from the database's commit log.",
            trade_off="A copy per zone read locally against one copy spread over zones: more "
            "memory against the inter-zone bill and a fallback zone for failures.",
            failure_modes="A shard lost (replica promotion, a gutter pool rather than rehashing "
            "onto neighbours), a cold cluster warmed from a warm one, a stampede on one key, "
            "stale values after a lost delete.",
        ),
    ),
    ProblemLevels(
        name="Job scheduler",
        page="problems/job-scheduler.md",
        mid=Level(
            estimates="Runs a second on average from the schedules and their runs a day, and "
            "the run history's storage.",
            deep_dive="*Leases, at least once, and effects exactly once*, its first half: due "
            "rows claimed with `FOR UPDATE SKIP LOCKED` under a lease, so two dispatchers never "
            "take the same run and a dead one's runs come back.",
            trade_off="Polling a table against a queue with delayed delivery.",
        ),
        senior=Level(
            estimates="The runs due at :00 and their rate within the start target, as a multiple "
            "of the average, and the worker pool that starts them in time.",
            deep_dive="*The top of the hour*: hashed minutes for schedules that allow it, the "
            "pool scaled out before the hour, the due slice sharded by schedule.",
            trade_off="Retrying a run whose outcome is unknown against skipping it: a possible "
            "second run absorbed by idempotency keys against a possible missed one.",
        ),
        staff=Level(
            estimates="The time to drain the backlog a worker-pool outage leaves, with and "
            "without the top of the hour, and the monthly bill, where the burst size of the "
            "pool is the compute paid for.",
            deep_dive="Fencing tokens and idempotency keys carried to the targets, the lease "
            "length set between clock skew and the start target, and *Retries, backoff and "
            "missed runs* with a retry budget.",
            trade_off="One elected leader against dispatchers that each claim a shard of the due "
            "slice: simple reasoning against throughput.",
            failure_modes="A worker pool outage (missed-run policies before re-enqueueing), a "
            "paused dispatcher waking past its lease, a failing target under a retry storm, a "
            "lost zone, daylight-saving gaps, the planner falling behind.",
        ),
    ),
    ProblemLevels(
        name="Photo sharing",
        page="problems/photo-sharing.md",
        mid=Level(
            estimates="Uploads and photo views a second, average and peak, and the bytes of one "
            "photo summed over the original and its renditions.",
            deep_dive="*Upload and resize*: a signed URL so the phone sends the bytes straight "
            "to the object store, and a queue of resize jobs that write each rendition once.",
            trade_off="Images in object storage behind a CDN against images in the database.",
        ),
        senior=Level(
            estimates="Media bytes against metadata bytes a day and over five years, the egress "
            "of photo views, and the origin's share of it at the CDN's hit ratio.",
            deep_dive="*Serving photos through a CDN*: immutable URLs with a year's max-age, an "
            "origin shield that collapses misses, and popularity that falls with age.",
            trade_off="Renditions made eagerly on upload against cut on first request, and "
            "keeping the original (most of the bytes) or not.",
        ),
        staff=Level(
            estimates="The monthly bill as two planes, with the media plane almost all of it, "
            "and the origin egress each point of hit ratio costs.",
            deep_dive="*Metadata and the feed*: shards by owner with the shard inside the id, "
            "the hot rows in memory, fan-out on write with the largest accounts pulled, and only "
            "posts whose renditions exist fanned out.",
            trade_off="Colder storage classes and newer image formats against retrieval latency, "
            "encode CPU and clients that cannot decode them.",
            failure_modes="A lost zone (utilization on the survivors), the resize fleet stopped "
            "at peak and the time to drain its backlog, a falling CDN hit ratio, deletions that "
            "linger in caches, orphaned uploads.",
        ),
    ),
    ProblemLevels(
        name="Search over posts",
        page="problems/search.md",
        mid=Level(
            estimates="Posts indexed and searches a second, and the documents a year of posts "
            "makes.",
            deep_dive="*The inverted index, its size and its freshness*, its first half: "
            "analysis into terms, postings lists, and an index fed from the database's change "
            "log rather than dual writes.",
            trade_off="A dedicated search engine against the database's full-text search.",
        ),
        senior=Level(
            estimates="Index size as documents × distinct terms × bytes per posting, the shards "
            "it needs, and the share of queries slowed when each visits every shard.",
            deep_dive="*Sharding by document or by term*: scatter-gather over document shards, "
            "the gigabytes a common term ships when sharded by term, hedged requests.",
            trade_off="Refresh interval: freshness of new posts against indexing throughput and "
            "segment merges.",
        ),
        staff=Level(
            estimates="Servers when every query visits every shard against a recent tier "
            "searched first, the indexing lag as the sum of its waits, and the bill, which is "
            "the search fleet.",
            deep_dive="*Ranking, BM25 then a learned re-ranker*: a first phase per shard, a "
            "re-ranker over the merged top few hundred within its latency budget, and training "
            "labels corrected for position bias.",
            trade_off="Time tiers against one index for all time: few shards per query against "
            "a second path for queries that reach back.",
            failure_modes="A slow shard (partial results, hedging), a lost zone, a retry storm "
            "and a retry budget, an indexer outage and its drain time, breaking-news query "
            "spikes, reindexing beside the live index, deleted posts filtered at hydration.",
        ),
    ),
    ProblemLevels(
        name="Live comments",
        page="problems/live-comments.md",
        mid=Level(
            estimates="Open connections and the gateway servers that hold them, and comments "
            "written a second across all streams.",
            deep_dive="*Fan-out in tiers*, its first half: persistent connections (server-sent "
            "events or WebSockets), gateways that subscribe to the streams their viewers watch.",
            trade_off="Push over persistent connections against polling.",
        ),
        senior=Level(
            estimates="Messages out a second for one hot stream (comments × viewers), against "
            "the same with each viewer capped at what a person can read, and per gateway.",
            deep_dive="*Sampling a hot stream*: one sampler per stream, signals over random "
            "choice, the author's own comment and followed authors added per viewer, frames "
            "batched per interval.",
            trade_off="One shared sample on the channel against a choice per viewer at the "
            "gateway, which needs every comment at every gateway.",
        ),
        staff=Level(
            estimates="The traffic to gateways with and without the sample, relays to bound "
            "one sender, the reconnect rate after a lost zone, and the bill, where egress leads.",
            deep_dive="*The write path and moderation*: rate limits and slow mode, fast checks "
            "before publishing and removals after, shadow bans, comments stored with their video "
            "offset for replay.",
            trade_off="Moderating before publishing against after: latency on every comment "
            "against abuse seen briefly.",
            failure_modes="A lost gateway zone and its reconnect storm, the hot stream's "
            "sampler or dispatcher failing over, moderation stalling at peak (fail closed, drain "
            "time), a comment raid, slow clients dropped rather than buffered.",
        ),
    ),
    ProblemLevels(
        name="Distributed message queue",
        page="problems/message-queue.md",
        mid=Level(
            estimates="Messages and bytes a second at the average and the peak, and the data "
            "kept for the retention period.",
            deep_dive="*Partitions, ordering and consumer groups*, its first half: a topic split "
            "into partitions by key hash, order per partition only, one consumer per partition "
            "in a group, offsets committed after processing.",
            trade_off="A log that keeps messages for replay against a task queue that deletes "
            "them once acknowledged.",
        ),
        senior=Level(
            estimates="Partitions from both the producers' and the consumers' rate, with room "
            "to catch up, and retention storage with its replicas against brokers' disks.",
            deep_dive="*Replication, ISR and acks*: followers that pull, the high watermark, "
            "`acks=all` with `min.insync.replicas = 2`, leader election from the ISR only, "
            "idempotent producers.",
            trade_off="`acks=all` against `acks=1`: a replication round trip against losing the "
            "last messages when a leader dies.",
        ),
        staff=Level(
            estimates="Brokers for disk against brokers for the network, the time a group takes "
            "to drain the backlog of an outage at peak, and the bill, where replication "
            "between zones costs more than the brokers.",
            deep_dive="*Retention, storage and tiered storage*: old segments in object storage "
            "so the brokers are sized for traffic and failures, reads from the nearest replica "
            "to cut traffic between zones.",
            trade_off="Partitions chosen once for years of growth against their cost in files, "
            "elections and rebalances; local disks against tiered storage.",
            failure_modes="A consumer group's outage and its catch-up overloading the sink "
            "(retries in one place), a lost broker and its re-replication, a lost zone against "
            "the headroom, a shrinking ISR, a poison message, a hot partition.",
        ),
    ),
    ProblemLevels(
        name="LLM chat service",
        page="problems/llm-chat.md",
        mid=Level(
            estimates="Messages a second at the average and the peak, output tokens a second at "
            "peak, and the weights' memory of the model in its precision.",
            deep_dive="*Streaming and rate limits in tokens*, its first half: the reply streamed "
            "over server-sent events, a dropped stream resumed with `Last-Event-ID`, proxies "
            "told not to buffer.",
            trade_off="Server-sent events against WebSockets for a reply that flows one way.",
        ),
        senior=Level(
            estimates="The KV cache per token and per conversation, the conversations one "
            "replica's GPUs hold beside the weights, and decode speed from memory bandwidth.",
            deep_dive="*GPU memory and the KV cache*: paged blocks instead of slabs reserved at "
            "the longest length, grouped-query attention and an fp8 cache, prefix caching "
            "with routing back to the replica that holds the prefix.",
            trade_off="Batch size against each stream's speed: cost per token against time per "
            "output token.",
        ),
        staff=Level(
            estimates="GPUs for decode by Little's law and GPUs for prefill from two operations "
            "per parameter per token, and the bill, where the peak-sized fleet makes served "
            "tokens cost several times a busy replica's.",
            deep_dive="*Continuous batching, prefill and decode*: iteration-level scheduling, "
            "chunked prefill against separate prefill and decode pools with their own TTFT "
            "and TPOT targets, and limits metered in tokens with reservations refunded.",
            trade_off="Serving on own GPUs against a provider's API, and prefix affinity "
            "against load balance.",
            failure_modes="A GPU lost mid-reply and its batch re-prefilled elsewhere, a lost "
            "zone against the headroom (shed the free tier), a retry storm that pays prefill "
            "on every retry, long contexts forcing preemptions, a bad model release.",
        ),
    ),
    ProblemLevels(
        name="Object storage",
        page="problems/object-storage.md",
        mid=Level(
            estimates="PUTs and GETs a second at the average and the peak, bytes written a day "
            "and stored after the retention period, and the number of objects.",
            deep_dive="*The metadata path and multipart upload*, its first half: metadata rows "
            "apart from the bytes, and a large upload in parts retried one by one and "
            "completed atomically.",
            trade_off="Three copies against erasure coding, in bytes on disk.",
        ),
        senior=Level(
            estimates="Bytes on disk with the erasure code against three copies, the nines of "
            "each from the disks' failure rate and the repair time, and the metadata nodes.",
            deep_dive="*Erasure coding or copies*: repair traffic of k shards per lost shard, "
            "repair spread over many peers, small objects packed into sealed extents, "
            "systematic codes that read without decoding.",
            trade_off="Range against hash partitioning of metadata: ordered listing by prefix "
            "against hot ranges to split.",
        ),
        staff=Level(
            estimates="Nines with repair onto one disk against repair by many peers, the load "
            "on disks after a zone loss with degraded reads, and the monthly saving of "
            "coding over copies.",
            deep_dive="*Surviving a zone*: no more than m shards of a stripe in a zone (why "
            "RS(10,4) over three zones fails), the degraded reads that follow, and f4's XOR "
            "across data centers.",
            trade_off="A code spanning zones against codes within a zone plus copies across "
            "zones: bytes against degraded reads during an outage.",
            failure_modes="A failed disk and its throttled repair, a lost zone and degraded "
            "reads, silent corruption caught by checksums and scrubbing, correlated failures "
            "of one disk batch, a metadata leader lost, data deleted by a bug or an operator.",
        ),
    ),
    ProblemLevels(
        name="Metrics monitoring and alerting",
        page="problems/metrics-monitoring.md",
        mid=Level(
            estimates="Active series from targets and series per target, and samples a second "
            "from the series and the scrape interval.",
            deep_dive="*Ingestion, cardinality and compression*, its first half: scrape, "
            "remote write, series sharded to ingesters, and what a label does to the series "
            "count.",
            trade_off="Pull against push: knowing a target is down and controlling the rate, "
            "against short-lived jobs and targets the scraper cannot reach.",
        ),
        senior=Level(
            estimates="The series held in memory with replication and the ingesters they need, "
            "compressed bytes a sample, and storage for raw and downsampled retention.",
            deep_dive="*Retention, downsampling and storage*: two-hour blocks in object storage, "
            "compaction, a retention per resolution, and why downsampling alone saves no space.",
            trade_off="Resolution against retention: zooming into last year at full resolution "
            "against a store several times smaller.",
        ),
        staff=Level(
            estimates="Series in memory as the figure that sizes the cluster and the bill, the "
            "detection delay from scrape to page, and what a 3-day alert window reads on each "
            "evaluation.",
            deep_dive="*The alert evaluation loop and burn-rate alerts*: multiwindow SLO rules "
            "derived from the budget, recorded windows that keep them cheap, Alertmanager "
            "grouping and the watchers kept off the infrastructure they watch.",
            trade_off="Cardinality limits that reject a tenant's writes against the freedom to "
            "label: who is refused, and where detail goes instead (logs, traces, exemplars).",
            failure_modes="A cardinality explosion running ingesters out of memory, a lost zone "
            "of ingesters, the write path down with the backlog replayed from scrapers' logs, "
            "retries on an overloaded write path, the monitoring system down in an incident.",
        ),
    ),
    ProblemLevels(
        name="Stock exchange",
        page="problems/stock-exchange.md",
        mid=Level(
            estimates="Order messages a second over the trading session rather than a 24-hour "
            "day, the busiest second at a burst factor, and the journal written a day.",
            deep_dive="*One sequence, one thread per book*, its first half: an order book of "
            "price levels with a queue per level, price-time priority, integer prices and a "
            "map from order ID for constant-time cancels.",
            trade_off="One matching thread per book against several threads with locks: "
            "determinism and no contention against a ceiling per symbol.",
        ),
        senior=Level(
            estimates="The latency budget as a sum of hops in microseconds, set against the same "
            "path on a cloud network with an fsync; matching threads sized for the busiest "
            "millisecond, and market-data bandwidth.",
            deep_dive="*The latency budget, hop by hop*: durability by a copy in a standby's "
            "memory instead of a disk write, kernel-bypass networking, and the stalls (pauses, "
            "interrupts) that make the 99.9th percentile.",
            trade_off="Replication to memory against an fsync per event: microseconds against a "
            "window where losing both machines loses acknowledged orders.",
        ),
        staff=Level(
            estimates="The busiest symbol's rate against one thread (it cannot be split), the "
            "delay a burst causes on a shared thread, unicast against multicast bandwidth for "
            "every subscriber, and the time to replay a day's journal.",
            deep_dive="*Market data by multicast* with the sequencer behind it: sequence "
            "numbers from order entry to the feed, A and B feeds, retransmission and "
            "snapshots for late joiners, fairness in colocation.",
            trade_off="A central sequencer against a sequence per shard; continuous matching "
            "against frequent batch auctions that end the speed race.",
            failure_modes="A matching engine or the sequencer failing over without losing or "
            "repeating an event (epochs, fencing, halting when in doubt), a cold replay far "
            "too long mid-session, a gateway lost at the peak, a runaway client stopped by "
            "throttles and a kill switch, packet loss and retransmission storms on the feed.",
        ),
    ),
    ProblemLevels(
        name="Nearby friends",
        page="problems/nearby-friends.md",
        mid=Level(
            estimates="Online users at the peak and their location updates a second, one every "
            "30 seconds each, and the connection servers to hold them.",
            deep_dive="*Connection servers and the radius check*, its first half: a WebSocket "
            "per phone, updates that double as heartbeats, a great-circle distance per friend, "
            "a time to live on each location.",
            trade_off="Pushing changes against polling friends' latest locations every few "
            "seconds.",
        ),
        senior=Level(
            estimates="Deliveries a second as updates times online friends (the online share "
            "counted twice), the pub/sub nodes they need against the memory of the "
            "subscriptions, and the pushes that pass the radius check.",
            deep_dive="*One channel per user on a pub/sub tier*: connection servers subscribe "
            "to friends' channels, at-most-once delivery accepted because the next update "
            "follows, channels placed on a ring, sharded pub/sub in a Redis Cluster.",
            trade_off="Redis pub/sub against a log such as Kafka: no retention and millions of "
            "cheap channels against replay nobody needs.",
        ),
        staff=Level(
            estimates="Traffic between zones from the fan-out, and what a pub/sub tier per zone "
            "saves; servers needed to survive a zone; the reconnect storm with and without "
            "a retry budget.",
            deep_dive='*What changes from nearby places, and "anyone nearby"*: why an index '
            "of moving users is the wrong tool for friends, and channels per geohash cell, "
            "with their overfetch and hot cells, for strangers.",
            trade_off="Update interval and precision against battery, load and privacy: "
            "adaptive intervals, approximate distances by default.",
            failure_modes="A connection server or a zone lost and the reconnect storm that "
            "follows, a pub/sub node lost and its channels subscribed again, rebalancing "
            "channels when nodes are added, stale locations, a location leaked by a bug.",
        ),
    ),
    ProblemLevels(
        name="Maps and ETA",
        page="problems/maps-eta.md",
        mid=Level(
            estimates="Tiles per zoom level as 4^z and the total to zoom 21, tile requests a "
            "second, and the share the CDN answers.",
            deep_dive="*Tiles, zoom levels and the CDN*, its first half: tiles addressed by "
            "zoom, x and y, immutable per release and cached at the edge; open sea as one "
            "blank tile.",
            trade_off="Prerendering tiles against rendering them on demand and caching.",
        ),
        senior=Level(
            estimates="Storage for raster tiles to zoom 21 against vector tiles to zoom 14, the "
            "routing graph's memory with shortcuts, and a Dijkstra search against a "
            "contraction-hierarchy query, in time and in servers.",
            deep_dive="*Routing with contraction hierarchies*: node order, shortcuts, the "
            "upward bidirectional search and unpacking, and why the graph is replicated "
            "rather than sharded by region.",
            trade_off="Raster against vector tiles: any client and petabytes against a few "
            "terabytes and a renderer on the phone.",
        ),
        staff=Level(
            estimates="Probe points a second and the segment speed updates they produce, the "
            "time to ship a new metric to every replica, and ETA refreshes as the load that "
            "sizes routing.",
            deep_dive="*Live traffic and the ETA*: map matching, speeds per segment blended "
            "with historical profiles, customizable route planning so a new metric applies in "
            "seconds, predicted speeds for the later part of the route.",
            trade_off="Contraction hierarchies against customizable schemes (CRP, CCH): the "
            "fastest queries against metric updates every minute.",
            failure_modes="The traffic pipeline stalling and its backlog (skip to the newest "
            "points), a bad metric or map release rolled back, a CDN miss storm after a "
            "release, a zone of routing servers lost, retries multiplying load, spoofed "
            "probes.",
        ),
    ),
)


def _rows(entries: tuple[ProblemLevels, ...]) -> tuple[ProblemLevels, ...]:
    """The entries in the problems table's order, then the rest.

    A problem without an entry gets a blank row, so validation names it; an entry whose page
    is no problem's, or a second entry for the same page, comes last, and validation names it.

    >>> [row.name for row in _rows(_ENTRIES[1:])][:2]
    ['News feed', 'URL shortener']
    >>> _rows(_ENTRIES[1:])[0].problems().__next__()[1].startswith("no levels yet")
    True
    """
    first: dict[str, ProblemLevels] = {}
    for entry in entries:
        first.setdefault(entry.page, entry)
    rows = [
        first.get(p.page)
        or ProblemLevels(name=p.name, page=p.page, mid=_BLANK, senior=_BLANK, staff=_BLANK)
        for p in PROBLEMS.rows
    ]
    used = {id(row) for row in rows}
    return (*rows, *(entry for entry in entries if id(entry) not in used))


LEVELS: Table[ProblemLevels] = Table(
    name="levels",
    title="What each level is expected to show",
    caption="For each problem, what a mid-level, a senior and a staff candidate show "
    "without being prompted.",
    columns=(
        Column("name", "Problem"),
        Column("mid", "Mid-level"),
        Column("senior", "Senior"),
        Column("staff", "Staff"),
    ),
    rows=_rows(_ENTRIES),
)

TABLES: list[Table[Any]] = [LEVELS]
LISTS: list[ItemList] = []
