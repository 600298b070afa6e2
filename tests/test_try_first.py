"""Try it first: every design page asks for 3–6 of its sheet's figures and grades the
reader's answers against the sheet, with the reader's assumptions (the core, no browser)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysdesign_core.worksheet.attempt import (
    apply,
    assumptions,
    grade,
    problems,
    prompts,
    respond_json,
)

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p for p in (ROOT / "docs" / "problems").glob("*.md") if p.name != "index.md")
PAGES += sorted((ROOT / "docs" / "walkthroughs").glob("*.md"))
KV = (ROOT / "docs" / "sheets" / "key-value-store.sheet").read_text(encoding="utf-8")


def sheet_of(page: Path) -> str:
    found = re.search(r'sheet\("([a-z0-9-]+)"\)', page.read_text(encoding="utf-8"))
    assert found, f"{page.name} opens no sheet"
    return found[1]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_design_page_offers_try_it_first(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "{{ s.try_first() }}" in text, f"{page.name}: no Try it first panel"
    sheet = (ROOT / "docs" / "sheets" / f"{sheet_of(page)}.sheet").read_text(encoding="utf-8")
    assert problems(sheet) == []
    assert 3 <= len(prompts(sheet)) <= 6


def figure(reply: dict, name: str) -> dict:
    return next(f for f in reply["figures"] if f["name"] == name)


def test_each_grade_with_its_reason() -> None:
    reply = grade(KV, {}, {"peak_writes": "347K/s", "data": "10 PB", "nodes": "40"})
    assert figure(reply, "peak_writes")["grade"] == "exact"
    data = figure(reply, "data")
    assert data["grade"] == "off"
    assert any("1,000×" in hint for hint in data["hints"])  # a prefix slipped
    nodes = figure(reply, "nodes")
    assert nodes["grade"] == "magnitude"
    assert any("dau = " in hint for hint in nodes["hints"])  # which input differs
    assert nodes["steps"][-1] == "nodes = part.shards"


def test_a_missing_peak_factor_is_named() -> None:
    reply = grade(KV, {}, {"peak_writes": "116K/s"})  # the average, not the peak
    hints = " ".join(figure(reply, "peak_writes")["hints"])
    assert "peak factor of 3" in hints


def test_a_100000_second_day_is_named() -> None:
    reply = grade(KV, {}, {"peak_writes": "300K/s"})
    assert "100,000-second day" in " ".join(figure(reply, "peak_writes")["hints"])


def test_the_grade_follows_the_readers_assumptions() -> None:
    answers = {"peak_writes": "139K/s"}  # right for 20 writes a user, not for the page's 50
    assert figure(grade(KV, {}, answers), "peak_writes")["grade"] == "magnitude"
    mine = grade(KV, {"writes_per_user": "20"}, answers)
    assert figure(mine, "peak_writes")["grade"] == "exact"
    assert mine["changed"] is True


def test_answers_are_read_in_the_sites_notation() -> None:
    reply = grade(KV, {}, {"nodes": "191 nodes", "data": "10TB", "peak_reads": "1.39M"})
    assert figure(reply, "nodes")["grade"] == "exact"
    assert figure(reply, "data")["grade"] == "exact"
    reads = figure(reply, "peak_reads")
    assert reads["grade"] == "invalid" and "a rate" in reads["message"]


def test_thousands_are_read_as_the_site_prints_them() -> None:
    nodes = figure(grade(KV, {}, {"nodes": "9,550 nodes"}), "nodes")
    assert nodes["grade"] != "invalid" and nodes["yours"] == "9,550"
    assert figure(grade(KV, {}, {"nodes": "1,5"}), "nodes")["grade"] == "invalid"


def test_a_bad_assumption_names_itself_and_what_waits_for_it() -> None:
    reply = grade(KV, {"dau": "lots"}, {"peak_writes": "347K/s"})
    dau = next(a for a in reply["assumptions"] if a["name"] == "dau")
    assert dau["error"]
    assert figure(reply, "peak_writes")["grade"] == "unknown"


def test_assumptions_are_the_literal_lines() -> None:
    names = [a.name for a in assumptions(KV)]
    assert names[:3] == ["dau", "writes_per_user", "reads_per_write"]
    assert "kv" not in names and "data" not in names
    assert "dau = 300M  # " in apply(KV, {"dau": "300M"})


def test_the_sheet_checks_its_try_lines() -> None:
    bad = "# try: nothing  Ask\n# try: a  A\n# try: a  A again\na = 1\n"
    found = problems(bad)
    assert any("names no line" in p for p in found)
    assert any("asked twice" in p for p in found)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["dau", "writes_per_user", "value_size"]), st.text(max_size=30)
    ),
    st.dictionaries(st.sampled_from(["peak_writes", "data", "nodes"]), st.text(max_size=30)),
)
def test_any_input_gets_an_answer(changed: dict[str, str], answers: dict[str, str]) -> None:
    reply = json.loads(respond_json(KV, json.dumps(changed), json.dumps(answers)))
    assert reply.get("error") is None or "internal" not in reply["error"]
    for item in reply["figures"]:
        assert item["grade"] in {
            "exact",
            "close",
            "magnitude",
            "off",
            "invalid",
            "missing",
            "unknown",
        }
        assert item["message"]


# In the browser: three design pages, the switch, grades, an assumption, a reload and reveal.

TRY_PAGES = {
    "problems/key-value-store/": "key-value-store",
    "problems/chat/": "chat",
    "walkthroughs/url-shortener/": "url-shortener",
}
FACTORS = (1.0, 1.5, 5.0, 50.0)  # exact, close, right order of magnitude, off


def answers_for(name: str) -> dict[str, str]:
    """One answer per grade for the sheet's first four figures, in the site's notation."""
    from sysdesign_core.worksheet import evaluate
    from sysdesign_core.worksheet.quantity import Quantity, show

    text = (ROOT / "docs" / "sheets" / f"{name}.sheet").read_text(encoding="utf-8")
    sheet = evaluate(text)
    out = {}
    for prompt, factor in zip(prompts(text), FACTORS, strict=False):
        value = sheet.line(prompt.name).value
        assert value is not None
        out[prompt.name] = show(Quantity(value.value * factor, value.dims, value.hint))
    return out


def grades_on(page: object) -> dict[str, str]:
    return page.evaluate(  # type: ignore[attr-defined, no-any-return]
        """() => Object.fromEntries([...document.querySelectorAll('.sd-try__figure')].map(
            li => [li.dataset.name, li.querySelector('.sd-try__grade').dataset.grade || '']))"""
    )


@pytest.mark.parametrize("path", TRY_PAGES, ids=lambda p: p.split("/")[1])
def test_try_it_first_grades_follows_assumptions_keeps_and_reveals(
    warm_context: object, base_url: str, path: str
) -> None:
    from browser_support import LIVE_TIMEOUT

    name = TRY_PAGES[path]
    text = (ROOT / "docs" / "sheets" / f"{name}.sheet").read_text(encoding="utf-8")
    answers = answers_for(name)
    want = {f["name"]: f["grade"] for f in grade(text, {}, answers)["figures"]}
    assert list(want.values())[:4] == ["exact", "close", "magnitude", "off"]
    page = warm_context.new_page()  # type: ignore[attr-defined]
    page.goto(base_url + path)
    page.evaluate(f"() => localStorage.removeItem('sd-try:{name}')")
    page.reload()
    panel = page.locator(".sd-try")
    panel.wait_for(state="visible")
    assert page.locator(".sd-sheet-static").is_visible()
    page.click(".sd-try__switch")
    assert page.get_attribute(".sd-try__switch", "aria-pressed") == "true"
    assert not page.locator(".sd-sheet-static").is_visible()  # the estimates are folded
    assert page.locator(".sd-try__folded").first.is_visible()
    for figure, typed in answers.items():
        page.fill(f".sd-try__figure[data-name={figure}] input", typed)
    page.click(".sd-try__check")
    page.wait_for_selector('.sd-try[data-checked="1"]', timeout=LIVE_TIMEOUT)
    assert grades_on(page) == want
    off = list(answers)[3]
    reason = page.locator(f".sd-try__figure[data-name={off}] .sd-try__grade").inner_text()
    assert "More than 10× away" in reason

    # An assumption changed: the grade follows the reader's sheet, not the page's.
    first = next(iter(answers))

    def times_four(default: str) -> str:
        return f"({default.split('(')[0].strip()}) * 4"  # the likely value of a range

    def after(changed: dict[str, str]) -> dict[str, str]:
        return {f["name"]: f["grade"] for f in grade(text, changed, answers)["figures"]}

    moved, new = next(
        (a.name, times_four(a.text))
        for a in assumptions(text)
        if after({a.name: times_four(a.text)})[first] != "exact"
    )
    want_after = after({moved: new})
    page.click(".sd-try__assumptions summary")
    page.fill(f".sd-try__assumption input[name={moved}]", new)
    page.wait_for_selector('.sd-try[data-checked="2"]', timeout=LIVE_TIMEOUT)
    assert grades_on(page) == want_after
    assert grades_on(page)[first] != "exact"

    # A reload keeps the answers, the assumption and the folded page.
    page.reload()
    page.locator(".sd-try").wait_for(state="visible")
    kept = page.input_value(f".sd-try__figure[data-name={first}] input")
    assert kept == answers[first]
    assert page.input_value(f".sd-try__assumption input[name={moved}]") == new
    assert not page.locator(".sd-sheet-static").is_visible()

    # Reveal: everything is back, the reader's figures beside the sheet's.
    page.click(".sd-try__reveal")
    assert page.locator(".sd-sheet-static").is_visible()
    rows = page.locator(".sd-try__compare tbody tr")
    assert rows.count() == len(prompts(text))
    row = rows.nth(3).inner_text()
    assert answers[off] in row


def test_without_javascript_the_page_is_the_full_answer(browser: object, base_url: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    try:
        page = ctx.new_page()
        for path in TRY_PAGES:
            page.goto(base_url + path)
            assert page.locator(".sd-try").count() == 1
            assert not page.locator(".sd-try").is_visible()
            assert page.locator(".sd-sheet-static").is_visible()
            assert page.locator("h2:has-text('Deep dive') + *").first.is_visible()
    finally:
        ctx.close()
