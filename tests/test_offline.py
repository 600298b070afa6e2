"""Offline: after one visit, a calculator page reloads and computes with the network gone.

The service worker (docs/sw.js) caches the pages, the assets and the pinned runtime the
calculator worker fetched. Playwright routes service-worker requests too (Chromium), so the
first visit is served from node_modules exactly as in the other browser tests; then every
request is refused and the page must come from the cache.
"""

from __future__ import annotations

import json
import re
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


def visit_until_offline_ready(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector('form.sd-calc[data-state="live"]', timeout=LIVE_TIMEOUT)
    page.wait_for_selector('html[data-sd-offline="ready"]', timeout=LIVE_TIMEOUT)
    return page


def test_a_slow_network_falls_back_to_the_cache(browser: Any, base_url: str) -> None:
    """A page whose network never answers comes from the cache after the network-first
    timeout (~3 s), instead of hanging."""
    context = browser.new_context()
    try:
        route_cdn(context)
        url = base_url + "calculators/availability/"
        page = visit_until_offline_ready(context, url)
        context.route(url, lambda route: None)  # the request is never answered
        page.goto(url, timeout=30_000)
        page.wait_for_selector('form[data-calc="availability"]', timeout=30_000)
        assert "Availability" in page.title()
    finally:
        context.close()


CACHES = "async () => (await caches.keys()).sort()"


def test_a_tab_of_the_previous_deploy_keeps_its_hashed_files(
    browser: Any, base_url: str, site_dir: Path
) -> None:
    """A new deploy's service worker takes over an open tab: the previous version's cache
    stays (a window is open), and a hashed file only the previous deploy had is still served
    from it, with the network gone."""
    context = browser.new_context()
    try:
        route_cdn(context)
        page = visit_until_offline_ready(context, base_url + "calculators/availability/")
        (old,) = [name for name in page.evaluate(CACHES) if name.startswith("sd-site-")]
        # A file of the previous deploy that the next one no longer has.
        gone = base_url + "assets/javascripts/gone.0123456789ab.min.js"
        page.evaluate(
            """async ([name, url]) => (await caches.open(name)).put(url,
                 new Response("window.__gone = 1"))""",
            [old, gone],
        )
        # The next deploy: the same site, another version of the service worker (served
        # under another name: Playwright cannot answer the browser's update check).
        source = (site_dir / "sw.js").read_text(encoding="utf-8")
        version = re.search(r'const VERSION = "([0-9a-f]+)";', source)
        assert version, "sw.js has no VERSION"
        (site_dir / "sw-next.js").write_text(
            source.replace(version.group(0), 'const VERSION = "nextdeploy";'), encoding="utf-8"
        )
        page.evaluate(
            "async ([url, scope]) => navigator.serviceWorker.register(url, {scope})",
            [base_url + "sw-next.js", base_url],
        )
        page.wait_for_function(
            """async () => {
                 const meta = await caches.open("sd-sw-meta");
                 const [key] = await meta.keys();
                 return key && (await (await meta.match(key)).json()).version === "nextdeploy";
               }""",
            timeout=LIVE_TIMEOUT,
            polling=200,
        )
        names = page.evaluate(CACHES)
        assert "sd-site-nextdeploy" in names and old in names, names

        context.route("**/*", lambda route: route.abort())  # nothing reaches a network
        context.set_offline(True)
        text = page.evaluate("async (url) => (await fetch(url)).text()", gone)
        assert text == "window.__gone = 1"
    finally:
        context.close()


def test_the_service_worker_stores_only_pinned_cdn_files(site_dir: Path) -> None:
    """The built sw.js carries every pinned CDN URL with its hash, and fetches with it."""
    source = (site_dir / "sw.js").read_text(encoding="utf-8")
    assert "__SD_" not in source
    match = re.search(r"const PINS = (\{.*?\});", source)
    assert match, "no pins in sw.js"
    pins = json.loads(match.group(1))
    base = "https://cdn.jsdelivr.net/pyodide/v314.0.7/full/"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        assert pins[base + name].startswith("sha384-"), name
    assert "integrity" in source and "PINS[request.url]" in source
