// @ts-check
// "Try it first" on a design page. The panel ({{ s.try_first() }}, macros/sheets.py) is hidden
// without JavaScript, where the page is the full answer. Switched on, it folds the computed
// sections away (Estimates, the deep dives, Monthly cost), asks for the figures the sheet marks
// with `# try:` and grades them in the calculators' worker against the page's own sheet,
// evaluated with the reader's assumptions (sysdesign_core.worksheet.attempt). Answers stay in
// this browser (localStorage), never sent anywhere.

import { request, startRuntime } from "./runtime.js";
import { GRADE_ICONS } from "./drills.js";

/**
 * One figure the reader gave, graded against the sheet (sysdesign_core.worksheet.attempt).
 * @typedef {{name: string, grade: string, message: string, shown: string, given: string,
 *   yours: string, hints: string[], steps: string[]}} Figure
 */
/**
 * A "try" reply: the figures graded and the reader's assumptions read (with their errors).
 * @typedef {import("./runtime.js").Reply & {figures?: Figure[],
 *   assumptions?: {name: string, error: string | null}[], points?: number, out_of?: number,
 *   changed?: boolean}} TryReply
 */
/**
 * What this browser keeps per sheet (localStorage): the mode, the reader's answers and changed
 * assumptions, and the last grading.
 * @typedef {{mode?: string, answers?: Record<string, string>,
 *   assumptions?: Record<string, string>, reply?: TryReply}} TryState
 */

const FOLD = /^(Estimates|Deep dive|Monthly cost)\b/;
/** @type {Record<string, string>} */
const GRADE_WORDS = { exact: "exact", close: "close", magnitude: "order of magnitude", off: "off", invalid: "not read", missing: "no answer", unknown: "not computed" };
/** @param {string} name */
const key = (name) => `sd-try:${name}`;

/**
 * @param {string} name  the sheet's
 * @returns {TryState}
 */
function load(name) {
  try {
    const state = JSON.parse(localStorage.getItem(key(name)) || "null");
    if (state && typeof state === "object") return state;
  } catch {
    // unreadable: start afresh
  }
  return {};
}

/**
 * @param {string} name
 * @param {TryState} state
 */
function save(name, state) {
  try { localStorage.setItem(key(name), JSON.stringify(state)); } catch { /* private mode */ }
}

/**
 * The h2 sections to fold: each heading with the elements up to the next h2.
 * @param {HTMLElement} panel
 */
function foldable(panel) {
  const article = panel.closest("article") || document.querySelector(".md-content__inner");
  /** @type {{heading: HTMLElement, nodes: HTMLElement[]}[]} */
  const found = [];
  /** @type {{heading: HTMLElement, nodes: HTMLElement[]} | null} */
  let current = null;
  for (const el of /** @type {HTMLElement[]} */ (article ? [...article.children] : [])) {
    if (el.tagName === "H2") {
      current = FOLD.test((el.textContent || "").trim()) ? { heading: el, nodes: [] } : null;
      if (current) found.push(current);
    } else if (current && !el.contains(panel)) {
      current.nodes.push(el);
    }
  }
  return found;
}

/**
 * @param {HTMLElement} panel
 * @param {boolean} on
 */
function fold(panel, on) {
  for (const { heading, nodes } of foldable(panel)) {
    for (const el of nodes) {
      if (on && !el.hidden) { el.hidden = true; el.dataset.sdTryFolded = ""; }
      if (!on && "sdTryFolded" in el.dataset) { el.hidden = false; delete el.dataset.sdTryFolded; }
    }
    let note = /** @type {HTMLElement | null} */ (heading.nextElementSibling);
    if (!note || !note.classList.contains("sd-try__folded")) {
      note = Object.assign(document.createElement("p"), { className: "sd-try__folded" });
      const back = Object.assign(document.createElement("a"), { href: `#${panel.id}`, textContent: "back to your figures" });
      note.append("Folded while you try it first — ", back, ".");
      heading.after(note);
    }
    note.hidden = !on;
  }
}

/**
 * @param {HTMLFormElement} form
 * @param {string} name
 * @returns {HTMLElement | null}
 */
function field(form, name) {
  return form.querySelector(`.sd-try__figure[data-name="${CSS.escape(name)}"]`);
}

/**
 * @param {HTMLFormElement} form
 * @param {Figure} figure
 * @param {boolean} revealed
 */
