"""mkdocs build hooks: ship the calculators' runtime into the site, under content-hashed names.

``on_config`` zips ``sysdesign_core/*.py`` deterministically (sorted, fixed timestamps), so the
same source gives the same name. It then makes the runtime artefacts with Pyodide itself, under
Node (``tools/build-runtime.mjs``): a memory snapshot taken after the core is imported, a
``.pyc`` standard library trimmed to what the calculators use, and the core with its ``.pyc``.
They are cached in ``.cache/runtime/<key>/``, where the key hashes every input (the core, the
pinned Pyodide files, the build script), so a change to any of them rebuilds all of them from
scratch. Without Node or ``node_modules`` (``make serve`` on a clone without npm) the site ships
the plain ``.py`` archive and the worker boots Pyodide the ordinary way.

``SD_RUNTIME_LEVERS`` (default ``pyc,snapshot,early``) switches the levers off one by one, for
``bench/browser.py``; the default is what the site ships.

The names go into ``config.extra.runtime`` for ``overrides/main.html``; ``on_post_build``
writes the files into the site.

Integrity and Content-Security-Policy (``on_post_build``):

- the kept snapshot is checked by the worker against the SHA-256 of its inflated form
  (``snapshot_sha256``); every Pyodide file fetched from the CDN by its SRI pin in ``mkdocs.yml``
  (``extra.pyodide.files``), which also go into ``sw.js`` so that the service worker stores only
  bytes that match them;
- every page gets a ``Content-Security-Policy`` ``<meta>`` (placeholder in
  ``overrides/main.html``) that admits the site, the pinned CDN files, ``'wasm-unsafe-eval'``
  and the site's inline scripts by their SHA-256: the union over all pages, since Material's
  instant navigation runs a later page's scripts under the first page's policy. ``mkdocs serve``
  injects a live-reload script, so there the meta is left out.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import logging
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "sysdesign_core"
PYODIDE = ROOT / "node_modules" / "pyodide"
BUILDER = ROOT / "tools" / "build-runtime.mjs"
CACHE = ROOT / ".cache" / "runtime"
# Every file whose change must rebuild the artefacts (besides the core itself).
PYODIDE_INPUTS = (
    "package.json",
    "pyodide.asm.wasm",
    "pyodide.asm.mjs",
    "pyodide.mjs",
    "python_stdlib.zip",
)
SNAPSHOT_HEAD = 48  # magic, offsets and Pyodide build id: the worker checks them before use

log = logging.getLogger("mkdocs.hooks.runtime")
_FILES: dict[str, bytes] = {}
_COMMAND = {"name": "build"}
CSP_MARK = "__SD_CSP__"
PINS_MARK = '"__SD_PINS__"'
# Inline <script> elements that run (no src; no type, or a JavaScript one).
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_RUNNABLE = {"", "text/javascript", "application/javascript", "module"}


def on_startup(command: str, **_: Any) -> None:
    _COMMAND["name"] = command


def core_archive() -> bytes:
    """The core package as zip bytes, identical for identical sources."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(CORE.rglob("*")):
            if path.suffix not in {".py", ".typed"} or "__pycache__" in path.parts:
                continue
            info = zipfile.ZipInfo(
                f"sysdesign_core/{path.relative_to(CORE).as_posix()}",
                date_time=(2020, 1, 1, 0, 0, 0),
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def artefact_key(core: bytes) -> str:
    """A hash of every input of the runtime artefacts."""
    digest = hashlib.sha256(core)
    digest.update(BUILDER.read_bytes())
    for name in PYODIDE_INPUTS:
        digest.update(name.encode() + b"\0" + (PYODIDE / name).read_bytes())
    return digest.hexdigest()[:16]


def build_artefacts(core: bytes) -> Path | None:
    """The directory holding the artefacts for this core and Pyodide (built if missing)."""
    node = shutil.which("node")
    if node is None or not (PYODIDE / "pyodide.mjs").is_file():
        log.info(
            "runtime: no Node or node_modules/pyodide; shipping the plain core archive "
            "(run `npm ci` for the snapshot and precompiled code)"
        )
        return None
    target = CACHE / artefact_key(core)
    if (target / "manifest.json").is_file():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.iterdir():  # one finished set at a time: a snapshot is ~31 MB
        if (stale / "manifest.json").is_file():
            shutil.rmtree(stale, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="tmp-") as tmp:
        source = Path(tmp) / "core-src.zip"
        source.write_bytes(core)
        out = Path(tmp) / "out"
        process = subprocess.run(
            [node, str(BUILDER), str(source), str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if process.returncode:
            raise RuntimeError(f"tools/build-runtime.mjs failed:\n{process.stderr[-4000:]}")
        try:
            out.rename(target)
        except OSError:  # another build (a parallel test run) finished the same key first
            if not (target / "manifest.json").is_file():
                raise
    log.info("runtime: built %s", json.loads((target / "manifest.json").read_text()))
    return target


def _add(kind: str, data: bytes, suffix: str) -> str:
    name = f"assets/{kind}.{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    _FILES[name] = data
    return name


def on_config(config: Any) -> Any:
    core = core_archive()
    _FILES.clear()
    levers = set(os.environ.get("SD_RUNTIME_LEVERS", "pyc,snapshot,early").split(","))
    built = build_artefacts(core) if levers & {"pyc", "snapshot"} else None
    runtime: dict[str, Any] = {"early": "early" in levers}
    if built is None:
        runtime["core"] = _add("sysdesign_core", core, ".zip")
    else:
        packed = built / SNAPSHOT_FILE
        if not packed.is_file():
            tmp = packed.with_suffix(".tmp")
            tmp.write_bytes(pack_snapshot((built / "snapshot.bin").read_bytes()))
            tmp.replace(packed)
        with (built / "snapshot.bin").open("rb") as raw:
            head = raw.read(SNAPSHOT_HEAD)
        digest_file = built / (SNAPSHOT_FILE + ".sha256")
        if not digest_file.is_file():
            digest_file.write_text(kept_digest(packed.read_bytes()))
        runtime |= {
            # The same archive as the plain one, plus the .pyc in __pycache__.
            "core": _add("sysdesign_core", (built / "core.zip").read_bytes(), ".zip"),
            "stdlib": _add("runtime/stdlib", (built / "stdlib.zip").read_bytes(), ".zip"),
            # Sparse and gzipped (pack_snapshot, below), so that it travels compressed whatever
            # the host does; the worker inflates it (as is if the server already did).
            "snapshot": _add("runtime/snapshot", packed.read_bytes(), ".sparse.gz"),
            "snapshot_size": (built / "snapshot.bin").stat().st_size,
            "snapshot_head": head.hex(),
            "snapshot_sha256": digest_file.read_text().strip(),
        }
        if "snapshot" not in levers:  # bench only: the precompiled code alone
            del _FILES[runtime.pop("snapshot")]
            del runtime["snapshot_size"], runtime["snapshot_head"], runtime["snapshot_sha256"]
    runtime["lock"] = lock_header()
    config.extra["runtime"] = runtime
    return config


def lock_header() -> str | None:
    """Pyodide's lock file with its header only (no packages), as JSON; None without npm.

    Pyodide reads the lock file at every boot to know its optional packages; the calculators
    load none, so the worker passes it this instead of fetching the 119 KB file. The header
    still carries the ABI version Pyodide checks."""
    lock = PYODIDE / "pyodide-lock.json"
    if not lock.is_file():
        return None
    info = json.loads(lock.read_text(encoding="utf-8"))["info"]
    return json.dumps({"info": info, "packages": {}}, separators=(",", ":"), sort_keys=True)


def kept_digest(packed: bytes) -> str:
    """SHA-256 (hex) of the snapshot as the worker keeps it: inflated, still sparse."""
    return hashlib.sha256(gzip.decompress(packed)).hexdigest()


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    for name, data in _FILES.items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    write_pins(site, config.extra)
    write_csp(site, config.extra, serving=_COMMAND["name"] == "serve")


def cdn_pins(extra: Any) -> dict[str, str]:
    """Every pinned CDN URL and its SRI hash (the Pyodide files and Mermaid)."""
    pyodide = extra["pyodide"]
    pins = {pyodide["base"] + name: sri for name, sri in pyodide["files"].items()}
    pins[extra["mermaid"]["url"]] = extra["mermaid"]["integrity"]
    return pins


def write_pins(site: Path, extra: Any) -> None:
    """Fill the service worker's list of pinned CDN files (before practice_hooks versions it)."""
    worker = site / "sw.js"
    source = worker.read_text(encoding="utf-8")
    if PINS_MARK not in source:
        raise ValueError("sw.js lost its placeholder " + PINS_MARK)
    worker.write_text(source.replace(PINS_MARK, json.dumps(cdn_pins(extra))), encoding="utf-8")


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


def write_csp(site: Path, extra: Any, *, serving: bool = False) -> None:
    """Put the policy in every page's CSP meta (``overrides/main.html``'s placeholder)."""
    pages = [(path, path.read_text(encoding="utf-8")) for path in sorted(site.rglob("*.html"))]
    hashes: set[str] = set()
    for _, html in pages:
        hashes |= inline_script_hashes(html)
    policy = content_security_policy(extra, hashes)
    meta = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="__SD_CSP__">')
    for path, html in pages:
        if CSP_MARK not in html:
            continue
        filled = meta.sub("", html) if serving else html.replace(CSP_MARK, policy)
        path.write_text(filled, encoding="utf-8")


# The shipped form of the Pyodide memory snapshot: sparse, then gzipped.
#
# A snapshot is the whole wasm heap (~31 MB), and over half of it is zero pages. Gzip squeezes
# zeros to nearly nothing, but the browser still has to inflate them, byte by byte, before the
# worker can start: that was ~half of the snapshot's inflate time. So only the blocks that hold a
# non-zero byte are shipped; a new buffer is zeros already. Inside the gzip stream::
#
#     magic      8 bytes   b"SDSNAP1\0"
#     block      u32 LE    block size (64 KiB)
#     size       u32 LE    size of the raw snapshot
#     present    ceil(ceil(size / block) / 8) bytes, bit i (LSB first) set: block i follows
#     blocks     the present blocks, in order (the last one may be short)
#
# ``docs/javascripts/calc-worker.js`` (``readSnapshot``) reads it as it streams in.
SNAPSHOT_MAGIC = b"SDSNAP1\0"
SNAPSHOT_BLOCK = 64 * 1024
# The packed snapshot in the runtime cache is named after its format, which the cache key
# does not cover: a new format (a new magic) is packed anew.
SNAPSHOT_FILE = "snapshot." + SNAPSHOT_MAGIC.rstrip(b"\0").decode().lower() + ".gz"


def pack_snapshot(raw: bytes, level: int = 6) -> bytes:
    """The snapshot ``raw`` in the shipped form (deterministic: no gzip timestamp)."""
    count = -(-len(raw) // SNAPSHOT_BLOCK)
    present = bytearray(-(-count // 8))
    blocks = []
    zero = bytes(SNAPSHOT_BLOCK)
    for i in range(count):
        piece = raw[i * SNAPSHOT_BLOCK : (i + 1) * SNAPSHOT_BLOCK]
        if piece != zero[: len(piece)]:
            present[i >> 3] |= 1 << (i & 7)
            blocks.append(piece)
    header = SNAPSHOT_MAGIC + struct.pack("<II", SNAPSHOT_BLOCK, len(raw)) + bytes(present)
    body = header + b"".join(blocks)
    return gzip.compress(body, level, mtime=0)


def unpack_snapshot(packed: bytes) -> bytes:
    """The raw snapshot back from ``pack_snapshot``'s output (for the tests; the worker has
    its own reader)."""
    body = gzip.decompress(packed)
    if body[:8] != SNAPSHOT_MAGIC:
        raise ValueError("not a sysdesign snapshot (bad magic)")
    block, size = struct.unpack("<II", body[8:16])
    count = -(-size // block)
    at = 16 + -(-count // 8)
    present = body[16:at]
    raw = bytearray(size)
    for i in range(count):
        if present[i >> 3] >> (i & 7) & 1:
            end = min(size, (i + 1) * block)
            length = end - i * block
            raw[i * block : end] = body[at : at + length]
            at += length
    if at != len(body):
        raise ValueError(f"{len(body) - at} bytes after the last block")
    return bytes(raw)
