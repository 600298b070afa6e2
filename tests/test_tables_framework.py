"""The framework and resilience catalog data, and the home page's time-split diagram."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sysdesign_core import catalog
from sysdesign_core.plan import plan_chart
from sysdesign_core.records import validate_list, validate_table
from sysdesign_core.tables import framework, resilience
from sysdesign_core.tables.framework import INTERVIEW_MINUTES, time_blocks

ROOT = Path(__file__).resolve().parent.parent

TABLE_NAMES = [
    "framework_steps",
    "interview_plan",
    "interview_frameworks",
    "clarifying_questions",
    "nfr_targets",
    "fr_nfr_pairs",
    "deep_dives",
    "tradeoffs",
    "hot_keys",
    "component_checklist",
    "rate_limiting",
    "circuit_breaker_states",
    "spof_checklist",
]
LIST_NAMES = [
    "functional_requirements_rules",
    "sli_slo_sla",
    "percentiles",
    "patterns_read_heavy",
    "patterns_write_heavy",
    "patterns_realtime",
    "patterns_fanout",
    "patterns_strong_consistency",
    "red_flags",
    "green_flags",
    "circuit_breaker_libraries",
    "retry_practices",
    "graceful_degradation",
]


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_table_registered_valid_and_non_empty(name: str) -> None:
    table = catalog.TABLES[name]
    validate_table(table)
    assert table.rows


@pytest.mark.parametrize("name", LIST_NAMES)
def test_list_registered_valid_and_non_empty(name: str) -> None:
    item_list = catalog.LISTS[name]
    validate_list(item_list)
    assert item_list.items


def test_modules_export_only_known_names() -> None:
    names = {t.name for t in framework.TABLES + resilience.TABLES}
    names |= {item.name for item in framework.LISTS + resilience.LISTS}
    assert names == set(TABLE_NAMES) | set(LIST_NAMES)


def test_nine_steps_in_order() -> None:
    steps = sorted(catalog.TABLES["framework_steps"].rows, key=lambda s: s.order)  # type: ignore[attr-defined]
    assert [s.name for s in steps] == [
        "Functional requirements",
        "Non-functional requirements",
        "Estimates",
        "API",
        "Data model",
        "High-level design",
        "Deep dive",
        "Trade-offs",
        "Failure modes",
    ]
    assert [s.order for s in steps] == list(range(1, 10))


def test_minutes_sum_to_45() -> None:
    steps = catalog.TABLES["framework_steps"].rows
    assert sum(s.minutes for s in steps) == INTERVIEW_MINUTES == 45  # type: ignore[attr-defined]
    assert sum(b.minutes for b in time_blocks()) == 45


def test_time_blocks_match_the_seed_split() -> None:
    # The seed's split: FR+NFR 5, estimates 5, API+data model 5, HLD 10, deep dive 15,
    # trade-offs+failures 5.
    assert [b.minutes for b in time_blocks()] == [5, 5, 5, 10, 15, 5]
    plan = catalog.TABLES["interview_plan"].rows
    assert [(p.name, p.minutes) for p in plan] == [  # type: ignore[attr-defined]
        (b.name, b.minutes) for b in time_blocks()
    ]


def _mermaid_blocks(text: str) -> list[str]:
    return re.findall(r"^```mermaid\n(.*?)^```", text, flags=re.M | re.S)


def test_home_page_plan_chart_matches_catalog_minutes() -> None:
    text = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert text.count("{{ plan_chart() }}") == 1, "the home page shows the 45-minute plan"
    svg = plan_chart()
    for block in time_blocks():
        assert f"{block.name} · {block.minutes} min" in svg  # a direct label, not a legend
    assert re.search(r"<td>\d+</td>", svg)


def test_step_pages_exist() -> None:
    for step in catalog.TABLES["framework_steps"].rows:
        assert (ROOT / "docs" / step.page).is_file(), step.page  # type: ignore[attr-defined]


def test_component_and_spof_checklists_cover_the_brief() -> None:
    components = {row.name for row in catalog.TABLES["component_checklist"].rows}
    assert {
        "Client",
        "DNS",
        "CDN",
        "Load balancer",
        "API gateway",
        "Services",
        "Cache",
        "Database",
        "Queue",
        "Workers",
        "Object store",
        "Search index",
        "Observability",
    } <= components
    assert len(catalog.TABLES["spof_checklist"].rows) >= 11
    assert len(catalog.TABLES["clarifying_questions"].rows) == 8
    states = [row.name for row in catalog.TABLES["circuit_breaker_states"].rows]
    assert states == ["Closed", "Open", "Half-open"]
    algorithms = {row.name for row in catalog.TABLES["rate_limiting"].rows}
    assert algorithms == {
        "Token bucket",
        "Leaky bucket",
        "Fixed window",
        "Sliding window log",
        "Sliding window counter",
    }
