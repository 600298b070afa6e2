// Progressive enhancement for sysdesign pages (an ES module, loaded once per session).
// - Calculator forms (form.sd-calc) go live: one module Web Worker runs sysdesign_core in
//   Pyodide and every edit recomputes through the same run() as the build and the CLI.
// - Catalog tables with facets get their filter checkboxes.
// Pages without a calculator never start the worker, so they fetch no Pyodide byte. Where the
// reader saves data, the connection is slow or the screen is a phone's (window.sdRuntimeWait,
// overrides/main.html), the worker starts at the reader's first edit instead of with the page.
// Everything hangs off Material's document$, so it survives instant navigation.

const LOAD_TIMEOUT_MS = 60000;
// A run (or a chart) that takes longer than this is abandoned: the worker is terminated and a
// new one boots from the kept snapshot. Runs take ~10 ms; only a runaway computation gets here.
export const RUN_TIMEOUT_MS = 2000;
const STATUS = {
  loading: "Loading the calculator runtime… the results below were computed when the page was built.",
  live: "Live: results update as you type.",
  offline: "The calculator runtime could not load, so editing is off. The results below were computed when the page was built for the default inputs.",
  stale: "Not updated: these results are for the last valid inputs. Correct the marked value to update them.",
  staleDefaults: "Not updated: these results are for the default inputs (computed when the page was built). Correct the marked value to update them.",
  slow: "That took too long (over 2 s), so it was stopped and the calculator restarted. These results are for the last valid inputs: change a value to try again.",
  chartSlow: "Live: results update as you type. The chart took too long to draw (over 2 s) and was skipped.",
};
// Said next to the results while they are the build's, for inputs other than those on screen
// (a shared link, or an edit before the runtime is live), by the form's state.
const SHOWN_UNTIL = {
  static: "They are computed when the calculator starts.",
  loading: "They update when the calculator is live.",
  offline: "",
};
// The same, short, on the results pinned to a phone's screen (CSS shows it, data-pinned).
const PINNED = {
  static: "For the default inputs: edit a value to compute these",
  loading: "For the default inputs until the calculator is live",
  offline: "For the default inputs: the calculator could not load",
};
const TOO_LONG = "This took too long to compute (over 2 s), so it was stopped. Try a smaller value.";
const RESTART_FAILED = "The calculator runtime stopped and could not restart: reload the page to try again.";

// {worker, ready: Promise<boolean>, pending: Map<id, {done, retry}>, charts: Map<id, form>,
// next, reason, chartTimer}
let runtime = null;
// What waits for the runtime to start (firstEdit): everything starts with the first of them.
const waiting = new Set();

// Why the runtime waits for a first edit ("save-data", "slow", "small"), or "" to start it now
// (also once it has started, for this page session).
export function runtimeWaits() {
  return runtime || !window.sdRuntimeWait ? "" : window.sdRuntimeWait();
}

// "about 9 MB": what starting the runtime downloads (measured by the build), or "".
export function downloadSize() {
  const bytes = Number(document.querySelector('meta[name="sd-runtime"]')?.dataset.downloadSize);
  return bytes > 0 ? `about ${Math.max(1, Math.round(bytes / 1e6))} MB` : "";
}

// The status while the runtime waits: "The calculator starts when you edit a value (…)."
export function waitingStatus(what = "The calculator", edit = "edit a value") {
  const size = downloadSize();
  return `${what} starts when you ${edit}${size ? ` (${size} to download)` : ""}.`;
}

// Resolves at the reader's first focus or edit inside ``element``, or as soon as anything else
// starts the runtime (another form on the page, the worksheet).
export function firstEdit(element) {
  return new Promise((resolve) => {
    const go = (event) => {
      if (event && event.type === "click" && !event.target.closest?.('[data-action="start"]')) return;
      for (const type of ["focusin", "input", "change", "click"]) element.removeEventListener(type, go);
      waiting.delete(go);
      resolve();
    };
    for (const type of ["focusin", "input", "change", "click"]) element.addEventListener(type, go);
    waiting.add(go);
  });
}

