"""Senior topic pages: each is built from catalog tables, cites its sources, and is in the nav."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sysdesign_core import catalog
from sysdesign_core.tables import (
    coordination,
    data_movement,
    multiregion,
    observability,
    search,
    security,
    storage_internals,
)

DOCS = Path(__file__).resolve().parent.parent / "docs"
NAV = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
PAGES = sorted((DOCS / "senior").glob("*.md"))
MODULES = (
    coordination,
    data_movement,
    storage_internals,
    multiregion,
    observability,
    security,
    search,
)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_is_in_the_nav_and_has_a_description(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\ndescription: ")
    assert f"senior/{page.name}" in NAV


@pytest.mark.parametrize("page", [p for p in PAGES if p.name != "index.md"], ids=lambda p: p.name)
def test_topic_page_shows_catalog_data_and_cites_sources(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert re.search(r'\{\{ (table|items)\("\w+"\) \}\}', text)
    assert "## Sources" in text
    assert "https://" in text


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_senior_table_and_list_is_on_a_senior_page(module: object) -> None:
    shown = "".join(p.read_text(encoding="utf-8") for p in PAGES)
    shown += (DOCS / "calculators" / "burn_rate.md").read_text(encoding="utf-8")
    for table in module.TABLES:  # type: ignore[attr-defined]
        assert f'table("{table.name}")' in shown, table.name
        if table.ages:
            assert all(row.source and row.source.as_of for row in table.rows), table.name
    for item_list in module.LISTS:  # type: ignore[attr-defined]
        assert f'items("{item_list.name}")' in shown, item_list.name


def test_default_isolation_levels() -> None:
    table = catalog.TABLES["default_isolation"]
    assert table.row("PostgreSQL").default == "Read committed"  # type: ignore[attr-defined]
    assert table.row("MySQL (InnoDB)").default == "Repeatable read"  # type: ignore[attr-defined]
    assert table.row("CockroachDB").default == "Serializable"  # type: ignore[attr-defined]


def test_only_serializable_prevents_every_anomaly() -> None:
    table = catalog.TABLES["isolation_levels"]
    anomalies = ("dirty_read", "non_repeatable_read", "phantom", "lost_update", "write_skew")
    for row in table.rows:
        clean = all(getattr(row, a) == "Prevented" for a in anomalies)
        assert clean == (row.name == "Serializable"), row.name


def test_dr_strategies_run_from_cheapest_to_fastest() -> None:
    names = [row.name for row in catalog.TABLES["dr_strategies"].rows]
    assert names == [
        "Backup and restore",
        "Pilot light",
        "Warm standby",
        "Multi-site active/active",
    ]


def test_twitter_publishes_through_an_outbox() -> None:
    """The walkthrough does not dual-write: the tweet and its event commit together and a
    relay feeds Kafka, as the data-movement page teaches."""
    text = (DOCS / "walkthroughs" / "twitter.md").read_text(encoding="utf-8")
    diagram = text.split("```mermaid", 1)[1].split("```", 1)[0]
    assert "TW --> K" not in diagram  # no direct publish beside the database write
    assert "Outbox relay" in diagram and "--> K[[Kafka" in diagram
    assert "(../senior/data-movement.md)" in text
