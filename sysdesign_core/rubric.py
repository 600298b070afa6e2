"""The self-review at the end of interview mode: what a level is expected to show on a problem.

One function is the seam: :func:`rubric` ``(page, level)`` returns the lines the reader
checks their interview against, each ``"Label: what is expected"``.

TO WIRE AT MERGE (``sysdesign_core/tables/levels.py``, per problem, is not in this branch):
the body of :func:`rubric` below returns the general expectations of :data:`GENERAL` for
every problem. Once ``tables/levels.py`` is present, replace the ``return`` marked ``STUB``
with::

    from .tables.levels import LEVELS
    row = next(row for row in LEVELS.rows if row.page == page)
    return [f"{label}: {text}" for label, text in getattr(row, level).items()]

and keep :data:`LEVEL_NAMES` equal to ``tables.levels.LEVEL_NAMES`` (a test checks it then).
:data:`GENERAL` stays: the interview page shows it as the summary of every level.

>>> rubric("problems/chat.md", "staff")[-1].startswith("Failure modes to raise: ")
True
"""

from __future__ import annotations

__all__ = ["LEVEL_NAMES", "DEFAULT_LEVEL", "GENERAL", "rubric"]

LEVEL_NAMES = {"mid": "Mid-level", "senior": "Senior", "staff": "Staff"}
"""The levels a reader picks, by key (as in a link, ``?level=staff``), with their labels."""

DEFAULT_LEVEL = "senior"

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
    return [f"{label}: {text}" for label, text in GENERAL[level]]  # STUB: see the module doc
