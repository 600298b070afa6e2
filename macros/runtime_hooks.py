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

The kept snapshot is checked by the worker against the SHA-256 of its inflated form
(``snapshot_sha256``). The Content-Security-Policy is ``csp_hooks.py``'s; ``sw.js`` is
``sw_hooks.py``'s.
"""

from __future__ import annotations

import ast
import functools
import gzip
import hashlib
import io
import json
import logging
import os
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


# What the calculators' worker imports: the widget, the drills, the worksheet and "Try it
# first", and what they import in turn.
WORKER_ROOTS = (
    "sysdesign_core",
    "sysdesign_core.widget",
    "sysdesign_core.drills",
    "sysdesign_core.worksheet",
    "sysdesign_core.worksheet.attempt",
)


def _module_file(name: str) -> Path | None:
    path = ROOT / (name.replace(".", "/") + ".py")
    package = ROOT / name.replace(".", "/") / "__init__.py"
    return path if path.is_file() else package if package.is_file() else None


def _imports_of(name: str, path: Path) -> set[str]:
    """The ``sysdesign_core`` modules that ``name`` imports, anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            # ``from . import capacity`` and ``from .tables import cost`` name modules too.
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return {m for m in found if m.split(".")[0] == "sysdesign_core" and _module_file(m)}


def worker_modules() -> list[Path]:
    """The core's files the worker needs: the import closure of ``WORKER_ROOTS`` (with every
    package on the way), so build-time modules (the validator, the CLI, the catalog's other
    tables) stay out of the browser's download."""
    seen: set[str] = set()
    todo = list(WORKER_ROOTS)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # parent packages
        path = _module_file(name)
        if path is not None:
            todo += sorted(_imports_of(name, path) - seen)
    return sorted(path for name in seen if (path := _module_file(name)) is not None)


def core_archive() -> bytes:
    """The worker's part of the core as zip bytes, identical for identical sources."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in [*worker_modules(), CORE / "py.typed"]:
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
    runtime["download_size"] = download_size(runtime)
    config.extra["runtime"] = runtime
    return config


# The CDN files every boot fetches; a boot without the build's snapshot fetches the lock file
# too, and the CDN's standard library where the build made none.
CDN_BOOT_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")


@functools.cache
def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def download_size(runtime: dict[str, Any]) -> int:
    """Bytes a first boot of the calculators' runtime downloads, as the page tells a reader
    before it starts (the CDN's files counted gzipped, as the CDN sends them; the site's own are
    zip and gzip files already). A snapshot boot fetches the CDN's three files and the snapshot;
    a plain one the core, the standard library and, with no lock header, the lock file."""
    cdn = list(CDN_BOOT_FILES)
    site = [runtime["snapshot"]] if "snapshot" in runtime else [runtime["core"]]
    if "snapshot" not in runtime:
        site += [runtime["stdlib"]] if "stdlib" in runtime else []
        cdn += [] if "stdlib" in runtime else ["python_stdlib.zip"]
        cdn += [] if runtime.get("lock") else ["pyodide-lock.json"]
    return sum(_gzip_size(PYODIDE / name) for name in cdn) + sum(len(_FILES[n]) for n in site)


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
