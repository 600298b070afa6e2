"""Content-Security-Policy: every page carries one (a ``<meta>`` before any script, filled by
macros/csp_hooks.py) that admits the site, the pinned CDN files, ``'wasm-unsafe-eval'`` and the
site's inline scripts by hash, and nothing the site does violates it: a plain page, a live
calculator with its chart, the drills, search, and instant navigation between them.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_support import LIVE_TIMEOUT, expected
from conftest import Console, html_pages

from tools.chromium import ROOT

sys.path.insert(0, str(ROOT / "macros"))
import csp_hooks  # noqa: E402

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def policy_of(html: str) -> dict[str, list[str]]:
    match = META.search(html)
    assert match, "no CSP meta"
    directives = {}
    for part in match.group(1).split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def test_every_page_has_the_policy_before_any_script(site_dir: Path) -> None:
    pages = html_pages(site_dir)
    assert len(pages) > 20
    for page in [*pages, "404.html"]:
        path = site_dir / (page if page.endswith(".html") else page + "index.html")
        html = path.read_text(encoding="utf-8")
        assert "__SD_CSP__" not in html, page
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        policy = policy_of(html)
        scripts = policy["script-src"]
        assert "'self'" in scripts and "'wasm-unsafe-eval'" in scripts, page
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, page
        assert CONFIG["extra"]["pyodide"]["base"] in scripts
        assert CONFIG["extra"]["mermaid"]["url"] in scripts
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        # Every inline script the page runs is admitted by its hash; no inline handlers.
        for source in csp_hooks.inline_script_hashes(html):
            assert source in scripts, (page, source)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), f"{page}: inline event handler"


def test_inline_script_hashes_are_the_browsers() -> None:
    body = "\n  var x = 1; // é\n"
    html = (
        f"<script>{body}</script>"
        '<script type="application/json">{}</script><script src="a.js"></script>'
    )
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert csp_hooks.inline_script_hashes(html) == {f"'sha256-{digest}'"}


# Records every CSP violation in the document (installed before any page script).
WATCH = """(() => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
  });
})();"""


def violations(page: Any) -> list[str]:
    return list(page.evaluate("window.__csp || []"))


@pytest.mark.browser
def test_no_violation_on_a_page_a_calculator_the_drills_and_search(
    context: Any, console: Console, base_url: str
) -> None:
    context.add_init_script(WATCH)
    page = context.new_page()
    seen: list[str] = []

    # A plain page, then instant navigation to a calculator (the first page's policy stays).
    with page.expect_response("**/sitemap.xml"):
        page.goto(base_url)
    seen += violations(page)
    page.click('a[href$="calculators/capacity/"] >> nth=0')
    page.wait_for_selector('form[data-calc="capacity"][data-state="live"]', timeout=LIVE_TIMEOUT)
    page.fill("#capacity-dau", "2B")
    page.wait_for_function(
        "t => document.querySelector('output[name=write_qps]').textContent === t",
        arg=expected("capacity", {"dau": "2B"})["write_qps"],
        timeout=LIVE_TIMEOUT,
    )
    page.wait_for_function(
        "() => document.querySelector('form[data-calc=capacity] .sd-calc__chart')._svg",
        timeout=LIVE_TIMEOUT,
    )
    seen += violations(page)

    # A calculator page loaded directly (its own inline early start), then search.
    page.goto(base_url + "calculators/availability/")
    page.wait_for_selector(
        'form[data-calc="availability"][data-state="live"]', timeout=LIVE_TIMEOUT
    )
    page.fill("#availability-availability", "99.9%")
    page.click("input.md-search__input")
    page.keyboard.type("Cassandra")
    page.wait_for_selector("ol.md-search-result__list a.md-search-result__link", timeout=30_000)
    seen += violations(page)

    # The drills share the runtime.
    page.goto(base_url + "practice/drills/?seed=42")
    page.wait_for_selector("#sd-drill[data-state=live]", timeout=LIVE_TIMEOUT)
    page.wait_for_function(
        "() => document.querySelector('#sd-drill-statement').textContent.trim()",
        timeout=LIVE_TIMEOUT,
    )
    seen += violations(page)

    # The worksheet shares it too, and draws its chart from the worker's SVG.
    page.goto(base_url + "worksheet/")
    page.wait_for_selector("#sd-ws[data-state=live]", timeout=LIVE_TIMEOUT)
    page.fill("#sd-ws-text", "a = 2 (1..3)\nb = a * 2 GB")
    page.wait_for_selector("#sd-ws-chart[data-line='2'] svg", timeout=LIVE_TIMEOUT)
    seen += violations(page)

    # A page with a diagram and the service worker's registration.
    page.goto(base_url + "walkthroughs/twitter/")
    page.wait_for_load_state("load")
    seen += violations(page)
    assert seen == []
    assert console.errors == []
