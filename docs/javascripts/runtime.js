// @ts-check
// The calculator runtime on the page side: one module Web Worker (calc-worker.js) runs
// sysdesign_core in Pyodide, started once per page session and shared by every user on the page
// (the calculator forms, calculators.js; the drills; "Try it first"; the worksheet). This module
// owns the message plumbing: requests with ids, replies, timeouts, and a restart from the kept
// snapshot when a request hangs. Its users call request() and never postMessage, and insert
// the charts the worker draws through safeChart().
// Pages without a calculator never start the worker, so they fetch no Pyodide byte. Where the
// reader saves data, the connection is slow or the screen is a phone's (window.sdRuntimeWait,
// overrides/main.html), it starts at the reader's first edit (firstEdit) instead of with the page.
// Importing this module starts nothing: startRuntime() does.

const LOAD_TIMEOUT_MS = 60000;
// A run (or a chart) that takes longer than this is abandoned: the worker is terminated and a
// new one boots from the kept snapshot. Runs take ~10 ms; only a runaway computation gets here.
export const RUN_TIMEOUT_MS = 2000;
export const TOO_LONG = "This took too long to compute (over 2 s), so it was stopped. Try a smaller value.";
const RESTART_FAILED = "The calculator runtime stopped and could not restart: reload the page to try again.";

/**
 * A worker's reply to a request. Its fields depend on the request's type (calc-worker.js has
 * the protocol); these are the ones every reply may carry.
 * @typedef {{ok?: boolean, timedOut?: boolean, error?: string, errors?: Record<string, string>,
 *   [field: string]: any}} Reply
 */

/**
 * Where the chart and links that follow a run go, once typing pauses: one per form, kept
 * across its runs (only the latest run of a sink draws them).
 * @typedef {object} ChartSink
 * @property {(svg: string, links: CalcLinks) => void} draw  the chart's markup ("" for none),
 *   untrusted (safeChart), and what the result links to
 * @property {() => void} tooSlow  the chart hung: the worker was restarted without it
 */

/**
 * @typedef {object} Pending  a request waiting for its reply
 * @property {(reply: Reply) => void} done
 * @property {() => void} retry  ask again, of a new worker
 */

/**
 * @typedef {object} Runtime
 * @property {Worker} worker
 * @property {Promise<boolean>} ready  false: the runtime could not (re)start
 * @property {Map<number, Pending>} pending
 * @property {Map<number, ChartSink>} charts  by the id of the run whose chart is to come
 * @property {number} next  the last request id
 * @property {string} reason  why the worker failed to boot
 * @property {ReturnType<typeof setTimeout>} [chartTimer]
 */

/** @type {Runtime | null} */
let runtime = null;
// What waits for the runtime to start (firstEdit): everything starts with the first of them.
/** @type {Set<(event?: Event) => void>} */
const waiting = new Set();

/**
 * Why the runtime waits for a first edit ("save-data", "slow", "small"), or "" to start it now
 * (also once it has started, for this page session).
 * @returns {string}
 */
export function runtimeWaits() {
  return runtime || !window.sdRuntimeWait ? "" : window.sdRuntimeWait();
}

/**
 * "about 9 MB": what starting the runtime downloads (measured by the build), or "".
 * @returns {string}
 */
export function downloadSize() {
  /** @type {HTMLMetaElement | null} */
  const meta = document.querySelector('meta[name="sd-runtime"]');
  const bytes = Number(meta?.dataset.downloadSize);
  return bytes > 0 ? `about ${Math.max(1, Math.round(bytes / 1e6))} MB` : "";
}

/**
 * The status while the runtime waits: "The calculator starts when you edit a value (…)."
 * @param {string} [what]
 * @param {string} [edit]
 * @returns {string}
 */
export function waitingStatus(what = "The calculator", edit = "edit a value") {
  const size = downloadSize();
  return `${what} starts when you ${edit}${size ? ` (${size} to download)` : ""}.`;
}