function showFigure(form, figure, revealed) {
  const li = field(form, figure.name);
  if (!li) return;
  const box = /** @type {HTMLElement} */ (li.querySelector(".sd-try__grade"));
  const input = /** @type {HTMLInputElement} */ (li.querySelector("input"));
  box.hidden = figure.grade === "missing";
  box.dataset.grade = figure.grade;
  const icon = Object.assign(document.createElement("span"), { className: "sd-drill__icon", textContent: GRADE_ICONS[figure.grade] || "" });
  icon.setAttribute("aria-hidden", "true");
  const message = Object.assign(document.createElement("p"), { className: "sd-try__message" });
  message.append(icon, figure.message + (revealed && figure.shown ? ` The sheet: ${figure.shown}.` : ""));
  /** @type {HTMLElement[]} */
  const parts = [message];
  if (figure.hints.length) {
    const list = document.createElement("ul");
    list.className = "sd-try__hints";
    list.append(...figure.hints.map((hint) => Object.assign(document.createElement("li"), { textContent: hint })));
    parts.push(list);
  }
  if (figure.steps.length && figure.grade !== "exact" && figure.grade !== "missing") {
    const steps = document.createElement("details");
    steps.className = "sd-try__steps";
    const summary = Object.assign(document.createElement("summary"), { textContent: "How the sheet gets it" });
    const code = Object.assign(document.createElement("pre"), { textContent: figure.steps.join("\n") });
    steps.append(summary, code);
    parts.push(steps);
  }
  box.replaceChildren(...parts);
  if (figure.grade === "invalid") input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

/**
 * @param {HTMLFormElement} form
 * @param {TryReply} reply
 */
function showAssumptions(form, reply) {
  for (const item of reply.assumptions || []) {
    const input = form.querySelector(`.sd-try__assumption input[name="${CSS.escape(item.name)}"]`);
    if (!input) continue;
    const error = /** @type {HTMLElement} */ (input.parentElement?.querySelector(".sd-try__error"));
    error.textContent = item.error ? `Not read: ${item.error}` : "";
    error.hidden = !item.error;
    if (item.error) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
}

/**
 * @param {HTMLElement} panel
 * @param {TryState} state
 */
function showCompare(panel, state) {
  const box = /** @type {HTMLElement} */ (panel.querySelector(".sd-try__compare"));
  const rows = [];
  const figures = (state.reply && state.reply.figures) || [];
  for (const li of /** @type {NodeListOf<HTMLElement>} */ (panel.querySelectorAll(".sd-try__figure"))) {
    const name = li.dataset.name || "";
    const graded = figures.find((f) => f.name === name);
    const row = document.createElement("tr");
    const label = Object.assign(document.createElement("th"), { scope: "row", textContent: li.querySelector("label")?.textContent || "" });
    const yours = (graded && (graded.yours || graded.given)) || (state.answers || {})[name] || "—";
    const theirs = (graded && graded.shown) || li.dataset.shown || "";
    const grade = graded ? `${GRADE_ICONS[graded.grade] || ""} ${GRADE_WORDS[graded.grade] || graded.grade}` : "not checked";
    row.append(label, ...[yours, theirs, grade].map((text) => Object.assign(document.createElement("td"), { textContent: text })));
    rows.push(row);
  }
  /** @type {HTMLElement} */ (box.querySelector("tbody")).replaceChildren(...rows);
  /** @type {HTMLElement} */ (box.querySelector(".sd-try__compare-note")).textContent = state.reply && state.reply.changed
    ? "The sheet's figures here use your assumptions; the page below shows its own."
    : "";
  box.hidden = state.mode !== "revealed";
}

/**
 * @param {HTMLElement} panel
 * @param {TryState} state
 */
function render(panel, state) {
  const form = /** @type {HTMLFormElement} */ (panel.querySelector(".sd-try__body"));
  const on = state.mode === "trying";
  /** @type {HTMLElement} */ (panel.querySelector(".sd-try__switch")).setAttribute("aria-pressed", String(on));
  panel.dataset.mode = state.mode || "off";
  form.hidden = !state.mode || state.mode === "off";
  fold(panel, on);
  for (const figure of (state.reply && state.reply.figures) || []) showFigure(form, figure, state.mode === "revealed");
  if (state.reply) showAssumptions(form, state.reply);
  showCompare(panel, state);
}

/**
 * @param {HTMLFormElement} form
 * @param {string} selector  inputs
 * @returns {NodeListOf<HTMLInputElement>}
 */
function inputs(form, selector) {
  return form.querySelectorAll(selector);
}

/**
 * @param {HTMLFormElement} form
 * @param {string} selector  inputs
 * @returns {Record<string, string>}
 */
function valuesOf(form, selector) {
  return Object.fromEntries([...inputs(form, selector)].map((el) => [el.name, el.value]));
}

/**
 * @param {HTMLFormElement} form
 * @returns {Record<string, string>}
 */
function changedAssumptions(form) {
  const all = [...inputs(form, ".sd-try__assumption input")];
  return Object.fromEntries(all.filter((el) => el.value.trim() !== el.dataset.default).map((el) => [el.name, el.value]));
}

/** @param {HTMLElement} panel  a .sd-try (macros/templates/try_first.html) */
async function setup(panel) {
  if (panel.dataset.enhanced) return;
  panel.dataset.enhanced = "true";
  panel.id = panel.id || `sd-try-${panel.dataset.sheet}`;
  const name = panel.dataset.sheet || "";
  const form = /** @type {HTMLFormElement} */ (panel.querySelector(".sd-try__body"));
  const status = /** @type {HTMLElement} */ (panel.querySelector(".sd-try__status"));
  /** @type {TryState} */
  const state = Object.assign({ mode: "off", answers: {}, assumptions: {} }, load(name));
  for (const [field_, value] of Object.entries(state.answers || {})) {
    /** @type {HTMLInputElement | null} */
    const input = form.querySelector(`.sd-try__figure input[name="${CSS.escape(field_)}"]`);
    if (input) input.value = value;
  }
  for (const [field_, value] of Object.entries(state.assumptions || {})) {
    /** @type {HTMLInputElement | null} */
    const input = form.querySelector(`.sd-try__assumption input[name="${CSS.escape(field_)}"]`);
    if (input) input.value = value;
  }
  panel.hidden = false;
  render(panel, state);

  /** @type {string | null} */
  let text = null;
  const sheetText = async () => {
    if (text === null) {
      const url = new URL(`${name}.sheet`, new URL(panel.dataset.sheets || "", location.href));
      text = await fetch(url).then((r) => (r.ok ? r.text() : null)).catch(() => null);
    }
    return text;
  };
  const remember = () => {
    state.answers = valuesOf(form, ".sd-try__figure input");
    state.assumptions = changedAssumptions(form);
    save(name, state);
  };
  let asked = 0;
  const check = async () => {
    remember();
    const mine = ++asked;
    status.textContent = "Checking… (the first check starts the calculator runtime: a few seconds)";
    panel.dataset.busy = "true";
    const ready = await startRuntime().ready;
    const source = ready ? await sheetText() : null;
    if (!ready || source === null) {
      delete panel.dataset.busy;
      status.textContent = "Grading needs the calculator runtime, which could not load here. Reveal the answer to compare by eye.";
      return;
    }
    /** @type {TryReply} */
    const reply = await request({ type: "try", text: source, assumptions: state.assumptions, answers: state.answers });
    if (mine !== asked) return; // a newer check is on its way
    delete panel.dataset.busy;
    if (reply.error || !reply.figures) {
      status.textContent = `Could not check: ${reply.error || "no reply"}`;
      return;
    }
    state.reply = reply;
    save(name, state);
    render(panel, state);
    panel.dataset.checked = String(asked);
    status.textContent = `Checked: ${reply.points} of ${reply.out_of} points${reply.changed ? ", with your assumptions" : ""}.`;
  };

  /** @type {HTMLElement} */ (panel.querySelector(".sd-try__switch")).addEventListener("click", () => {
    state.mode = state.mode === "trying" ? "off" : "trying";
    save(name, state);
    render(panel, state);
    if (state.mode === "trying") {
      startRuntime(); // boots while the reader works out the first figure
      /** @type {HTMLInputElement | null} */
      const first = form.querySelector(".sd-try__figure input");
      if (first) first.focus();
    }
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); check(); });
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  form.addEventListener("input", () => {
    remember();
    if (!state.reply) return; // grades follow edits once the reader has checked
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
  /** @type {HTMLElement} */ (panel.querySelector(".sd-try__reset")).addEventListener("click", () => {
    for (const input of inputs(form, ".sd-try__assumption input")) input.value = input.dataset.default || "";
    remember();
    if (state.reply) check();
  });
  /** @type {HTMLElement} */ (panel.querySelector(".sd-try__clear")).addEventListener("click", () => {
    for (const input of inputs(form, ".sd-try__figure input")) input.value = "";
    delete state.reply;
    for (const box of /** @type {NodeListOf<HTMLElement>} */ (form.querySelectorAll(".sd-try__grade"))) box.hidden = true;
    remember();
    render(panel, state);
    status.textContent = "Your answers are cleared.";
  });
  /** @type {HTMLElement} */ (panel.querySelector(".sd-try__reveal")).addEventListener("click", () => {
    state.mode = "revealed";
    save(name, state);
    render(panel, state);
    status.textContent = "Revealed: every section is back, and your figures are beside the sheet's.";
    /** @type {HTMLElement} */ (panel.querySelector(".sd-try__compare")).scrollIntoView({ block: "nearest" });
  });
  if (state.mode !== "off" && Object.values(state.answers || {}).some((v) => v.trim())) {
    startRuntime();
  }
  panel.inert = false; // shown from the first paint (sysdesign.css), usable from now on
}

function enhance() {
  for (const panel of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".sd-try"))) setup(panel);
}

if (window.document$) window.document$.subscribe(enhance);
else document.addEventListener("DOMContentLoaded", enhance);
