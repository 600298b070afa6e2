"""The self-review at the end of interview mode: what a level is expected to show on a problem.

One function is the seam: :func:`rubric` ``(page, level)`` returns the lines the reader
checks their interview against, each ``"Label: what is expected"``.

The lines come from the design's row of ``sysdesign_core/tables/levels.py`` (the same table
each problem page ends with); :data:`GENERAL` is the summary of every level the interview page
shows, and the fallback for a page with no row.

>>> rubric("problems/chat.md", "staff")[-1].startswith("Failure modes to raise: ")
True
"""

from __future__ import annotations

import re

from .tables.levels import LEVEL_NAMES, LEVELS  # the levels by key (``?level=staff``), labels

__all__ = ["LEVEL_NAMES", "DEFAULT_LEVEL", "GENERAL", "rubric"]

DEFAULT_LEVEL = "senior"
_EMPHASIS = re.compile(r"(?<!\w)[*_`]+([^*_`]+)[*_`]+")

GENERAL: dict[str, tuple[tuple[str, str], ...]] = {
    "mid": (
        (
            "Estimates, unprompted",
            "the average and peak request rates and the storage, worked out before the design",
        ),
        (
            "Deep dive to lead",
            "one component taken to detail once the interviewer points at it, with its read "
            "and write paths",
        ),
        ("Trade-off to name", "one choice said as 'X over Y because …'"),
    ),
    "senior": (
        (
            "Estimates, unprompted",
            "the figure that decides the design, said together with what it decides",
        ),
        (
            "Deep dive to lead",
            "the hardest part, picked without being asked and taken deep with numbers",
        ),
        ("Trade-off to name", "each big choice, and the number or need that would flip it"),
    ),
    "staff": (
        (
            "Estimates, unprompted",
            "the figures that shape the architecture, and what the design costs to run",
        ),
        (
            "Deep dive to lead",
            "the parts that matter most, chosen and ordered by you, and what to build first",
        ),
        (
            "Trade-off to name",
            "the product or operational choice behind the technical one, and who pays for it",
        ),
        (
            "Failure modes to raise",
            "what breaks first at ten times the load, and what happens when each box dies, "
            "before the interviewer asks",
        ),
    ),
}
"""What each level shows on any problem (labels as the per-problem levels table uses them)."""


def rubric(page: str, level: str) -> list[str]:
    """The self-review lines for the problem whose page is ``page`` at ``level``.

    ``level`` is a key of :data:`LEVEL_NAMES`; anything else raises ``KeyError`` naming the
    levels. ``page`` is the problem's docs-relative page.

    >>> rubric("problems/chat.md", "mid")[0].split(": ")[0]
    'Estimates, unprompted'
    """
    if level not in LEVEL_NAMES:
        raise KeyError(f"no level {level!r}; use one of {', '.join(LEVEL_NAMES)}")
    if not page.endswith(".md"):
        raise ValueError(f"{page!r} is not a page; write e.g. 'problems/chat.md'")
    row = next((row for row in LEVELS.rows if row.page == page), None)
    if row is None:
        return [f"{label}: {text}" for label, text in GENERAL[level]]
    # The table's text is Markdown; the review shows plain text: *Group fan-out* → Group fan-out
    return [f"{label}: {_plain(text)}" for label, text in getattr(row, level).items()]


def _plain(text: str) -> str:
    return _EMPHASIS.sub(lambda match: match[1], text)
