"""mkdocs hook: every page's Content-Security-Policy.

Every page gets a ``Content-Security-Policy`` ``<meta>`` (placeholder in ``overrides/main.html``)
that admits the site, the pinned CDN files, ``'wasm-unsafe-eval'`` and the site's inline scripts
by their SHA-256: the union over all pages, since Material's instant navigation runs a later
page's scripts under the first page's policy. ``mkdocs serve`` injects a live-reload script, so
there the meta is left out.

It runs after every hook that writes HTML (priority -50, ``mkdocs.yml`` lists the order too)
and before ``sw_hooks.py``, which hashes the pages as they are finally written.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

# Inline <script> elements that run (no src; no type, or a JavaScript one).
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_RUNNABLE = {"", "text/javascript", "application/javascript", "module"}
_COMMAND = {"name": "build"}


def on_startup(command: str, **_: Any) -> None:
    _COMMAND["name"] = command


def inline_script_hashes(html: str) -> set[str]:
    """CSP sources ('sha256-…') for the inline scripts of ``html`` that a browser would run."""
    found = set()
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = re.search(r"""\stype\s*=\s*["']?([^"'\s>]*)""", attrs, re.I)
        if (kind.group(1).lower() if kind else "") not in _RUNNABLE:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return found


def content_security_policy(extra: Any, hashes: set[str]) -> str:
    """The site's policy: itself, the pinned CDN files, wasm, these inline scripts."""
    pyodide = extra["pyodide"]["base"]
    mermaid = extra["mermaid"]["url"]
    scripts = " ".join(["'self'", pyodide, mermaid, "'wasm-unsafe-eval'", *sorted(hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "worker-src 'self'",
            # Material's repository facts come from GitHub's API.
            "connect-src 'self' https://api.github.com",
            "img-src 'self' data:",
            "font-src 'self' data:",
            # Material and the diagrams set inline styles; styles cannot run script.
            "style-src 'self' 'unsafe-inline'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


# The CSP meta: overrides/main.html's placeholder (content="__SD_CSP__"), or a policy written
# before (bench/lighthouse.py writes a copied site's policy again after rewriting its scripts).
_META = re.compile(r'(\s*)<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def write_csp(site: Path, extra: Any, *, serving: bool = False) -> None:
    """Put the policy in every page's CSP meta, in place of the placeholder or of the policy
    there was; ``serving``: take the meta out."""
    pages = [(path, path.read_text(encoding="utf-8")) for path in sorted(site.rglob("*.html"))]
    hashes: set[str] = set()
    for _, html in pages:
        hashes |= inline_script_hashes(html)
    policy = content_security_policy(extra, hashes)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    for path, html in pages:
        filled = _META.sub(lambda found: "" if serving else found.group(1) + tag, html)
        if filled != html:
            path.write_text(filled, encoding="utf-8")


@event_priority(-50)  # after the pages are written, before sw_hooks hashes them
def on_post_build(config: Any) -> None:
    write_csp(Path(config.site_dir), config.extra, serving=_COMMAND["name"] == "serve")
