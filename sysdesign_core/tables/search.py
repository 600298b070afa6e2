"""Search tables: how an inverted index is partitioned, and the basics of relevance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Column, Item, ItemList, Record, Source, Table

__all__ = ["TABLES", "LISTS", "IndexPartitioning"]

_IIR = Source(
    "Manning, Raghavan and Schütze — Introduction to Information Retrieval, chapter 20.3 "
    "(distributing indexes)",
    "https://nlp.stanford.edu/IR-book/html/htmledition/distributing-indexes-1.html",
    2026,
)
_ES_SHARDS = Source(
    "Elasticsearch Guide — Size your shards",
    "https://www.elastic.co/guide/en/elasticsearch/reference/current/size-your-shards.html",
    2026,
)
_ES_SIMILARITY = Source(
    "Elasticsearch Guide — Similarity module (BM25 is the default)",
    "https://www.elastic.co/guide/en/elasticsearch/reference/current/index-modules-similarity.html",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class IndexPartitioning(Record):
    """A way to split an inverted index over machines, and what queries and writes cost."""

    how: str
    queries: str
    writes: str
    used_by: str


SEARCH_PARTITIONING: Table[IndexPartitioning] = Table(
    name="search_partitioning",
    title="Sharding a search index: by document or by term",
    ages=True,
    columns=(
        Column("name", "Partitioning"),
        Column("how", "How"),
        Column("queries", "A query"),
        Column("writes", "A new document"),
        Column("used_by", "Used by"),
    ),
    rows=(
        IndexPartitioning(
            name="By document (local index)",
            how="Each shard holds a full inverted index of its own documents",
            queries="Goes to every shard; each returns its top k; a coordinator merges them. "
            "The slowest shard sets the latency",
            writes="Touches one shard",
            used_by="Elasticsearch, OpenSearch, Solr: the usual choice",
            source=_ES_SHARDS,
        ),
        IndexPartitioning(
            name="By term (global index)",
            how="Each shard holds the full posting lists of some terms",
            queries="Goes only to the shards of its terms; a multi-term query intersects "
            "posting lists fetched across shards",
            writes="Touches a shard per distinct term in the document",
            used_by="Rare in practice: skew from common terms and costly writes",
            source=_IIR,
        ),
    ),
)


RELEVANCE_BASICS = ItemList(
    name="relevance_basics",
    title="Relevance basics",
    items=(
        Item(
            "Inverted index",
            "For each term, the sorted list of documents containing it (a posting list), "
            "often with positions; a query intersects or unions the lists of its terms.",
            _IIR,
        ),
        Item(
            "Analysis decides what matches",
            "Text is tokenised, lower-cased, stemmed or split into n-grams the same way at "
            "index and query time; a mismatch is why a search finds nothing.",
        ),
        Item(
            "TF-IDF and BM25",
            "A term counts more the more often it occurs in the document (saturating in "
            "BM25) and the rarer it is across all documents; BM25 also normalises for "
            "document length. BM25 is Lucene's and Elasticsearch's default.",
            _ES_SIMILARITY,
        ),
        Item(
            "Text score is one signal of several",
            "Rank by a blend: text relevance, field boosts (title over body), freshness, "
            "popularity, personalisation; rerank the top few hundred with a costlier model.",
        ),
        Item(
            "Near-real-time, not instant",
            "New documents become searchable after a refresh (1 s by default in "
            "Elasticsearch): say so when a user expects to find what they just posted.",
            Source(
                "Elasticsearch Guide — Near real-time search",
                "https://www.elastic.co/guide/en/elasticsearch/reference/current/near-real-time.html",
                2026,
            ),
        ),
        Item(
            "The search index is a copy",
            "Keep the database as the source of truth and feed the index through the outbox "
            "or change data capture; rebuild it from scratch when the mapping changes.",
        ),
    ),
)


_TABLES: tuple[Table[Any], ...] = (SEARCH_PARTITIONING,)
TABLES: list[Table[Record]] = list(_TABLES)
LISTS: list[ItemList] = [RELEVANCE_BASICS]
