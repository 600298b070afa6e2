// @ts-check
// Interview mode (practice/interview.md): a clock over the framework's steps, on a problem at
// a level. The steps, minutes, prompts, problems with their checkpoints and the levels' review
// are JSON the build put in #sd-interview-data's data-json (from the catalog and the sheets).
// State lives in localStorage, so a reload keeps the clock where it was; the problem and the
// level are also in the address (?problem=chat&level=senior), so a link can start them.

const KEY = "sd-interview-v2";
const TICK_MS = 250;
const UNDO_MS = 30000; // how long a reset can be undone
const RANDOM = "random";

/**
 * The build's data (macros/practice_hooks.py interview_data).
 * @typedef {{title: string, items: string[]}} Ref
 * @typedef {{name: string, minutes: number, produce: string, cue: string, refs: Ref[]}} Step
 * @typedef {{ask: string, value: string, decides: string}} Figure
 * @typedef {{lines: {label: string, items: string[]}[], figures: Figure[]}} Checkpoint
 * @typedef {{slug: string, name: string, asked_as: string, challenge: string, href: string,
 *   checkpoints: (Checkpoint | null)[], rubric: Record<string, number>}} Problem
 * @typedef {{steps: Step[], red_flags: Ref, levels: {key: string, label: string}[],
 *   default_level: string, problems: Problem[], rubrics: string[][]}} Data
 */
/**
 * The clock, kept in localStorage: the step, the time used per step (ms), whether it runs and
 * since when, the warning said for a step, and the self-review's ticks.
 * @typedef {{problem: string, level: string, index: number, used: number[], running: boolean,
 *   since: number, done: boolean, warned: number, review: boolean[]}} State
 */

/**
 * Time left counts down in whole seconds shown rounded up (0:01 until it is really 0); time
 * over counts up rounded down, so a step is "over by 0:00" for its first second past the plan.
 * @param {number} ms
 * @param {(x: number) => number} [round]
 */