function runtimeConfig() {
  const meta = document.querySelector('meta[name="sd-runtime"]');
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

// Exported for drills.js, so the drills share this one worker (and its snapshot boot).
export function startRuntime() {
  if (runtime) return runtime;
  runtime = { worker: null, ready: null, pending: new Map(), charts: new Map(), next: 0, reason: "" };
  // On a calculator page the worker was started from <head> (overrides/main.html).
  attach(window.sdCalcWorker || null);
  for (const go of [...waiting]) go(); // whatever waited for a first edit starts too
  return runtime;
}

// Starts the runtime again after it could not load (the reader's "Try again"): a new worker.
function retryRuntime() {
  if (!runtime) return startRuntime();
  runtime.worker.terminate();
  runtime.reason = "";
  attach(null);
  return runtime;
}

// Adopts `early` (or starts a new worker) as the runtime's worker, with a fresh `ready`.
function attach(early) {
  const worker = early || new Worker(new URL("calc-worker.js", import.meta.url), { type: "module" });
  let settle;
  let verdict = null;
  runtime.ready = new Promise((resolve) => { settle = (ok) => { verdict ??= ok; resolve(ok); }; });
  const timer = setTimeout(() => settle(false), LOAD_TIMEOUT_MS);
  const onMessage = ({ data }) => {
    if (worker !== runtime.worker) return; // the last words of a terminated worker
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
      // answered, and the forms said offline go live (sd:runtime-ready, below).
      if (verdict === false) runtime.ready = Promise.resolve(true);
      settle(true);
      document.dispatchEvent(new CustomEvent("sd:runtime-ready",
        { detail: { urls: window.sdRuntimeUrls } }));
    }
    else if (data.type === "failed") { clearTimeout(timer); runtime.reason = data.reason; settle(false); }
    else if (data.type === "chart-start") { // a chart that never ends is stopped too
      clearTimeout(runtime.chartTimer);
      const form = runtime.charts.get(data.chartFor);
      runtime.chartTimer = setTimeout(() => {
        restart();
        if (form && form.isConnected && !form.dataset.stale) setStatus(form, STATUS.chartSlow);
      }, RUN_TIMEOUT_MS);
    }
    else if (data.type === "chart") { // drawn after the numbers, once typing paused
      clearTimeout(runtime.chartTimer);
      const form = runtime.charts.get(data.chartFor);
      runtime.charts.delete(data.chartFor);
      if (form) showChart(form, data.svg);
    }
    else if (data.id !== undefined) { // a reply to a "run" or "drill" request
      const entry = runtime.pending.get(data.id);
      runtime.pending.delete(data.id);
      if (entry) entry.done(data);
    }
  };
  const onError = (event) => {
    event.preventDefault();
    if (worker !== runtime.worker) return;
    clearTimeout(timer);
    settle(false);
    // A worker that dies after it was ready: whatever was asked gets an answer.
    for (const { done } of runtime.pending.values()) done({ ok: false, errors: { "": RESTART_FAILED } });
    runtime.pending.clear();
  };
  worker.onmessage = onMessage;
  worker.onerror = onError;
  runtime.worker = worker;
  window.sdCalcWorker = worker;
  if (early) {
    for (const [kind, event] of early.sdEarly || []) (kind === "message" ? onMessage : onError)(event);
    delete early.sdEarly;
  } else {
    worker.postMessage({ type: "init", ...runtimeConfig() });
  }
}

// Abandons the worker (a run or a chart that does not end) and boots a new one, which restores
// the snapshot kept in Cache Storage. The request that hung (``culprit``; none when a chart
// hung) is answered as timed out; the others were only queued behind it, and are asked again
// of the new worker.
function restart(culprit = null) {
  clearTimeout(runtime.chartTimer);
  runtime.worker.terminate();
  const waiting = [...runtime.pending];
  runtime.pending.clear();
  runtime.charts.clear();
  attach(null);
  for (const [id, entry] of waiting) {
    if (id === culprit) entry.done({ ok: false, timedOut: true, error: TOO_LONG });
    else entry.retry();
  }
}

