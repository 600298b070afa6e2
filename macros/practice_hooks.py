"""mkdocs hooks for the practice pages.

- ``on_page_markdown`` fills the placeholders of ``practice/interview.md``: interview mode's
  data (framework steps and their prompts, every problem with its checkpoints and the
  self-review of each level, as JSON) and the levels' general expectations; the solved drills
  for readers without JavaScript on ``practice/drills.md``; and it ends every problem's page
  with links that start interview mode on that problem. Every other page returns untouched.

Placeholders that are missing fail the build: nothing is silently left out. So does a
checkpoint that names a sheet line, a heading or a bold lead its problem's page does not have
(:func:`checkpoint_problems`).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from typing import Any

INTERVIEW_PAGE = "practice/interview.md"
DRILLS_PAGE = "practice/drills.md"
INTERVIEW_MARK = "<!-- sd:interview-data -->"
LEVELS_MARK = "<!-- sd:interview-levels -->"
DOCS = Path(__file__).resolve().parent.parent / "docs"
CHECKPOINTS_FILE = "sysdesign_core/tables/checkpoints.py"
DRILLS_MARK = "<!-- sd:drills -->"


# The core is imported inside each function, not here: `make serve` drops it from sys.modules
# after every build (macros/__init__.py), and a name bound at import time would keep serving
# the rows this server started with.


def _ref_lines(name: str) -> dict[str, Any]:
    """A catalog table or list as a title and one line per row (name — first column)."""
    from sysdesign_core import catalog

    if name in catalog.TABLES:
        table = catalog.TABLES[name]
        second = table.columns[1]
        lines = [f"{row.name} — {getattr(row, second.key)}" for row in table.rows]
        return {"title": table.title, "items": lines}
    item_list = catalog.LISTS[name]  # KeyError names the unknown list: the build stops
    return {"title": item_list.title, "items": [item.text for item in item_list.items]}


def interview_data() -> dict[str, Any]:
    """Everything interview.js needs: the framework's steps with minutes and prompts, the red
    flags, the levels, and every problem with its checkpoints per step and its self-review
    lines per level (identical review lists are stored once, in ``rubrics``)."""
    from sysdesign_core.rubric import DEFAULT_LEVEL, LEVEL_NAMES, rubric
    from sysdesign_core.tables.framework import FRAMEWORK_STEPS
    from sysdesign_core.tables.practice import INTERVIEW_PROMPTS
    from sysdesign_core.tables.problems import PROBLEMS

    # The typed table (not catalog.TABLES, whose rows are plain Records) keeps mypy strict.
    steps = sorted(FRAMEWORK_STEPS.rows, key=lambda s: s.order)
    out = []
    for step in steps:
        prompt = INTERVIEW_PROMPTS.row(step.name)
        out.append(
            {
                "name": step.name,
                "minutes": step.minutes,
                "block": step.block,
                "produce": step.produce,
                "page": step.page,
                "cue": prompt.cue,
                "refs": [_ref_lines(ref) for ref in prompt.ref_names],
            }
        )
    rubrics: list[list[str]] = []
    problems = []
    for problem in PROBLEMS.rows:
        review = {}
        for level in LEVEL_NAMES:
            lines = [_plain(line) for line in rubric(problem.page, level)]
            if lines not in rubrics:
                rubrics.append(lines)
            review[level] = rubrics.index(lines)
        problems.append(
            {
                "slug": problem_slug(problem.page),
                "name": problem.name,
                "asked_as": problem.asked_as,
                "challenge": problem.challenge,
                "href": _href(problem.page, INTERVIEW_PAGE),
                "checkpoints": problem_checkpoints(
                    problem.name, problem.page, [s.name for s in steps]
                ),
                "rubric": review,
            }
        )
    return {
        "steps": out,
        "red_flags": _ref_lines("red_flags"),
        "levels": [{"key": key, "label": label} for key, label in LEVEL_NAMES.items()],
        "default_level": DEFAULT_LEVEL,
        "problems": problems,
        "rubrics": rubrics,
    }


def problem_slug(page: str) -> str:
    """How a link names a problem: its page's file name (``problems/chat.md`` -> ``chat``)."""
    return posixpath.splitext(posixpath.basename(page))[0]


def _href(target: str, page: str) -> str:
    from macros.render import page_href

    return page_href(target, page)


def _plain(text: str) -> str:
    """Inline Markdown emphasis and code marks dropped: the clock shows text, not Markdown.

    >>> _plain("*Fan-out* to the `hybrid`")
    'Fan-out to the hybrid'
    """
    return re.sub(r"(\*{1,2}|`)(\S(?:.*?\S)?)\1", r"\2", text)


# --- checkpoints, checked against the problem's page and sheet ---------------------------------

