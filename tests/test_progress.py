"""Progress you can see: mark a page as done, reload, see it on the problems index with what
is next, export it to a file, clear it and import it back: the same state."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from macros.progress import tracked_pages

KEY = "sd-progress-v1"


def test_every_design_and_senior_topic_is_tracked_once() -> None:
    keys = [item["key"] for _, items in tracked_pages() for item in items]
    assert len(keys) == len(set(keys))
    assert "problems/chat/" in keys and "walkthroughs/twitter/" in keys
    assert any(key.startswith("senior/") for key in keys)
    assert keys[0].startswith("walkthroughs/")  # the path starts with a walkthrough


def test_mark_reload_export_clear_import(warm_context: Any, base_url: str, tmp_path: Path) -> None:
    page = warm_context.new_page()
    page.goto(base_url + "problems/chat/")
    page.evaluate(
        "() => { for (const k of Object.keys(localStorage)) localStorage.removeItem(k); }"
    )
    page.reload()
    button = page.locator(".sd-done__button")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    page.reload()
    assert page.locator(".sd-done__button").get_attribute("aria-pressed") == "true"

    page.goto(base_url + "problems/")
    view = page.locator(".sd-progress")
    view.wait_for(state="visible")
    assert page.get_attribute('li[data-key="problems/chat/"]', "data-done") == "true"
    first = tracked_pages()[0][1][0]
    assert page.locator(".sd-progress__next a").inner_text() == first["title"]
    assert "1 of" in page.locator(".sd-progress__summary").inner_text()
    before = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    page.click(".sd-progress__more > summary")  # the list and its tools, folded by default

    with page.expect_download() as download:
        page.click(".sd-progress__export")
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["kind"] == "sysdesign-progress" and data["data"][KEY] == before

    page.click(".sd-progress__clear")
    assert page.get_attribute('li[data-key="problems/chat/"]', "data-done") == "true"  # asks
    page.click(".sd-progress__clear")
    assert page.get_attribute('li[data-key="problems/chat/"]', "data-done") == "false"
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") is None

    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "something else"}', encoding="utf-8")
    page.set_input_files(".sd-progress__import", str(bad))
    page.wait_for_selector(".sd-progress__message:has-text('not a sysdesign progress file')")

    page.set_input_files(".sd-progress__import", str(saved))
    page.wait_for_selector('li[data-key="problems/chat/"][data-done="true"]', state="attached")
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") == before


def test_the_index_filters_by_difficulty(warm_visit: Any, base_url: str) -> None:
    page = warm_visit(base_url + "problems/")
    page.check('#table-problems .sd-filter input[value="hard"]')
    shown = page.locator("#table-problems tbody tr:not([hidden])")
    assert shown.count() >= 1
    cells = shown.locator('td[data-col="difficulty"]').all_inner_texts()
    assert set(cells) == {"Hard"}


def test_mark_as_done_is_in_every_tracked_page_and_no_other(site_dir: Path) -> None:
    mark = 'class="sd-done" hidden inert'  # the build's, for progress.js to wire
    pages = {str(path.relative_to(site_dir)) for path in site_dir.rglob("index.html")}
    marked = {page for page in pages if mark in (site_dir / page).read_text(encoding="utf-8")}
    keys = {item["key"] + "index.html" for _, items in tracked_pages() for item in items}
    assert marked == keys
