"""Every `python` and `bash` fence in the docs runs as written (mktestdocs), and none escapes.

mktestdocs only runs fences whose language is exactly ``python`` or ``bash``; a ``py`` or a
titled fence would be skipped silently. The guard below counts fences itself and refuses any
language it does not know.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mktestdocs import check_md_file, grab_code_blocks

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").rglob("*.md"))
TESTED = {"python", "bash"}
SHOWN_ONLY = {"mermaid", "text", "json", "http", "yaml", "sql"}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>```+|~~~+)(?P<info>[^\n`]*)$", re.MULTILINE)


def fences(text: str) -> list[str]:
    """The info string of every opening fence in ``text``."""
    infos, inside = [], None
    for match in FENCE.finditer(text):
        ticks = match.group("ticks")
        if inside is None:
            inside = ticks
            infos.append(match.group("info").strip())
        elif ticks.startswith(inside) and not match.group("info").strip():
            inside = None
    return infos


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_fence_languages_are_known(path: Path) -> None:
    for info in fences(path.read_text(encoding="utf-8")):
        assert info in TESTED | SHOWN_ONLY, (
            f"{path.name}: fence ```{info} would not be tested; use exactly python or bash, "
            f"or one of {sorted(SHOWN_ONLY)} for text that is only shown"
        )


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_mktestdocs_sees_every_tested_fence(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ours = [info for info in fences(text) if info in TESTED]
    theirs = [block for lang in TESTED for block in grab_code_blocks(text, lang=lang)]
    assert len(theirs) == len(ours), f"{path.name}: mktestdocs would skip a fence"


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
@pytest.mark.parametrize("lang", sorted(TESTED))
def test_fences_run(path: Path, lang: str) -> None:
    check_md_file(fpath=path, memory=True, lang=lang)


def test_fences_hold_no_jinja() -> None:
    # mktestdocs reads the raw page while macros render the fence: they must be the same text.
    for path in DOCS:
        for lang in TESTED:
            for block in grab_code_blocks(path.read_text(encoding="utf-8"), lang=lang):
                assert "{{" not in block and "{%" not in block, path.name


def test_there_are_tested_fences() -> None:
    total = sum(
        len([i for i in fences(p.read_text(encoding="utf-8")) if i in TESTED]) for p in DOCS
    )
    assert total >= 3
