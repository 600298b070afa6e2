"""The Chromium that the build's diagram hooks, the PDF tool, the benches and the tests drive,
and the local server they point it at: one definition of each.

Nothing here is a test: the build imports it (``macros/diagram_hooks.py``), so it must never
import from ``tests/``.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import socketserver
import ssl
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"

# Without the background-networking flags Chromium keeps trying hosts this machine cannot
# reach; as root it needs --no-sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

CONTENT_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".json": "application/json",
}


# Debian's chromium-headless-shell: the same Chromium (engine, version, flags) without the
# browser around it, as Playwright itself runs headless tests. The suite's browser tests ran
# 12 % faster on it than on the full browser (the same tests, one after the other).
# tools/ensure-chromium.sh installs it where it can; nothing requires it.
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"


def chromium_path(*, for_tests: bool = False) -> str | None:
    """The Chromium to drive: $CHROMIUM, else (``for_tests``) Debian's headless shell, else
    Debian's Chromium, else None (Playwright's own). The build, the PDF tool and the benches
    drive the full browser, as a reader runs it."""
    shell = HEADLESS_SHELL if for_tests else None
    for candidate in (
        os.environ.get("CHROMIUM"),
        shell,
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def quiet_disconnects(self: Any, request: Any, client_address: Any) -> None:
    """A page closed mid-download is normal for a test server (over HTTPS it ends the TLS
    session without notice: an SSLEOFError); other errors stay visible."""
    if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLEOFError)):
        socketserver.BaseServer.handle_error(self, request, client_address)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site quietly, with the content types the runtime needs; ``requested``,
    when given, collects the path of every GET (what a test's browser asked the server for)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def __init__(self, *args: Any, requested: list[str] | None = None, **kwargs: Any) -> None:
        self.requested = requested
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.requested is not None:
            self.requested.append(self.path)
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


class PagesHandler(SiteHandler):
    """Caching as GitHub Pages does it (for the bench): ten minutes, then revalidate."""

    def end_headers(self) -> None:
        self.send_header("cache-control", "max-age=600")
        super().end_headers()


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    handle_error = quiet_disconnects  # type: ignore[assignment]


@contextmanager
def serve(
    directory: Path,
    port: int = 0,
    *,
    like_pages: bool = False,
    requested: list[str] | None = None,
) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1:``port`` (0: any free one); yields the base URL.

    ``like_pages``: send GitHub Pages' ``Cache-Control: max-age=600``, so that a warm profile
    keeps the site's files as a returning visitor's browser does (the tests send none).
    ``requested`` collects the path of every GET the server answers."""
    handler = functools.partial(
        PagesHandler if like_pages else SiteHandler,
        directory=str(directory),
        requested=requested,
    )
    with _Server(("127.0.0.1", port), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
