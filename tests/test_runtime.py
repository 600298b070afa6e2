"""The calculators' runtime artefacts (macros/runtime_hooks.py, tools/build-runtime.mjs and
calc-worker.js).

The build ships a Pyodide memory snapshot, a trimmed ``.pyc`` standard library and the core with
its ``.pyc``, under content-hashed names. These tests hold the snapshot within its limits, check
it was made by the pinned Pyodide, keep the trimmed standard library complete for the core, and
prove in Chromium that a missing or corrupt snapshot falls back to a plain boot that still goes
live with correct results and a quiet console.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import io
import json
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from browser_support import LIVE_TIMEOUT
from conftest import Console

from sysdesign_core import run
from tools.cdn import route_cdn
from tools.chromium import NODE_MODULES, ROOT

sys.path.insert(0, str(ROOT / "macros"))
import runtime_hooks  # noqa: E402

# Limits: the snapshot is the whole Python heap (~30 MiB raw, ~5 MB gzip today). A heap that
# grew while it was made, or a core that drags in much more, shows here before it shows on
# people's connections (it is the biggest piece a calculator page downloads).
SNAPSHOT_RAW_MAX = 40 * 2**20
SNAPSHOT_GZIP_MAX = 6_500_000
STDLIB_MAX = 2_000_000  # the trimmed .pyc standard library (the full .py one is 2.5 MB)


def meta(site_dir: Path) -> dict[str, str]:
    html = (site_dir / "calculators" / "capacity" / "index.html").read_text(encoding="utf-8")
    start = html.index('<meta name="sd-runtime"')
    tag = html[start : html.index(">", start)]
    return dict(re.findall(r'data-([\w-]+)="([^"]*)"', tag))


def asset(site_dir: Path, url: str) -> Path:
    return site_dir / url.removeprefix("../../")


def needs_artefacts(site_dir: Path) -> dict[str, str]:
    info = meta(site_dir)
    if "snapshot" not in info:
        pytest.fail("the build shipped no snapshot: is node_modules installed (npm ci)?")
    return info


def pyodide_build_id() -> str:
    text = (NODE_MODULES / "pyodide" / "pyodide.mjs").read_text(encoding="utf-8")
    match = re.search(r'BUILD_ID:"([0-9a-f]{64})"', text)
    assert match, "no BUILD_ID in pyodide.mjs"
    return match.group(1)


def test_snapshot_is_within_limits_and_matches_the_pinned_pyodide(site_dir: Path) -> None:
    info = needs_artefacts(site_dir)
    packed = asset(site_dir, info["snapshot"]).read_bytes()
    raw = runtime_hooks.unpack_snapshot(packed)
    assert len(raw) == int(info["snapshot-size"])
    assert len(raw) <= SNAPSHOT_RAW_MAX, f"snapshot is {len(raw)} bytes raw"
    assert len(packed) <= SNAPSHOT_GZIP_MAX, f"snapshot is {len(packed)} bytes gzipped"
    assert raw[: len(info["snapshot-head"]) // 2].hex() == info["snapshot-head"]
    # Header: magic, then the build id Pyodide checks on restore (a mismatch is rejected).
    words = struct.unpack("<8I", raw[16:48])  # as pyodide.asm.mjs encodes it
    assert "".join(f"{word:08x}" for word in words) == pyodide_build_id()


def test_snapshot_pack_keeps_every_byte_and_drops_zero_blocks() -> None:
    block = runtime_hooks.SNAPSHOT_BLOCK
    # Zero blocks around data, data at a block's last byte, and a short, non-zero last block.
    raw = bytes(block) + b"\x07" * 10 + bytes(2 * block) + b"\x00" * (block - 1) + b"\x09" + b"end"
    packed = runtime_hooks.pack_snapshot(raw)
    assert runtime_hooks.unpack_snapshot(packed) == raw
    assert len(gzip.decompress(packed)) < len(raw) // 2  # the zero blocks are not shipped
    assert runtime_hooks.unpack_snapshot(runtime_hooks.pack_snapshot(bytes(3 * block))) == bytes(
        3 * block
    )
    with pytest.raises(ValueError, match="magic"):
        runtime_hooks.unpack_snapshot(gzip.compress(raw))


def test_artefacts_have_content_hashed_names(site_dir: Path) -> None:
    info = needs_artefacts(site_dir)
    for key in ("core", "stdlib", "snapshot"):
        path = asset(site_dir, info[key])
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        assert f".{digest}." in path.name, path.name


def stdlib_imports_of_the_core() -> set[str]:
    """Top-level modules the worker's part of the core (runtime_hooks.worker_modules: what the
    browser downloads) imports anywhere (also inside functions), stdlib only."""
    names: set[str] = set()
    for path in runtime_hooks.worker_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {
        name
        for name in names
        if name in sys.stdlib_module_names
        and name not in sys.builtin_module_names
        and name != "__future__"
    } | {"__future__"}


def test_trimmed_stdlib_holds_every_module_the_core_imports(site_dir: Path) -> None:
    info = needs_artefacts(site_dir)
    path = asset(site_dir, info["stdlib"])
    assert path.stat().st_size <= STDLIB_MAX
    names = set(zipfile.ZipFile(path).namelist())
    assert not any(name.endswith(".py") for name in names), "stdlib ships sources"
    # Modules built into Pyodide's wasm (math, _json's C part, …) and frozen ones (os, stat,
    # posixpath: `os.__spec__.origin` is "frozen" under the pinned Pyodide) are not in the zip.
    builtin = {
        "os",
        "stat",
        "posixpath",
        "genericpath",
        "math",
        "time",
        "sys",
        "itertools",
        "binascii",
        "errno",
        "zlib",
        "array",
        "select",
        "_json",
        "unicodedata",
        "cmath",
    }
    missing = sorted(
        name
        for name in stdlib_imports_of_the_core() - builtin
        if f"{name}.pyc" not in names and f"{name}/__init__.pyc" not in names
    )
    assert missing == [], f"imported by sysdesign_core but not in the trimmed stdlib: {missing}"


def worker_loaded_modules() -> set[str]:
    """The core modules a worker has loaded once every calculator, the drills, a worksheet and
    a "Try it first" grading have run."""
    code = (
        "import json, sys\n"
        "from sysdesign_core import calculators\n"
        "from sysdesign_core.widget import respond_json\n"
        "for c in calculators():\n"
        "    respond_json(c.id, '{}')\n"
        "    respond_json(c.id, json.dumps({c.inputs[0].name: 'abc'}))\n"
        "from sysdesign_core import drills\n"  # the drills share the worker
        "drills.respond_json('1', json.dumps({'write_qps': '10K', 'read_qps': 'abc'}))\n"
        "from sysdesign_core import worksheet\n"  # so does the worksheet
        "worksheet.respond_json('a = 2 (1..3)\\nb = capacity(dau=a * 1M).write_qps', 2)\n"
        "from sysdesign_core.worksheet import attempt\n"  # and "Try it first"
        "attempt.respond_json('# try: b  B\\na = 2\\nb = a * 3', '{\"a\": \"4\"}', '{}')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('sysdesign_core'))))\n"
    )
    return set(
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
            ).stdout
        )
    )


def test_widget_needs_no_module_it_did_not_import_up_front() -> None:
    """A restored worker has no core files: the snapshot holds what the widget imported while
    it was made (every calculator run once, results, errors, charts). So a function-level
    import in any of those modules must name a module that was imported then too."""
    loaded = worker_loaded_modules()
    late: list[str] = []
    for name in sorted(loaded):
        path = ROOT / (name.replace(".", "/") + ".py")
        if not path.is_file():
            path = ROOT / name.replace(".", "/") / "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and id(node) not in top and node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                targets = (
                    [f"{base}.{node.module}"]
                    if node.module
                    else [f"{base}.{alias.name}" for alias in node.names]
                )
                late += [f"{name}: {t}" for t in targets if t not in loaded]
    assert late == [], f"imported late, not in the snapshot: {late}"


def test_core_archive_holds_only_what_the_worker_imports() -> None:
    """The validator, the CLI and the catalog's other tables stay out of the browser's
    download; every module a worker loads is in."""
    names = set(zipfile.ZipFile(io.BytesIO(runtime_hooks.core_archive())).namelist())
    modules = {
        name.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for name in names
        if name.endswith(".py")
    }
    assert modules == worker_loaded_modules()
    assert "sysdesign_core/validate.py" not in names and "sysdesign_core/cli.py" not in names


def test_core_archive_has_sources_and_python_314_bytecode(site_dir: Path) -> None:
    info = needs_artefacts(site_dir)
    names = zipfile.ZipFile(asset(site_dir, info["core"])).namelist()
    assert "sysdesign_core/widget.py" in names
    assert "sysdesign_core/__pycache__/widget.cpython-314.pyc" in names


def test_artefact_key_follows_the_core_and_the_builder() -> None:
    core = runtime_hooks.core_archive()
    assert runtime_hooks.artefact_key(core) == runtime_hooks.artefact_key(core)
    assert runtime_hooks.artefact_key(core) != runtime_hooks.artefact_key(core + b"changed")
    assert (
        "package.json" in runtime_hooks.PYODIDE_INPUTS
        and "python_stdlib.zip" in runtime_hooks.PYODIDE_INPUTS
    )


# --- in Chromium ---------------------------------------------------------------------------


def go_live(page: Any, url: str) -> dict[str, Any]:
    page.goto(url)
    page.wait_for_selector('form[data-calc="capacity"][data-state="live"]', timeout=LIVE_TIMEOUT)
    page.wait_for_function("() => window.sdRuntime", timeout=LIVE_TIMEOUT)
    page.fill("#capacity-dau", "2B")
    want = run("capacity", {"dau": "2B"})["outputs"]["write_qps"]["text"]
    page.wait_for_function(
        "t => document.querySelector('output[name=write_qps]').textContent === t",
        arg=want,
        timeout=LIVE_TIMEOUT,
    )
    runtime: dict[str, Any] = page.evaluate("window.sdRuntime")
    return runtime


@pytest.mark.browser
def test_snapshot_boot_is_used(context: Any, console: Console, base_url: str) -> None:
    runtime = go_live(context.new_page(), base_url + "calculators/capacity/")
    assert runtime["boot"] == "snapshot", runtime
    assert console.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "damage", ["missing", "garbage", "truncated", "other-snapshot", "plain-gzip"]
)
def test_broken_snapshot_falls_back_to_a_plain_boot(
    context: Any, console: Console, site_dir: Path, base_url: str, damage: str
) -> None:
    info = needs_artefacts(site_dir)
    packed = asset(site_dir, info["snapshot"]).read_bytes()
    bodies = {
        "garbage": b"\x00not a snapshot" * 1000,
        "truncated": packed[: len(packed) // 2],
        # A well-formed snapshot file of the right size whose header is not this build's.
        "other-snapshot": runtime_hooks.pack_snapshot(b"\x01" * int(info["snapshot-size"]), 1),
        # The format before pack_snapshot: the whole heap, gzipped.
        "plain-gzip": gzip.compress(runtime_hooks.unpack_snapshot(packed), 1),
    }

    def handle(route: Any) -> None:
        if damage == "missing":
            route.fulfill(status=404, body=b"gone")
        else:
            route.fulfill(
                status=200,
                body=bodies[damage],
                headers={"content-type": "application/octet-stream"},
            )

    context.route("**/assets/runtime/snapshot.*", handle)
    runtime = go_live(context.new_page(), base_url + "calculators/capacity/")
    assert runtime["boot"] == "plain", runtime
    assert runtime["fallback"], runtime
    assert console.errors == []


@pytest.mark.browser
def test_each_restore_draws_a_fresh_random_seed(browser: Any, base_url: str) -> None:
    """A snapshot restores the random state it was taken with, the same on every visit; the
    worker re-seeds after restoring, so two visits draw different numbers."""
    draws = []
    for _ in range(2):
        context = browser.new_context()
        route_cdn(context)
        page = context.new_page()
        # The drills page starts the worker from a module (not from <head>), which Playwright
        # always sees start.
        with page.expect_worker(lambda w: w.url.endswith("/calc-worker.js")) as started:
            page.goto(base_url + "practice/drills/")
        page.wait_for_function("() => window.sdRuntime", timeout=LIVE_TIMEOUT)
        assert page.evaluate("window.sdRuntime.boot") == "snapshot"
        draws.append(
            started.value.evaluate(
                "self.pyodide.runPython('import random; str(random.getrandbits(64))')"
            )
        )
        context.close()
    assert draws[0] != draws[1], draws


KEPT_SIZES = """async () => {
  const cache = await caches.open("sd-runtime-snapshot");
  const sizes = {};
  for (const request of await cache.keys()) {
    sizes[request.url] = (await (await cache.match(request)).arrayBuffer()).byteLength;
  }
  return sizes;
}"""


def kept_snapshot(page: Any, *, larger_than: int = 0) -> list[str]:
    """The URLs in the worker's snapshot cache, once it holds an entry of more than
    ``larger_than`` bytes (the worker stores it just after going live)."""
    for _ in range(300):
        sizes: dict[str, int] = page.evaluate(KEPT_SIZES)
        if any(size > larger_than for size in sizes.values()):
            return list(sizes)
        page.wait_for_timeout(100)
    raise AssertionError(f"no snapshot kept in Cache Storage: {sizes}")


@pytest.mark.browser
def test_later_visits_restore_the_kept_snapshot(
    context: Any, console: Console, base_url: str
) -> None:
    """The first visit inflates the snapshot and keeps it (Cache Storage), and the service
    worker leaves it there; the next restores that copy without inflating; a damaged copy is
    read from the network again, and replaced."""
    url = base_url + "calculators/capacity/"
    page = context.new_page()
    assert go_live(page, url)["snapshotFrom"] == "network"
    (kept,) = kept_snapshot(page)
    assert kept.endswith(".sparse.gz")
    # The service worker, registered once the runtime is live, must leave that cache alone.
    page.wait_for_selector('html[data-sd-offline="ready"]', state="attached", timeout=LIVE_TIMEOUT)
    assert kept_snapshot(page) == [kept]
    page.close()

    page = context.new_page()
    runtime = go_live(page, url)
    assert (runtime["boot"], runtime["snapshotFrom"]) == ("snapshot", "kept")
    page.evaluate(
        """async (url) => (await caches.open("sd-runtime-snapshot"))
             .put(url, new Response("not a snapshot"))""",
        kept,
    )
    page.close()

    page = context.new_page()
    runtime = go_live(page, url)
    assert (runtime["boot"], runtime["snapshotFrom"]) == ("snapshot", "network")
    assert kept_snapshot(page, larger_than=1000) == [kept]  # the damaged copy replaced
    assert console.errors == []


def test_page_order_lets_the_worker_start_early(site_dir: Path) -> None:
    """On a calculator page the worker's start comes before any stylesheet (an inline script
    after one waits for it) and Material's bundle is deferred (overrides/main.html): the
    bundle's evaluation otherwise holds the main thread that the worker's start waits for."""
    html = (site_dir / "calculators" / "capacity" / "index.html").read_text(encoding="utf-8")
    start = html.index("calc-worker.js")
    assert start < html.index('rel="stylesheet"')
    bundle = re.search(r'<script src="[^"]*/bundle\.[0-9a-f]+\.min\.js"([^>]*)>', html)
    assert bundle and "defer" in bundle.group(1), "Material's bundle is not deferred"
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "calc-worker.js" not in home  # no calculator, no early start


@pytest.mark.browser
@pytest.mark.parametrize("name", ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"])
def test_a_tampered_cdn_file_is_refused(
    context: Any, console: Console, base_url: str, name: str
) -> None:
    """Every Pyodide file comes from the CDN with its pinned hash: one changed byte and the
    runtime does not start (the static results stay), rather than running what it was given."""
    real = (NODE_MODULES / "pyodide" / name).read_bytes()
    tampered = real[:-2] + bytes([real[-2] ^ 1]) + real[-1:]

    def handle(route: Any) -> None:
        route.fulfill(
            status=200,
            body=tampered,
            headers={
                "content-type": "application/wasm" if name.endswith(".wasm") else "text/javascript",
                "access-control-allow-origin": "*",
            },
        )

    context.route(f"**/pyodide/v*/full/{name}", handle)
    page = context.new_page()
    page.goto(base_url + "calculators/capacity/")
    page.wait_for_selector('form[data-calc="capacity"][data-state="offline"]', timeout=LIVE_TIMEOUT)
    assert page.evaluate("window.sdRuntime") is None
    # The browser reports the refused integrity check; nothing else goes wrong.
    assert all("integrity" in e or "digest" in e for e in console.errors), console.errors


@pytest.mark.browser
def test_a_kept_snapshot_is_checked_by_its_content_hash(
    context: Any, console: Console, site_dir: Path, base_url: str
) -> None:
    """A kept copy with the right size, format and header but one changed byte is not
    restored: the worker reads the network's copy (and keeps that one instead)."""
    needs_artefacts(site_dir)
    url = base_url + "calculators/capacity/"
    page = context.new_page()
    go_live(page, url)
    (kept,) = kept_snapshot(page, larger_than=1000)
    # One byte inside the last block: size, format and header still check out.
    page.evaluate(
        """async (url) => {
             const cache = await caches.open("sd-runtime-snapshot");
             const bytes = new Uint8Array(await (await cache.match(url)).arrayBuffer());
             bytes[bytes.length - 1000] ^= 0xff;
             await cache.put(url, new Response(bytes));
           }""",
        kept,
    )
    page.close()
    page = context.new_page()
    runtime = go_live(page, url)
    assert (runtime["boot"], runtime["snapshotFrom"]) == ("snapshot", "network")
    assert console.errors == []
