"""Search tables: the parts of a search engine, partitioning an index, relevance models, engines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = [
    "TABLES",
    "LISTS",
    "SearchPart",
    "IndexPartitioning",
    "RelevanceModel",
    "SearchEngine",
    "SEARCH_PARTS",
    "INDEX_PARTITIONING",
    "RELEVANCE_MODELS",
    "SEARCH_ENGINES",
]

_IR_BOOK = Source(
    "Manning, Raghavan and Schütze — Introduction to Information Retrieval (Cambridge, 2008)",
    "https://nlp.stanford.edu/IR-book/",
    2026,
)
_IR_DISTRIBUTED = Source(
    "Introduction to Information Retrieval — 20.3 Distributing indexes",
    "https://nlp.stanford.edu/IR-book/html/htmledition/distributing-indexes-1.html",
    2026,
)
_BM25 = Source(
    "Robertson and Zaragoza — The Probabilistic Relevance Framework: BM25 and Beyond (2009)",
    "https://www.staff.city.ac.uk/~sbrp622/papers/foundations_bm25_review.pdf",
    2026,
)
_ES_SIMILARITY = Source(
    "Elasticsearch reference — Similarity settings (BM25 default, k1 = 1.2, b = 0.75)",
    "https://www.elastic.co/guide/en/elasticsearch/reference/current/index-modules-similarity.html",
    2026,
)
_ES_REFRESH = Source(
    "Elasticsearch reference — Near real-time search (refresh every second by default)",
    "https://www.elastic.co/guide/en/elasticsearch/reference/current/near-real-time.html",
    2026,
)
_ES_SHARDS = Source(
    "Elasticsearch reference — Size your shards",
    "https://www.elastic.co/guide/en/elasticsearch/reference/current/size-your-shards.html",
    2026,
)
_ES_LICENCE = Source(
    "Elastic — Elasticsearch is Open Source. Again! (AGPL added, August 2024)",
    "https://www.elastic.co/blog/elasticsearch-is-open-source-again",
    2026,
)
_OPENSEARCH = Source(
    "OpenSearch documentation — Introduction to OpenSearch",
    "https://docs.opensearch.org/latest/getting-started/intro/",
    2026,
)
_SOLR = Source(
    "Apache Solr Reference Guide — SolrCloud",
    "https://solr.apache.org/guide/solr/latest/deployment-guide/cluster-types.html",
    2026,
)
_VESPA = Source("Vespa documentation — Overview", "https://docs.vespa.ai/en/overview.html", 2026)
_TYPESENSE = Source(
    "Typesense documentation — High availability (Raft clustering)",
    "https://typesense.org/docs/guide/high-availability.html",
    2026,
)
_POSTGRES_FTS = Source(
    "PostgreSQL documentation — Full Text Search (tsvector, GIN indexes, ts_rank)",
    "https://www.postgresql.org/docs/current/textsearch.html",
    2026,
)
_HNSW = Source(
    "Malkov and Yashunin — Efficient and robust approximate nearest neighbor search using "
    "Hierarchical Navigable Small World graphs (2016)",
    "https://arxiv.org/abs/1603.09320",
    2026,
)
_RRF = Source(
    "Cormack, Clarke and Büttcher — Reciprocal Rank Fusion outperforms Condorcet and "
    "individual rank learning methods (SIGIR 2009)",
    "https://plg.uwaterloo.ca/~gvcormac/cormacksigir09-rrf.pdf",
    2026,
)
_LTR = Source(
    "Elasticsearch reference — Learning To Rank",
    "https://www.elastic.co/guide/en/elasticsearch/reference/current/learning-to-rank.html",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class SearchPart(Record):
    """A building block of a search engine: what it is, what it buys and what it costs."""

    what: str
    buys: str
    costs: str


SEARCH_PARTS: Table[SearchPart] = Table(
    name="search_parts",
    title="Parts of a search engine",
    caption="From text to a ranked page of results. The analyzer runs twice, on documents "
    "when they are indexed and on the query when it arrives: both must agree or terms "
    "never match.",
    columns=(
        Column("name", "Part"),
        Column("what", "What it is"),
        Column("buys", "What it buys"),
        Column("costs", "What it costs"),
    ),
    rows=(
        SearchPart(
            name="Analyzer",
            what="Splits text into tokens and normalises them: lower-casing, accent folding, "
            "stop words, stemming (running → run), synonyms",
            buys="'Running Shoes' matches a search for 'run shoe'",
            costs="Decided per field at index time; changing it means reindexing. Each "
            "language needs its own",
            source=_IR_BOOK,
        ),
        SearchPart(
            name="Inverted index",
            what="A sorted dictionary of terms, each pointing to its postings list: the ids "
            "of the documents holding the term (with counts and positions)",
            buys="A query reads only the postings of its terms, not every document; AND "
            "intersects lists, OR merges them",
            costs="Several times slower to write than a row: every document touches one "
            "postings list per distinct term. Positions (for phrases) add size",
            source=_IR_BOOK,
        ),
        SearchPart(
            name="Immutable segments",
            what="New documents go to a small new index segment; segments are never edited, "
            "deletes are marked, and background merges combine segments",
            buys="Cheap, lock-free reads and caching; writes are batched",
            costs="A document is searchable only after a refresh (Elasticsearch: every second "
            "by default), so search is near real-time, not read-your-writes. Merges use I/O",
            source=_ES_REFRESH,
        ),
        SearchPart(
            name="Doc values (column store)",
            what="A per-field column of values, next to the inverted index",
            buys="Sorting, facets and aggregations (count by brand, price ranges) without "
            "reading whole documents",
            costs="Extra disk per field; turn it off for fields never sorted or aggregated",
            source=_IR_BOOK,
        ),
        SearchPart(
            name="Edge n-grams and prefix tries",
            what="Index every prefix of a word ('sho', 'shoe', …) or keep a trie of popular "
            "queries",
            buys="Search-as-you-type and autocomplete in one lookup per keystroke",
            costs="A larger index; typo tolerance needs fuzzy matching (edit distance) on top",
            source=_IR_BOOK,
        ),
        SearchPart(
            name="Vector index (HNSW)",
            what="Embeddings of documents in a graph for approximate nearest-neighbour search",
            buys="Matches by meaning: 'cheap flight' finds 'low-cost airfare'",
            costs="Approximate (recall below 100%), memory-hungry, slower to build; exact "
            "terms, ids and rare names are still better served by the inverted index",
            source=_HNSW,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class IndexPartitioning(Record):
    """One way to split an index over machines: how, what a query and a write cost."""

    how: str
    query: str
    write: str
    used_by: str


INDEX_PARTITIONING: Table[IndexPartitioning] = Table(
    name="index_partitioning",
    title="Sharding a search index",
    caption="The same choice as a database's local versus global secondary index. Large "
    "engines partition by document and add replicas for query throughput.",
    columns=(
        Column("name", "Partitioned by"),
        Column("how", "How"),
        Column("query", "A query"),
        Column("write", "A write"),
        Column("used_by", "Used by"),
    ),
    rows=(
        IndexPartitioning(
            name="Document (local index)",
            how="Each shard holds a subset of the documents and a complete index of them",
            query="Scatter to every shard, each returns its top k, a coordinator merges: "
            "latency is set by the slowest shard",
            write="Touches one shard",
            used_by="Elasticsearch, OpenSearch, Solr, Vespa, most web-scale engines",
            source=_IR_DISTRIBUTED,
        ),
        IndexPartitioning(
            name="Term (global index)",
            how="Each shard holds the full postings lists of a subset of the terms",
            query="Touches only the shards of its terms, but multi-term queries ship "
            "postings lists between machines to intersect them",
            write="Touches one shard per distinct term of the document",
            used_by="Rare for full text; the pattern of a global secondary index "
            "(e.g. DynamoDB GSIs, looked up by one key)",
            source=_IR_DISTRIBUTED,
        ),
        IndexPartitioning(
            name="Routing key (document, narrowed)",
            how="Documents are sharded by a key the query always carries, such as tenant "
            "or user id",
            query="Touches one shard: no scatter-gather",
            write="Touches one shard",
            used_by="Per-tenant or per-user search (a mailbox, a shop's catalogue); large "
            "tenants become hot shards",
            source=_ES_SHARDS,
        ),
    ),
)


@dataclass(frozen=True, kw_only=True)
class RelevanceModel(Record):
    """A way to rank matching documents: the idea, where it shines, where it fails."""

    idea: str
    good_at: str
    weak_at: str


RELEVANCE_MODELS: Table[RelevanceModel] = Table(
    name="relevance_models",
    title="Relevance: how results are ranked",
    caption="Matching decides which documents qualify; relevance orders them. Most systems "
    "start with BM25 and field boosts, then add signals (recency, popularity) and, with "
    "enough click data, a learned re-ranker.",
    columns=(
        Column("name", "Model"),
        Column("idea", "Idea"),
        Column("good_at", "Good at"),
        Column("weak_at", "Weak at"),
    ),
    rows=(
        RelevanceModel(
            name="Boolean match",
            idea="A document matches or not; no score",
            good_at="Filters: category, price range, in stock",
            weak_at="Ordering: thousands of equal matches",
            source=_IR_BOOK,
        ),
        RelevanceModel(
            name="TF-IDF",
            idea="Score = how often the term is in the document (TF) × how rare it is in the "
            "collection (IDF, the log of N over the documents holding it)",
            good_at="Rare terms count more than common ones; cheap to compute",
            weak_at="TF grows without limit (a page repeating a word wins); long documents "
            "are favoured",
            source=_IR_BOOK,
        ),
        RelevanceModel(
            name="BM25",
            idea="TF-IDF with a saturating TF (parameter k1) and length normalisation "
            "(parameter b); Lucene, Elasticsearch and OpenSearch default: k1 = 1.2, b = 0.75",
            good_at="A strong, tuning-free baseline for keyword search",
            weak_at="No notion of meaning: synonyms and paraphrases miss",
            source=_BM25,
        ),
        RelevanceModel(
            name="Field boosts and signals",
            idea="Weight fields (title over body) and blend in business signals: recency, "
            "popularity, rating, distance",
            good_at="Product and content search where 'best' is not only 'most textual'",
            weak_at="Hand-tuned weights drift; measure with judged queries, not anecdotes",
            source=_ES_SIMILARITY,
        ),
        RelevanceModel(
            name="Learning to rank",
            idea="A model re-ranks the top few hundred BM25 hits using many features, trained "
            "on clicks or human judgements",
            good_at="Large gains once there is click data",
            weak_at="Needs data, features kept in sync at query time, and guarding against "
            "position bias in clicks",
            source=_LTR,
        ),
        RelevanceModel(
            name="Vector and hybrid",
            idea="Rank by embedding similarity; hybrid search runs BM25 and vectors and fuses "
            "the two lists (e.g. reciprocal rank fusion)",
            good_at="Natural-language queries and synonyms; hybrid keeps exact matches",
            weak_at="Embedding cost, approximate recall, and results that are hard to explain",
            source=_RRF,
        ),
    ),
)


_SHARDS = "shards across nodes"
_VECTORS = "vector search built in"


@dataclass(frozen=True, kw_only=True)
class SearchEngine(Record):
    """A search engine or store with full-text search: its core, scaling model and fit."""

    core: str
    licence: str
    scaling: str
    fits: str


SEARCH_ENGINES: Table[SearchEngine] = Table(
    name="search_engines",
    title="Search engines compared",
    caption="Licences and clustering change between releases: each row names its source "
    "and the year it was checked.",
    ages=True,
    facets=(_SHARDS, _VECTORS),
    columns=(
        Column("name", "Engine"),
        Column("core", "Core"),
        Column("licence", "Licence"),
        Column("scaling", "Scaling"),
        Column("fits", "Fits"),
    ),
    rows=(
        SearchEngine(
            name="Elasticsearch",
            tags=frozenset({_SHARDS, _VECTORS}),
            core="Apache Lucene (Java)",
            licence="AGPL v3, SSPL or Elastic License (choice since 2024)",
            scaling="Document-sharded indexes with replicas; primary shard count fixed at "
            "creation (split, shrink or reindex to change it)",
            fits="Full-text and log search, aggregations, hybrid vector search",
            source=_ES_LICENCE,
        ),
        SearchEngine(
            name="OpenSearch",
            tags=frozenset({_SHARDS, _VECTORS}),
            core="Apache Lucene (Java); fork of Elasticsearch 7.10 (2021)",
            licence="Apache 2.0, under the Linux Foundation",
            scaling="As Elasticsearch: document-sharded indexes with replicas",
            fits="The same uses where an Apache licence or AWS's managed service matters",
            source=_OPENSEARCH,
        ),
        SearchEngine(
            name="Apache Solr",
            tags=frozenset({_SHARDS, _VECTORS}),
            core="Apache Lucene (Java)",
            licence="Apache 2.0",
            scaling="SolrCloud: sharded collections, coordinated by ZooKeeper",
            fits="Enterprise and site search with a long-lived, stable stack",
            source=_SOLR,
        ),
        SearchEngine(
            name="Vespa",
            tags=frozenset({_SHARDS, _VECTORS}),
            core="Own engine (C++ and Java)",
            licence="Apache 2.0",
            scaling="Content nodes with automatic redistribution; ranking runs on the nodes",
            fits="Large-scale ranking, recommendation and vector search with ML models",
            source=_VESPA,
        ),
        SearchEngine(
            name="Typesense",
            tags=frozenset({_VECTORS}),
            core="Own engine (C++), index held in memory",
            licence="GPL v3",
            scaling="Raft cluster of full replicas: more nodes add reads and availability, "
            "not capacity",
            fits="Typo-tolerant instant search over a data set that fits in one node's RAM",
            source=_TYPESENSE,
        ),
        SearchEngine(
            name="PostgreSQL full-text",
            core="tsvector columns with GIN indexes",
            licence="PostgreSQL licence",
            scaling="Whatever the database does: one primary, read replicas",
            fits="Search inside an existing database up to millions of rows; ts_rank is not "
            "BM25 (no collection statistics)",
            source=_POSTGRES_FTS,
        ),
    ),
)

SEARCH_DESIGN_RULES = ItemList(
    name="search_design_rules",
    title="Search in a design review",
    items=(
        Item(
            "The database stays the source of truth",
            "The search index is a derived view that can be rebuilt from it; never write only "
            "to the index.",
        ),
        Item(
            "Feed the index from the database's changes",
            "Change data capture or an outbox, through a queue, to an indexer: no dual writes "
            "from the application, which drift apart on partial failure.",
        ),
        Item(
            "Say what 'fresh' means",
            "A new document appears after the pipeline's lag plus the refresh interval "
            "(about a second by default in Elasticsearch); show the author their own post "
            "from the database, not from the index.",
            source=_ES_REFRESH,
        ),
        Item(
            "Reindex with an alias",
            "Build the new index beside the old one, replay changes, then swap an alias: a "
            "mapping or analyzer change never means downtime.",
        ),
        Item(
            "Size shards, then count them",
            "Elasticsearch's guidance is tens of GB per shard (10–50 GB) and few enough "
            "shards per node; too many small shards waste memory and slow every query.",
            source=_ES_SHARDS,
        ),
        Item(
            "Budget the scatter-gather tail",
            "A document-sharded query waits for its slowest shard: more shards mean a worse "
            "tail. Replicas, hedged requests and timeouts with partial results help.",
        ),
        Item(
            "Measure relevance",
            "Keep a set of judged queries and track a ranking metric (NDCG, precision at k) "
            "and click-through; change scoring only against it.",
        ),
    ),
)

_TABLES: tuple[Table[Any], ...] = (
    SEARCH_PARTS,
    INDEX_PARTITIONING,
    RELEVANCE_MODELS,
    SEARCH_ENGINES,
)
# Any: Table is invariant in its row type, and the catalog reads rows as Record.
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = [SEARCH_DESIGN_RULES]