/**
 * Resolves at the reader's first focus or edit inside ``element``, or as soon as anything else
 * starts the runtime (another form on the page, the worksheet).
 * @param {HTMLElement} element
 * @returns {Promise<void>}
 */
export function firstEdit(element) {
  return new Promise((resolve) => {
    /** @param {Event} [event] */
    const go = (event) => {
      const target = /** @type {Element | null} */ (event?.target ?? null);
      if (event && event.type === "click" && !target?.closest?.('[data-action="start"]')) return;
      for (const type of ["focusin", "input", "change", "click"]) element.removeEventListener(type, go);
      waiting.delete(go);
      resolve();
    };
    for (const type of ["focusin", "input", "change", "click"]) element.addEventListener(type, go);
    waiting.add(go);
  });
}

/**
 * The worker's "init" message, from the page's <meta name="sd-runtime"> (overrides/main.html
 * builds the same one for the early start).
 * @returns {Record<string, unknown>}
 */
function runtimeConfig() {
  const meta = /** @type {HTMLMetaElement} */ (document.querySelector('meta[name="sd-runtime"]'));
  /** @param {string | undefined} path */
  const url = (path) => path && new URL(path, document.baseURI).href;
  let files = {};
  try {
    files = JSON.parse(meta.dataset.pyodideFiles || "{}");
  } catch {
    // no pins: the worker refuses to fetch an unpinned file, and the form stays static
  }
  return {
    pyodide: meta.dataset.pyodide,
    integrity: meta.dataset.pyodideIntegrity,
    files,
    lock: meta.dataset.pyodideLock,
    core: url(meta.dataset.core),
    stdlib: url(meta.dataset.stdlib),
    snapshot: url(meta.dataset.snapshot),
    snapshotSize: Number(meta.dataset.snapshotSize) || 0,
    snapshotHead: meta.dataset.snapshotHead || "",
    snapshotSha256: meta.dataset.snapshotSha256 || "",
  };
}

/**
 * Starts the runtime, once per page session (later calls return the same one); whatever waited
 * for a first edit starts too.
 * @returns {Runtime}
 */
export function startRuntime() {
  if (runtime) return runtime;
  // worker and ready are set by attach().
  runtime = /** @type {Runtime} */ ({ pending: new Map(), charts: new Map(), next: 0, reason: "" });
  // On a calculator page the worker was started from <head> (overrides/main.html): adopted.
  attach(runtime, window.sdCalcWorker || null);
  for (const go of [...waiting]) go(); // whatever waited for a first edit starts too
  return runtime;
}

/**
 * Starts the runtime again after it could not load (the reader's "Try again"): a new worker.
 * @returns {Runtime}
 */
export function retryRuntime() {
  if (!runtime) return startRuntime();
  runtime.worker.terminate();
  runtime.reason = "";
  return attach(runtime, null);
}

/**
 * Adopts `early` (or starts a new worker) as the runtime's worker, with a fresh `ready`.
 * @param {Runtime} rt  the runtime (the module's, or the one being created)
 * @param {EarlyWorker | null} early
 * @returns {Runtime}
 */
