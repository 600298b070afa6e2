// @ts-check
// Estimation drills (practice/drills.md): the problem, the checking and the worked solution all
// come from sysdesign_core.drills running in Pyodide, in the calculators' worker (calc-worker.js). The seed is in the URL
// (?seed=…), so a drill can be shared. Without JavaScript the page keeps its solved drills.

import { request, startRuntime } from "./runtime.js";
import { recordActivity } from "./progress.js";

const MAX_SEED = 999999;
/**
 * One typed answer, graded (sysdesign_core.drills.Verdict).
 * @typedef {{name: string, label: string, grade: string, message: string}} Verdict
 */
/**
 * A "drill" reply (sysdesign_core.drills.respond); {ok: false, error} for a bad seed.
 * @typedef {import("./runtime.js").Reply & {statement: string, verdicts: Verdict[],
 *   solution: string[], points: number, out_of: number}} DrillReply
 */
// One icon per grade, so that grades differ by shape as well as by colour.
/** @type {Record<string, string>} */
export const GRADE_ICONS = { exact: "★", close: "✔", magnitude: "≈", off: "✘", invalid: "⚠", missing: "…" };

function start() {
  return startRuntime().ready;
}

/**
 * @param {string} seed
 * @param {Record<string, string>} answers
 * @returns {Promise<DrillReply>}
 */
function ask(seed, answers) {
  return /** @type {Promise<DrillReply>} */ (request({ type: "drill", seed, answers }));
}

function randomSeed() {
  return String(Math.floor(Math.random() * (MAX_SEED + 1)));
}

/** @param {string} seed */
function setSeedInUrl(seed) {
  const params = new URLSearchParams(location.search);
  params.set("seed", seed);
  history.replaceState(history.state, "", `${location.pathname}?${params}${location.hash}`);
}

/**
 * @param {HTMLElement} box
 * @param {Verdict[]} verdicts
 */
function buildFields(box, verdicts) {
  if (box.childElementCount) return;
  for (const v of verdicts) {
    const field = document.createElement("div");
    field.className = "sd-calc__field";
    field.innerHTML = `<label for="sd-drill-${v.name}"></label>
<input id="sd-drill-${v.name}" name="${v.name}" autocomplete="off" spellcheck="false" aria-describedby="sd-drill-${v.name}-verdict">
<p id="sd-drill-${v.name}-verdict" class="sd-drill__verdict" hidden></p>`;
    /** @type {HTMLLabelElement} */ (field.querySelector("label")).textContent = v.label;
    box.append(field);
  }
}

/**
 * The element of the drill form with this id (docs/practice/drills.md has them all).
 * @template {HTMLElement} [E=HTMLElement]
 * @param {HTMLFormElement} form
 * @param {string} id
 * @returns {E}
 */
function byId(form, id) {
  return /** @type {E} */ (form.querySelector(`#${id}`));
}

/**
 * @param {HTMLFormElement} form
 * @param {DrillReply} reply
 * @param {boolean} checked  the answers were checked: show their grades
 */
function showDrill(form, reply, checked) {
  const seedError = byId(form, "sd-drill-seed-error");
  const seedInput = byId(form, "sd-drill-seed");
  if (!reply.ok) {
    seedError.textContent = reply.error || "";
    seedError.hidden = false;
    seedInput.setAttribute("aria-invalid", "true");
    return;
  }
  seedError.hidden = true;
  seedInput.removeAttribute("aria-invalid");
  byId(form, "sd-drill-statement").textContent = reply.statement;
  const box = byId(form, "sd-drill-answers");
  buildFields(box, reply.verdicts);
  const steps = byId(form, "sd-drill-steps");
  steps.replaceChildren(...reply.solution.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
  const result = byId(form, "sd-drill-result");
  for (const v of reply.verdicts) {
    const input = /** @type {HTMLInputElement} */ (box.querySelector(`[name="${v.name}"]`));
    const note = /** @type {HTMLElement} */ (box.querySelector(`#sd-drill-${v.name}-verdict`));
    note.hidden = !checked;
    note.dataset.grade = v.grade;
    // The message names the grade in words; the icon (and the colour, in CSS) only repeat it.
    const icon = Object.assign(document.createElement("span"), { className: "sd-drill__icon", textContent: GRADE_ICONS[v.grade] || "" });
    icon.setAttribute("aria-hidden", "true");
    if (checked) note.replaceChildren(icon, v.message);
    else note.textContent = "";
    if (checked && v.grade === "invalid") input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
  result.textContent = checked ? `Score: ${reply.points} of ${reply.out_of}.` : "";
  form.dataset.points = checked ? String(reply.points) : "";
}

/** @param {HTMLFormElement} form */
function answers(form) {
  return /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("#sd-drill-answers input"));
}

/** @param {HTMLFormElement} form */
function answersOf(form) {
  return Object.fromEntries([...answers(form)].map((el) => [el.name, el.value]));
}

/** @param {HTMLFormElement} form */
async function setup(form) {
  if (form.dataset.enhanced) return;
  form.dataset.enhanced = "true";
  /** @type {HTMLInputElement} */
  const seedInput = byId(form, "sd-drill-seed");
  seedInput.value = new URLSearchParams(location.search).get("seed") || randomSeed();
  if (!(await start()) || !form.isConnected) return;
  form.hidden = false;
  form.dataset.state = "live";
  const load = async () => {
    for (const input of answers(form)) input.value = "";
    const reply = await ask(seedInput.value, {});
    if (reply.ok) setSeedInPage(seedInput.value.trim());
    showDrill(form, reply, false);
  };
  /** @param {string} seed */
  const setSeedInPage = (seed) => setSeedInUrl(seed);
  seedInput.addEventListener("change", load);
  /** @type {HTMLButtonElement} */ (form.querySelector('[data-action="new"]')).addEventListener("click", () => { seedInput.value = randomSeed(); load(); });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const reply = await ask(seedInput.value, answersOf(form));
    showDrill(form, reply, true);
    if (reply.ok) recordActivity("drills");
  });
  await load();
}

function enhance() {
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById("sd-drill"));
  if (form) setup(form);
}

if (window.document$) window.document$.subscribe(enhance);
else document.addEventListener("DOMContentLoaded", enhance);