// Post ``message`` with a fresh id once the runtime is ready; resolves with the worker's reply
// to it. Always resolves: a reply that takes over RUN_TIMEOUT_MS is abandoned (the worker is
// restarted) and resolves as {ok: false, timedOut: true}, while requests queued behind it are
// asked again of the new worker; a runtime that cannot (re)start
// resolves as {ok: false, errors: {"": why}}. ``chartFor``: the form whose chart this run draws.
export async function request(message, chartFor = null) {
  if (!(await runtime.ready)) return { ok: false, errors: { "": RESTART_FAILED }, error: RESTART_FAILED };
  const id = ++runtime.next;
  return new Promise((resolve) => {
    const entry = {
      done: (reply) => { clearTimeout(timer); resolve(reply); },
      retry: () => { clearTimeout(timer); request(message, chartFor).then(resolve); },
    };
    const timer = setTimeout(() => {
      if (runtime.pending.get(id) === entry) restart(id);
    }, RUN_TIMEOUT_MS);
    runtime.pending.set(id, entry);
    if (chartFor) { // only the latest run of a form draws its chart
      for (const [old, form] of runtime.charts) if (form === chartFor) runtime.charts.delete(old);
      runtime.charts.set(id, chartFor);
    }
    runtime.worker.postMessage({ ...message, id });
  });
}

function compute(form, inputs) {
  const chart = Boolean(form.querySelector(".sd-calc__chart"));
  return request({ type: "run", calc: form.dataset.calc, inputs, chart }, chart ? form : null);
}

// --- URL state: the first form on a page uses bare names, the others "calc.name" ---------

function paramName(form, name) {
  return form.dataset.urlPrefix ? `${form.dataset.urlPrefix}.${name}` : name;
}

function fields(form) {
  return [...form.querySelectorAll("input[name], select[name]")];
}

function readInputs(form) {
  return Object.fromEntries(fields(form).map((el) => [el.name, el.value]));
}

function restoreFromUrl(form) {
  const params = new URLSearchParams(location.search);
  let changed = false;
  for (const el of fields(form)) {
    const value = params.get(paramName(form, el.name));
    if (value !== null && value !== el.value) { el.value = value; changed = true; }
  }
  return changed;
}

function writeUrl(form) {
  // A reply that lands after a link was followed must not write this form's values into
  // the next page's address: instant navigation changes the URL before it swaps the page.
  if (!form.isConnected || location.pathname !== form._path) return;
  const params = new URLSearchParams(location.search);
  const defaults = JSON.parse(form.dataset.defaults);
  for (const el of fields(form)) {
    const key = paramName(form, el.name);
    if (el.value === defaults[el.name]) params.delete(key);
    else params.set(key, el.value);
  }
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) {
    history.replaceState(history.state, "", url);
  }
}

// --- showing results and errors ----------------------------------------------------------

// The input's error box: the id in its aria-describedby that ends in "-error".
function errorBox(form, el) {
  const id = (el.getAttribute("aria-describedby") || "").split(/\s+/).find((ref) => ref.endsWith("-error"));
  return form.querySelector(`#${CSS.escape(id || `${el.id}-error`)}`);
}

function showErrors(form, errors) {
  for (const el of fields(form)) {
    const box = errorBox(form, el);
    const message = errors[el.name];
    if (message) {
      el.setAttribute("aria-invalid", "true");
      if (box.textContent !== message) box.textContent = message;
      box.hidden = false;
      // On a phone the pinned results could cover the message under the field being typed
      // in: bring it above them (its scroll-margin-bottom clears the panel; CSS).
      if (el === document.activeElement) box.scrollIntoView({ block: "nearest" });
    } else if (el.hasAttribute("aria-invalid")) {
      el.removeAttribute("aria-invalid");
      box.textContent = "";
      box.hidden = true;
    }
  }
}

// How each input was read (`= 1.5%`), next to it; an input without a reading (a bad value)
// shows none. A reply without readings leaves them as they are.
function showReadings(form, readings) {
  if (!readings) return;
  for (const el of fields(form)) {
    const reading = form.querySelector(`#${CSS.escape(`${el.id}-reading`)}`)
      || el.closest(".sd-calc__field")?.querySelector(".sd-calc__reading");
    if (!reading) continue;
    const text = readings[el.name] || "";
    if (reading.textContent !== text) reading.textContent = text;
    reading.hidden = !text;
  }
}

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

