"""The home page serves both readers: an engineer with an interview in two
weeks gets a study plan, and one preparing a design review gets an ordered path through the
tools. The plan is catalog data (``sysdesign_core/tables/study.py``) that checks itself:
fourteen days, each day's tasks adding up to its stated minutes, every page real."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from sysdesign_core import catalog
from sysdesign_core.records import table_problems
from sysdesign_core.tables import study
from sysdesign_core.tables.framework import FRAMEWORK_STEPS
from sysdesign_core.tables.problems import DIFFICULTIES, PROBLEMS
from sysdesign_core.tables.study import STUDY_PLAN, StudyDay, Task
from sysdesign_core.validate import problems

DOCS = Path(__file__).resolve().parent.parent / "docs"

# --- the plan as data -------------------------------------------------------------------------


def test_the_plan_is_fourteen_days_whose_tasks_add_up() -> None:
    days = STUDY_PLAN.rows
    assert [day.name for day in days] == [f"Day {n}" for n in range(1, 15)]
    for day in days:
        assert sum(task.minutes for task in day.tasks) == day.minutes, day.name
        low, high = study.LONG_DAY_MINUTES if day.long else study.WEEKDAY_MINUTES
        assert low <= day.minutes <= high, day.name
    # weekdays 60–90 minutes, the four weekend days longer
    assert [day.number for day in days if day.long] == [6, 7, 13, 14]
    assert list(table_problems(catalog.TABLES["study_plan"])) == []


def test_every_page_of_the_plan_exists() -> None:
    pages = {task.page.partition("#")[0] for day in STUDY_PLAN.rows for task in day.tasks}
    assert all((DOCS / page).is_file() for page in pages), pages
    assert list(problems(catalog.TABLES.values(), catalog.LISTS.values(), DOCS)) == []


def test_the_plan_covers_the_framework_and_every_practice_tool() -> None:
    pages = {task.page.partition("#")[0] for day in STUDY_PLAN.rows for task in day.tasks}
    assert {step.page for step in FRAMEWORK_STEPS.rows} <= pages
    assert {"practice/drills.md", "practice/flashcards.md", "worksheet.md"} <= pages
    assert "practice/interview.md" in pages


def test_problems_come_easy_then_medium_then_hard_and_mocks_end_it() -> None:
    difficulty = {problem.page: problem.difficulty for problem in PROBLEMS.rows}
    levels = [
        DIFFICULTIES.index(difficulty[task.page])
        for day in STUDY_PLAN.rows
        for task in day.tasks
        if task.page in difficulty
    ]
    assert levels == sorted(levels) and set(levels) == {0, 1, 2}
    for day in STUDY_PLAN.rows[-2:]:
        mock = [task for task in day.tasks if task.page == "practice/interview.md"]
        assert mock and mock[0].minutes == 45, day.name


def _with_day(index: int, day: StudyDay) -> list[str]:
    rows = list(STUDY_PLAN.rows)
    rows[index] = day
    return [str(p) for p in table_problems(replace(STUDY_PLAN, rows=tuple(rows)))]  # type: ignore[arg-type]


def test_a_day_whose_tasks_do_not_add_up_is_named() -> None:
    day = STUDY_PLAN.rows[2]
    found = _with_day(2, replace(day, minutes=day.minutes - 5))
    assert found == [
        "table 'study_plan', row 'Day 3', field 'minutes': the tasks add up to 90 min, "
        "not the stated 85; change a task's minutes or the total"
    ]


def test_a_weekday_over_its_budget_is_named() -> None:
    day = STUDY_PLAN.rows[0]
    longer = replace(day, tasks=(*day.tasks, Task("worksheet.md", "More.", 30)), minutes=105)
    assert _with_day(0, longer) == [
        "table 'study_plan', row 'Day 1', field 'minutes': 105 min is outside 60–90 min "
        "for a weekday"
    ]


def test_a_hard_problem_before_a_medium_one_is_named() -> None:
    day = STUDY_PLAN.rows[7]  # day 8: chat, a medium problem
    harder = replace(day, tasks=(Task("problems/payments.md", "Early.", 60), *day.tasks[1:]))
    assert any(
        "row 'Day 9': problems/typeahead.md is Medium but comes after a Hard problem" in p
        for p in _with_day(7, harder)
    )


def test_a_last_day_without_a_mock_interview_is_named() -> None:
    day = STUDY_PLAN.rows[-1]
    without = replace(day, tasks=(Task("cheatsheet.md", "Read.", 120),))
    assert _with_day(13, without) == [
        "table 'study_plan', row 'Day 14': the last two days each hold a timed mock "
        "interview on practice/interview.md"
    ]


def test_a_missing_page_is_named_with_the_file_and_line_to_edit() -> None:
    day = STUDY_PLAN.rows[1]
    moved = replace(day, tasks=(*day.tasks[:-1], Task("practice/flashcard.md", "Cards.", 10)))
    rows = tuple(moved if row is day else row for row in STUDY_PLAN.rows)
    found = list(problems([replace(STUDY_PLAN, rows=rows)], [], DOCS))  # type: ignore[list-item]
    missing = [line for line in found if "flashcard.md" in line]
    assert len(missing) == 1
    assert re.match(
        r"sysdesign_core/tables/study\.py:\d+: table 'study_plan', row 'Day 2'", missing[0]
    )
    assert "docs/practice/flashcard.md does not exist" in missing[0]


def test_days_out_of_order_are_named() -> None:
    rows = list(STUDY_PLAN.rows)
    rows[3], rows[4] = rows[4], rows[3]
    found = [str(p) for p in table_problems(replace(STUDY_PLAN, rows=tuple(rows)))]  # type: ignore[arg-type]
    assert found and found[0].startswith(
        "table 'study_plan': the days must be 'Day 1' to 'Day 14' in order"
    )


# --- the built pages --------------------------------------------------------------------------


def _section(html: str, heading_id: str) -> str:
    """The HTML from the ``<h2 id=heading_id>`` to the next ``<h2``."""
    start = html.index(f'<h2 id="{heading_id}"')
    end = html.find("<h2", start + 1)
    return html[start : end if end > 0 else len(html)]


def _resolve(site_dir: Path, page_url: str, href: str) -> tuple[Path, str]:
    """The built file a link from ``page_url`` leads to, and its fragment."""
    parts = urlsplit(urljoin("http://site/" + page_url, href))
    assert parts.netloc == "site", href
    target = site_dir / parts.path.lstrip("/")
    return (target / "index.html" if parts.path.endswith("/") else target), parts.fragment


def _broken_links(site_dir: Path, page_url: str, html: str) -> list[str]:
    """Every relative link in ``html`` whose page or anchor is not in the built site."""
    broken = []
    for href in re.findall(r'<a [^>]*href="([^"]+)"', html):
        if href.startswith(("http://", "https://", "#")):
            continue
        target, fragment = _resolve(site_dir, page_url, href)
        found = target.is_file() and (
            not fragment or f'id="{fragment}"' in target.read_text(encoding="utf-8")
        )
        if not found:
            broken.append(href)
    return broken


def test_home_shows_the_plan_in_brief_with_working_links(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    part = _section(html, "two-weeks-to-an-interview")
    phases = re.findall(r'href="practice/plan/#([\w-]+)">Days (\d+)–(\d+) · ([^<]+)</a>', part)
    assert [(anchor, name) for anchor, _, _, name in phases] == [
        (phase.anchor, phase.name) for phase in study.PHASES
    ]
    assert (phases[0][1], phases[-1][2]) == ("1", "14")
    assert 'href="practice/plan/">The plan, day by day</a>' in part
    hours = round(sum(day.minutes for day in STUDY_PLAN.rows) / 60)
    assert f"14 days, about {hours} hours in all" in part
    assert _broken_links(site_dir, "", part) == []


REVIEW_PATH = [
    "calculators/",
    "worksheet/",
    "calculators/cost/",
    "calculators/burn_rate/",
]


def test_home_shows_the_design_review_path_with_working_links(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    part = _section(html, "for-a-design-review")
    steps = re.findall(r"<li>(.*?)</li>", part, re.DOTALL)
    assert len(steps) == 5
    leads = [re.match(r'<strong><a href="([^"]+)">', step) for step in steps[:4]]
    assert [lead.group(1) if lead else None for lead in leads] == REVIEW_PATH
    assert "Markdown export" in steps[1]
    assert steps[4].startswith("<strong>Checklists</strong>")
    for anchor in ("#component-checklist", "#single-points-of-failure"):
        assert anchor in steps[4]
    assert _broken_links(site_dir, "", part) == []


def test_home_keeps_its_start_box_and_doors_before_the_two_paths(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    order = [
        html.index('class="sd-start"'),
        html.index("sd-doors"),
        html.index('id="two-weeks-to-an-interview"'),
        html.index('id="for-a-design-review"'),
        html.index('id="the-flow"'),
    ]
    assert order == sorted(order)


def test_the_plan_page_shows_every_day_and_task_with_working_links(site_dir: Path) -> None:
    html = (site_dir / "practice" / "plan" / "index.html").read_text(encoding="utf-8")
    for day in STUDY_PLAN.rows:
        heading = re.search(rf'<h3 id="{day.anchor}">([^<]+)<', html)
        assert heading, day.name
        assert heading.group(1) == f"Day {day.number} · {day.focus} · {day.minutes} min"
        end = html.find("</ol>", heading.end())
        tasks = re.findall(
            r'<span class="sd-plan__min">(\d+) min\.</span>', html[heading.end() : end]
        )
        assert [int(m) for m in tasks] == [task.minutes for task in day.tasks], day.name
    for phase in study.PHASES:
        assert f'<h2 id="{phase.anchor}">' in html
    plan = html[html.index('<div class="sd-plan">') :]
    assert _broken_links(site_dir, "practice/plan/", plan) == []


def test_the_plan_is_first_under_practice_in_the_navigation(site_dir: Path) -> None:
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    practice = html[html.index("Practice") :]
    first = re.search(
        r'<a href="([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<',
        practice,
    )
    assert first and first.groups() == ("practice/plan/", "Two-week plan")
