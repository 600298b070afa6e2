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

Diagrams read on a phone and at a desk: every flowchart is also laid out top-to-bottom and
left-to-right with tighter spacing, and the figure holds the layout whose labels come out
largest at each width (a phone's 358 px column, a desk's 688 px), chosen by a media query in
sysdesign.css. An SVG never shrinks its smallest label below 12 px (a ``min-width``; the figure
scrolls sideways instead). Each diagram links to a standalone copy (``assets/diagrams/``, the
light palette baked in), which ``javascripts/diagrams.js`` opens in GLightbox (from the pinned
mkdocs-glightbox package) with zoom and pan; without JavaScript the link opens the file.

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
import math
import re
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
MERMAID = ROOT / "node_modules" / "mermaid"
CACHE = ROOT / ".cache" / "diagrams"
# Bump when the post-processing below changes, so cached SVGs are made again.
FORMAT = "4"
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
# The content column at 390 px (a phone) and at 1280 px (a desk), and the smallest label size
# either may show.
NARROW_WIDTH = 358
WIDE_WIDTH = 688
MIN_LABEL_PX = 12.0
# Tighter spacing for the alternative layouts: narrower boxes, shorter gaps.
COMPACT_FLOWCHART = {"nodeSpacing": 18, "rankSpacing": 36, "wrappingWidth": 110, "padding": 6}
COMPACT_SEQUENCE = {"actorMargin": 12, "width": 96, "boxMargin": 6, "noteMargin": 6, "wrap": True}
HEADER = re.compile(r"^(\s*(?:flowchart|graph)\s+)(LR|RL|TB|TD|BT)\b", re.M)
DIRECTION = re.compile(r"^(\s*direction\s+)(LR|RL|TB|TD|BT)\b", re.M)
# The palette a standalone copy bakes in (the page's scheme cannot reach an <img>).
PALETTE_ATTRS = (
    'data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo"'
)

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
    document.body.append(box);
    const root = box.querySelector("svg");
    const view = root.viewBox.baseVal;
    let minFont = Infinity;
    for (const el of root.querySelectorAll("text, foreignObject *")) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (own) minFont = Math.min(minFont, parseFloat(getComputedStyle(el).fontSize));
    }
    box.remove();
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const nodes = [], edges = [];  // what the boxes say first, then the arrows' labels
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.replace(/\\s+/g, " ").trim();
        const parent = node.parentElement;
        if (!text || parent.closest("style")) continue;
        const list = parent.closest(".edgeLabel, .messageText") ? edges : nodes;
        if (!nodes.includes(text) && !edges.includes(text)) list.push(text);
    }
    return {svg, texts: [...nodes, ...edges], width: view.width, height: view.height,
            minFont: Number.isFinite(minFont) ? minFont : 16};
}"""
# The page's palette resolved to values, for the standalone copies.
PALETTE_JS = """(names) => {
    const probe = document.createElement("div");
    document.body.append(probe);
    const style = getComputedStyle(probe);
    const out = {};
    for (const name of names) out[name] = style.getPropertyValue(name).trim();
    probe.remove();
    return out;
}"""

log = logging.getLogger("mkdocs.hooks.diagrams")


class DiagramError(Exception):
    """A diagram mermaid cannot render: the build stops and names it."""


_SOURCES: dict[str, str] = {}  # cache key → source, for every layout of every fence
_FENCES: dict[str, dict[str, str]] = {}  # key of a fence's source → {layout name: cache key}
_RENDERED: dict[str, dict[str, Any]] = {}  # cache key → {"svg", "texts", "width", …}
_USED: set[str] = set()  # cache keys whose standalone copy is written in this build
_STATE: dict[str, Any] = {}


def chromium_tools() -> ModuleType:
    """tools/chromium.py: the Chromium and launch flags the tests use, one definition (loaded by
    path: ``mkdocs`` runs without the project root on ``sys.path``)."""
    spec = importlib.util.spec_from_file_location(
        "sd_tools_chromium", ROOT / "tools" / "chromium.py"
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
    _FENCES.clear()
    _RENDERED.clear()
    _USED.clear()
    _STATE.clear()
    _STATE["config"] = mermaid_config()  # fails loudly if Material's themeCSS moved
    package = MERMAID / "package.json"
    if package.is_file() and (MERMAID / "dist" / "mermaid.min.js").is_file():
        _STATE["version"] = str(json.loads(package.read_text(encoding="utf-8"))["version"])
    else:
        _STATE["version"] = ""
    return config


def _split_front(source: str) -> tuple[str, str]:
    """(YAML front matter with its fences, the rest) of a diagram's source."""
    text = source.lstrip("\n")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            cut = text.find("\n", end + 1)
            cut = len(text) if cut == -1 else cut + 1
            return text[:cut], text[cut:]
    return "", text