function attach(rt, early) {
  const worker = early || new Worker(new URL("calc-worker.js", import.meta.url), { type: "module" });
  /** @type {(ok: boolean) => void} */
  let settle = () => {};
  /** @type {boolean | null} */
  let verdict = null;
  rt.ready = new Promise((resolve) => { settle = (ok) => { verdict ??= ok; resolve(ok); }; });
  const timer = setTimeout(() => settle(false), LOAD_TIMEOUT_MS);
  /** @param {MessageEvent} event */
  const onMessage = ({ data }) => {
    if (worker !== rt.worker) return; // the last words of a terminated worker
    if (data.type === "ready") {
      // How the worker booted ("snapshot" or "plain", and why it fell back): for the bench
      // and the tests; never printed, a fallback is not an error.
      window.sdRuntime = {
        boot: data.boot, snapshotFrom: data.snapshotFrom, fallback: data.fallback,
        at: Object.fromEntries(Object.entries(data.ms).map(([k, v]) => [k, v - performance.timeOrigin])),
      };
      // The URLs the worker fetched, for offline.js to hand to the service worker.
      window.sdRuntimeUrls = data.urls || [];
      clearTimeout(timer);
      // Ready after all, past LOAD_TIMEOUT_MS (a slow network): from now on requests are
      // answered, and the forms said offline go live (sd:runtime-ready).
      if (verdict === false) rt.ready = Promise.resolve(true);
      settle(true);
      document.dispatchEvent(new CustomEvent("sd:runtime-ready",
        { detail: { urls: window.sdRuntimeUrls } }));
    }
    else if (data.type === "failed") { clearTimeout(timer); rt.reason = data.reason; settle(false); }
    else if (data.type === "chart-start") { // a chart that never ends is stopped too
      clearTimeout(rt.chartTimer);
      const sink = rt.charts.get(data.chartFor);
      rt.chartTimer = setTimeout(() => {
        restart(rt);
        sink?.tooSlow();
      }, RUN_TIMEOUT_MS);
    }
    else if (data.type === "chart") { // drawn after the numbers, once typing paused
      clearTimeout(rt.chartTimer);
      const sink = rt.charts.get(data.chartFor);
      rt.charts.delete(data.chartFor);
      sink?.draw(data.svg || "", data.links || {});
    }
    else if (data.id !== undefined) { // a reply to a request
      const entry = rt.pending.get(data.id);
      rt.pending.delete(data.id);
      if (entry) entry.done(data);
    }
  };
  /** @param {ErrorEvent} event */
  const onError = (event) => {
    event.preventDefault();
    if (worker !== rt.worker) return;
    clearTimeout(timer);
    settle(false);
    // A worker that dies after it was ready: whatever was asked gets an answer.
    for (const { done } of rt.pending.values()) done({ ok: false, errors: { "": RESTART_FAILED } });
    rt.pending.clear();
  };
  worker.onmessage = onMessage;
  worker.onerror = onError;
  rt.worker = worker;
  window.sdCalcWorker = worker;
  if (early) {
    for (const said of early.sdEarly || []) {
      if (said[0] === "message") onMessage(said[1]);
      else onError(said[1]);
    }
    delete early.sdEarly;
  } else {
    worker.postMessage({ type: "init", ...runtimeConfig() });
  }
  return rt;
}

/**
 * Abandons the worker (a run or a chart that does not end) and boots a new one, which restores
 * the snapshot kept in Cache Storage. The request that hung (``culprit``; none when a chart
 * hung) is answered as timed out; the others were only queued behind it, and are asked again
 * of the new worker.
 * @param {Runtime} rt
 * @param {number | null} [culprit]
 */
function restart(rt, culprit = null) {
  clearTimeout(rt.chartTimer);
  rt.worker.terminate();
  const queued = [...rt.pending];
  rt.pending.clear();
  rt.charts.clear();
  attach(rt, null);
  for (const [id, entry] of queued) {
    if (id === culprit) entry.done({ ok: false, timedOut: true, error: TOO_LONG });
    else entry.retry();
  }
}

/**
 * Tells the worker what this page will ask of it, so that it can run that while idle before
 * the reader does (calc-worker.js, warmUp): {calc, inputs, chart} for a form, {sheet} for the
 * worksheet. No reply. Call startRuntime() first.
 * @param {{[field: string]: unknown}} message
 */
export async function warm(message) {
  const rt = /** @type {Runtime} */ (runtime);
  if (await rt.ready) rt.worker.postMessage({ ...message, type: "warm" });
}

/**
 * Post ``message`` with a fresh id once the runtime is ready; resolves with the worker's reply
 * to it. Always resolves: a reply that takes over RUN_TIMEOUT_MS is abandoned (the worker is
 * restarted) and resolves as {ok: false, timedOut: true}, while requests queued behind it are
 * asked again of the new worker; a runtime that cannot (re)start resolves as
 * {ok: false, errors: {"": why}}. ``chart``: where the chart this run draws goes.
 * Call startRuntime() first.
 * @param {{type: string, [field: string]: unknown}} message
 * @param {ChartSink | null} [chart]
 * @returns {Promise<Reply>}
 */
