"""The reader's progress: which designs and senior topics are done, what is next, and the
practice streaks. The list of pages is built here from the catalog; what is done lives only
in the reader's browser (javascripts/progress.js), so the view is hidden without JavaScript.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from markupsafe import Markup

from sysdesign_core.tables.problems import DIFFICULTIES, PROBLEMS

from .render import DOCS, _html, _page_url, page_href

__all__ = ["tracked_pages", "progress", "with_done_mark"]


def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def tracked_pages() -> list[tuple[str, list[dict[str, str]]]]:
    """The pages a reader can mark as done, in the order the "Start here" path takes them:
    the walkthroughs, the problems from easy to hard, then the senior topics. Each page is
    ``{"key": "problems/chat/", "page": "problems/chat.md", "title", "note"}``."""
    rank = {level: i for i, level in enumerate(DIFFICULTIES)}
    # The walkthroughs in the catalog's order (Twitter first, as "Start here" says), then the
    # problems from easy to hard (a stable sort keeps the catalog's order within a level).
    rows = sorted(
        PROBLEMS.rows,
        key=lambda r: (
            (1, rank.get(r.difficulty, 9)) if not r.page.startswith("walkthroughs/") else (0, 0)
        ),
    )
    designs = [
        {"key": _page_url(r.page), "page": r.page, "title": r.name, "note": r.difficulty}
        for r in rows
    ]
    senior = [
        {"key": _page_url(f"senior/{p.name}"), "page": f"senior/{p.name}", "title": _title(p)}
        for p in sorted((DOCS / "senior").glob("*.md"))
        if p.name != "index.md"
    ]
    return [("Designs", designs), ("Senior topics", senior)]


def progress(page: str) -> Markup:
    """The progress view: every tracked page with a link, marked done by the reader's browser;
    the next page on the path; the drill and flashcard streaks; export, import and clear."""
    groups = [
        (title, [dict(item, href=page_href(item["page"], page)) for item in items])
        for title, items in tracked_pages()
    ]
    return Markup(_html("progress.html", page, groups=groups))


@cache
def _tracked_sources() -> frozenset[str]:
    """The source files of :func:`tracked_pages` (``problems/chat.md``), once a build."""
    return frozenset(item["page"] for _, items in tracked_pages() for item in items)


# progress.js wires this button and shows it ("Done (date)" when the reader marked the page). It
# is in the page from the start, hidden without JavaScript, and shown from the first paint where
# JavaScript runs (sysdesign.css), inert until then: made by the script after the heading, it
# pushed the page down half a second after the first paint. Not in the search index: every
# tracked page would match "done".
DONE_MARK = (
    '<p class="sd-done" hidden inert data-search-exclude><button type="button" '
    'class="md-button sd-done__button" aria-pressed="false">Mark as done</button></p>'
)


def with_done_mark(markdown: str, page: str) -> str:
    """``markdown`` (the page ``page``) with :data:`DONE_MARK` after its title, when it is one
    of :func:`tracked_pages`; else unchanged.

    >>> with_done_mark("# Chat\\n\\nText", "problems/chat.md").split("\\n")[2][:22]
    '<p class="sd-done" hid'
    >>> with_done_mark("# Home", "index.md")
    '# Home'
    """
    if page not in _tracked_sources():
        return markdown
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if title is None:
        return markdown
    return "\n".join([*lines[: title + 1], "", DONE_MARK, "", *lines[title + 1 :]])