function format(ms, round = Math.ceil) {
  const total = Math.max(0, round(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
/** @param {number} ms */
const formatOver = (ms) => format(ms, Math.floor);

/**
 * @param {number} count  steps
 * @param {string} problem
 * @param {string} level
 * @returns {State}
 */
function fresh(count, problem, level) {
  return { problem, level, index: 0, used: new Array(count).fill(0), running: false, since: 0,
    done: false, warned: -1, review: [] };
}

/**
 * @param {number} count  steps: a kept clock for another number of steps is dropped
 * @param {State} fallback
 * @returns {State}
 */
function load(count, fallback) {
  try {
    const state = JSON.parse(localStorage.getItem(KEY) || "null");
    if (state && Array.isArray(state.used) && state.used.length === count) return { ...fallback, ...state };
  } catch { /* a damaged entry starts afresh */ }
  return fallback;
}

/** @param {State} state */
function save(state) {
  try { localStorage.setItem(KEY, JSON.stringify(state)); } catch { /* private mode */ }
}

/**
 * A new element with its text and class.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [text]
 * @param {string} [className]
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(tag, text, className) {
  const el = document.createElement(tag);
  if (text) el.textContent = text;
  if (className) el.className = className;
  return el;
}

/**
 * @param {string[]} items
 * @param {string} [className]
 */
function list(items, className) {
  const ul = element("ul", "", className);
  for (const item of items) ul.append(element("li", item));
  return ul;
}

/**
 * A rubric line is "Label: what is expected"; the label is shown bold.
 * @param {string} line
 */
function labelled(line) {
  const at = line.indexOf(": ");
  const span = element("span");
  if (at < 0) { span.textContent = line; return span; }
  span.append(element("strong", `${line.slice(0, at)}:`), ` ${line.slice(at + 2)}`);
  return span;
}

/**
 * @param {HTMLElement} root  #sd-interview (docs/practice/interview.md)
 * @param {HTMLElement} source  #sd-interview-data, the build's data in data-json
 */
function setup(root, source) {
  if (root.dataset.enhanced) return;
  root.dataset.enhanced = "true";
  /** @type {Data} */
  const data = JSON.parse(source.dataset.json || "null");
  const steps = data.steps;
  const problems = new Map(data.problems.map((p) => [p.slug, p]));
  const levels = new Map(data.levels.map((l) => [l.key, l.label]));
  const budget = steps.map((step) => step.minutes * 60000);
  const totalBudget = budget.reduce((a, b) => a + b, 0);
  /**
   * The element of the interview that ``selector`` names (the page has them all).
   * @template {HTMLElement} [E=HTMLElement]
   * @param {string} selector
   * @returns {E}
   */
  const part = (selector) => /** @type {E} */ (root.querySelector(selector));
  /**
   * The same, by id.
   * @template {HTMLElement} [E=HTMLElement]
   * @param {string} id
   * @returns {E}
   */
  const $ = (id) => part(`#${id}`);
  /** @type {HTMLButtonElement} */
  const toggle = part('[data-action="toggle"]');
  const skipButton = part('[data-action="skip"]');
  const announce = $("sd-interview-announce");
  const undoButton = part('[data-action="undo"]');
  /** @type {HTMLSelectElement} */
  const problemSelect = $("sd-interview-problem");
  /** @type {HTMLSelectElement} */
  const levelSelect = $("sd-interview-level");
  const note = $("sd-interview-note");
  /** @type {{state: State, at: number} | null} */
  let undo = null; // the clock before the last reset, while it can come back
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let undoTimer;

  problemSelect.append(new Option("Random problem", RANDOM));
  for (const p of data.problems) problemSelect.append(new Option(p.name, p.slug));
  for (const [key, label] of levels) levelSelect.append(new Option(label, key));

  let state = load(steps.length, fresh(steps.length, RANDOM, data.default_level));
  if (state.problem !== RANDOM && !problems.has(state.problem)) state.problem = RANDOM;
  if (!levels.has(state.level)) state.level = data.default_level;
  /** @param {string} slug */
  const problemName = (slug) => problems.get(slug)?.name ?? "a random problem";

  // What the address asks for; a value the page does not know is dropped, with a note.
  const params = new URLSearchParams(location.search);
  const notes = [];
  let askedProblem = params.get("problem");
  let askedLevel = params.get("level");
  if (askedProblem !== null && askedProblem !== RANDOM && !problems.has(askedProblem)) {
    notes.push(state.problem === RANDOM
      ? `No problem is called “${askedProblem}” here: one is drawn at random when you start, or pick one below.`
      : `No problem is called “${askedProblem}” here: showing ${problemName(state.problem)}; pick another below.`);
    askedProblem = null;
  }
  if (askedLevel !== null && !levels.has(askedLevel)) {
    notes.push(`“${askedLevel}” is not a level here (${[...levels.keys()].join(", ")}): showing ${levels.get(state.level)}.`);
    askedLevel = null;
  }
  /** @param {State} s */
  const started = (s) => s.running || s.done || s.index > 0 || s.used.some((ms) => ms > 0);

  const stepList = $("sd-interview-steps");
  const items = steps.map((step) => {
    const li = element("li");
    li.append(element("span", step.name, "sd-interview__step-name"), " ",
      element("span", `${step.minutes} min`, "sd-interview__step-min"), " ",
      element("span", "", "sd-interview__step-over"));
    stepList.append(li);
    return li;
  });

  /** @param {number} i  a step */
  const elapsed = (i) => state.used[i] + (state.running && i === state.index ? Date.now() - state.since : 0);
  /** @param {number} i  a step */
  const overBy = (i) => elapsed(i) - budget[i];

  /** @param {string} text */
  function say(text) { announce.textContent = text; }

  function syncAddress() {
    const query = new URLSearchParams(location.search);
    query.set("problem", state.problem);
    query.set("level", state.level);
    history.replaceState(history.state, "", `${location.pathname}?${query}${location.hash}`);
  }

  /** @param {string} text */
  function showNote(text) {
    note.textContent = text;
    note.hidden = !text;
  }

  /**
   * @param {Step} step
   * @param {number} index
   */
  function checkpointBlock(step, index) {
    const problem = problems.get(state.problem);
    const box = element("div", "", "sd-interview__checkpoint");
    if (!problem) {
      box.append(element("p", "A problem is drawn at random when you press Start; what it should have on the board by the end of each step shows here."));
      return box;
    }
    const checkpoint = problem.checkpoints[index];
    box.append(element("h3", `${problem.name}: by the end of this step`));
    if (index === 0) box.append(element("p", `Asked as ${problem.asked_as}. What it tests: ${problem.challenge}.`, "sd-interview__brief"));
    if (!checkpoint) {
      box.append(element("p", `The page on ${problem.name} has nothing particular for this step: the prompt above applies.`));
      return box;
    }
    for (const line of checkpoint.lines) {
      box.append(element("p", line.label, "sd-interview__checkpoint-label"), list(line.items));
    }
    if (checkpoint.figures.length) {
      box.append(element("p", "Work out", "sd-interview__checkpoint-label"),
        list(checkpoint.figures.map((f) => f.ask)));
      const details = element("details", "", "sd-interview__figures");
      details.append(element("summary", "Check your figures"));
      const ul = element("ul");
      for (const figure of checkpoint.figures) {
        const li = element("li", `${figure.ask}: `);
        li.append(element("strong", figure.value));
        if (figure.decides) li.append(` — decides the design: ${figure.decides}.`);
        ul.append(li);
      }
      details.append(ul);
      box.append(details);
    }
    return box;
  }

  /** @param {HTMLElement} body */
  function review(body) {
    const over = steps.map((_, i) => overBy(i));
    const ran = steps.filter((_, i) => over[i] >= 1000);
    const used = steps.reduce((sum, _, i) => sum + elapsed(i), 0);
    body.append(element("p", "Time is up. Summarise the design and its trade-offs in two sentences.", "sd-interview__cue"));
    body.append(element("h3", "Time by step"));
    body.append(element("p", ran.length
      ? `${ran.length} of ${steps.length} steps ran over: ${ran.map((s) => `${s.name} by ${formatOver(over[steps.indexOf(s)])}`).join(", ")}. In all, ${format(used)} of ${format(totalBudget)}.`
      : `No step ran over its minutes. In all, ${format(used)} of ${format(totalBudget)}.`,
      "sd-interview__overrun"));
    const times = element("ol", "", "sd-interview__times");
    steps.forEach((step, i) => {
      const li = element("li");
      li.append(element("span", step.name, "sd-interview__step-name"),
        ` ${format(elapsed(i), Math.floor)} of ${step.minutes}:00`);
      if (over[i] >= 1000) {
        li.dataset.over = "true";
        li.append(" — ", element("strong", `ran over by ${formatOver(over[i])}`));
      }
      times.append(li);
    });
    body.append(times);

    const problem = problems.get(state.problem);
    if (!problem) return;
    const level = levels.get(state.level) || state.level;
    body.append(element("h3", `Self-review: ${level} on ${problem.name}`));
    body.append(element("p", `Tick what you did without being asked; what is left is what a ${level.toLowerCase()} candidate is expected to show that you did not.`));
    const lines = data.rubrics[problem.rubric[state.level]];
    const ul = element("ul", "", "sd-interview__rubric");
    lines.forEach((line, i) => {
      const li = element("li");
      const label = element("label");
      const box = element("input");
      box.type = "checkbox";
      box.checked = Boolean(state.review[i]);
      box.addEventListener("change", () => { state.review[i] = box.checked; save(state); });
      label.append(box, " ", labelled(line));
      li.append(label);
      ul.append(li);
    });
    body.append(ul);
    const back = element("p", "Then compare your design with the page: ");
    const link = element("a", `${problem.name} (${problem.asked_as})`);
    link.href = problem.href;
    back.append(link, ".");
    body.append(back);
  }

  function renderPrompts() {
    const body = $("sd-interview-prompts-body");
    $("sd-interview-prompts-title").textContent = state.done ? "Review" : "Now";
    body.replaceChildren();
    if (state.done) { review(body); return; }
    const step = steps[state.index];
    body.append(element("p", step.cue, "sd-interview__cue"));
    body.append(element("p", `Have on the board: ${step.produce}.`));
    body.append(checkpointBlock(step, state.index));
    for (const ref of [...step.refs, data.red_flags]) {
      const details = element("details");
      details.append(element("summary", ref.title));
      details.append(list(ref.items));
      body.append(details);
    }
  }

  function phaseText() {
    if (state.done) return "Interview over";
    return `Step ${state.index + 1} of ${steps.length}: ${steps[state.index].name}`;
  }

  /**
   * @param {string} id
   * @param {number} left  ms, below 0 once over
   */
  function clock(id, left) {
    const p = $(id);
    const over = left < 0;
    /** @type {HTMLElement} */ (p.querySelector("span:last-child")).textContent = over ? `${formatOver(-left)} over` : format(left);
    if (over) p.dataset.over = "true"; else delete p.dataset.over;
  }

  function render() {
    $("sd-interview-phase").textContent = phaseText();
    const used = steps.reduce((sum, _, i) => sum + elapsed(i), 0);
    clock("sd-interview-step-clock", state.done ? 0 : budget[state.index] - elapsed(state.index));
    clock("sd-interview-total-clock", totalBudget - used);
    toggle.textContent = state.running ? "Pause" : (used > 0 && !state.done ? "Resume" : "Start");
    toggle.disabled = state.done;
    skipButton.textContent = state.index === steps.length - 1 && !state.done ? "End interview" : "Next step";
    problemSelect.value = state.problem;
    levelSelect.value = state.level;
    items.forEach((li, i) => {
      const current = i === state.index && !state.done;
      li.classList.toggle("sd-interview__step--current", current);
      li.classList.toggle("sd-interview__step--past", i < state.index || state.done);
      if (current) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
      const over = overBy(i);
      /** @type {HTMLElement} */ (li.querySelector(".sd-interview__step-over")).textContent =
        over >= 1000 && (i <= state.index || state.done) ? `ran over by ${formatOver(over)}` : "";
    });
  }

  function overrunSummary() {
    const ran = steps.filter((_, i) => overBy(i) >= 1000).map((s) => s.name);
    return ran.length ? `Ran over: ${ran.join(", ")}.` : "No step ran over.";
  }

  /**
   * @param {number} next  the step to go to (past the last: the end)
   * @param {string} reason  said first
   */
  function go(next, reason) {
    if (state.running) { state.used[state.index] += Date.now() - state.since; state.since = Date.now(); }
    if (next >= steps.length) {
      state.done = true; state.running = false;
      say(`${reason} The interview is over. ${overrunSummary()} The review is below the steps.`);
    } else {
      state.index = next;
      say(`${reason} Step ${next + 1} of ${steps.length}: ${steps[next].name}, ${steps[next].minutes} minutes.`);
    }
    save(state); renderPrompts(); render();
  }

  /**
   * Replace the clock by `next`, keeping the old one for UNDO_MS if it had started: a stray R,
   * another problem picked mid-interview, or a link to another problem.
   * @param {State} next
   * @param {string} message  said
   */
  function replace(next, message) {
    undo = started(state) ? { state: { ...state, used: [...state.used], review: [...state.review] }, at: Date.now() } : null;
    state = next;
    save(state);
    syncAddress();
    say(undo ? `${message} Press U or Undo reset to bring the clock back.` : message);
    undoButton.hidden = !undo;
    clearTimeout(undoTimer);
    if (undo) undoTimer = setTimeout(() => { undo = null; undoButton.hidden = true; }, UNDO_MS);
    renderPrompts(); render();
  }

  /** @type {Record<string, () => void>} */
  const actions = {
    toggle() {
      if (state.done) return;
      if (state.running) { state.used[state.index] += Date.now() - state.since; state.running = false; say("Paused."); }
      else {
        let drawn = "";
        if (state.problem === RANDOM) {
          const all = data.problems;
          state.problem = all[Math.floor(Math.random() * all.length)].slug;
          drawn = ` Your problem: ${problemName(state.problem)}.`;
          syncAddress(); renderPrompts();
        }
        state.running = true; state.since = Date.now();
        say(`Running: ${phaseText()}.${drawn}`);
      }
      showNote("");
      save(state); render();
    },
    skip() { if (!state.done) go(state.index + 1, "Skipped."); },
    reset() { replace(fresh(steps.length, state.problem, state.level), "Reset."); },
    undo() {
      if (!undo) return;
      state = undo.state;
      undo = null;
      clearTimeout(undoTimer);
      undoButton.hidden = true;
      save(state);
      syncAddress();
      say(`Reset undone: ${phaseText()}, ${problemName(state.problem)}.`);
      toggle.focus();
      renderPrompts(); render();
    },
  };

  problemSelect.addEventListener("change", () => {
    showNote("");
    const chosen = problemSelect.value;
    if (started(state)) {
      replace(fresh(steps.length, chosen, state.level), `New problem, ${problemName(chosen)}: the clock starts again.`);
      return;
    }
    state.problem = chosen;
    save(state); syncAddress(); renderPrompts(); render();
  });
  levelSelect.addEventListener("change", () => {
    showNote("");
    state.level = levelSelect.value;
    state.review = [];
    save(state); syncAddress(); renderPrompts(); render();
  });

  root.addEventListener("click", (event) => {
    /** @type {HTMLButtonElement | null} */
    const button = /** @type {Element} */ (event.target).closest("button[data-action]");
    if (button) actions[button.dataset.action || ""]?.();
  });
  /** @param {KeyboardEvent} event */
  const onKey = (event) => {
    if (!root.isConnected) { document.removeEventListener("keydown", onKey); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = /** @type {Element} */ (event.target);
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === " " && !target.closest("button")) { event.preventDefault(); actions.toggle(); }
    else if (event.key === "ArrowRight") { event.preventDefault(); actions.skip(); }
    else if (event.key === "r" || event.key === "R") actions.reset();
    else if (event.key === "u" || event.key === "U") actions.undo();
  };
  document.addEventListener("keydown", onKey);

  // A link that names another problem than the interview under way starts that one afresh
  // (the one under way can be brought back); the same problem keeps the clock.
  showNote(notes.join(" "));
  const level = askedLevel ?? state.level;
  if (askedProblem !== null && askedProblem !== state.problem && started(state)) {
    replace(fresh(steps.length, askedProblem, level), `Ready for ${problemName(askedProblem)}; your interview on ${problemName(state.problem)} is set aside.`);
  } else {
    if (askedProblem !== null) state.problem = askedProblem;
    if (level !== state.level) { state.level = level; state.review = []; }
  }
  if (askedProblem !== null || askedLevel !== null || notes.length) syncAddress();
  save(state);

  const timer = setInterval(() => {
    if (!root.isConnected) { clearInterval(timer); return; }
    // The clock never moves on by itself: it says once that the step's time is up, and the
    // overrun is counted until the reader moves on.
    if (state.running && state.warned !== state.index && elapsed(state.index) >= budget[state.index]) {
      state.warned = state.index;
      save(state);
      const last = state.index === steps.length - 1;
      say(`Time is up for ${steps[state.index].name}. ${last ? "Press → or End interview to see the review" : "Move on with → or Next step"}; the clock counts the time over.`);
    }
    render();
  }, TICK_MS);
  root.hidden = false;
  renderPrompts();
  render();
  root.inert = false; // shown from the first paint (sysdesign.css), usable from now on
}

function enhance() {
  const root = document.getElementById("sd-interview");
  const source = document.getElementById("sd-interview-data");
  if (root && source) setup(root, source);
}

if (window.document$) window.document$.subscribe(enhance);
else document.addEventListener("DOMContentLoaded", enhance);
