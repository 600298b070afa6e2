"""Layout in a real browser, on a phone (390×844) and at a desk (1280×800), of particular
pages and controls (every page's layout is measured in test_every_page.py).

In both colour schemes: every kind of control (text input, select, button, link,
summary) shows a focus outline of at least 3:1 against the page, and the calculator's
"Copy link", "Copy as Markdown" and "Reset" buttons have 4.5:1 text contrast.

The calculator runtime is not needed here (the CDN is unreachable): pages are measured as built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import LIVE_TIMEOUT

from tools.cdn import route_cdn

pytestmark = pytest.mark.browser

# The pages of the home page's two paths: the home page and the study plan.
PLAN_PAGES = ["", "practice/plan/"]

# Runs in the page: what sticks out past the right edge in the plan, its summary and the review
# path, and any task's minutes split across two lines.
PLAN_JS = r"""() => {
  const parts = ".sd-plan, .sd-plan-summary, #for-a-design-review + p + ol";
  const boxes = [...document.querySelectorAll(parts)];
  const wide = boxes.flatMap((box) => [box, ...box.querySelectorAll("*")])
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .map((el) => el.tagName + ": " + el.textContent.trim().slice(0, 40));
  const split = [...document.querySelectorAll(".sd-plan__min")]
    .filter((el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size > 1)
    .map((el) => el.textContent);
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    boxes: boxes.length,
    items: document.querySelectorAll(".sd-plan li, .sd-plan-summary li").length,
    wide, split,
  };
}"""


def test_the_home_page_and_the_study_plan_fit_a_phone(browser: Any, base_url: str) -> None:
    """At 390 px neither page scrolls sideways, nothing in the plan, its summary or the
    design-review path reaches past the screen's edge, and no task's minutes break in two."""
    from sysdesign_core.tables.study import PHASES, STUDY_PLAN

    context = browser.new_context(
        viewport={"width": 390, "height": 844}, color_scheme="dark", service_workers="block"
    )
    route_cdn(context, offline=True)
    try:
        page = context.new_page()
        found = {}
        for path in PLAN_PAGES:
            page.goto(base_url + path)
            page.wait_for_load_state("load")
            found[path] = page.evaluate(PLAN_JS)
    finally:
        context.close()
    tasks = sum(len(day.tasks) for day in STUDY_PLAN.rows)
    # what was measured: the summary and the review path at home, the whole plan on its page
    assert (found[""]["boxes"], found[""]["items"]) == (2, len(PHASES))
    assert (found["practice/plan/"]["boxes"], found["practice/plan/"]["items"]) == (1, tasks)
    for path, measured in found.items():
        assert measured["overflow"] <= 1, (path, measured["overflow"])
        assert measured["wide"] == [] and measured["split"] == [], (path, measured)


# --- focus and contrast, in both schemes --------------------------------------------------


def _rgb(text: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    return (numbers + [1.0])[:4] if len(numbers) >= 3 else (0.0, 0.0, 0.0, 0.0)  # type: ignore[return-value]


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two opaque CSS colours (``rgb(…)``)."""
    la, lb = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# The colour behind an element: the first opaque background up the tree.
BACKGROUND_JS = """(el) => {
  for (let node = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    const alpha = (bg.match(/[\\d.]+/g) || []).map(Number)[3];
    if (bg && bg !== "transparent" && (alpha === undefined || alpha === 1)) return bg;
  }
  return getComputedStyle(document.body).backgroundColor;
}"""

# Control kinds, the page holding one, and how to find a visible one there.
CONTROLS = {
    "text input": ("calculators/capacity/", "form.sd-calc input[name=dau]"),
    "select": ("calculators/composite/", "form.sd-calc select"),
    "button": ("calculators/capacity/", "form.sd-calc .sd-calc__actions button"),
    "link": ("toolbox/databases/", "article a[href]:not(.headerlink):not(.md-content__button)"),
    "summary": ("calculators/capacity/", "details > summary"),
    "checkbox": ("toolbox/databases/", ".sd-filter input[type=checkbox]"),
}


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_page(request: Any, browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        color_scheme=request.param,
        service_workers="block",
    )
    route_cdn(context, offline=True)
    page = context.new_page()
    page.goto(base_url)
    yield page
    context.close()


