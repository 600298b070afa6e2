"""Fuzz every registered calculator with adversarial inputs and print what went wrong.

A benchmark script, not a test: it prints figures. For every calculator it makes ``--runs``
calls of ``run()`` (default 100,000 per calculator), each with one to three inputs set to a
random string: numbers in every notation (exponents, separators, signs, huge and tiny), unit
suffixes, Unicode digits, decimal commas, lists, random text. Every 10th input set also goes
through the widget's JSON reply (``respond_json``, chart included every 100th). Then the
worksheet: ``--runs / 10`` sheets, half random strings of the language's tokens, half problem
sheets (``docs/sheets/``) with a few random edits; "ok" counts sheets with no line in error,
"refused" those with one. Then "Try it first": ``--runs / 100`` random answers and assumptions
on the design sheets (``sysdesign_core.worksheet.attempt``); "refused" counts replies with an
answer or assumption that could not be read. It counts:

- ``errors``: exceptions other than ``InputError``, and widget replies whose error names no
  input (a failure in ``run`` or the chart) (must be 0);
- ``non-finite``: outputs that are NaN or infinite, or a reply that is not strict JSON (0);
- ``slow``: calls over 1 s of CPU time (0); CPU time, not wall time, so that a machine
  busy with other work does not count as a slow calculator.

Half of the values are of the input's own kind, often at the edge of its bounds (1e-12 to
1e26 with its units), so that the arithmetic itself is pushed, not only the parser.

    .venv/bin/python bench/fuzz.py                 # 100,000 inputs per calculator
    .venv/bin/python bench/fuzz.py --runs 2000     # a quick look

Last full run (December 2026, 24 calculators, seed 12, 697 s on a busy 2-core machine):
2,400,000 runs, 239,951 answered, 2,160,049 refused with an InputError; errors 0,
non-finite 0, slow 0; the slowest call used 0.148 s of CPU (rate_limiter, with its chart).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter

from sysdesign_core import Input, InputError, calculators, run
from sysdesign_core.registry import KINDS
from sysdesign_core.widget import respond_json

UNITS = (
    "", "", "", "K", "k", "M", "B", "bn", "T", "thousand", "%", " %", "KB", "MB", "GB", "TB",
    "PB", "EB", "ZB", "YB", "KiB", "MiB", "GiB", "EiB", "YiB", "Kb", "b", "bytes", "ms", "ns",
    "us", "µs", "s", "m", "min", "h", "d", "w", "mo", "q", "y", "years", "/s", "/min", "/day",
    "/y", "/0", " qps", "bps", "Gbps", "Ebps", "Mbit/s", "MB/s", "nines", " nines", "9s", ":1",
    ":0", ":3", ":1e-300", "e308", "e-324", "x", "M/s/s", "²", "١", "，", ",5", ".5",
)  # fmt: skip
WORDS = (
    "", " ", "abc", "inf", "nan", "Infinity", "-", "+", ".", "e", "1e", "1..2", "bursty",
    "steady", "serial", "parallel", "365", "365.25", "１２", "١٢٣", "½", "²", "\n", "\x00",
    "9" * 5000, "1" + "0" * 400, "1h -30m", "1h 30m", "99,9%, 99,95%", "2,5", "1,000,000",
    "1_000", "1,00", "0, 5, ²", ", " * 40,
)  # fmt: skip
CHARS = "0123456789.,_-+eE%:/ KMBGTkmbsyhd²١１\u00a0"


def number(rng: random.Random) -> str:
    """A number in one of many notations, from 1e-330 to 1e330 and beyond."""
    pick = rng.random()
    if pick < 0.25:
        return str(rng.randint(0, 10 ** rng.randint(0, 20)))
    if pick < 0.45:
        return f"{rng.uniform(0, 10):.{rng.randint(0, 6)}f}"
    if pick < 0.65:
        return f"{rng.uniform(1, 10):.3g}e{rng.randint(-330, 330)}"
    if pick < 0.75:
        return f"{rng.randint(0, 10**12):,}"
    if pick < 0.85:
        return repr(rng.choice([0.0, -0.0, 5e-324, 1e-300, 1.7e308, 1e15, 1e16, 0.999999999]))
    if pick < 0.92:
        return str(rng.randint(0, 1000))
    return rng.choice(["0", "1", "2", "3", "10", "100", "0.5", "99.9", "99.99"])


def value(rng: random.Random) -> str:
    """One adversarial string."""
    pick = rng.random()
    if pick < 0.55:
        sign = rng.choice(["", "", "", "-", "+", " "])
        return f"{sign}{number(rng)}{rng.choice(UNITS)}"
    if pick < 0.7:
        sep = rng.choice([", ", ",", "; ", " "])
        return sep.join(f"{number(rng)}{rng.choice(UNITS)}" for _ in range(rng.randint(1, 6)))
    if pick < 0.8:
        return rng.choice(WORDS)
    if pick < 0.9:
        return "".join(rng.choice(CHARS) for _ in range(rng.randint(0, 15)))
    if pick < 0.95:  # a long trace (rate limiter) or list
        return ", ".join(str(rng.randint(0, 1200)) for _ in range(rng.randint(1, 130)))
    return "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(0, 12)))


KIND_UNITS = {
    "count": ("", "K", "M", "B", "T"),
    "number": ("",),
    "ratio": ("", ":1", ":1000"),
    "bytes": ("B", "KB", "GB", "PB", "EB", "YB", "KiB"),
    "bandwidth": ("bps", "Mbps", "Gbps", "MB/s"),
    "rate": ("", "/s", "/min", "/day", "/y"),
    "duration": ("ns", "ms", "s", "h", "d", "y"),
    "fraction": ("%", "%", ""),
    "availability": ("%", " nines", ""),
}


def plausible(item: Input, rng: random.Random) -> str:
    """A value of the input's own kind, often at the edge of its bounds (tiny or huge)."""
    if item.choices:
        return rng.choice(item.choices)
    if not KINDS[item.kind].quantity:  # a topology or a trace
        parts = [f"{rng.uniform(0, 100):.{rng.randint(0, 12)}f}%" for _ in range(rng.randint(1, 8))]
        trace = [str(rng.randint(0, 1000)) for _ in range(rng.randint(1, 120))]
        return ", ".join(rng.choice([parts, trace]))
    magnitude = rng.uniform(-12, 26)
    text = f"{10**magnitude:.{rng.randint(1, 4)}g}"
    return text + rng.choice(KIND_UNITS.get(item.kind, ("",)))


