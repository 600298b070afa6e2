// @ts-check
// The worksheet (worksheet.md): every edit re-evaluates the sheet in the calculators' worker
// (calc-worker.js, sysdesign_core.worksheet), so the page shows what the build and the CLI
// compute. The sheet lives in the address (?sheet=…, or ?example=NAME), never on a server.
// Without JavaScript the page keeps the example computed when it was built.

import { copyText } from "./clipboard.js";
import {
  firstEdit, request, runtimeWaits, safeChart, startRuntime, waitingStatus, warm,
} from "./runtime.js";

const URL_DELAY_MS = 400; // the address follows the text once typing pauses
const CHART_PAUSE_MS = 150; // the chart follows once typing pauses (calc-worker.js has the same)
const STATUS = {
  loading: "Loading the runtime… the values below were computed when this page was built.",
  live: "Live: values update as you type.",
  offline: "The runtime could not load, so the values are not updated as you edit. They were computed when this page was built, for the example.",
  slow: "That sheet took too long to evaluate (over 2 s), so it was stopped. Shorten it or change a value to try again.",
};

/**
 * One line of a "sheet" reply (sysdesign_core.worksheet.export.to_json).
 * @typedef {{line: number, name: string | null, shown: string, error: string | null,
 *   low_shown: string | null, high_shown: string | null, monotone: boolean, decides: boolean,
 *   record: string | null}} Line
 */
/**
 * A "sheet" reply with everything (sysdesign_core.worksheet.respond), for the exports: every
 * line, the constants used and the Markdown; {lines: [], error} when it could not be evaluated.
 * @typedef {import("./runtime.js").Reply & {lines?: Line[], constants?: object[],
 *   markdown?: string}} SheetReply
 */
/**
 * The reply to an edit (view "page", sysdesign_core.worksheet.respond_page): the rows that
 * changed since the reply numbered `base` of the session `token` (all of them when base is 0),
 * out of `count`; the Markdown when asked.
 * @typedef {import("./runtime.js").Reply & {serial?: number, token?: string, base?: number,
 *   count?: number, lines?: Line[], markdown?: string, workerMs?: number}} PageReply
 */

/**
 * A new element with its class and text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * One <li> per line of the sheet (empty for a blank line or a comment), so that in the wide
 * layout each value sits level with its line. A line whose reply is unchanged keeps its
 * element untouched: an edit re-renders only what moved (a 60-line sheet stays cheap).
 * @param {Line} line
 */
function lineItem(line) {
  const item = el("li");
  item.dataset.line = String(line.line);
  if (!line.shown && !line.error) {
    item.setAttribute("aria-hidden", "true");
    return item;
  }
  item.append(el("span", "sd-ws__n", `Line ${line.line}${line.name ? `, ${line.name}` : ""}:`), " ");
  if (line.error) {
    item.dataset.error = "";
    const error = el("span", "sd-ws__error");
    const icon = el("span", "", "⚠ ");
    icon.setAttribute("aria-hidden", "true");
    error.append(icon, "error");
    error.title = line.error;
    item.append(error);
    return item;
  }
  item.append(el("span", "sd-ws__value", line.record ? `${line.record}() results` : line.shown));
  if (line.low_shown) item.append(" ", el("span", "sd-ws__range", rangeText(line)));
  if (line.decides) {
    item.dataset.decides = "";
    item.append(" ", el("span", "sd-ws__decides", "decides"));
  }
  return item;
}

/**
 * The text of a line's range, "" for none.
 * @param {Line} line
 */
function rangeText(line) {
  return line.low_shown ? `${line.low_shown} – ${line.high_shown}${line.monotone ? "" : " (not monotone)"}` : "";
}

/**
 * Shows ``lines`` (every row of the sheet) in ``list``, looking only at the rows ``changed``
 * (their indexes; all when null). A row whose value moved but whose parts did not (a name, a
 * value, maybe a range) has its text updated in place; only a row that changes shape is built
 * again.
 * @param {HTMLElement} list
 * @param {Line[]} lines
 * @param {number[] | null} changed
 */
function renderResults(list, lines, changed) {
  const items = /** @type {HTMLCollectionOf<HTMLElement>} */ (list.children);
  for (const index of changed ?? lines.keys()) {
    const line = lines[index];
    const range = rangeText(line);
    const shape = [line.name, Boolean(line.shown), line.error, Boolean(range), line.decides,
      line.record].join("\u0000");
    const value = line.record ? `${line.record}() results` : line.shown;
    const sig = `${shape}\u0000${value}\u0000${range}`;
    const old = items[index];
    if (old && old.dataset.sig === sig) continue;
    if (old && old.dataset.shape === shape && !line.error && line.shown) {
      /** @type {HTMLElement} */ (old.querySelector(".sd-ws__value")).textContent = value;
      if (range) /** @type {HTMLElement} */ (old.querySelector(".sd-ws__range")).textContent = range;
      old.dataset.sig = sig;
      continue;
    }
    const item = lineItem(line);
    item.dataset.sig = sig;
    item.dataset.shape = shape;
    if (old) old.replaceWith(item);
    else list.append(item);
  }
  while (items.length > lines.length) /** @type {Element} */ (list.lastElementChild).remove();
}

