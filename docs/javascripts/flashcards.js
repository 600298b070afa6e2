// Flashcards (practice/flashcards.md): spaced repetition over the cards the build listed as
// <details class="sd-card" data-card=ID> elements (front in <summary>, answer after it).
// Scheduling is SM-2 as Anki adapted it; progress lives in localStorage, so it survives a
// reload, works offline and never leaves the browser. Keys: Space shows the answer, 1–4 grade.

import { recordActivity } from "./progress.js";

const KEY = "sd-flashcards-v1";
const NEW_PER_DAY = 20;
const MINUTE = 60_000;
const DAY = 86_400_000;
const LEARN_AHEAD = 20 * MINUTE; // with nothing else to do, show a card due this soon
const START_EASE = 2.5;
const MIN_EASE = 1.3;

const today = (now) => new Date(now).toISOString().slice(0, 10);

function load() {
  try {
    const state = JSON.parse(localStorage.getItem(KEY));
    if (state && typeof state.cards === "object" && state.cards) return state;
  } catch { /* a damaged entry starts afresh */ }
  return { cards: {}, day: "", newToday: 0, reviewedToday: 0 };
}

function save(state) {
  try { localStorage.setItem(KEY, JSON.stringify(state)); } catch { /* private mode */ }
}

// The next state of a card after a grade (1 again, 2 hard, 3 good, 4 easy).
export function schedule(card, grade, now) {
  const old = card || { interval: 0, ease: START_EASE, reps: 0, lapses: 0 };
  let { interval, ease, reps, lapses } = old;
  if (grade === 1) {
    return { interval: 0, ease: Math.max(MIN_EASE, ease - 0.2), reps: 0,
      lapses: lapses + (reps > 0 ? 1 : 0), due: now + MINUTE };
  }
  if (grade === 2) {
    interval = Math.max(1, interval * 1.2);
    ease = Math.max(MIN_EASE, ease - 0.15);
  } else if (grade === 3) {
    interval = interval < 1 ? 1 : reps === 1 ? Math.max(interval + 1, 3) : interval * ease;
  } else {
    interval = interval < 1 ? 4 : interval * ease * 1.3;
    ease += 0.15;
  }
  interval = Math.round(interval * 10) / 10;
  return { interval, ease, reps: reps + 1, lapses, due: now + interval * DAY };
}

function readCards(root) {
  return [...root.querySelectorAll("details.sd-card[data-card]")].map((el) => ({
    id: el.dataset.card,
    deck: el.closest("[data-deck]")?.dataset.deck || "",
    front: el.querySelector(".sd-card__front")?.innerHTML || "",
    back: el.querySelector(".sd-card__back")?.innerHTML || "",
  }));
}

function when(ms) {
  if (ms < MINUTE) return "in under a minute";
  if (ms < 60 * MINUTE) return `in ${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `in ${Math.round(ms / (60 * MINUTE))} h`;
  return `in ${Math.round(ms / DAY)} days`;
}

function setup(panel) {
  if (panel.dataset.enhanced) return;
  panel.dataset.enhanced = "true";
  const cards = readCards(document);
  if (!cards.length) return;
  const $ = (id) => panel.querySelector(`#${id}`);
  const select = $("sd-study-deck");
  const reveal = panel.querySelector('[data-action="reveal"]');
  const grades = $("sd-study-grades");
  const front = $("sd-study-front");
  const back = $("sd-study-back");
  const deckName = $("sd-study-deck-name");
  const status = $("sd-study-status");
  const box = $("sd-study-card");
  let state = load();
  let current = null;

  for (const deck of new Set(cards.map((card) => card.deck))) {
    const option = document.createElement("option");
    option.value = option.textContent = deck;
    select.append(option);
  }

  const rollDay = (now) => {
    if (state.day !== today(now)) Object.assign(state, { day: today(now), newToday: 0, reviewedToday: 0 });
  };

  function pick(now) {
    const pool = cards.filter((card) => !select.value || card.deck === select.value);
    const seen = pool.filter((card) => state.cards[card.id]);
    const byDue = (a, b) => state.cards[a.id].due - state.cards[b.id].due;
    const due = seen.filter((card) => state.cards[card.id].due <= now).sort(byDue);
    const fresh = pool.filter((card) => !state.cards[card.id]);
    const soon = seen.filter((card) => state.cards[card.id].due <= now + LEARN_AHEAD).sort(byDue);
    const newLeft = Math.max(0, NEW_PER_DAY - state.newToday);
    const next = due[0] || (newLeft > 0 && fresh[0]) || soon[0] || null;
    const upcoming = seen.map((card) => state.cards[card.id].due).filter((d) => d > now);
    return { next, due: due.length, newLeft: Math.min(newLeft, fresh.length),
      nextDue: upcoming.length ? Math.min(...upcoming) : 0 };
  }

  function show() {
    const now = Date.now();
    rollDay(now);
    const { next, due, newLeft, nextDue } = pick(now);
    current = next;
    status.textContent = `Due: ${due} · New left today: ${newLeft} · Reviewed today: ${state.reviewedToday}`;
    back.hidden = true;
    grades.hidden = true;
    if (!next) {
      deckName.textContent = "";
      front.textContent = nextDue
        ? `All done for now. The next card is due ${when(nextDue - now)}.`
        : "All done for today: no card is due and today's new cards are studied.";
      back.innerHTML = "";
      reveal.hidden = true;
      return;
    }
    deckName.textContent = next.deck;
    front.innerHTML = next.front;
    back.innerHTML = next.back;
    reveal.hidden = false;
  }

  function showAnswer() {
    if (!current || !back.hidden) return;
    back.hidden = false;
    grades.hidden = false;
    reveal.hidden = true;
    box.focus({ preventScroll: true });
  }

  function grade(value) {
    if (!current || back.hidden) return;
    const now = Date.now();
    rollDay(now);
    if (!state.cards[current.id]) state.newToday += 1;
    state.cards[current.id] = schedule(state.cards[current.id], value, now);
    state.reviewedToday += 1;
    save(state);
    recordActivity("flashcards");
    show();
    box.focus({ preventScroll: true });
  }

  panel.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.grade) grade(Number(button.dataset.grade));
    else if (button.dataset.action === "reveal") showAnswer();
    else if (button.dataset.action === "reset" && confirm("Forget all flashcard progress in this browser?")) {
      state = { cards: {}, day: "", newToday: 0, reviewedToday: 0 };
      save(state);
      show();
    }
  });
  select.addEventListener("change", show);

  const onKey = (event) => {
    if (!panel.isConnected) { document.removeEventListener("keydown", onKey); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === " " && back.hidden && current) {
      if (event.target.closest("button, summary, a")) return; // Space activates what has focus
      event.preventDefault();
      showAnswer();
    } else if (/^[1-4]$/.test(event.key) && !back.hidden) {
      event.preventDefault();
      grade(Number(event.key));
    }
  };
  document.addEventListener("keydown", onKey);
  panel.hidden = false;
  show();
}

function enhance() {
  const panel = document.getElementById("sd-study");
  if (panel) setup(panel);
}

if (window.document$) window.document$.subscribe(enhance);
else document.addEventListener("DOMContentLoaded", enhance);
