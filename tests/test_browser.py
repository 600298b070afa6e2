"""The built site in real Chromium: static results, live calculators, bad input, URL state,
offline fallback, instant navigation, console hygiene and accessibility (axe-core).

The CDN host is answered from the pinned npm files by a local HTTPS stand-in (tools/cdn.py);
nothing reaches the network. Tests about a live calculator share the session's warm context;
the boot, search, navigation and accessibility tests take a fresh one. Calculator tests are
generated from the registry, so a new calculator is covered by adding it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse, urlsplit

import pytest
from browser_support import (
    LIVE_TIMEOUT,
    an_edit,
    calc_workers,
    expected,
    form_of,
    instant_go,
    outputs_of,
    page_url,
    wait_live,
    wait_outputs,
    wait_readings,
    wait_stale,
    want_readings,
)
from conftest import Console

from sysdesign_core import calculators, widget
from sysdesign_core.registry import Calculator

pytestmark = pytest.mark.browser


CALCS = calculators()


@pytest.fixture(scope="module")
def page_without_javascript(browser: Any) -> Iterator[Any]:
    """One page with JavaScript off, shared by the static checks: with nothing running there
    is no state to carry from one calculator's page to the next."""
    ctx = browser.new_context(java_script_enabled=False)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


@pytest.mark.parametrize("calc", CALCS, ids=lambda c: c.id)
def test_static_results_without_javascript(
    page_without_javascript: Any, base_url: str, calc: Calculator
) -> None:
    page = page_without_javascript
    page.goto(base_url + page_url(calc))
    form = page.locator(f'form.sd-calc[data-calc="{calc.id}"]').first
    assert form.get_attribute("data-state") == "static"
    assert outputs_of(page, calc.id) == expected(calc.id, {})


def check_stale_marks_and_readings(page: Any, calc: Calculator) -> None:
    """A bad value marks the results stale (dimmed, said in the status) until every input is
    good again; each reading follows its input, live. Leaves every input at its default."""
    form = form_of(calc.id)
    assert page.locator(f"{form} .sd-calc__reading").count() == len(calc.inputs)
    wait_readings(page, calc.id, want_readings(calc.id, {}))
    assert page.get_attribute(form, "data-stale") is None
    text_inputs = [item for item in calc.inputs if not item.choices]
    assert text_inputs, calc.id
    bad = next((i for i in text_inputs if not i.optional), text_inputs[0]).name
    before = outputs_of(page, calc.id)

    page.fill(f"{form} [name={bad}]", "abc")
    wait_stale(page, calc.id, True)
    # "the last valid inputs", or "the default inputs" when the edit came before the first
    # live result: either way the numbers on screen are said to be old
    status = page.inner_text(f"{form} .sd-calc__status")
    assert re.match(r"Not updated: these results are for the (last valid|default) inputs", status)
    dimmed = page.eval_on_selector(
        f"{form} .sd-calc__result dd", "e => Number(getComputedStyle(e).opacity)"
    )
    assert dimmed < 1
    assert outputs_of(page, calc.id) == before
    wait_readings(page, calc.id, want_readings(calc.id, {bad: "abc"}))

    # Clearing a required field leaves the numbers marked too (or, where empty means the
    # default, recomputes them): never old numbers that look current.
    page.fill(f"{form} [name={bad}]", "")
    cleared = widget.respond(calc.id, {bad: ""}, False)
    if cleared["ok"]:
        wait_stale(page, calc.id, False)
        wait_outputs(page, calc.id, expected(calc.id, {bad: ""}))
    else:
        wait_stale(page, calc.id, True)

    # A good value: fresh numbers, no mark, readings for it.
    name, value = next(
        (item.name, candidate)
        for item in text_inputs
        for candidate in ("2", "7", "16", "0.5", "50%", "99%", "1h", "2KB", "99.9%")
        if candidate != item.default
        and widget.respond(calc.id, {item.name: candidate}, False)["ok"]
    )
    page.fill(f"{form} [name={bad}]", calc.input(bad).default or "")
    page.fill(f"{form} [name={name}]", value)
    wait_outputs(page, calc.id, expected(calc.id, {name: value}))
    wait_stale(page, calc.id, False)
    wait_readings(page, calc.id, want_readings(calc.id, {name: value}))
    page.fill(f"{form} [name={name}]", calc.input(name).default or "")
    wait_outputs(page, calc.id, expected(calc.id, {}))