/**
 * @param {HTMLElement} box
 * @param {Line[]} lines
 * @param {string | null | undefined} error  the sheet's own error
 */
function renderProblems(box, lines, error) {
  /** @type {{line: number, error: string | null}[]} */
  const bad = lines.filter((line) => line.error);
  if (error) bad.unshift({ line: 0, error });
  const sig = bad.map((line) => `${line.line}:${line.error}`).join("\n");
  if (box.dataset.sig === sig) return;
  box.dataset.sig = sig;
  if (!bad.length) { box.replaceChildren(); return; }
  const listing = el("ul");
  for (const line of bad) listing.append(el("li", "", line.line ? `Line ${line.line}: ${line.error}` : line.error || ""));
  box.replaceChildren(el("p", "", "Lines with an error:"), listing);
}

/**
 * The lines with a range, as the choices of ``select``; keeps ``wanted`` chosen if it is one.
 * @param {HTMLSelectElement} select
 * @param {Line[]} lines
 * @param {number | null} wanted
 * @returns {number | null}  the line chosen
 */
function renderExplain(select, lines, wanted) {
  const ranged = lines.filter((line) => line.low_shown && !line.error);
  const sig = ranged.map((line) => `${line.line}:${line.name}`).join(",");
  if (select.dataset.sig !== sig) {
    select.dataset.sig = sig;
    select.replaceChildren(...ranged.map((line) => {
      const option = el("option", "", `Line ${line.line}${line.name ? `: ${line.name}` : ""}`);
      option.value = String(line.line);
      return option;
    }));
  }
  const keep = ranged.find((line) => line.line === wanted)
    || ranged.find((line) => line.decides) || ranged[ranged.length - 1];
  if (keep && select.value !== String(keep.line)) select.value = String(keep.line);
  return keep ? keep.line : null;
}

// The example sheets are the site's own files (docs/sheets/NAME.sheet), fetched when chosen,
// so the page does not carry every design's text.
/** @type {Map<string, Promise<string | null>>} */
const exampleTexts = new Map();

/**
 * @param {HTMLFormElement} form
 * @param {string} name
 * @returns {Promise<string | null>}
 */
async function exampleText(form, name) {
  if (!exampleTexts.has(name)) {
    const url = new URL(`${name}.sheet`, new URL(form.dataset.sheets || "", location.href));
    exampleTexts.set(name, fetch(url).then((r) => (r.ok ? r.text() : null)).catch(() => null));
  }
  return /** @type {Promise<string | null>} */ (exampleTexts.get(name));
}

/**
 * The sheet the address asks for (?sheet=TEXT or ?example=NAME), or null.
 * @param {HTMLFormElement} form
 * @returns {Promise<string | null>}
 */
async function sheetFromUrl(form) {
  const params = new URLSearchParams(location.search);
  if (params.has("sheet")) return params.get("sheet");
  const example = params.get("example");
  const option = example && form.querySelector(`#sd-ws-example option[value="${CSS.escape(example)}"]`);
  return option ? exampleText(form, example) : null;
}

/**
 * @param {string} text
 * @param {string | null} example
 */
function setUrl(text, example) {
  const params = new URLSearchParams(location.search);
  params.delete("sheet");
  params.delete("example");
  if (example) params.set("example", example);
  else params.set("sheet", text);
  history.replaceState(history.state, "", `${location.pathname}?${params}${location.hash}`);
}

/**
 * @param {string} text
 * @param {HTMLElement} button
 */
const copy = (text, button) => copyText(text, button, "Copy failed: select the text below");

/**
 * The element of the worksheet form that ``selector`` names (macros/templates/worksheet.html
 * has them all).
 * @template {Element} [E=HTMLElement]
 * @param {HTMLFormElement} form
 * @param {string} selector
 * @returns {E}
 */
function part(form, selector) {
  return /** @type {E} */ (form.querySelector(selector));
}

