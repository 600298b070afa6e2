"""The catalog: complete records, unique names, every table on a page, no typed tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sysdesign_core import catalog
from sysdesign_core.records import (
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

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = {path: path.read_text(encoding="utf-8") for path in DOCS.rglob("*.md")}


def test_catalog_validates() -> None:
    catalog.validate()


@pytest.mark.parametrize("name", sorted(catalog.TABLES))
def test_every_table_is_shown_on_a_page(name: str) -> None:
    pattern = re.compile(r"table\(\s*[\"']" + re.escape(name) + r"[\"']")
    assert any(pattern.search(text) for text in PAGES.values()), f"no page shows table {name!r}"


@pytest.mark.parametrize("name", sorted(catalog.LISTS))
def test_every_list_is_shown_on_a_page(name: str) -> None:
    pattern = re.compile(r"items\(\s*[\"']" + re.escape(name) + r"[\"']")
    assert any(pattern.search(text) for text in PAGES.values()), f"no page shows list {name!r}"


def test_no_markdown_table_is_typed_into_docs() -> None:
    typed = re.compile(r"^\s*\|[^|\n]+\|[^|\n]+\|", re.MULTILINE)
    offenders = [str(path.relative_to(DOCS)) for path, text in PAGES.items() if typed.search(text)]
    assert not offenders, f"tables belong in sysdesign_core/tables/: {offenders}"


def test_aging_tables_show_source_and_year() -> None:
    for table in catalog.TABLES.values():
        if table.ages:
            assert all(row.source and row.source.as_of for row in table.rows), table.name


# --- the validation messages themselves -----------------------------------------------------


def _table(*rows: Record, ages: bool = False) -> Table[Record]:
    return Table(name="demo", title="Demo", columns=(Column("name", "Name"),), rows=rows, ages=ages)


def test_duplicate_row_is_named() -> None:
    with pytest.raises(CatalogError, match="table 'demo', row 'A': duplicate name"):
        validate_table(_table(Record(name="A"), Record(name="A")))


def test_empty_cell_is_named() -> None:
    with pytest.raises(CatalogError, match="row '  ', field 'name': is empty"):
        validate_table(_table(Record(name="  ")))


def test_missing_source_on_aging_fact() -> None:
    with pytest.raises(CatalogError, match=r"row 'A': a fact that ages needs source="):
        validate_table(_table(Record(name="A"), ages=True))


def test_bad_source_year() -> None:
    row = Record(name="A", source=Source("Docs", "https://example.org", 24))
    with pytest.raises(CatalogError, match="as_of must be a year"):
        validate_table(_table(row, ages=True))


def test_unknown_tag() -> None:
    with pytest.raises(CatalogError, match="not facets"):
        validate_table(_table(Record(name="A", tags=frozenset({"fast"}))))


def test_list_duplicates() -> None:
    with pytest.raises(CatalogError, match="list 'l', item 2: duplicate"):
        validate_list(ItemList("l", "L", (Item("x"), Item("x"))))
