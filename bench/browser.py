"""Browser benchmark: prints figures, asserts nothing (run: ``make bench``).

Measured side by side in one run, with the same Chromium and the CDN answered from the pinned
npm files, against the real site built into a temporary directory and served on 127.0.0.1 with
GitHub Pages' caching (``max-age=600``):

(a) time from navigation to ``data-state="live"`` on the capacity page, divided by the time a
    bare module worker takes to boot the same Pyodide (plain ``loadPyodide``) on a blank page,
    on a warm profile (same user-data-dir, visited before) and on fresh profiles;
(b) main-thread long tasks (> 50 ms) during load, from a ``longtask`` PerformanceObserver, on
    the warm and on the fresh profiles (whose scripts compile cold);
(c) input → result as a reader sees it: from the edit to an output's text changing (a
    MutationObserver; the widget's own ``sd:result`` event beside it, which came earlier than
    the text by whatever its listeners did in between). On the capacity page, the first 20
    edits from the moment the form goes live (each as soon as the last showed; fresh profiles,
    as a first visit), then ``--edits`` edits at a typing cadence, with pauses longer than the
    chart pause (after which the chart and links are drawn while the reader may be typing
    again), after a 3 s settle; p50/p95 for every registered calculator at that cadence;
(d) what a first visit transfers for a page without a calculator, a calculator page and a
    bare Pyodide boot, piece by piece, raw and gzip-compressed (the CDN serves compressed);
(e) rapid edits (key repeat, fast typing: the next edit ~30 ms after the last result showed)
    on the capacity page (a small chart) and the rate-limiter page (the largest chart), each
    drawn after a result once typing pauses: input → text shown p50/p95 as shipped (chart
    after a 150 ms pause) and with the chart drawn at once (pause 0, the worker served with
    CHART_PAUSE_MS = 0), side by side;
(f) the worksheet: its first live values against the capacity page going live (fresh
    profiles, with the worker's marks for each), and input → values shown p50/p95 over
    ``--edits`` edits of a 60-line sheet, without and with ranged inputs, each edit a number
    the sheet has not had before, after a 3 s settle on the page (as in (c)); Python's share
    in the worker and the page's rendering beside it.

Every timing is repeated ``--runs`` times and the median printed.

``--cdn https`` (default) serves those files from a local HTTPS stand-in for the CDN host
(gzip, immutable caching): what a visitor's browser sees, caches included, so a warm profile is
warm (the tests use it too). ``--cdn route`` answers the CDN by Playwright interception; that
turns Chromium's HTTP and wasm-code caches off (a "warm" profile is then cold for every CDN
file) and pushes every body through Playwright's pipe (the 9.6 MB wasm alone takes ~0.8 s), so
both sides of the ratio carry that cost and the ratio cannot fall below ~0.4 there. The site's
service worker is blocked unless ``--service-worker``. ``SD_RUNTIME_LEVERS`` (see
macros/runtime_hooks.py) builds the site with some levers off, e.g. ``SD_RUNTIME_LEVERS=none``
for the plain runtime.

    .venv/bin/python bench/browser.py                 # or: make bench
    .venv/bin/python bench/browser.py --cdn route --skip c
    .venv/bin/python bench/browser.py --skip a,c,d        # rapid edits only
    .venv/bin/python bench/browser.py --skip a,b,c,d,e    # the worksheet only
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser_support import an_edit  # noqa: E402

from sysdesign_core import calculators, get  # noqa: E402
from tools.cdn import CDN_DIRS, PYODIDE_CDN, https_cdn, route_cdn  # noqa: E402
from tools.chromium import CHROMIUM_ARGS, chromium_path, free_port, serve  # noqa: E402

LIVE_TIMEOUT = 120_000
BENCH = "__bench__/"  # blank page and bare worker, answered by a route (never in the site)
BLANK_HTML = """<!doctype html><meta charset=utf-8><title>bare boot</title><script>
const w = new Worker("bare-worker.js", {type: "module"});
w.onmessage = ({data}) => { window.__bare = {...data, at: performance.now()}; };
</script>"""
BARE_WORKER = f"""import {{ loadPyodide }} from "{PYODIDE_CDN}pyodide.mjs";
const py = await loadPyodide({{ indexURL: "{PYODIDE_CDN}" }});
py.runPython("1 + 1");
postMessage({{ ready: true }});
"""
# Installed before any page script: records when the first calculator form goes live (on the
# worksheet: when its first values are shown) and every main-thread long task.
PROBE = """(() => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push([e.startTime, e.duration]);
    }).observe({type: "longtask", buffered: true});
  } catch (e) {}
  const seen = () => {
    const form = document.querySelector("form.sd-calc, form.sd-ws");
    if (form && (form.dataset.state === "live" || form.dataset.state === "offline")) {
      window.__live ??= {state: form.dataset.state, at: performance.now()};
    }
  };
  new MutationObserver(seen).observe(document, {subtree: true, attributes: true,
                                                attributeFilter: ["data-state"]});
})();"""
# Edits as a person sees them, run inside the page (no Playwright round trip in the timing):
# set a value, fire `input`, and time two moments: the widget's `sd:result` event, and the
# text of one of the form's outputs changing (a MutationObserver: what a reader sees, once the
# frame is drawn). The next edit follows `gaps[i]` ms after the text changed (cycling; 0: at
# once, in a new task). `values` cycle too, each changing an output's text from the one
# before. An edit whose text never changes is given up after 2.5 s and counted as null.
TYPE_LOOP = """async ([calc, name, values, gaps, count, react]) => {
  const form = document.querySelector(`form.sd-calc[data-calc="${calc}"]`);
  if (form.dataset.state !== "live") {  // start `react` ms after the form goes live
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (form.dataset.state === "live") { observer.disconnect(); resolve(); }
      });
      observer.observe(form, {attributes: true, attributeFilter: ["data-state"]});
    });
    if (react) await new Promise((r) => setTimeout(r, react));
  }
  const field = form.querySelector(`[name="${name}"]`);
  const outputs = [...form.querySelectorAll("output")];
  const now = () => performance.now();
  const rows = [];
  for (let i = 0; i < count; i++) {
    const before = outputs.map((o) => o.textContent).join("\\n");
    let event = null;
    const onResult = () => { event ??= now(); };
    form.addEventListener("sd:result", onResult);
    const shown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (outputs.map((o) => o.textContent).join("\\n") !== before) {
          observer.disconnect();
          resolve(now());
        }
      });
      for (const o of outputs) {
        observer.observe(o, {childList: true, characterData: true, subtree: true});
      }
      setTimeout(() => { observer.disconnect(); resolve(null); }, 2500);
    });
    const t0 = now();
    field.value = values[i % values.length];
    field.dispatchEvent(new Event("input", {bubbles: true}));
    const t1 = await shown;
    form.removeEventListener("sd:result", onResult);
    rows.push([event === null ? null : event - t0, t1 === null ? null : t1 - t0]);
    await new Promise((r) => setTimeout(r, gaps[i % gaps.length]));
  }
  return rows;
}"""
# A typing cadence, in ms from a result shown to the next keystroke: bursts of keys, and pauses
# longer than the chart pause (150 ms), after which the chart is drawn while the reader may
# already be typing again.
TYPING_GAPS = [0, 35, 60, 90, 40, 160, 70, 30, 250, 50, 120, 400, 45, 170, 80, 200]
# How long a reader takes to start typing once the form says it is live (seeing it, reaching
# the field): the worker warms up in such a pause (calc-worker.js, warmUp).
REACTION_MS = 300
# The capacity page: values whose write_qps reads differently from the one before.
CAPACITY_VALUES = [f"{100 + k}M" if k % 2 == 0 else f"{900 + k}M" for k in range(40)]
RAPID_VALUES = ["1B", "2B", "3B", "4B", "5B", "6B", "7B", "8B", "9B", "10B"]
# (calculator, page, the input edited, the values it cycles through)
RAPID_PAGES = [
    ("capacity", "calculators/capacity/", "dau", RAPID_VALUES),
    ("rate_limiter", "calculators/rate-limiter/", "limit", [str(n) for n in range(5, 15)]),
]
# The worksheet: set the sheet's text with one number changed, fire `input`, stop the clock when
# the page has shown the values of that text (data-evaluated counts replies; data-busy is set
# while a newer text waits).
SHEET_LOOP = """async ([text, token, count, first]) => {
  const form = document.getElementById("sd-ws");
  const area = document.getElementById("sd-ws-text");
  const times = [];
  for (let i = 0; i < count; i++) {
    const before = Number(form.dataset.evaluated || 0);
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (Number(form.dataset.evaluated || 0) > before && !form.dataset.busy) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(form, {attributes: true});
    });
    const t0 = performance.now();
    area.value = text.replace(token, String(first + i));  // a number not seen before
    area.dispatchEvent(new Event("input", {bubbles: true}));
    await done;
    times.push([performance.now() - t0, Number(form.dataset.workerMs || 0),
                Number(form.dataset.renderMs || 0)]);
    await new Promise((r) => setTimeout(r, 5));
  }
  return times;
}"""
SHEET_TOKEN = "PER_USER"


def bench_sheet(ranged: bool) -> str:
    """A 60-line sheet: a design's estimates with calculator calls, then derived lines; with
    two ranged inputs (``ranged``) or none. ``SHEET_TOKEN`` is the number each edit changes."""
    lines = [
        "dau = 500M (300M..1B)" if ranged else "dau = 500M",
        f"per_user = {SHEET_TOKEN}",
        "writes = dau * per_user / day",
        "peak = writes * 3",
        "record = 200 B (100 B..1 KB)" if ranged else "record = 200 B",
        "cap = capacity(dau=dau, writes_per_user=per_user, record_size=record)",
        "fleet = servers(peak_qps=cap.peak_read_qps, latency=50ms).servers",
    ]
    lines += [f"v{i} = peak * {i + 1} * record * 1 day in GB" for i in range(60 - len(lines))]
    return "\n".join(lines)


PHASES: list[dict[str, float]] = []  # the worker's own marks (ms since navigation), per visit


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def build(target: Path, site_url: str) -> None:
    """A strict build of the real site, as the tests make it."""
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"},
    )
    if process.returncode:
        sys.exit(process.stdout + process.stderr)
    print(f"built the site in {time.perf_counter() - started:.1f} s")


def write_bench_pages(site: Path) -> None:
    """The blank page and the bare worker, same origin as the site (never in a real build)."""
    folder = site / BENCH
    folder.mkdir(exist_ok=True)
    (folder / "blank.html").write_text(BLANK_HTML, encoding="utf-8")
    (folder / "bare-worker.js").write_text(BARE_WORKER, encoding="utf-8")


class Browser:
    """Launches Chromium contexts: persistent (a profile dir) or throwaway.

    ``cdn_flags`` empty: the CDN is routed to node_modules by interception; else the
    flags that point Chromium at the local HTTPS stand-in (see ``https_cdn``).
    """

    def __init__(self, playwright: Any, cdn_flags: list[str], service_workers: str) -> None:
        self.playwright = playwright
        self.args = CHROMIUM_ARGS + cdn_flags
        self.routed = not cdn_flags
        self.service_workers = service_workers
        self.browser = playwright.chromium.launch(executable_path=chromium_path(), args=self.args)

    def _prepare(self, context: Any) -> Any:
        if self.routed:
            route_cdn(context)
        context.add_init_script(PROBE)
        return context

    @contextmanager
    def profile(self, directory: Path) -> Iterator[Any]:
        context = self.playwright.chromium.launch_persistent_context(
            str(directory),
            executable_path=chromium_path(),
            args=self.args,
            service_workers=self.service_workers,
        )
        try:
            yield self._prepare(context)
        finally:
            context.close()

    @contextmanager
    def throwaway(self) -> Iterator[Any]:
        context = self.browser.new_context(service_workers=self.service_workers)
        try:
            yield self._prepare(context)
        finally:
            context.close()


def time_bare(context: Any, base: str) -> float:
    page = context.new_page()
    page.goto(base + BENCH + "blank.html")
    page.wait_for_function("() => window.__bare", timeout=LIVE_TIMEOUT)
    at = float(page.evaluate("window.__bare.at"))
    page.close()
    return at


def time_live(context: Any, url: str) -> tuple[float, list[float]]:
    """(ms from navigation to live, long task durations) for one visit."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.__live", timeout=LIVE_TIMEOUT)
    live = page.evaluate("window.__live")
    page.wait_for_function("() => window.sdRuntime", timeout=LIVE_TIMEOUT)
    how = page.evaluate("window.sdRuntime")
    if how.get("fallback"):
        sys.exit(f"{url}: the snapshot was not used: {how['fallback']}")
    if live["state"] != "live":
        sys.exit(f"{url}: the runtime went {live['state']}, not live")
    PHASES.append(how.get("at", {}))
    page.wait_for_timeout(200)  # let the observer deliver the last entries
    tasks = [d for start, d in page.evaluate("window.__longtasks") if start <= live["at"] + 200]
    page.close()
    return float(live["at"]), tasks