def _show_actions(page: Any) -> None:
    """The widget's buttons show once the runtime is live; here they are shown as built."""
    page.evaluate(
        "document.querySelectorAll('.sd-calc__actions').forEach(a => { a.hidden = false; })"
    )


@pytest.mark.parametrize("kind", sorted(CONTROLS))
def test_every_kind_of_control_shows_its_focus(scheme_page: Any, base_url: str, kind: str) -> None:
    path, selector = CONTROLS[kind]
    page = scheme_page
    if not page.url.endswith(path):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
    _show_actions(page)
    control = page.locator(selector).first
    control.scroll_into_view_if_needed()
    page.keyboard.press("Tab")  # keyboard modality: focus-visible applies to every control
    control.focus()
    style = control.evaluate(
        "el => { const s = getComputedStyle(el); return"
        " {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,"
        " offset: parseFloat(s.outlineOffset)}; }"
    )
    assert style["style"] not in ("none", "hidden") and style["width"] >= 2, (kind, style)
    # The ring is drawn outside the control (offset ≥ 0): it stands against what surrounds it.
    assert style["offset"] >= 0, (kind, style)
    behind = control.evaluate(f"el => ({BACKGROUND_JS})(el.parentElement)")
    assert contrast(style["color"], behind) >= 3, (kind, style["color"], behind)


def test_widget_buttons_have_text_contrast(scheme_page: Any, base_url: str) -> None:
    page = scheme_page
    page.goto(base_url + "calculators/capacity/")
    page.wait_for_load_state("load")
    _show_actions(page)
    buttons = page.locator("form.sd-calc .sd-calc__actions button")
    assert buttons.count() == 3
    for i in range(buttons.count()):
        button = buttons.nth(i)
        color = button.evaluate("el => getComputedStyle(el).color")
        behind = button.evaluate(BACKGROUND_JS)
        ratio = contrast(color, behind)
        assert ratio >= 4.5, (button.inner_text(), color, behind, round(ratio, 2))


def test_a_table_shown_as_cards_is_still_a_table(browser: Any, base_url: str) -> None:
    """On a phone the rows look like cards, but assistive technology still gets a table: its
    column headers, a row header per row, and cells named by their content alone (the
    visible column label is not read twice)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    route_cdn(context, offline=True)
    try:
        page = context.new_page()
        page.goto(base_url + "toolbox/databases/")
        table = page.locator("#table-databases table")
        assert table.evaluate("t => getComputedStyle(t.querySelector('tbody tr')).display") == (
            "block"
        )
        snapshot = table.aria_snapshot()
        assert snapshot.startswith("- table"), snapshot[:200]
        assert '- columnheader "Use when"' in snapshot
        assert '- rowheader "PostgreSQL"' in snapshot
        assert '- cell "Relational"' in snapshot  # not "Data model Relational"
    finally:
        context.close()


CHART_PAGES = ["capacity", "availability", "bloom", "rate-limiter", "scaling"]


def test_results_never_cover_the_chart_or_split_a_value_at_a_desk(
    browser: Any, base_url: str
) -> None:
    """At 1280 px the pinned results column used to slide over the chart as the reader
    scrolled, and "1.1 PB" broke into "1.1" / "PB"."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        for calc in CHART_PAGES:
            page.goto(base_url + f"calculators/{calc}/")
            height = page.evaluate("document.documentElement.scrollHeight")
            for y in range(0, height, 80):
                page.evaluate(f"window.scrollTo(0, {y})")
                covered = page.evaluate(
                    """() => {
                        const box = (s) => document.querySelector(s).getBoundingClientRect();
                        const r = box('.sd-calc__results'), c = box('.sd-calc__chart');
                        const h = Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top);
                        const w = Math.min(r.right, c.right) - Math.max(r.left, c.left);
                        return h > 0 && w > 0;
                    }"""
                )
                assert not covered, (calc, y)
            split = page.evaluate(
                """() => [...document.querySelectorAll('.sd-calc__result output')].filter(
                    o => new Set([...o.getClientRects()].map(r => Math.round(r.top))).size > 1
                ).map(o => o.textContent)"""
            )
            assert split == [], calc
    finally:
        context.close()