SHEET_TOKENS = (
    "dau", "x", "peak", " = ", "=", " ", "*", "/", "+", "-", "^", "(", ")", "..", ",", ".",
    "500M", "1B", "200 B", "1.5KB", "10K/s", "5M/day", "99.9%", "3 nines", "$0.02", "/GB",
    "/month", " in ", "PB", "hours", "Gbps", "day", "year", "capacity(", "servers(", "dau=",
    "latency=", "peak_qps=", ".peak_read_qps", "ceil(", "min(", "log2(", "sqrt(", "0", "1e308",
    "1e-308", '"', "#", "%", "m", "1_000", "×", "÷", "ssd_random_read", "s3_standard",
    "(1..10)", "100M..1B", "\t", "\n", "\n", "\n",
)  # fmt: skip


def print_row(name: str, counts: Counter[str], slowest: float | None = None) -> None:
    """One line of the table: runs, ok, refused, errors, non-finite, slow (and the slowest)."""
    tail = "" if slowest is None else f" {slowest:>10.3f}"
    print(f"{name:<16} {counts['runs']:>8,} {counts['ok']:>8,} {counts['refused']:>8,} "
          f"{counts['errors']:>6} {counts['non-finite']:>10} {counts['slow']:>5}{tail}",
          flush=True)  # fmt: skip


def sheets(rng: random.Random, runs: int, totals: Counter[str], examples: list[str]) -> None:
    """Fuzz the worksheet: random sheets of the language's tokens and mutated problem sheets.
    Every line must have a value or a one-line error; every value finite; JSON strict."""
    from pathlib import Path

    from sysdesign_core.worksheet import evaluate
    from sysdesign_core.worksheet import respond_json as sheet_json

    seeds = [p.read_text(encoding="utf-8") for p in sorted(Path("docs/sheets").glob("*.sheet"))]
    counts: Counter[str] = Counter()
    slowest = 0.0
    for index in range(runs):
        if seeds and index % 2:
            text = rng.choice(seeds)
            for _ in range(rng.randint(1, 6)):
                at = rng.randint(0, len(text))
                text = text[:at] + rng.choice(SHEET_TOKENS + WORDS) + text[at + rng.randint(0, 6) :]
        else:
            text = "".join(rng.choice(SHEET_TOKENS) for _ in range(rng.randint(1, 120)))
        begin = time.process_time()
        try:
            sheet = evaluate(text)
            bad = [
                line for line in sheet.lines
                if (line.error and "\n" in line.error)
                or any(not math.isfinite(n) for n in (
                    line.value.value if line.value else 0.0, line.low or 0.0, line.high or 0.0))
            ]  # fmt: skip
            counts["ok" if not any(line.error for line in sheet.lines) else "refused"] += 1
            if bad:
                counts["non-finite"] += 1
                examples.append(f"sheet line {bad[0].number}: {text!r}"[:300])
            if index % 10 == 0:
                json.loads(sheet_json(text, 1), parse_constant=lambda name: 1 / 0)
        except Exception as error:  # noqa: BLE001 - counting them is the point
            counts["errors"] += 1
            examples.append(f"error worksheet {text!r}: {type(error).__name__}: {error}"[:300])
        took = time.process_time() - begin
        slowest = max(slowest, took)
        if took > 1.0:
            counts["slow"] += 1
            examples.append(f"slow {took:.2f}s worksheet {text!r}"[:300])
    counts["runs"] = runs
    totals.update(counts)
    print_row("worksheet", counts, slowest)


