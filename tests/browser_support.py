"""Test helpers shared by the browser tests and the bench: the calculators' expected texts and
an edit each accepts. The Chromium and CDN plumbing lives in ``tools/`` (the build uses it too).
"""

from __future__ import annotations

from typing import Any

from tools.chromium import NODE_MODULES

# Values to try when a test or the bench needs an edit that a calculator accepts.
CANDIDATES = [
    "2",
    "3",
    "7",
    "1B",
    "2K",
    "50%",
    "99%",
    "99.5%",
    "2KB",
    "5s",
    "1h",
    "10Gbps",
    "4 nines",
    "16",
    "0.5",
]


def expected(calc_id: str, raw: dict[str, str]) -> dict[str, str]:
    """The text of every output for ``raw``, as run() (and so the CLI) formats it."""
    from sysdesign_core import run

    return {name: out["text"] for name, out in run(calc_id, raw)["outputs"].items()}


def an_edit(calc_id: str) -> tuple[str, str]:
    """An (input, value) that ``run()`` accepts and that changes at least one output."""
    from sysdesign_core import InputError, get

    defaults = expected(calc_id, {})
    for item in get(calc_id).inputs:
        for candidate in list(item.choices) if item.choices else CANDIDATES:
            if candidate == item.default:
                continue
            try:
                changed = expected(calc_id, {item.name: candidate})
            except (InputError, ValueError, ZeroDivisionError, OverflowError):
                continue
            if changed != defaults:
                return item.name, candidate
    raise AssertionError(f"no edit changes {calc_id}'s outputs")


# Browser helpers shared by the browser test modules (one definition each).
LIVE_TIMEOUT = 90_000  # ms; generous for a cold Chromium on a busy 2-core machine

# axe-core goes in as an init script (the pages' CSP refuses an injected inline <script>);
# AXE, evaluated in the page, lists its serious and critical violations (``whole``: the
# navigation included).
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
AXE = """async (whole) => {
  const where = whole ? document : {exclude: [[".md-sidebar--primary"]]};
  return (await axe.run(where, {resultTypes: ["violations"]})).violations
    .filter((v) => ["serious", "critical"].includes(v.impact))
    .map((v) => v.id + ": " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "));
}"""


def page_url(calc: Any) -> str:
    """The site-relative URL of a calculator's page (``calculators/capacity/``)."""
    return str(calc.page).removesuffix(".md").removesuffix("index") + "/"


def calc_workers(page: Any) -> int:
    """How many calculator workers this document started (conftest.COUNT_CALC_WORKERS).

    Counted in the page, not from ``page.workers``: Playwright can miss a worker started as
    early as the one in <head> (and Material's search runs a worker of its own)."""
    return int(page.evaluate("window.__sdCalcWorkers || 0"))


def form_of(calc_id: str) -> str:
    return f'form[data-calc="{calc_id}"]'


def wait_live(page: Any, calc_id: str) -> None:
    page.wait_for_selector(f'{form_of(calc_id)}[data-state="live"]', timeout=LIVE_TIMEOUT)


def outputs_of(page: Any, calc_id: str) -> dict[str, str]:
    result: dict[str, str] = page.eval_on_selector_all(
        f"{form_of(calc_id)} output",
        "els => Object.fromEntries(els.map(e => [e.getAttribute('name'), e.textContent]))",
    )
    return result


def wait_outputs(page: Any, calc_id: str, want: dict[str, str]) -> None:
    page.wait_for_function(
        """([id, want]) => {
            const form = document.querySelector(`form[data-calc="${id}"]`);
            return Object.entries(want).every(([n, t]) =>
                form.querySelector(`output[name="${n}"]`).textContent === t);
        }""",
        arg=[calc_id, want],
        timeout=LIVE_TIMEOUT,
    )


def wait_stale(page: Any, calc_id: str, stale: bool) -> None:
    selector = f'{form_of(calc_id)}[data-stale="true"]'
    page.wait_for_selector(
        selector, state="attached" if stale else "detached", timeout=LIVE_TIMEOUT
    )


def want_readings(calc_id: str, raw: dict[str, str]) -> dict[str, str]:
    from sysdesign_core import widget

    reply = widget.respond(calc_id, raw, False)
    return {f"{calc_id}-{name}-reading": text for name, text in reply["readings"].items()}


def wait_readings(page: Any, calc_id: str, want: dict[str, str]) -> None:
    page.wait_for_function(
        """([id, want]) => Object.entries(want).every(([ref, text]) =>
            (document.getElementById(ref)?.textContent.trim() ?? null) === text)""",
        arg=[calc_id, want],
        timeout=LIVE_TIMEOUT,
    )


def save_data(page: Any) -> None:
    """Turn Save-Data on for ``page`` before it loads: ``navigator.connection.saveData`` and
    the ``Save-Data: on`` request header (Chromium's DevTools protocol)."""
    page.context.new_cdp_session(page).send(
        "Emulation.setDataSaverOverride", {"dataSaverEnabled": True}
    )


# An init script: the connection reports itself as 3G (Chromium measures the real one).
SLOW_CONNECTION = """(() => {
  const info = navigator.connection && Object.getPrototypeOf(navigator.connection);
  if (info) Object.defineProperty(info, "effectiveType", { get: () => "3g" });
})();"""
