// @ts-check
// The calculator forms (form.sd-calc, macros/templates/calculator.html; the DOM contract is in
// DESIGN.md): built with the default results in place, they go live when the runtime
// (runtime.js) is ready, and every edit recomputes through the same run() as the build and the
// CLI. This module keeps the inputs in the URL, shows results, readings, errors and stale marks,
// says when the results on screen are the build's (the pinned panel on a phone), and runs the
// copy and retry buttons. It never talks to the worker itself: runtime.js does.
// Everything hangs off Material's document$, so it survives instant navigation.

import { copyText } from "./clipboard.js";
import {
  TOO_LONG, downloadSize, firstEdit, request, retryRuntime, runtimeWaits, safeChart, startRuntime,
  waitingStatus, warm,
} from "./runtime.js";

export { safeChart }; // for the tests, from the page's own module instance

/**
 * A calculator form, with what this module keeps on it.
 * @typedef {HTMLFormElement & {
 *   _path?: string,
 *   _busy?: boolean,
 *   _again?: boolean,
 *   _current?: boolean,
 *   _edited?: string,
 *   _urlTimer?: ReturnType<typeof setTimeout>,
 * }} CalcForm
 * _path: the page whose address the form keeps (writeUrl); _busy, _again: a request is out,
 * and another edit came meanwhile (recompute); _current: the results on screen follow a live
 * reply; _edited: the name of the input edited last; _urlTimer: the address is written soon.
 */
/**
 * An input of a form; a select keeps its value in _locked while the form is read-only (lock).
 * @typedef {(HTMLInputElement | HTMLSelectElement) & {_locked?: string}} Field
 */
/**
 * A "run" reply (sysdesign_core.widget): the result, or errors by input name ("" for the form).
 * @typedef {import("./runtime.js").Reply & {result?: CalcResult, readings?: Record<string, string>}} RunReply
 */
/** @typedef {"static" | "loading" | "live" | "offline"} State */

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
/** @type {Record<string, string>} */
const SHOWN_UNTIL = {
  static: "They are computed when the calculator starts.",
  loading: "They update when the calculator is live.",
  offline: "",
};
// The same, short, on the results pinned to a phone's screen (CSS shows it, data-pinned).
/** @type {Record<string, string>} */
const PINNED = {
  static: "For the default inputs: edit a value to compute these",
  loading: "For the default inputs until the calculator is live",
  offline: "For the default inputs: the calculator could not load",
};

/**
 * @param {CalcForm} form
 * @param {Record<string, string>} inputs
 * @returns {Promise<RunReply>}
 */
function compute(form, inputs) {
  const chart = Boolean(form.querySelector(".sd-calc__chart"));
  return request({ type: "run", calc: form.dataset.calc, inputs, chart }, chartSink(form));
}

// --- URL state: the first form on a page uses bare names, the others "calc.name" ---------

/**
 * @param {CalcForm} form
 * @param {string} name
 */
function paramName(form, name) {
  return form.dataset.urlPrefix ? `${form.dataset.urlPrefix}.${name}` : name;
}

/**
 * @param {CalcForm} form
 * @returns {Field[]}
 */
function fields(form) {
  return [.../** @type {NodeListOf<Field>} */ (form.querySelectorAll("input[name], select[name]"))];
}

/** @param {CalcForm} form */
function readInputs(form) {
  return Object.fromEntries(fields(form).map((el) => [el.name, el.value]));
}

/** @param {CalcForm} form */
function restoreFromUrl(form) {
  const params = new URLSearchParams(location.search);
  let changed = false;
  for (const el of fields(form)) {
    const value = params.get(paramName(form, el.name));
    if (value !== null && value !== el.value) { el.value = value; changed = true; }
  }
  return changed;
}

/**
 * The build's inputs (data-defaults): the values the results on screen were computed for.
 * @param {CalcForm} form
 * @returns {Record<string, string>}
 */
function builtInputs(form) {
  return JSON.parse(form.dataset.defaults || "{}");
}

// The address follows the inputs once typing pauses (a link is not shared mid-word): written
// on every reply, history.replaceState took up to 4.5 ms of the keystroke's time (measured,
// p95). Copying the link, or the Markdown with it, writes it at once.
const URL_DELAY_MS = 300;

/** @param {CalcForm} form */
function writeUrlSoon(form) {
  clearTimeout(form._urlTimer);
  form._urlTimer = setTimeout(() => writeUrl(form), URL_DELAY_MS);
}

