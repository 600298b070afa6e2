"""mkdocs hooks for the practice pages and offline use.

- ``on_page_markdown`` fills two placeholders: the interview mode's data (framework steps and
  their prompts, as JSON) on ``practice/interview.md``, and the solved drills for readers
  without JavaScript on ``practice/drills.md``. Every other page returns untouched.
- ``on_post_build`` versions ``sw.js`` (the service worker) by a hash of the built site and
  gives it the list of files to precache, so a new deploy replaces the old cache.

Placeholders that are missing fail the build: nothing is silently left out.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

INTERVIEW_PAGE = "practice/interview.md"
DRILLS_PAGE = "practice/drills.md"
INTERVIEW_MARK = "<!-- sd:interview-data -->"
DRILLS_MARK = "<!-- sd:drills -->"
SW_FILE = "sw.js"
# Not worth carrying offline: search language packs Material never loads for English, source
# maps (skipped by suffix below), a gzipped duplicate and the PDFs. Nor the calculator runtime
# (snapshot, stdlib, core: ~7 MB): a page without a calculator must not download it; the
# service worker stores it when a calculator page has used it (offline.js).
_SKIP = (
    "assets/javascripts/lunr/",
    "sitemap.xml.gz",
    "pdf/",
    "assets/runtime/",
    "assets/sysdesign_core.",
)


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


def _precache(site: Path) -> list[str]:
    """Site-relative URLs to store at install: every page (as its directory URL) and asset."""
    urls = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel == SW_FILE or rel.startswith(_SKIP) or rel.endswith(".map"):
            continue
        if rel.endswith("index.html"):
            rel = rel[: -len("index.html")]
        urls.append(rel)
    return urls


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    worker = site / SW_FILE
    source = worker.read_text(encoding="utf-8")
    digest = hashlib.sha256()
    urls = _precache(site)
    for url in urls:
        path = site / (url + "index.html" if url.endswith("/") or not url else url)
        digest.update(url.encode() + b"\0" + path.read_bytes())
    extra = config.extra
    cdn = [extra["pyodide"]["base"], extra["mermaid"]["url"].rsplit("/", 1)[0] + "/"]
    cdn_version = hashlib.sha256("\n".join(cdn).encode()).hexdigest()[:12]
    filled = (
        source.replace('"__SD_VERSION__"', json.dumps(digest.hexdigest()[:16]))
        .replace('"__SD_CDN_VERSION__"', json.dumps(cdn_version))
        .replace('["__SD_PRECACHE__"]', json.dumps(urls))
        .replace('["__SD_CDN__"]', json.dumps(cdn))
    )
    if "__SD_" in filled:
        raise ValueError(f"{SW_FILE}: a build placeholder was not filled")
    worker.write_text(filled, encoding="utf-8")
