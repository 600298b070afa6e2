// Progressive enhancement for sysdesign pages (an ES module, loaded once per session).
// - Calculator forms (form.sd-calc) go live: one module Web Worker runs sysdesign_core in
//   Pyodide and every edit recomputes through the same run() as the build and the CLI.
// - Catalog tables with facets get their filter checkboxes.
// Pages without a calculator never start the worker, so they fetch no Pyodide byte.
// Everything hangs off Material's document$, so it survives instant navigation.

const LOAD_TIMEOUT_MS = 60000;
const STATUS = {
  loading: "Loading the calculator runtime… the results below were computed when the page was built.",
  live: "Live: results update as you type.",
  offline: "The calculator runtime could not load, so editing is off. The results below were computed when the page was built for the default inputs.",
};

let runtime = null; // {worker, ready: Promise<boolean>, pending: Map}
const charts = new Map(); // request id → the form whose chart that run will draw

function runtimeConfig() {
  const meta = document.querySelector('meta[name="sd-runtime"]');
  const url = (path) => path && new URL(path, document.baseURI).href;
  return {
    pyodide: meta.dataset.pyodide,
    integrity: meta.dataset.pyodideIntegrity,
    lock: meta.dataset.pyodideLock,
    core: url(meta.dataset.core),
    stdlib: url(meta.dataset.stdlib),
    snapshot: url(meta.dataset.snapshot),
    snapshotSize: Number(meta.dataset.snapshotSize) || 0,
    snapshotHead: meta.dataset.snapshotHead || "",
  };
}

// Exported for drills.js, so the drills share this one worker (and its snapshot boot).
export function startRuntime() {
  if (runtime) return runtime;
  // On a calculator page the worker was started from <head> (overrides/main.html).
  const early = window.sdCalcWorker;
  const worker = early || new Worker(new URL("calc-worker.js", import.meta.url), { type: "module" });
  const pending = new Map();
  let settle;
  const ready = new Promise((resolve) => { settle = resolve; });
  const timer = setTimeout(() => settle(false), LOAD_TIMEOUT_MS);
  const onMessage = ({ data }) => {
    if (data.type === "ready") {
      // How the worker booted ("snapshot" or "plain", and why it fell back): for the bench
      // and the tests; never printed, a fallback is not an error.
      window.sdRuntime = {
        boot: data.boot, snapshotFrom: data.snapshotFrom, fallback: data.fallback,
        at: Object.fromEntries(Object.entries(data.ms).map(([k, v]) => [k, v - performance.timeOrigin])),
      };
      // The URLs the worker fetched, for offline.js to hand to the service worker.
      window.sdRuntimeUrls = data.urls || [];
      document.dispatchEvent(new CustomEvent("sd:runtime-ready",
        { detail: { urls: window.sdRuntimeUrls } }));
      clearTimeout(timer);
      settle(true);
    }
    else if (data.type === "failed") { clearTimeout(timer); runtime.reason = data.reason; settle(false); }
    else if (data.type === "chart") { // drawn after the numbers, once typing paused
      const form = charts.get(data.chartFor);
      charts.delete(data.chartFor);
      if (form) showChart(form, data.svg);
    }
    else if (data.id !== undefined) { // a reply to a "run" or "drill" request
      const resolve = pending.get(data.id);
      pending.delete(data.id);
      if (resolve) resolve(data);
    }
  };
  const onError = (event) => { event.preventDefault(); clearTimeout(timer); settle(false); };
  worker.onmessage = onMessage;
  worker.onerror = onError;
  runtime = { worker, ready, pending, next: 0, reason: "" };
  window.sdCalcWorker = worker;
  if (early) {
    for (const [kind, event] of early.sdEarly || []) (kind === "message" ? onMessage : onError)(event);
    delete early.sdEarly;
  } else {
    worker.postMessage({ type: "init", ...runtimeConfig() });
  }
  return runtime;
}

// Post ``message`` with a fresh id; resolves with the worker's reply to it.
export function request(message) {
  const id = ++runtime.next;
  return new Promise((resolve) => {
    runtime.pending.set(id, resolve);
    runtime.worker.postMessage({ ...message, id });
  });
}

function compute(form, inputs) {
  const chart = Boolean(form.querySelector(".sd-calc__chart"));
  const reply = request({ type: "run", calc: form.dataset.calc, inputs, chart });
  if (chart) charts.set(runtime.next, form);
  return reply;
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

function showErrors(form, errors) {
  for (const el of fields(form)) {
    const box = form.querySelector(`#${CSS.escape(el.getAttribute("aria-describedby").split(" ").pop())}`);
    const message = errors[el.name];
    if (message) {
      el.setAttribute("aria-invalid", "true");
      if (box.textContent !== message) box.textContent = message;
      box.hidden = false;
    } else if (el.hasAttribute("aria-invalid")) {
      el.removeAttribute("aria-invalid");
      box.textContent = "";
      box.hidden = true;
    }
  }
}

function showChart(form, svg) {
  const figure = form.querySelector(".sd-calc__chart");
  // Compare with the last SVG set, not figure.innerHTML (serialising the chart every time).
  if (figure && svg && figure._svg !== svg) { figure.innerHTML = svg; figure._svg = svg; }
}

function showResult(form, result) {
  for (const [name, output] of Object.entries(result.outputs)) {
    const el = form.querySelector(`output[name="${name}"]`);
    if (el && el.textContent !== output.text) el.textContent = output.text;
  }
  // Other scripts (onward links, simulators) listen for this instead of patching this file.
  form.dispatchEvent(new CustomEvent("sd:result", { detail: result, bubbles: true }));
}

function setState(form, state, extra = "") {
  form.dataset.state = state;
  const status = form.querySelector(".sd-calc__status");
  if (status) status.textContent = extra ? `${STATUS[state]} (${extra})` : STATUS[state];
}

// Coalesce edits: at most one request in flight per form; the latest values win. No timer,
// so a result lands as soon as Python has it and typing is never blocked.
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
      if (reply.ok) { showErrors(form, {}); showResult(form, reply.result); }
      else showErrors(form, reply.errors);
      writeUrl(form);
    } while (form._again);
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

async function copy(form, text, button) {
  const original = button.dataset.label || (button.dataset.label = button.textContent);
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy failed: select and copy from the address bar";
  }
  setTimeout(() => { button.textContent = original; }, 2000);
}

function enhanceForm(form, index) {
  if (form.dataset.enhanced) return;
  form.dataset.enhanced = "true";
  if (index > 0) form.dataset.urlPrefix = form.dataset.calc;
  form.addEventListener("submit", (event) => { event.preventDefault(); recompute(form); });
  form.addEventListener("input", () => recompute(form));
  form.addEventListener("change", () => recompute(form));
  form.addEventListener("reset", () => setTimeout(() => recompute(form), 0));
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    if (button.dataset.action === "copy-link") copy(form, location.href, button);
    if (button.dataset.action === "copy-markdown") copy(form, markdownOf(form), button);
  });
  const restored = restoreFromUrl(form);
  if (restored) form.querySelector(".sd-calc__results").setAttribute("aria-busy", "true");
  setState(form, "loading");
  startRuntime().ready.then((ok) => {
    if (!form.isConnected) return;
    form.querySelector(".sd-calc__results").removeAttribute("aria-busy");
    if (!ok) { setState(form, "offline"); return; }
    setState(form, "live");
    form.querySelector(".sd-calc__actions").hidden = false;
    recompute(form);
  });
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