export async function request(message, chart = null) {
  const rt = /** @type {Runtime} */ (runtime);
  if (!(await rt.ready)) return { ok: false, errors: { "": RESTART_FAILED }, error: RESTART_FAILED };
  const id = ++rt.next;
  return new Promise((resolve) => {
    /** @type {Pending} */
    const entry = {
      done: (reply) => { clearTimeout(timer); resolve(reply); },
      retry: () => { clearTimeout(timer); request(message, chart).then(resolve); },
    };
    const timer = setTimeout(() => {
      if (rt.pending.get(id) === entry) restart(rt, id);
    }, RUN_TIMEOUT_MS);
    rt.pending.set(id, entry);
    if (chart) { // only the latest run of a form draws its chart
      for (const [old, sink] of rt.charts) if (sink === chart) rt.charts.delete(old);
      rt.charts.set(id, chart);
    }
    rt.worker.postMessage({ ...message, id });
  });
}

// --- what the worker draws: untrusted markup, made safe to insert ----------------------------

const SVG_NS = "http://www.w3.org/2000/svg";
const HTML_NS = "http://www.w3.org/1999/xhtml";
// SVG elements that run script, embed other documents, load files or change attributes over
// time; every other SVG element is kept.
const SVG_UNSAFE = new Set(["script", "foreignobject", "iframe", "object", "embed", "handler",
  "listener", "animate", "animatemotion", "animatetransform", "set", "discard", "image", "a",
  "feimage"]);
// The HTML a chart may carry around its SVG (a caption with the numbers as a table).
const HTML_SAFE = new Set(["figcaption", "details", "summary", "table", "caption", "thead",
  "tbody", "tfoot", "tr", "th", "td", "colgroup", "col", "p", "div", "span", "strong", "em", "b",
  "i", "small", "abbr", "br", "ul", "ol", "li", "code", "sub", "sup"]);
const LINK_ATTRIBUTE = /^(?:href|src|xlink:href|action|formaction|srcset|background|poster|data)$/;
const FETCHES = /url\s*\(|@import|expression\s*\(|javascript:/i;

/**
 * A chart's markup (an SVG and its caption) as a fragment safe to insert, or null. It comes
 * from the worker (a calculator's chart, the worksheet's tornado), so it is treated as
 * untrusted: parsed in an inert document (nothing runs or loads there), then only known-safe
 * elements and attributes are carried over: no script, no event handler, no link other than
 * to a "#fragment" of the chart, no style that fetches.
 * @param {unknown} markup
 * @returns {DocumentFragment | null}
 */
export function safeChart(markup) {
  if (typeof markup !== "string" || !markup) return null;
  const body = new DOMParser().parseFromString(markup, "text/html").body;
  for (const el of [...body.querySelectorAll("*")]) {
    const name = el.localName.toLowerCase();
    const keep = el.namespaceURI === SVG_NS ? !SVG_UNSAFE.has(name)
      : el.namespaceURI === HTML_NS && HTML_SAFE.has(name);
    if (!keep || (name === "style" && FETCHES.test(el.textContent || ""))) {
      el.remove();
      continue;
    }
    for (const { name: attribute, value } of [...el.attributes]) {
      const lower = attribute.toLowerCase();
      const link = LINK_ATTRIBUTE.test(lower) || lower.endsWith(":href");
      if (lower.startsWith("on") || (link && !value.trim().startsWith("#"))
          || (FETCHES.test(value) && !/^url\(#[\w-]+\)$/.test(value.trim()))) {
        el.removeAttribute(attribute);
      }
    }
  }
  if (!body.querySelector("svg")) return null;
  const fragment = document.createDocumentFragment();
  for (const node of [...body.childNodes]) fragment.append(document.importNode(node, true));
  return fragment;
}
