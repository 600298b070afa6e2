"""The worksheet page (docs/worksheet.md, javascripts/worksheet.js): static without
JavaScript, live in the calculators' worker, with the core's numbers for every sheet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from browser_support import LIVE_TIMEOUT
from conftest import Console

from macros.sheets import DEFAULT_EXAMPLE, read, sheet_names
from sysdesign_core.worksheet import evaluate, respond, to_json

PAGE = "worksheet/"


def shown(text: str) -> dict[int, str]:
    """What the page shows for each line with a value: the value, or "error"."""
    lines = to_json(evaluate(text))["lines"]
    return {
        line["line"]: "error"
        if line["error"]
        else (f"{line['record']}() results" if line["record"] else line["shown"])
        for line in lines
        if line["shown"] or line["error"]
    }


def page_values(page: Any) -> dict[int, str]:
    values: dict[int, str] = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#sd-ws-results li')]
            .filter(li => li.querySelector('.sd-ws__value, .sd-ws__error'))
            .map(li => [li.dataset.line, li.querySelector('.sd-ws__value')?.textContent ?? 'error'])
        )"""
    )
    return {int(k): v for k, v in values.items()}


def wait_evaluated(page: Any, count: int) -> None:
    page.wait_for_function(
        "n => Number(document.getElementById('sd-ws').dataset.evaluated || 0) >= n",
        arg=count,
        timeout=LIVE_TIMEOUT,
    )


def test_without_javascript_the_page_shows_the_example_computed(site_dir: Path) -> None:
    html = (site_dir / PAGE / "index.html").read_text(encoding="utf-8")
    text = read(DEFAULT_EXAMPLE)
    for value in shown(text).values():
        assert value in html.replace("&#39;", "'")
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html  # the tornado chart
    assert "| Name | Formula | Value | Range |" in html  # the Markdown export
    for name in sheet_names():  # every sheet is an example to start from
        assert f'<option value="{name}"' in html


def test_every_sheet_shows_the_cores_numbers_live(
    warm_visit: Any, console: Console, base_url: str
) -> None:
    page = warm_visit(base_url + PAGE)
    page.wait_for_selector("#sd-ws[data-state=live]", timeout=LIVE_TIMEOUT)
    for name in sheet_names():
        before = int(page.get_attribute("#sd-ws", "data-evaluated") or 0)
        page.select_option("#sd-ws-example", name)
        wait_evaluated(page, before + 1)
        page.wait_for_function(
            "() => !document.getElementById('sd-ws').dataset.busy", timeout=LIVE_TIMEOUT
        )
        assert page_values(page) == shown(read(name)), name
        assert parse_qs(urlparse(page.url).query) == {"example": [name]}
    assert console.errors == []


def test_an_edit_recomputes_names_its_errors_and_keeps_the_sheet_in_the_url(
    warm_visit: Any, console: Console, base_url: str
) -> None:
    page = warm_visit(base_url + PAGE)
    page.wait_for_selector("#sd-ws[data-state=live]", timeout=LIVE_TIMEOUT)
    text = "users = 100M (50M..200M)\nbad = 1 GB + 1 s\nuses_bad = bad * 2\nstore = users * 2 KB"
    page.fill("#sd-ws-text", text)
    page.wait_for_function(
        "() => document.getElementById('sd-ws-problems').textContent.includes('Line 3')",
        timeout=LIVE_TIMEOUT,
    )
    assert page_values(page) == shown(text)
    problems = page.inner_text("#sd-ws-problems")
    assert "Line 2: cannot add a size and a duration" in problems
    assert "Line 3: waits for line 2 (bad), which has an error" in problems
    # the ranged line's chart, chosen by default: the last line that depends on a range
    page.wait_for_selector("#sd-ws-chart[data-line='4'] svg", timeout=LIVE_TIMEOUT)
    assert page.input_value("#sd-ws-explain") == "4"
    assert "users" in page.inner_text("#sd-ws-chart")
    page.click(".sd-ws__export summary")  # the export is filled in when it is opened
    page.wait_for_function(
        "() => document.getElementById('sd-ws-markdown').textContent.includes('| store |')",
        timeout=LIVE_TIMEOUT,
    )
    markdown = page.text_content("#sd-ws-markdown") or ""
    assert "| store | `users * 2 KB` | 200 GB | 100 GB .. 400 GB |" in markdown
    # the address holds the sheet: a reload (or a shared link) reproduces it
    page.wait_for_function("() => location.search.includes('sheet=')", timeout=LIVE_TIMEOUT)
    assert parse_qs(urlparse(page.url).query)["sheet"] == [text]
    page.reload()
    page.wait_for_selector("#sd-ws[data-state=live]", timeout=LIVE_TIMEOUT)
    wait_evaluated(page, 1)
    assert page.input_value("#sd-ws-text") == text
    assert page_values(page) == shown(text)
    assert console.errors == []


