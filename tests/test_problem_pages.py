"""Every problem page follows the framework and computes its figures with the calculators.

The two walkthroughs (Twitter, URL shortener) follow the same format. The headings are the
framework's steps; at least two deep dives; at least one estimate links to
its calculator prefilled (``calc_link`` with inputs); a monthly cost from the cost calculator;
no markdown table typed into the page; the page is in the navigation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros.sheets import PageSheet

ROOT = Path(__file__).resolve().parent.parent
PROBLEMS = ROOT / "docs" / "problems"
PAGES = sorted(p for p in PROBLEMS.glob("*.md") if p.name != "index.md")
WALKTHROUGHS = sorted((ROOT / "docs" / "walkthroughs").glob("*.md"))
DESIGNS = PAGES + WALKTHROUGHS
"""Every page that designs a problem end to end: the problem bank and the walkthroughs."""

SECTIONS = (
    "Clarifying questions",
    "Functional requirements",
    "Non-functional requirements",
    "Estimates",
    "API",
    "Data model",
    "High-level design",
    "Trade-offs",
    "Failure modes",
    "What interviewers probe",
    "Common mistakes",
)
PREFILLED_LINK = re.compile(r"\]\(\{\{ s\.link\(\"\w+\"\) \}\}\)")


def page_sheet(text: str) -> PageSheet:
    """The sheet a page opens (``{% set s = sheet("chat") %}``)."""
    found = re.search(r'sheet\("([a-z0-9-]+)"\)', text)
    assert found, "the page opens no sheet"
    return PageSheet(found[1], "problems/x.md")


def headings(text: str) -> list[str]:
    return re.findall(r"^## (.+)$", text, re.MULTILINE)


def nav_pages(node: object) -> set[str]:
    if isinstance(node, str):
        return {node}
    if isinstance(node, list):
        return set().union(*(nav_pages(item) for item in node))
    if isinstance(node, dict):
        return set().union(*(nav_pages(item) for item in node.values()))
    return set()


def test_there_are_problem_pages() -> None:
    assert len(PAGES) >= 14
    assert [p.name for p in WALKTHROUGHS] == ["twitter.md", "url-shortener.md"]


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_page_has_the_framework_sections(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = headings(text)
    assert [s for s in SECTIONS if s not in found] == []
    order = [found.index(s) for s in SECTIONS]
    assert order == sorted(order), f"{path.name}: sections out of order"
    assert not [h for h in found if re.match(r"\d+\.", h)], "headings are not numbered"
    dives = [h for h in found if h.startswith("Deep dive")]
    assert 2 <= len(dives) <= 3, dives
    assert re.search(r"^description: \S.+$", text, re.MULTILINE)
    assert len(re.findall(r"^# \S", text, re.MULTILINE)) == 1
    assert "```mermaid" in text


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_page_links_its_calculators_prefilled(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert PREFILLED_LINK.search(text), f"{path.name}: no prefilled calculator link"
    assert "{{ s." in text  # the figures are the sheet's


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_page_prices_its_design(path: Path) -> None:
    """A "Monthly cost" section, just before the trade-offs, priced by the cost calculator
    from the page's own estimates and linking to it prefilled."""
    text = path.read_text(encoding="utf-8")
    found = headings(text)
    assert "Monthly cost" in found, f"{path.name}: no Monthly cost section"
    assert found[found.index("Monthly cost") + 1] == "Trade-offs", found
    section = text.split("## Monthly cost\n", 1)[1].split("\n## ", 1)[0]
    sheet = page_sheet(text)
    lines = [line for line in sheet._sheet.lines if line.name]
    for field in ("monthly_total", "per_user"):  # quoted from a line that reads the bill
        names = [line.name for line in lines if line.expr.endswith("." + field)]
        assert any("{{ s." + name + " }}" in section for name in names), (path.name, field)
    linked = re.findall(r'\]\(\{\{ s\.link\("(\w+)"\) \}\}\)', section)
    assert any(sheet.line(name).calls[0][0] == "cost" for name in linked), path.name


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_page_types_no_table(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^\s*\|.*\|\s*$", text, re.MULTILINE), f"{path.name}: typed table"
    for word in ("seed", "slides"):
        assert word not in text.lower(), f"{path.name}: says {word!r}"


def test_pages_are_in_the_navigation() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    listed = nav_pages(config["nav"])
    docs = ROOT / "docs"
    missing = [p.name for p in DESIGNS if p.relative_to(docs).as_posix() not in listed]
    assert missing == []
