// @ts-check
// Module Web Worker that runs sysdesign_core in Pyodide, off the main thread.
// Protocol: the page posts {type: "init", pyodide, integrity, files, core, lock?, stdlib?,
// snapshot?, snapshotSize?, snapshotHead?, snapshotSha256?} once, then {type: "run", id, calc,
// inputs}; the worker answers {type: "ready", boot, ms, fallback?, urls} or {type: "failed",
// reason}, and {type: "result", id, ok, result | errors, readings?} per run, whatever happens in
// Python (an exception is an error reply with the name ""); then, after an ok result, if no newer
// run came within CHART_PAUSE_MS, {type: "chart-start", chartFor: id} and {type: "chart",
// chartFor: id, svg, links: {sheet, onward}} (svg "" unless the run asked for a chart, or when
// a newer run came meanwhile); {type: "drill", id, seed, answers} → {type: "drill", id, …} for the
// estimation drills; {type: "try", id, text, assumptions, answers} → {type: "try", id,
// figures, assumptions, …} for "Try it first" on a design page; for the worksheet, {type:
// "sheet", id, text, view: "page", base, token, markdown?} → {type: "sheet", id, serial, token,
// base, count, lines: [the rows that changed since reply `base`, or all when base is 0], …},
// {type: "sheet", id, text, view: "chart", line} → {type: "sheet", id, chart}, and {type:
// "sheet", id, text, line?} → {type: "sheet", id, lines, constants, markdown, …} (everything,
// for the exports); {type: "warm", calc, inputs, chart} or {type: "warm", sheet}, which gets no
// reply (see warmUp). The page abandons a run that takes too long by terminating this worker.
//
// Integrity: every file fetched from the CDN (the loader, pyodide.asm.mjs, pyodide.asm.wasm and,
// in a build without Node, the lock file and the standard library) is fetched with its pinned
// SRI hash (`files`, from mkdocs.yml extra.pyodide.files); a changed byte fails the boot. The
// kept snapshot is checked by its SHA-256 before use.
//
// Fast path: restore a memory snapshot made at build time (tools/build-runtime.mjs) in which the
// core is already imported. Any problem with it (missing, corrupt, made for another Pyodide)
// falls back, silently, to a plain boot on the precompiled standard library.

/**
 * The "init" message: where the runtime's files are, and their pins (runtime.js runtimeConfig).
 * @typedef {{pyodide: string, integrity?: string, files: Record<string, string>, lock?: string,
 *   core: string, stdlib?: string, snapshot?: string, snapshotSize: number,
 *   snapshotHead: string, snapshotSha256: string}} Config
 */
/**
 * A booted runtime: sysdesign_core.widget's respond_json (looked up once: a lookup per
 * keystroke made a proxy per keystroke) and the module itself (its extras_json and chart_json
 * are looked up when a pause comes), the worksheet's entry points (sysdesign_core.worksheet),
 * Pyodide, and how it booted (for the tests).
 * @typedef {{respond: (calc: string, inputs: string, chart: boolean, links: boolean) => string,
 *   widget: {extras_json: (calc: string, inputs: string, chart: boolean) => string,
 *     chart_json: (calc: string, inputs: string) => string},
 *   sheets: {respond_json: (text: string, line: number | null) => string,
 *     respond_page_json: (text: string, base: number, token: string, markdown: boolean) => string,
 *     respond_chart_json: (text: string, line: number | null) => string,
 *     warm: (text: string) => number},
 *   py: import("pyodide").PyodideAPI, boot: "snapshot" | "plain", snapshotFrom: string | undefined, ms: Record<string, number>,
 *   fallback: string | undefined}} Booted
 */

/** @type {Promise<Booted> | null} */
let runtime = null; // set by "init"
/** @type {Map<string, {timer: ReturnType<typeof setTimeout>}>} */
const pendingCharts = new Map(); // calculator id → the chart and links still to come
// The chart and the links (onward inputs, the worksheet's) come once typing has paused this
// long: they take 10-40 ms on a first visit (the wasm not yet optimised), and a keystroke that
// arrives meanwhile waits behind them (measured, bench/browser.py (c) and (e)).
const CHART_PAUSE_MS = 150;

