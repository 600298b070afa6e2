// Module Web Worker that runs sysdesign_core in Pyodide, off the main thread.
// Protocol: the page posts {type: "init", pyodide, integrity, core, stdlib?, snapshot?,
// snapshotSize?, snapshotHead?} once, then {type: "run", id, calc, inputs}; the worker answers
// {type: "ready", boot, ms, fallback?, urls} or {type: "failed", reason}, and
// {type: "result", id, ok, result | errors} per run, then (if the run asked for it and no newer
// run came) {type: "chart", chartFor: id, svg}; {type: "drill", id, seed,
// answers} → {type: "drill", id, …} for the estimation drills.
//
// Fast path: restore a memory snapshot made at build time (tools/build-runtime.mjs) in which the
// core is already imported. Any problem with it (missing, corrupt, made for another Pyodide)
// falls back, silently, to a plain boot on the precompiled standard library.

let runtime = null; // resolves to the Python `respond_json` function
let pendingChart = 0; // timer of the chart still to draw for the latest "run"
const CORE_DIR = "/home/pyodide/sd";
// A zip archive with no entries (just the end-of-central-directory record).
const EMPTY_ZIP = "data:application/zip;base64,UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==";

async function importVerified(url, integrity) {
  // Fetch the loader with its SRI hash, then import it from a blob: a changed file is refused.
  const response = await fetch(url, { integrity, mode: "cors" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const blob = new Blob([await response.text()], { type: "text/javascript" });
  const blobUrl = URL.createObjectURL(blob);
  try {
    return await import(blobUrl);
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The snapshot ships gzipped; inflate it as it streams in, straight into a buffer of the
// expected size. If the server already decoded it (Content-Encoding), take it as is.
async function fetchSnapshot(url, size, head) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
  const encoded = /gzip/.test(response.headers.get("content-encoding") || "");
  const stream = encoded ? response.body : response.body.pipeThrough(new DecompressionStream("gzip"));
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const reader = stream.getReader(); ;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.length > size) throw new Error("snapshot: larger than expected");
    bytes.set(value, at);
    at += value.length;
  }
  if (at !== size) throw new Error("snapshot: truncated");
  if (hex(bytes.subarray(0, head.length / 2)) !== head) throw new Error("snapshot: bad header");
  return bytes;
}

async function boot(config) {
  const marks = { start: performance.now() }; // for bench/browser.py
  const base = config.pyodide;
  // Everything starts at once: the loader, Pyodide's runtime module (imported here, it is
  // evaluated once and Pyodide's own import of it finds it ready), the snapshot or the core.
  const snapshot = config.snapshot
    ? fetchSnapshot(config.snapshot, config.snapshotSize, config.snapshotHead)
    : null;
  snapshot?.then(() => { marks.snapshot = performance.now(); }, () => {}); // errors: below
  let coreBytes = snapshot ? null : fetchBytes(config.core);
  import(`${base}pyodide.asm.mjs`).catch(() => {}); // a failure shows in loadPyodide
  const { loadPyodide } = await importVerified(`${base}pyodide.mjs`, config.integrity);
  marks.loader = performance.now();
  const options = { indexURL: base };
  if (config.stdlib) options.stdLibURL = config.stdlib;

  let py = null;
  let fallback;
  if (snapshot) {
    try {
      await snapshot; // checked before Pyodide sizes its memory from it
      // Every module the widget needs is already imported in the snapshot's heap, so the
      // standard library archive is not read again: an empty one saves ~1.4 MB per visit.
      py = await loadPyodide({ ...options, stdLibURL: EMPTY_ZIP, _loadSnapshot: snapshot });
    } catch (error) {
      fallback = String(error && error.message || error);
    }
  }
  const restored = py !== null;
  if (!restored) {
    coreBytes ??= fetchBytes(config.core);
    py = await loadPyodide(options);
  }
  marks.pyodide = performance.now();
  if (restored) {
    // Every module the widget uses was imported when the snapshot was made (tests/
    // test_runtime.py keeps it so), so it needs no core files
    // (files unpacked then do not survive a snapshot; imported modules do). A snapshot also
    // restores the same random state every time: draw a fresh seed.
    py.runPython("import random; random.seed()");
  } else {
    py.unpackArchive(await coreBytes, "zip", { extractDir: CORE_DIR });
    py.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(CORE_DIR)})`);
  }
  self.pyodide = py;
  const respond = py.pyimport("sysdesign_core.widget").respond_json;
  marks.ready = performance.now();
  const origin = performance.timeOrigin;
  const ms = Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, origin + v]));
  return { respond, boot: restored ? "snapshot" : "plain", ms, fallback };
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    if (runtime) return;
    runtime = boot(data);
    try {
      const { boot: how, ms, fallback } = await runtime;
      // Every URL this boot fetched, for the service worker to keep (offline.js).
      const urls = [...new Set(performance.getEntriesByType("resource").map((e) => e.name)
        .filter((url) => url.startsWith("http")))];
      self.postMessage({ type: "ready", boot: how, ms, fallback, urls });
    } catch (error) {
      self.postMessage({ type: "failed", reason: String(error && error.message || error) });
    }
    return;
  }
  if (data.type === "run") {
    const { respond } = await runtime;
    const inputs = JSON.stringify(data.inputs);
    const reply = JSON.parse(respond(data.calc, inputs, false));
    self.postMessage({ type: "result", id: data.id, ...reply });
    // The chart comes after the numbers, and only once typing pauses: a newer "run" message
    // is handled before this timer, and cancels it.
    clearTimeout(pendingChart);
    if (reply.ok && data.chart) {
      pendingChart = setTimeout(() => {
        const svg = self.pyodide.pyimport("sysdesign_core.widget").chart_json(data.calc, inputs);
        self.postMessage({ type: "chart", chartFor: data.id, svg });
      }, 0);
    }
  }
  if (data.type === "drill") { // practice/drills.md: same runtime, sysdesign_core.drills
    await runtime;
    const drills = self.pyodide.pyimport("sysdesign_core.drills");
    const reply = JSON.parse(drills.respond_json(String(data.seed), JSON.stringify(data.answers)));
    self.postMessage({ type: "drill", id: data.id, ...reply });
  }
};
