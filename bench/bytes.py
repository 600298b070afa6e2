"""Bytes a first visit downloads, per kind of page: prints figures, asserts nothing.

One fresh Chromium context per visit (empty HTTP cache, no service worker yet, empty storage),
the site's service worker allowed, the CDN answered from the pinned npm files by a local HTTPS
stand-in (tools/cdn.py: gzip, as a CDN serves). Each visit loads the page, then waits until the
network has been quiet for ``--quiet`` seconds (and at least ``--least`` seconds after load, so
the service worker's install, which waits up to 15 s on a calculator page, is counted too).

Counted: the response body of every request that reached a server, as sent (``responseBodySize``:
compressed where the server compressed it), from the page, its workers and its service worker;
a response the service worker answered from its cache is not a download and is left out. The
local server sends the site's files uncompressed, where GitHub Pages would gzip the text ones:
the "as Pages" column counts those at gzip -6 instead.

Conditions (``--modes``, comma list): ``save-data`` is a 390×844 phone with Save-Data on
(CDP ``Emulation.setDataSaverOverride``: ``navigator.connection.saveData`` and the
``Save-Data: on`` header), ``phone`` the same screen without it, ``desk`` 1280×800. The
``… then edit`` row is a calculator page on which the reader then focuses the first field.

    .venv/bin/python bench/bytes.py                       # builds the site first
    .venv/bin/python bench/bytes.py --site DIR --port N   # a build made for 127.0.0.1:N
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from browser import build  # noqa: E402  (bench/browser.py: the strict build the tests make)

from tools.cdn import CDN_HOST, https_cdn  # noqa: E402
from tools.chromium import CHROMIUM_ARGS, chromium_path, free_port, serve  # noqa: E402

PAGES = {
    "home": "",
    "table page (toolbox/databases)": "toolbox/databases/",
    "problem page (problems/chat)": "problems/chat/",
    "calculator page (calculators/capacity)": "calculators/capacity/",
    "calculator page, then edit": "calculators/capacity/",
}
MODES = {
    "save-data": ({"width": 390, "height": 844}, True),
    "phone": ({"width": 390, "height": 844}, False),
    "desk": ({"width": 1280, "height": 800}, False),
}
TEXT = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", "/")


class Tally:
    """The requests of one context: how many are in flight, and the bytes of those done."""

    def __init__(self, base: str, site: Path) -> None:
        self.base, self.site = base, site
        self.in_flight = 0
        self.last_change = time.monotonic()
        self.served: dict[str, int] = {"site": 0, "cdn": 0}
        self.as_pages: dict[str, int] = {"site": 0, "cdn": 0}
        self.by_worker: dict[str, int] = {"service worker": 0}

    def started(self, request: Any) -> None:
        self.in_flight += 1
        self.last_change = time.monotonic()

    def ended(self, request: Any) -> None:
        self.in_flight -= 1
        self.last_change = time.monotonic()

    def finished(self, request: Any) -> None:
        self.ended(request)
        response = request.response()
        if response is None or response.from_service_worker:
            return  # answered from the service worker's cache: nothing downloaded
        size = max(request.sizes()["responseBodySize"], 0)
        where = "cdn" if request.url.startswith(f"https://{CDN_HOST}/") else "site"
        self.served[where] += size
        self.as_pages[where] += self.pages_size(request.url, size, response)
        if request.service_worker is not None:
            self.by_worker["service worker"] += size

    def pages_size(self, url: str, size: int, response: Any) -> int:
        """What GitHub Pages would send: a text file of the site gzipped, the rest as is."""
        path = url.split("?")[0].split("#")[0]
        if not path.startswith(self.base) or response.headers.get("content-encoding"):
            return size
        rel = path[len(self.base) :]
        local = (
            self.site / rel / "index.html" if rel == "" or rel.endswith("/") else self.site / rel
        )
        if not path.endswith(TEXT) or not local.is_file():
            return size
        return len(gzip.compress(local.read_bytes(), 6))


def visit(
    browser: Any,
    base: str,
    site: Path,
    path: str,
    mode: str,
    edit: bool,
    quiet: float,
    least: float,
) -> Tally:
    viewport, save_data = MODES[mode]
    context = browser.new_context(viewport=viewport)
    tally = Tally(base, site)
    context.on("request", tally.started)
    context.on("requestfinished", tally.finished)
    context.on("requestfailed", tally.ended)
    try:
        page = context.new_page()
        if save_data:
            context.new_cdp_session(page).send(
                "Emulation.setDataSaverOverride", {"dataSaverEnabled": True}
            )
        page.goto(base + path)
        page.wait_for_load_state("load")
        loaded = time.monotonic()
        if edit:
            page.focus("form.sd-calc input")
        while True:
            page.wait_for_timeout(250)
            now = time.monotonic()
            settled = tally.in_flight <= 0 and now - tally.last_change >= quiet
            if (settled and now - loaded >= least) or now - loaded > 180:
                break
    finally:
        context.close()
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build (made for --port)")
    parser.add_argument("--port", type=int, help="the port that build was made for")
    parser.add_argument("--modes", default="save-data,phone,desk")
    parser.add_argument("--quiet", type=float, default=4.0, help="seconds without a request")
    parser.add_argument("--least", type=float, default=20.0, help="seconds after load, at least")
    args = parser.parse_args()
    modes = args.modes.split(",")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-bytes-") as tmp, https_cdn() as flags:
        port = args.port or free_port()
        site = args.site or Path(tmp)
        if args.site is None:
            build(site, f"http://127.0.0.1:{port}/")
        with serve(site, port) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS + flags
            )
            print(f"Chromium {browser.version}; MB downloaded by a first visit")
            print("  (site + CDN as served here; in brackets: with the site's text gzipped as")
            print("   GitHub Pages sends it; sw: of which the service worker fetched)")
            for title, path in PAGES.items():
                print(f"\n{title}")
                for mode in modes:
                    tally = visit(
                        browser, base, site, path, mode, "edit" in title, args.quiet, args.least
                    )
                    served = sum(tally.served.values()) / 1e6
                    pages = sum(tally.as_pages.values()) / 1e6
                    sw = tally.by_worker["service worker"] / 1e6
                    site_mb, cdn_mb = tally.served["site"] / 1e6, tally.served["cdn"] / 1e6
                    print(
                        f"  {mode:<10} {served:7.2f} MB  ({pages:6.2f} MB as Pages)"
                        f"  site {site_mb:6.2f}  CDN {cdn_mb:6.2f}  sw {sw:6.2f}"
                    )
            browser.close()


if __name__ == "__main__":
    main()
