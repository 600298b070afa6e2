"""Offline: after one visit, a calculator page reloads and computes with the network gone.

The service worker (docs/sw.js) caches the pages, the assets and the pinned runtime the
calculator worker fetched. Playwright routes service-worker requests too (Chromium), so the
first visit is served from node_modules exactly as in the other browser tests; then every
request is refused and the page must come from the cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from browser_support import route_cdn

from sysdesign_core import run

LIVE_TIMEOUT = 90_000


def test_calculator_works_offline_after_one_visit(browser: Any, base_url: str) -> None:
    context = browser.new_context()
    try:
        route_cdn(context)
        page = context.new_page()
        page.goto(base_url + "calculators/availability/")
        page.wait_for_selector(
            'form[data-calc="availability"][data-state="live"]', timeout=LIVE_TIMEOUT
        )
        # The service worker controls the page and holds the runtime.
        page.wait_for_selector('html[data-sd-offline="ready"]', timeout=LIVE_TIMEOUT)

        context.unroute("**/*")
        context.route("**/*", lambda route: route.abort())  # nothing reaches a network
        context.set_offline(True)

        page.reload()
        page.wait_for_selector(
            'form[data-calc="availability"][data-state="live"]', timeout=LIVE_TIMEOUT
        )
        page.fill('form[data-calc="availability"] [name=availability]', "99.9%")
        want = run("availability", {"availability": "99.9%"})["outputs"]["downtime_year"]["text"]
        page.wait_for_function(
            "w => document.querySelector('form[data-calc=availability] "
            "output[name=downtime_year]').textContent === w",
            arg=want,
            timeout=LIVE_TIMEOUT,
        )
        # Another page, never visited, comes from the precache.
        page.goto(base_url + "practice/drills/")
        assert "Estimation drills" in page.title()
    finally:
        context.close()


def test_the_runtime_is_not_precached(site_dir: Path) -> None:
    """A visit to a page without a calculator must not pull the ~7 MB runtime into the cache."""
    source = (site_dir / "sw.js").read_text(encoding="utf-8")
    assert "assets/runtime/" not in source
    assert "sysdesign_core." not in source
    assert "index.html" not in source and '"calculators/capacity/"' in source
