"""Every comparison table, checklist and reference list of the site, by name.

A page never types a table: it calls ``{{ table("databases") }}`` and the macro renders the
:class:`~sysdesign_core.records.Table` registered here under that name. The rows themselves
live in :mod:`sysdesign_core.tables` (one module per topic: ``tables/storage.py`` holds the
databases). Add a row there and every page showing the table changes. :func:`validate`
checks every record; the build and the tests run it.

>>> TABLES["databases"].row("Cassandra").use_when.startswith("Multi-region")
True
"""

from __future__ import annotations

from .records import (
    CatalogError,
    Column,
    Item,
    ItemList,
    Record,
    Source,
    Table,
    validate_list,
    validate_table,
)
from .tables import TOPICS

__all__ = [
    "TABLES",
    "LISTS",
    "validate",
    "CatalogError",
    "Column",
    "Item",
    "ItemList",
    "Record",
    "Source",
    "Table",
]


def _unique(kind: str, names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise CatalogError(f"{kind} {name!r} is defined twice; names are unique")
        seen.add(name)


_unique("table", [t.name for topic in TOPICS for t in topic.TABLES])
_unique("list", [item.name for topic in TOPICS for item in topic.LISTS])

TABLES: dict[str, Table[Record]] = {t.name: t for topic in TOPICS for t in topic.TABLES}
LISTS: dict[str, ItemList] = {item.name: item for topic in TOPICS for item in topic.LISTS}


def validate() -> None:
    """Validate every table and list; raises :class:`CatalogError` naming the first problem."""
    for table in TABLES.values():
        validate_table(table)
    for item_list in LISTS.values():
        validate_list(item_list)
