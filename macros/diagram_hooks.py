"""mkdocs hooks: render every Mermaid diagram to inline SVG at build time.

Pages hold ```` ```mermaid ```` fences, which superfences turns into
``<pre class="mermaid"><code>…</code></pre>``. Left alone, Material's bundle would download the
2.7 MB mermaid library and lay the diagrams out on the reader's main thread. Instead:

- ``on_page_content`` collects the diagram sources of every page;
- ``on_env`` (after every page's content, before any page is written) renders the ones not in
  the cache in ONE headless Chromium session, with the pinned ``node_modules/mermaid`` and the
  same configuration Material uses (its ``themeCSS``, read from its bundle, colours every part
  with ``var(--md-mermaid-…)``, so the picture follows the light/dark palette);
- ``on_post_page`` swaps each ``<pre class="mermaid">`` for ``<figure class="sd-diagram">``
  holding the SVG, labelled for assistive technology. Material no longer finds anything of class
  ``mermaid``, so it loads nothing.

SVGs are cached in ``.cache/diagrams/`` under a hash of everything that shapes them (mermaid's
version, the theme CSS, the configuration, the source), so rebuilds and ``mkdocs serve`` launch
no browser unless a diagram changed. Without Chromium, Playwright or ``node_modules/mermaid``
the pages keep their fences and the browser renders them (overrides/main.html's stub loads the
pinned mermaid): the site still builds.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import logging
import re
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MERMAID = ROOT / "node_modules" / "mermaid"
CACHE = ROOT / ".cache" / "diagrams"
# Bump when the post-processing below changes, so cached SVGs are made again.
FORMAT = "3"
FENCE = re.compile(r'<pre class="mermaid"><code>(.*?)</code></pre>', re.S)
# Material passes a string variable as themeCSS; its value sits in the same minified bundle.
THEME_ARG = re.compile(r"themeCSS:([A-Za-z_$][\w$]*)")
# Pre-rendered text is laid out once, with the build machine's fonts, so pin a family with the
# same metrics everywhere (Arial; Liberation Sans on Linux) instead of the reader's system UI
# font, whose wider glyphs would overflow the boxes. `p` margins: the page's typeset styles
# reach inline SVG (Material's own rendering hides it in a shadow root).
EXTRA_CSS = (
    '--md-mermaid-font-family:Arial,"Liberation Sans",Helvetica,sans-serif;'
    "line-height:normal;"
    "p{margin:0}"
    # mermaid's default pie title is black whatever the palette: unreadable in dark mode.
    ".pieTitleText{fill:var(--md-default-fg-color)}"
)
SEQUENCE = {"actorFontSize": "16px", "messageFontSize": "16px", "noteFontSize": "16px"}
KINDS = {
    "flowchart": "Flowchart",
    "graph": "Flowchart",
    "sequenceDiagram": "Sequence diagram",
    "pie": "Pie chart",
    "stateDiagram": "State diagram",
    "stateDiagram-v2": "State diagram",
    "classDiagram": "Class diagram",
    "erDiagram": "Entity-relationship diagram",
    "gantt": "Gantt chart",
    "timeline": "Timeline",
    "quadrantChart": "Quadrant chart",
    "xychart-beta": "Chart",
    "mindmap": "Mind map",
}
# Runs in the render page: the SVG and the texts it shows (for the accessible name).
RENDER_JS = """async ([id, source]) => {
    const {svg} = await mermaid.render(id, source);
    const box = document.createElement("div");
    box.innerHTML = svg;
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const nodes = [], edges = [];  // what the boxes say first, then the arrows' labels
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.replace(/\\s+/g, " ").trim();
        const parent = node.parentElement;
        if (!text || parent.closest("style")) continue;
        const list = parent.closest(".edgeLabel, .messageText") ? edges : nodes;
        if (!nodes.includes(text) && !edges.includes(text)) list.push(text);
    }
    return {svg, texts: [...nodes, ...edges]};
}"""

log = logging.getLogger("mkdocs.hooks.diagrams")


class DiagramError(Exception):
    """A diagram mermaid cannot render: the build stops and names it."""


_SOURCES: dict[str, str] = {}  # cache key → source, for every fence seen in this build
_RENDERED: dict[str, dict[str, str]] = {}  # cache key → {"svg", "label"}
_STATE: dict[str, Any] = {}


def browser_support() -> ModuleType:
    """tests/browser_support.py: the Chromium and launch flags the tests use, one definition."""
    spec = importlib.util.spec_from_file_location(
        "sd_browser_support", ROOT / "tests" / "browser_support.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def material_assets() -> Path:
    """Material's built assets folder (bundle and stylesheets)."""
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        raise DiagramError("mkdocs-material is not installed")
    return Path(spec.origin).parent / "templates" / "assets"