// The chart's markup (an SVG and its caption) as a fragment safe to insert, or null. It comes
// from the worker, so it is treated as untrusted: parsed in an inert document (nothing runs or
// loads there), then only known-safe elements and attributes are carried over: no script, no
// event handler, no link other than to a "#fragment" of the chart, no style that fetches.
export function safeChart(markup) {
  if (typeof markup !== "string" || !markup) return null;
  const body = new DOMParser().parseFromString(markup, "text/html").body;
  for (const el of [...body.querySelectorAll("*")]) {
    const name = el.localName.toLowerCase();
    const keep = el.namespaceURI === SVG_NS ? !SVG_UNSAFE.has(name)
      : el.namespaceURI === HTML_NS && HTML_SAFE.has(name);
    if (!keep || (name === "style" && FETCHES.test(el.textContent))) {
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

function showChart(form, svg) {
  const figure = form.querySelector(".sd-calc__chart");
  // Compare with the last SVG set, not the figure's markup (serialising the chart every time).
  if (!figure || !svg || figure._svg === svg) return;
  const chart = safeChart(svg);
  if (!chart) return;
  figure.replaceChildren(chart);
  figure._svg = svg;
}

function showResult(form, result) {
  for (const [name, output] of Object.entries(result.outputs)) {
    const el = form.querySelector(`output[name="${name}"]`);
    if (el && el.textContent !== output.text) el.textContent = output.text;
  }
  // Other scripts (onward links, simulators) listen for this instead of patching this file.
  form.dispatchEvent(new CustomEvent("sd:result", { detail: result, bubbles: true }));
}

function setStatus(form, text) {
  const status = form.querySelector(".sd-calc__status");
  if (status && status.textContent !== text) status.textContent = text;
}

function setState(form, state, extra = "") {
  form.dataset.state = state;
  setStatus(form, extra ? `${STATUS[state]} (${extra})` : STATUS[state]);
}

// While any input is bad (or a run was stopped), the results belong to the last valid inputs:
// the form says so (data-stale, the contract), the results are dimmed (CSS) and the status
// explains. ``why``: the status text, or "" once every input is good again.
function markStale(form, why) {
  if (why) {
    form.dataset.stale = "true";
    setStatus(form, why);
  } else if (form.dataset.stale) {
    delete form.dataset.stale;
    setStatus(form, STATUS.live);
  } else if (form.dataset.state === "live") {
    setStatus(form, STATUS.live);
  }
}

function showReply(form, reply) {
  // Until a first valid reply, the results on screen are the build's, for the defaults.
  const stale = form._current ? STATUS.stale : STATUS.staleDefaults;
  // From the first reply on, the results follow the inputs, or the status says they do not.
  showShown(form, false);
  if (reply.ok) {
    form._current = true;
    showErrors(form, {});
    showResult(form, reply.result);
    showReadings(form, reply.readings);
    markStale(form, "");
    return;
  }
  if (reply.timedOut) {
    const name = form._edited && fields(form).some((el) => el.name === form._edited) ? form._edited : "";
    showErrors(form, name ? { [name]: TOO_LONG } : {});
    markStale(form, STATUS.slow);
    return;
  }
  const errors = reply.errors || {};
  showErrors(form, errors);
  showReadings(form, reply.readings);
  // A general error (name "", or one for no input on this form) goes in the status line.
  const general = Object.entries(errors)
    .filter(([name]) => !fields(form).some((el) => el.name === name))
    .map(([, message]) => message);
  markStale(form, general.length ? `${general.join(" ")} ${stale}` : stale);
}

// Coalesce edits: at most one request in flight per form; the latest values win. No timer,
// so a result lands as soon as Python has it and typing is never blocked. Every request gets a
// reply (request() times out), and the busy flag is reset whatever happens.
async function recompute(form) {
  if (form.dataset.state !== "live") return;
  if (form._busy) { form._again = true; return; }
  form._busy = true;
  try {
    do {
      form._again = false;
      const inputs = readInputs(form);
      const reply = await compute(form, inputs);
      if (form._again) continue;
      showReply(form, reply);
      writeUrl(form);
    } while (form._again);
  } catch {
    markStale(form, STATUS.stale); // never expected: still, the form stays usable
  } finally {
    form._busy = false;
  }
}

// --- actions: copy link, copy as Markdown, reset ------------------------------------------

function markdownOf(form) {
  const rows = [["Input", "Value"], ["---", "---"]];
  for (const el of fields(form)) {
    const label = form.querySelector(`label[for="${CSS.escape(el.id)}"] .sd-calc__label`).textContent;
    rows.push([label, el.value || "(default)"]);
  }
  rows.push(["**Result**", "**Value**"]);
  for (const out of form.querySelectorAll("output")) {
    const label = form.querySelector(`#${CSS.escape(out.getAttribute("aria-labelledby"))}`).textContent;
    rows.push([label, out.textContent]);
  }
  return rows.map((r) => `| ${r.join(" | ")} |`).join("\n") + `\n\n[Open in sysdesign](${location.href})\n`;
}

// Copies `text`, says so on `button` for 2 s (its own label kept across quick repeats), or
// says `failed` (what to do instead). Exported for worksheet.js.
export async function copyText(text, button, failed = "Copy failed: select and copy from the address bar") {
  const original = button.dataset.label || (button.dataset.label = button.textContent);
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = failed;
  }
  setTimeout(() => { button.textContent = original; }, 2000);
}

// --- before the runtime is live: which inputs the results on screen are not for -----------

function labelOf(form, el) {
  return form.querySelector(`label[for="${CSS.escape(el.id)}"] .sd-calc__label`)?.textContent || el.name;
}

// The inputs whose value is not the one the build computed the results on screen for.
function differing(form) {
  const built = JSON.parse(form.dataset.defaults || "{}");
  return fields(form).filter((el) => el.name in built && el.value !== built[el.name]);
}

// While the results are the build's but the inputs say otherwise (a shared link, or an edit
// made before the runtime is live), the form says so beside the results (data-shown, the note,
// dimmed numbers; CSS), and hides the readings of those inputs (they read the defaults).
// ``show`` false: the results follow the inputs now, nothing to say. Nothing changes for a
// reader whose inputs are the defaults: no note appears, nothing moves.
function showShown(form, show = true) {
  if (!show && !form.dataset.shown) return; // the usual case, on every live reply
  const note = form.querySelector(".sd-calc__shown");
  const changed = show ? differing(form) : [];
  for (const el of fields(form)) {
    const reading = form.querySelector(`#${CSS.escape(`${el.id}-reading`)}`);
    if (!reading) continue;
    if (changed.includes(el) && !reading.hidden) {
      reading.hidden = true;
      reading.dataset.held = "true";
    } else if (!changed.includes(el) && reading.dataset.held) {
      delete reading.dataset.held;
      reading.hidden = false;
    }
  }
  const panel = form.querySelector(".sd-calc__results > dl");
  if (!changed.length) {
    if (form.dataset.shown) delete form.dataset.shown;
    if (note && !note.hidden) {
      // A reader who pressed "Compute them now" lands on the results they asked for.
      const hadFocus = note.contains(document.activeElement);
      note.hidden = true;
      note.replaceChildren();
      if (hadFocus && panel) { panel.tabIndex = -1; panel.focus({ preventScroll: true }); }
    }
    return;
  }
  form.dataset.shown = "defaults";
  if (panel) panel.dataset.pinned = PINNED[form.dataset.state] || PINNED.loading;
  if (!note) return;
  const built = JSON.parse(form.dataset.defaults || "{}");
  const list = changed.map((el) => `${labelOf(form, el)} ${el.value || "empty"} (default ${built[el.name] || "empty"})`);
  const until = SHOWN_UNTIL[form.dataset.state] ?? SHOWN_UNTIL.loading;
  const text = `These results are for the default inputs, not for the values in the fields: ${list.join(", ")}.${until ? ` ${until}` : ""}`;
  const offer = Boolean(form.dataset.starts);
  if (!note.hidden && note.firstChild?.textContent === text && Boolean(note._offer) === offer) return;
  // The offer's button goes once pressed: the note keeps the focus, not the page's top.
  const hadFocus = note.contains(document.activeElement);
  const parts = [text];
  if (offer) {
    parts.push(" ");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.dataset.action = "start";
    const size = downloadSize();
    button.textContent = `Compute them now${size ? ` (${size})` : ""}`;
    parts.push(button);
  }
  note.replaceChildren(...parts);
  note._offer = offer;
  note.hidden = false;
  if (hadFocus && !offer) note.focus();
}

// The inputs are read-only while the runtime cannot run (editing would change nothing), with
// a note saying why next to them; they become editable when it loads. A select has no
// read-only state: it says it is (aria-readonly) and keeps its value (edited, below); disabled
// it would lose the keyboard focus.
function lock(form, locked) {
  for (const el of fields(form)) {
    if (el.localName !== "select") el.readOnly = locked;
    else if (locked) { el.setAttribute("aria-readonly", "true"); el._locked = el.value; }
    else { el.removeAttribute("aria-readonly"); delete el._locked; }
  }
  const note = form.querySelector(".sd-calc__locked");
  if (note) note.hidden = !locked;
}

function goLive(form) {
  if (form.dataset.state === "live") return;
  lock(form, false);
  setState(form, "live");
  form.querySelector(".sd-calc__actions").hidden = false;
  recompute(form);
}

// The form waits for the runtime (started now, or by the reader's first edit): loading, then
// live, or offline with its inputs read-only.
function startForm(form) {
  delete form.dataset.starts;
  const results = form.querySelector(".sd-calc__results");
  if (form.dataset.shown) results.setAttribute("aria-busy", "true");
  setState(form, "loading");
  showShown(form);
  startRuntime().ready.then((ok) => {
    results.removeAttribute("aria-busy");
    if (!form.isConnected || form.dataset.state === "live") return;
    if (ok) { goLive(form); return; }
    setState(form, "offline");
    lock(form, true);
    showShown(form);
  });
}

// Ready after all (past the load timeout) or after "Try again": every form said offline goes
// live.
document.addEventListener("sd:runtime-ready", () => {
  for (const form of document.querySelectorAll('form.sd-calc[data-state="offline"]')) goLive(form);
});

function enhanceForm(form, index) {
  if (form.dataset.enhanced) return;
  form.dataset.enhanced = "true";
  form._path = location.pathname; // the page whose address this form keeps (writeUrl)
  if (index > 0) form.dataset.urlPrefix = form.dataset.calc;
  form.addEventListener("submit", (event) => { event.preventDefault(); recompute(form); });
  const edited = (event) => {
    const el = event.target;
    if (el._locked !== undefined && el.value !== el._locked) { el.value = el._locked; return; }
    if (el.name) form._edited = el.name;
    if (form.dataset.state !== "live") showShown(form); // edits before the runtime is live
    recompute(form);
  };
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("reset", () => setTimeout(() => recompute(form), 0));
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    if (button.dataset.action === "copy-link") copyText(location.href, button);
    if (button.dataset.action === "copy-markdown") copyText(markdownOf(form), button);
    if (button.dataset.action === "retry") {
      retryRuntime();
      for (const other of document.querySelectorAll('form.sd-calc[data-state="offline"]')) startForm(other);
    }
  });
  restoreFromUrl(form);
  // A shared link on a phone is opened for its results: it starts the runtime at once, unless
  // the reader saves data or the connection is slow (then the note offers to).
  const wait = runtimeWaits();
  if (!wait || (wait === "small" && differing(form).length)) {
    startForm(form);
    return;
  }
  form.dataset.starts = "on-edit";
  setStatus(form, `${waitingStatus()} Until then the results below are the ones computed when the page was built.`);
  showShown(form);
  firstEdit(form).then(() => { if (form.isConnected) startForm(form); });
}

// --- catalog table filters ----------------------------------------------------------------

function enhanceTable(box) {
  const fieldset = box.querySelector(".sd-filter");
  if (!fieldset || box.dataset.enhanced) return;
  box.dataset.enhanced = "true";
  const rows = [...box.querySelectorAll("tbody tr")];
  const count = fieldset.querySelector(".sd-filter__count");
  const apply = () => {
    const wanted = [...fieldset.querySelectorAll("input:checked")].map((el) => el.value);
    let shown = 0;
    for (const row of rows) {
      const tags = (row.dataset.tags || "").split("|");
      const visible = wanted.every((tag) => tags.includes(tag));
      row.hidden = !visible;
      shown += visible;
    }
    count.textContent = wanted.length ? `${shown} of ${rows.length} rows match.` : "";
  };
  fieldset.addEventListener("change", apply);
  fieldset.hidden = false;
}

function enhancePage() {
  document.querySelectorAll(".sd-table").forEach(enhanceTable);
  document.querySelectorAll("form.sd-calc").forEach(enhanceForm);
}

function subscribe() {
  if (window.document$) window.document$.subscribe(enhancePage);
  else enhancePage();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
else subscribe();
