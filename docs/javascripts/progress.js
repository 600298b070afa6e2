// @ts-check
// Progress you can see: "Mark as done" at the top of every design, walkthrough and senior
// topic; the progress view ({{ progress() }}: macros/progress.py) on the home page and the
// problems index; drill and flashcard streaks. Everything lives in this browser's
// localStorage (keys starting "sd-"); export writes them to a file, import reads them back.

const KEY = "sd-progress-v1";
const FILE_KIND = "sysdesign-progress";

/**
 * What this browser keeps: the day each page was marked done, and the days of each practice.
 * @typedef {{done: Record<string, string>, days: Record<string, string[]>}} Progress
 */

const today = () => new Date().toISOString().slice(0, 10);

/** @returns {Progress} */
function read() {
  try {
    const state = JSON.parse(localStorage.getItem(KEY) || "null");
    if (state && typeof state === "object" && state.done && typeof state.done === "object") {
      state.days = state.days && typeof state.days === "object" ? state.days : {};
      return state;
    }
  } catch {
    // unreadable: start afresh
  }
  return { done: {}, days: {} };
}

/** @param {Progress} state */
function write(state) {
  try { localStorage.setItem(KEY, JSON.stringify(state)); } catch { /* private mode */ }
}

/**
 * Practice pages call this when the reader practises ("drills", "flashcards"): one mark a day.
 * @param {string} kind
 */
export function recordActivity(kind) {
  const state = read();
  const days = new Set(state.days[kind] || []);
  days.add(today());
  state.days[kind] = [...days].sort().slice(-400);
  write(state);
}

/**
 * Consecutive days up to today (or up to yesterday, if today has none yet).
 * @param {string[] | undefined} days  "YYYY-MM-DD"
 */
export function streak(days) {
  const have = new Set(days || []);
  const day = new Date(`${today()}T00:00:00Z`);
  if (!have.has(today())) day.setUTCDate(day.getUTCDate() - 1);
  let count = 0;
  while (have.has(day.toISOString().slice(0, 10))) {
    count += 1;
    day.setUTCDate(day.getUTCDate() - 1);
  }
  return count;
}

// The site's root URL: the runtime meta names the worksheet page, one level below the root.
function siteRoot() {
  /** @type {HTMLMetaElement | null} */
  const meta = document.querySelector('meta[name="sd-runtime"]');
  const worksheet = meta && meta.dataset.worksheet;
  return worksheet ? new URL("../", new URL(worksheet, location.href)) : new URL("/", location.href);
}

function pageKey() {
  const root = siteRoot().pathname;
  const path = location.pathname.endsWith("/") ? location.pathname : `${location.pathname}/`;
  return path.startsWith(root) ? decodeURIComponent(path.slice(root.length)) : "";
}

/** The "Mark as done" button the build puts after the title of every tracked page (macros/progress.py). */
function markButton() {
  /** @type {HTMLElement | null} */
  const box = document.querySelector("article .sd-done");
  const button = box && box.querySelector("button");
  if (!box || !button || box.dataset.enhanced) return;
  box.dataset.enhanced = "true";
  const key = pageKey();
  const show = () => {
    const when = read().done[key];
    button.setAttribute("aria-pressed", String(Boolean(when)));
    button.textContent = when ? `Done (${when}) — mark as not done` : "Mark as done";
  };
  button.addEventListener("click", () => {
    const state = read();
    if (state.done[key]) delete state.done[key];
    else state.done[key] = today();
    write(state);
    show();
  });
  show();
  box.hidden = false;
  box.inert = false;
}

/**
 * The element of ``root`` that ``selector`` names: the template (macros/templates/progress.html)
 * always has it.
 * @template {Element} [E=HTMLElement]
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {E}
 */
function part(root, selector) {
  return /** @type {E} */ (root.querySelector(selector));
}

