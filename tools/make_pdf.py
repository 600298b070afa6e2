"""Render the cheat sheet and the key pages of a built site to PDF (``make pdf``).

Usage: ``python tools/make_pdf.py SITE_DIR``. Serves ``SITE_DIR`` on 127.0.0.1, prints each
page with the Chromium the tests use (print CSS applies: no navigation, tables unbroken) and
writes ``SITE_DIR/pdf/<name>.pdf`` (the cheat sheet in A4 and Letter). Then it shows the
cheat sheet's link to its PDF: the page is built with that link ``hidden``, so a site without
PDFs (``make serve``, no Chromium) never links to a missing file. The calculator runtime is
not needed: printed pages show the results computed at build time.

``python tools/make_pdf.py --check`` exits 0 if a Chromium to print with is there, else 1
(``make site`` prints the PDFs only then).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools.cdn import route_cdn  # noqa: E402
from tools.chromium import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402

PDF_LINK_HIDDEN = "data-sd-pdf hidden"
"""How the cheat sheet's PDF link is built (docs/cheatsheet.md); shown once the PDF exists."""

PAGES = {
    "cheatsheet": "cheatsheet/",
    "checklist": "checklist/",
    "framework": "framework/",
    "capacity-planning": "capacity/capacity_planning/",
    "twitter": "walkthroughs/twitter/",
    "url-shortener": "walkthroughs/url-shortener/",
}


def show_pdf_link(html: str) -> str:
    """The cheat sheet's HTML with its PDF link no longer hidden."""
    if PDF_LINK_HIDDEN not in html:
        raise SystemExit(f"the cheat sheet has no hidden PDF link ({PDF_LINK_HIDDEN!r})")
    return html.replace(PDF_LINK_HIDDEN, "data-sd-pdf")


def chromium_available() -> bool:
    """Whether a Chromium can print: the tests' choice, else Playwright's own download."""
    if chromium_path():
        return True
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            return Path(pw.chromium.executable_path).exists()
    except Exception:  # no Playwright driver, or no browser downloaded
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, nargs="?")
    parser.add_argument("--check", action="store_true", help="exit 0 if Chromium is there")
    args = parser.parse_args()
    if args.check:
        raise SystemExit(0 if chromium_available() else 1)
    if args.site is None:
        parser.error("give the built site's directory")
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
    cheat = args.site / "cheatsheet" / "index.html"
    cheat.write_text(show_pdf_link(cheat.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