def _init(config: dict[str, Any]) -> str:
    return "%%{init: " + json.dumps(config) + "}%%\n"


def variants(source: str) -> dict[str, str]:
    """The layouts worth trying for a diagram: the source itself, and for a flowchart the
    same graph top-to-bottom and left-to-right with compact spacing (a sequence diagram: with
    narrower actor boxes and wrapped messages). Other kinds have one layout."""
    front, body = _split_front(source)
    found = {"source": source}
    kind = next(
        (
            line.split()[0]
            for line in body.splitlines()
            if line.strip() and not line.strip().startswith("%%")
        ),
        "",
    )
    if kind in ("flowchart", "graph") and HEADER.search(body):
        for direction in ("TB", "LR"):
            turned = HEADER.sub(rf"\g<1>{direction}", body, count=1)
            turned = DIRECTION.sub(rf"\g<1>{direction}", turned)
            found[direction] = front + _init({"flowchart": COMPACT_FLOWCHART}) + turned
    elif kind == "sequenceDiagram":
        found["compact"] = front + _init({"sequence": COMPACT_SEQUENCE}) + body
    return found


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Keep mkdocs-glightbox to its assets (copied into ``assets/`` after the build): its
    per-page script blocks the head and calls ``document$`` before Material's deferred bundle
    defines it. ``javascripts/diagrams.js`` loads GLightbox on the first click instead."""
    page.meta["glightbox"] = False
    return markdown


def on_page_content(content: str, page: Any, **_: Any) -> str:
    for match in FENCE.finditer(content):
        source = html.unescape(match.group(1))
        layouts = {}
        for name, text in variants(source).items():
            key = _key(text)
            _SOURCES[key] = text
            layouts[name] = key
        _FENCES[_key(source)] = layouts
    return content


def label_for(source: str, texts: list[str]) -> str:
    """An accessible name: the kind of diagram, then its title or the words it shows."""
    lines = [line.strip() for line in source.strip().splitlines()]
    front = {}
    if lines and lines[0] == "---":  # YAML front matter: title: …
        end = lines.index("---", 1) if "---" in lines[1:] else 0
        front = dict(line.split(":", 1) for line in lines[1:end] if ":" in line)
        lines = lines[end + 1 :]
    lines = [line for line in lines if not line.startswith("%%")]
    first = lines[0].split() if lines else [""]
    kind = KINDS.get(first[0], "Diagram")
    title = front.get("title", "").strip()
    for line in lines:
        found = re.match(r"(?:accTitle\s*:|.*?\btitle\s)\s*(.+)", line)
        if not title and found:
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


def standalone(svg: str, key: str, palette: dict[str, str], width: float, height: float) -> str:
    """A copy that stands alone as an image file: the palette's values baked in, a white
    ground, twice the natural size (the lightbox zooms up to it)."""
    svg = svg.replace(_token(key), "sd-diagram")
    head_end = svg.find(">")
    head = re.sub(r'\s(?:width|height|style)="[^"]*"', "", svg[:head_end])
    head += f' width="{round(width * 2)}" height="{round(height * 2)}"'
    names = ";".join(f"{name}:{value}" for name, value in sorted(palette.items()) if value)
    style = f"<style>svg:root{{{names};background:#ffffff}}</style>"
    return head + ">" + style + svg[head_end + 1 :]


def render_all(sources: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Render the sources in one Chromium session: {key: {"svg", "texts", "width", "height",
    "min_font", "file"}}."""
    from playwright.sync_api import sync_playwright

    support = chromium_tools()
    stylesheets = sorted((material_assets() / "stylesheets").glob("*.min.css"))
    results: dict[str, dict[str, Any]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=support.chromium_path(), args=support.CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            # The same typeset context the site has, so the text is measured as it is shown.
            page.set_content(
                f'<!doctype html><html><body class="md-typeset" {PALETTE_ATTRS}></body></html>'
            )
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
                svg = _fix_size(str(out["svg"]))
                names = sorted(set(re.findall(r"var\((--md-[\w-]+)", svg)))
                palette = page.evaluate(PALETTE_JS, names)
                width, height = float(out["width"]), float(out["height"])
                results[key] = {
                    "svg": svg,
                    "texts": [str(t) for t in out["texts"]],
                    "width": width,
                    "height": height,
                    "min_font": float(out["minFont"]),
                    "file": standalone(svg, key, palette, width, height),
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


def effective(item: dict[str, Any], column: float) -> float:
    """The smallest label's size in px when the SVG is fitted to a column this wide."""
    return float(item["min_font"]) * min(1.0, column / float(item["width"]))


def choose(layouts: dict[str, str], column: float) -> str:
    """The key of the layout that shows the largest labels in ``column`` px: the source's own
    when its labels reach 12 px there, else the best one (the shortest among equals)."""
    items = {name: _RENDERED[key] for name, key in layouts.items()}
    if effective(items["source"], column) >= MIN_LABEL_PX:
        return layouts["source"]
    best = max(effective(item, column) for item in items.values())
    near = [name for name, item in items.items() if effective(item, column) >= best - 0.25]
    if "source" in near:
        return layouts["source"]
    return layouts[min(near, key=lambda name: float(items[name]["height"]))]


def min_width(item: dict[str, Any]) -> int:
    """The narrowest the SVG may be drawn while its smallest label stays at 12 px or more."""
    font = float(item["min_font"])
    return math.ceil(float(item["width"]) * min(1.0, MIN_LABEL_PX / font))


def figure_svg(item: dict[str, Any], label: str, token: str, element_id: str) -> str:
    """One layout as an inline image with an accessible name, under a page-unique id."""
    svg = str(item["svg"]).replace(token, element_id)
    svg = re.sub(r'^(<svg[^>]*?) role="graphics-document document"', r"\1", svg, count=1)
    style = f' style="min-width: {min_width(item)}px"'
    return re.sub(
        r"^<svg\b", f'<svg role="img" aria-label="{html.escape(label)}"{style}', svg, count=1
    )


def figure(
    layouts: list[tuple[str, str, str]],
    label: str,
    element_id: str,
    href: dict[str, str],
    intro: bool = False,
) -> str:
    """The figure: one link per layout (``wide``/``narrow``/``both``) opening it full size.
    ``intro``: it comes before the page's first section, so it is on the first screen
    (``sd-diagram--intro``: drawn with the page, see sysdesign.css)."""
    parts = []
    for where, key, _ in layouts:
        item = _RENDERED[key]
        suffix = "-narrow" if where == "narrow" else ""
        svg = figure_svg(item, label, _token(key), element_id + suffix)
        parts.append(
            f'<a class="sd-diagram__open sd-diagram__{where}" href="{href[key]}" '
            f'data-gallery="{element_id}{suffix}">{svg}'
            '<span class="sd-diagram__hint">Open full size</span></a>'
        )
    kind = "sd-diagram sd-diagram--intro" if intro else "sd-diagram"
    return f'<figure class="{kind}">{"".join(parts)}</figure>'


def write_copy(key: str, site_dir: str) -> None:
    """Write the standalone copy a figure links to, once per build. Written as pages are,
    before any ``on_post_build``: the service worker's list of files to keep includes it."""
    if key in _USED:
        return
    _USED.add(key)
    folder = Path(site_dir) / "assets" / "diagrams"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{key}.svg").write_text(str(_RENDERED[key]["file"]), encoding="utf-8")


def on_post_page(output: str, page: Any, config: Any, **_: Any) -> str:
    if not _RENDERED:
        return output
    count = 0
    article = output.find("<article")
    first_section = output.find("<h2", article) if article >= 0 else -1

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        source = html.unescape(match.group(1))
        layouts = _FENCES[_key(source)]  # every fence was collected from this page's content
        wide, narrow = choose(layouts, WIDE_WIDTH), choose(layouts, NARROW_WIDTH)
        picked = (
            [("both", wide, "")] if wide == narrow else [("wide", wide, ""), ("narrow", narrow, "")]
        )
        href = {}
        for _, key, _ in picked:
            write_copy(key, config["site_dir"])
            href[key] = get_relative_url(f"assets/diagrams/{key}.svg", page.url)
        label = label_for(source, list(_RENDERED[layouts["source"]]["texts"]))
        count += 1
        intro = first_section < 0 or match.start() < first_section
        return figure(picked, label, f"sd-diagram-{count}", href, intro)

    return FENCE.sub(replace, output)
