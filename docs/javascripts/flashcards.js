// @ts-check
// Flashcards (practice/flashcards.md): spaced repetition over the cards the build listed as
// <details class="sd-card" data-card=ID> elements (front in <summary>, answer after it), a
// deck at a time in <div class="sd-deck" data-deck=NAME data-cards="ID ID …"><noscript>.
// Scheduling is SM-2 as Anki adapted it; progress lives in localStorage, so it survives a
// reload, works offline and never leaves the browser. Keys: Space shows the answer, 1–4 grade.

import { recordActivity } from "./progress.js";

const KEY = "sd-flashcards-v1";
const NEW_PER_DAY = 20; // the default; the reader sets their own (state.perDay)
const MAX_PER_DAY = 200;
const MINUTE = 60_000;
const DAY = 86_400_000;
const LEARN_AHEAD = 20 * MINUTE; // with nothing else to do, show a card due this soon
const START_EASE = 2.5;
const MIN_EASE = 1.3;
const AGAIN_AFTER = 3; // studying ahead, a missed card comes back after this many others

/**
 * A card's schedule: days to the next review, ease, reviews in a row, lapses, when due (ms).
 * @typedef {{interval: number, ease: number, reps: number, lapses: number, due: number}} CardState
 */
/**
 * What this browser keeps (localStorage).
 * @typedef {{cards: Record<string, CardState>, day: string, newToday: number,
 *   newByDeck: Record<string, number>, reviewedToday: number, perDay: number}} Progress
 */
/**
 * A card of the page: its id, its deck's name, and the deck's element.
 * @typedef {{id: string, deck: string, box: HTMLElement}} Card
 */

/** @param {number} now */
const today = (now) => new Date(now).toISOString().slice(0, 10);

// Progress: each card's schedule, and today's counts. New cards are counted per deck and in
// all (state.newToday): each deck offers perDay new cards a day, and so does "All decks".
/** @returns {Progress} */
const blank = (perDay = NEW_PER_DAY) =>
  ({ cards: {}, day: "", newToday: 0, newByDeck: {}, reviewedToday: 0, perDay });

/**
 * The number of new cards a day written in `text`, or an `error` saying what to write.
 * @param {unknown} text
 * @returns {{perDay?: number, error?: string}}
 */
export function readPerDay(text) {
  const value = String(text ?? "").trim();
  const range = `from 0 to ${MAX_PER_DAY}`;
  if (!value) return { error: `Write how many new cards a day, ${range}.` };
  if (!/^\d+$/.test(value)) return { error: `Write a whole number of cards, ${range}.` };
  const perDay = Number(value);
  if (perDay > MAX_PER_DAY) return { error: `At most ${MAX_PER_DAY} new cards a day.` };
  return { perDay };
}

/** @returns {Progress} */
function load() {
  try {
    const state = JSON.parse(localStorage.getItem(KEY) || "null");
    if (state && typeof state.cards === "object" && state.cards) {
      const newByDeck = typeof state.newByDeck === "object" && state.newByDeck || {};
      const perDay = readPerDay(state.perDay).perDay ?? NEW_PER_DAY;
      return { ...blank(), ...state, newByDeck, perDay };
    }
  } catch { /* a damaged entry starts afresh */ }
  return blank();
}

/** @param {Progress} state */
function save(state) {
  try { localStorage.setItem(KEY, JSON.stringify(state)); } catch { /* private mode */ }
}

/**
 * The next state of a card after a grade (1 again, 2 hard, 3 good, 4 easy).
 * @param {Omit<CardState, "due"> | null | undefined} card  as it was (none: a new card)
 * @param {number} grade
 * @param {number} now  ms
 * @returns {CardState}
 */
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

/**
 * Lists taken in turn, one item from each (the first of every list, then the second…), so
 * that "All decks" moves from deck to deck instead of finishing one before the next.
 * @template T
 * @param {T[][]} lists
 * @returns {T[]}
 */
