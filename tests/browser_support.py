"""Test helpers shared by the browser tests and the bench: the calculators' expected texts and
an edit each accepts. The Chromium and CDN plumbing lives in ``tools/`` (the build uses it too).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tools.chromium import NODE_MODULES

# Values to try when a test or the bench needs an edit that a calculator accepts.
CANDIDATES = [
    "2",
    "3",
    "7",
    "1B",
    "2K",
    "50%",
    "99%",
    "99.5%",
    "2KB",
    "5s",
    "1h",
    "10Gbps",
    "4 nines",
    "16",
    "0.5",
]


def expected(calc_id: str, raw: dict[str, str]) -> dict[str, str]:
    """The text of every output for ``raw``, as run() (and so the CLI) formats it."""
    from sysdesign_core import run

    return {name: out["text"] for name, out in run(calc_id, raw)["outputs"].items()}


def an_edit(calc_id: str) -> tuple[str, str]:
    """An (input, value) that ``run()`` accepts and that changes at least one output."""
    from sysdesign_core import InputError, get

    defaults = expected(calc_id, {})
    for item in get(calc_id).inputs:
        for candidate in list(item.choices) if item.choices else CANDIDATES:
            if candidate == item.default:
                continue
            try:
                changed = expected(calc_id, {item.name: candidate})
            except (InputError, ValueError, ZeroDivisionError, OverflowError):
                continue
            if changed != defaults:
                return item.name, candidate
    raise AssertionError(f"no edit changes {calc_id}'s outputs")


# Browser helpers shared by the browser test modules (one definition each).
LIVE_TIMEOUT = 90_000  # ms; generous for a cold Chromium on a busy 2-core machine

# axe-core goes in as an init script (the pages' CSP refuses an injected inline <script>);
# AXE, evaluated in the page, lists its serious and critical violations (``whole``: the
# navigation included).
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
AXE = """async (whole) => {
  const where = whole ? document : {exclude: [[".md-sidebar--primary"]]};
  return (await axe.run(where, {resultTypes: ["violations"]})).violations
    .filter((v) => ["serious", "critical"].includes(v.impact))
    .map((v) => v.id + ": " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "));
}"""


def page_url(calc: Any) -> str:
    """The site-relative URL of a calculator's page (``calculators/capacity/``)."""
    return str(calc.page).removesuffix(".md").removesuffix("index") + "/"


def calc_workers(page: Any) -> int:
    """How many calculator workers this document started (conftest.COUNT_CALC_WORKERS).

    Counted in the page, not from ``page.workers``: Playwright can miss a worker started as
    early as the one in <head> (and Material's search runs a worker of its own)."""
    return int(page.evaluate("window.__sdCalcWorkers || 0"))


def form_of(calc_id: str) -> str:
    return f'form[data-calc="{calc_id}"]'


def wait_live(page: Any, calc_id: str) -> None:
    page.wait_for_selector(f'{form_of(calc_id)}[data-state="live"]', timeout=LIVE_TIMEOUT)


def outputs_of(page: Any, calc_id: str) -> dict[str, str]:
    result: dict[str, str] = page.eval_on_selector_all(
        f"{form_of(calc_id)} output",
        "els => Object.fromEntries(els.map(e => [e.getAttribute('name'), e.textContent]))",
    )
    return result


def wait_outputs(page: Any, calc_id: str, want: dict[str, str]) -> None:
    page.wait_for_function(
        """([id, want]) => {
            const form = document.querySelector(`form[data-calc="${id}"]`);
            return Object.entries(want).every(([n, t]) =>
                form.querySelector(`output[name="${n}"]`).textContent === t);
        }""",
        arg=[calc_id, want],
        timeout=LIVE_TIMEOUT,
    )


def wait_stale(page: Any, calc_id: str, stale: bool) -> None:
    selector = f'{form_of(calc_id)}[data-stale="true"]'
    page.wait_for_selector(
        selector, state="attached" if stale else "detached", timeout=LIVE_TIMEOUT
    )


def want_readings(calc_id: str, raw: dict[str, str]) -> dict[str, str]:
    from sysdesign_core import widget

    reply = widget.respond(calc_id, raw, False)
    return {f"{calc_id}-{name}-reading": text for name, text in reply["readings"].items()}


def wait_readings(page: Any, calc_id: str, want: dict[str, str]) -> None:
    page.wait_for_function(
        """([id, want]) => Object.entries(want).every(([ref, text]) =>
            (document.getElementById(ref)?.textContent.trim() ?? null) === text)""",
        arg=[calc_id, want],
        timeout=LIVE_TIMEOUT,
    )


def save_data(page: Any) -> None:
    """Turn Save-Data on for ``page`` before it loads: ``navigator.connection.saveData`` and
    the ``Save-Data: on`` request header (Chromium's DevTools protocol)."""
    page.context.new_cdp_session(page).send(
        "Emulation.setDataSaverOverride", {"dataSaverEnabled": True}
    )


# An init script: the connection reports itself as 3G (Chromium measures the real one).
SLOW_CONNECTION = """(() => {
  const info = navigator.connection && Object.getPrototypeOf(navigator.connection);
  if (info) Object.defineProperty(info, "effectiveType", { get: () => "3g" });
})();"""


# --- every page: layout measured in one visit ----------------------------------------------

MIN_LABEL_PX = 12.0

# Runs in the page: what layout_problems checks.
LAYOUT_JS = r"""() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  const out = {overflow, split: [], labels: [], loose: []};
  // A word split across lines has more than one client rect.
  for (const cell of document.querySelectorAll(".md-typeset table td, .md-typeset table th")) {
    if (!visible(cell)) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\s\-\u2010-\u2015\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top)));
        if (lines.size > 1) out.split.push(match[0]);
      }
    }
  }
  // A card line is a grid (label, value): a cell whose value is several items (text runs and
  // inline code side by side) would put one of them under the label.
  for (const cell of document.querySelectorAll(".md-typeset table td")) {
    if (!visible(cell) || getComputedStyle(cell).display !== "grid") continue;
    const items = [...cell.childNodes].filter((n) => n.nodeType === 1 || n.textContent.trim());
    if (items.length > 1) out.loose.push(cell.textContent.trim().slice(0, 40));
  }
  // Each visible diagram's smallest label, in CSS px as drawn.
  for (const svg of document.querySelectorAll("figure.sd-diagram svg")) {
    if (!visible(svg)) continue;
    let smallest = Infinity, which = "";
    for (const el of svg.querySelectorAll("text, foreignObject *")) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !visible(el)) continue;
      const host = el instanceof SVGGraphicsElement ? el : el.closest("foreignObject");
      const m = host.getScreenCTM();
      const size = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(m.a, m.b);
      if (size < smallest) { smallest = size; which = el.textContent.trim().slice(0, 40); }
    }
    if (Number.isFinite(smallest)) out.labels.push([svg.id, smallest, which]);
  }
  return out;
}"""


def layout_problems(pages: dict[str, Any], width: int) -> dict[str, Any]:
    """What is wrong in ``pages`` ({path: LAYOUT_JS's measurements}) at ``width``: a page
    that scrolls sideways (a wide table or diagram scrolls in its own box), a table column
    narrower than its longest word, at 390 px a card line that is more than a label and one
    value, a diagram label under 12 px as rendered."""
    problems: dict[str, Any] = {}
    wide = {path: m["overflow"] for path, m in pages.items() if m["overflow"] > 1}
    if wide:
        problems[f"pages wider than {width}px (by px)"] = wide
    split = {path: m["split"][:5] for path, m in pages.items() if m["split"]}
    if split:
        problems[f"words split across lines in table cells at {width}px"] = split
    if width <= 390:
        loose = {path: m["loose"] for path, m in pages.items() if m["loose"]}
        if loose:
            problems["card lines with more than a label and one value"] = loose
    labels = [
        (path, svg_id, round(size, 1), text)
        for path, m in pages.items()
        for svg_id, size, text in m["labels"]
    ]
    small = [label for label in labels if label[2] < MIN_LABEL_PX]
    if small:
        problems[f"diagram labels under {MIN_LABEL_PX}px at {width}px"] = small
    return problems


def diagrams_measured(pages: dict[str, Any]) -> int:
    """How many diagrams LAYOUT_JS measured over ``pages`` (a sweep that saw none guards
    nothing)."""
    return sum(len(m["labels"]) for m in pages.values())


def balanced_chunks(site_dir: Path, pages: list[str], count: int) -> list[list[str]]:
    """``pages`` cut into ``count`` chunks of about the same work, by their HTML's size (what
    axe and the layout checks walk): the largest page first, each to the lightest chunk so far;
    each chunk in site order. The same cut on every run."""
    chunks: list[list[str]] = [[] for _ in range(count)]
    weights = [0] * count
    size = {path: (site_dir / path / "index.html").stat().st_size for path in pages}
    for path in sorted(pages, key=lambda p: (-size[p], p)):
        lightest = weights.index(min(weights))
        chunks[lightest].append(path)
        weights[lightest] += size[path]
    order = {path: i for i, path in enumerate(pages)}
    return [sorted(chunk, key=order.__getitem__) for chunk in chunks]


# --- every page: instant navigation --------------------------------------------------------

# Follows a link to ``url`` as a reader's click would, so Material's instant navigation swaps
# the page in place (the document, its scripts and the calculators' worker stay); the old
# article is marked so that the new one can be waited for.
INSTANT_GO = """(url) => {
  document.querySelector("article").dataset.sdLeft = "1";
  const link = Object.assign(document.createElement("a"), {href: url});
  document.body.append(link);
  link.click();
  link.remove();
}"""


def instant_go(page: Any, url: str) -> None:
    """Go to ``url`` by instant navigation and wait for its article (the page must have
    loaded Material's sitemap: instant navigation follows only the links it lists). Material
    does not navigate to the page it shows (another query on the same path): that one is
    loaded afresh."""
    if urlsplit(page.url).path == urlsplit(url).path:
        page.goto(url)
        return
    page.evaluate(INSTANT_GO, url)
    page.wait_for_selector("article:not([data-sd-left])", state="attached", timeout=30_000)
    # A page may add its own query (the drills' seed); the path must be the one asked for.
    assert urlsplit(page.url).path == urlsplit(url).path, (page.url, url)
