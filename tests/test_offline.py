"""Offline: after one visit, a calculator page reloads and computes with the network gone.

The service worker (docs/sw.js) caches the pages, the assets and the pinned runtime the
calculator worker fetched. Playwright routes service-worker requests too (Chromium), so the
first visit is served from node_modules exactly as in the other browser tests; then every
request is refused and the page must come from the cache.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from browser_support import LIVE_TIMEOUT, save_data

from sysdesign_core import run
from tools.cdn import PYODIDE_CDN, route_cdn, site_extra
from tools.chromium import ROOT, serve

sys.path.insert(0, str(ROOT / "macros"))
import sw_hooks  # noqa: E402  (a hooks file, loaded by path like mkdocs does)


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
        # So does the worksheet, which runs on the runtime that one visit kept.
        page.goto(base_url + "worksheet/")
        page.wait_for_selector("#sd-ws[data-state=live]", timeout=LIVE_TIMEOUT)
        page.fill("#sd-ws-text", "x = 2 GB / 1 s in Gbps")
        page.wait_for_function(
            "() => document.querySelector('#sd-ws-results .sd-ws__value')?.textContent"
            " === '16 Gbps'",
            timeout=LIVE_TIMEOUT,
        )
    finally:
        context.close()


def test_with_save_data_a_first_visit_stores_no_copy_of_the_site(
    browser: Any, base_url: str
) -> None:
    """Save-Data on: no service worker is installed, so the ~12 MB copy of
    the whole site is not downloaded; the page says it skipped it."""
    context = browser.new_context()
    try:
        page = context.new_page()
        save_data(page)
        page.goto(base_url + "toolbox/databases/")
        page.wait_for_selector('html[data-sd-offline="skipped"]', state="attached")
        registrations = "async () => (await navigator.serviceWorker.getRegistrations()).length"
        assert page.evaluate(registrations) == 0
        assert page.evaluate(CACHES) == []
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
        wait_active_version(page, "nextdeploy")
        names = page.evaluate(CACHES)
        assert "sd-site-nextdeploy" in names and old in names, names

        context.route("**/*", lambda route: route.abort())  # nothing reaches a network
        context.set_offline(True)
        text = page.evaluate("async (url) => (await fetch(url)).text()", gone)
        assert text == "window.__gone = 1"
    finally:
        context.close()
        (site_dir / "sw-next.js").unlink(missing_ok=True)  # the build is shared by tests


def test_the_service_worker_stores_only_pinned_cdn_files(site_dir: Path) -> None:
    """The built sw.js carries every pinned CDN URL with its hash, and fetches with it."""
    source = (site_dir / "sw.js").read_text(encoding="utf-8")
    assert "__SD_" not in source
    match = re.search(r"const PINS = (\{.*?\});", source)
    assert match, "no pins in sw.js"
    pins = json.loads(match.group(1))
    base = PYODIDE_CDN
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        assert pins[base + name].startswith("sha384-"), name
    assert "integrity" in source and "PINS[request.url]" in source


ACTIVE_VERSION = """async () => {
  const meta = await caches.open("sd-sw-meta");
  const [key] = await meta.keys();
  return key ? (await (await meta.match(key)).json()).version : null;
}"""


def wait_active_version(page: Any, version: str) -> None:
    """Until the service worker of ``version`` has activated (its caches are complete).
    Polled from here: a predicate that returns a promise counts as true at once."""
    for _ in range(LIVE_TIMEOUT // 200):
        if page.evaluate(ACTIVE_VERSION) == version:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"the service worker {version} never activated")


def sw_version(site: Path) -> str:
    found = re.search(r'const VERSION = "([0-9a-f]+)";', (site / "sw.js").read_text())
    assert found, "sw.js has no VERSION"
    return found.group(1)


def test_a_deploy_that_changes_one_page_costs_a_returning_visitor_that_page(
    browser: Any, site_dir: Path, tmp_path: Path
) -> None:
    """Two deploys: the first installs every page and asset; the second changes one page (and
    sw.js, written anew by its only writer, sw_hooks), and the service worker that installs
    from it asks the server for that page alone, copying the rest from its cache."""
    site = tmp_path / "site"
    # The build as deployed: not the files other tests leave in the shared build directory.
    shutil.copytree(site_dir, site, ignore=shutil.ignore_patterns("sw-next.js", "*.anki2"))
    requested: list[str] = []
    context = browser.new_context()
    try:
        with serve(site, requested=requested) as base:
            page = context.new_page()
            page.goto(base + "framework/")
            first = sw_version(site)
            wait_active_version(page, first)
            installed = {path for path in requested if path != "/sw.js"}
            assert len(installed) > 100, "the first install stores the whole site"

            # The second deploy: one page fixed, sw.js filled anew from its template.
            fixed = site / "checklist" / "index.html"
            fixed.write_text(fixed.read_text() + "<!-- fixed -->\n", encoding="utf-8")
            template = (ROOT / "docs" / "sw.js").read_text(encoding="utf-8")
            (site / "sw.js").write_text(
                sw_hooks.fill(template, sw_hooks.precache(site), site_extra()), encoding="utf-8"
            )
            second = sw_version(site)
            assert second != first
            requested.clear()
            page.evaluate("async () => (await navigator.serviceWorker.ready).update()")
            wait_active_version(page, second)
            fetched = {path for path in requested if path != "/sw.js"}
            assert fetched == {"/checklist/"}, sorted(fetched)[:20]
    finally:
        context.close()
