"""Practice and reach: drills (generator, checker, worked solutions), interview-mode data,
the cheat sheet, and per-page metadata (unique titles and descriptions, sitemap, social cards)."""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser_support import AXE, AXE_SCRIPT, LIVE_TIMEOUT

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
    raw = re.search(r"<div id=\"sd-interview-data\" data-json='([^']*)' hidden>", interview)
    data = json.loads(html.unescape(raw.group(1))) if raw else {}
    assert data["steps"][0]["name"] == "Functional requirements"
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


def test_each_grade_reads_at_a_glance(warm_visit: Any, base_url: str) -> None:
    """Exact, close, right order and off each show their own word, icon and colour."""
    drill = drills.generate(42)
    ref = drills.expected(drill)
    answers = {
        "write_qps": drills.format_answer("write_qps", ref["write_qps"]),  # exact
        "read_qps": drills.format_answer("read_qps", ref["read_qps"] * 1.5),  # close
        "storage_per_day": drills.format_answer("storage_per_day", ref["storage_per_day"] * 5),
        "storage_5y": drills.format_answer("storage_5y", ref["storage_5y"] * 50),  # off
    }
    page = warm_visit(base_url + "practice/drills/?seed=42")
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


# --- interview mode: problems, levels, checkpoints, the review --------------------------------


def _hooks_data() -> dict[str, Any]:
    data: dict[str, Any] = practice_hooks.interview_data()
    return data


def test_checkpoint_steps_are_the_framework_steps() -> None:
    from sysdesign_core.tables.checkpoints import STEP_FIELDS, Checkpoints

    steps = [row.name for row in catalog.TABLES["framework_steps"].rows]
    assert [step for step, _ in STEP_FIELDS] == steps
    keys = [key for _, fields in STEP_FIELDS for key, _ in fields]
    assert sorted(keys) == sorted(
        f for f in Checkpoints.__dataclass_fields__ if f not in {"name", "page", "source", "tags"}
    )


def test_every_checkpoint_agrees_with_its_page_and_sheet() -> None:
    from sysdesign_core.tables.checkpoints import CHECKPOINTS

    problems = {row.page: row.name for row in catalog.TABLES["problems"].rows}
    for row in CHECKPOINTS.rows:
        assert problems[row.page] == row.name
        assert practice_hooks.checkpoint_problems(row) == [], row.name


def test_a_checkpoint_the_page_lacks_is_named_with_what_the_page_has() -> None:
    from dataclasses import replace

    from sysdesign_core.tables.checkpoints import CHECKPOINTS

    chat = CHECKPOINTS.row("Chat")
    wrong = replace(
        chat,
        deep_dives=("group fanout",),
        trade_offs=("Push vs pull",),
        figures=(("peak_mesages", "Messages at peak"), ("cap", "Capacity")),
    )
    found = practice_hooks.checkpoint_problems(wrong)
    where = "sysdesign_core/tables/checkpoints.py: row 'Chat', field"
    assert found[0].startswith(f"{where} 'deep_dives': docs/problems/chat.md has no 'group fanout'")
    assert "group fan-out" in found[0]
    assert "Push vs pull" in found[1] and "WebSocket vs long polling" in found[1]
    assert found[2].endswith("did you mean 'peak_messages'?")
    assert "line 'cap' of docs/sheets/chat.sheet has no single value" in found[3]


def test_a_checkpoint_record_is_checked_like_any_row() -> None:
    from dataclasses import replace

    from sysdesign_core.records import Table, table_problems
    from sysdesign_core.tables.checkpoints import CHECKPOINTS

    chat = CHECKPOINTS.row("Chat")
    rows = (
        replace(chat, name="Chats"),
        replace(chat, name="Nowhere", page="problems/nowhere.md"),
        replace(chat, ask=("Ask about `groups`",)),
        replace(chat, figures=(("peak messages", "Messages"),)),
    )
    table = Table("t", "T", CHECKPOINTS.columns, rows)
    messages = "\n".join(str(p) for p in table_problems(table))  # type: ignore[arg-type]
    assert "row 'Chats', field 'name': write the problem row's name, 'Chat'" in messages
    assert "row 'Nowhere', field 'page': 'problems/nowhere.md' is no problem's page" in messages
    assert "field 'ask': 'Ask about `groups`': plain text only" in messages
    assert "field 'figures': 'peak messages' is not a sheet line's name" in messages