def boot_times(browser: Browser, base: str, runs: int) -> None:
    calc_url = base + "calculators/capacity/"
    rows: dict[str, list[float]] = {
        k: [] for k in ("warm bare", "warm live", "fresh bare", "fresh live")
    }
    # Long tasks per profile: a fresh profile compiles every script cold (no code cache).
    tasks: dict[str, list[float]] = {"warm": [], "fresh": []}
    task_visits = {"warm": 0, "fresh": 0}
    with (
        tempfile.TemporaryDirectory(prefix="bench-warm-") as warm_dir,
        browser.profile(Path(warm_dir)) as warm,
    ):
        time_bare(warm, base)  # prime the profile: first visits fill its caches
        time_live(warm, calc_url)
        for _ in range(runs):
            rows["warm bare"].append(time_bare(warm, base))
            live, long = time_live(warm, calc_url)
            rows["warm live"].append(live)
            tasks["warm"] += long
            task_visits["warm"] += 1
    for _ in range(runs):
        for kind in ("bare", "live"):
            with (
                tempfile.TemporaryDirectory(prefix="bench-fresh-") as fresh_dir,
                browser.profile(Path(fresh_dir)) as fresh,
            ):
                if kind == "bare":
                    rows["fresh bare"].append(time_bare(fresh, base))
                else:
                    live, long = time_live(fresh, calc_url)
                    rows["fresh live"].append(live)
                    tasks["fresh"] += long
                    task_visits["fresh"] += 1
    print(
        f"\n(a) navigation → live on calculators/capacity/ vs a bare loadPyodide worker "
        f"(median of {runs}, ms)"
    )
    for name, values in rows.items():
        print(
            f"    {name:<11} {median(values):8.0f}   runs: " + " ".join(f"{v:.0f}" for v in values)
        )
    keys = sorted(
        {key for marks in PHASES for key in marks},
        key=lambda k: median([m[k] for m in PHASES if k in m]),
    )
    print(
        "    worker marks, ms after navigation (median over all live visits): "
        + ", ".join(f"{key} {median([m[key] for m in PHASES if key in m]):.0f}" for key in keys)
    )
    for profile in ("warm", "fresh"):
        ratio = median(rows[f"{profile} live"]) / median(rows[f"{profile} bare"])
        print(f"    ratio {profile:<5} {ratio:8.2f}")
    print("\n(b) main-thread long tasks > 50 ms while loading the calculator page")
    for profile, found in tasks.items():
        print(
            f"    {profile:<5} profile: {len(found)} over {task_visits[profile]} visits"
            + (f" ({', '.join(f'{d:.0f}' for d in sorted(found))} ms)" if found else "")
        )
    # The same count on pages that start no runtime, to tell the runtime's share from the
    # page's own (parsing, layout, Material's bundle).
    with browser.throwaway() as context:
        for title, url in (("home (no calculator)", base), ("blank page", base + BENCH)):
            other: list[float] = []
            for _ in range(runs):
                page = context.new_page()
                page.goto(url + ("blank.html" if url.endswith(BENCH) else ""))
                page.wait_for_load_state("load")
                page.wait_for_timeout(1500)
                other += [d for _, d in page.evaluate("window.__longtasks")]
                page.close()
            print(
                f"    for comparison, {title} (first visit cold, then warm): {len(other)} over "
                f"{runs} visits"
                + (f" ({', '.join(f'{d:.0f}' for d in sorted(other))} ms)" if other else "")
            )