@pytest.mark.parametrize("calc", CALCS, ids=lambda c: c.id)
def test_live_edit_bad_input_stale_marks_and_url(
    warm_visit: Any, console: Console, base_url: str, calc: Calculator
) -> None:
    """One visit per calculator: stale marks and readings, a live edit (numbers and chart) equal
    to run()'s, a bad value, and the URL that reproduces the result when followed."""
    page = warm_visit(base_url + page_url(calc))
    wait_live(page, calc.id)
    assert calc_workers(page) == 1
    check_stale_marks_and_readings(page, calc)
    form = form_of(calc.id)

    # Live: an edit recomputes to exactly what run() (and so the CLI) gives.
    name, new_value = an_edit(calc.id)
    field = page.locator(f"{form} :is(input, select)[name={name}]")
    if calc.input(name).choices:
        field.select_option(new_value)
    else:
        field.fill(new_value)
    want = expected(calc.id, {name: new_value})
    wait_outputs(page, calc.id, want)
    # The chart (drawn after the numbers, once typing pauses) follows the edit too.
    new_chart = widget.chart(calc.id, {name: new_value})
    if new_chart and new_chart != widget.chart(calc.id, {}):
        page.wait_for_function(
            "([id, svg]) => document.querySelector(`form[data-calc='${id}'] .sd-calc__chart`)"
            "._svg === svg",
            arg=[calc.id, new_chart],
            timeout=LIVE_TIMEOUT,
        )
    # Predicates are functions: a bare expression is polled through eval, which the CSP refuses.
    page.wait_for_function(
        f"() => new URLSearchParams(location.search).get({json.dumps(name)})"
        f" === {json.dumps(new_value)}"
    )
    shared_url = page.url

    # Bad input: message under the field, aria-invalid, last good results kept, console quiet.
    text_inputs = [item for item in calc.inputs if not item.choices]
    if text_inputs:
        bad = text_inputs[0].name
        page.locator(f"{form} input[name={bad}]").fill("abc")
        error = page.locator(f"#{calc.id}-{bad}-error")
        error.wait_for(state="visible")
        assert "not a number" in error.inner_text() or "abc" in error.inner_text()
        assert page.locator(f"{form} input[name={bad}]").get_attribute("aria-invalid") == "true"
        assert error.get_attribute("role") == "alert"
        page.wait_for_timeout(300)
        assert outputs_of(page, calc.id) == want
    assert console.errors == []

    # URL state: the shared link reproduces the result, followed as a link from another page
    # (instant navigation keeps the worker: no second boot per calculator). A shared link
    # opened afresh: test_query_string_prefills here, and test_before_live.py.
    instant_go(page, base_url)  # Material does not navigate to the page it shows
    instant_go(page, shared_url)
    wait_live(page, calc.id)
    wait_outputs(page, calc.id, want)
    assert page.locator(f"{form} :is(input, select)[name={name}]").input_value() == new_value


def test_query_string_prefills(warm_context: Any, base_url: str) -> None:
    page = warm_context.new_page()
    page.goto(
        base_url + "calculators/capacity/?" + urlencode({"dau": "1B", "day_seconds": "100000"})
    )
    wait_live(page, "capacity")
    wait_outputs(page, "capacity", {"write_qps": "20K/s"})


# Counts, per document, the messages the page posts to the calculators' worker, by type.
COUNT_POSTS = """(() => {
  const post = Worker.prototype.postMessage;
  window.__sdPosted = {};
  Worker.prototype.postMessage = function (message, ...rest) {
    const type = message && message.type;
    if (type) window.__sdPosted[type] = (window.__sdPosted[type] || 0) + 1;
    return post.call(this, message, ...rest);
  };
})();"""


