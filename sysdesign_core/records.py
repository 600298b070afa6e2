"""The record types of the catalog (tables, rows, lists, sources) and their validation.

The data lives in :mod:`sysdesign_core.tables` (one module per topic); the registry of every
table and list is :mod:`sysdesign_core.catalog`.
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
    "validate_table",
    "validate_list",
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
