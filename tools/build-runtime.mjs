// Build the calculators' runtime artefacts with Pyodide itself, under Node (called by
// macros/runtime_hooks.py during `mkdocs build`; the results are cached by a hash of the inputs).
//
//   node tools/build-runtime.mjs CORE_ZIP OUT_DIR
//
// CORE_ZIP is the core's source archive (sysdesign_core/*.py). Writes into OUT_DIR:
//   stdlib.zip    the part of Pyodide's standard library that booting, importing the core and
//                 running every calculator (results, errors, charts) touches, compiled to .pyc
//                 (unchecked-hash pycs, no sources): a plain boot imports ~190 modules and
//                 compiling them is most of its time; the other ~500 modules are never used.
//   core.zip      the core with its .pyc next to the sources (__pycache__, cpython-314 tag).
//   snapshot.bin  a Pyodide memory snapshot taken after importing sysdesign_core.widget and
//                 running every calculator once (so its lazily imported charts are in too), booted on that very stdlib.zip (the snapshot
//                 holds zipimport's index of the stdlib file, so the two must ship together).
//   manifest.json sizes, the Pyodide version and build id, and the time each step took.
// The .pyc must match Pyodide's Python (3.14), hence Pyodide compiles them, not the host.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE_DIR = join(ROOT, "node_modules", "pyodide") + "/";
const { loadPyodide, version } = await import(join(PYODIDE_DIR, "pyodide.mjs"));

const [coreZip, outDir] = process.argv.slice(2);
if (!coreZip || !outDir) {
  console.error("usage: node tools/build-runtime.mjs CORE_ZIP OUT_DIR");
  process.exit(2);
}
await mkdir(outDir, { recursive: true });
const timings = {};
const quiet = { stdout: () => {}, stderr: (line) => console.error(line) };

// Python run inside Pyodide: compile a zip of .py files into .pyc, deterministically ordered.
const COMPILE = `
import importlib.util, io, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

STAMP = (2020, 1, 1, 0, 0, 0)

def _entry(zout, name, data):
    info = zipfile.ZipInfo(name, date_time=STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    zout.writestr(info, data)

def _pyc(data, filename):
    code = compile(data, filename, "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), False))

def compile_zip(src, prefix, keep_sources, only=None):
    """.py -> .pyc: next to nothing (stdlib, sourceless) or in __pycache__ (core, with sources).

    only: the entry names to keep (None: all)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes(src))) as zin, \\
         zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in sorted(zin.infolist(), key=lambda i: i.filename):
            name = info.filename
            if only is not None and name not in only:
                continue
            data = zin.read(info)
            if not name.endswith(".py"):
                if not name.endswith("/"):
                    _entry(zout, name, data)
                continue
            pyc = _pyc(data, prefix + name)
            if keep_sources:
                _entry(zout, name, data)
                _entry(zout, importlib.util.cache_from_source(name), pyc)
            else:
                _entry(zout, name + "c", pyc)
    return out.getvalue()
`;

// Import the core and run every calculator, its error path and its chart once (and a drill),
// so that every module a result can need is imported. Returns the number of calculators.
const WARM_UP = `
import sys, traceback
sys.path.insert(0, "/home/pyodide/sd")
from sysdesign_core import calculators
from sysdesign_core.widget import respond_json
for _calc in calculators():
    respond_json(_calc.id, "{}")
    respond_json(_calc.id, '{"%s": "abc"}' % _calc.inputs[0].name)
# The estimation drills run in the same worker (practice/drills.md).
from sysdesign_core import drills as _drills
_drills.respond_json("1", '{"write_qps": "10K", "read_qps": "abc"}')
# So does the worksheet (worksheet.md): a sheet with a calculator, a range and an error.
from sysdesign_core import worksheet as _sheet
_sheet.respond_json("a = 2 (1..3)\\nb = capacity(dau=a * 1M).write_qps\\nc = 1 GB + 1 s", 2)
# And "Try it first" on a design page: a figure graded against a sheet, an assumption changed.
from sysdesign_core.worksheet import attempt as _attempt
_attempt.respond_json("# try: b  B\\na = 2\\nb = a * 3 / day", '{"a": "4"}', '{"b": "1/s"}')
try:
    respond_json("no such calculator", "{}")
except Exception:
    traceback.format_exc()  # what Pyodide does to report a Python error to JavaScript
import random; random.seed()
len(calculators())
`;
// Import every module of the core (CLI, catalog too), so that the trimmed stdlib holds all
// they could ever need.
const IMPORT_ALL = `
import importlib, pkgutil, sysdesign_core
for _m in pkgutil.walk_packages(sysdesign_core.__path__, "sysdesign_core."):
    if not _m.name.endswith("__main__"):
        importlib.import_module(_m.name)
`;
// The stdlib entries the running interpreter has imported (plus a few codecs people type in).
const USED = `
import sys
_zip = "/lib/python%d%d.zip/" % sys.version_info[:2]
_used = {"encodings/ascii.py", "encodings/latin_1.py", "encodings/utf_8_sig.py",
         "encodings/utf_16.py", "encodings/utf_32.py", "encodings/idna.py"}
for _m in list(sys.modules.values()):
    _origin = getattr(getattr(_m, "__spec__", None), "origin", None) or ""
    if _origin.startswith(_zip):
        _used.add(_origin[len(_zip):])
sorted(_used)
`;

let start = performance.now();
const bytesOf = async (path) => new Uint8Array(await readFile(path)); // not a Node Buffer
const coreSources = await bytesOf(coreZip);
const compiler = await loadPyodide({ indexURL: PYODIDE_DIR, ...quiet });
compiler.unpackArchive(coreSources, "zip", { extractDir: "/home/pyodide/sd" });
compiler.runPython(WARM_UP);
compiler.runPython(IMPORT_ALL);
const used = compiler.runPython(USED).toJs();
compiler.runPython(COMPILE);
const compileZip = compiler.globals.get("compile_zip");
const [major, minor] = compiler.runPython("import sys; sys.version_info[:2]").toJs();
const stdlib = compileZip(
  await bytesOf(join(PYODIDE_DIR, "python_stdlib.zip")),
  `/lib/python${major}${minor}.zip/`, false, compiler.toPy(used),
).toJs();
const core = compileZip(coreSources, "/home/pyodide/sd/", true).toJs();
await writeFile(join(outDir, "stdlib.zip"), stdlib);
await writeFile(join(outDir, "core.zip"), core);
timings.compile = performance.now() - start;

// The snapshot: boot on the compiled stdlib, import the widget, run each calculator once (so
// every module a result needs is imported and in the heap), then dump the heap.
start = performance.now();
const py = await loadPyodide({
  indexURL: PYODIDE_DIR,
  stdLibURL: join(outDir, "stdlib.zip"),
  _makeSnapshot: true,
  ...quiet,
});
py.unpackArchive(core, "zip", { extractDir: "/home/pyodide/sd" });
const warmed = py.runPython(WARM_UP); // the widget's modules only: the catalog would add ~0.4 MB
const snapshot = py.makeMemorySnapshot();
await writeFile(join(outDir, "snapshot.bin"), snapshot);
timings.snapshot = performance.now() - start;

const manifest = {
  pyodide: version,
  python: `${major}.${minor}`,
  calculators: warmed,
  stdlib_modules: used.length,
  files: {
    "stdlib.zip": stdlib.length,
    "core.zip": core.length,
    "snapshot.bin": snapshot.length,
  },
  seconds: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, +(v / 1000).toFixed(1)])),
};
await writeFile(join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(JSON.stringify(manifest));
