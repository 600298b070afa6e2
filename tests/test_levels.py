"""What each level is expected to show: the catalog of levels and its section on every design.

Every problem row (``tables/problems.py``) has its three levels (``tables/levels.py``), every
level entry points at a problem row, and every page that designs a problem ends with the
section that shows them, after "Common mistakes" (and before a closing "Sources").
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from macros import render
from sysdesign_core.records import table_problems
from sysdesign_core.tables.levels import _ENTRIES, LEVEL_NAMES, LEVELS, Level, _rows
from sysdesign_core.tables.problems import PROBLEMS

DOCS = Path(__file__).resolve().parent.parent / "docs"
DESIGNS = sorted(
    [p for p in (DOCS / "problems").glob("*.md") if p.name != "index.md"]
    + list((DOCS / "walkthroughs").glob("*.md"))
)
HEADING = "What is expected at each level"


def test_the_levels_validate() -> None:
    assert [str(problem) for problem in table_problems(LEVELS)] == []


def test_every_problem_has_its_three_levels_and_nothing_else() -> None:
    pages = [row.page for row in PROBLEMS.rows]
    assert [row.page for row in LEVELS.rows] == pages
    for row in LEVELS.rows:
        assert [label for label, _ in row.levels()] == list(LEVEL_NAMES.values())
        for key in LEVEL_NAMES:
            level = getattr(row, key)
            assert level.estimates and level.deep_dive and level.trade_off, (row.name, key)
        assert row.staff.failure_modes, row.name


def test_a_problem_without_levels_is_named() -> None:
    missing = _ENTRIES[2]
    rows = _rows(tuple(entry for entry in _ENTRIES if entry is not missing))
    found = [str(p) for p in table_problems(replace(LEVELS, rows=rows))]
    assert found and all(f"row {missing.name!r}" in line for line in found)
    assert any("no levels yet" in line and missing.page in line for line in found)


def test_an_entry_for_no_problem_and_an_empty_field_are_named() -> None:
    stray = replace(_ENTRIES[0], name="Elevator", page="problems/elevator.md")
    empty = replace(_ENTRIES[1], staff=replace(_ENTRIES[1].staff, failure_modes=" "))
    table = replace(LEVELS, rows=_rows((*_ENTRIES[2:], empty, stray, _ENTRIES[0])))
    found = [str(p) for p in table_problems(table)]
    assert any("'Elevator', field 'page'" in f and "no problem's page" in f for f in found)
    assert any("field 'staff.failure_modes': is empty" in f for f in found), found


def test_mid_and_senior_need_no_failure_modes() -> None:
    assert not list(LEVELS.rows[0].problems())
    assert Level("a", "b", "c").items()[-1][0] == "Trade-off to name"


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_every_design_page_ends_with_its_levels(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert HEADING in found, f"{path.name}: no '## {HEADING}' section"
    at = found.index(HEADING)
    assert found.index("Common mistakes") == at - 1, f"{path.name}: levels not right after mistakes"
    assert found[at + 1 :] in ([], ["Sources"]), f"{path.name}: sections after the levels"
    section = text.split(f"## {HEADING}\n", 1)[1].split("\n## ", 1)[0]
    assert "{{ levels() }}" in section, f"{path.name}: the section does not call levels()"


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_every_design_page_is_a_problem_row(path: Path) -> None:
    page = path.relative_to(DOCS).as_posix()
    assert page in {row.page for row in PROBLEMS.rows}, f"{page}: no row in tables/problems.py"


def test_the_macro_renders_three_labelled_blocks_without_a_table() -> None:
    html = render.levels("problems/chat.md", "https://github.com/o/r")
    assert re.findall(r'data-level="(\w+)"', html) == list(LEVEL_NAMES)
    assert [h for h in re.findall(r"<h3[^>]*>([^<]+)</h3>", html)] == list(LEVEL_NAMES.values())
    assert html.count("<dt>Deep dive to lead</dt>") == 3
    assert html.count("<dt>Failure modes to raise</dt>") == 1
    assert "<table" not in html
    assert 'href="../../levels/"' in html and "/blob/main/sysdesign_core/tables/levels.py#L" in html


def test_the_macro_refuses_a_page_that_is_no_problem() -> None:
    with pytest.raises(KeyError, match="no problem"):
        render.levels("toolbox/caches.md")