def test_on_a_phone_the_error_stays_above_the_pinned_results(browser: Any, base_url: str) -> None:
    """A bad value typed just above the pinned results: its message is scrolled clear of the
    panel, and the panel says its results are not updated."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base_url + "calculators/capacity/")
        page.focus("#capacity-dau")  # on a phone the runtime starts at the first edit
        page.wait_for_selector(
            'form[data-calc="capacity"][data-state="live"]', timeout=LIVE_TIMEOUT
        )
        # the field's bottom edge just above the panel: its message would appear under it
        page.evaluate(
            """() => {
                const field = document.getElementById('capacity-writes_per_user');
                const panel = document.querySelector('.sd-calc__results > dl');
                window.scrollBy(0, field.getBoundingClientRect().bottom
                                   - panel.getBoundingClientRect().top + 2);
            }"""
        )
        page.focus("#capacity-writes_per_user")
        page.keyboard.press("End")
        page.keyboard.type("x")
        error = page.locator("#capacity-writes_per_user-error")
        error.wait_for(state="visible")
        page.wait_for_timeout(300)  # a smooth scroll, if any, has ended
        box, panel = error.bounding_box(), page.locator(".sd-calc__results > dl").bounding_box()
        assert box and panel and box["y"] + box["height"] <= panel["y"] + 1, (box, panel)
        note = page.evaluate(
            "getComputedStyle(document.querySelector('.sd-calc__results > dl'), '::before').content"
        )
        assert "Not updated" in note
    finally:
        context.close()


def test_a_common_mistake_box_shows_a_warning_not_a_tick(browser: Any, base_url: str) -> None:
    """The "Often said" / "Common mistake" boxes quote a mistake: their icon is a warning
    triangle, not the green-looking check mark they had."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "walkthroughs/twitter/")
        icon = page.evaluate(
            "getComputedStyle(document.querySelector('.corrected > .admonition-title, "
            ".corrected > summary'), '::before').maskImage"
        )
        assert "M1 21h22L12 2" in icon  # Material's alert triangle
        assert "M21 7 9 19" not in icon  # the check mark
    finally:
        context.close()


def test_native_controls_follow_the_dark_scheme(browser: Any, base_url: str) -> None:
    """A select's list is drawn by the browser: in the dark scheme it must be dark too, not
    the light grey it was."""
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(base_url + "calculators/availability/")
        page.wait_for_selector("select#availability-year")
        scheme = page.evaluate(
            "getComputedStyle(document.querySelector('select#availability-year')).colorScheme"
        )
        assert scheme == "dark"
    finally:
        context.close()


def test_the_rate_limiter_trace_reads_on_a_phone(browser: Any, base_url: str) -> None:
    """The simulator's numbers (seven columns) were 465 px wide at 390 px, 11 of 77 cells off
    screen; on a phone a wide chart table is a card per second, like the catalog's tables."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "calculators/rate-limiter/")
        page.click("details.sd-chart__numbers > summary")
        sizes = page.evaluate(
            """() => {
              const table = document.querySelector('.sd-chart__data');
              const box = table.parentElement.getBoundingClientRect();
              const cells = [...table.querySelectorAll('tbody td, tbody th')];
              const off = cells.filter(c => c.getBoundingClientRect().right > box.right + 1);
              return [table.getBoundingClientRect().width, box.width, off.length, cells.length];
            }"""
        )
        width, room, off, cells = sizes
        assert cells >= 7 and off == 0, sizes
        assert width <= room + 1, sizes
        assert page.get_attribute(".sd-chart__data", "role") == "table"  # still a table
    finally:
        context.close()


def test_the_cheat_sheets_formulas_fit_a_phone(browser: Any, base_url: str) -> None:
    """At 390 px the formula block ran off the screen with the copy button over its text:
    its lines wrap, and no text sits under the button."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base_url + "cheatsheet/")
        page.wait_for_selector(".sd-sheet pre .md-code__button", state="attached")
        found = page.evaluate(
            """() => {
              const code = document.querySelector('.sd-sheet pre > code');
              const copy = code.parentElement.querySelector('.md-code__button');
              const button = copy.getBoundingClientRect();
              const range = document.createRange();
              range.selectNodeContents(code);
              const under = [...range.getClientRects()].filter(r => r.width > 0 &&
                r.right > button.left && r.left < button.right &&
                r.bottom > button.top && r.top < button.bottom);
              return [code.scrollWidth - code.clientWidth, under.length];
            }"""
        )
        assert found == [0, 0], found
    finally:
        context.close()
