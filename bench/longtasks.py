"""Main-thread long tasks during a page's first second, per kind of page, and what each one is.

Usage: ``python bench/longtasks.py [--site [LABEL=]DIR]… [--runs N] [--only desk|phone]
[--pages home,table,…] [--profiles fresh,warm]`` (``make bench-longtasks``). Builds the site
(strict) unless ``--site`` is given; two ``--site`` (``before=DIR after=DIR``) are measured side
by side, their visits alternating page by page. Each site is served on 127.0.0.1 with GitHub
Pages' caching, the pinned CDN from its local HTTPS stand-in, and each kind of page is loaded
(home, a table page, a calculator, a problem, the worksheet, the flashcards):

- on a **fresh** profile (a new user-data-dir per visit: nothing cached, every script compiled
  cold) and on a **warm** one (one profile, every page visited twice before, so the HTTP and the
  V8 code caches are full);
- at **desk** width (1280×800, the CPU as it is) and as a **phone** (390×844, touch, the CPU
  slowed 4× with ``Emulation.setCPUThrottlingRate``, as Lighthouse's mobile run does; there the
  calculator runtime waits for a first edit, by design);

each ``--runs`` times (3 by default). A visit lasts until the load event, the calculator going
live where one starts, and then ``SETTLE_S`` quiet seconds. A ``longtask`` observer (installed
before any page script) collects every main-thread task over 50 ms; the Long Animation Frames
API (``long-animation-frame`` with its ``scripts`` attribution) says what ran in it: which script
(URL, function, how it was invoked, its compile time) and how much went to style and layout.

Prints, per profile and kind of page: long tasks per visit (median), the longest task over all
runs, the total blocking time (each task's time beyond 50 ms, summed per visit; median), when
the runtime went live where it starts with the page, and the causes seen, each with how many
times and its longest task (a cause names up to three parts of the task: a script and how it
was invoked, the frame's rendering, or work outside any script: parsing, style, layout). Load
average is printed before and after: on a shared machine, compare figures from one run only.
It asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from browser import build  # noqa: E402  (bench/browser.py: the strict build the tests make)

from tools.cdn import https_cdn  # noqa: E402
from tools.chromium import CHROMIUM_ARGS, chromium_path, free_port, serve  # noqa: E402

PAGES = {
    "home": "",
    "table": "toolbox/databases/",
    "calculator": "calculators/capacity/",
    "problem": "problems/chat/",
    "worksheet": "worksheet/",
    "flashcards": "practice/flashcards/",
}
SETTLE_S = 2.0  # quiet time after load (and live): tasks that come late still count
LIVE_TIMEOUT_S = 60.0
Device = tuple[dict[str, Any], float]  # context options, CPU slowdown
DESK = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
}

# Installed before any page script. Keeps every long task and every long animation frame with
# its scripts; notes when a calculator or the worksheet goes live (or offline).
PROBE = """(() => {
  const tasks = window.__sdTasks = [], frames = window.__sdFrames = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
    }).observe({type: "longtask", buffered: true});
  } catch (e) {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) frames.push({
        start: e.startTime, duration: e.duration, render: e.renderStart,
        style: e.styleAndLayoutStart,
        scripts: e.scripts.map((s) => ({
          start: s.startTime, duration: s.duration, exec: s.executionStart,
          type: s.invokerType, invoker: s.invoker, url: s.sourceURL,
          fn: s.sourceFunctionName, at: s.sourceCharPosition,
          layout: s.forcedStyleAndLayoutDuration,
        })),
      });
    }).observe({type: "long-animation-frame", buffered: true});
  } catch (e) {}
  const seen = () => {
    const form = document.querySelector("form.sd-calc, form.sd-ws");
    if (form && (form.dataset.state === "live" || form.dataset.state === "offline")) {
      window.__sdLive ??= performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {subtree: true, attributes: true,
                                                attributeFilter: ["data-state"]});
})();"""
# Does this page start the calculator runtime by itself (a calculator or the worksheet, and
# sdRuntimeWait says "now")? Then the visit waits for it to go live.
STARTS_RUNTIME = """() => !!document.querySelector("form.sd-calc, form.sd-ws")
  && !!window.sdRuntimeWait && window.sdRuntimeWait() === \"\""""


@dataclass
class Visit:
    tasks: list[float]
    causes: list[str]
    live: float | None = None  # ms after navigation, where the page started the runtime


