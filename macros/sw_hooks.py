"""mkdocs hook: ``sw.js``, the service worker, and nothing else writes it.

The build fills its placeholders:

- ``VERSION``: a hash of every precached file, so a new deploy installs a new cache;
- ``PRECACHE``: every page (as its directory URL) and asset, each with its revision (the first
  16 hex digits of its SHA-256), so a returning visitor's service worker downloads only the
  files whose revision changed and copies the rest from the cache it has;
- ``CDN`` and ``CDN_VERSION``: the pinned CDN bases (Pyodide, Mermaid);
- ``PINS``: every pinned CDN file with its SRI hash (``mkdocs.yml`` ``extra``), so that the
  service worker stores only bytes that match them.

It runs last (priority -100): after every hook that writes into the site, the CSP included, so
each revision hashes the bytes a visitor gets. A placeholder left unfilled fails the build.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

SW_FILE = "sw.js"
# Not worth carrying offline: search language packs Material never loads for English, source
# maps (skipped by suffix below), a gzipped duplicate, the PDFs and the Anki deck (downloads).
# Nor the calculator runtime (snapshot, stdlib, core: ~7 MB): a page without a calculator must
# not download it; the service worker stores it when a calculator page has used it
# (offline.js).
_SKIP = (
    "assets/javascripts/lunr/",
    "sitemap.xml.gz",
    "pdf/",
    "sysdesign.apkg",
    "assets/runtime/",
    "assets/sysdesign_core.",
)


def precache(site: Path) -> list[tuple[str, str]]:
    """(site-relative URL, revision) of every page (as its directory URL) and asset to store
    at install."""
    entries = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel == SW_FILE or rel.startswith(_SKIP) or rel.endswith(".map"):
            continue
        if rel.endswith("index.html"):
            rel = rel[: -len("index.html")]
        entries.append((rel, hashlib.sha256(path.read_bytes()).hexdigest()[:16]))
    return entries


def cdn_pins(extra: Any) -> dict[str, str]:
    """Every pinned CDN URL and its SRI hash (the Pyodide files and Mermaid)."""
    pyodide = extra["pyodide"]
    pins = {pyodide["base"] + name: sri for name, sri in pyodide["files"].items()}
    pins[extra["mermaid"]["url"]] = extra["mermaid"]["integrity"]
    return pins


def fill(source: str, entries: list[tuple[str, str]], extra: Any) -> str:
    """``sw.js``'s source with every placeholder filled."""
    version = hashlib.sha256("\n".join(f"{url}\0{rev}" for url, rev in entries).encode())
    cdn = [extra["pyodide"]["base"], extra["mermaid"]["url"].rsplit("/", 1)[0] + "/"]
    cdn_version = hashlib.sha256("\n".join(cdn).encode()).hexdigest()[:12]
    filled = (
        source.replace('"__SD_VERSION__"', json.dumps(version.hexdigest()[:16]))
        .replace('"__SD_CDN_VERSION__"', json.dumps(cdn_version))
        .replace('["__SD_PRECACHE__"]', json.dumps([list(entry) for entry in entries]))
        .replace('["__SD_CDN__"]', json.dumps(cdn))
        .replace('"__SD_PINS__"', json.dumps(cdn_pins(extra)))
    )
    if "__SD_" in filled:
        raise ValueError(f"{SW_FILE}: a build placeholder was not filled")
    return filled


@event_priority(-100)  # last: the revisions hash the files as a visitor gets them
def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    worker = site / SW_FILE
    worker.write_text(
        fill(worker.read_text(encoding="utf-8"), precache(site), config.extra), encoding="utf-8"
    )