def test_a_form_at_the_builds_inputs_goes_live_without_a_run(
    context: Any, console: Console, base_url: str
) -> None:
    """The results on screen were computed by the build for the inputs in the fields: going
    live asks nothing of the worker (a run then only made the reader's first edit wait
    behind it); the first edit is the first run. A shared link's inputs are computed at once
    (test_query_string_prefills)."""
    context.add_init_script(COUNT_POSTS)
    page = context.new_page()
    page.goto(base_url + "calculators/capacity/")
    wait_live(page, "capacity")  # a run would be posted in the same task as data-state
    assert page.evaluate("window.__sdPosted.run || 0") == 0
    page.fill("#capacity-dau", "2B")
    wait_outputs(page, "capacity", expected("capacity", {"dau": "2B"}))
    assert page.evaluate("window.__sdPosted.run") >= 1
    assert console.errors == []


def test_copying_the_link_writes_the_inputs_into_it_at_once(
    context: Any, console: Console, base_url: str
) -> None:
    """The address follows the inputs once typing pauses; "Copy link" right after an edit
    still copies (and leaves in the address) the inputs on screen."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "calculators/capacity/")
    wait_live(page, "capacity")
    page.fill("#capacity-dau", "3B")
    wait_outputs(page, "capacity", expected("capacity", {"dau": "3B"}))
    page.click("form[data-calc=capacity] [data-action=copy-link]")
    page.wait_for_function(
        "async () => (await navigator.clipboard.readText()).includes('dau=3B')",
        timeout=LIVE_TIMEOUT,
    )
    assert parse_qs(urlparse(page.url).query)["dau"] == ["3B"]
    assert console.errors == []


def test_onward_links_follow_live_results(warm_visit: Any, base_url: str) -> None:
    """An edit on the capacity form re-prefills the onward links, and the cost one opens
    the cost calculator live with the new figures."""
    page = warm_visit(base_url + "calculators/capacity/")
    wait_live(page, "capacity")
    page.fill("#capacity-dau", "1B")
    link = page.locator("a[data-onward='cost']")
    page.wait_for_function(
        "() => document.querySelector(\"a[data-onward='cost']\").href.includes('dau=1B')",
        timeout=LIVE_TIMEOUT,
    )
    # every input the estimate gives, in the site's notation (never 175320000000000B)
    query = parse_qs(urlparse(link.get_attribute("href") or "").query)
    assert set(query) == {"dau", "peak_qps", "storage", "egress", "inter_zone", "cache_memory"}
    assert all(len(value[0]) <= 20 for value in query.values()), query
    link.click()
    wait_live(page, "cost")
    assert page.input_value("#cost-dau") == "1B"
    assert page.input_value("#cost-storage") == query["storage"][0]


def test_each_kind_of_bad_value(warm_visit: Any, console: Console, base_url: str) -> None:
    """Not a number, negative, over 100% and empty, one after the other in one visit: each is
    explained under the field, keeps the last good results and goes with a good value."""
    page = warm_visit(base_url + "calculators/availability/")
    wait_live(page, "availability")
    for bad in ["abc", "-5", "150%", ""]:
        before = outputs_of(page, "availability")
        page.fill("#availability-availability", bad)
        page.locator("#availability-availability-error").wait_for(state="visible")
        message = page.inner_text("#availability-availability-error")
        assert "such as 99.95%" in message, bad
        assert outputs_of(page, "availability") == before, bad
        page.fill("#availability-availability", "99.99%")
        page.locator("#availability-availability-error").wait_for(state="hidden")
        assert page.get_attribute("#availability-availability", "aria-invalid") is None, bad
    assert console.errors == []


def test_cdn_down_keeps_static_results(offline_context: Any, base_url: str) -> None:
    page = offline_context.new_page()
    page.goto(base_url + "calculators/capacity/")
    page.wait_for_selector('form[data-calc="capacity"][data-state="offline"]', timeout=LIVE_TIMEOUT)
    assert "could not load" in page.inner_text("form .sd-calc__status")
    assert outputs_of(page, "capacity") == expected("capacity", {})


SEARCH_INDEX = "/search/search_index.json"
SEARCH_RESULTS = "ol.md-search-result__list a.md-search-result__link"


def search_for(page: Any, term: str, key: str | None = None) -> list[str]:
    """Open Material's search (a click in the header's search box at desktop width, or its
    shortcut ``key``), type ``term``, return the result links (once there are some)."""
    if key:
        page.keyboard.press(key)
    else:
        page.click("input.md-search__input")
    page.keyboard.type(term)
    page.wait_for_selector(SEARCH_RESULTS, timeout=30_000)
    return [
        str(href)
        for href in page.eval_on_selector_all(SEARCH_RESULTS, "els => els.map(e => e.href)")
    ]


def finds_databases(links: list[str]) -> bool:
    return any(urlsplit(link).path.endswith("/toolbox/databases/") for link in links)


@pytest.mark.parametrize("runtime", ["live", "still loading"])
def test_search_works_on_a_calculator_page(
    context: Any, console: Console, base_url: str, runtime: str
) -> None:
    """Search works on a calculator page whether its runtime is live or still booting."""
    if runtime == "still loading":
        context.route("**/pyodide.asm.wasm", lambda route: None)  # never answered
    page = context.new_page()
    page.goto(base_url + "calculators/capacity/")
    if runtime == "live":
        wait_live(page, "capacity")
    else:
        page.wait_for_load_state("load")
        assert page.get_attribute('form[data-calc="capacity"]', "data-state") == "loading"
    links = search_for(page, "Cassandra")
    assert finds_databases(links), links
    assert console.errors == []


@pytest.mark.parametrize("key", ["/", "s"])
def test_search_typed_straight_after_the_page_loads(
    context: Any, console: Console, base_url: str, key: str
) -> None:
    """The search index is fetched when the reader reaches for search (overrides/main.html): a
    reader who presses Material's shortcut and types at once, before the index is in, still
    gets the results for what they typed."""
    page = context.new_page()
    page.goto(base_url + "toolbox/caches/")
    links = search_for(page, "Cassandra", key=key)
    assert finds_databases(links), links
    assert page.input_value("input.md-search__input") == "Cassandra"
    assert console.errors == []


def test_a_page_never_searched_downloads_no_search_index(
    context: Any, console: Console, base_url: str
) -> None:
    """Material asks for its search index (1.6 MB, parsed on the main thread) as its bundle
    starts; the site holds that request until the reader reaches for search: not on a page
    load, not after instant navigation; the first search asks once and finds its results.
    (The service worker's copy of the site for offline use is its own business.)"""
    asked: list[str] = []

    def ask(request: Any) -> None:
        if SEARCH_INDEX in request.url and request.service_worker is None:
            asked.append(request.url)

    context.on("request", ask)
    page = context.new_page()
    with page.expect_response("**/sitemap.xml"):
        page.goto(base_url + "calculators/capacity/")
    wait_live(page, "capacity")  # long after the bundle would have sent the request
    instant_go(page, base_url + "toolbox/caches/")
    assert asked == []
    assert finds_databases(search_for(page, "Cassandra", key="/"))
    assert len(asked) == 1, asked
    assert console.errors == []


def test_instant_navigation_keeps_one_worker(context: Any, console: Console, base_url: str) -> None:
    page = context.new_page()
    # Material's instant navigation follows only the links its sitemap lists: wait for it.
    with page.expect_response("**/sitemap.xml"):
        page.goto(base_url)
    page.click('a[href$="calculators/capacity/"] >> nth=0')
    wait_live(page, "capacity")
    page.click('.md-nav a[href$="availability/"] >> nth=0')
    wait_live(page, "availability")
    page.fill("#availability-availability", "99%")
    wait_outputs(page, "availability", expected("availability", {"availability": "99%"}))
    loads = [url for url in console.cdn_requests if url.endswith("pyodide.mjs")]
    assert len(loads) == 1, loads
    assert calc_workers(page) == 1


def test_drills_share_the_calculator_runtime(
    warm_visit: Any, console: Console, base_url: str
) -> None:
    """The drill page runs sysdesign_core.drills in the calculators' worker: answers typed as
    the core formats them score full marks, and the statement is the core's, seed for seed."""
    from sysdesign_core import drills

    reply = json.loads(drills.respond_json("42", "{}"))
    page = warm_visit(base_url + "practice/drills/?seed=42")
    page.wait_for_selector("#sd-drill[data-state=live]", timeout=LIVE_TIMEOUT)
    page.wait_for_function(
        "t => document.querySelector('#sd-drill-statement').textContent === t",
        arg=reply["statement"],
        timeout=LIVE_TIMEOUT,
    )
    for verdict in reply["verdicts"]:
        page.fill(f"#sd-drill-{verdict['name']}", verdict["expected_text"])
    page.click("#sd-drill button[type=submit]")
    page.wait_for_function(
        "t => document.querySelector('#sd-drill-result').textContent === t",
        arg=f"Score: {reply['out_of']} of {reply['out_of']}.",
        timeout=LIVE_TIMEOUT,
    )
    assert calc_workers(page) == 1
    assert console.errors == []


def start_interview_and_skip(page: Any, base_url: str, shown_in: str) -> list[str]:
    """Open interview mode, start it and skip to the second step with the keyboard; waits for
    that step's name in ``shown_in`` (the phase or the live announcement). The steps' names."""
    from sysdesign_core.catalog import TABLES

    steps = [row.name for row in TABLES["framework_steps"].rows]
    page.goto(base_url + "practice/interview/")
    page.locator("#sd-interview").wait_for(state="visible")
    assert not page.is_visible('#sd-interview [data-action="undo"]')  # nothing to undo yet
    page.click('#sd-interview [data-action="toggle"]')
    page.locator("body").press("ArrowRight")
    page.wait_for_function(
        "([where, name]) => document.querySelector(where).textContent.includes(name)",
        arg=[shown_in, steps[1]],
    )
    return steps


def test_interview_mode_runs_skips_and_survives_a_reload(
    context: Any, console: Console, base_url: str
) -> None:
    """Start, skip with the keyboard (announced to screen readers), pause, reload: same step."""
    page = context.new_page()
    start_interview_and_skip(page, base_url, "#sd-interview-announce")
    announce = page.locator("#sd-interview-announce")
    assert announce.get_attribute("aria-live") == "polite"
    phase = page.inner_text("#sd-interview-phase")
    page.click('#sd-interview [data-action="toggle"]')  # pause
    page.reload()
    page.locator("#sd-interview").wait_for(state="visible")
    assert page.inner_text("#sd-interview-phase") == phase
    assert console.errors == []


def test_a_stray_reset_of_a_running_interview_can_be_undone(
    context: Any, console: Console, base_url: str
) -> None:
    """R while talking wipes the clock; U (or the Undo button) brings it back, still running."""
    page = context.new_page()
    steps = start_interview_and_skip(page, base_url, "#sd-interview-phase")
    page.locator("body").press("r")
    page.wait_for_function(
        "() => document.querySelector('#sd-interview-announce').textContent.includes('Undo')"
    )
    assert page.is_visible('#sd-interview [data-action="undo"]')
    assert steps[0] in page.inner_text("#sd-interview-phase")
    page.locator("body").press("u")
    page.wait_for_function(
        "n => document.querySelector('#sd-interview-phase').textContent.includes(n)", arg=steps[1]
    )
    assert page.inner_text('#sd-interview [data-action="toggle"]') == "Pause"  # still running
    assert not page.is_visible('#sd-interview [data-action="undo"]')
    assert console.errors == []


def test_interview_clock_and_cue_stay_in_view(browser: Any, base_url: str) -> None:
    """At a desk the cue ("Now") shows beside the steps without scrolling; on a phone the
    clock stays on screen while the reader scrolls to the cue."""
    for width, height in ((1280, 800), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            page.goto(base_url + "practice/interview/")
            page.locator("#sd-interview").wait_for(state="visible")
            page.click('#sd-interview [data-action="toggle"]')
            if width == 1280:
                cue = page.locator(".sd-interview__cue").bounding_box()
                assert cue and cue["y"] + cue["height"] <= height, cue
            else:
                page.locator(".sd-interview__cue").scroll_into_view_if_needed()
                clock = page.locator("#sd-interview-step-left").bounding_box()
                cue = page.locator(".sd-interview__cue").bounding_box()
                assert clock and clock["y"] >= 0 and clock["y"] + clock["height"] <= height
                assert cue and 0 <= cue["y"] <= height
        finally:
            context.close()