@dataclass
class Figures:
    visits: list[Visit] = field(default_factory=list)

    def summary(self) -> str:
        counts = [len(v.tasks) for v in self.visits]
        blocking = [sum(max(0.0, t - 50) for t in v.tasks) for v in self.visits]
        longest = max((t for v in self.visits for t in v.tasks), default=0.0)
        live = [v.live for v in self.visits if v.live is not None]
        return (
            f"long tasks/visit {statistics.median(counts):4.1f} (max {max(counts)})  "
            f"longest {longest:4.0f} ms  TBT {statistics.median(blocking):4.0f} ms "
            f"(max {max(blocking):.0f})"
            + (f"  live at {statistics.median(live):.0f} ms" if live else "")
        )

    def causes(self) -> list[str]:
        seen: dict[str, list[float]] = defaultdict(list)
        for visit in self.visits:
            for task, cause in zip(visit.tasks, visit.causes, strict=True):
                seen[cause].append(task)
        return [
            f"{len(times)}× ≤{max(times):.0f} ms  {cause}"
            for cause, times in sorted(seen.items(), key=lambda kv: -max(kv[1]))
        ]


def short(url: str, base: str) -> str:
    """A script's URL without the site's address or a CDN's host."""
    if not url:
        return ""
    if url.startswith(base):
        url = url[len(base) :]
    elif "://" in url:
        url = url.split("://", 1)[1].split("/", 1)[0] + ":…/" + url.rsplit("/", 1)[-1]
    return url.split("?")[0] or "(the page)"


def what(script: dict[str, Any], base: str) -> str:
    """One script of a long animation frame, in words."""
    url = short(script["url"], base)
    kind = script["type"]
    fn = script["fn"]
    if kind in ("classic-script", "module-script"):
        head = f"{'inline ' if url.endswith('/') or url == '(the page)' else ''}{kind} {url}"
        compile_ms = max(0.0, script["exec"] - script["start"]) if script["exec"] else 0.0
        tail = f" (compile {compile_ms:.0f} ms)" if compile_ms >= 5 else ""
        return head + tail
    where = f"{url}:{fn}" if fn else url or "?"
    return f"{kind} {script['invoker']} → {where}"


def describe(start: float, duration: float, frames: list[dict[str, Any]], base: str) -> str:
    """What a long task [start, start + duration] did, from the long animation frames."""
    end = start + duration
    parts: list[tuple[float, str]] = []
    render = 0.0
    for frame in frames:
        f_end = frame["start"] + frame["duration"]
        if f_end < start or frame["start"] > end:
            continue
        for script in frame["scripts"]:
            if start - 1 <= script["start"] <= end + 1 and script["duration"] >= 5:
                layout = script["layout"]
                text = what(script, base)
                if layout >= 5:
                    text += f" [forced layout {layout:.0f} ms]"
                parts.append((script["duration"], text))
        # The frame's rendering (style, layout, paint) when it falls in this task.
        style = frame["style"] or frame["render"]
        if frame["render"] and start - 1 <= frame["render"] <= end + 1:
            render = max(render, f_end - min(style, frame["render"]))
    scripted = sum(d for d, _ in parts)
    if render >= 5:
        parts.append((render, "rendering (style, layout, paint)"))
    rest = duration - scripted - render
    if rest >= 15:
        parts.append((rest, "no script: HTML parsing, style or layout"))
    parts.sort(key=lambda p: -p[0])
    return " + ".join(f"{text} {ms:.0f}" for ms, text in parts[:3]) or "unattributed"


@contextmanager
def profile(pw: Any, directory: str, args: list[str], device: dict[str, Any]) -> Iterator[Any]:
    context = pw.chromium.launch_persistent_context(
        directory,
        executable_path=chromium_path(),
        args=args,
        service_workers="block",
        **device,
    )
    try:
        context.add_init_script(PROBE)
        yield context
    finally:
        context.close()


def visit(context: Any, url: str, base: str, throttle: float) -> Visit:
    page = context.new_page()
    if throttle > 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(url, wait_until="load")
    live = None
    if page.evaluate(STARTS_RUNTIME):
        page.wait_for_function("() => window.__sdLive", timeout=LIVE_TIMEOUT_S * 1000)
        live = float(page.evaluate("window.__sdLive"))
    time.sleep(SETTLE_S)
    tasks: list[list[float]] = page.evaluate("window.__sdTasks")
    frames: list[dict[str, Any]] = page.evaluate("window.__sdFrames")
    page.close()
    return Visit(
        tasks=[d for _, d in tasks],
        causes=[describe(s, d, frames, base) for s, d in tasks],
        live=live,
    )