/** @param {HTMLFormElement} form */
async function setup(form) {
  if (form.dataset.enhanced) return;
  form.dataset.enhanced = "true";
  /** @type {HTMLTextAreaElement} */
  const textarea = part(form, "#sd-ws-text");
  const results = part(form, "#sd-ws-results");
  const status = part(form, "#sd-ws-status");
  /** @type {HTMLSelectElement} */
  const examples = part(form, "#sd-ws-example");
  /** @type {HTMLSelectElement} */
  const explain = part(form, "#sd-ws-explain");
  const chart = part(form, "#sd-ws-chart");
  const markdown = part(form, "#sd-ws-markdown");
  const problems = part(form, "#sd-ws-problems");
  /** @type {HTMLDetailsElement} */
  const exportBox = part(form, ".sd-ws__export");
  /** @type {Line[] | null} */
  let rows = null; // every row shown, once a reply has come (the build's until then)
  let serial = 0; // the reply `rows` follow, of the worker session `token` (0: none)
  let token = "";
  /** @type {{text: string, reply: Promise<SheetReply>} | null} */
  let full = null; // everything, for the exports: asked when one is wanted, for one text
  /** @returns {Promise<SheetReply>} */
  const everything = () => {
    const text = textarea.value;
    if (!full || full.text !== text) {
      const asked = { text, reply: request({ type: "sheet", text, line: null }) };
      // a reply without lines (the runtime stopped) is not kept: the next click asks again
      asked.reply.then((reply) => { if (!reply.lines && full === asked) full = null; });
      full = asked;
    }
    return full.reply;
  };
  exportBox.addEventListener("toggle", async () => {
    if (!exportBox.open || form.dataset.state !== "live") return;
    const text = textarea.value;
    const reply = await everything();
    if (reply.lines && text === textarea.value) markdown.textContent = reply.markdown || "";
  });
  let busy = false; // a request is out; the newest text waits for its reply
  let queued = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let urlTimer;
  /** @type {string | null} */
  let example = null; // the example the text is, until it is edited

  status.textContent = STATUS.loading;
  part(form, ".sd-ws__bar").hidden = false;
  const fromUrl = await sheetFromUrl(form);
  if (fromUrl !== null) {
    textarea.value = fromUrl;
    const params = new URLSearchParams(location.search);
    if (!params.has("sheet")) example = params.get("example");
    if (example) examples.value = example;
  }
  const fit = () => { textarea.rows = Math.max(8, Math.min(40, textarea.value.split("\n").length + 1)); };
  fit();
  // Where the runtime waits for a first edit (overrides/main.html), the example's values stay
  // as built until the reader touches the sheet; a sheet from a link needs them computed.
  if (fromUrl === null && runtimeWaits()) {
    status.textContent = `${waitingStatus("The worksheet", "edit the sheet")} Until then the values below are the ones computed when this page was built.`;
    form.dataset.starts = "on-edit";
    await firstEdit(form);
    delete form.dataset.starts;
    if (!form.isConnected) return;
    status.textContent = STATUS.loading;
  }
  startRuntime();

  // The values come first; the tornado chart (which re-evaluates the sheet twice per ranged
  // input) is drawn once typing has paused, as the calculators draw theirs.
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let chartTimer;
  const drawChart = async () => {
    const line = Number(explain.value) || null;
    if (!line) { chart.replaceChildren(); return; }
    const text = textarea.value;
    const reply = await request({ type: "sheet", view: "chart", text, line });
    if (typeof reply.chart === "string" && text === textarea.value && String(line) === explain.value) {
      const drawn = safeChart(reply.chart); // from the worker: untrusted, as a calculator's chart
      if (drawn) chart.replaceChildren(drawn);
      else chart.replaceChildren();
      chart.dataset.line = String(line);
      form.dataset.charted = String(Number(form.dataset.charted || 0) + 1);
    }
  };
  const scheduleChart = () => {
    clearTimeout(chartTimer);
    chartTimer = setTimeout(drawChart, CHART_PAUSE_MS);
  };

  const evaluate = async () => {
    form.dataset.busy = "true"; // until the newest text has its values (tests and bench wait)
    if (busy) { queued = true; return; }
    busy = true;
    const wanted = Number(explain.value) || null;
    const started = performance.now();
    /** @type {PageReply} */
    const reply = await request({ type: "sheet", view: "page", text: textarea.value,
      base: serial, token, markdown: exportBox.open });
    busy = false;
    const arrived = performance.now();
    if (reply.timedOut) {
      serial = 0; // a new worker: the next reply holds every row
      status.textContent = STATUS.slow;
    } else if (reply.lines) {
      // Only the rows that changed come back, unless the reply says it holds them all.
      /** @type {number[] | null} */
      let changed = null;
      if (rows && reply.base && reply.base === serial) {
        changed = [];
        for (const row of reply.lines) {
          rows[row.line - 1] = row;
          changed.push(row.line - 1);
        }
        rows.length = reply.count || 0;
      } else {
        rows = reply.lines;
      }
      serial = reply.serial || 0;
      token = reply.token || "";
      renderResults(results, rows, changed);
      renderProblems(problems, rows, reply.error);
      renderExplain(explain, rows, wanted);
      // a chart drawn for another line (or none now) goes until the new one is drawn
      if (chart.dataset.line !== explain.value) chart.replaceChildren();
      if (exportBox.open) markdown.textContent = reply.markdown || ""; // else when it opens
      if (form.dataset.state !== "live") form.dataset.state = "live";
      form.dataset.lastMs = String(Math.round(performance.now() - started));
      form.dataset.workerMs = String(reply.workerMs || 0);
      form.dataset.renderMs = String(performance.now() - arrived); // the page's share (bench)
      form.dataset.evaluated = String(Number(form.dataset.evaluated || 0) + 1);
      if (status.textContent !== STATUS.live) status.textContent = STATUS.live; // else no layout
      scheduleChart();
    } else {
      status.textContent = STATUS.offline;
    }
    if (queued) { queued = false; evaluate(); } else delete form.dataset.busy;
  };

  if (!(await startRuntime().ready) || !form.isConnected) {
    status.textContent = STATUS.offline;
    form.dataset.state = "offline";
    return;
  }
  textarea.addEventListener("input", () => {
    example = null;
    fit();
    evaluate();
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => setUrl(textarea.value, null), URL_DELAY_MS);
  });
  textarea.addEventListener("scroll", () => { results.scrollTop = textarea.scrollTop; });
  examples.addEventListener("change", async () => {
    const option = examples.selectedOptions[0];
    const text = await exampleText(form, option.value);
    if (text === null) {
      status.textContent = `The example “${option.textContent}” could not be loaded; the sheet is unchanged.`;
      return;
    }
    textarea.value = text;
    example = option.value;
    explain.value = "";
    fit();
    setUrl(textarea.value, example);
    evaluate();
  });
  explain.addEventListener("change", drawChart);
  form.addEventListener("submit", (event) => event.preventDefault());
  /** @type {HTMLButtonElement} */
  const markdownButton = part(form, '[data-action="markdown"]');
  markdownButton.addEventListener("click", async () => {
    const reply = await everything();
    if (reply.lines) copy(reply.markdown || "", markdownButton);
  });
  /** @type {HTMLButtonElement} */
  const linkButton = part(form, '[data-action="link"]');
  linkButton.addEventListener("click", () => {
    setUrl(textarea.value, example);
    copy(location.href, linkButton);
  });
  part(form, '[data-action="json"]').addEventListener("click", async () => {
    const { lines, constants } = await everything();
    if (!lines) return;
    const blob = new Blob([JSON.stringify({ lines, constants }, null, 2)], { type: "application/json" });
    const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: "sheet.json" });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
  // The values on the page were computed for this very text when it was built: it is live
  // now, as a calculator is once its runtime is ready. Another text is evaluated at once.
  if (textarea.value === textarea.defaultValue) {
    form.dataset.state = "live";
    status.textContent = STATUS.live;
  } else {
    await evaluate();
  }
  warm({ sheet: textarea.value }); // the worker evaluates it while the reader reads
}

