"""mkdocs hooks for the practice pages.

- ``on_page_markdown`` fills two placeholders: the interview mode's data (framework steps and
  their prompts, as JSON) on ``practice/interview.md``, and the solved drills for readers
  without JavaScript on ``practice/drills.md``. Every other page returns untouched.

Placeholders that are missing fail the build: nothing is silently left out.
"""

from __future__ import annotations

import json
from typing import Any

INTERVIEW_PAGE = "practice/interview.md"
DRILLS_PAGE = "practice/drills.md"
INTERVIEW_MARK = "<!-- sd:interview-data -->"
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
    """The framework's steps with minutes and prompts, and the red flags, for interview.js."""
    from sysdesign_core.tables.framework import FRAMEWORK_STEPS
    from sysdesign_core.tables.practice import INTERVIEW_PROMPTS

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
    return {"steps": out, "red_flags": _ref_lines("red_flags")}


def _script_json(element_id: str, data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


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


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    uri = page.file.src_uri
    if uri == INTERVIEW_PAGE:
        if INTERVIEW_MARK not in markdown:
            raise ValueError(f"{uri} lost its placeholder {INTERVIEW_MARK}")
        return markdown.replace(INTERVIEW_MARK, _script_json("sd-interview-data", interview_data()))
    if uri == DRILLS_PAGE:
        if DRILLS_MARK not in markdown:
            raise ValueError(f"{uri} lost its placeholder {DRILLS_MARK}")
        return markdown.replace(DRILLS_MARK, fixed_drills_markdown())
    return markdown
