"""Practice and reach: drills (generator, checker, worked solutions), interview-mode data,
the cheat sheet, and per-page metadata (unique titles and descriptions, sitemap, social cards)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser_support import LIVE_TIMEOUT

from sysdesign_core import catalog, drills, units
from sysdesign_core.tables.practice import INTERVIEW_PROMPTS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "macros"))
import practice_hooks  # noqa: E402  (a hooks file, loaded by path like mkdocs does)

# --- drills --------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 42, 12345, drills.MAX_SEED])
def test_same_seed_same_drill(seed: int) -> None:
    assert drills.generate(seed) == drills.generate(seed)
    assert drills.solution(drills.generate(seed)) == drills.solution(drills.generate(seed))


def test_drill_is_reproducible_in_a_fresh_interpreter() -> None:
    # Another process (like Pyodide, another interpreter) gets the same drill: no hidden state,
    # no global random generator.
    code = "from sysdesign_core import drills; print(drills.generate(777).statement())"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.strip()
    assert out == drills.generate(777).statement()


def test_global_random_is_untouched() -> None:
    import random

    random.seed(5)
    before = random.random()
    random.seed(5)
    drills.generate(3)
    assert random.random() == before


def test_seeds_cover_every_scenario_within_ranges() -> None:
    seen = set()
    for seed in range(400):
        drill = drills.generate(seed)
        scenario = next(s for s in drills.SCENARIOS if s.name == drill.scenario)
        assert drill.dau in scenario.dau and drill.record_size in scenario.record_size
        seen.add(drill.scenario)
    assert seen == {s.name for s in drills.SCENARIOS}


@pytest.mark.parametrize("seed", [-1, drills.MAX_SEED + 1])
def test_seed_out_of_range(seed: int) -> None:
    with pytest.raises(ValueError):
        drills.generate(seed)


def test_expected_uses_the_capacity_core() -> None:
    drill = drills.generate(9)
    ref = drills.expected(drill)
    writes = drill.dau * drill.writes_per_user
    assert ref["write_qps"] == pytest.approx(writes / 100_000)
    assert ref["read_qps"] == pytest.approx(ref["write_qps"] * drill.read_write_ratio)
    assert ref["storage_per_day"] == pytest.approx(writes * drill.record_size)
    assert ref["storage_5y"] == pytest.approx(ref["storage_per_day"] * 365.25 * 5)
    assert ref["egress"] == pytest.approx(ref["read_qps"] * drill.record_size)


@pytest.mark.parametrize(
    ("factor", "grade", "points"),
    [
        (1.0, "exact", 2),
        (1.001, "exact", 2),
        (1.9, "close", 2),
        (0.55, "close", 2),
        (3.0, "magnitude", 1),
        (0.2, "magnitude", 1),
        (9.5, "magnitude", 1),
        (20.0, "off", 0),
        (0.05, "off", 0),
    ],
)
def test_grading_by_closeness(factor: float, grade: str, points: int) -> None:
    drill = drills.generate(11)
    ref = drills.expected(drill)
    typed = {
        name: repr(value * factor)
        for name, value in ref.items()
        if name in {"storage_per_day", "storage_5y"}
    }
    typed["write_qps"] = f"{ref['write_qps'] * factor!r}/s"
    verdicts = {v.name: v for v in drills.check(drill, typed)}
    for name in typed:
        assert (verdicts[name].grade, verdicts[name].points) == (grade, points), name


def test_answers_in_calculator_notation() -> None:
    drill = drills.generate(2)  # 10M users, 0.1 photos of 500 KB, 50 reads per write
    verdicts = drills.check(
        drill,
        {
            "write_qps": "10/s",
            "read_qps": "500",
            "storage_per_day": "500GB",
            "storage_5y": "1 PB",
            "egress": "2 Gbps",
        },
    )
    assert [v.grade for v in verdicts] == ["exact", "exact", "exact", "close", "exact"]
    assert drills.score(verdicts) == (10, 10)


def test_missing_and_unreadable_answers() -> None:
    verdicts = drills.check(drills.generate(1), {"write_qps": "lots"})
    assert verdicts[0].grade == "invalid" and "lots" in verdicts[0].message
    assert {v.grade for v in verdicts[1:]} == {"missing"}
    assert drills.score(verdicts)[0] == 0


def test_solution_steps_carry_computed_figures() -> None:
    drill = drills.generate(4)
    ref = drills.expected(drill)
    text = "\n".join(drills.solution(drill))
    assert units.format_rate(ref["write_qps"]) in text
    assert units.format_bytes(ref["storage_5y"]) in text


def test_respond_json_round_trip_and_bad_seed() -> None:
    reply = json.loads(drills.respond_json("5", json.dumps({"write_qps": "1K"})))
    assert reply["ok"] and reply["out_of"] == 10 and len(reply["solution"]) == 6
    assert reply["statement"] == drills.generate(5).statement()
    bad = drills.respond("five", {})
    assert not bad["ok"] and "five" in bad["error"]


# --- interview mode and build-time data ---------------------------------------------------


def test_every_step_has_a_prompt_with_known_refs() -> None:
    steps = [row.name for row in catalog.TABLES["framework_steps"].rows]
    assert [row.name for row in INTERVIEW_PROMPTS.rows] == steps
    for row in INTERVIEW_PROMPTS.rows:
        for ref in row.ref_names:
            assert ref in catalog.TABLES or ref in catalog.LISTS, ref


def test_interview_data_minutes_match_the_catalog() -> None:
    data = practice_hooks.interview_data()
    plan = catalog.TABLES["framework_steps"].rows
    assert [s["minutes"] for s in data["steps"]] == [r.minutes for r in plan]
    assert sum(s["minutes"] for s in data["steps"]) == 45
    assert all(s["refs"] and s["refs"][0]["items"] for s in data["steps"])
    assert data["red_flags"]["items"]


# --- the built site -------------------------------------------------------------------------


def _meta(html: str, attr: str, key: str) -> str | None:
    match = re.search(rf'<meta {attr}="{re.escape(key)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def test_practice_pages_built(site_dir: Path) -> None:
    interview = (site_dir / "practice/interview/index.html").read_text(encoding="utf-8")
    raw = re.search(
        r'<script type="application/json" id="sd-interview-data">(.*?)</script>', interview, re.S
    )
    assert raw and json.loads(raw.group(1))["steps"][0]["name"] == "Functional requirements"
    drills_page = (site_dir / "practice/drills/index.html").read_text(encoding="utf-8")
    assert drills_page.count("<details") >= len(drills.FIXED_SEEDS)
    first = drills.generate(drills.FIXED_SEEDS[0])
    assert units.format_bytes(drills.expected(first)["storage_per_day"]) in drills_page
    cheat = (site_dir / "cheatsheet/index.html").read_text(encoding="utf-8")
    assert 'href="../pdf/cheatsheet.pdf"' in cheat and "stylesheets/print.css" in cheat


def test_unique_titles_descriptions_and_social_cards(site_dir: Path) -> None:
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    for path in sorted(site_dir.rglob("index.html")):
        page = path.parent.relative_to(site_dir).as_posix()
        html = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        description = _meta(html, "name", "description")
        assert title and description, page
        assert title.group(1) not in titles, (page, titles.get(title.group(1)))
        assert description not in descriptions, (page, descriptions.get(description))
        titles[title.group(1)] = descriptions[description] = page
        assert _meta(html, "property", "og:title") == title.group(1).strip(), page
        assert _meta(html, "property", "og:description") == description, page
        assert _meta(html, "name", "twitter:card") == "summary", page
        assert _meta(html, "property", "og:url"), page


def test_sitemap_lists_every_page(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for path in site_dir.rglob("index.html"):
        page = path.parent.relative_to(site_dir).as_posix()
        suffix = "" if page == "." else page + "/"
        assert re.search(rf"<loc>[^<]*/{re.escape(suffix)}</loc>", sitemap), page


def test_service_worker_is_versioned_and_precaches_pages(site_dir: Path) -> None:
    source = (site_dir / "sw.js").read_text(encoding="utf-8")
    assert "__SD_" not in source
    version = re.search(r'const VERSION = "([0-9a-f]{16})"', source)
    assert version
    entries = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", source).group(1))
    precache = {url: revision for url, revision in entries}
    assert "" in precache and "practice/drills/" in precache and "calculators/capacity/" in precache
    assert not any(url.endswith(".map") for url in precache)
    assert "sysdesign.apkg" not in precache  # a download, not worth carrying offline
    # Each revision is the hash of the file as served (after the CSP was written into it).
    for url, revision in precache.items():
        path = site_dir / (url + "index.html" if url.endswith("/") or not url else url)
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] == revision, url


def test_the_drills_page_usage_holds() -> None:
    """What the drills page says in prose: a number always gives the same drill, and an
    answer 1.5× off the reference is graded close."""
    drill = drills.generate(42)
    assert drill == drills.generate(42)
    reference = drills.expected(drill)
    answer = drills.format_answer("write_qps", reference["write_qps"] * 1.5)
    assert drills.check(drill, {"write_qps": answer})[0].grade == "close"


def test_the_look_at_column_links_titles_not_keys() -> None:
    from sysdesign_core.tables.practice import INTERVIEW_PROMPTS, REF_PAGES, ref_title

    docs = Path(__file__).resolve().parent.parent / "docs"
    for row in INTERVIEW_PROMPTS.rows:
        cell = row.cells(INTERVIEW_PROMPTS.columns)[2]
        for ref in row.ref_names:
            assert ref not in cell.replace(REF_PAGES[ref], "")
            assert f"[{ref_title(ref)}]({REF_PAGES[ref]})" in cell
            page = (docs / REF_PAGES[ref].split("#")[0]).read_text(encoding="utf-8")
            assert f'("{ref}")' in page, f"{REF_PAGES[ref]} does not show {ref}"


def test_each_grade_reads_at_a_glance(warm_context: Any, base_url: str) -> None:
    """Exact, close, right order and off each show their own word, icon and colour."""
    drill = drills.generate(42)
    ref = drills.expected(drill)
    answers = {
        "write_qps": drills.format_answer("write_qps", ref["write_qps"]),  # exact
        "read_qps": drills.format_answer("read_qps", ref["read_qps"] * 1.5),  # close
        "storage_per_day": drills.format_answer("storage_per_day", ref["storage_per_day"] * 5),
        "storage_5y": drills.format_answer("storage_5y", ref["storage_5y"] * 50),  # off
    }
    page = warm_context.new_page()
    page.goto(base_url + "practice/drills/?seed=42")
    page.wait_for_selector("#sd-drill[data-state=live]", timeout=LIVE_TIMEOUT)
    page.wait_for_selector("#sd-drill-write_qps", timeout=LIVE_TIMEOUT)
    for name, text in answers.items():
        page.fill(f"#sd-drill-{name}", text)
    page.click("#sd-drill button[type=submit]")
    page.wait_for_selector("#sd-drill-storage_5y-verdict[data-grade=off]", timeout=LIVE_TIMEOUT)
    shown = page.evaluate(
        """names => names.map(n => {
            const note = document.getElementById(`sd-drill-${n}-verdict`);
            return [note.dataset.grade, note.querySelector('.sd-drill__icon').textContent,
                    note.textContent, getComputedStyle(note).color];
        })""",
        list(answers),
    )
    grades = [grade for grade, *_ in shown]
    assert grades == ["exact", "close", "magnitude", "off"]
    assert shown[0][2].endswith(f"Exact: {drills.format_answer('write_qps', ref['write_qps'])}.")
    assert len({icon for _, icon, _, _ in shown}) == 4  # a shape per grade, not colour alone
    assert len({color for *_, color in shown}) == 4