_HEADING = re.compile(r"^## (?:\d+\. )?(.+?)\s*$", re.MULTILINE)
_LEAD = re.compile(r"^- \*\*(.+?)\*\*", re.MULTILINE)
_SECTIONS = (
    "Clarifying questions",
    "Functional requirements",
    "Non-functional requirements",
    "Estimates",
    "API",
    "Data model",
    "High-level design",
    "Monthly cost",
    "Trade-offs",
    "Failure modes",
    "What interviewers probe",
    "Common mistakes",
)
"""A problem page's standard sections: none of them names a deep dive."""
_TRY = re.compile(r"^#\s*try:\s*(\w+)\s+(.+?)\s*$", re.MULTILINE)


def _lead(text: str) -> str:
    """A bold lead as a checkpoint names it: no parenthesis, no closing colon."""
    return re.sub(r"\s*\([^)]*\)", "", text).strip().rstrip(":").strip()


def page_outline(page: str) -> dict[str, list[str]]:
    """What checkpoints may name on ``page``: its deep dives (``Deep dive: X`` as ``X``, a
    bold lead in a deep-dive section, or a section of its own) and the bold leads of its
    trade-offs and failure modes."""
    text = (DOCS / page).read_text(encoding="utf-8")
    marks = list(_HEADING.finditer(text))
    outline: dict[str, list[str]] = {"deep_dives": [], "trade_offs": [], "failures": []}
    for number, mark in enumerate(marks):
        title = mark.group(1)
        body = text[mark.end() : marks[number + 1].start() if number + 1 < len(marks) else None]
        leads = [_lead(lead) for lead in _LEAD.findall(body)]
        if title.startswith("Deep dive"):
            if title.startswith("Deep dive: "):
                outline["deep_dives"].append(title.removeprefix("Deep dive: "))
            outline["deep_dives"].extend(leads)
        elif not title.startswith(_SECTIONS):  # a section of its own, such as "Short-code length"
            outline["deep_dives"].append(title)
        elif title == "Trade-offs":
            outline["trade_offs"] = leads
        elif title == "Failure modes":
            outline["failures"] = leads
    return outline


def sheet_questions(text: str) -> list[tuple[str, str]]:
    """A sheet's ``# try: LINE  QUESTION`` lines, as (line, question) pairs.

    >>> sheet_questions("# try: peak  Requests a second at peak\\npeak = 3")
    [('peak', 'Requests a second at peak')]
    """
    return _TRY.findall(text)


def checkpoint_problems(row: Any) -> list[str]:
    """Each way the checkpoints ``row`` (a :class:`~sysdesign_core.tables.checkpoints.
    Checkpoints`) disagrees with its page or its sheet, one line each, naming the file to
    edit, the row, the field and what the page has."""
    page = row.page
    where = f"{CHECKPOINTS_FILE}: row {row.name!r}"
    found = []
    outline = page_outline(page)
    for key, what in (
        ("deep_dives", "deep dives"),
        ("trade_offs", "trade-off leads"),
        ("failures", "failure-mode leads"),
    ):
        for item in getattr(row, key):
            if item not in outline[key]:
                found.append(
                    f"{where}, field {key!r}: docs/{page} has no {item!r}; its {what}: "
                    + "; ".join(outline[key])
                )
    sheet = _sheet(page)
    for name, _ in row.figures:
        try:
            line = sheet.line(name)
        except KeyError as error:  # an unknown name, with a suggestion
            found.append(f"{where}, field 'figures': {error}")
            continue
        if line.record or line.value is None:
            found.append(
                f"{where}, field 'figures': line {name!r} of docs/sheets/{problem_slug(page)}"
                ".sheet has no single value; name a line that quotes one result"
            )
    return found


def _sheet(page: str) -> Any:
    from macros.sheets import PageSheet

    return PageSheet(problem_slug(page), INTERVIEW_PAGE)