/** @param {CalcForm} form */
function writeUrl(form) {
  clearTimeout(form._urlTimer);
  // A reply that lands after a link was followed must not write this form's values into
  // the next page's address: instant navigation changes the URL before it swaps the page.
  if (!form.isConnected || location.pathname !== form._path) return;
  const params = new URLSearchParams(location.search);
  const defaults = builtInputs(form);
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

/**
 * The input's error box: the id in its aria-describedby that ends in "-error".
 * @param {CalcForm} form
 * @param {Field} el
 * @returns {HTMLElement}
 */
function errorBox(form, el) {
  const id = (el.getAttribute("aria-describedby") || "").split(/\s+/).find((ref) => ref.endsWith("-error"));
  return /** @type {HTMLElement} */ (form.querySelector(`#${CSS.escape(id || `${el.id}-error`)}`));
}

/**
 * @param {CalcForm} form
 * @param {Record<string, string>} errors
 */
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

/**
 * The element saying how an input was read, or null.
 * @param {CalcForm} form
 * @param {Field} el
 * @returns {HTMLElement | null}
 */
function readingOf(form, el) {
  return form.querySelector(`#${CSS.escape(`${el.id}-reading`)}`);
}

/**
 * How each input was read (`= 1.5%`), next to it; an input without a reading (a bad value)
 * shows none. A reply without readings leaves them as they are.
 * @param {CalcForm} form
 * @param {Record<string, string> | undefined} readings
 */
function showReadings(form, readings) {
  if (!readings) return;
  for (const el of fields(form)) {
    /** @type {HTMLElement | null | undefined} */
    const reading = readingOf(form, el)
      || el.closest(".sd-calc__field")?.querySelector(".sd-calc__reading");
    if (!reading) continue;
    const text = readings[el.name] || "";
    if (reading.textContent !== text) reading.textContent = text;
    if (reading.hidden !== !text) reading.hidden = !text;
  }
}

/**
 * @param {CalcForm} form
 * @param {string} svg
 */
function showChart(form, svg) {
  /** @type {(HTMLElement & {_svg?: string}) | null} */
  const figure = form.querySelector(".sd-calc__chart");
  // Compare with the last SVG set, not the figure's markup (serialising the chart every time).
  if (!figure || !svg || figure._svg === svg) return;
  const chart = safeChart(svg);
  if (!chart) return;
  figure.replaceChildren(chart);
  figure._svg = svg;
}

/**
 * What the latest result links to, once typing paused: other scripts listen (onward links,
 * the command line, "Open in the worksheet").
 * @param {CalcForm} form
 * @param {CalcLinks} links
 */
function showLinks(form, links) {
  if (!form.isConnected || (!links.sheet && !links.onward)) return;
  form.dispatchEvent(new CustomEvent("sd:links", { detail: links, bubbles: true }));
}

// Where each form's chart and links go (runtime.js draws only the latest run's): one sink per
// form.
/** @type {WeakMap<CalcForm, import("./runtime.js").ChartSink>} */
const sinks = new WeakMap();

/** @param {CalcForm} form */
function chartSink(form) {
  let sink = sinks.get(form);
  if (!sink) {
    sink = {
      draw: (svg, links) => { showChart(form, svg); showLinks(form, links); },
      // The runtime restarted without the chart: the numbers stand, the status says so.
      tooSlow: () => { if (form.isConnected && !form.dataset.stale) setStatus(form, STATUS.chartSlow); },
    };
    sinks.set(form, sink);
  }
  return sink;
}

/**
 * @param {CalcForm} form
 * @param {CalcResult} result
 */
function showResult(form, result) {
  for (const [name, output] of Object.entries(result.outputs)) {
    const el = form.querySelector(`output[name="${name}"]`);
    if (el && el.textContent !== output.text) el.textContent = output.text;
  }
  // Other scripts (onward links, simulators) listen for this instead of patching this file.
  form.dispatchEvent(new CustomEvent("sd:result", { detail: result, bubbles: true }));
}

/**
 * @param {CalcForm} form
 * @param {string} text
 */
function setStatus(form, text) {
  const status = form.querySelector(".sd-calc__status");
  if (status && status.textContent !== text) status.textContent = text;
}

/**
 * @param {CalcForm} form
 * @param {"loading" | "live" | "offline"} state
 */
function setState(form, state) {
  form.dataset.state = state;
  setStatus(form, STATUS[state]);
}

/**
 * While any input is bad (or a run was stopped), the results belong to the last valid inputs:
 * the form says so (data-stale, the contract), the results are dimmed (CSS) and the status
 * explains. ``why``: the status text, or "" once every input is good again.
 * @param {CalcForm} form
 * @param {string} why
 */
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

/**
 * @param {CalcForm} form
 * @param {RunReply} reply
 */
function showReply(form, reply) {
  // Until a first valid reply, the results on screen are the build's, for the defaults.
  const stale = form._current ? STATUS.stale : STATUS.staleDefaults;
  // From the first reply on, the results follow the inputs, or the status says they do not.
  showShown(form, false);
  if (reply.ok) {
    form._current = true;
    showErrors(form, {});
    showResult(form, /** @type {CalcResult} */ (reply.result));
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

/**
 * Coalesce edits: at most one request in flight per form; the latest values win. No timer,
 * so a result lands as soon as Python has it and typing is never blocked. Every request gets a
 * reply (request() times out), and the busy flag is reset whatever happens.
 * @param {CalcForm} form
 */
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
      writeUrlSoon(form);
    } while (form._again);
  } catch {
    markStale(form, STATUS.stale); // never expected: still, the form stays usable
  } finally {
    form._busy = false;
  }
}

