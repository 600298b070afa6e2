"""Catalog tables of the senior topics written from the end of the list (search, security,
the edge, multi-region): registered, valid, sourced, shown on their page, and turned into
sensible flashcards."""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest
from markupsafe import escape

from macros import render
from sysdesign_core import catalog, flashcards
from sysdesign_core.records import Record, Table, validate_list, validate_table
from sysdesign_core.tables import TOPICS, changelog, search, security

DOCS = Path(__file__).resolve().parents[1] / "docs"

# topic module → the page that shows its tables and lists
PAGES: dict[ModuleType, str] = {
    search: "senior/search.md",
    security: "senior/security.md",
}

TABLES = [(module, table) for module in PAGES for table in module.TABLES]
LISTS = [(module, item_list) for module in PAGES for item_list in module.LISTS]


def _id(value: object) -> str:
    if isinstance(value, ModuleType):
        return value.__name__.rsplit(".", 1)[-1]
    return str(getattr(value, "name", value))


@pytest.mark.parametrize("module", list(PAGES), ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_topic_is_registered(module: ModuleType) -> None:
    assert module in TOPICS
    assert module.TABLES or module.LISTS


@pytest.mark.parametrize(("module", "table"), TABLES, ids=lambda v: _id(v))
def test_table_is_valid_and_in_the_catalog(module: ModuleType, table: Table[Record]) -> None:
    validate_table(table)
    assert catalog.TABLES[table.name] is table


@pytest.mark.parametrize(("module", "table"), TABLES, ids=lambda v: _id(v))
def test_every_row_is_sourced(module: ModuleType, table: Table[Record]) -> None:
    for row in table.rows:
        assert row.source is not None, (table.name, row.name)
        assert row.source.url.startswith("https://"), (table.name, row.name)
        if table.ages:
            assert 2020 <= row.source.as_of <= 2026, (table.name, row.name)


@pytest.mark.parametrize(("module", "table"), TABLES, ids=lambda v: _id(v))
def test_the_page_shows_the_table_with_its_sources(
    module: ModuleType, table: Table[Record]
) -> None:
    page = PAGES[module]
    text = (DOCS / page).read_text(encoding="utf-8")
    assert f'{{{{ table("{table.name}") }}}}' in text
    html = render.table(table.name, page=page, repo_url="https://github.com/o/r")
    for row in table.rows:
        # each row is headed by its name, whatever attributes the card layout adds
        assert re.search(rf'<th scope="row"[^>]*>{re.escape(str(escape(row.name)))}</th>', html)
        if table.ages:  # a table of facts that age shows each row's source and year
            assert row.source is not None
            assert row.source.url in html, (table.name, row.name)
            assert f"as of {row.source.as_of}" in html


@pytest.mark.parametrize(("module", "item_list"), LISTS, ids=lambda v: _id(v))
def test_the_page_shows_the_list(module: ModuleType, item_list: object) -> None:
    name = _id(item_list)
    validate_list(catalog.LISTS[name])
    text = (DOCS / PAGES[module]).read_text(encoding="utf-8")
    assert f'{{{{ items("{name}") }}}}' in text


@pytest.mark.parametrize("page", sorted(set(PAGES.values())))
def test_page_has_description_title_and_is_in_the_nav(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    assert re.match(r"---\ndescription: \S.+\n---\n\n# \S", text)
    nav = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert f": {page}\n" in nav


@pytest.mark.parametrize("page", sorted(set(PAGES.values())))
def test_each_correction_on_the_page_is_recorded(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    titles = re.findall(r'^!!! corrected "Often said: (.+)"$', text, flags=re.MULTILINE)
    recorded = {row.name for row in changelog.CORRECTIONS.rows if row.page == page}
    assert set(titles) == recorded


@pytest.mark.parametrize(("module", "table"), TABLES, ids=lambda v: _id(v))
def test_rows_make_sensible_flashcards(module: ModuleType, table: Table[Record]) -> None:
    cards = flashcards.decks(flashcards.cards())[table.title]
    assert len(cards) == len(table.rows)
    for row, card in zip(table.rows, cards, strict=True):
        assert f"**{row.name}**" in card.front
        assert card.front.endswith("?")
        # every other column is asked for, by its header, and answered on the back
        for column in table.columns[1:]:
            assert column.header.lower() in card.front
            assert f"**{column.header}:** {getattr(row, column.key)}" in card.back
        assert "](" not in card.back.replace("](https://", "")


def test_search_partitioning_names_both_classic_schemes() -> None:
    names = [row.name for row in search.INDEX_PARTITIONING]
    assert any(name.startswith("Document") for name in names)
    assert any(name.startswith("Term") for name in names)
    assert "k1 = 1.2, b = 0.75" in search.RELEVANCE_MODELS.row("BM25").idea


def test_security_deprecated_flows_say_so() -> None:
    assert security.OAUTH_FLOWS.row("Implicit").status.startswith("Should not")
    assert security.OAUTH_FLOWS.row("Resource owner password credentials").status.startswith(
        "Must not"
    )
    assert "PKCE" in security.OAUTH_FLOWS.rows[0].name
    jwt = security.SESSION_MODELS.row("Self-contained token (JWT)")
    assert "deny list" in jwt.revocation


def test_search_engines_narrow_by_need() -> None:
    table = search.SEARCH_ENGINES
    sharded = {row.name for row in table if "shards across nodes" in row.tags}
    assert "Typesense" not in sharded and "PostgreSQL full-text" not in sharded
    assert {"Elasticsearch", "OpenSearch", "Apache Solr", "Vespa"} <= sharded
    assert all(row.tags <= set(table.facets) for row in table)