def material_theme_css() -> str:
    """Material's mermaid ``themeCSS`` string, read from its bundle; fails if it moved."""
    bundles = sorted((material_assets() / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise DiagramError(f"diagram_hooks: expected one Material bundle, found {bundles}")
    code = bundles[0].read_text(encoding="utf-8")
    arg = THEME_ARG.search(code)
    value = arg and re.search(rf'(?<![\w$]){re.escape(arg.group(1))}="((?:[^"\\]|\\.)*)"', code)
    if not value or "--md-mermaid-" not in value.group(1):
        raise DiagramError(
            f"diagram_hooks: Material's mermaid themeCSS not found in {bundles[0].name}; "
            "update the regex in macros/diagram_hooks.py for this Material version"
        )
    return str(json.loads(f'"{value.group(1)}"'))


def mermaid_config() -> dict[str, Any]:
    return {
        "startOnLoad": False,
        "themeCSS": material_theme_css() + EXTRA_CSS,
        "sequence": SEQUENCE,
    }


def _key(source: str) -> str:
    parts = (FORMAT, _STATE["version"], json.dumps(_STATE["config"], sort_keys=True), source)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def _token(key: str) -> str:
    """The id a diagram is rendered with; replaced by a per-page id when it is inserted."""
    return f"sdgram{key}"


def on_config(config: Any) -> Any:
    _SOURCES.clear()
    _RENDERED.clear()
    _STATE.clear()
    _STATE["config"] = mermaid_config()  # fails loudly if Material's themeCSS moved
    package = MERMAID / "package.json"
    if package.is_file() and (MERMAID / "dist" / "mermaid.min.js").is_file():
        _STATE["version"] = str(json.loads(package.read_text(encoding="utf-8"))["version"])
    else:
        _STATE["version"] = ""
    return config


def on_page_content(content: str, page: Any, **_: Any) -> str:
    for match in FENCE.finditer(content):
        source = html.unescape(match.group(1))
        _SOURCES[_key(source)] = source
    return content


def label_for(source: str, texts: list[str]) -> str:
    """An accessible name: the kind of diagram, then its title or the words it shows."""
    lines = [line.strip() for line in source.strip().splitlines()]
    front = {}
    if lines and lines[0] == "---":  # YAML front matter: title: …
        end = lines.index("---", 1) if "---" in lines[1:] else 0
        front = dict(line.split(":", 1) for line in lines[1:end] if ":" in line)
        lines = lines[end + 1 :]
    first = lines[0].split() if lines else [""]
    kind = KINDS.get(first[0], "Diagram")
    title = front.get("title", "").strip()
    for line in lines:
        found = re.match(r"(?:accTitle\s*:|.*?\btitle\s)\s*(.+)", line)
        if not title and found and not line.startswith("%%"):
            title = found.group(1).strip()
    body = title or ", ".join(texts[:30])
    return f"{kind}: {body}" if body else kind


def _fix_size(svg: str) -> str:
    """Give the SVG its natural width (Material's CSS scales it down to the column)."""
    head, rest = svg[: svg.find(">")], svg[svg.find(">") :]
    width = re.search(r'style="max-width: ([\d.]+)px;\s*"', head)
    if width:
        # The inline max-width would beat the stylesheet's max-width: 100% on narrow screens.
        head = head.replace(width.group(0), "").replace(
            'width="100%"', f'width="{round(float(width.group(1)))}"', 1
        )
    return head + rest


def render_all(sources: dict[str, str]) -> dict[str, dict[str, str]]:
    """Render the sources in one Chromium session: {key: {"svg", "label"}}."""
    from playwright.sync_api import sync_playwright

    support = browser_support()
    stylesheets = sorted((material_assets() / "stylesheets").glob("*.min.css"))
    results: dict[str, dict[str, str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=support.chromium_path(), args=support.CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            # The same typeset context the site has, so the text is measured as it is shown.
            page.set_content('<!doctype html><html><body class="md-typeset"></body></html>')
            for sheet in stylesheets:
                page.add_style_tag(path=str(sheet))
            page.add_script_tag(path=str(MERMAID / "dist" / "mermaid.min.js"))
            page.evaluate("config => mermaid.initialize(config)", _STATE["config"])
            for key, source in sources.items():
                try:
                    out = page.evaluate(RENDER_JS, [_token(key), source])
                except Exception as error:
                    first = source.strip().splitlines()[0] if source.strip() else ""
                    raise DiagramError(
                        f"mermaid cannot render the diagram {first!r}: {error}"
                    ) from error
                results[key] = {
                    "svg": _fix_size(str(out["svg"])),
                    "label": label_for(source, [str(t) for t in out["texts"]]),
                }
        finally:
            browser.close()
    return results


def _available() -> str:
    """Why diagrams cannot be rendered here, or "" when they can."""
    if not _STATE["version"]:
        return "node_modules/mermaid is missing"
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed"
    # None means Playwright's own download, which may be absent: the launch decides then.
    return ""


def on_env(env: Any, config: Any, **_: Any) -> Any:
    missing = {}
    for key, source in _SOURCES.items():
        cached = CACHE / f"{key}.json"
        if cached.is_file():
            _RENDERED[key] = json.loads(cached.read_text(encoding="utf-8"))
        else:
            missing[key] = source
    if not missing:
        return env
    why = _available()
    if why:
        log.info("diagrams left to the browser: %s", why)
        _RENDERED.clear()  # all or nothing: no page mixes the two
        return env
    try:
        fresh = render_all(missing)
    except DiagramError:
        raise
    except Exception as error:  # noqa: BLE001 - any launch failure: the browser renders them
        log.info("diagrams left to the browser: Chromium could not start (%s)", error)
        _RENDERED.clear()
        return env
    CACHE.mkdir(parents=True, exist_ok=True)
    for key, item in fresh.items():
        tmp = CACHE / f"{key}.tmp"
        tmp.write_text(json.dumps(item), encoding="utf-8")
        tmp.replace(CACHE / f"{key}.json")
    _RENDERED.update(fresh)
    return env


def figure(svg: str, label: str, token: str, element_id: str) -> str:
    """The inline SVG as an image with an accessible name, under a page-unique id."""
    svg = svg.replace(token, element_id)
    svg = re.sub(r"^<svg\b", f'<svg role="img" aria-label="{html.escape(label)}"', svg, count=1)
    # mermaid's own role (graphics-document) would come second and be ignored; drop it.
    svg = re.sub(r'^(<svg[^>]*?) role="graphics-document document"', r"\1", svg, count=1)
    return f'<figure class="sd-diagram">{svg}</figure>'


def on_post_page(output: str, page: Any, **_: Any) -> str:
    if not _RENDERED:
        return output
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        key = _key(html.unescape(match.group(1)))
        item = _RENDERED[key]  # every fence was collected from this page's content
        count += 1
        return figure(item["svg"], item["label"], _token(key), f"sd-diagram-{count}")

    return FENCE.sub(replace, output)