/** @param {HTMLElement} view  a .sd-progress */
function renderView(view) {
  const state = read();
  const items = [.../** @type {NodeListOf<HTMLLIElement>} */ (view.querySelectorAll("li[data-key]"))];
  for (const li of items) {
    const when = state.done[li.dataset.key || ""];
    li.dataset.done = when ? "true" : "false";
    part(li, ".sd-progress__mark").textContent = when ? "✔" : "○";
    part(li, ".sd-progress__state").textContent = when ? ` — done ${when}` : " — not done";
  }
  for (const group of view.querySelectorAll(".sd-progress__group")) {
    const all = group.querySelectorAll("li[data-key]");
    const done = group.querySelectorAll('li[data-done="true"]');
    part(group, ".sd-progress__count").textContent = `(${done.length} of ${all.length} done)`;
  }
  const doneCount = items.filter((li) => li.dataset.done === "true").length;
  part(view, ".sd-progress__summary").textContent = doneCount
    ? `${doneCount} of ${items.length} done.`
    : 'Nothing marked as done yet: press "Mark as done" at the top of a design or senior topic when you have worked through it.';
  const next = items.find((li) => li.dataset.done !== "true");
  const nextBox = part(view, ".sd-progress__next");
  nextBox.hidden = !next;
  if (next) {
    /** @type {HTMLAnchorElement} */
    const link = part(next, "a");
    /** @type {HTMLAnchorElement} */
    const target = part(nextBox, "a");
    target.href = link.href;
    target.textContent = link.textContent;
  }
  const drills = streak(state.days.drills);
  const cards = streak(state.days.flashcards);
  part(view, ".sd-progress__streaks").textContent =
    `Streaks: drills ${drills} day${drills === 1 ? "" : "s"}, flashcards ${cards} day${cards === 1 ? "" : "s"}.`;
}

function everything() {
  /** @type {Record<string, string | null>} */
  const data = {};
  for (let i = 0; i < localStorage.length; i += 1) {
    const name = localStorage.key(i);
    if (name && name.startsWith("sd-")) data[name] = localStorage.getItem(name);
  }
  return { kind: FILE_KIND, version: 1, saved: new Date().toISOString(), data };
}

/**
 * A file from export (or by hand): every key must start "sd-" and hold text; else nothing is
 * written and the reason is shown.
 * @param {string} text
 * @returns {string}  why nothing was imported, or ""
 */
function restore(text) {
  let file;
  try {
    file = JSON.parse(text);
  } catch {
    return "That file is not JSON: choose a file saved with “Export progress”.";
  }
  if (!file || file.kind !== FILE_KIND || typeof file.data !== "object" || !file.data) {
    return "That file is not a sysdesign progress file: choose one saved with “Export progress”.";
  }
  const entries = Object.entries(file.data);
  if (entries.some(([name, value]) => !name.startsWith("sd-") || typeof value !== "string")) {
    return "That file has entries this site does not use; nothing was imported.";
  }
  for (const [name, value] of entries) localStorage.setItem(name, /** @type {string} */ (value));
  return "";
}

/** @param {HTMLElement} view  a .sd-progress */
function setupView(view) {
  if (view.dataset.enhanced) return;
  view.dataset.enhanced = "true";
  view.hidden = false;
  const message = part(view, ".sd-progress__message");
  renderView(view);
  part(view, ".sd-progress__export").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(everything(), null, 2)], { type: "application/json" });
    const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: `sysdesign-progress-${today()}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    message.textContent = "Exported: keep the file, and import it on another device.";
  });
  /** @type {HTMLInputElement} */
  const input = part(view, ".sd-progress__import");
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const problem = restore(await file.text());
    input.value = "";
    message.textContent = problem || `Imported from ${file.name}.`;
    renderView(view);
  });
  const clear = part(view, ".sd-progress__clear");
  /** @type {ReturnType<typeof setTimeout> | null} */
  let armed = null;
  clear.addEventListener("click", () => {
    if (!armed) { // ask once more: clearing cannot be undone (unless exported)
      clear.textContent = "Press again to clear everything";
      message.textContent = "This clears done pages, streaks, flashcard schedules and answers. Export first to keep them.";
      armed = setTimeout(() => { armed = null; clear.textContent = "Clear progress"; }, 6000);
      return;
    }
    clearTimeout(armed);
    armed = null;
    const names = Object.keys(everything().data);
    for (const name of names) localStorage.removeItem(name);
    clear.textContent = "Clear progress";
    message.textContent = "Cleared.";
    renderView(view);
  });
  view.inert = false; // shown from the first paint (sysdesign.css), usable from now on
}

function enhance() {
  markButton();
  for (const view of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".sd-progress"))) {
    setupView(view);
  }
}

if (window.document$) window.document$.subscribe(enhance);
else document.addEventListener("DOMContentLoaded", enhance);