export function interleave(lists) {
  /** @type {T[]} */
  const out = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let i = 0; i < longest; i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]);
  }
  return out;
}

// A deck's cards as markup. With scripting on, the page's parser keeps a <noscript> as one
// text node, which innerHTML gives back as it was written; a page that came through
// Material's instant navigation (parsed with scripting off) holds elements there instead,
// which innerHTML writes out the same.
/** @param {HTMLElement} deck */
const deckMarkup = (deck) => deck.querySelector(":scope > noscript")?.innerHTML || "";

/**
 * The list under "All cards": a deck's cards are built when the deck nears the screen (and
 * all of them before printing), so a phone never builds every card up front.
 * @param {HTMLElement} deck
 */
function showDeck(deck) {
  if (deck.dataset.shown) return;
  deck.dataset.shown = "true";
  deck.classList.remove("sd-deck--pending");
  deck.insertAdjacentHTML("beforeend", deckMarkup(deck));
}

/** Every .sd-deck of the page. */
const allDecks = () => /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".sd-deck"));

function listDecks() {
  const decks = [...allDecks()].filter((deck) => !deck.dataset.shown);
  if (!decks.length) return;
  if (!window.IntersectionObserver) { decks.forEach(showDeck); return; }
  const near = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      near.unobserve(entry.target);
      showDeck(/** @type {HTMLElement} */ (entry.target));
    }
  }, { rootMargin: "100% 0px" });
  for (const deck of decks) {
    deck.classList.add("sd-deck--pending");
    near.observe(deck);
  }
}

window.addEventListener("beforeprint", () => {
  allDecks().forEach(showDeck);
});

/**
 * @param {ParentNode} root
 * @returns {Card[]}
 */
function readCards(root) {
  const boxes = /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(".sd-deck[data-deck][data-cards]"));
  return [...boxes].flatMap((box) =>
    (box.dataset.cards || "").split(" ").filter(Boolean)
      .map((id) => ({ id, deck: box.dataset.deck || "", box })));
}

// A card's front and back (HTML), from its deck: read from the page where the deck is built,
// else from the deck's markup, parsed once into an inert template.
/** @type {WeakMap<HTMLElement, DocumentFragment>} */
const parsed = new WeakMap();
/** @param {Card} card */
function faces(card) {
  const selector = `details.sd-card[data-card="${card.id}"]`;
  let el = card.box.querySelector(`:scope > ${selector}`);
  if (!el) {
    let content = parsed.get(card.box);
    if (!content) {
      const template = document.createElement("template");
      template.innerHTML = deckMarkup(card.box);
      content = template.content;
      parsed.set(card.box, content);
    }
    el = content.querySelector(selector);
  }
  return {
    front: el?.querySelector(".sd-card__front")?.innerHTML || "",
    back: el?.querySelector(".sd-card__back")?.innerHTML || "",
  };
}

/** @param {number} ms */
function when(ms) {
  if (ms < MINUTE) return "in under a minute";
  if (ms < 60 * MINUTE) return `in ${Math.round(ms / MINUTE)} min`;
  if (ms < DAY) return `in ${Math.round(ms / (60 * MINUTE))} h`;
  return `in ${Math.round(ms / DAY)} days`;
}