def attempts(rng: random.Random, runs: int, totals: Counter[str], examples: list[str]) -> None:
    """Fuzz "Try it first": random answers and assumptions on the problem sheets. Every reply
    is strict JSON with a known grade and a message for every figure, never an internal error.
    "ok" counts replies where every typed answer was read; "refused" the rest."""
    from pathlib import Path

    from sysdesign_core.worksheet.attempt import assumptions, prompts
    from sysdesign_core.worksheet.attempt import respond_json as attempt_json

    seeds = [
        text
        for p in sorted(Path("docs/sheets").glob("*.sheet"))
        if prompts(text := p.read_text(encoding="utf-8"))
    ]
    grades = {"exact", "close", "magnitude", "off", "invalid", "missing", "unknown"}
    counts: Counter[str] = Counter()
    slowest = 0.0
    for _ in range(runs):
        text = rng.choice(seeds)
        asked = [p.name for p in prompts(text)]
        inputs = [a.name for a in assumptions(text)]
        answers = {n: value(rng) for n in rng.sample(asked, rng.randint(0, len(asked)))}
        changed = {n: value(rng) for n in rng.sample(inputs, rng.randint(0, min(2, len(inputs))))}
        begin = time.process_time()
        try:
            reply = json.loads(
                attempt_json(text, json.dumps(changed), json.dumps(answers)),
                parse_constant=lambda name: 1 / 0,
            )
            if reply.get("error") or any(
                f["grade"] not in grades or not f["message"] for f in reply["figures"]
            ):
                counts["errors"] += 1
                examples.append(f"attempt {changed!r} {answers!r}: {reply.get('error')}"[:300])
            elif any(f["grade"] in ("invalid", "unknown") for f in reply["figures"]):
                counts["refused"] += 1
            else:
                counts["ok"] += 1
        except Exception as error:  # noqa: BLE001 - counting them is the point
            counts["errors"] += 1
            examples.append(f"error attempt {answers!r}: {type(error).__name__}: {error}"[:300])
        took = time.process_time() - begin
        slowest = max(slowest, took)
        if took > 1.0:
            counts["slow"] += 1
            examples.append(f"slow {took:.2f}s attempt {changed!r} {answers!r}"[:300])
    counts["runs"] = runs
    totals.update(counts)
    print_row("try it first", counts, slowest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100_000, help="inputs per calculator")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    totals: Counter[str] = Counter()
    examples: list[str] = []
    print(f"{'calculator':<16} {'runs':>8} {'ok':>8} {'refused':>8} {'errors':>6} "
          f"{'non-finite':>10} {'slow':>5} {'max cpu s':>10}")  # fmt: skip
    started = time.perf_counter()
    for calc in calculators():
        counts: Counter[str] = Counter()
        slowest = 0.0
        names = [item.name for item in calc.inputs]
        for index in range(args.runs):
            chosen = rng.sample(names, rng.randint(1, min(3, len(names))))
            raw = {
                name: plausible(calc.input(name), rng) if rng.random() < 0.5 else value(rng)
                for name in chosen
            }
            begin = time.process_time()
            try:
                result = run(calc.id, raw)
                counts["ok"] += 1
                if not all(math.isfinite(o["value"]) for o in result["outputs"].values()):
                    counts["non-finite"] += 1
                    examples.append(f"non-finite {calc.id} {raw!r}")
            except InputError:
                counts["refused"] += 1
            except Exception as error:  # noqa: BLE001 - counting them is the point
                counts["errors"] += 1
                examples.append(f"error {calc.id} {raw!r}: {type(error).__name__}: {error}")
            if index % 10 == 0:
                reply = respond_json(calc.id, json.dumps(raw), with_chart=index % 100 == 0)
                try:
                    answer = json.loads(reply, parse_constant=lambda name: 1 / 0)
                except (ValueError, ZeroDivisionError):
                    counts["non-finite"] += 1
                    examples.append(f"bad JSON {calc.id} {raw!r}")
                else:
                    if "" in answer.get("errors", {}):  # a failure that no input explains
                        counts["errors"] += 1
                        examples.append(f"reply {calc.id} {raw!r}: {answer['errors']['']}")
            took = time.process_time() - begin
            slowest = max(slowest, took)
            if took > 1.0:
                counts["slow"] += 1
                examples.append(f"slow {took:.2f}s {calc.id} {raw!r}"[:300])
        counts["runs"] = args.runs
        totals.update(counts)
        print_row(calc.id, counts, slowest)
    sheets(rng, max(1, args.runs // 10), totals, examples)
    attempts(rng, max(1, args.runs // 100), totals, examples)
    print_row("all", totals)
    print(f"{time.perf_counter() - started:.0f} s, seed {args.seed}")
    for line in examples[:20]:
        print(line[:300])
    return 0 if not (totals["errors"] or totals["non-finite"] or totals["slow"]) else 1


if __name__ == "__main__":
    sys.exit(main())