def edit_values(calc_id: str) -> tuple[str, list[str]]:
    """An input and two values run() accepts (another and the default), to alternate."""
    name, value = an_edit(calc_id)
    return name, [value, get(calc_id).input(name).default]


def calc_pages(site: Path) -> dict[str, str]:
    """calculator id → the site-relative URL of the first page that holds its widget."""
    found: dict[str, str] = {}
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        rel = path.parent.relative_to(site).as_posix()
        for calc in calculators():
            if calc.id not in found and f'data-calc="{calc.id}"' in html:
                found[calc.id] = "" if rel == "." else rel + "/"
    return found


def shown_times(rows: list[list[float | None]]) -> tuple[list[float], list[float], int]:
    """TYPE_LOOP's rows as (ms to the text shown, ms to sd:result, edits never shown)."""
    shown = [t for _, t in rows if t is not None]
    event = [e for e, _ in rows if e is not None]
    return shown, event, sum(1 for _, t in rows if t is None)


def spread(values: list[float]) -> str:
    if not values:
        return "no values"
    return (
        f"p50 {percentile(values, 0.5):6.1f}   p95 {percentile(values, 0.95):6.1f}   "
        f"max {max(values):6.1f}"
    )


def type_on(
    page: Any,
    calc_id: str,
    name: str,
    values: list[str],
    gaps: list[int],
    count: int,
    react: int = 0,
) -> Any:
    return page.evaluate(TYPE_LOOP, [calc_id, name, values, gaps, count, react])