// "Open in the worksheet" on every calculator: the form's current inputs as a sheet (built
// into data-sheet, then the sheet of each live result once typing pauses, `sd:links`;
// sysdesign_core.worksheet.calls).
/** @param {string} sheet */
function worksheetHref(sheet) {
  const meta = /** @type {HTMLMetaElement} */ (document.querySelector('meta[name="sd-runtime"]'));
  const base = new URL(meta.dataset.worksheet || "", document.baseURI);
  base.search = new URLSearchParams({ sheet }).toString();
  return base.href;
}

function linkCalculators() {
  for (const form of /** @type {NodeListOf<HTMLFormElement>} */ (document.querySelectorAll("form.sd-calc[data-sheet]"))) {
    /** @type {HTMLAnchorElement | null} */
    const link = form.querySelector('[data-action="open-worksheet"]');
    if (link && !link.href) link.href = worksheetHref(form.dataset.sheet || "");
  }
}

document.addEventListener("sd:links", (event) => {
  const target = /** @type {Element} */ (event.target);
  /** @type {HTMLAnchorElement | null} */
  const link = target.querySelector && target.querySelector('[data-action="open-worksheet"]');
  if (link && event.detail && event.detail.sheet) link.href = worksheetHref(event.detail.sheet);
});

function enhance() {
  linkCalculators();
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById("sd-ws"));
  if (form) setup(form);
}

if (window.document$) window.document$.subscribe(enhance);
else document.addEventListener("DOMContentLoaded", enhance);
