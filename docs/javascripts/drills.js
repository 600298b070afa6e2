// Estimation drills (practice/drills.md): the problem, the checking and the worked solution all
// come from sysdesign_core.drills running in Pyodide, in the calculators' worker (calc-worker.js). The seed is in the URL
// (?seed=…), so a drill can be shared. Without JavaScript the page keeps its solved drills.

import { request, startRuntime } from "./calculators.js";
import { recordActivity } from "./progress.js";

const MAX_SEED = 999999;
// One icon per grade, so that grades differ by shape as well as by colour.
export const GRADE_ICONS = { exact: "★", close: "✔", magnitude: "≈", off: "✘", invalid: "⚠", missing: "…" };

function start() {
  return startRuntime().ready;
}

function ask(seed, answers) {
  return request({ type: "drill", seed, answers });
}

function randomSeed() {
  return String(Math.floor(Math.random() * (MAX_SEED + 1)));
}

function setSeedInUrl(seed) {
  const params = new URLSearchParams(location.search);
  params.set("seed", seed);
  history.replaceState(history.state, "", `${location.pathname}?${params}${location.hash}`);
}

function buildFields(box, verdicts) {
  if (box.childElementCount) return;
  for (const v of verdicts) {
    const field = document.createElement("div");
    field.className = "sd-calc__field";
    field.innerHTML = `<label for="sd-drill-${v.name}"></label>
<input id="sd-drill-${v.name}" name="${v.name}" autocomplete="off" spellcheck="false" aria-describedby="sd-drill-${v.name}-verdict">
<p id="sd-drill-${v.name}-verdict" class="sd-drill__verdict" hidden></p>`;
    field.querySelector("label").textContent = v.label;
    box.append(field);
  }
}

function showDrill(form, reply, checked) {
  const seedError = form.querySelector("#sd-drill-seed-error");
  const seedInput = form.querySelector("#sd-drill-seed");
  if (!reply.ok) {
    seedError.textContent = reply.error;
    seedError.hidden = false;
    seedInput.setAttribute("aria-invalid", "true");
    return;
  }
  seedError.hidden = true;
  seedInput.removeAttribute("aria-invalid");
  form.querySelector("#sd-drill-statement").textContent = reply.statement;
  const box = form.querySelector("#sd-drill-answers");
  buildFields(box, reply.verdicts);
  const steps = form.querySelector("#sd-drill-steps");
  steps.replaceChildren(...reply.solution.map((line) => Object.assign(document.createElement("li"), { textContent: line })));
  const result = form.querySelector("#sd-drill-result");
  for (const v of reply.verdicts) {
    const input = box.querySelector(`[name="${v.name}"]`);
    const note = box.querySelector(`#sd-drill-${v.name}-verdict`);
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

function answersOf(form) {
  return Object.fromEntries([...form.querySelectorAll("#sd-drill-answers input")].map((el) => [el.name, el.value]));
}

async function setup(form) {
  if (form.dataset.enhanced) return;
  form.dataset.enhanced = "true";
  const seedInput = form.querySelector("#sd-drill-seed");
  seedInput.value = new URLSearchParams(location.search).get("seed") || randomSeed();
  if (!(await start()) || !form.isConnected) return;
  form.hidden = false;
  form.dataset.state = "live";
  const load = async () => {
    for (const input of form.querySelectorAll("#sd-drill-answers input")) input.value = "";
    const reply = await ask(seedInput.value, {});
    if (reply.ok) setSeedInPage(seedInput.value.trim());
    showDrill(form, reply, false);
  };
  const setSeedInPage = (seed) => setSeedInUrl(seed);
  seedInput.addEventListener("change", load);
  form.querySelector('[data-action="new"]').addEventListener("click", () => { seedInput.value = randomSeed(); load(); });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const reply = await ask(seedInput.value, answersOf(form));
    showDrill(form, reply, true);
    if (reply.ok) recordActivity("drills");
  });
  await load();
}

function enhance() {
  const form = document.getElementById("sd-drill");
  if (form) setup(form);
}

if (window.document$) window.document$.subscribe(enhance);
else document.addEventListener("DOMContentLoaded", enhance);