def latencies(browser: Browser, base: str, site: Path, runs: int, edits: int) -> None:
    """(c) input → result as a person sees it: the output's text changing."""
    pages = calc_pages(site)
    gaps = ", ".join(map(str, TYPING_GAPS))
    print(
        f"\n(c) input → result as a reader sees it (ms from the edit to an output's text "
        f"changing; sd:result, the widget's event, beside it). Typing cadence: the next edit "
        f"{gaps} ms after the last result showed, in turn."
    )
    first: dict[int, list[list[float | None]]] = {0: [], REACTION_MS: []}
    typing: list[list[float | None]] = []
    for _ in range(runs):
        for react in first:
            with browser.throwaway() as context:
                page = context.new_page()
                # The loop itself waits in the page for the form to go live, then types.
                page.goto(base + pages["capacity"], wait_until="domcontentloaded")
                first[react] += type_on(page, "capacity", "dau", CAPACITY_VALUES, [0], 20, react)
                page.wait_for_timeout(3000)
                typing += type_on(page, "capacity", "dau", CAPACITY_VALUES, TYPING_GAPS, edits)
                page.close()
    titles = (
        f"capacity, the first 20 edits from the moment it is live, each as soon as the last "
        f"showed ({runs} visits)",
        f"capacity, the same, the first edit {REACTION_MS} ms after live (a reader's reaction) "
        f"({runs} visits)",
        f"capacity, {edits} edits at a typing cadence after a 3 s settle ({2 * runs} visits)",
    )
    for title, rows in zip(titles, (first[0], first[REACTION_MS], typing), strict=True):
        shown, event, lost = shown_times(rows)
        print(f"  {title}")
        print(f"    shown       {spread(shown)}" + (f"   ({lost} never shown)" if lost else ""))
        print(f"    sd:result   {spread(event)}")
    print(
        f"  every calculator, {edits // 4} edits each at the typing cadence: shown (sd:result p95)"
    )
    with browser.throwaway() as context:
        for calc in calculators():
            if calc.id not in pages:
                print(f"    {calc.id:<13} no page holds this calculator's widget")
                continue
            page = context.new_page()
            page.goto(base + pages[calc.id])
            page.wait_for_selector(
                f'form[data-calc="{calc.id}"][data-state="live"]', timeout=LIVE_TIMEOUT
            )
            name, values = edit_values(calc.id)
            rows = type_on(page, calc.id, name, values, TYPING_GAPS, edits // 4)
            page.close()
            shown, event, lost = shown_times(rows)
            print(
                f"    {calc.id:<19} {spread(shown)}   (sd:result p95 "
                f"{percentile(event, 0.95) if event else float('nan'):5.1f})"
                + (f"   {lost} never shown" if lost else "")
            )


def rapid_edits(browser: Browser, base: str, site: Path, edits: int, gap: int = 30) -> None:
    print(
        f"\n(e) rapid edits (ms, input → text shown; {edits} edits a page, the next {gap} ms "
        "after each result showed)"
    )
    worker = site / "javascripts" / "calc-worker.js"
    source = worker.read_text(encoding="utf-8")
    shipped = re.search(r"const CHART_PAUSE_MS = (\d+);", source)
    assert shipped, "calc-worker.js has no CHART_PAUSE_MS"
    for calc_id, path, name, values in RAPID_PAGES:
        print(f"  {path} ({name} through {values[0]}…{values[-1]})")
        for pause in (int(shipped.group(1)), 0):
            # The served file itself (a fresh context has nothing cached), restored afterwards.
            worker.write_text(source.replace(shipped.group(0), f"const CHART_PAUSE_MS = {pause};"))
            try:
                with browser.throwaway() as context:
                    page = context.new_page()
                    page.goto(base + path)
                    page.wait_for_selector(
                        f'form[data-calc="{calc_id}"][data-state="live"]', timeout=LIVE_TIMEOUT
                    )
                    type_on(page, calc_id, name, values, [gap], 10)  # warm-up
                    rows = type_on(page, calc_id, name, values, [gap], edits)
                    page.close()
            finally:
                worker.write_text(source)
            label = "as shipped" if pause else "chart at once"
            print(f"    chart pause {pause:>3} ms ({label:<13}) {spread(shown_times(rows)[0])}")


def worksheet(browser: Browser, base: str, runs: int, edits: int) -> None:
    """(f) the worksheet: the first live values against a calculator page's first live state,
    and re-evaluating a 60-line sheet after one edit, with and without ranges."""
    print(f"\n(f) worksheet (median of {runs} fresh visits; {edits} edits of a 60-line sheet)")
    first: dict[str, list[float]] = {"worksheet": [], "capacity": []}
    marks: dict[str, list[dict[str, float]]] = {"worksheet": [], "capacity": []}
    pages = [("worksheet", "worksheet/"), ("capacity", "calculators/capacity/")]
    for run in range(runs):
        # each page first in turn: the visit after another pays for that one's teardown
        for name, path in pages if run % 2 == 0 else pages[::-1]:
            with browser.throwaway() as context:
                first[name].append(time_live(context, base + path)[0])
                marks[name].append(PHASES[-1])
    sheet, calc = median(first["worksheet"]), median(first["capacity"])
    print(
        f"    first live: worksheet {sheet:7.0f} ms   capacity page {calc:7.0f} ms   "
        f"ratio {sheet / calc:.2f} (target: no slower, <= 1.0)"
    )
    for name, visits in marks.items():
        keys = sorted(
            {k for m in visits for k in m}, key=lambda k: median([m[k] for m in visits if k in m])
        )
        print(
            f"    worker marks on the {name} page, ms after navigation: "
            + ", ".join(f"{k} {median([m[k] for m in visits if k in m]):.0f}" for k in keys)
        )
    with browser.throwaway() as context:
        page = context.new_page()
        page.goto(base + "worksheet/")
        page.wait_for_selector("#sd-ws[data-state=live]", timeout=LIVE_TIMEOUT)
        page.wait_for_timeout(3000)  # a reader reads the example first, as in (c)
        for ranged in (False, True):
            text = bench_sheet(ranged)
            page.evaluate(SHEET_LOOP, [text, SHEET_TOKEN, 5, 10_000])  # warm: the first edits
            pairs = page.evaluate(SHEET_LOOP, [text, SHEET_TOKEN, edits, 2])
            times, python = [t[0] for t in pairs], [t[1] for t in pairs]
            render = [t[2] for t in pairs]
            label = "with 2 ranges" if ranged else "no ranges    "
            in_worker = f"p50 {percentile(python, 0.5):5.1f}, p95 {percentile(python, 0.95):5.1f}"
            on_page = f"p50 {percentile(render, 0.5):5.1f}, p95 {percentile(render, 0.95):5.1f}"
            print(
                f"    one edit, {label}: {spread(times)} ms (target: p95 <= 20 ms); "
                f"Python in the worker: {in_worker}; rendering: {on_page}"
            )
        page.close()


def local_file(url: str, base: str, site: Path) -> Path | None:
    path = url.split("?")[0].split("#")[0]
    if path.startswith(base):
        rel = path[len(base) :]
        target = site / rel
        return target / "index.html" if rel == "" or rel.endswith("/") else target
    for cdn, folder in CDN_DIRS.items():
        if path.startswith(cdn):
            return folder / path[len(cdn) :]
    return None


def piece_sizes(urls: list[str], base: str, site: Path) -> list[tuple[str, int, int]]:
    sizes = []
    for url in dict.fromkeys(urls):
        path = local_file(url, base, site)
        if path is None or not path.is_file():
            continue
        data = path.read_bytes()
        name = url.replace(base, "site:/").replace(PYODIDE_CDN, "pyodide:")
        sizes.append((name, len(data), len(gzip.compress(data, 6))))
    return sizes


def first_visit(browser: Browser, base: str, site: Path, url: str, wait: str) -> list[str]:
    urls: list[str] = []
    with browser.throwaway() as context:
        context.on("request", lambda request: urls.append(request.url))
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(wait, timeout=LIVE_TIMEOUT)
        page.wait_for_timeout(500)
    return [u for u in urls if BENCH not in u or u.endswith("blank.html")]


def transfer(browser: Browser, base: str, site: Path) -> None:
    print("\n(d) bytes of a first visit (raw / gzip -6; the CDN and Pages serve compressed)")
    visits = {
        "page without a calculator (home)": (base, "document.readyState === 'complete'"),
        "calculator page (capacity)": (base + "calculators/capacity/", "window.__live"),
        "bare Pyodide boot (blank page)": (base + BENCH + "blank.html", "window.__bare"),
    }
    totals: dict[str, tuple[int, int]] = {}
    for title, (url, wait) in visits.items():
        sizes = piece_sizes(first_visit(browser, base, site, url, wait), base, site)
        pyodide = [s for s in sizes if s[0].startswith("pyodide:")]
        raw, packed = sum(s[1] for s in sizes), sum(s[2] for s in sizes)
        totals[title] = (raw, packed)
        print(
            f"  {title}: {raw / 1e6:.2f} MB raw, {packed / 1e6:.2f} MB gzip; Pyodide "
            f"{sum(s[2] for s in pyodide) / 1e6:.2f} MB gzip from {len(pyodide)} files"
        )
        for name, raw_size, gz in sorted(sizes, key=lambda s: -s[2])[:12]:
            if gz >= 10_000:
                print(f"      {name:<60} {raw_size / 1e3:9.0f} KB {gz / 1e3:9.0f} KB")
    calc = totals["calculator page (capacity)"][1]
    bare = totals["bare Pyodide boot (blank page)"][1]
    print(f"    calculator page ÷ bare boot (gzip): {calc / bare:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each timing")
    parser.add_argument("--edits", type=int, default=200, help="edits on the capacity page")
    parser.add_argument("--skip", default="", help="comma list of parts to skip: a,b,c,d,e,f")
    parser.add_argument(
        "--cdn",
        choices=["route", "https"],
        default="https",
        help="route: the CDN routed to node_modules by Playwright interception ("
        "no HTTP cache, every body through its pipe); https: a local HTTPS stand-in for the "
        "CDN host, with Chromium's caches and gzip, as a visitor has them",
    )
    parser.add_argument(
        "--service-worker",
        action="store_true",
        help="let the site's service worker run (blocked by default, so that every visit "
        "measures the network and HTTP-cache path, not the offline copy)",
    )
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    from playwright.sync_api import sync_playwright

    port = free_port()
    with (
        tempfile.TemporaryDirectory(prefix="bench-site-") as tmp,
        sync_playwright() as pw,
        https_cdn() if args.cdn == "https" else nullcontext([]) as cdn_flags,
    ):
        site = Path(tmp)
        build(site, f"http://127.0.0.1:{port}/")
        write_bench_pages(site)
        with serve(site, port, like_pages=True) as base:
            browser = Browser(pw, cdn_flags, "allow" if args.service_worker else "block")
            print(
                f"Chromium {browser.browser.version}, {os.cpu_count()} CPUs, "
                f"CDN: {args.cdn}, service worker {browser.service_workers}ed, "
                f"SD_RUNTIME_LEVERS={os.environ.get('SD_RUNTIME_LEVERS', '(default)')}, "
                f"runtime: {json.dumps(runtime_summary(site))}"
            )
            if "a" not in skip:
                boot_times(browser, base, args.runs)
            if "c" not in skip:
                latencies(browser, base, site, args.runs, args.edits)
            if "d" not in skip:
                transfer(browser, base, site)
            if "e" not in skip:
                rapid_edits(browser, base, site, args.edits)
            if "f" not in skip:
                worksheet(browser, base, args.runs, args.edits)
            browser.browser.close()


def runtime_summary(site: Path) -> dict[str, str]:
    """What the built pages tell the runtime to load (the sd-runtime meta tag)."""
    html = (site / "calculators" / "capacity" / "index.html").read_text(encoding="utf-8")
    start = html.find('<meta name="sd-runtime"')
    tag = html[start : html.find(">", start)]
    return {
        key: value.rsplit("/", 1)[-1]
        for key, value in re.findall(r'data-([\w-]+)="([^"]*)"', tag)
        if key not in ("pyodide-integrity", "pyodide-lock", "snapshot-head")
    }


if __name__ == "__main__":
    main()
