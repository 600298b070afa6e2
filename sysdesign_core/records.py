"""The record types of the catalog (tables, rows, lists, sources) and their validation.

The data lives in :mod:`sysdesign_core.tables` (one module per topic); the registry of every
table and list is :mod:`sysdesign_core.catalog`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

from . import units
from .errors import ParseError

__all__ = [
    "Source",
    "Record",
    "Column",
    "Table",
    "Item",
    "ItemList",
    "Correction",
    "CatalogError",
    "Problem",
    "UNITS",
    "table_problems",
    "list_problems",
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

    def problems(self) -> Iterator[tuple[str, str]]:
        """Checks of a record type beyond its cells: ``(field, what is wrong)`` pairs.

        Subclasses override this (see :class:`Correction`); the base record has none.
        """
        return iter(())

    def pages(self) -> tuple[str, ...]:
        """The docs-relative pages this row sends a reader to (``framework/index.md``, an
        ``#anchor`` allowed). The catalog check makes sure each exists under ``docs/``.

        Subclasses override this (see ``tables/study.py``); the base record links nowhere.
        """
        return ()


R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Column:
    """A column: the record field it shows, its header and, optionally, the unit of its cells.

    ``unit`` names a kind of :data:`UNITS` ("duration", "bytes", …): validation then parses
    every cell as that kind, so "5 MB" in a latency column is caught before it reaches a page.
    """

    key: str
    header: str
    unit: str = ""


@dataclass(frozen=True)
class Table(Generic[R]):
    """A comparison table: typed rows, the columns shown, and what the table is for.

    ``ages`` marks a table of facts that go out of date: each row then needs a source and
    an "as of" year, shown on the page. ``facets`` are tags a reader can filter rows by.
    ``check`` finds problems across rows (days in order, a plan that adds up): it takes the
    rows and yields ``(row name or None, what is wrong)`` pairs.
    """

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[R, ...]
    caption: str = ""
    ages: bool = False
    facets: tuple[str, ...] = ()
    check: Callable[[tuple[R, ...]], Iterable[tuple[str | None, str]]] | None = None

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


@dataclass(frozen=True, kw_only=True)
class Correction(Record):
    """A content correction shown on the "What changed" page.

    ``name`` is the claim as people say it (or as an earlier version of the site said it),
    ``page`` the docs-relative page that now states the right thing (``toolbox/databases.md``),
    ``date`` the ISO day the correction was made, ``was`` what was wrong with it and ``now``
    what is right. ``source`` is required: it is the evidence.
    """

    date: str
    page: str
    was: str
    now: str

    def cells(self, columns: Iterable[Column]) -> list[str]:
        """As :meth:`Record.cells`, with what was said linking to its page (the table macro
        resolves the link), so no column is spent on a page path."""
        link = f"[{self.name}]({self.page})"
        return [link if c.key == "name" else str(getattr(self, c.key)) for c in columns]

    def problems(self) -> Iterator[tuple[str, str]]:
        try:
            datetime.date.fromisoformat(self.date)
        except ValueError:
            yield "date", f"{self.date!r} is not a date; write it as YYYY-MM-DD, e.g. '2026-11-25'"
        if not _PAGE.match(self.page):
            example = "write the path under docs/, e.g. 'toolbox/databases.md'"
            yield "page", f"{self.page!r} is not a page; {example}"


_PAGE = re.compile(r"^[\w./-]+\.md$")


class CatalogError(ValueError):
    """A catalog record is incomplete or inconsistent; the message names table, row and field."""


# --- validation ------------------------------------------------------------------------------
# Each check yields every problem it finds (the CLI prints them all); ``validate_*`` raise the
# first one. A problem is one line: where (table, row, field), what is wrong, what to write.

UNITS: dict[str, tuple[Callable[[str], float], str]] = {
    "count": (units.parse_count, units.COUNT_HELP),
    "bytes": (units.parse_bytes, units.BYTES_HELP),
    "bandwidth": (units.parse_bandwidth, units.BANDWIDTH_HELP),
    "rate": (units.parse_rate, units.RATE_HELP),
    "duration": (units.parse_duration, units.DURATION_HELP),
    "fraction": (units.parse_fraction, units.FRACTION_HELP),
    "availability": (units.parse_availability, units.AVAILABILITY_HELP),
}
"""The kinds a :class:`Column` may declare as its ``unit``: parser and what it accepts."""


def _source_problems(where: str, source: Source | None, required: bool) -> Iterator[str]:
    if source is None:
        if required:
            yield (
                f"{where}: a fact that ages needs source=Source(title, url, as_of) with the "
                "year it was checked"
            )
        return
    if not source.title.strip() or not source.url.startswith(("https://", "http://")):
        yield f"{where}: source needs a title and an http(s) URL, got {source!r}"
    this_year = datetime.date.today().year
    if not isinstance(source.as_of, int) or not 1970 <= source.as_of <= this_year:
        yield (
            f"{where}: source.as_of must be a year like 2024 (not after {this_year}), "
            f"got {source.as_of!r}"
        )


def _unit_problem(value: object, unit: str) -> str | None:
    parse, accepted = UNITS[unit]
    try:
        parse(str(value))
    except ParseError:
        return f"{str(value)!r} is not a {unit}; expected {accepted}"
    return None


@dataclass(frozen=True)
class Problem:
    """One validation problem: the message (naming table, row and field) and the row's name."""

    message: str
    row: str | None = None

    def __str__(self) -> str:
        return self.message


def table_problems(table: Table[Record]) -> Iterator[Problem]:
    """Every problem in ``table``, one line each, naming the table, the row and the field."""
    if not table.rows:
        yield Problem(f"table {table.name!r}: has no rows; add one or remove the table")
    for column in table.columns:
        if column.unit and column.unit not in UNITS:
            yield Problem(
                f"table {table.name!r}, column {column.key!r}: unknown unit "
                f"{column.unit!r}; use one of {', '.join(UNITS)}"
            )
    seen: set[str] = set()
    for row in table.rows:
        for message in _row_problems(table, row, duplicate=row.name in seen):
            yield Problem(message, row.name)
        seen.add(row.name)
    if table.check is not None:
        for name, message in table.check(table.rows):
            where = f"table {table.name!r}" + (f", row {name!r}" if name else "")
            yield Problem(f"{where}: {message}", name)


def _row_problems(table: Table[Record], row: Record, duplicate: bool) -> Iterator[str]:
    where = f"table {table.name!r}, row {row.name!r}"
    if duplicate:
        yield f"{where}: duplicate name; names are unique within a table"
    names = {f.name for f in fields(row)}
    for column in table.columns:
        if column.key not in names:
            yield f"{where}: has no field {column.key!r} for column {column.header!r}"
            continue
        value = getattr(row, column.key)
        if not str(value).strip():
            yield (
                f"{where}, field {column.key!r}: is empty; write the "
                f"{column.header.lower()} or remove the row"
            )
        elif column.unit in UNITS:
            problem = _unit_problem(value, column.unit)
            if problem:
                yield f"{where}, field {column.key!r}: {problem}"
    unknown = row.tags - set(table.facets)
    if unknown:
        yield (
            f"{where}: tags {sorted(unknown)} are not facets of the table "
            f"(facets: {list(table.facets)})"
        )
    yield from _source_problems(where, row.source, table.ages)
    for key, problem in row.problems():
        yield f"{where}, field {key!r}: {problem}"


def list_problems(item_list: ItemList) -> Iterator[str]:
    """Every empty or duplicated item of ``item_list`` and every bad source, one line each."""
    if not item_list.items:
        yield f"list {item_list.name!r}: has no items; add one or remove the list"
    seen: set[str] = set()
    for index, item in enumerate(item_list.items, 1):
        where = f"list {item_list.name!r}, item {index}"
        if not item.text.strip():
            yield f"{where}: text is empty; write the item or remove it"
        elif item.text in seen:
            yield f"{where}: duplicate text {item.text!r}"
        seen.add(item.text)
        yield from _source_problems(where, item.source, False)


def validate_table(table: Table[Record]) -> None:
    """Raise :class:`CatalogError` for the first problem in ``table``, naming row and field."""
    for problem in table_problems(table):
        raise CatalogError(str(problem))


def validate_list(item_list: ItemList) -> None:
    """Raise :class:`CatalogError` for an empty or duplicated item of ``item_list``."""
    for problem in list_problems(item_list):
        raise CatalogError(problem)