def test_the_estimates_checkpoint_takes_its_figures_from_the_sheet(monkeypatch: Any) -> None:
    from macros import sheets
    from macros.sheets import PageSheet

    chat = PageSheet("chat", "practice/interview.md")
    steps = [row.name for row in catalog.TABLES["framework_steps"].rows]
    figures = practice_hooks.problem_checkpoints("Chat", "problems/chat.md", steps)[2]["figures"]
    assert figures[0] == {
        "ask": "Messages sent a second at peak",
        "value": chat.peak_messages,
        "decides": "",
    }
    deciding = [f for f in figures if f["decides"]]
    assert [f["value"] for f in deciding] == [chat.heartbeats]
    assert deciding[0]["decides"].startswith("the heartbeat interval drives")
    # A sheet's own "# try:" lines take the place of the table's figures; the deciding line
    # is added when they leave it out.
    lines = sheets.read("chat").splitlines()
    text = "\n".join(line for line in lines if not line.startswith("# try: heartbeats"))
    monkeypatch.setattr(sheets, "read", lambda name: text)
    tried = practice_hooks.problem_checkpoints("Chat", "problems/chat.md", steps)[2]["figures"]
    asked = [line.split(None, 3)[3] for line in lines if line.startswith("# try: ")]
    assert [f["ask"] for f in tried] == [*asked[:-1], "The figure that decides the design"]
    assert tried[-1]["value"] == chat.heartbeats


def test_a_problem_without_checkpoints_keeps_the_general_prompts_and_its_figures() -> None:
    steps = [row.name for row in catalog.TABLES["framework_steps"].rows]
    # No checkpoints row is named "Nobody": every step but the estimates has no checkpoint.
    found = practice_hooks.problem_checkpoints("Nobody", "problems/chat.md", steps)
    assert [step is None for step in found] == [True, True, False, *[True] * 6]
    assert found[2]["lines"] == [] and found[2]["figures"][0]["value"]


def test_interview_data_offers_every_problem_at_every_level() -> None:
    from sysdesign_core.rubric import LEVEL_NAMES, rubric

    data = _hooks_data()
    problems = catalog.TABLES["problems"].rows
    assert [p["name"] for p in data["problems"]] == [row.name for row in problems]
    slugs = [p["slug"] for p in data["problems"]]
    assert len(set(slugs)) == len(slugs) and "chat" in slugs and "random" not in slugs
    assert [level["key"] for level in data["levels"]] == list(LEVEL_NAMES)
    for problem, row in zip(data["problems"], problems, strict=True):
        assert len(problem["checkpoints"]) == len(data["steps"])
        assert problem["href"] == "../../" + row.page.removesuffix(".md") + "/"
        for level in LEVEL_NAMES:
            assert data["rubrics"][problem["rubric"][level]] == rubric(row.page, level)


def test_the_rubric_seam_gives_labelled_lines_per_level() -> None:
    from sysdesign_core.rubric import LEVEL_NAMES, rubric

    for level in LEVEL_NAMES:
        lines = rubric("problems/chat.md", level)
        labels = [line.split(": ", 1)[0] for line in lines]
        assert labels[:3] == ["Estimates, unprompted", "Deep dive to lead", "Trade-off to name"]
    assert rubric("problems/chat.md", "staff")[3].startswith("Failure modes to raise: ")
    with pytest.raises(KeyError, match="use one of mid, senior, staff"):
        rubric("problems/chat.md", "principal")


