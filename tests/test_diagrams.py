"""Mermaid diagrams are rendered to inline SVG at build time (macros/diagram_hooks.py).

No built page keeps a ``class="mermaid"`` element (so Material never loads the library), every
fence in docs/ became a ``figure.sd-diagram`` holding a labelled SVG with a page-unique id, and
in Chromium the home page shows its diagrams without requesting mermaid or logging an error.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from browser_support import MERMAID_CDN, NODE_MODULES, ROOT, chromium_path
from conftest import Console

sys.path.insert(0, str(ROOT / "macros"))
import diagram_hooks  # noqa: E402

DOCS = ROOT / "docs"
FIGURE = re.compile(r'<figure class="sd-diagram">(<svg\b[^>]*>)')


def _needs_renderer() -> None:
    """The build pre-renders only with Chromium and the npm mermaid (make test installs both)."""
    missing = [
        what
        for what, ok in (
            ("node_modules/mermaid", (NODE_MODULES / "mermaid" / "dist").is_dir()),
            ("Chromium", chromium_path() is not None),
        )
        if not ok
    ]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"diagrams cannot be pre-rendered in CI: {missing}", pytrace=False)
        pytest.skip(f"diagrams are left to the browser here: {missing} missing")


def fences_per_page() -> dict[str, int]:
    """Built HTML path → number of mermaid fences in its Markdown source."""
    counts = {}
    for source in sorted(DOCS.rglob("*.md")):
        n = len(re.findall(r"^\s*```mermaid\s*$", source.read_text(encoding="utf-8"), re.M))
        if not n:
            continue
        rel = source.relative_to(DOCS).with_suffix("")
        built = rel.parent if rel.name == "index" else rel
        counts[(built / "index.html").as_posix()] = n
    return counts


def test_material_theme_css_is_found() -> None:
    """Material's palette-following mermaid CSS is read from its bundle (fails loudly if not)."""
    css = diagram_hooks.material_theme_css()
    assert "var(--md-mermaid-sequence-box-bg-color)" in css
    assert "var(--md-mermaid-node-bg-color)" in css


@pytest.mark.parametrize(
    ("source", "label"),
    [
        ('pie showData title Minutes per slot\n  "A" : 5', "Pie chart: Minutes per slot"),
        ("---\ntitle: Fan-out\n---\nflowchart LR\n  A --> B", "Flowchart: Fan-out"),
        ("sequenceDiagram\n  accTitle: Polling\n  A->>B: hi", "Sequence diagram: Polling"),
        ("flowchart LR\n  A[Client] --> B[API]", "Flowchart: Client, API"),
    ],
)
def test_accessible_name(source: str, label: str) -> None:
    texts = ["Client", "API"] if label.endswith("API") else ["x"]
    assert diagram_hooks.label_for(source, texts) == label


def test_no_page_keeps_a_mermaid_element(site_dir: Path) -> None:
    _needs_renderer()
    left = [
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*.html")
        if 'class="mermaid"' in path.read_text(encoding="utf-8")
    ]
    assert left == []


def test_every_fence_is_an_inline_labelled_svg(site_dir: Path) -> None:
    _needs_renderer()
    expected = fences_per_page()
    assert expected, "no page has a mermaid fence any more: this test guards nothing"
    for page, count in expected.items():
        text = (site_dir / page).read_text(encoding="utf-8")
        svgs = FIGURE.findall(text)
        assert len(svgs) == count, page
        ids = [re.search(r'\bid="([^"]+)"', svg).group(1) for svg in svgs]  # type: ignore[union-attr]
        assert len(set(ids)) == len(ids), f"{page}: duplicate diagram ids {ids}"
        for svg in svgs:
            assert 'role="img"' in svg, page
            assert re.search(r'aria-label="[^"]+: [^"]+"', svg), f"{page}: unlabelled {svg[:80]}"
        # Every style and marker reference points at this page's ids, not the render-time ones.
        assert "sdgram" not in text, page


@pytest.mark.browser
def test_home_page_diagrams_need_no_mermaid(
    context: Any, console: Console, site_dir: Path, base_url: str
) -> None:
    _needs_renderer()
    page = context.new_page()
    page.goto(base_url)
    page.wait_for_load_state("load")
    figures = page.locator("figure.sd-diagram svg")
    assert figures.count() >= 1
    for i in range(figures.count()):
        box = figures.nth(i).bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, box
    # Instant navigation to another page with a diagram loads nothing either.
    page.click('.md-nav a[href$="framework/"] >> nth=0')
    page.wait_for_selector("figure.sd-diagram svg")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.mermaid.mermaidAPI") == "undefined"  # still the stub
    assert [
        url for url in console.cdn_requests if "mermaid" in url or url.startswith(MERMAID_CDN)
    ] == []
    assert console.errors == []
