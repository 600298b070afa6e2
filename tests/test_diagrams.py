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
from conftest import Console

from tools.cdn import MERMAID_CDN
from tools.chromium import NODE_MODULES, ROOT, chromium_path

sys.path.insert(0, str(ROOT / "macros"))
import diagram_hooks  # noqa: E402

DOCS = ROOT / "docs"
FIGURE = re.compile(r'<figure class="sd-diagram(?: sd-diagram--intro)?">(.*?)</figure>', re.S)
LINK = re.compile(
    r'<a class="sd-diagram__open sd-diagram__(wide|narrow|both)" href="([^"]+)"[^>]*>(<svg\b[^>]*>)'
)


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
    """One figure per fence: one layout for every width, or a wide and a narrow one; each a
    labelled SVG linking to its standalone copy, which exists and stands alone."""
    _needs_renderer()
    expected = fences_per_page()
    assert expected, "no page has a mermaid fence any more: this test guards nothing"
    for page, count in expected.items():
        text = (site_dir / page).read_text(encoding="utf-8")
        figures = FIGURE.findall(text)
        assert len(figures) == count, page
        ids = []
        for body in figures:
            links = LINK.findall(body)
            kinds = sorted(kind for kind, _, _ in links)
            assert kinds in (["both"], ["narrow", "wide"]), (page, kinds)
            for _, href, svg in links:
                ids.append(re.search(r'\bid="([^"]+)"', svg).group(1))  # type: ignore[union-attr]
                assert 'role="img"' in svg, page
                assert re.search(r'aria-label="[^"]+: [^"]+"', svg), (
                    f"{page}: unlabelled {svg[:80]}"
                )
                assert re.search(r'style="min-width: \d+px"', svg), page
                copy = (site_dir / page).parent / href
                assert copy.is_file(), (page, href)
                standalone = copy.read_text(encoding="utf-8")
                assert "var(--md-mermaid-node-bg-color)" in standalone  # the style, and …
                assert "--md-mermaid-node-bg-color:" in standalone  # … its baked value
        assert len(set(ids)) == len(ids), f"{page}: duplicate diagram ids {ids}"
        # Every style and marker reference points at this page's ids, not the render-time ones.
        assert "sdgram" not in text, page


def test_flowcharts_get_a_vertical_and_a_horizontal_layout() -> None:
    source = "---\ntitle: T\n---\nflowchart LR\n  subgraph s\n    direction LR\n    A --> B\n  end"
    found = diagram_hooks.variants(source)
    assert sorted(found) == ["LR", "TB", "source"]
    assert found["TB"].startswith("---\ntitle: T\n---\n%%{init: ")
    assert "flowchart TB" in found["TB"] and "direction TB" in found["TB"]
    assert "direction LR" not in found["TB"]
    assert sorted(diagram_hooks.variants("sequenceDiagram\n  A->>B: hi")) == ["compact", "source"]
    assert list(diagram_hooks.variants('pie title P\n  "A" : 1')) == ["source"]


def test_the_layout_with_the_largest_labels_is_chosen() -> None:
    rendered = {
        "w": {"width": 1200.0, "height": 300.0, "min_font": 16.0},
        "t": {"width": 400.0, "height": 900.0, "min_font": 16.0},
        "l": {"width": 380.0, "height": 1200.0, "min_font": 16.0},
    }
    diagram_hooks._RENDERED.update(rendered)  # type: ignore[arg-type]
    try:
        layouts = {"source": "w", "TB": "t", "LR": "l"}
        assert diagram_hooks.choose(layouts, 358) == "l"  # the larger labels on a phone
        assert diagram_hooks.choose(layouts, 688) == "t"  # both fit: the shorter one
        assert diagram_hooks.choose({"source": "t", "LR": "l"}, 688) == "t"  # the source fits
        assert diagram_hooks.min_width(rendered["w"]) == 900  # 12 px labels at the least
    finally:
        for key in rendered:
            diagram_hooks._RENDERED.pop(key)


@pytest.mark.browser
def test_home_page_diagrams_need_no_mermaid(
    context: Any, console: Console, site_dir: Path, base_url: str
) -> None:
    _needs_renderer()
    page = context.new_page()
    page.goto(base_url)
    page.wait_for_load_state("load")
    figures = page.locator("figure.sd-diagram svg:visible")
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


@pytest.mark.browser
def test_a_diagram_opens_full_size(context: Any, console: Console, base_url: str) -> None:
    """A click opens the diagram in GLightbox (zoomable); Escape closes it and focus returns."""
    _needs_renderer()
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base_url + "walkthroughs/twitter/")
    link = page.locator("a.sd-diagram__open:visible").first
    link.click()
    image = page.locator(".glightbox-container .gslide-image img")
    image.wait_for()
    assert image.get_attribute("src", timeout=5000).endswith(".svg")  # type: ignore[union-attr]
    page.wait_for_function("document.querySelector('.gslide-image img').naturalWidth > 0")
    assert page.evaluate(
        "(() => { const i = document.querySelector('.gslide-image img');"
        " return i.naturalWidth > i.getBoundingClientRect().width; })()"
    ), "the full-size copy has room to zoom"
    page.keyboard.press("Escape")
    page.wait_for_selector(".glightbox-container", state="detached")
    assert page.evaluate("document.activeElement.classList.contains('sd-diagram__open')")
    assert console.errors == []


def test_a_diagram_before_the_first_section_is_drawn_with_the_page(site_dir: Path) -> None:
    """Above the first <h2> a diagram is on the first screen: it is marked to be drawn with the
    page (no content-visibility placeholder, whose height it would replace, moving the text)."""
    _needs_renderer()
    intro = (site_dir / "framework/index.html").read_text(encoding="utf-8")
    later = (site_dir / "problems/chat/index.html").read_text(encoding="utf-8")
    assert intro.count('class="sd-diagram sd-diagram--intro"') == 1
    assert "sd-diagram--intro" not in later and 'class="sd-diagram"' in later
