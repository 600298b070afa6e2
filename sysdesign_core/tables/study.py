"""The two-week study plan: fourteen days, each a few tasks with a page and its minutes.

A day states its total; its tasks must add up to it, and the total must fit the day's budget
(:data:`WEEKDAY_MINUTES`, or :data:`LONG_DAY_MINUTES` on the four long days). Across the
days, the plan checks itself: fourteen days in order, in phases that follow one another, every
step of the framework and every practice tool on the way, the problems taken easy first, then
medium, then hard (difficulty from the problem bank), and two timed mock interviews at the
end. Every page a task links to must exist (``python -m sysdesign_core.validate``).

>>> STUDY_PLAN.row("Day 3").minutes == sum(task.minutes for task in STUDY_PLAN.row("Day 3").tasks)
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..records import Column, ItemList, Record, Table
from .framework import FRAMEWORK_STEPS
from .problems import DIFFICULTIES, PROBLEMS

__all__ = [
    "TABLES",
    "LISTS",
    "Task",
    "StudyDay",
    "Phase",
    "PHASES",
    "STUDY_PLAN",
    "DAYS",
    "WEEKDAY_MINUTES",
    "LONG_DAY_MINUTES",
    "PRACTICE_PAGES",
    "MOCK_PAGE",
    "plan_problems",
    "by_phase",
    "minutes_span",
]

DAYS = 14
"""How long the plan runs."""

WEEKDAY_MINUTES = (60, 90)
"""The least and most a weekday of the plan may take, in minutes."""

LONG_DAY_MINUTES = (120, 180)
"""The same for a long day (a weekend day when the plan starts on a Monday)."""

MOCK_PAGE = "practice/interview.md"
"""The interview mode: each of the last two days holds a timed mock interview there."""

PRACTICE_PAGES = (
    "practice/drills.md",
    "practice/flashcards.md",
    "worksheet.md",
    MOCK_PAGE,
)
"""Practice tools the plan must use at least once each."""

_PAGE = re.compile(r"^[\w./-]+\.md(#[\w-]+)?$")


@dataclass(frozen=True)
class Task:
    """One thing to do on a day: the page (docs-relative, an ``#anchor`` allowed), what to
    do there (inline Markdown, one or two sentences) and how many minutes it takes."""

    page: str
    do: str
    minutes: int


@dataclass(frozen=True)
class Phase:
    """A run of days with one aim: its name, its anchor on the plan page and one line on it."""

    name: str
    anchor: str
    summary: str


PHASES = (
    Phase(
        "Learn the framework",
        "learn-the-framework",
        "A step or two of the framework each evening, with flashcards from day 1 and "
        "estimation drills from day 3.",
    ),
    Phase(
        "First problems",
        "first-problems",
        "The easy problem again from a blank page against the clock, then the first medium "
        "ones in full.",
    ),
    Phase(
        "A problem a day",
        "a-problem-a-day",
        "One problem each evening, medium then hard: on paper first, then the walkthrough and "
        "a list of what you missed.",
    ),
    Phase(
        "Mock interviews",
        "mock-interviews",
        "Two timed 45-minute mocks on problems you have not seen, out loud, each followed by a "
        "review.",
    ),
)
"""The plan's phases, in order; each day names its phase."""


@dataclass(frozen=True, kw_only=True)
class StudyDay(Record):
    """One day of the plan. ``name`` is "Day N"; ``focus`` says what the day is about;
    ``minutes`` is the day's stated total, which its ``tasks`` must add up to; ``long`` marks
    a long day (a weekend day if the plan starts on a Monday); ``phase`` names its
    :class:`Phase`."""

    focus: str
    phase: str
    minutes: int
    tasks: tuple[Task, ...]
    long: bool = False

    @property
    def number(self) -> int:
        """The day's number, from its name ("Day 3" is 3; 0 if the name is not "Day N")."""
        match = re.fullmatch(r"Day (\d+)", self.name)
        return int(match.group(1)) if match else 0

    @property
    def anchor(self) -> str:
        """The day's anchor on the plan page (``day-3``)."""
        return f"day-{self.number}"

    def pages(self) -> tuple[str, ...]:
        """The pages the day's tasks link to, in order."""
        return tuple(task.page for task in self.tasks)

    def cells(self, columns: Iterable[Column]) -> list[str]:
        """As :meth:`Record.cells`, with the tasks as links and their minutes."""
        tasks = "; ".join(f"[{t.do}]({t.page}) ({t.minutes} min)" for t in self.tasks)
        shown = {"tasks": tasks, "minutes": f"{self.minutes} min"}
        return [shown.get(c.key, str(getattr(self, c.key))) for c in columns]

    def problems(self) -> Iterator[tuple[str, str]]:
        if not self.number:
            yield "name", f"{self.name!r}: name a day 'Day N', e.g. 'Day 3'"
        if self.phase not in {phase.name for phase in PHASES}:
            known = ", ".join(repr(phase.name) for phase in PHASES)
            yield "phase", f"{self.phase!r} is not a phase; use one of {known}"
        if not self.tasks:
            yield "tasks", "is empty; give the day at least one Task(page, do, minutes)"
        for index, task in enumerate(self.tasks, 1):
            where = f"task {index}"
            if not _PAGE.match(task.page):
                yield "tasks", f"{where}: {task.page!r} is not a page; write e.g. 'worksheet.md'"
            if not task.do.strip():
                yield "tasks", f"{where}: say what to do on {task.page}"
            if task.minutes <= 0 or task.minutes % 5:
                yield "tasks", f"{where}: {task.minutes} min; give a positive multiple of 5"
        added = sum(task.minutes for task in self.tasks)
        if added != self.minutes:
            yield (
                "minutes",
                f"the tasks add up to {added} min, not the stated {self.minutes}; "
                "change a task's minutes or the total",
            )
        low, high = LONG_DAY_MINUTES if self.long else WEEKDAY_MINUTES
        if not low <= self.minutes <= high:
            kind = "a long day" if self.long else "a weekday"
            yield "minutes", f"{self.minutes} min is outside {low}–{high} min for {kind}"


def plan_problems(days: tuple[StudyDay, ...]) -> Iterator[tuple[str | None, str]]:
    """What is wrong with the plan as a whole: ``(day or None, message)`` pairs."""
    names = [day.name for day in days]
    expected = [f"Day {n}" for n in range(1, DAYS + 1)]
    if names != expected:
        yield None, f"the days must be 'Day 1' to 'Day {DAYS}' in order, got {names}"
    order = [phase.name for phase in PHASES]
    seen: list[str] = []
    for day in days:
        if day.phase in order and (not seen or seen[-1] != day.phase):
            if day.phase in seen or (seen and order.index(day.phase) < order.index(seen[-1])):
                yield day.name, f"phase {day.phase!r} comes out of order; phases run {order}"
            seen.append(day.phase)
    missing_phases = [name for name in order if name not in seen]
    if missing_phases:
        yield None, f"no day belongs to the phases {missing_phases}"
    pages = {task.page.partition("#")[0] for day in days for task in day.tasks}
    steps = sorted(step.page for step in FRAMEWORK_STEPS.rows)
    for page in [p for p in steps if p not in pages] + [
        p for p in PRACTICE_PAGES if p not in pages
    ]:
        yield None, f"no task links to {page}; the plan must cover it"
    yield from _difficulty_problems(days)
    for day in days[-2:]:
        if MOCK_PAGE not in day.pages():
            yield day.name, f"the last two days each hold a timed mock interview on {MOCK_PAGE}"


def _difficulty_problems(days: tuple[StudyDay, ...]) -> Iterator[tuple[str | None, str]]:
    """Problems come easy first, then medium, then hard, by the problem bank's difficulty."""
    difficulty = {problem.page: problem.difficulty for problem in PROBLEMS.rows}
    hardest = 0
    used = set()
    for day in days:
        for task in day.tasks:
            level = difficulty.get(task.page.partition("#")[0])
            if level is None:
                continue
            rank = DIFFICULTIES.index(level)
            used.add(level)
            if rank < hardest:
                yield (
                    day.name,
                    f"{task.page} is {level} but comes after a {DIFFICULTIES[hardest]} problem; "
                    "take the problems easy first, then medium, then hard",
                )
            hardest = max(hardest, rank)
    for level in DIFFICULTIES:
        if level not in used:
            yield None, f"no {level} problem in the plan; take at least one of each difficulty"


def by_phase(
    days: tuple[StudyDay, ...] | None = None,
) -> list[tuple[Phase, tuple[StudyDay, ...]]]:
    """The days (the plan's by default) grouped by phase, in the order of :data:`PHASES`.

    >>> [(phase.name, [day.number for day in days]) for phase, days in by_phase()][-1]
    ('Mock interviews', [13, 14])
    """
    days = STUDY_PLAN.rows if days is None else days
    groups = [(phase, tuple(day for day in days if day.phase == phase.name)) for phase in PHASES]
    return [(phase, members) for phase, members in groups if members]


def minutes_span(days: Iterable[StudyDay]) -> tuple[int, int]:
    """The fewest and the most minutes a day among ``days``.

    >>> minutes_span(day for day in STUDY_PLAN.rows if not day.long)
    (75, 90)
    """
    minutes = [day.minutes for day in days]
    return min(minutes), max(minutes)


_FLASHCARDS = Task("practice/flashcards.md", "The cards that are due, graded honestly.", 10)


_LEARN, _FIRST, _DAILY, _MOCKS = (phase.name for phase in PHASES)

STUDY_PLAN: Table[StudyDay] = Table(
    name="study_plan",
    title="Two-week study plan",
    caption="Fourteen days before an interview: what to do each day, where, and for how long.",
    columns=(
        Column("name", "Day"),
        Column("focus", "Focus"),
        Column("minutes", "Minutes"),
        Column("tasks", "Tasks"),
    ),
    rows=(
        StudyDay(
            name="Day 1",
            focus="The flow and a model answer",
            phase=_LEARN,
            minutes=75,
            tasks=(
                Task(
                    "framework/index.md",
                    "Read the nine steps in order and what each leaves on the board; skim how the "
                    "four-step and the delivery frameworks differ.",
                    20,
                ),
                Task(
                    "checklist.md",
                    "Read the 45-minute plan and the red and green flags: they are what the "
                    "interviewer marks.",
                    15,
                ),
                Task(
                    "walkthroughs/url-shortener.md",
                    "Read it from start to end as a model answer, noting what each step produces.",
                    30,
                ),
                Task(
                    "practice/flashcards.md", "Start the deck; ten minutes a day from now on.", 10
                ),
            ),
        ),
        StudyDay(
            name="Day 2",
            focus="Requirements",
            phase=_LEARN,
            minutes=75,
            tasks=(
                Task(
                    "framework/clarifying-questions.md",
                    "Learn the eight categories, then write the three questions you would ask "
                    "first about a chat app.",
                    20,
                ),
                Task(
                    "framework/functional-requirements.md",
                    "Write the P0 list of a photo-sharing app in five lines, and its P1s.",
                    15,
                ),
                Task(
                    "framework/non-functional-requirements.md",
                    "Turn adjectives into numbers: the targets, SLI, SLO and SLA, percentiles "
                    "rather than averages, and the nines by heart.",
                    30,
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 3",
            focus="Estimates",
            phase=_LEARN,
            minutes=90,
            tasks=(
                Task(
                    "framework/capacity-estimation.md",
                    "Work through every formula: users to QPS, the peak, storage and bandwidth.",
                    25,
                ),
                Task(
                    "capacity/capacity_planning.md",
                    "Learn the latency numbers and the powers of two well enough to use them "
                    "without looking.",
                    20,
                ),
                Task(
                    "calculators/capacity.md",
                    "Redo the URL shortener's estimate with your own assumptions and see which "
                    "figure moves most.",
                    15,
                ),
                Task(
                    "practice/drills.md",
                    "Two drills on paper, then check them: aim for every answer within 2×.",
                    20,
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 4",
            focus="API and data model",
            phase=_LEARN,
            minutes=75,
            tasks=(
                Task(
                    "framework/api-design.md",
                    "Match protocols to uses and learn the rules: idempotency keys, cursor "
                    "pagination, versioning, 202 with a job id.",
                    25,
                ),
                Task(
                    "framework/data-model.md",
                    "Learn the schema rules and model the URL shortener's tables with their keys.",
                    25,
                ),
                Task(
                    "toolbox/databases.md",
                    "Filter the table by a need (ACID, full-text, time series) and say why each "
                    "store left fits.",
                    15,
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 5",
            focus="Design, depth and failure",
            phase=_LEARN,
            minutes=90,
            tasks=(
                Task(
                    "framework/high-level-design.md",
                    "Redraw the reference architecture from memory, then check it against the "
                    "component checklist.",
                    20,
                ),
                Task(
                    "framework/deep-dive.md",
                    "Learn the patterns by problem type and the estimates that change a design.",
                    25,
                ),
                Task(
                    "framework/trade-offs.md",
                    "Say three choices as “X over Y because …”, and what would flip each one.",
                    15,
                ),
                Task(
                    "framework/failure-modes.md",
                    "Circuit breakers, rate limiting, graceful degradation and the checklist of "
                    "single points of failure.",
                    20,
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 6",
            focus="The URL shortener again, a rate limiter",
            phase=_FIRST,
            minutes=150,
            long=True,
            tasks=(
                Task(
                    MOCK_PAGE,
                    "Design the URL shortener from a blank page with the clock running, talking "
                    "out loud.",
                    45,
                ),
                Task(
                    "walkthroughs/url-shortener.md",
                    "Compare your board with the walkthrough step by step; write down what you "
                    "left out.",
                    20,
                ),
                Task(
                    "problems/rate-limiter.md",
                    "Attempt it on paper for 35 minutes, then read the walkthrough and list the "
                    "gaps.",
                    60,
                ),
                Task(
                    "practice/drills.md", "One drill, with five minutes for the whole estimate.", 15
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 7",
            focus="Fan-out: the news feed",
            phase=_FIRST,
            minutes=150,
            long=True,
            tasks=(
                Task(
                    "concepts/sharding-replication.md",
                    "How data is split and copied, and what each choice costs reads and writes.",
                    25,
                ),
                Task(
                    "concepts/consistent-hashing.md",
                    "Why adding a node moves only a share of the keys, and what virtual nodes fix.",
                    20,
                ),
                Task(
                    "walkthroughs/twitter.md",
                    "Attempt the news feed for 35 minutes, then read the walkthrough: how did you "
                    "handle accounts with millions of followers?",
                    60,
                ),
                Task(
                    "calculators/fanout.md",
                    "Find where fan-out on write stops paying off for your own follower numbers.",
                    15,
                ),
                Task(
                    "worksheet.md",
                    "Write the news feed's estimates as a sheet, with a range on the figure you "
                    "are least sure of.",
                    20,
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 8",
            focus="Real time: chat",
            phase=_DAILY,
            minutes=90,
            tasks=(
                Task(
                    "problems/chat.md",
                    "Attempt it for 35 minutes, then compare: connections per server, message "
                    "order, delivery to users who are offline.",
                    60,
                ),
                Task(
                    "toolbox/message-queues.md",
                    "When a log fits better than a queue, and what delivery each one promises.",
                    20,
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 9",
            focus="Read-heavy: typeahead",
            phase=_DAILY,
            minutes=90,
            tasks=(
                Task(
                    "problems/typeahead.md",
                    "Attempt it for 35 minutes, then compare: where the prefix index lives and how "
                    "it is kept fresh.",
                    60,
                ),
                Task(
                    "toolbox/caches.md",
                    "The cache tiers, from in-process to CDN, and which tier each problem so far "
                    "used.",
                    20,
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 10",
            focus="Strong consistency: ticket booking",
            phase=_DAILY,
            minutes=90,
            tasks=(
                Task(
                    "problems/ticket-booking.md",
                    "Attempt it for 35 minutes, then compare: how a seat is held without being "
                    "sold twice.",
                    60,
                ),
                Task(
                    "concepts/consistency-models.md",
                    "Learn the models, and say which one each problem so far needs.",
                    20,
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 11",
            focus="Hard: top-K",
            phase=_DAILY,
            minutes=90,
            tasks=(
                Task(
                    "problems/top-k.md",
                    "Attempt it for 35 minutes, then compare: exact counts or sketches, and when "
                    "one machine is enough.",
                    60,
                ),
                Task(
                    "practice/drills.md",
                    "Two drills against the clock; note each figure more than 2× off.",
                    20,
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 12",
            focus="Hard: payments",
            phase=_DAILY,
            minutes=90,
            tasks=(
                Task(
                    "problems/payments.md",
                    "Attempt it for 35 minutes, then compare: idempotency, the ledger, and what "
                    "happens when a call times out.",
                    60,
                ),
                Task(
                    "cheatsheet.md",
                    "Read the cheat sheet through and print it; mark what you could not have "
                    "said unprompted.",
                    20,
                ),
                _FLASHCARDS,
            ),
        ),
        StudyDay(
            name="Day 13",
            focus="Mock interview 1: ride-hailing",
            phase=_MOCKS,
            minutes=150,
            long=True,
            tasks=(
                Task(
                    MOCK_PAGE,
                    "A timed mock on ride-hailing, unseen: 45 minutes out loud, with a friend as "
                    "the interviewer if you can.",
                    45,
                ),
                Task(
                    "problems/ride-hailing.md",
                    "Compare your board with the walkthrough and list the three biggest gaps.",
                    30,
                ),
                Task(
                    "checklist.md#red-flags", "Score the mock against the red and green flags.", 15
                ),
                Task(
                    "framework/index.md",
                    "Redo on paper the two steps that went worst, with their pages open.",
                    30,
                ),
                Task("practice/drills.md", "One drill, to keep estimates quick.", 15),
                Task(
                    "practice/flashcards.md",
                    "The due cards, then the deck you miss most.",
                    15,
                ),
            ),
        ),
        StudyDay(
            name="Day 14",
            focus="Mock interview 2: a key-value store",
            phase=_MOCKS,
            minutes=120,
            long=True,
            tasks=(
                Task(
                    MOCK_PAGE,
                    "A second timed mock, on the distributed key-value store, working on "
                    "yesterday's three gaps.",
                    45,
                ),
                Task(
                    "problems/key-value-store.md",
                    "Compare with the walkthrough; note what still went wrong.",
                    30,
                ),
                Task("checklist.md#red-flags", "Score it against the flags, as yesterday.", 10),
                Task(
                    "cheatsheet.md",
                    "Read the cheat sheet one last time, then stop and rest.",
                    20,
                ),
                Task("practice/flashcards.md", "The due cards.", 15),
            ),
        ),
    ),
    check=plan_problems,
)
"""The plan's days, in order."""

TABLES: list[Table[StudyDay]] = [STUDY_PLAN]
LISTS: list[ItemList] = []
