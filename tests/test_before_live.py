"""What a calculator shows before its runtime is live, and when that runtime starts.

Until the worker is live the results on the page are the build's, computed for the default
inputs. Where the fields say otherwise (a shared link), the form says so beside the results and
hides the readings of the inputs that differ; while the runtime cannot load the fields are
read-only, with a note and a button that tries again. A reader whose fields hold the defaults
sees none of this.

The runtime (~9 MB) starts with the page at a desk; with Save-Data on, on a slow connection or
on a phone's screen it starts at the reader's first edit (window.sdRuntimeWait, in
overrides/main.html), and the early start in <head> keeps the same rule. Every test here boots
in a fresh context: they are about the start itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from browser_support import (
    LIVE_TIMEOUT,
    SLOW_CONNECTION,
    calc_workers,
    expected,
    form_of,
    outputs_of,
    save_data,
    wait_live,
    wait_outputs,
    wait_readings,
    want_readings,
)
from conftest import Console

from sysdesign_core import get
from tools.cdn import route_cdn

pytestmark = pytest.mark.browser

CAPACITY = "calculators/capacity/"
FORM = form_of("capacity")
LINK = {"dau": "20M"}
PHONE = {"width": 390, "height": 844}

# From the first byte of the page on: whether any form ever said its results were the defaults.
WATCH_SHOWN = """(() => {
  window.__sdShownSeen = false;
  new MutationObserver((records) => {
    if (records.some((r) => r.target.dataset && r.target.dataset.shown)) {
      window.__sdShownSeen = true;
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-shown"] });
})();"""


def download_mb(site_dir: Path) -> int:
    """The runtime's download in MB, as the build wrote it into every page."""
    html = (site_dir / CAPACITY / "index.html").read_text(encoding="utf-8")
    found = re.search(r'data-download-size="(\d+)"', html)
    assert found, "no data-download-size in the runtime meta"
    return max(1, round(int(found.group(1)) / 1e6))


def editable(page: Any) -> list[bool]:
    names = [item.name for item in get("capacity").inputs]
    return [page.locator(f"{FORM} [name={name}]").is_editable() for name in names]


# --- item 7: never results for other inputs without saying so ------------------------------


def test_a_shared_link_with_the_cdn_blocked_says_its_results_are_the_defaults(
    offline_context: Any, base_url: str
) -> None:
    """The CDN blocked (a work network): the link's 20M stays in its field, but the results
    beside it are said to be the defaults' (naming the input that differs), no reading of
    500M stands beside 20M, and the fields are read-only with a note saying why. "Try again"
    once the CDN answers: editable, live, and the results are the link's."""
    page = offline_context.new_page()
    page.goto(base_url + CAPACITY + "?" + urlencode(LINK))
    page.wait_for_selector(f'{FORM}[data-state="offline"]', timeout=LIVE_TIMEOUT)
    assert page.input_value("#capacity-dau") == "20M"
    assert outputs_of(page, "capacity") == expected("capacity", {})
    assert page.get_attribute(FORM, "data-shown") == "defaults"
    note = page.locator(f"{FORM} .sd-calc__shown")
    assert note.is_visible()
    text = note.inner_text()
    assert "These results are for the default inputs" in text, text
    assert "Daily active users 20M (default 500M)" in text, text
    assert not page.locator("#capacity-dau-reading").is_visible()  # not "= 500,000,000"
    assert page.locator("#capacity-writes_per_user-reading").is_visible()  # a default: kept
    assert not any(editable(page))
    assert page.locator("#capacity-dau").get_attribute("readonly") is not None
    locked = page.locator(f"{FORM} .sd-calc__locked")
    assert locked.is_visible() and "Read-only" in locked.inner_text()

    offline_context.unroute("https://**/*")
    route_cdn(offline_context)  # the CDN answers again
    locked.get_by_role("button", name="Try again").click()
    wait_live(page, "capacity")
    wait_outputs(page, "capacity", expected("capacity", LINK))
    wait_readings(page, "capacity", want_readings("capacity", LINK))
    assert all(editable(page))
    assert not note.is_visible() and not locked.is_visible()
    assert page.get_attribute(FORM, "data-shown") is None


def test_until_live_a_link_says_its_results_are_the_defaults(context: Any, base_url: str) -> None:
    """While the runtime loads (held here: its wasm is never answered), a link's results are
    marked as the defaults'; a visit whose fields hold the defaults never shows the mark (no
    flash, nothing moves); an edit back to the default takes the mark away."""
    context.add_init_script(WATCH_SHOWN)
    context.route("**/pyodide.asm.wasm", lambda route: None)  # never answered: still loading
    page = context.new_page()
    page.goto(base_url + CAPACITY)
    page.wait_for_selector(f'{FORM}[data-state="loading"]', timeout=LIVE_TIMEOUT)
    assert page.evaluate("window.__sdShownSeen") is False
    assert not page.locator(f"{FORM} .sd-calc__shown").is_visible()

    page.goto(base_url + CAPACITY + "?" + urlencode(LINK))
    page.wait_for_selector(f'{FORM}[data-state="loading"][data-shown="defaults"]')
    note = page.locator(f"{FORM} .sd-calc__shown")
    assert "They update when the calculator is live" in note.inner_text()
    assert "Daily active users 20M (default 500M)" in note.inner_text()
    assert not page.locator("#capacity-dau-reading").is_visible()
    assert all(editable(page))  # an edit made now is computed once live
    page.fill("#capacity-dau", "500M")
    page.wait_for_selector(f"{FORM}:not([data-shown])")
    assert not note.is_visible()
    assert page.locator("#capacity-dau-reading").inner_text() == "= 500,000,000"


# --- item 8: the runtime waits for a first edit where it would cost the reader -------------


WAITS = {"save-data": 1280, "slow connection": 1280, "phone": 390}


@pytest.mark.parametrize("why", sorted(WAITS))
def test_the_runtime_waits_for_the_first_edit(
    request: pytest.FixtureRequest, console: Console, site_dir: Path, base_url: str, why: str
) -> None:
    """Save-Data, a 3G connection or a phone: the page loads with the build's results and no
    calculator worker (the early start in <head> too), says what starting costs, and goes
    live at the first focus in the form."""
    context = request.getfixturevalue("phone_context" if why == "phone" else "context")
    if why == "slow connection":
        context.add_init_script(SLOW_CONNECTION)
    page = context.new_page()
    page.set_viewport_size({"width": WAITS[why], "height": 844})
    if why == "save-data":
        save_data(page)
    page.goto(base_url + CAPACITY)
    page.wait_for_selector(f'{FORM}[data-starts="on-edit"]', state="attached")
    assert calc_workers(page) == 0 and console.cdn_requests == []
    assert page.get_attribute(FORM, "data-state") == "static"
    status = page.inner_text(f"{FORM} .sd-calc__status")
    mb = download_mb(site_dir)
    assert f"The calculator starts when you edit a value (about {mb} MB to download)" in status
    assert outputs_of(page, "capacity") == expected("capacity", {})
    assert page.get_attribute(FORM, "data-shown") is None  # the defaults: nothing to say

    page.focus("#capacity-dau")
    wait_live(page, "capacity")
    assert calc_workers(page) == 1
    page.fill("#capacity-dau", "1B")
    wait_outputs(page, "capacity", expected("capacity", {"dau": "1B"}))


def test_a_shared_link_on_a_phone(phone_context: Any, site_dir: Path, base_url: str) -> None:
    """A link is opened for its results: on a phone its runtime starts at once; with Save-Data
    on it waits, and the note beside the results offers to compute them, saying the cost."""
    context = phone_context
    link = base_url + CAPACITY + "?" + urlencode(LINK)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(link)
    wait_live(page, "capacity")
    wait_outputs(page, "capacity", expected("capacity", LINK))

    page = context.new_page()
    page.set_viewport_size(PHONE)
    save_data(page)
    page.goto(link)
    page.wait_for_selector(f'{FORM}[data-starts="on-edit"][data-shown="defaults"]')
    assert calc_workers(page) == 0
    button = page.locator(f"{FORM} .sd-calc__shown button")
    assert button.inner_text() == f"Compute them now (about {download_mb(site_dir)} MB)"
    assert outputs_of(page, "capacity") == expected("capacity", {})
    button.click()
    wait_live(page, "capacity")
    wait_outputs(page, "capacity", expected("capacity", LINK))
    page.wait_for_selector(f"{FORM}:not([data-shown])")
    assert calc_workers(page) == 1


def test_on_a_phone_the_worksheet_waits_for_the_first_edit(
    phone_context: Any, console: Console, site_dir: Path, base_url: str
) -> None:
    page = phone_context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(base_url + "worksheet/")
    page.wait_for_selector('#sd-ws[data-starts="on-edit"]', state="attached")
    assert calc_workers(page) == 0 and console.cdn_requests == []
    status = page.inner_text("#sd-ws-status")
    assert f"The worksheet starts when you edit the sheet (about {download_mb(site_dir)} MB" in (
        status
    )
    page.focus("#sd-ws-text")
    page.wait_for_selector("#sd-ws[data-state=live]", timeout=LIVE_TIMEOUT)
    assert calc_workers(page) == 1


def test_a_narrow_desktop_window_starts_at_once(context: Any, base_url: str) -> None:
    """The phone rule is for touch screens: a desktop window 390 px wide (a mouse) boots the
    runtime with the page, as before."""
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(base_url + CAPACITY)
    wait_live(page, "capacity")
    assert page.get_attribute(FORM, "data-starts") is None
