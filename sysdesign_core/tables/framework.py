"""Catalog data: framework tables and lists."""

from __future__ import annotations

from ..records import ItemList, Record, Table

TABLES: list[Table[Record]] = []
LISTS: list[ItemList] = []
