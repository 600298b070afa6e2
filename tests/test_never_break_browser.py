"""Calculators that never break, in real Chromium: every former killer URL answers with a clear
error by its input (or a finite result) and the form stays live; a run or a chart that does not
end is stopped after ~2 s and the worker restarted; a chart is inserted only through the
sanitiser. (Stale marks and readings on every widget are checked in test_browser.py, in the
same visit as its live edit.)

The CDN host is answered from the pinned npm files by a local HTTPS stand-in (tools/cdn.py);
nothing reaches the network. None of these is about a cold boot: they share the session's
warm context.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from browser_support import (
    LIVE_TIMEOUT,
    an_edit,
    expected,
    form_of,
    page_url,
    wait_live,
    wait_outputs,
    wait_stale,
)
from conftest import Console

from sysdesign_core import get, widget

pytestmark = pytest.mark.browser

# Well above the 2 s after which a run is abandoned, plus a restart from the kept snapshot.
RESTART_TIMEOUT = 60_000

# URLs that once killed the form: an exception in the worker, NaN in the JSON,
# a chart of a billion points. Each now answers; the form takes the next edit.
KILLERS = [
    ("transfer", {"bandwidth": "1e-300"}),
    ("downtime", {"downtime": "1ns", "window": "1y"}),
    ("capacity", {"retention_years": "1e9"}),
    ("capacity", {"dau": "1e308"}),
    ("cache", {"node_memory": "1e-300"}),
    ("shards", {"shard_storage": "1e-300"}),
    ("servers", {"latency": "1e308"}),
    ("snowflake", {"tick": "1e300"}),
    ("rate_limiter", {"window": "5e-324"}),
    ("durability", {"durability": "1e-17"}),
    ("durability", {"durability": "100%", "objects": "1e300"}),
]


@pytest.mark.parametrize(
    ("calc_id", "query"), KILLERS, ids=[f"{c}-{'-'.join(q)}" for c, q in KILLERS]
)
def test_former_killer_urls_answer_and_the_form_stays_live(
    warm_visit: Any, console: Console, base_url: str, calc_id: str, query: dict[str, str]
) -> None:
    calc = get(calc_id)
    page = warm_visit(base_url + page_url(calc) + "?" + urlencode(query))
    assert page.get_attribute("form.sd-calc >> nth=0", "data-calc") == calc_id  # bare names
    wait_live(page, calc_id)
    form = form_of(calc_id)
    reply = widget.respond(calc_id, query, False)
    if reply["ok"]:
        wait_outputs(page, calc_id, expected(calc_id, query))
    else:
        assert "" not in reply["errors"], reply  # the core names the input to change
        for name, message in reply["errors"].items():
            box = page.locator(f"#{calc_id}-{name}-error")
            box.wait_for(state="visible", timeout=LIVE_TIMEOUT)
            assert box.inner_text() == message
            assert page.get_attribute(f"{form} [name={name}]", "aria-invalid") == "true"
        wait_stale(page, calc_id, True)
        assert "default inputs" in page.inner_text(f"{form} .sd-calc__status")
    # The next edit is taken: every queried input back to its default.
    for name in query:
        page.fill(f"{form} [name={name}]", calc.input(name).default or "")
    wait_outputs(page, calc_id, expected(calc_id, {}))
    wait_stale(page, calc_id, False)
    assert page.get_attribute(form, "data-state") == "live"
    assert "Live" in page.inner_text(f"{form} .sd-calc__status")
    assert console.errors == []


def calc_worker(page: Any) -> Any:
    """The page's calculator worker (Playwright's handle), once it is running."""
    for _ in range(100):
        for worker in page.workers:
            if worker.url.endswith("/calc-worker.js"):
                return worker
        page.wait_for_timeout(100)
    raise AssertionError(f"no calculator worker among {[w.url for w in page.workers]}")


# Makes the worker's Python loop for 60 s in the next run (or chart): a computation that does
# not end, as a hostile URL once caused. Only this worker is patched; a restarted one is clean.
HANG = """(what) => self.pyodide.runPython(`
import time
import sysdesign_core.widget as w
real = getattr(w, "${what}")
def hang(*args, **kwargs):
    end = time.time() + 60
    while time.time() < end:
        pass
    return real(*args, **kwargs)
setattr(w, "${what}", hang)
`)"""


def wait_chart(page: Any, calc_id: str, raw: dict[str, str]) -> None:
    """Until the live chart for ``raw`` is drawn: the run and the chart before it are done, so
    a function patched into the worker afterwards is hit by the next edit, not by them."""
    page.wait_for_function(
        "([f, svg]) => document.querySelector(f + ' .sd-calc__chart')._svg === svg",
        arg=[form_of(calc_id), widget.chart(calc_id, raw)],
        timeout=LIVE_TIMEOUT,
    )


def hung_after_first_chart(context: Any, url: str, calc_id: str, what: str) -> Any:
    """A live page at ``url`` whose worker will hang in ``what`` from the next call on. A
    form at the build's inputs goes live without a run: a first edit, and its chart, come
    first (and end the worker's warm-up)."""
    page = context.new_page()
    page.goto(url)
    wait_live(page, calc_id)
    name, value = an_edit(calc_id)
    page.fill(f"#{calc_id}-{name}", value)
    wait_chart(page, calc_id, {name: value})
    calc_worker(page).evaluate(HANG, what)
    return page


def test_a_run_that_never_ends_is_stopped_and_the_form_stays_live(
    warm_context: Any, console: Console, base_url: str
) -> None:
    url = base_url + "calculators/availability/"
    page = hung_after_first_chart(warm_context, url, "availability", "respond")
    form = form_of("availability")
    page.fill("#availability-availability", "99.5%")
    box = page.locator("#availability-availability-error")
    box.wait_for(state="visible", timeout=RESTART_TIMEOUT)
    assert "too long" in box.inner_text()
    wait_stale(page, "availability", True)
    assert "too long" in page.inner_text(f"{form} .sd-calc__status")
    # The restarted worker computes the next edit.
    page.fill("#availability-availability", "99.9%")
    wait_outputs(page, "availability", expected("availability", {"availability": "99.9%"}))
    wait_stale(page, "availability", False)
    assert page.locator("#availability-availability-error").is_hidden()
    assert console.errors == []


def test_a_chart_that_never_ends_is_stopped_and_the_form_stays_live(
    warm_context: Any, console: Console, base_url: str
) -> None:
    url = base_url + "calculators/capacity/"
    page = hung_after_first_chart(warm_context, url, "capacity", "chart_json")
    form = form_of("capacity")
    page.fill("#capacity-dau", "2B")
    wait_outputs(page, "capacity", expected("capacity", {"dau": "2B"}))  # numbers first
    page.wait_for_function(
        "f => document.querySelector(f + ' .sd-calc__status').textContent.includes('too long')",
        arg=form,
        timeout=RESTART_TIMEOUT,
    )
    page.fill("#capacity-dau", "3B")
    wait_outputs(page, "capacity", expected("capacity", {"dau": "3B"}))
    wait_chart(page, "capacity", {"dau": "3B"})
    assert console.errors == []


def test_an_edit_queued_behind_a_hung_chart_is_answered(
    warm_context: Any, console: Console, base_url: str
) -> None:
    """The run for an edit made while a chart hangs waits in the worker's queue: when the
    chart is stopped, that run is asked again of the new worker, not reported as too slow."""
    url = base_url + "calculators/capacity/"
    page = hung_after_first_chart(warm_context, url, "capacity", "chart_json")
    page.fill("#capacity-dau", "2B")
    wait_outputs(page, "capacity", expected("capacity", {"dau": "2B"}))
    page.wait_for_timeout(500)  # past the pause before a chart: the worker is now stuck in it
    page.fill("#capacity-dau", "3B")
    wait_outputs(page, "capacity", expected("capacity", {"dau": "3B"}))
    wait_stale(page, "capacity", False)
    wait_chart(page, "capacity", {"dau": "3B"})
    assert console.errors == []


SANITISE = """async (markup) => {
  const src = document.querySelector('script[src*="javascripts/calculators.js"]').src;
  const { safeChart } = await import(src);  // the page's own module instance
  const box = document.createElement("div");
  const fragment = safeChart(markup);
  if (fragment) box.append(fragment);
  return box.innerHTML;
}"""


def test_a_hostile_chart_is_inserted_without_its_script(
    warm_visit: Any, console: Console, base_url: str
) -> None:
    """The chart comes from the worker: a tampered one loses scripts, handlers, foreign
    objects and outside links before it reaches the page; a real chart keeps its content."""
    page = warm_visit(base_url + "calculators/capacity/")
    wait_live(page, "capacity")
    hostile = (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1">'
        '<script>window.__pwned=2</script><rect width="5" height="5" onclick="x()"/>'
        '<foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject>'
        '<a href="javascript:alert(1)"><text>t</text></a>'
        '<use href="https://evil.example/x.svg#a"/><animate attributeName="href" to="x"/>'
        "<style>@import url(https://evil.example/x.css);</style></svg>"
        '<figcaption>ok<img src=x onerror="window.__pwned=3"><details><summary>n</summary>'
        '<table><tr><td style="background:url(https://evil.example/)">1</td></tr></table>'
        "</details></figcaption>"
    )
    clean = page.evaluate(SANITISE, hostile).lower()
    for bad in ("onload", "onclick", "onerror", "<script", "foreignobject", "iframe",
                "javascript:", "evil.example", "<img", "<animate", "<a "):  # fmt: skip
        assert bad not in clean, (bad, clean)
    assert "<rect" in clean and "<figcaption>ok" in clean and "<td" in clean
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate(SANITISE, "<p>no svg here</p>") == ""
    real = widget.chart("capacity", {})
    assert page.evaluate(SANITISE, real).count("<rect") == real.count("<rect")
    # Parsing the hostile markup (in an inert document) already meets the page's CSP, which
    # refuses its inline handlers and reports that: those reports, and nothing else.
    assert [e for e in console.errors if "Content Security Policy" not in e] == []
