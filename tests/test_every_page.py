"""Every built page in real Chromium, in two sweeps that together see each page twice.

On a phone (390×844), each page loaded afresh, as a reader arriving from a link would, with
the CDN unreachable (the pages are measured as built):

- no console error and no uncaught error while it loads;
- no Pyodide byte and no calculator worker where the page has no calculator, drill or sheet;
- its layout: the page never scrolls sideways (a wide table or diagram scrolls in its own box),
  no word in a table cell is split across lines, every card line is a label and one value,
  every diagram label is at least 12 px as rendered.

At a desk (1280×800), the pages one after another by Material's instant navigation, as a
reader clicking through the site: the document, axe-core and the calculators' worker stay, so
the runtime boots once per sweep and axe's code stays warm. Each page:

- no console error;
- its calculators go live, its Mermaid diagrams are drawn;
- no serious or critical axe-core issue (the site navigation checked in full on the first page
  of each chunk, which is loaded afresh; it is the same on every page but for the current item);
- the same layout checks at desk width.

Each sweep is cut into chunks of about the same work (by HTML size) that pytest-xdist spreads
over its workers; conftest schedules them first, so no long test starts last.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    AXE,
    AXE_SCRIPT,
    LAYOUT_JS,
    LIVE_TIMEOUT,
    balanced_chunks,
    calc_workers,
    diagrams_measured,
    instant_go,
    layout_problems,
)
from conftest import COUNT_CALC_WORKERS, SW_BLOCKED, Console, html_pages

from tools.cdn import PYODIDE_CDN, route_cdn

pytestmark = pytest.mark.browser

PHONE_CHUNKS = 2
DESK_CHUNKS = 4

# What the document asked of the Pyodide CDN itself (fetched or not).
PYODIDE_ASKED = """(base) => performance.getEntriesByType("resource")
    .map((e) => e.name).filter((url) => url.startsWith(base))"""
SEARCH_INDEX = "/search/search_index.json"

# A page whose own content uses the calculators' runtime.
USES_RUNTIME = "form.sd-calc, #sd-drill, #sd-ws"


@pytest.mark.parametrize("chunk", range(PHONE_CHUNKS))
def test_every_page_loads_clean_and_reads_on_a_phone(
    browser: Any, console: Console, site_dir: Path, base_url: str, chunk: int
) -> None:
    """The ``chunk``-th of ``PHONE_CHUNKS`` chunks of pages, each page loaded afresh at 390 px: no
    console error, no Pyodide where nothing uses it, and the layout checks."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    context.add_init_script(COUNT_CALC_WORKERS)
    route_cdn(context, offline=True)
    # Material's search index waits for the reader's first search (overrides/main.html).
    searched: list[str] = []
    context.on("request", lambda r: searched.append(r.url) if SEARCH_INDEX in r.url else None)
    page = console.watch(context.new_page())
    measured: dict[str, Any] = {}
    problems: list[str] = []
    try:
        for path in balanced_chunks(site_dir, html_pages(site_dir), PHONE_CHUNKS)[chunk]:
            searched.clear()
            page.goto(base_url + path)
            page.wait_for_load_state("load")
            if searched:
                problems.append(f"{path}: asked for the search index before any search")
            measured[path] = page.evaluate(LAYOUT_JS)
            # Counted in the document (a worker it started, what it fetched itself): a late
            # request from the page before would not be this page's.
            pyodide = page.evaluate(PYODIDE_ASKED, PYODIDE_CDN)
            if not page.locator(USES_RUNTIME).count() and (calc_workers(page) or pyodide):
                problems.append(f"{path}: asked for Pyodide without a calculator: {pyodide}")
            problems += [f"{path}: {e}" for e in console.errors if SW_BLOCKED not in e]
            console.errors.clear()
    finally:
        context.close()
    assert diagrams_measured(measured), "no diagram measured: this test guards nothing"
    assert problems == [], problems
    assert layout_problems(measured, 390) == {}


def wait_drawn(page: Any) -> None:
    """Wait for the page's calculators to go live and its Mermaid diagrams to be drawn."""
    if page.locator("form.sd-calc").count():
        page.wait_for_selector("form.sd-calc[data-state=live]", timeout=LIVE_TIMEOUT)
    if page.locator(".mermaid").count():
        page.wait_for_function(
            "() => [...document.querySelectorAll('pre.mermaid, div.mermaid')]"
            ".every(e => e.tagName === 'DIV')",
            timeout=30_000,
        )


@pytest.mark.parametrize("chunk", range(DESK_CHUNKS))
def test_every_page_is_clean_accessible_and_fits_a_desk(
    browser: Any, console: Console, site_dir: Path, base_url: str, chunk: int
) -> None:
    """The ``chunk``-th of ``DESK_CHUNKS`` chunks of pages at 1280×800, one after another by
    instant navigation: no console error, live calculators, no serious axe issue, and the
    layout checks."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    # axe goes in as an init script: the pages' CSP refuses an injected inline <script>.
    context.add_init_script(path=str(AXE_SCRIPT))
    page = console.watch(context.new_page())
    measured: dict[str, Any] = {}
    problems: list[str] = []
    try:
        for i, path in enumerate(
            balanced_chunks(site_dir, html_pages(site_dir), DESK_CHUNKS)[chunk]
        ):
            if i == 0:
                with page.expect_response("**/sitemap.xml"):
                    page.goto(base_url + path)
                page.wait_for_load_state("load")
            else:
                instant_go(page, base_url + path)
            wait_drawn(page)
            problems += [f"{path}: axe {v}" for v in page.evaluate(AXE, i == 0)]
            measured[path] = page.evaluate(LAYOUT_JS)
            problems += [f"{path}: {e}" for e in console.errors if SW_BLOCKED not in e]
            console.errors.clear()
    finally:
        context.close()
    assert problems == [], problems
    assert layout_problems(measured, 1280) == {}