/**
 * @param {number} n
 * @param {string} one
 * @param {string} [many]
 */
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** @param {HTMLElement} panel  #sd-study (docs/practice/flashcards.md) */
function setup(panel) {
  if (panel.dataset.enhanced) return;
  panel.dataset.enhanced = "true";
  const cards = readCards(document);
  if (!cards.length) return;
  /**
   * The element of the panel that ``selector`` names (the page has them all).
   * @template {HTMLElement} [E=HTMLElement]
   * @param {string} selector
   * @returns {E}
   */
  const part = (selector) => /** @type {E} */ (panel.querySelector(selector));
  /**
   * The same, by id.
   * @template {HTMLElement} [E=HTMLElement]
   * @param {string} id
   * @returns {E}
   */
  const $ = (id) => part(`#${id}`);
  /** @type {HTMLSelectElement} */
  const select = $("sd-study-deck");
  /** @type {HTMLInputElement} */
  const perDayInput = $("sd-study-per-day");
  const perDayError = $("sd-study-per-day-error");
  const aheadButton = part('[data-action="ahead"]');
  const aheadNote = $("sd-study-ahead-note");
  const reveal = part('[data-action="reveal"]');
  const grades = $("sd-study-grades");
  const actions = part(".sd-study__actions");
  const front = $("sd-study-front");
  const back = $("sd-study-back");
  const deckName = $("sd-study-deck-name");
  const status = $("sd-study-status");
  const box = $("sd-study-card");
  let state = load();
  /** @type {Card | null} */
  let current = null;
  // Studying ahead: { queue } of the cards to go through without touching their schedule.
  // It lives in this page only; nothing of it is saved.
  /** @type {{queue: Card[]} | null} */
  let ahead = null;

  const decks = [...new Set(cards.map((card) => card.deck))];
  const inDeck = new Map(decks.map((deck) => [deck, cards.filter((card) => card.deck === deck)]));
  /**
   * The cards of a deck of the page ("" for all decks).
   * @param {string} deck
   * @returns {Card[]}
   */
  const deckCards = (deck) => (deck ? /** @type {Card[]} */ (inDeck.get(deck)) : cards);
  /** @type {Map<string, HTMLOptionElement>} */
  const options = new Map();
  for (const deck of decks) {
    const option = document.createElement("option");
    option.value = deck;
    select.append(option);
    options.set(deck, option);
  }
  const allOption = /** @type {HTMLOptionElement} */ (select.querySelector('option[value=""]'));
  perDayInput.value = String(state.perDay);

  /** @param {number} now */
  const rollDay = (now) => {
    if (state.day !== today(now)) {
      Object.assign(state, { day: today(now), newToday: 0, newByDeck: {}, reviewedToday: 0 });
    }
  };
  /**
   * @param {Card} card
   * @param {number} now
   */
  const isDue = (card, now) => state.cards[card.id] && state.cards[card.id].due <= now;
  /**
   * New cards a deck ("" for all decks) may still introduce today.
   * @param {string} deck
   */
  const allowance = (deck) =>
    Math.max(0, state.perDay - (deck ? state.newByDeck[deck] || 0 : state.newToday));
  /** @param {string} deck */
  const unseen = (deck) => deckCards(deck).filter((card) => !state.cards[card.id]);

  // The new cards on offer for a deck, or for all decks taken in turn (the first card of each
  // deck, then the second…); each deck gives no more than its own allowance, and "All decks"
  // no more than its own.
  const turns = interleave(decks.map(deckCards));
  /** @param {string} deck */
  function newCards(deck) {
    const out = [];
    /** @type {Map<string, number>} */
    const taken = new Map();
    for (const card of deck ? deckCards(deck) : turns) {
      if (out.length >= allowance(deck)) break;
      const count = taken.get(card.deck) || 0;
      if (state.cards[card.id] || count >= allowance(card.deck)) continue;
      taken.set(card.deck, count + 1);
      out.push(card);
    }
    return out;
  }

  /** @param {number} now */
  function pick(now) {
    const deck = select.value;
    const pool = deckCards(deck);
    const seen = pool.filter((card) => state.cards[card.id]);
    /**
     * @param {Card} a
     * @param {Card} b
     */
    const byDue = (a, b) => state.cards[a.id].due - state.cards[b.id].due;
    const due = seen.filter((card) => isDue(card, now)).sort(byDue);
    const fresh = newCards(deck);
    const soon = seen.filter((card) => state.cards[card.id].due <= now + LEARN_AHEAD).sort(byDue);
    const next = due[0] || fresh[0] || soon[0] || null;
    const upcoming = seen.map((card) => state.cards[card.id].due).filter((d) => d > now);
    return { next, due: due.length, fresh: fresh.length,
      nextDue: upcoming.length ? Math.min(...upcoming) : 0 };
  }

  /**
   * Each deck's counts in its option ("Which cache? — 2 due, 4 new"), all decks' in the first.
   * @param {number} now
   */
  function labelOptions(now) {
    let allDue = 0;
    for (const deck of decks) {
      const due = deckCards(deck).filter((card) => isDue(card, now)).length;
      allDue += due;
      /** @type {HTMLOptionElement} */ (options.get(deck)).textContent = `${deck} — ${due} due, ${newCards(deck).length} new`;
    }
    allOption.textContent = `All decks — ${allDue} due, ${newCards("").length} new`;
  }

  /** @param {number} now */
  function startAhead(now) {
    const deck = select.value;
    ahead = { queue: (deck ? deckCards(deck) : turns).filter((card) => !isDue(card, now)) };
  }

  /**
   * @param {{queue: Card[]}} session  studying ahead
   * @param {string} name  the deck's, as shown
   */
  function showAhead(session, name) {
    const next = session.queue[0] || null;
    current = next;
    status.textContent = `Studying ahead in ${name}: ` +
      `${plural(session.queue.length, "card")} to go. Your schedule stays as it was.`;
    if (!next) {
      front.textContent = `You have been through every card of ${name} that is not due yet. ` +
        "Press Study ahead again to go back to your schedule.";
    }
    return next;
  }

  /**
   * Why a deck ("" for all decks) has nothing to show now, and what the reader can do.
   * @param {string} deck
   */
  function nothingLeft(deck) {
    if (deck && !unseen(deck).length) return "Every card of this deck is studied and none is due.";
    if (!state.perDay) return "No card is due, and new cards are set to 0 a day.";
    if (!deck && decks.some((d) => unseen(d).length && allowance(d))) {
      return `No card is due, and today's ${plural(state.perDay, "new card")} across all decks ` +
        "are studied. Each deck still offers its own new cards: choose one above.";
    }
    if (!deck) return "No card is due and every deck has had its new cards for today.";
    return `No card of this deck is due, and its ${plural(state.perDay, "new card")} for today ` +
      "are studied.";
  }

  /**
   * @param {number} now
   * @param {string} name  the deck's, as shown
   */
  function showSchedule(now, name) {
    const deck = select.value;
    const { next, due, fresh, nextDue } = pick(now);
    current = next;
    status.textContent = `${deck ? "This deck" : "All decks"}: ${due} due now, ${fresh} new left ` +
      `today (${state.perDay} a day). Reviewed today: ${state.reviewedToday}.`;
    if (next) return next;
    const later = nextDue ? ` The next card is due ${when(nextDue - now)}.` : "";
    front.textContent = `All done in ${name} for now. ${nothingLeft(deck)}${later} ` +
      "Study ahead goes through its cards anyway, without changing their schedule.";
    return null;
  }

  function show() {
    const now = Date.now();
    rollDay(now);
    labelOptions(now);
    const name = select.value ? `“${select.value}”` : "all decks";
    panel.dataset.mode = ahead ? "ahead" : "schedule";
    aheadButton.setAttribute("aria-pressed", String(Boolean(ahead)));
    aheadButton.classList.toggle("md-button--primary", Boolean(ahead));
    aheadNote.hidden = !ahead;
    const next = ahead ? showAhead(ahead, name) : showSchedule(now, name);
    back.hidden = true;
    grades.hidden = true;
    if (!next) {
      deckName.textContent = "";
      back.innerHTML = "";
      reveal.hidden = true;
      return;
    }
    const { front: question, back: answer } = faces(next);
    deckName.textContent = next.deck;
    front.innerHTML = question;
    back.innerHTML = answer;
    reveal.hidden = false;
  }

  // On a small screen, bring the answer and the grades (pinned at the bottom of the panel) into
  // view together: scroll the card up until the answer ends above them, never past its top.
  function keepInView() {
    const header = document.querySelector(".md-header")?.getBoundingClientRect().bottom || 0;
    const card = box.getBoundingClientRect();
    const hidden = card.bottom + 8 - (window.innerHeight - actions.getBoundingClientRect().height);
    const room = card.top - header - 8;
    if (hidden > 0 && room > 0) {
      window.scrollBy({ top: Math.min(hidden, room), behavior: "instant" });
    }
  }

  function showAnswer() {
    if (!current || !back.hidden) return;
    back.hidden = false;
    grades.hidden = false;
    reveal.hidden = true;
    keepInView();
    box.focus({ preventScroll: true });
  }

  /**
   * Studying ahead, a grade only orders this session: a missed card comes back a few cards on.
   * @param {{queue: Card[]}} session  studying ahead
   * @param {number} value
   */
  function gradeAhead(session, value) {
    const card = /** @type {Card} */ (session.queue.shift());
    if (value === 1) session.queue.splice(Math.min(AGAIN_AFTER, session.queue.length), 0, card);
  }

  /** @param {number} value  1 again, 2 hard, 3 good, 4 easy */
  function grade(value) {
    if (!current || back.hidden) return;
    const now = Date.now();
    rollDay(now);
    if (ahead) gradeAhead(ahead, value); // no due date, no ease: the schedule stays as it was
    else {
      if (!state.cards[current.id]) {
        state.newToday += 1;
        state.newByDeck[current.deck] = (state.newByDeck[current.deck] || 0) + 1;
      }
      state.cards[current.id] = schedule(state.cards[current.id], value, now);
    }
    state.reviewedToday += 1;
    save(state);
    recordActivity("flashcards");
    show();
    box.focus({ preventScroll: true });
  }

  function setPerDay() {
    const { perDay, error } = readPerDay(perDayInput.value);
    perDayInput.setAttribute("aria-invalid", String(Boolean(error)));
    perDayError.hidden = !error;
    perDayError.textContent = error
      ? `${error} Still ${plural(state.perDay, "new card")} a day.` : "";
    if (error || perDay === undefined || perDay === state.perDay) return;
    state.perDay = perDay;
    save(state);
    show();
  }

  panel.addEventListener("click", (event) => {
    const button = /** @type {Element} */ (event.target).closest("button");
    if (!button) return;
    if (button.dataset.grade) grade(Number(button.dataset.grade));
    else if (button.dataset.action === "reveal") showAnswer();
    else if (button.dataset.action === "ahead") {
      if (ahead) ahead = null;
      else startAhead(Date.now());
      show();
    } else if (button.dataset.action === "reset" && confirm("Forget all flashcard progress in this browser?")) {
      state = blank(state.perDay);
      ahead = null;
      save(state);
      show();
    }
  });
  select.addEventListener("change", () => {
    if (ahead) startAhead(Date.now());
    show();
  });
  perDayInput.addEventListener("input", setPerDay);
  perDayInput.addEventListener("change", setPerDay);

  /** @param {KeyboardEvent} event */
  const onKey = (event) => {
    if (!panel.isConnected) { document.removeEventListener("keydown", onKey); return; }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = /** @type {Element} */ (event.target);
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === " " && back.hidden && current) {
      if (target.closest("button, summary, a")) return; // Space activates what has focus
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
  panel.inert = false; // shown from the first paint (sysdesign.css), usable from now on
}

function enhance() {
  listDecks();
  const panel = document.getElementById("sd-study");
  if (panel) setup(panel);
}

if (window.document$) window.document$.subscribe(enhance);
else document.addEventListener("DOMContentLoaded", enhance);
