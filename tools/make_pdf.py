"""Render the cheat sheet and the key pages of a built site to PDF (``make pdf``).

Usage: ``python tools/make_pdf.py SITE_DIR [--paper A4|Letter]``. Serves ``SITE_DIR`` on
127.0.0.1, prints each page with the Chromium the tests use (print CSS applies: no
navigation, tables unbroken) and writes ``SITE_DIR/pdf/<name>.pdf`` (the cheat sheet in A4
and Letter), where the cheat sheet page links to it. The calculator runtime is not needed:
printed pages show the results computed at build time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser_support import CHROMIUM_ARGS, chromium_path, route_cdn, serve  # noqa: E402

PAGES = {
    "cheatsheet": "cheatsheet/",
    "checklist": "checklist/",
    "framework": "framework/",
    "capacity-planning": "capacity/capacity_planning/",
    "twitter": "walkthroughs/twitter/",
    "url-shortener": "walkthroughs/url-shortener/",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = args.site / "pdf"
    out.mkdir(exist_ok=True)
    with serve(args.site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(service_workers="block")
        route_cdn(context)
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(base + path, wait_until="networkidle")
            page.emulate_media(media="print")
            papers = ("A4", "Letter") if name == "cheatsheet" else ("A4",)
            for paper in papers:
                suffix = "" if paper == "A4" else "-letter"
                target = out / f"{name}{suffix}.pdf"
                page.pdf(
                    path=str(target),
                    format=paper,
                    print_background=False,
                    margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"},
                )
                print(target)
        browser.close()


if __name__ == "__main__":
    main()
