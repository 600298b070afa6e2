// Interview mode (practice/interview.md): a clock over the framework's steps.
// The steps, minutes and prompts are JSON the build put in #sd-interview-data (from the
// catalog). State lives in localStorage, so a reload keeps the clock where it was.

const KEY = "sd-interview-v1";
const TICK_MS = 250;
const UNDO_MS = 30000; // how long a reset can be undone

function format(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

function load(count) {
  try {
    const state = JSON.parse(localStorage.getItem(KEY));
    if (state && Array.isArray(state.used) && state.used.length === count) return state;
  } catch { /* a damaged entry starts afresh */ }
  return { index: 0, used: new Array(count).fill(0), running: false, since: 0, done: false };
}

function save(state) {
  try { localStorage.setItem(KEY, JSON.stringify(state)); } catch { /* private mode */ }
}

function element(tag, text, className) {
  const el = document.createElement(tag);
  if (text) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function setup(root) {
  if (root.dataset.enhanced) return;
  root.dataset.enhanced = "true";
  const data = JSON.parse(document.getElementById("sd-interview-data").textContent);
  const steps = data.steps;
  const budget = steps.map((step) => step.minutes * 60000);
  const totalBudget = budget.reduce((a, b) => a + b, 0);
  let state = load(steps.length);
  const $ = (id) => root.querySelector(`#${id}`);
  const toggle = root.querySelector('[data-action="toggle"]');
  const announce = $("sd-interview-announce");
  const undoButton = root.querySelector('[data-action="undo"]');
  let undo = null; // {state, at}: the clock before the last reset, while it can come back
  let undoTimer = 0;

  const list = $("sd-interview-steps");
  const items = steps.map((step) => {
    const li = element("li");
    li.append(element("span", step.name, "sd-interview__step-name"), " ",
      element("span", `${step.minutes} min`, "sd-interview__step-min"));
    list.append(li);
    return li;
  });

  const elapsed = (i) => state.used[i] + (state.running && i === state.index ? Date.now() - state.since : 0);

  function renderPrompts() {
    const body = $("sd-interview-prompts-body");
    body.replaceChildren();
    if (state.done) { body.append(element("p", "Time is up. Summarise the design and its trade-offs in two sentences.")); return; }
    const step = steps[state.index];
    body.append(element("p", step.cue, "sd-interview__cue"));
    body.append(element("p", `Have on the board: ${step.produce}.`));
    for (const ref of [...step.refs, data.red_flags]) {
      const details = element("details");
      details.append(element("summary", ref.title));
      const ul = element("ul");
      for (const line of ref.items) ul.append(element("li", line));
      details.append(ul);
      body.append(details);
    }
  }

  function say(text) { announce.textContent = text; }

  function phaseText() {
    if (state.done) return "Interview over";
    return `Step ${state.index + 1} of ${steps.length}: ${steps[state.index].name}`;
  }

  function render() {
    $("sd-interview-phase").textContent = phaseText();
    const stepLeft = state.done ? 0 : budget[state.index] - elapsed(state.index);
    const used = steps.reduce((sum, _, i) => sum + elapsed(i), 0);
    $("sd-interview-step-left").textContent = format(stepLeft);
    $("sd-interview-total-left").textContent = format(totalBudget - used);
    toggle.textContent = state.running ? "Pause" : (used > 0 && !state.done ? "Resume" : "Start");
    toggle.disabled = state.done;
    items.forEach((li, i) => {
      li.classList.toggle("sd-interview__step--current", i === state.index && !state.done);
      li.classList.toggle("sd-interview__step--past", i < state.index || state.done);
      if (i === state.index && !state.done) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
  }

  function go(next, reason) {
    if (state.running) { state.used[state.index] += Date.now() - state.since; state.since = Date.now(); }
    if (next >= steps.length) {
      state.done = true; state.running = false;
      say(`${reason} The interview is over.`);
    } else {
      state.index = next;
      say(`${reason} Step ${next + 1} of ${steps.length}: ${steps[next].name}, ${steps[next].minutes} minutes.`);
    }
    save(state); renderPrompts(); render();
  }

  const actions = {
    toggle() {
      if (state.done) return;
      if (state.running) { state.used[state.index] += Date.now() - state.since; state.running = false; say("Paused."); }
      else { state.running = true; state.since = Date.now(); say(`Running: ${phaseText()}.`); }
      save(state); render();
    },
    skip() { if (!state.done) go(state.index + 1, "Skipped."); },
    // A reset (a stray R while talking) can be undone: the clock as it was, still running if
    // it ran, with the time that passed meanwhile counted, until UNDO_MS have passed.
    reset() {
      const started = state.running || state.used.some((ms) => ms > 0) || state.index > 0;
      undo = started ? { state: { ...state, used: [...state.used] }, at: Date.now() } : null;
      state = { index: 0, used: new Array(steps.length).fill(0), running: false, since: 0, done: false };
      save(state);
      say(undo ? "Reset. Press U or Undo reset to bring the clock back." : "Reset.");
      undoButton.hidden = !undo;
      clearTimeout(undoTimer);
      if (undo) undoTimer = setTimeout(() => { undo = null; undoButton.hidden = true; }, UNDO_MS);
      renderPrompts(); render();
    },
    undo() {
      if (!undo) return;
      state = undo.state;
      undo = null;
      clearTimeout(undoTimer);
      undoButton.hidden = true;
      save(state);
      say(`Reset undone: ${phaseText()}.`);
      toggle.focus();
      renderPrompts(); render();
    },
  };

  root.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) actions[button.dataset.action]();
  });
  const onKey = (event) => {
    if (!root.isConnected) { document.removeEventListener("keydown", onKey); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === " " && !event.target.closest("button")) { event.preventDefault(); actions.toggle(); }
    else if (event.key === "ArrowRight") { event.preventDefault(); actions.skip(); }
    else if (event.key === "r" || event.key === "R") actions.reset();
    else if (event.key === "u" || event.key === "U") actions.undo();
  };
  document.addEventListener("keydown", onKey);

  const timer = setInterval(() => {
    if (!root.isConnected) { clearInterval(timer); return; }
    if (state.running && elapsed(state.index) >= budget[state.index]) go(state.index + 1, "Time is up.");
    else render();
  }, TICK_MS);
  root.hidden = false;
  renderPrompts();
  render();
}

function enhance() {
  const root = document.getElementById("sd-interview");
  if (root && document.getElementById("sd-interview-data")) setup(root);
}

if (window.document$) window.document$.subscribe(enhance);
else document.addEventListener("DOMContentLoaded", enhance);