def site_arg(text: str) -> tuple[str, Path]:
    """``--site DIR`` or ``--site LABEL=DIR``."""
    label, _, directory = text.rpartition("=")
    return label or Path(directory).name, Path(directory)


def measure(
    pw: Any,
    tmp: str,
    bases: dict[str, str],
    kinds: list[str],
    device: Device,
    profiles: list[str],
    runs: int,
    cdn_flags: list[str],
) -> dict[tuple[str, str, str], Figures]:
    """{(profile, kind, site label): figures}; the sites' visits alternate, page by page."""
    options, throttle = device
    args = CHROMIUM_ARGS + cdn_flags
    figures: dict[tuple[str, str, str], Figures] = defaultdict(Figures)
    if "warm" in profiles:
        with ExitStack() as stack:
            warm = {
                label: stack.enter_context(profile(pw, f"{tmp}/warm-{label}", args, options))
                for label in bases
            }
            for label, base in bases.items():  # fill the HTTP and the code caches
                for kind in kinds:
                    for _ in range(2):
                        visit(warm[label], base + PAGES[kind], base, throttle)
            for _ in range(runs):
                for kind in kinds:
                    for label, base in bases.items():
                        found = visit(warm[label], base + PAGES[kind], base, throttle)
                        figures[("warm", kind, label)].visits.append(found)
        shutil.rmtree(tmp, ignore_errors=True)
    if "fresh" in profiles:
        for run in range(runs):
            for kind in kinds:
                for label, base in bases.items():
                    with profile(pw, f"{tmp}/fresh-{run}-{kind}-{label}", args, options) as fresh:
                        found = visit(fresh, base + PAGES[kind], base, throttle)
                    figures[("fresh", kind, label)].visits.append(found)
        shutil.rmtree(tmp, ignore_errors=True)
    return figures


# Chromium trace categories for ``--trace``: tasks with their thread (CPU) time, and what ran in
# them (script evaluation, event dispatch, style recalculation with its element count, layout).
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute"]
TRACED = {
    "ParseHTML",
    "EvaluateScript",
    "v8.evaluateModule",
    "EventDispatch",
    "TimerFire",
    "FireAnimationFrame",
    "FunctionCall",
    "UpdateLayoutTree",
    "Layout",
    "Paint",
    "MinorGC",
    "MajorGC",
}


def trace_events(page: Any, context: Any, url: str) -> list[dict[str, Any]]:
    """A Chromium trace of one load of ``url`` in ``page`` (until SETTLE_S after load)."""
    cdp = context.new_cdp_session(page)
    done: dict[str, Any] = {}
    cdp.on("Tracing.tracingComplete", lambda event: done.update(event))
    cdp.send(
        "Tracing.start",
        {"transferMode": "ReturnAsStream", "traceConfig": {"includedCategories": TRACE_CATEGORIES}},
    )
    page.goto(url, wait_until="load")
    time.sleep(SETTLE_S)
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(50)
    chunks = []
    while True:
        read = cdp.send("IO.read", {"handle": done["stream"]})
        chunks.append(read["data"])
        if read.get("eof"):
            break
    data = json.loads("".join(chunks))
    events: list[dict[str, Any]] = data["traceEvents"] if isinstance(data, dict) else data
    return events