def _figures(page: str, asked: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
    """What to work out in the estimates step, each with its value from the sheet and, for
    the line that decides the design, what it decides (``decides``, else empty): the sheet's
    ``# try:`` lines if it has them, else ``asked``; the deciding line is always among them."""
    from macros.sheets import read
    from sysdesign_core.worksheet import evaluate

    sheet = _sheet(page)
    text = read(problem_slug(page))
    notes = {
        line.name: line.note.partition(":")[2].strip()
        for line in evaluate(text).lines
        if line.decides
    }
    figures = []
    for line_name, question in sheet_questions(text) or asked:
        value = sheet.line(line_name).text
        figures.append({"ask": question, "value": value, "decides": notes.pop(line_name, "")})
    for line_name, note in notes.items():  # a deciding line the questions leave out
        value = sheet.line(line_name).text
        figures.append(
            {"ask": "The figure that decides the design", "value": value, "decides": note}
        )
    return figures


def problem_checkpoints(name: str, page: str, steps: list[str]) -> list[Any]:
    """For each step (by name, in order), the problem's checkpoint or ``None`` where the step's
    general prompt applies: ``{"lines": [{"label", "items"}], "figures": [...]}``. A problem
    without a checkpoints row still gets its sheet's figures. Disagreement with the page fails
    the build (:func:`checkpoint_problems`)."""
    from sysdesign_core.tables.checkpoints import CHECKPOINTS, STEP_FIELDS

    row = next((r for r in CHECKPOINTS.rows if r.name == name), None)
    if row is not None and (problems := checkpoint_problems(row)):
        raise ValueError("\n".join(problems))
    by_step = dict(STEP_FIELDS)
    result: list[Any] = []
    for step in steps:
        lines = []
        figures: list[dict[str, Any]] = []
        for key, label in by_step.get(step, ()):
            if key == "figures":
                figures = _figures(page, row.figures if row else ())
            elif row is not None and row.items(key):
                lines.append({"label": label, "items": list(row.items(key))})
        result.append({"lines": lines, "figures": figures} if lines or figures else None)
    return result


def levels_markdown() -> str:
    """The general expectations of each level, as the review at the end lists them."""
    from sysdesign_core.rubric import GENERAL, LEVEL_NAMES

    blocks = []
    for key, label in LEVEL_NAMES.items():
        lines = "\n".join(f"- **{what}:** {text}." for what, text in GENERAL[key])
        blocks.append(f"**{label}** (`?level={key}`)\n\n{lines}\n")
    return "\n".join(blocks)


def practise_markdown(page: str) -> str:
    """The section that ends a problem's page: links that start interview mode on it."""
    from sysdesign_core.rubric import DEFAULT_LEVEL, LEVEL_NAMES

    target = posixpath.relpath(INTERVIEW_PAGE, posixpath.dirname(page))
    slug = problem_slug(page)
    link = {key: f"{target}?problem={slug}&level={key}" for key in LEVEL_NAMES}
    *rest, last = [f"[{label.lower()}]({link[key]})" for key, label in LEVEL_NAMES.items()]
    levels = f"{', '.join(rest)} or {last}"
    return (
        "\n\n## Practise it against the clock\n\n"
        f"[Interview mode]({link[DEFAULT_LEVEL]}) runs this problem on the 45-minute clock, "
        "with what this page expects by the end of each step, then shows which steps ran over "
        f"and a review against the level you pick. Start it as a {levels} candidate.\n"
    )


def _data_element(element_id: str, data: Any) -> str:
    """``data`` as JSON in the ``data-json`` attribute of a hidden element. Not a
    ``<script type="application/json">``: Material's instant navigation re-creates the scripts
    of the page it loads without their type and id, so the data would be gone (and run as
    script, which the CSP refuses) whenever the page is reached by a link."""
    # Single-quoted, so the JSON's many double quotes need no escaping.
    text = html.escape(json.dumps(data, ensure_ascii=False), quote=False).replace("'", "&#x27;")
    return f"<div id=\"{element_id}\" data-json='{text}' hidden></div>"


def fixed_drills_markdown() -> str:
    """The fixed drills, each a collapsed ``??? note`` block with its worked solution."""
    from sysdesign_core import drills

    blocks = []
    for seed in drills.FIXED_SEEDS:
        drill = drills.generate(seed)
        steps = "\n".join(f"    {n}. {line}" for n, line in enumerate(drills.solution(drill), 1))
        blocks.append(
            f"**Drill {seed}.** {drill.statement()}\n\n"
            f'??? note "Worked answer to drill {seed}"\n\n{steps}\n'
        )
    return "\n".join(blocks)


def _problem_pages() -> set[str]:
    from sysdesign_core.tables.problems import PROBLEMS

    return {row.page for row in PROBLEMS.rows}


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    uri = page.file.src_uri
    if uri == INTERVIEW_PAGE:
        for mark in (INTERVIEW_MARK, LEVELS_MARK):
            if mark not in markdown:
                raise ValueError(f"{uri} lost its placeholder {mark}")
        markdown = markdown.replace(LEVELS_MARK, levels_markdown())
        return markdown.replace(
            INTERVIEW_MARK, _data_element("sd-interview-data", interview_data())
        )
    if uri == DRILLS_PAGE:
        if DRILLS_MARK not in markdown:
            raise ValueError(f"{uri} lost its placeholder {DRILLS_MARK}")
        return markdown.replace(DRILLS_MARK, fixed_drills_markdown())
    if uri in _problem_pages():
        return markdown + practise_markdown(uri)
    return markdown
