"""Every problem page and walkthrough gets its estimates from its worksheet
(``docs/sheets/NAME.sheet``, quoted through ``sheet()``: macros/sheets.py), and no page feeds
a rounded, formatted figure from one calculator into another."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.sheets import SHEETS, PageSheet, sheet_names
from sysdesign_core.worksheet import evaluate, to_json

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DESIGN_PAGES = sorted(
    [p for p in (DOCS / "problems").glob("*.md") if p.name != "index.md"]
    + list((DOCS / "walkthroughs").glob("*.md"))
)
SHEET_CALL = re.compile(r'sheet\("(?P<name>[a-z0-9-]+)"\)')


def page_sheet(page: Path) -> str:
    found = SHEET_CALL.search(page.read_text(encoding="utf-8"))
    assert found, f"{page.relative_to(ROOT)} does not open its sheet: {{% set s = sheet(...) %}}"
    return found["name"]


@pytest.mark.parametrize("page", DESIGN_PAGES, ids=lambda p: p.stem)
def test_every_design_page_gets_its_estimates_from_its_sheet(page: Path) -> None:
    name = page_sheet(page)
    assert (SHEETS / f"{name}.sheet").is_file()
    text = page.read_text(encoding="utf-8")
    assert "s.table()" in text, "the page shows its sheet (with the link to open it live)"
    assert 'result("' not in text, "figures come from the sheet, not from result()"


@pytest.mark.parametrize("name", sheet_names())
def test_every_sheet_computes_without_an_error_and_marks_what_decides(name: str) -> None:
    sheet = PageSheet(name, "problems/x.md")  # raises on any line with an error
    decides = [line for line in sheet._sheet.lines if line.decides]
    assert len(decides) == 1, "one line says what decides the design: # decides: …"
    assert decides[0].value is not None


@pytest.mark.parametrize("name", sheet_names())
def test_the_cli_gives_the_cores_numbers_for_every_sheet(name: str) -> None:
    path = SHEETS / f"{name}.sheet"
    done = subprocess.run(
        [sys.executable, "-m", "sysdesign_core", "worksheet", "--json", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    expected = json.loads(json.dumps(to_json(evaluate(path.read_text(encoding="utf-8")))))
    assert json.loads(done.stdout) == expected


FORMATTED_INTO_CALCULATOR = re.compile(r"\w+\s*=\s*result\(")


def test_no_page_feeds_a_formatted_result_into_another_calculator() -> None:
    """``posts_per_second=result("capacity", …)`` passes rounded text ("34.7K/s") onward:
    chained figures go through a sheet, exact."""
    offenders = [
        f"{page.relative_to(ROOT)}:{text[: m.start()].count(chr(10)) + 1}"
        for page in DOCS.rglob("*.md")
        for text in [page.read_text(encoding="utf-8")]
        for m in FORMATTED_INTO_CALCULATOR.finditer(text)
    ]
    assert offenders == []


def test_a_sheets_inputs_reach_the_next_calculator_exactly(tmp_path: Path) -> None:
    sheet = evaluate(
        "cap = capacity(dau=20M, writes_per_user=40)\n"
        "f = fanout(posts_per_second=cap.peak_write_qps)"
    )
    ((_, inputs),) = sheet.lines[1].calls
    from sysdesign_core import run

    exact = run("capacity", {"dau": "20M", "writes_per_user": "40"})["outputs"]
    onward = run("fanout", inputs)["inputs"]["posts_per_second"]
    assert onward == exact["peak_write_qps"]["value"]