def trace_tasks(events: list[dict[str, Any]], base: str) -> list[str]:
    """The page's main-thread tasks over 50 ms (wall) or 30 ms (CPU), each with its parts."""
    threads = {
        (e["pid"], e["tid"]) for e in events if e.get("args", {}).get("name") == "CrRendererMain"
    }
    main = max(
        threads,
        key=lambda t: sum(
            1 for e in events if (e["pid"], e["tid"]) == t and e["name"] == "ParseHTML"
        ),
    )
    own = sorted(
        (e for e in events if (e["pid"], e["tid"]) == main and e.get("ph") == "X" and "dur" in e),
        key=lambda e: e["ts"],
    )
    start = own[0]["ts"] if own else 0
    lines = []
    for task in own:
        wall, cpu = task["dur"] / 1000, task.get("tdur", task["dur"]) / 1000
        if task["name"] != "RunTask" or (wall <= 50 and cpu <= 30):
            continue
        end = task["ts"] + task["dur"]
        parts = []
        for e in own:
            if e["name"] not in TRACED or not task["ts"] <= e["ts"] <= end or e["dur"] < 2000:
                continue
            data = e.get("args", {}).get("data") or e.get("args", {}).get("beginData") or {}
            what = short(str(data.get("url") or ""), base) or str(data.get("type") or "")
            if e["name"] == "UpdateLayoutTree":
                what = f"{e.get('args', {}).get('elementCount', '?')} elements"
            cpu_part = e.get("tdur", e["dur"]) / 1000
            parts.append(f"{e['name']}{f' ({what})' if what else ''} {cpu_part:.0f}")
        lines.append(
            f"+{(task['ts'] - start) / 1000:5.0f} ms: {wall:4.0f} ms ({cpu:3.0f} ms CPU) "
            + "; ".join(parts[:8])
        )
    return lines


def traced(
    pw: Any, tmp: str, bases: dict[str, str], kinds: list[str], device: Device, cdn_flags: list[str]
) -> None:
    """``--trace``: one warm visit per page and site, traced; prints its tasks."""
    options, throttle = device
    for label, base in bases.items():
        with profile(pw, f"{tmp}/trace-{label}", CHROMIUM_ARGS + cdn_flags, options) as warm:
            for kind in kinds:
                url = base + PAGES[kind]
                for _ in range(2):
                    visit(warm, url, base, throttle)
                page = warm.new_page()
                if throttle > 1:
                    warm.new_cdp_session(page).send(
                        "Emulation.setCPUThrottlingRate", {"rate": throttle}
                    )
                lines = trace_tasks(trace_events(page, warm, url), base)
                page.close()
                print(f"  traced {kind} ({label}), warm: main-thread tasks, CPU time of each part")
                for line in lines:
                    print(f"        {line}")
    shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--site",
        type=site_arg,
        action="append",
        help="a built site, LABEL=DIR or DIR; give two (before=…, after=…) to compare them side "
        "by side, visit for visit (default: build the working tree's)",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["desk", "phone"], help="one device only")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma list of page kinds")
    parser.add_argument("--profiles", default="fresh,warm", help="fresh, warm or both")
    parser.add_argument(
        "--trace",
        action="store_true",
        help="also trace one warm visit per page (Chromium trace): each long task's thread CPU "
        "time (steady on a busy machine, unlike wall time) and its parts",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    kinds = [k for k in args.pages.split(",") if k]
    devices: dict[str, Device] = {"desk": (DESK, 1.0), "phone": (PHONE, 4.0)}
    if args.only:
        devices = {args.only: devices[args.only]}
    with (
        tempfile.TemporaryDirectory(prefix="sd-bench-") as tmp,
        sync_playwright() as pw,
        https_cdn() as cdn_flags,
        ExitStack() as servers,
    ):
        sites = dict(args.site or [])
        if not sites:
            port = free_port()
            sites = {"site": Path(tmp) / "site"}
            build(sites["site"], f"http://127.0.0.1:{port}/")
            bases = {"site": servers.enter_context(serve(sites["site"], port, like_pages=True))}
        else:
            bases = {
                label: servers.enter_context(serve(directory, like_pages=True))
                for label, directory in sites.items()
            }
        load = os.getloadavg()
        print(
            f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
            f"{args.runs} runs; a long task is > 50 ms; TBT sums each one's time beyond 50 ms"
        )
        for device, setup in devices.items():
            figures = measure(
                pw, f"{tmp}/profiles", bases, kinds, setup, args.profiles.split(","),
                args.runs, cdn_flags,
            )  # fmt: skip
            label = "desk 1280×800" if device == "desk" else "phone 390×844, CPU ×4"
            print(f"\n{label}")
            for (prof, kind, site), found in sorted(
                figures.items(), key=lambda kv: (kv[0][0], kinds.index(kv[0][1]))
            ):
                name = f"{kind} ({site})" if len(bases) > 1 else kind
                print(f"  {prof:<5} {name:<22} {found.summary()}")
                for cause in found.causes():
                    print(f"        {cause}")
            if args.trace:
                traced(pw, f"{tmp}/profiles", bases, kinds, setup, cdn_flags)
        load = os.getloadavg()
        print(f"\nload average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