// --- actions: copy link, copy as Markdown, reset ------------------------------------------

/**
 * The form's inputs and results as a Markdown table, with a link to them.
 * @param {CalcForm} form
 */
function markdownOf(form) {
  const rows = [["Input", "Value"], ["---", "---"]];
  for (const el of fields(form)) rows.push([labelOf(form, el), el.value || "(default)"]);
  rows.push(["**Result**", "**Value**"]);
  for (const out of form.querySelectorAll("output")) {
    const label = form.querySelector(`#${CSS.escape(out.getAttribute("aria-labelledby") || "")}`);
    rows.push([label?.textContent || out.name, out.textContent || ""]);
  }
  return rows.map((r) => `| ${r.join(" | ")} |`).join("\n") + `\n\n[Open in sysdesign](${location.href})\n`;
}

// --- before the runtime is live: which inputs the results on screen are not for -----------

/**
 * @param {CalcForm} form
 * @param {Field} el
 */
function labelOf(form, el) {
  return form.querySelector(`label[for="${CSS.escape(el.id)}"] .sd-calc__label`)?.textContent || el.name;
}

/**
 * The inputs whose value is not the one the build computed the results on screen for.
 * @param {CalcForm} form
 */
function differing(form) {
  const built = builtInputs(form);
  return fields(form).filter((el) => el.name in built && el.value !== built[el.name]);
}

/**
 * While the results are the build's but the inputs say otherwise (a shared link, or an edit
 * made before the runtime is live), the form says so beside the results (data-shown, the note,
 * dimmed numbers; CSS), and hides the readings of those inputs (they read the defaults).
 * ``show`` false: the results follow the inputs now, nothing to say. Nothing changes for a
 * reader whose inputs are the defaults: no note appears, nothing moves.
 * @param {CalcForm} form
 * @param {boolean} [show]
 */