@pytest.mark.parametrize(
    "module", ["sysdesign_core.rubric", "sysdesign_core.tables.checkpoints", "practice_hooks"]
)
def test_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    failed, tried = doctest.testmod(importlib.import_module(module), verbose=False)
    assert tried > 0 and failed == 0


def test_sheet_questions_read_try_lines() -> None:
    text = "# try: peak  Requests a second at peak\n# a comment\npeak = 3 K/s"
    assert practice_hooks.sheet_questions(text) == [("peak", "Requests a second at peak")]


def test_problem_pages_link_to_interview_mode_at_each_level(site_dir: Path) -> None:
    from sysdesign_core.rubric import LEVEL_NAMES

    for row in catalog.TABLES["problems"].rows:
        page = site_dir / row.page.removesuffix(".md") / "index.html"
        html = page.read_text(encoding="utf-8")
        slug = Path(row.page).stem
        for level in LEVEL_NAMES:
            link = f'href="../../practice/interview/?problem={slug}&amp;level={level}"'
            assert link in html, (row.page, level)
    interview = (site_dir / "practice/interview/index.html").read_text(encoding="utf-8")
    assert 'id="table-interview_checkpoints"' in interview  # without JavaScript too
    assert "Failure modes to raise:" in interview


# --- interview mode in the browser -------------------------------------------------------------

INTERVIEW = "practice/interview/"


def _open(context: Any, base_url: str, query: str = "") -> Any:
    page = context.new_page()
    page.goto(base_url + INTERVIEW + query)
    page.locator("#sd-interview").wait_for(state="visible")
    return page


def _announced(page: Any, text: str) -> None:
    page.locator("#sd-interview-announce", has_text=text).wait_for()


def test_interview_starts_on_the_chosen_problem_with_its_checkpoints(
    context: Any, console: Any, base_url: str
) -> None:
    """A link names the problem and the level; each step shows that problem's checkpoint, and
    the estimates step the figures of its sheet, hidden until asked for."""
    from macros.sheets import PageSheet
    from sysdesign_core.tables.checkpoints import CHECKPOINTS

    page = _open(context, base_url, "?problem=chat&level=staff")
    assert page.input_value("#sd-interview-problem") == "chat"
    assert page.input_value("#sd-interview-level") == "staff"
    box = page.locator(".sd-interview__checkpoint")
    assert box.locator("h3").inner_text() == "Chat: by the end of this step"
    assert CHECKPOINTS.row("Chat").ask[0] in box.inner_text()
    page.click('#sd-interview [data-action="toggle"]')
    page.locator("body").press("ArrowRight")
    page.locator("body").press("ArrowRight")
    _announced(page, "Step 3 of 9: Estimates")
    assert "Messages sent a second at peak" in box.inner_text()
    figures = box.locator("details.sd-interview__figures")
    assert not figures.locator("ul").is_visible()  # worked out first, checked after
    figures.locator("summary").click()
    chat = PageSheet("chat", "practice/interview.md")
    assert f"Messages sent a second at peak: {chat.peak_messages}" in figures.inner_text()
    assert "decides the design" in figures.inner_text()
    assert console.errors == []


