"""Shared browser plumbing for tests and benchmarks: serve the built site, route the CDN.

The production HTML points at pinned CDN URLs; here every such request is answered with the
identical file from the pinned npm package in ``node_modules`` (never the network), and any
other off-site request is aborted, so a test can never pass by reaching the internet.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/v314.0.7/full/"
MERMAID_CDN = "https://cdn.jsdelivr.net/npm/mermaid@11.12.1/dist/"
CDN_DIRS = {
    PYODIDE_CDN: NODE_MODULES / "pyodide",
    MERMAID_CDN: NODE_MODULES / "mermaid" / "dist",
}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".json": "application/json",
}


def chromium_path() -> str | None:
    """The Chromium to drive: $CHROMIUM, else Debian's, else None (Playwright's own)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **_TYPES}

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


class _PagesHandler(_Handler):
    """Caching as GitHub Pages does it (for the bench): ten minutes, then revalidate."""

    def end_headers(self) -> None:
        self.send_header("cache-control", "max-age=600")
        super().end_headers()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(directory: Path, port: int = 0, *, like_pages: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1:``port`` (0: any free one); yields the base URL.

    ``like_pages``: send GitHub Pages' ``Cache-Control: max-age=600``, so that a warm profile
    keeps the site's files as a returning visitor's browser does (the tests send none)."""
    handler = functools.partial(_PagesHandler if like_pages else _Handler, directory=str(directory))
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    with socketserver.ThreadingTCPServer(("127.0.0.1", port), handler) as server:
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def route_cdn(context: Any, *, offline: bool = False, log: list[str] | None = None) -> None:
    """Answer pinned CDN URLs from node_modules; abort every other off-site (https) request.

    With ``offline`` the CDN is unreachable too (the "CDN down" case). ``log`` collects the
    URLs of CDN requests, to prove which pages asked for Pyodide.
    """

    def handle(route: Any) -> None:
        url = route.request.url
        # The service worker re-fetches what the page's worker loaded, to keep it offline:
        # that is caching, not a second boot, so the log holds the page's own requests only.
        if log is not None and route.request.service_worker is None:
            log.append(url)
        for base, folder in CDN_DIRS.items():
            if url.startswith(base) and not offline:
                path = folder / url[len(base) :].split("?")[0]
                if path.is_file():
                    route.fulfill(
                        status=200,
                        body=path.read_bytes(),
                        headers={
                            "content-type": _TYPES.get(path.suffix, "application/octet-stream"),
                            "access-control-allow-origin": "*",
                            "cache-control": "public, max-age=31536000, immutable",
                        },
                    )
                    return
                route.fulfill(status=404, body=b"not in the pinned npm package")
                return
        route.abort()

    # https only: the site itself (http://127.0.0.1) is never intercepted, so its requests do
    # not queue behind the CDN bodies this handler pushes through Playwright's pipe.
    context.route("https://**/*", handle)


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
