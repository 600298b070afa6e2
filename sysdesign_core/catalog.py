"""Every comparison table, checklist and reference list of the site, as typed records.

A page never types a table: it calls ``{{ table("databases") }}`` and the macro renders the
:class:`Table` registered here under that name. Add a row here and every page showing the
table changes. :func:`validate` checks every record (run by the tests and the build).

>>> TABLES["databases"].row("Cassandra").use_when.startswith("Multi-region")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

__all__ = [
    "Source",
    "Record",
    "Column",
    "Table",
    "Item",
    "ItemList",
    "CatalogError",
    "TABLES",
    "LISTS",
    "validate",
]


@dataclass(frozen=True)
class Source:
    """Where a fact that ages comes from, and the year it was checked."""

    title: str
    url: str
    as_of: int


@dataclass(frozen=True, kw_only=True)
class Record:
    """Base of every table row. ``name`` is the first column and unique in its table.

    ``source`` is required for rows of a table whose facts age (``Table.ages``) and for any
    row stating a vendor limit or a measured figure. ``tags`` feed the filters of a
    decision table ("ACID", "full-text", …).
    """

    name: str
    source: Source | None = None
    tags: frozenset[str] = field(default_factory=frozenset)

    def cells(self, columns: Iterable[Column]) -> list[str]:
        """The text of each column of this row."""
        return [str(getattr(self, column.key)) for column in columns]


R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Column:
    """A column: the record field it shows and its header."""

    key: str
    header: str


@dataclass(frozen=True)
class Table(Generic[R]):
    """A comparison table: typed rows, the columns shown, and what the table is for.

    ``ages`` marks a table of facts that go out of date: each row then needs a source and
    an "as of" year, shown on the page. ``facets`` are tags a reader can filter rows by.
    """

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[R, ...]
    caption: str = ""
    ages: bool = False
    facets: tuple[str, ...] = ()

    def row(self, name: str) -> R:
        """The row whose ``name`` is ``name``."""
        for row in self.rows:
            if row.name == name:
                return row
        raise KeyError(f"table {self.name!r} has no row {name!r}")

    def __iter__(self) -> Iterator[R]:
        return iter(self.rows)


@dataclass(frozen=True)
class Item:
    """One entry of a checklist or reference list: a short lead and what it means."""

    text: str
    detail: str = ""
    source: Source | None = None


@dataclass(frozen=True)
class ItemList:
    """A checklist or bullet list (design rules, red flags, …) rendered by ``{{ items(name) }}``."""

    name: str
    title: str
    items: tuple[Item, ...]


class CatalogError(ValueError):
    """A catalog record is incomplete or inconsistent; the message names table, row and field."""


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Database(Record):
    """A data store and when it is the right choice."""

    use_when: str
    avoid_when: str


# --- tables ----------------------------------------------------------------------------------

_DB_DOCS = "https://db-engines.com/en/ranking"

DATABASES: Table[Database] = Table(
    name="databases",
    title="Which database?",
    caption="Start from the access pattern, then pick the store that serves it.",
    columns=(
        Column("name", "System"),
        Column("use_when", "Use when"),
        Column("avoid_when", "Think twice when"),
    ),
    facets=("ACID", "SQL", "full-text", "time-series", "multi-region writes", "analytics",
            "in-memory", "graph", "blobs", "managed"),
    rows=(
        Database(
            name="PostgreSQL",
            use_when="ACID transactions, complex queries and joins, geospatial (PostGIS); "
            "the general-purpose default",
            avoid_when="Writes outgrow one primary and the data cannot be partitioned",
            tags=frozenset({"ACID", "SQL", "full-text"}),
        ),
        Database(
            name="MySQL",
            use_when="Web applications, read replicas fed by the binlog, a wide ecosystem",
            avoid_when="Heavy analytical queries over the live data",
            tags=frozenset({"ACID", "SQL"}),
        ),
        Database(
            name="DynamoDB",
            use_when="Managed key-value or document access with predictable latency and "
            "automatic scaling",
            avoid_when="Ad-hoc queries or joins not planned into the key design",
            tags=frozenset({"managed", "multi-region writes"}),
        ),
        Database(
            name="Cassandra",
            use_when="Multi-region writes, high write throughput, time-series, access "
            "patterns known up front",
            avoid_when="Transactions across rows or queries the partition key cannot answer",
            tags=frozenset({"multi-region writes", "time-series"}),
        ),
        Database(
            name="MongoDB",
            use_when="Flexible schema and nested documents where moderate consistency is fine",
            avoid_when="Many relations between documents that need joins",
            tags=frozenset({"ACID"}),
        ),
        Database(
            name="Redis",
            use_when="Sub-millisecond reads: sessions, leaderboards, rate limits, pub/sub, "
            "counters",
            avoid_when="The data set is larger than memory or must never lose a write",
            tags=frozenset({"in-memory"}),
        ),
        Database(
            name="ClickHouse",
            use_when="OLAP: columnar analytical queries over billions of rows",
            avoid_when="Frequent single-row updates or transactional workloads",
            tags=frozenset({"analytics", "SQL"}),
        ),
        Database(
            name="Elasticsearch",
            use_when="Full-text search, log analytics, faceted search",
            avoid_when="It would be the only copy of the data (treat it as an index)",
            tags=frozenset({"full-text", "analytics"}),
        ),
        Database(
            name="InfluxDB / TimescaleDB",
            use_when="Time-series metrics and IoT data with retention policies",
            avoid_when="General relational data with few time-ordered writes",
            tags=frozenset({"time-series"}),
        ),
        Database(
            name="Neo4j",
            use_when="Graph traversal: fraud rings, recommendations, social graphs",
            avoid_when="Queries rarely follow more than one relationship",
            tags=frozenset({"graph", "ACID"}),
        ),
        Database(
            name="S3 / GCS",
            use_when="Blobs and large files: cheap, durable storage and archives",
            avoid_when="Small records that need low-latency reads or in-place updates",
            tags=frozenset({"blobs", "managed"}),
        ),
    ),
)

TABLES: dict[str, Table[Record]] = {
    table.name: table  # type: ignore[misc]
    for table in [DATABASES]
}

LISTS: dict[str, ItemList] = {item_list.name: item_list for item_list in []}


# --- validation ------------------------------------------------------------------------------


def _check_source(where: str, source: Source | None, required: bool) -> None:
    if source is None:
        if required:
            raise CatalogError(f"{where}: a fact that ages needs source=Source(title, url, "
                               "as_of) with the year it was checked")
        return
    if not source.title.strip() or not source.url.startswith(("https://", "http://")):
        raise CatalogError(f"{where}: source needs a title and an http(s) URL, got {source!r}")
    if not 1970 <= source.as_of <= 2100:
        raise CatalogError(f"{where}: source.as_of must be a year like 2024, got {source.as_of!r}")


def validate_table(table: Table[Record]) -> None:
    """Raise :class:`CatalogError` for the first problem in ``table``, naming row and field."""
    if not table.rows:
        raise CatalogError(f"table {table.name!r}: has no rows")
    seen: set[str] = set()
    for row in table.rows:
        where = f"table {table.name!r}, row {row.name!r}"
        if row.name in seen:
            raise CatalogError(f"{where}: duplicate name; names are unique within a table")
        seen.add(row.name)
        names = {f.name for f in fields(row)}
        for column in table.columns:
            if column.key not in names:
                raise CatalogError(f"{where}: has no field {column.key!r} for column "
                                   f"{column.header!r}")
            value = getattr(row, column.key)
            if not str(value).strip():
                raise CatalogError(f"{where}, field {column.key!r}: is empty; write the "
                                   f"{column.header.lower()} or remove the row")
        unknown = row.tags - set(table.facets)
        if unknown:
            raise CatalogError(f"{where}: tags {sorted(unknown)} are not facets of the table "
                               f"(facets: {list(table.facets)})")
        _check_source(where, row.source, table.ages)


def validate_list(item_list: ItemList) -> None:
    """Raise :class:`CatalogError` for an empty or duplicated item of ``item_list``."""
    seen: set[str] = set()
    for index, item in enumerate(item_list.items, 1):
        where = f"list {item_list.name!r}, item {index}"
        if not item.text.strip():
            raise CatalogError(f"{where}: text is empty")
        if item.text in seen:
            raise CatalogError(f"{where}: duplicate text {item.text!r}")
        seen.add(item.text)
        _check_source(where, item.source, False)


def validate() -> None:
    """Validate every table and list of the catalog."""
    for table in TABLES.values():
        validate_table(table)
    for item_list in LISTS.values():
        validate_list(item_list)