// A newer run already queued goes before the rest of a chart: a message posted to this port
// now is handled after the messages that came before it (one queue for posted messages).
const turns = new MessageChannel();
/** @type {(() => void)[]} */
const waitingTurns = [];
turns.port1.onmessage = () => waitingTurns.shift()?.();
/** @returns {Promise<void>} */
function afterQueuedMessages() {
  return new Promise((resolve) => {
    waitingTurns.push(resolve);
    turns.port2.postMessage(null);
  });
}
const CORE_DIR = "/home/pyodide/sd";
// A zip archive with no entries (just the end-of-central-directory record).
const EMPTY_ZIP = "data:application/zip;base64,UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==";

/**
 * The pinned SRI hash of a Pyodide file: a file without one is never fetched.
 * @param {Record<string, string> | undefined} files
 * @param {string} name
 */
function pin(files, name) {
  const integrity = files && files[name];
  if (!integrity) throw new Error(`${name}: no pinned hash`);
  return integrity;
}

/**
 * Fetch `url` with its SRI hash (the browser refuses a response that does not match).
 * @param {string} url
 * @param {string} integrity
 */
async function fetchVerified(url, integrity) {
  const response = await fetch(url, { integrity, mode: "cors", credentials: "omit" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/**
 * @param {string} url
 * @param {string} integrity
 * @returns {Promise<any>}  the module
 */
async function importVerified(url, integrity) {
  // Fetch a module with its SRI hash, then import it from a blob: a changed file is refused.
  const response = await fetchVerified(url, integrity);
  const blob = new Blob([await response.text()], { type: "text/javascript" });
  const blobUrl = URL.createObjectURL(blob);
  try {
    return await import(blobUrl);
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}

/** @param {string} url */
async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** @param {Uint8Array} bytes */
function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** @param {Uint8Array<ArrayBuffer>} bytes */
async function sha256(bytes) {
  return hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

// The snapshot ships sparse and gzipped (pack_snapshot in macros/runtime_hooks.py has the format): a
// header, a bitmap of the 64 KiB blocks that hold a non-zero byte, then those blocks. Over half
// of the heap is zeros, which a new buffer already is, so only the rest is inflated.
const SNAPSHOT_MAGIC = "SDSNAP1\0";
// After a first restore, the inflated (still sparse) snapshot is kept in Cache Storage under
// its content-hashed URL, and later visits read it from there instead of inflating it again:
// inflating holds this thread for ~50 ms, and the wasm's bytes wait behind it (measured: the
// wasm was ready ~120 ms later than with the inflating taken out).
const KEPT = "sd-runtime-snapshot";

/**
 * Reads the sparse snapshot from `stream` into a buffer of the heap's size, checking it.
 * @param {ReadableStream<Uint8Array>} stream
 * @param {number} size  the heap's, in bytes
 * @param {string} head  the heap's first bytes, in hex
 */
async function readSnapshot(stream, size, head) {
  const reader = stream.getReader();
  /** @type {Uint8Array} */
  let chunk = new Uint8Array(0); // read from the stream, not placed yet
  /** @param {Uint8Array} into */
  async function fill(into) { // the stream's next into.length bytes, into `into`
    for (let at = 0; at < into.length;) {
      if (chunk.length === 0) {
        const { done, value } = await reader.read();
        if (done) throw new Error("snapshot: truncated");
        chunk = value;
      }
      const n = Math.min(chunk.length, into.length - at);
      into.set(chunk.subarray(0, n), at);
      chunk = chunk.subarray(n);
      at += n;
    }
  }
  const header = new Uint8Array(16);
  await fill(header);
  if (String.fromCharCode(...header.subarray(0, 8)) !== SNAPSHOT_MAGIC) {
    throw new Error("snapshot: unknown format");
  }
  const view = new DataView(header.buffer);
  const block = view.getUint32(8, true);
  if (view.getUint32(12, true) !== size || block === 0) {
    throw new Error("snapshot: not the expected size");
  }
  const count = Math.ceil(size / block);
  const present = new Uint8Array(Math.ceil(count / 8));
  await fill(present);
  const bytes = new Uint8Array(size);
  for (let i = 0; i < count; i++) {
    if (present[i >> 3] & (1 << (i & 7))) {
      await fill(bytes.subarray(i * block, Math.min(size, (i + 1) * block)));
    }
  }
  if (chunk.length || !(await reader.read()).done) throw new Error("snapshot: larger than expected");
  if (hex(bytes.subarray(0, head.length / 2)) !== head) throw new Error("snapshot: bad header");
  return bytes;
}

/**
 * The snapshot's bytes, and where they came from; spare is the inflated stream again, to keep.
 * @param {string} url
 * @param {number} size
 * @param {string} head
 * @param {string} digest  SHA-256 (hex) of the inflated snapshot, "" if none
 * @returns {Promise<{bytes: Uint8Array, from: "kept" | "network", spare?: ReadableStream<Uint8Array>}>}
 */
async function loadSnapshot(url, size, head, digest) {
  let kept;
  try {
    kept = await (await caches.open(KEPT)).match(url);
  } catch {
    // no Cache Storage here (an opaque origin, a browser setting): the network it is
  }
  if (kept) {
    try {
      // In one piece: reading it chunk by chunk costs a promise round trip per 64 KB.
      const whole = new Uint8Array(await kept.arrayBuffer());
      // Checked by its content hash (hashed off this thread while the blocks are placed).
      const checked = digest ? sha256(whole) : Promise.reject(new Error("no hash to check"));
      checked.catch(() => {});
      const stream = new ReadableStream({ start(c) { c.enqueue(whole); c.close(); } });
      const bytes = await readSnapshot(stream, size, head);
      if ((await checked) !== digest) throw new Error("snapshot: the kept copy does not match");
      return { bytes, from: "kept" };
    } catch {
      // a damaged copy: read the network's (which is then kept in its place)
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
  // Inflated as it streams in; taken as is if the server already decoded it (Content-Encoding).
  if (!response.body) throw new Error("snapshot: no body");
  const encoded = /gzip/.test(response.headers.get("content-encoding") || "");
  /** @type {ReadableStream<Uint8Array>} */
  const sparse = encoded ? response.body : response.body.pipeThrough(new DecompressionStream("gzip"));
  const [mine, spare] = sparse.tee(); // the same chunks, not copies
  try {
    return { bytes: await readSnapshot(mine, size, head), from: "network", spare };
  } catch (error) {
    spare.cancel().catch(() => {}); // an errored stream refuses to cancel: nothing to free
    throw error;
  }
}

/**
 * Keeps the inflated snapshot for the next visits, in place of any older one. The bytes stream
 * into Cache Storage as they are: gathered into one buffer, hashed and copied again, they held
 * this thread for ~230 ms in pieces, and a reader's first edits waited behind them (measured,
 * bench/browser.py (c)). They are the very bytes this visit restored, and a later visit
 * checks the copy by its SHA-256 before using it (loadSnapshot), so none is hashed here.
 * @param {string} url
 * @param {ReadableStream<Uint8Array>} spare
 */
async function keepSnapshot(url, spare) {
  try {
    const cache = await caches.open(KEPT);
    for (const old of await cache.keys()) if (old.url !== url) await cache.delete(old);
    await cache.put(url, new Response(spare));
  } catch {
    spare.cancel().catch(() => {}); // no room, or no Cache Storage: the next visit inflates
  }
}

// The snapshot is kept once the worker has had nothing to do for KEEP_IDLE_MS: right after
// going live is when a reader starts typing, and even streamed, the copy takes this thread's
// turns and the cores' time.
const KEEP_IDLE_MS = 1000;
/** @type {(() => void) | null} */
let keepLater = null;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let keepTimer;

/** (Re)starts the wait for an idle moment; called after every message. */
function keepWhenIdle() {
  clearTimeout(keepTimer);
  if (keepLater) {
    keepTimer = setTimeout(() => {
      const keep = keepLater;
      keepLater = null;
      keep?.();
    }, KEEP_IDLE_MS);
  }
}

// Pyodide fetches and compiles its 9.6 MB wasm only once loadPyodide() has begun, and
// instantiates it only once the snapshot is in. Compile it from the first moment instead, in
// parallel with the snapshot and the loader, and let Pyodide instantiate that very module:
// Pyodide's own fetch of the wasm URL gets a stand-in that is never read, and
// instantiateStreaming, handed that stand-in, instantiates the compiled module. Every other
// fetch and instantiation passes through untouched; if the early compile failed, Pyodide's
// instantiation fetches the wasm itself, as it would have.
//
// The wasm is fetched with its pinned hash: the browser releases its bytes once they match, so
// nothing unverified is compiled. If they do not match, `compiled` rejects and so does the boot
// (boot() races loadPyodide against it: Pyodide itself would only log a warning and wait).
/**
 * @param {string} wasmUrl
 * @param {string} integrity
 * @returns {Promise<WebAssembly.Module>}
 */
function compileEarly(wasmUrl, integrity) {
  const compiled = WebAssembly.compileStreaming(fetchVerified(wasmUrl, integrity));
  compiled.catch(() => {}); // handled where it is awaited
  const standIn = new Response(null);
  const { fetch: realFetch } = self;
  const { instantiateStreaming } = WebAssembly;
  self.fetch = function (input, init) {
    return String(input) === wasmUrl ? Promise.resolve(standIn) : realFetch.call(this, input, init);
  };
  WebAssembly.instantiateStreaming = async function (source, imports) {
    if ((await source) !== standIn) return instantiateStreaming.call(this, source, imports);
    let module;
    try {
      module = await compiled;
    } catch {
      // Refused (not the pinned bytes): boot() has failed already through its race; Pyodide
      // would only log a warning and wait, so it is left waiting, quietly.
      return new Promise(() => {});
    }
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  return compiled;
}

/**
 * @param {Config} config
 * @returns {Promise<Booted>}
 */
async function boot(config) {
  /** @type {Record<string, number>} */
  const marks = { start: performance.now() }; // for bench/browser.py
  const base = config.pyodide;
  const files = config.files;
  // Everything starts at once: the snapshot or the core, Pyodide's runtime module (verified,
  // then handed to loadPyodide as createPyodideModule, so Pyodide never imports it itself), the
  // loader and the wasm, the biggest, last (where one connection serves all, the small ones go
  // first).
  const snapshotJob = config.snapshot
    ? loadSnapshot(config.snapshot, config.snapshotSize, config.snapshotHead, config.snapshotSha256)
    : null;
  const snapshot = snapshotJob?.then((job) => job.bytes);
  snapshot?.then(() => { marks.snapshot = performance.now(); }, () => {}); // errors: below
  let coreBytes = snapshot ? null : fetchBytes(config.core);
  const asm = importVerified(`${base}pyodide.asm.mjs`, pin(files, "pyodide.asm.mjs"));
  asm.catch(() => {}); // a failure shows in loadPyodide
  const loader = importVerified(`${base}pyodide.mjs`, config.integrity || pin(files, "pyodide.mjs"));
  const compiled = compileEarly(`${base}pyodide.asm.wasm`, pin(files, "pyodide.asm.wasm"));
  compiled.then(() => { marks.wasm = performance.now(); }, () => {});
  // Rejects when the wasm does not match its pin; never resolves otherwise.
  /** @type {Promise<never>} */
  const wasmRefused = compiled.then(() => new Promise(() => {}));
  wasmRefused.catch(() => {});
  /** @type {{loadPyodide: typeof import("pyodide").loadPyodide}} */
  const { loadPyodide } = await loader;
  marks.loader = performance.now();
  /** @param {import("pyodide").PyodideConfig} options */
  const load = (options) => Promise.race([loadPyodide(options), wasmRefused]);
  /** @type {import("pyodide").PyodideConfig} */
  const options = {
    indexURL: base,
    // A promise of the function, not the function: the import above is still under way, and
    // Pyodide's loadWasmScript (an async function) returns this option, so it is awaited there.
    // Its type says a function; the pinned version's tests (test_runtime.py) boot through this.
    createPyodideModule: /** @type {import("pyodide").PyodideConfig["createPyodideModule"]} */ (
      /** @type {unknown} */ (asm.then((module) => module.default))),
  };
  // The lock file lists Pyodide's optional packages, which the calculators never load; the
  // build passes its header with no packages, which saves fetching 119 KB. A build without
  // Node has neither the header nor a standard library of its own: the CDN's, verified.
  options.lockFileContents = config.lock
    || fetchVerified(`${base}pyodide-lock.json`, pin(files, "pyodide-lock.json")).then((r) => r.text());
  let stdlib = config.stdlib;
  const plainStdlib = async () => {
    stdlib ??= URL.createObjectURL(await (await fetchVerified(
      `${base}python_stdlib.zip`, pin(files, "python_stdlib.zip"))).blob());
    return stdlib;
  };

  /** @type {import("pyodide").PyodideAPI | null} */
  let py = null;
  /** @type {string | undefined} */
  let fallback;
  if (snapshot) {
    try {
      // Every module the widget needs is already imported in the snapshot's heap, so the
      // standard library archive is not read again: an empty one saves ~1.4 MB per visit.
      // The snapshot goes in as a promise: Pyodide sets itself up meanwhile and awaits it
      // only to size its memory (readSnapshot has checked it by then).
      py = await load({ ...options, stdLibURL: EMPTY_ZIP, _loadSnapshot: snapshot });
    } catch (error) {
      fallback = reasonOf(error);
    }
  }
  const restored = py !== null;
  const loaded = restored ? await snapshotJob : null;
  const snapshotFrom = loaded?.from;
  const spare = loaded?.spare;
  if (spare) keepLater = () => keepSnapshot(/** @type {string} */ (config.snapshot), spare);
  snapshotJob?.then((job) => { if (!restored) job.spare?.cancel().catch(() => {}); }, () => {});
  if (py === null) { // not restored: a plain boot
    coreBytes ??= fetchBytes(config.core);
    py = await load({ ...options, stdLibURL: await plainStdlib() });
  }
  marks.pyodide = performance.now();
  if (restored) {
    // Every module the widget uses was imported when the snapshot was made (tests/
    // test_runtime.py keeps it so), so it needs no core files
    // (files unpacked then do not survive a snapshot; imported modules do). A snapshot also
    // restores the same random state every time: draw a fresh seed.
    py.runPython("import random; random.seed()");
  } else {
    py.unpackArchive(await /** @type {Promise<Uint8Array>} */ (coreBytes), "zip", { extractDir: CORE_DIR });
    py.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(CORE_DIR)})`);
  }
  self.pyodide = py;
  const widget = py.pyimport("sysdesign_core.widget");
  const respond = widget.respond_json;
  const worksheet = py.pyimport("sysdesign_core.worksheet");
  const sheets = {
    respond_json: worksheet.respond_json,
    respond_page_json: worksheet.respond_page_json,
    respond_chart_json: worksheet.respond_chart_json,
    warm: worksheet.warm,
  };
  marks.ready = performance.now();
  const origin = performance.timeOrigin;
  const ms = Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, origin + v]));
  return { respond, widget, sheets, py, boot: restored ? "snapshot" : "plain", snapshotFrom, ms, fallback };
}

/**
 * The booted runtime; rejects (and the request gets an error reply) when it could not boot, or
 * was never asked to.
 */
async function booted() {
  if (!runtime) throw new Error("the runtime was not started");
  return runtime;
}

/**
 * What was thrown, as text: its message, else itself.
 * @param {unknown} error
 */
function reasonOf(error) {
  return String((error && /** @type {{message?: unknown}} */ (error).message) || error);
}

self.onmessage = async ({ data }) => {
  try {
    await handle(data);
  } finally {
    keepWhenIdle(); // the snapshot waits until no message has come for a while
    warmWhenIdle(); // and so does the warm-up
  }
};

// Warm-up. On a first visit the wasm starts unoptimised: each Python function is compiled
// the first time it runs, and the hot ones are optimised in the background as they run, so
// the first runs took 30-100 ms, and the next ones a few times longer than once optimised
// (measured, bench/browser.py (c)). What the page will ask for ({type: "warm", calc, inputs,
// chart} for a form, {type: "warm", sheet} for the worksheet) is run a few times, one Python
// call at a time: the first at once (a reader who types the moment the form is live waits for
// it instead of for the same code compiling in their own run; one who takes a moment finds it
// done), the others only while nothing has been asked for WARM_IDLE_MS, so an edit waits at
// most for one call, and none once the reader has asked for something.
const WARM_IDLE_MS = 500;
const WARM_CALLS = 12;
/** @type {(() => void)[]} */
let warmCalls = []; // what is left to run, in turn
/** @type {ReturnType<typeof setTimeout> | undefined} */
let warmTimer;

/** (Re)starts the wait for an idle moment before the next warm-up call. */
function warmWhenIdle() {
  clearTimeout(warmTimer);
  if (warmCalls.length) {
    warmTimer = setTimeout(() => {
      try {
        warmCalls.shift()?.();
      } catch {
        // a warm-up call that fails changes nothing: the page's own request will say why
      }
      warmWhenIdle();
    }, WARM_IDLE_MS);
  }
}

/**
 * The warm-up calls for a "warm" message: the page's own requests, in turn.
 * @param {any} data
 * @param {Booted} python
 * @returns {(() => void)[]}
 */
function warmUp(data, python) {
  /** @type {(() => void)[]} */
  let round = [];
  if (typeof data.calc === "string") {
    const inputs = JSON.stringify(data.inputs || {});
    round = [() => python.respond(data.calc, inputs, false, false),
      () => python.widget.extras_json(data.calc, inputs, false)];
    if (data.chart) round.push(() => python.widget.chart_json(data.calc, inputs));
  } else if (typeof data.sheet === "string") {
    round = [() => python.sheets.warm(String(data.sheet))];
  }
  /** @type {(() => void)[]} */
  const calls = [];
  while (round.length && calls.length < WARM_CALLS) calls.push(...round);
  return calls.slice(0, WARM_CALLS);
}

/**
 * One message from the page (the protocol is at the top of this file).
 * @param {any} data
 */
async function handle(data) {
  if (data.type !== "warm" && data.type !== "init") {
    warmCalls = []; // the reader has begun: their own requests keep the code warm from now on
  }
  if (data.type === "warm") {
    try {
      warmCalls = warmUp(data, await booted());
      warmCalls.shift()?.();
    } catch {
      warmCalls = []; // no runtime, or the page's inputs fail: nothing to warm
    }
    return;
  }
  if (data.type === "init") {
    if (runtime) return;
    runtime = boot(data);
    try {
      const { boot: how, snapshotFrom, ms, fallback } = await runtime;
      // Every URL this boot used, for the service worker to keep (offline.js); the snapshot
      // too when it came from Cache Storage.
      const fetched = performance.getEntriesByType("resource").map((e) => e.name);
      const urls = [...new Set([...fetched, ...(snapshotFrom ? [data.snapshot] : [])]
        .filter((url) => url.startsWith("http")))];
      self.postMessage({ type: "ready", boot: how, snapshotFrom, ms, fallback, urls });
    } catch (error) {
      self.postMessage({ type: "failed", reason: reasonOf(error) });
    }
    return;
  }
  if (data.type === "run") {
    // A run always gets a reply: a Python exception (or a runtime that never booted) becomes
    // an error for the form as a whole (name ""), so the page is never left waiting.
    cancelChart(data.calc); // a newer run: the previous chart and links are not drawn
    const inputs = JSON.stringify(data.inputs);
    let reply;
    try {
      const { respond } = await booted();
      reply = JSON.parse(respond(data.calc, inputs, false, false)); // the numbers only
    } catch (error) {
      reply = { ok: false, errors: { "": failure(error) } };
    }
    self.postMessage({ type: "result", id: data.id, ...reply });
    // The chart and the links come after the numbers, and only once typing pauses: a newer
    // "run" message within CHART_PAUSE_MS is handled before this timer, and cancels it.
    cancelChart(data.calc);
    if (reply.ok) {
      const job = { timer: setTimeout(() => drawLater(job, data.calc, data.id, inputs, Boolean(data.chart)),
        CHART_PAUSE_MS) };
      pendingCharts.set(data.calc, job);
    }
  }
  if (data.type === "sheet") { // worksheet.md: same runtime, sysdesign_core.worksheet
    let reply;
    try {
      const { sheets } = await booted();
      const line = Number.isInteger(data.line) ? data.line : null;
      const text = String(data.text);
      const started = performance.now();
      if (data.view === "page") { // after an edit: the rows that changed since `base`
        reply = JSON.parse(sheets.respond_page_json(text, Number(data.base) || 0,
          String(data.token || ""), data.markdown === true));
      } else if (data.view === "chart") { // once typing pauses: the tornado chart only
        reply = JSON.parse(sheets.respond_chart_json(text, line));
      } else { // everything, for the exports
        reply = JSON.parse(sheets.respond_json(text, line));
      }
      reply.workerMs = performance.now() - started; // for the bench: Python's share
    } catch (error) {
      reply = { lines: [], constants: [], error: failure(error) };
    }
    self.postMessage({ type: "sheet", id: data.id, ...reply });
  }
  if (data.type === "try") { // "Try it first" on a design page: sysdesign_core.worksheet.attempt
    let reply;
    try {
      const { py } = await booted();
      const attempt = py.pyimport("sysdesign_core.worksheet.attempt");
      reply = JSON.parse(attempt.respond_json(String(data.text),
        JSON.stringify(data.assumptions || {}), JSON.stringify(data.answers || {})));
    } catch (error) {
      reply = { figures: [], assumptions: [], error: failure(error) };
    }
    self.postMessage({ type: "try", id: data.id, ...reply });
  }
  if (data.type === "drill") { // practice/drills.md: same runtime, sysdesign_core.drills
    let reply;
    try {
      const { py } = await booted();
      const drills = py.pyimport("sysdesign_core.drills");
      reply = JSON.parse(drills.respond_json(String(data.seed), JSON.stringify(data.answers)));
    } catch (error) {
      reply = { ok: false, error: failure(error) };
    }
    self.postMessage({ type: "drill", id: data.id, ...reply });
  }
}

/** @param {string} calc  its chart and links, if still to come, are not drawn */
function cancelChart(calc) {
  clearTimeout(pendingCharts.get(calc)?.timer);
  pendingCharts.delete(calc);
}

/**
 * The links, then the chart (if ``chart``), of the run ``id`` once typing paused: each step
 * lets a run that came meanwhile go first, and stops there (the page then gets what was done).
 * @param {{timer: ReturnType<typeof setTimeout>}} job
 * @param {string} calc
 * @param {number} id
 * @param {string} inputs  JSON
 * @param {boolean} chart
 */
async function drawLater(job, calc, id, inputs, chart) {
  const current = () => pendingCharts.get(calc) === job;
  await afterQueuedMessages();
  if (!current()) return;
  // Announced first, so that the page can stop a chart that never ends.
  self.postMessage({ type: "chart-start", chartFor: id });
  // An ok reply: the runtime has booted.
  const python = await /** @type {Promise<Booted>} */ (runtime);
  /** @type {{sheet?: string, onward?: object}} */
  let links = {};
  let svg = "";
  try {
    links = JSON.parse(python.widget.extras_json(calc, inputs, false));
    if (chart) {
      await afterQueuedMessages();
      if (current()) svg = python.widget.chart_json(calc, inputs);
    }
  } catch {
    // no chart for these inputs: the numbers are shown, the old chart stays
  }
  if (current()) pendingCharts.delete(calc);
  self.postMessage({ type: "chart", chartFor: id, svg, links: { sheet: links.sheet, onward: links.onward } });
}

/**
 * One line for a reader: the last line of a Python traceback, at most 120 characters.
 * @param {unknown} error
 */
function failure(error) {
  const text = (error ? reasonOf(error) : "").trim();
  const last = text.split("\n").filter(Boolean).pop() || "an unexpected error";
  const short = last.length > 120 ? `${last.slice(0, 117)}…` : last;
  return `These inputs could not be computed (${short}). Change a value to try again.`;
}
