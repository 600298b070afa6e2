"""Estimation drills: back-of-the-envelope problems generated from a seed, checked, and solved.

A drill is fully determined by its seed (``random.Random(seed)``, never the global generator),
so the same seed gives the same problem in CPython and in Pyodide, and a URL can share it.
Answers are typed in the calculators' notation (``12K/s``, ``200 GB``, ``2 Gbps``) and judged
as an interviewer would: within 2× is close, within 10× is the right order of magnitude, and
the reference itself (as the site rounds it) is exact.

>>> drill = generate(7)
>>> drill == generate(7)
True
>>> verdicts = check(drill, {"write_qps": format_answer("write_qps", expected(drill)["write_qps"])})
>>> verdicts[0].grade, verdicts[0].message.split(":")[0]
('exact', 'Exact')
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from . import units
from .capacity import capacity_estimate
from .errors import ParseError

__all__ = [
    "DAY_SECONDS",
    "RETENTION_YEARS",
    "FIXED_SEEDS",
    "Scenario",
    "Drill",
    "Answer",
    "Verdict",
    "grade_ratio",
    "EXACT",
    "SCENARIOS",
    "ANSWERS",
    "generate",
    "expected",
    "check",
    "score",
    "solution",
    "format_answer",
    "respond",
    "respond_json",
]

DAY_SECONDS = 100_000.0
"""The interview rounding of a day (86,400 s): the worked solutions divide by 10⁵."""

RETENTION_YEARS = 5.0
"""The drills ask for five years of storage, one copy (replication is a separate step)."""

FIXED_SEEDS = (1, 2, 3, 4, 5, 6)
"""The drills shown, solved, on the page for readers without JavaScript."""

MAX_SEED = 999_999


@dataclass(frozen=True)
class Scenario:
    """A kind of product and the realistic ranges its numbers are drawn from.

    Every range is a tuple of round values (interviews use round numbers); the generator
    picks one of each.
    """

    name: str
    action: str
    thing: str
    dau: tuple[float, ...]
    writes_per_user: tuple[float, ...]
    read_write_ratio: tuple[float, ...]
    record_size: tuple[float, ...]
    problem: str = ""
    """The problem-bank row (``tables/problems.py``) that designs this product in full."""


_M = 1e6
SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "a photo-sharing app",
        "uploads",
        "photo",
        (10 * _M, 50 * _M, 100 * _M, 500 * _M),
        (0.1, 0.5, 1, 2),
        (10, 50, 100),
        (200e3, 500e3, 1e6, 2e6),
    ),
    Scenario(
        "a chat app",
        "sends",
        "message",
        (50 * _M, 100 * _M, 500 * _M, 1000 * _M),
        (20, 40, 50, 100),
        (1, 2, 5),
        (100, 200, 500, 1e3),
        problem="Chat",
    ),
    Scenario(
        "a URL shortener",
        "creates",
        "short link",
        (1 * _M, 10 * _M, 50 * _M, 100 * _M),
        (0.1, 0.5, 1),
        (10, 100, 1000),
        (200, 500, 1e3),
        problem="URL shortener",
    ),
    Scenario(
        "a microblogging site",
        "posts",
        "post",
        (100 * _M, 200 * _M, 500 * _M),
        (1, 2, 5),
        (50, 100, 200),
        (300, 500, 1e3),
        problem="News feed",
    ),
    Scenario(
        "a video platform",
        "uploads",
        "video",
        (10 * _M, 50 * _M, 100 * _M),
        (0.001, 0.005, 0.01),
        (50, 100, 200),
        (50e6, 100e6, 200e6),
        problem="Video streaming",
    ),
    Scenario(
        "an online shop",
        "places",
        "order",
        (5 * _M, 10 * _M, 50 * _M, 100 * _M),
        (0.1, 0.2, 0.5),
        (20, 50, 100),
        (2e3, 5e3, 10e3),
    ),
    Scenario(
        "a ride-hailing app",
        "sends",
        "location ping",
        (1 * _M, 5 * _M, 10 * _M),
        (500, 1000, 2000),
        (1, 2, 5),
        (50, 100, 200),
        problem="Ride-hailing",
    ),
    Scenario(
        "a news-feed reader",
        "saves",
        "bookmark",
        (10 * _M, 50 * _M, 100 * _M),
        (1, 2, 5),
        (10, 20, 50),
        (500, 1e3, 2e3),
    ),
    # From the problem bank: each is designed in full on its page.
    Scenario(
        "a ticketing site",
        "books",
        "ticket",
        (1 * _M, 5 * _M, 20 * _M),
        (0.05, 0.1, 0.5),
        (100, 500, 1000),
        (1e3, 2e3, 5e3),
        problem="Ticket booking",
    ),
    Scenario(
        "a payments service",
        "makes",
        "payment",
        (10 * _M, 50 * _M, 100 * _M),
        (0.5, 1, 2),
        (2, 5, 10),
        (1e3, 2e3, 4e3),
        problem="Payments and wallets",
    ),
    Scenario(
        "a file-sync service",
        "saves",
        "file version",
        (10 * _M, 50 * _M, 100 * _M),
        (2, 5, 10),
        (1, 2, 5),
        (100e3, 500e3, 1e6),
        problem="File sync",
    ),
    Scenario(
        "a notification service",
        "receives",
        "notification",
        (100 * _M, 500 * _M, 1000 * _M),
        (5, 10, 20),
        (1, 2),
        (200, 500, 1e3),
        problem="Notification system",
    ),
)


@dataclass(frozen=True)
class Drill:
    """One generated problem: a scenario and the numbers the person starts from."""

    seed: int
    scenario: str
    action: str
    thing: str
    dau: float
    writes_per_user: float
    read_write_ratio: float
    record_size: float
    problem: str = ""

    def statement(self) -> str:
        """The problem in words, as an interviewer would pose it."""
        per_user = units.format_number(self.writes_per_user)
        plural = "" if self.writes_per_user == 1 else "s"
        how_often = f"{self.action} {per_user} {self.thing}{plural} a day"
        if self.writes_per_user < 1:  # "0.1 photos a day" reads oddly: say how often instead
            days = units.format_number(1 / self.writes_per_user)
            how_often = f"{self.action} one {self.thing} every {days} days"
        ratio = self.read_write_ratio
        reads = "once" if ratio == 1 else f"{units.format_number(ratio)} times"
        return (
            f"You are sizing {self.scenario} with {units.format_count(self.dau)} daily active "
            f"users. Each user {how_often}, each "
            f"{self.thing} takes {units.format_bytes(self.record_size)}, and every {self.thing} "
            f"is read {reads} for each one written. "
            f"Estimate the write QPS, the read QPS, the storage a day, the storage over "
            f"{units.format_number(RETENTION_YEARS)} years (one copy) and the read bandwidth."
            + (
                f" Then compare with the full design in the problem bank: {self.problem}."
                if self.problem
                else ""
            )
        )


def generate(seed: int) -> Drill:
    """The drill for ``seed`` (0 … 999,999): the same seed always gives the same drill."""
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be between 0 and {MAX_SEED:,}")
    rng = random.Random(seed)
    scenario = SCENARIOS[rng.randrange(len(SCENARIOS))]
    return Drill(
        seed=seed,
        scenario=scenario.name,
        action=scenario.action,
        thing=scenario.thing,
        dau=scenario.dau[rng.randrange(len(scenario.dau))],
        writes_per_user=scenario.writes_per_user[rng.randrange(len(scenario.writes_per_user))],
        read_write_ratio=scenario.read_write_ratio[rng.randrange(len(scenario.read_write_ratio))],
        record_size=scenario.record_size[rng.randrange(len(scenario.record_size))],
        problem=scenario.problem,
    )


@dataclass(frozen=True)
class Answer:
    """One figure the drill asks for: how it is typed, shown and compared."""

    name: str
    label: str
    parse: Callable[[str], float]
    format: Callable[[float], str]
    hint: str


def _parse_byte_rate(text: str) -> float:
    # The calculators read bandwidth in bits per second ("2 Gbps" or "250MB/s"): back to bytes.
    return units.parse_bandwidth(text) / 8


ANSWERS: tuple[Answer, ...] = (
    Answer(
        "write_qps", "Write QPS (average)", units.parse_rate, units.format_rate, units.RATE_HELP
    ),
    Answer("read_qps", "Read QPS (average)", units.parse_rate, units.format_rate, units.RATE_HELP),
    Answer(
        "storage_per_day",
        "Storage per day",
        units.parse_bytes,
        units.format_bytes,
        units.BYTES_HELP,
    ),
    Answer(
        "storage_5y",
        "Storage over 5 years (one copy)",
        units.parse_bytes,
        units.format_bytes,
        units.BYTES_HELP,
    ),
    Answer(
        "egress", "Read bandwidth", _parse_byte_rate, units.format_byte_rate, units.BANDWIDTH_HELP
    ),
)
_BY_NAME = {answer.name: answer for answer in ANSWERS}


def format_answer(name: str, value: float) -> str:
    """``value`` (base units) in the notation of answer ``name``."""
    return _BY_NAME[name].format(value)


def expected(drill: Drill) -> dict[str, float]:
    """The reference answers in base units, computed by :func:`capacity_estimate`."""
    estimate = capacity_estimate(
        drill.dau,
        drill.writes_per_user,
        drill.read_write_ratio,
        drill.record_size,
        retention_years=RETENTION_YEARS,
        replicas=1,
        day_seconds=DAY_SECONDS,
    )
    return {
        "write_qps": estimate.write_qps,
        "read_qps": estimate.read_qps,
        "storage_per_day": estimate.storage_per_day,
        "storage_5y": estimate.storage_total,
        "egress": estimate.egress,
    }


@dataclass(frozen=True)
class Verdict:
    """How one typed answer compares with the reference.

    ``grade`` is ``exact`` (the reference, as the site rounds it: 2 points), ``close``
    (within 2×, 2 points), ``magnitude`` (within 10×, 1 point), ``off`` (further, 0),
    ``missing`` (left empty) or ``invalid`` (could not be read).
    """

    name: str
    label: str
    given: str
    expected: float
    expected_text: str
    ratio: float | None
    grade: str
    points: int
    message: str


EXACT = 0.005
"""An answer within 0.5% of the reference (or shown the same) is graded exact."""


def grade_ratio(ratio: float) -> tuple[str, int]:
    """The grade and points of an answer ``ratio`` times the reference (before "exact").

    >>> grade_ratio(1.5), grade_ratio(0.2), grade_ratio(20.0)
    (('close', 2), ('magnitude', 1), ('off', 0))
    """
    factor = max(ratio, 1 / ratio) if ratio > 0 else math.inf
    if factor <= 2:
        return "close", 2
    if factor <= 10:
        return "magnitude", 1
    return "off", 0


def check(drill: Drill, answers: Mapping[str, str]) -> list[Verdict]:
    """Judge each typed answer against the reference; unknown names are ignored."""
    reference = expected(drill)
    verdicts = []
    for answer in ANSWERS:
        given = str(answers.get(answer.name, "")).strip()
        want = reference[answer.name]
        want_text = answer.format(want)
        ratio: float | None = None
        if not given:
            grade, points, message = "missing", 0, "No answer yet."
        else:
            try:
                value = answer.parse(given)
            except ParseError as error:
                grade, points, message = "invalid", 0, f"{error}"
            else:
                ratio = value / want
                grade, points = grade_ratio(ratio)
                if answer.format(value) == want_text or abs(ratio - 1) <= EXACT:
                    grade = "exact"  # what the site itself shows, give or take rounding
                message = {
                    "exact": f"Exact: {want_text}.",
                    "close": f"Close: within 2× of {want_text}.",
                    "magnitude": f"Right order of magnitude (within 10× of {want_text}).",
                    "off": f"More than 10× away from {want_text}.",
                }[grade]
        verdicts.append(
            Verdict(
                answer.name, answer.label, given, want, want_text, ratio, grade, points, message
            )
        )
    return verdicts


def score(verdicts: list[Verdict]) -> tuple[int, int]:
    """(points, out of): 2 per close answer, 1 per right order of magnitude."""
    return sum(v.points for v in verdicts), 2 * len(verdicts)


def solution(drill: Drill) -> list[str]:
    """The worked solution, one step per line, every figure computed by the core."""
    ref = expected(drill)
    f_count, f_num, f_bytes = units.format_count, units.format_number, units.format_bytes
    writes_day = drill.dau * drill.writes_per_user
    return [
        f"Writes a day: {f_count(drill.dau)} users × {f_num(drill.writes_per_user)} = "
        f"{f_count(writes_day)} {drill.thing}s.",
        f"Write QPS: {f_count(writes_day)} ÷ 10⁵ seconds (a day is 86,400 s; round it up) ≈ "
        f"{units.format_rate(ref['write_qps'])}.",
        f"Read QPS: {units.format_rate(ref['write_qps'])} × "
        f"{f_num(drill.read_write_ratio)} reads per write ≈ {units.format_rate(ref['read_qps'])}.",
        f"Storage a day: {f_count(writes_day)} × {f_bytes(drill.record_size)} ≈ "
        f"{f_bytes(ref['storage_per_day'])}.",
        f"Storage over {f_num(RETENTION_YEARS)} years: {f_bytes(ref['storage_per_day'])} × 365.25 "
        f"× {f_num(RETENTION_YEARS)} ≈ {f_bytes(ref['storage_5y'])} for one copy; multiply by "
        "the replica count (often 3) for the disks you buy.",
        f"Read bandwidth: {units.format_rate(ref['read_qps'])} × {f_bytes(drill.record_size)} ≈ "
        f"{units.format_byte_rate(ref['egress'])} "
        f"({units.format_bandwidth(ref['egress'] * 8)}).",
    ]


def respond(seed: str, answers: Mapping[str, str]) -> dict[str, Any]:
    """Everything the drills page shows for ``seed`` and the typed ``answers``.

    ``{"ok": True, "drill", "statement", "verdicts", "points", "out_of", "solution"}`` or
    ``{"ok": False, "error"}`` for a seed that is not a whole number in range.
    """
    try:
        number = int(seed.strip())
        drill = generate(number)
    except ValueError:
        return {
            "ok": False,
            "error": f"{seed!r} is not a seed; enter a whole number from 0 to {MAX_SEED:,}",
        }
    verdicts = check(drill, answers)
    points, out_of = score(verdicts)
    return {
        "ok": True,
        "drill": asdict(drill),
        "statement": drill.statement(),
        "verdicts": [asdict(v) for v in verdicts],
        "points": points,
        "out_of": out_of,
        "solution": solution(drill),
    }


def respond_json(seed: str, answers_json: str) -> str:
    """:func:`respond` over JSON strings, for the browser worker."""
    return json.dumps(respond(seed, json.loads(answers_json)), ensure_ascii=False)