function showShown(form, show = true) {
  if (!show && !form.dataset.shown) return; // the usual case, on every live reply
  /** @type {(HTMLElement & {_offer?: boolean}) | null} */
  const note = form.querySelector(".sd-calc__shown");
  const changed = show ? differing(form) : [];
  for (const el of fields(form)) {
    const reading = readingOf(form, el);
    if (!reading) continue;
    if (changed.includes(el) && !reading.hidden) {
      reading.hidden = true;
      reading.dataset.held = "true";
    } else if (!changed.includes(el) && reading.dataset.held) {
      delete reading.dataset.held;
      reading.hidden = false;
    }
  }
  /** @type {HTMLElement | null} */
  const panel = form.querySelector(".sd-calc__results > dl");
  const state = form.dataset.state || "";
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
  if (panel) panel.dataset.pinned = PINNED[state] || PINNED.loading;
  if (!note) return;
  const built = builtInputs(form);
  const list = changed.map((el) => `${labelOf(form, el)} ${el.value || "empty"} (default ${built[el.name] || "empty"})`);
  const until = SHOWN_UNTIL[state] ?? SHOWN_UNTIL.loading;
  const text = `These results are for the default inputs, not for the values in the fields: ${list.join(", ")}.${until ? ` ${until}` : ""}`;
  const offer = Boolean(form.dataset.starts);
  if (!note.hidden && note.firstChild?.textContent === text && Boolean(note._offer) === offer) return;
  // The offer's button goes once pressed: the note keeps the focus, not the page's top.
  const hadFocus = note.contains(document.activeElement);
  /** @type {(string | HTMLElement)[]} */
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

/**
 * The inputs are read-only while the runtime cannot run (editing would change nothing), with
 * a note saying why next to them; they become editable when it loads. A select has no
 * read-only state: it says it is (aria-readonly) and keeps its value (edited, below); disabled
 * it would lose the keyboard focus.
 * @param {CalcForm} form
 * @param {boolean} locked
 */
function lock(form, locked) {
  for (const el of fields(form)) {
    if (el instanceof HTMLInputElement) el.readOnly = locked;
    else if (locked) { el.setAttribute("aria-readonly", "true"); el._locked = el.value; }
    else { el.removeAttribute("aria-readonly"); delete el._locked; }
  }
  /** @type {HTMLElement | null} */
  const note = form.querySelector(".sd-calc__locked");
  if (note) note.hidden = !locked;
}

/** @param {CalcForm} form */
function goLive(form) {
  if (form.dataset.state === "live") return;
  lock(form, false);
  setState(form, "live");
  /** @type {HTMLElement} */ (form.querySelector(".sd-calc__actions")).hidden = false;
  // The results, readings and links on screen are the build's for the build's inputs: while
  // the fields hold those, there is nothing to compute, and a run now would only make the
  // reader's first edit wait for it (measured: bench/browser.py (c), the first edits).
  if (!atBuiltInputs(form)) recompute(form);
  // What the reader's edits will ask for, run by the worker while it waits for them.
  warm({ calc: form.dataset.calc, inputs: readInputs(form),
    chart: Boolean(form.querySelector(".sd-calc__chart")) });
}

/**
 * Whether every field holds the value the build computed the results on screen for.
 * @param {CalcForm} form
 */
function atBuiltInputs(form) {
  const built = builtInputs(form);
  return fields(form).every((el) => el.name in built && el.value === built[el.name]);
}

/**
 * The form waits for the runtime (started now, or by the reader's first edit): loading, then
 * live, or offline with its inputs read-only.
 * @param {CalcForm} form
 */
function startForm(form) {
  delete form.dataset.starts;
  const results = /** @type {HTMLElement} */ (form.querySelector(".sd-calc__results"));
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

/** @param {string} [state]  only the forms in this state */
function forms(state) {
  const selector = state ? `form.sd-calc[data-state="${state}"]` : "form.sd-calc";
  return /** @type {NodeListOf<CalcForm>} */ (document.querySelectorAll(selector));
}

// Ready after all (past the load timeout) or after "Try again": every form said offline goes
// live.
document.addEventListener("sd:runtime-ready", () => {
  for (const form of forms("offline")) goLive(form);
});

/**
 * @param {CalcForm} form
 * @param {number} index  its place on the page: the first keeps bare names in the URL
 */
function enhanceForm(form, index) {
  if (form.dataset.enhanced) return;
  form.dataset.enhanced = "true";
  form._path = location.pathname; // the page whose address this form keeps (writeUrl)
  if (index > 0) form.dataset.urlPrefix = form.dataset.calc;
  form.addEventListener("submit", (event) => { event.preventDefault(); recompute(form); });
  /** @param {Event} event */
  const edited = (event) => {
    const el = /** @type {Field} */ (event.target);
    if (el._locked !== undefined && el.value !== el._locked) { el.value = el._locked; return; }
    if (el.name) form._edited = el.name;
    if (form.dataset.state !== "live") showShown(form); // edits before the runtime is live
    recompute(form);
  };
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("reset", () => setTimeout(() => recompute(form), 0));
  form.addEventListener("click", (event) => {
    /** @type {HTMLButtonElement | null} */
    const button = /** @type {Element} */ (event.target).closest("button[data-action]");
    if (!button) return;
    if (button.dataset.action === "copy-link" || button.dataset.action === "copy-markdown") {
      writeUrl(form); // the address holds the inputs on screen, even mid-word
    }
    if (button.dataset.action === "copy-link") copyText(location.href, button);
    if (button.dataset.action === "copy-markdown") copyText(markdownOf(form), button);
    if (button.dataset.action === "retry") {
      retryRuntime();
      for (const other of forms("offline")) startForm(other);
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

function enhancePage() {
  forms().forEach(enhanceForm);
}

function subscribe() {
  if (window.document$) window.document$.subscribe(enhancePage);
  else enhancePage();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", subscribe);
else subscribe();