def test_a_run_of_edits_shows_the_cores_values_after_each(
    warm_visit: Any, console: Console, base_url: str
) -> None:
    """Each reply carries only the rows that changed since the page's last one: the page
    patches its rows (lines changed, added, removed, a range appearing) and shows, after
    every edit, exactly what the core computes for the whole text."""
    page = warm_visit(base_url + PAGE)
    page.wait_for_selector("#sd-ws[data-state=live]", timeout=LIVE_TIMEOUT)
    texts = [
        "a = 2\nb = a * 3\nc = 10 GB\nd = c / 1 s in Gbps",
        "a = 2\nb = a * 4\nc = 10 GB\nd = c / 1 s in Gbps",  # one line moves
        "a = 2 (1..5)\nb = a * 4\nc = 10 GB\nd = c / 1 s in Gbps\ne = b + 1",  # a range, a line
        "a = 2 (1..5)\nb = a * 4",  # lines go
        "a = 2 (1..5)\nb = a * 4 GB\nx = b + 1 s\nc = 1",  # an error, a new shape
    ]
    for text in texts:
        before = int(page.get_attribute("#sd-ws", "data-evaluated") or 0)
        page.fill("#sd-ws-text", text)
        wait_evaluated(page, before + 1)
        page.wait_for_function(
            "() => !document.getElementById('sd-ws').dataset.busy", timeout=LIVE_TIMEOUT
        )
        assert page_values(page) == shown(text), text
        ranges = page.evaluate(
            """() => [...document.querySelectorAll('#sd-ws-results li')].map(
                 li => li.querySelector('.sd-ws__range')?.textContent ?? '')"""
        )
        want = [
            f"{line['low_shown']} – {line['high_shown']}" if line["low_shown"] else ""
            for line in to_json(evaluate(text))["lines"]
        ]
        assert ranges == want, text
    assert console.errors == []


def test_the_json_export_is_the_cores(warm_context: Any, base_url: str) -> None:
    page = warm_context.new_page()
    text = "dau = 500M\nwrites = dau * 2 / day"
    page.goto(base_url + PAGE + "?" + urlencode({"sheet": text}))
    page.wait_for_selector("#sd-ws[data-state=live]", timeout=LIVE_TIMEOUT)
    wait_evaluated(page, 1)
    with page.expect_download() as download:
        page.click("[data-action=json]")
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    reply = respond(text)
    assert data == {"lines": reply["lines"], "constants": reply["constants"]}


def test_a_calculator_opens_its_current_inputs_in_the_worksheet(
    warm_visit: Any, console: Console, base_url: str
) -> None:
    from sysdesign_core import run

    page = warm_visit(base_url + "calculators/capacity/")
    page.wait_for_selector('form[data-calc="capacity"][data-state="live"]', timeout=LIVE_TIMEOUT)
    page.fill("#capacity-dau", "2B")
    want = run("capacity", {"dau": "2B"})["outputs"]
    page.wait_for_function(
        "t => document.querySelector('output[name=write_qps]').textContent === t",
        arg=want["write_qps"]["text"],
        timeout=LIVE_TIMEOUT,
    )
    page.wait_for_function(
        "() => decodeURIComponent(document.querySelector('[data-action=open-worksheet]').href)"
        ".includes('dau=2bn')",
        timeout=LIVE_TIMEOUT,
    )
    href = page.get_attribute("[data-action=open-worksheet]", "href")
    assert href and href.startswith(base_url + "worksheet/?sheet=")
    page.goto(href)  # the link as a reader would share it
    page.wait_for_selector("#sd-ws[data-state=live]", timeout=LIVE_TIMEOUT)
    wait_evaluated(page, 1)
    text = page.input_value("#sd-ws-text")
    assert shown(text)[3] == want["write_qps"]["text"]  # write_qps = capacity_1.write_qps
    assert page_values(page) == shown(text)
    assert console.errors == []