def test_a_step_that_runs_over_is_counted_and_named_in_the_review(
    context: Any, console: Any, base_url: str
) -> None:
    """Time is driven by Playwright's clock (no waiting): the first step runs two minutes over,
    the clock says so and does not move on; at the end the review names the step and the
    amount, and lists what the chosen level is expected to show."""
    from sysdesign_core.rubric import rubric

    context.add_init_script(path=str(AXE_SCRIPT))
    page = context.new_page()
    page.clock.install()
    page.goto(base_url + INTERVIEW + "?problem=ticket-booking&level=senior")
    page.locator("#sd-interview").wait_for(state="visible")
    page.click('#sd-interview [data-action="toggle"]')
    page.clock.fast_forward("05:00")  # Functional requirements has 3 minutes
    page.locator("#sd-interview-step-clock[data-over]").wait_for()
    _announced(page, "Time is up for Functional requirements")
    assert re.fullmatch(r"2:0\d over", page.inner_text("#sd-interview-step-left"))
    assert page.inner_text("#sd-interview-phase") == "Step 1 of 9: Functional requirements"
    # A step with its checkpoint, the clock over, and Pause focused (hovered) from the click.
    assert page.evaluate(AXE, False) == []
    for _ in range(8):
        page.click('#sd-interview [data-action="skip"]')
    assert page.inner_text('#sd-interview [data-action="skip"]') == "End interview"
    page.locator("body").press("ArrowRight")
    _announced(page, "The interview is over. Ran over: Functional requirements.")
    review = page.locator("#sd-interview-prompts")
    assert page.inner_text("#sd-interview-prompts-title") == "Review"
    over = review.locator(".sd-interview__times li[data-over]")
    assert over.count() == 1
    assert re.search(
        r"Functional requirements 5:0\d of 3:00 — ran over by 2:0\d", over.inner_text()
    )
    assert re.search(
        r"1 of 9 steps ran over: Functional requirements by 2:0\d", review.inner_text()
    )
    assert review.locator("h3", has_text="Self-review: Senior on Ticket booking").count() == 1
    shown = review.locator(".sd-interview__rubric li").all_inner_texts()
    assert [line.strip() for line in shown] == rubric("problems/ticket-booking.md", "senior")
    assert page.evaluate(AXE, False) == []  # the review, as the page's own axe check cannot see it
    review.locator(".sd-interview__rubric input").first.focus()
    page.keyboard.press("Space")  # ticked from the keyboard; Space does not pause the clock
    page.reload()
    page.locator("#sd-interview").wait_for(state="visible")
    assert page.locator(".sd-interview__rubric input").first.is_checked()  # kept, like the clock
    assert console.errors == []


def test_an_unknown_problem_or_level_falls_back_with_a_note(
    context: Any, console: Any, base_url: str
) -> None:
    page = _open(context, base_url, "?problem=nope&level=principal")
    note = page.locator("#sd-interview-note")
    assert note.is_visible()
    assert "No problem is called “nope” here" in note.inner_text()
    assert (
        "“principal” is not a level here (mid, senior, staff): showing Senior." in note.inner_text()
    )
    assert page.input_value("#sd-interview-problem") == "random"
    assert page.input_value("#sd-interview-level") == "senior"
    assert page.url.endswith("?problem=random&level=senior")  # the address says what runs
    assert "drawn at random" in page.inner_text(".sd-interview__checkpoint")
    page.click('#sd-interview [data-action="toggle"]')  # a random problem is drawn
    _announced(page, "Your problem: ")
    drawn = page.input_value("#sd-interview-problem")
    assert drawn != "random" and f"problem={drawn}&" in page.url
    assert not note.is_visible()
    assert console.errors == []


def test_a_problem_page_link_starts_it_and_another_problem_can_be_undone(
    context: Any, console: Any, base_url: str
) -> None:
    """From a problem page (instant navigation) the link preselects the problem and the level;
    picking another problem mid-interview restarts the clock, and U brings the first back."""
    page = context.new_page()
    page.goto(base_url + "problems/chat/")
    page.click('a[href$="interview/?problem=chat&level=mid"]')
    page.locator("#sd-interview").wait_for(state="visible")
    assert page.input_value("#sd-interview-problem") == "chat"
    assert page.input_value("#sd-interview-level") == "mid"
    page.click('#sd-interview [data-action="toggle"]')
    page.click('#sd-interview [data-action="skip"]')
    _announced(page, "Step 2 of 9")
    page.select_option("#sd-interview-problem", "payments")
    _announced(page, "New problem, Payments and wallets: the clock starts again.")
    assert page.inner_text("#sd-interview-phase") == "Step 1 of 9: Functional requirements"
    assert "problem=payments&level=mid" in page.url
    page.locator("body").press("u")
    _announced(page, "Reset undone: Step 2 of 9")
    assert page.input_value("#sd-interview-problem") == "chat"
    assert "problem=chat&level=mid" in page.url
    assert console.errors == []
