"""The pinned CDN, as the site names it in ``mkdocs.yml``, answered from ``node_modules``.

Two ways to stand in for the CDN, so that nothing reaches the network and the production HTML
is what runs:

- ``https_cdn()``: a local HTTPS server that Chromium reaches under the CDN's own host name
  (``--host-resolver-rules``), trusted by its key hash for this run only. The browser's network
  stack stays real: HTTP cache, compiled-wasm cache, gzip. The tests and the bench use it.
- ``route_cdn(context)``: Playwright request interception, for the tests that are about the
  network (the CDN down, a tampered file, a slow network). Interception turns Chromium's HTTP
  cache off in that context and pushes every body through Playwright's pipe, so it is kept to
  those tests.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import http.server
import ssl
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from tools.chromium import CONTENT_TYPES, NODE_MODULES, ROOT, quiet_disconnects


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (``!ENV``, ``!!python/name``)."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@functools.cache
def site_extra() -> dict[str, Any]:
    """``extra`` of mkdocs.yml: where the pinned CDN files live and their hashes."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    extra: dict[str, Any] = yaml.load(text, Loader=_IgnoreTags)["extra"]  # noqa: S506
    return extra


PYODIDE_CDN: str = site_extra()["pyodide"]["base"]
MERMAID_CDN: str = site_extra()["mermaid"]["url"].rsplit("/", 1)[0] + "/"
CDN_HOST = PYODIDE_CDN.split("/")[2]
CDN_DIRS = {
    PYODIDE_CDN: NODE_MODULES / "pyodide",
    MERMAID_CDN: NODE_MODULES / "mermaid" / "dist",
}


def cdn_file(url: str) -> Path | None:
    """The npm file that stands for a pinned CDN URL, or None for any other URL."""
    clean = url.split("?")[0].split("#")[0]
    for base, folder in CDN_DIRS.items():
        if clean.startswith(base):
            return folder / clean[len(base) :]
    return None


@functools.cache
def _gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), 6)


class _CdnHandler(http.server.BaseHTTPRequestHandler):
    """The pinned npm files under their CDN paths, gzipped when asked, cacheable for a year."""

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = cdn_file(f"https://{CDN_HOST}{self.path}")
        if path is None or not path.is_file():
            self.send_error(404)
            return
        gzipped = "gzip" in self.headers.get("accept-encoding", "") and path.suffix != ".zip"
        body = _gzipped(path) if gzipped else path.read_bytes()
        self.send_response(200)
        self.send_header("content-type", CONTENT_TYPES.get(path.suffix, "application/octet-stream"))
        self.send_header("access-control-allow-origin", "*")
        self.send_header("cache-control", "public, max-age=31536000, immutable")
        if gzipped:
            self.send_header("content-encoding", "gzip")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _openssl(*args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["openssl", *args], input=data, check=True, capture_output=True).stdout


@contextmanager
def https_cdn() -> Iterator[list[str]]:
    """A local HTTPS server standing in for the CDN host; yields the Chromium flags for it.

    Every other host name fails to resolve in that Chromium (127.0.0.1 excepted), so a page
    can never pass by reaching the internet."""
    with tempfile.TemporaryDirectory(prefix="sd-cdn-tls-") as tmp:
        key, cert = Path(tmp) / "key.pem", Path(tmp) / "cert.pem"
        _openssl(
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
            "-out", str(cert), "-days", "2", "-subj", f"/CN={CDN_HOST}",
            "-addext", f"subjectAltName=DNS:{CDN_HOST}",
        )  # fmt: skip
        public = _openssl("x509", "-pubkey", "-noout", "-in", str(cert))
        der = _openssl("pkey", "-pubin", "-outform", "der", data=public)
        spki = base64.b64encode(hashlib.sha256(der).digest()).decode()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CdnHandler)
        server.handle_error = quiet_disconnects.__get__(server)  # type: ignore[method-assign]
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield [
                f"--host-resolver-rules=MAP {CDN_HOST} 127.0.0.1:{server.server_address[1]},"
                " MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                f"--ignore-certificate-errors-spki-list={spki}",
            ]
        finally:
            server.shutdown()
            server.server_close()


def route_cdn(context: Any, *, offline: bool = False, log: list[str] | None = None) -> None:
    """Answer pinned CDN URLs from node_modules by interception; abort every other off-site
    (https) request. With ``offline`` the CDN is unreachable too (the "CDN down" case).
    ``log`` collects the URLs of the CDN requests a page (not its service worker) made."""

    def handle(route: Any) -> None:
        url = route.request.url
        # The service worker re-fetches what the page's worker loaded, to keep it offline:
        # that is caching, not a second boot, so the log holds the page's own requests only.
        if log is not None and route.request.service_worker is None:
            log.append(url)
        path = cdn_file(url)
        if path is None or offline:
            route.abort()
        elif path.is_file():
            route.fulfill(
                status=200,
                body=path.read_bytes(),
                headers={
                    "content-type": CONTENT_TYPES.get(path.suffix, "application/octet-stream"),
                    "access-control-allow-origin": "*",
                    "cache-control": "public, max-age=31536000, immutable",
                },
            )
        else:
            route.fulfill(status=404, body=b"not in the pinned npm package")

    # https only: the site itself (http://127.0.0.1) is never intercepted, so its requests do
    # not queue behind the CDN bodies this handler pushes through Playwright's pipe.
    context.route("https://**/*", handle)
