"""Lighthouse scores (performance, accessibility, best practices, SEO), mobile and desktop.

Usage: ``python bench/lighthouse.py [--site DIR]`` (``make lighthouse``). Builds the site
(strict) unless ``--site`` is given, then runs the pinned Lighthouse (its own lockfile,
``bench/lighthouse-deps``, installed by ``make lighthouse``) with the Chromium the tests use
(``CHROME_PATH``, default ``/usr/bin/chromium``) against five kinds of page (home, a table
page, a calculator, a problem, the flashcards), and prints one line per page and form factor.
It prints figures; it asserts nothing.

Offline by design: Lighthouse drives Chromium itself, so Playwright's routes are not there.
Instead the built site is copied, the pinned CDN prefixes in it are rewritten to ``/_cdn/…``
on the same local server, and that server answers them from the identical files of the npm
packages (the SRI hashes in the pages still hold, since the bytes are the same; the pages'
Content-Security-Policy is written again by the build's own ``write_csp``, since the rewritten
inline scripts have new hashes). Nothing
leaves 127.0.0.1. The price: the runtime is same-origin here, so connection set-up to the CDN
is not measured.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from macros.csp_hooks import write_csp  # noqa: E402
from tools.cdn import CDN_DIRS, site_extra  # noqa: E402
from tools.chromium import CONTENT_TYPES as TYPES  # noqa: E402
from tools.chromium import free_port  # noqa: E402

PAGES = {
    "home": "",
    "databases (tables)": "toolbox/databases/",
    "capacity (calculator)": "calculators/capacity/",
    "chat (problem)": "problems/chat/",
    "flashcards": "practice/flashcards/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = ROOT / "bench" / "lighthouse-deps" / "node_modules" / ".bin" / "lighthouse"


def local_prefix(cdn: str) -> str:
    """``https://cdn.jsdelivr.net/pyodide/…`` → ``/_cdn/pyodide/…`` (site-absolute)."""
    return "/_cdn/" + cdn.split("://", 1)[1].split("/", 1)[1]


def rewrite(site: Path, origin: str) -> None:
    """Point every pinned CDN URL in the copied site at the local server (``origin``), and
    write each page's Content-Security-Policy again, with the build's own function: the
    rewritten inline scripts have new hashes, and the local CDN addresses replace the real
    ones (else the browser blocks an inline script, and the audit measures another page)."""
    for path in site.rglob("*"):
        if path.suffix not in {".html", ".js"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        new = text
        for cdn in CDN_DIRS:
            new = new.replace(cdn, origin + local_prefix(cdn))
        if new != text:
            path.write_text(new, encoding="utf-8")
    extra = site_extra()
    for key, field in (("pyodide", "base"), ("mermaid", "url")):
        for cdn in CDN_DIRS:
            extra[key][field] = extra[key][field].replace(cdn, origin + local_prefix(cdn))
    write_csp(site, extra)


@functools.cache
def _gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0]
        for cdn, folder in CDN_DIRS.items():
            prefix = local_prefix(cdn)
            if clean.startswith(prefix):
                return str(folder / clean[len(prefix) :])
        return super().translate_path(path)

    def end_headers(self) -> None:
        if self.path.startswith("/_cdn/"):
            self.send_header("cache-control", "public, max-age=31536000, immutable")
            self.send_header("access-control-allow-origin", "*")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        """Serve compressed, as GitHub Pages and the CDN do: Lighthouse scores bytes on the wire."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("accept-encoding", "") or not path.is_file():
            super().do_GET()
            return
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("content-type", self.guess_type(str(path)))
        self.send_header("content-encoding", "gzip")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def audit(url: str, desktop: bool) -> dict[str, int]:
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run",
    ]
    if desktop:
        command.append("--preset=desktop")
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CHROME_PATH": chrome},
    )
    report = json.loads(done.stdout)
    scores: dict[str, Any] = {
        c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES
    }
    audits = report["audits"]
    scores["metrics"] = "  ".join(
        f"{key} {audits[name]['displayValue']}"
        for key, name in (
            ("FCP", "first-contentful-paint"),
            ("LCP", "largest-contentful-paint"),
            ("TBT", "total-blocking-time"),
            ("CLS", "cumulative-layout-shift"),
        )
        if name in audits and audits[name].get("displayValue")
    )
    scores["failing"] = ", ".join(
        f"{a['id']}"
        for cat in ("accessibility", "best-practices", "seo")
        for ref in report["categories"][cat]["auditRefs"]
        if (a := audits[ref["id"]]).get("score") is not None and a["score"] < 1 and ref["weight"]
    )
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if args.site:
            shutil.copytree(args.site, site)
        else:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "--quiet",
                    "--site-dir",
                    str(site),
                ],
                cwd=ROOT,
                check=True,
                env={**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/"},
            )
        rewrite(site, f"http://127.0.0.1:{port}")
        handler = functools.partial(Handler, directory=str(site))
        with socketserver.ThreadingTCPServer(("127.0.0.1", port), handler) as server:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            print(f"{'page':24} {'form':8} " + " ".join(f"{c:>14}" for c in CATEGORIES))
            for name, path in PAGES.items():
                for desktop in (False, True):
                    scores = audit(f"http://127.0.0.1:{port}/{path}", desktop)
                    form = "desktop" if desktop else "mobile"
                    print(
                        f"{name:24} {form:8} " + " ".join(f"{scores[c]:>14}" for c in CATEGORIES),
                        flush=True,
                    )
                    print(f"{'':33} {scores['metrics']}", flush=True)
                    if scores["failing"]:
                        print(f"{'':33} failing: {scores['failing']}", flush=True)
            server.shutdown()


if __name__ == "__main__":
    main()
