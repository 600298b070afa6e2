"""What the flashcards page costs a phone: its HTML in bytes, the elements it builds, and the
main thread's long tasks while it loads.

Usage: ``python bench/flashcards.py [--site DIR] [--runs N] [--page PATH]``. Builds the site
(strict) unless ``--site`` is given, serves it on 127.0.0.1 and loads ``practice/flashcards/``
(or another page, to compare) N times (5 by default) in the Chromium the tests use, as a
phone: 390×844, touch, the CPU slowed 4× as Lighthouse's mobile run does, no service worker.
A ``longtask`` PerformanceObserver collects every task over 50 ms until 3 s after the load
event. Prints medians; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from browser import build  # noqa: E402  (bench/browser.py: the strict build the tests make)

from tools.chromium import CHROMIUM_ARGS, chromium_path, free_port, serve  # noqa: E402

PAGE = "practice/flashcards/"
OBSERVE = """window.__sdLongTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__sdLongTasks.push(entry.duration);
}).observe({type: "longtask", buffered: true});"""
SETTLE_S = 3.0  # after the load event, for the tasks that come late (a measurement, not a test)


def load_once(browser: Any, url: str) -> dict[str, float]:
    """One cold load as a phone: long tasks, elements built, DOMContentLoaded."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=3,
        service_workers="block",
    )
    try:
        context.add_init_script(OBSERVE)
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(url, wait_until="load")
        time.sleep(SETTLE_S)
        tasks: list[float] = page.evaluate("window.__sdLongTasks")
        return {
            "tasks": sum(tasks),
            "blocking": sum(max(0.0, task - 50) for task in tasks),
            "longest": max(tasks, default=0.0),
            "elements": page.evaluate("document.getElementsByTagName('*').length"),
            "cards built": page.evaluate("document.querySelectorAll('.sd-deck > details').length"),
            "ready": page.evaluate(
                "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
            ),
        }
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default=PAGE, help=f"a page to load instead (default {PAGE})")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="sd-bench-") as tmp:
        site = args.site or Path(tmp)
        if not args.site:
            build(site, f"http://127.0.0.1:{port}/")
        html = (site / args.page / "index.html").read_bytes()
        cards = html.count(b'class="sd-card"')
        zipped = len(gzip.compress(html)) / 1024
        print(
            f"{args.page}: {len(html) / 1024:.0f} KiB of HTML, {zipped:.0f} KiB gzipped, "
            f"{cards} cards in it"
        )
        with serve(site, port) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            runs = [load_once(browser, url + args.page) for _ in range(args.runs)]
            browser.close()
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(
        f"{args.runs} loads as a phone (4x slower CPU), medians: "
        f"{median['elements']:.0f} elements, {median['cards built']:.0f} cards built at load; "
        f"long tasks {median['tasks']:.0f} ms in all, blocking time (each beyond 50 ms) "
        f"{median['blocking']:.0f} ms, longest {median['longest']:.0f} ms; "
        f"DOMContentLoaded at {median['ready']:.0f} ms"
    )


if __name__ == "__main__":
    main()
