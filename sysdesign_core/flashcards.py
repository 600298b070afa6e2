"""Flashcards generated from the catalog and the calculators, so they never go stale.

Three kinds of card, each with a stable ``id`` (kept when the wording of a row changes, so
progress in the browser or in Anki survives a content edit):

- one card per table row: the row's name on the front, its other columns on the back;
- one card per checklist item that explains itself, and one "name them all" card per list;
- numeric cards whose answers are computed by :func:`~sysdesign_core.registry.run`
  ("99.95% — downtime per month?").

Texts are Markdown; links to pages of the site are reduced to their text, since a card is
read away from the page it came from.

>>> card = next(c for c in cards() if c.front.startswith("99.95% availability"))
>>> card.back.splitlines()[0]
'**21m 55s** a month'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import catalog
from .records import Correction, ItemList, Record, Table
from .registry import get, run

__all__ = ["Card", "cards", "decks", "SKIP_TABLES", "plain_links"]

SKIP_TABLES = frozenset({"interview_prompts", "cloud_prices", "levels", "study_plan"})
"""Tables that make poor cards: prompts for the interview mode, prices (looked up, not learnt),
what each level shows in each design (read beside its page, not drilled as a card) and the
study plan (a schedule to follow, not facts to recall)."""

_LINK = re.compile(r"\[([^\]]+)\]\((?!https?://)[^)]*\)")


@dataclass(frozen=True)
class Card:
    """One flashcard: Markdown ``front`` and ``back``, the ``deck`` it belongs to and a stable id.

    ``page`` is the docs-relative page that teaches it, when the card knows (calculators and
    corrections do); ``origin`` names the catalog table or list it came from, so the build can
    find the page that shows it.
    """

    id: str
    deck: str
    front: str
    back: str
    page: str = ""
    origin: str = ""


def plain_links(text: str) -> str:
    """Links to the site's own pages reduced to their text; web links are kept.

    >>> plain_links("see [Databases](toolbox/databases.md) and [RFC](https://x.org)")
    'see Databases and [RFC](https://x.org)'
    """
    return _LINK.sub(r"\1", text)


def _id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:12]


# --- tables and lists -------------------------------------------------------------------------


def _row_card(table: Table[Record], row: Record) -> Card:
    if isinstance(row, Correction):
        return Card(
            id=_id("table", table.name, row.name),
            deck="Corrections",
            front=f"Often said: “{plain_links(row.name)}”. What holds?",
            back=plain_links(row.now),
            page=row.page,
            origin=table.name,
        )
    others = [column for column in table.columns if column.key != "name"]
    asked = ", ".join(column.header.lower() for column in others)
    back = "\n".join(
        f"- **{column.header}:** {plain_links(str(getattr(row, column.key)))}" for column in others
    )
    return Card(
        id=_id("table", table.name, row.name),
        deck=table.title,
        front=f"{table.title}: **{plain_links(row.name)}** — {asked}?",
        back=back,
        origin=table.name,
    )


def _list_cards(item_list: ItemList) -> Iterator[Card]:
    names = "\n".join(f"- {plain_links(item.text)}" for item in item_list.items)
    yield Card(
        id=_id("list", item_list.name),
        deck=item_list.title,
        front=f"{item_list.title}: name the {len(item_list.items)} items.",
        back=names,
        origin=item_list.name,
    )
    for item in item_list.items:
        if item.detail.strip():
            yield Card(
                id=_id("item", item_list.name, item.text),
                deck=item_list.title,
                front=f"{item_list.title}: **{plain_links(item.text)}** — why, or what to do?",
                back=plain_links(item.detail),
                origin=item_list.name,
            )


# --- numbers from the calculators -------------------------------------------------------------

_AVAILABILITIES = ("99%", "99.9%", "99.95%", "99.99%", "99.999%")

# (question, calculator, output, inputs, what the answer is of)
_NUMERIC: tuple[tuple[str, str, str, dict[str, str], str], ...] = (
    (
        "1M requests a day — how many a second on average?",
        "capacity",
        "write_qps",
        {"dau": "1M", "writes_per_user": "1"},
        "on average (86,400 seconds a day)",
    ),
    (
        "1B requests a day — how many a second on average?",
        "capacity",
        "write_qps",
        {"dau": "1B", "writes_per_user": "1"},
        "on average (86,400 seconds a day)",
    ),
    (
        "Two 99.9% components, both needed (in series) — combined availability?",
        "composite",
        "availability",
        {"components": "99.9%, 99.9%", "mode": "serial"},
        "combined",
    ),
    (
        "Two 99.9% components, either one enough (in parallel) — combined availability?",
        "composite",
        "availability",
        {"components": "99.9%, 99.9%", "mode": "parallel"},
        "combined",
    ),
    (
        "3 replicas at 99% each, a majority (2) needed — availability of the quorum?",
        "quorum",
        "availability",
        {"availability": "99%", "nodes": "3", "required": "2"},
        "for the quorum",
    ),
    (
        "A request fans out to 100 backends, each slow 1% of the time — share of requests slow?",
        "tail_latency",
        "slow_fraction",
        {"fanout": "100", "slow_probability": "1%"},
        "of requests wait for at least one slow backend",
    ),
    (
        "11 nines of durability, 10M objects — objects lost per year?",
        "durability",
        "expected_losses_per_year",
        {"durability": "11 nines", "objects": "10M"},
        "expected per year",
    ),
    (
        "1 TB over a 1 Gbps link — how long?",
        "transfer",
        "duration",
        {"size": "1TB", "bandwidth": "1Gbps"},
        "at full line rate",
    ),
    (
        "SLO 99.9% over 30 days, burning at 14.4× for 1 hour — share of the budget spent?",
        "burn_rate",
        "budget_consumed",
        {"slo": "99.9%", "window": "30d", "burn_rate": "14.4", "alert_window": "1h"},
        "of the 30-day error budget",
    ),
    (
        "SLO 99.9% over 30 days, burning at 6× — when is the budget gone?",
        "burn_rate",
        "time_to_exhaustion",
        {"slo": "99.9%", "window": "30d", "burn_rate": "6", "alert_window": "6h"},
        "from a full budget",
    ),
)


def _numeric_cards() -> Iterator[Card]:
    page = get("availability").page
    for availability in _AVAILABILITIES:
        out = run("availability", {"availability": availability})["outputs"]
        yield Card(
            id=_id("numeric", "availability", availability),
            deck="Numbers to know",
            front=f"{availability} availability — downtime per month?",
            back=f"**{out['downtime_month']['text']}** a month\n\n"
            f"({out['downtime_year']['text']} a year; a month is a twelfth of 365.25 days)",
            page=page,
        )
    for question, calc_id, output, inputs, of in _NUMERIC:
        calc = get(calc_id)
        result = run(calc_id, inputs)["outputs"][output]
        yield Card(
            id=_id("numeric", calc_id, output, *sorted(f"{k}={v}" for k, v in inputs.items())),
            deck="Numbers to know",
            front=question,
            back=f"**{result['text']}** {of}\n\n(the {calc.title.lower()} calculator)",
            page=calc.page,
        )


# --- all together -----------------------------------------------------------------------------


def cards() -> list[Card]:
    """Every card: the numbers first, then each table's rows, then each list's items."""
    out = list(_numeric_cards())
    for name, table in catalog.TABLES.items():
        if name not in SKIP_TABLES:
            out.extend(_row_card(table, row) for row in table.rows)
    for item_list in catalog.LISTS.values():
        out.extend(_list_cards(item_list))
    return out


def decks(all_cards: list[Card] | None = None) -> dict[str, list[Card]]:
    """The cards grouped by deck, in first-seen order."""
    grouped: dict[str, list[Card]] = {}
    for card in cards() if all_cards is None else all_cards:
        grouped.setdefault(card.deck, []).append(card)
    return grouped
