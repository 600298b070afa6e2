"""Fixtures: one strict build of the real site per session, served on 127.0.0.1, and a real
Chromium driven by Playwright, which reaches the pinned CDN's host name on a local HTTPS server
answering from node_modules (tools/cdn.py): the production HTML runs, with the browser's own
HTTP and compiled-wasm caches, and nothing reaches the network.

Every test that uses the browser (through any fixture) is marked ``browser`` here, so
``-m "not browser"`` never launches Chromium.

Browser tests are never silently skipped in CI: with ``CI`` set, a missing Chromium or
missing npm assets fail the run instead of skipping it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from browser_support import instant_go
from hypothesis import HealthCheck, settings

from tools.cdn import CDN_HOST, https_cdn, route_cdn
from tools.chromium import CHROMIUM_ARGS, NODE_MODULES, ROOT, chromium_path, free_port, serve

# Property tests assert behaviour, never time: no per-example deadline, no "too slow" health
# check (a busy 2-core machine would fail them at random). A test may still ask for fewer
# examples with its own @settings.
settings.register_profile("sysdesign", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sysdesign")

# The docs' bash fences call `sysdesign`: make the venv's scripts reachable.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(target: Path, site_url: str) -> subprocess.CompletedProcess[str]:
    """Run a strict ``mkdocs build`` into ``target``; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SITE_URL": site_url},
    )


# The controller's build and what serves it, under pytest-xdist (see pytest_configure).
_SITE = pytest.StashKey[dict[str, Any]]()
_STACK = pytest.StashKey[ExitStack]()
_BUILD = pytest.StashKey[threading.Thread]()
BUILD_TIMEOUT_S = 30 * 60  # a worker gives up waiting for the controller's build after this


def _build_for_run(target: Path, port: int | None = None) -> dict[str, Any]:
    """Build the site into ``target`` for ``port`` (a free one if None):
    {"dir", "port", "log", "ok"}."""
    port = port or free_port()
    process = build_site(target, f"http://127.0.0.1:{port}/")
    log = process.stdout + process.stderr
    return {"dir": str(target), "port": port, "log": log, "ok": process.returncode == 0}


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist (``make test`` runs two workers), the controller builds the site
    once and serves it for the whole run; the workers use that build and that server.

    The build runs in the background: the workers start on the tests that need no site
    (collected first, see pytest_collection_modifyitems) and wait for the build's status file
    only when a test asks for the site."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    kept = os.environ.get("SD_SITE_DIR")
    target = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="sd-site-"))
    status = Path(tempfile.mkdtemp(prefix="sd-build-")) / "build.json"
    port = free_port()
    stack = ExitStack()
    stack.callback(shutil.rmtree, status.parent, ignore_errors=True)
    if not kept:
        stack.callback(shutil.rmtree, target, ignore_errors=True)

    def build() -> None:
        site = _build_for_run(target, port)
        if site["ok"]:
            stack.enter_context(serve(target, port))
        # Written last and whole (a rename): a worker that sees the file sees it all.
        status.with_suffix(".tmp").write_text(json.dumps(site), encoding="utf-8")
        status.with_suffix(".tmp").rename(status)

    thread = threading.Thread(target=build, name="sd-site-build", daemon=True)
    thread.start()
    config.stash[_SITE] = {"status": str(status)}
    config.stash[_BUILD] = thread
    config.stash[_STACK] = stack


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: tell each worker where the controller's build will say it is done."""
    node.workerinput["sd_site"] = json.dumps(node.config.stash[_SITE])


def pytest_unconfigure(config: pytest.Config) -> None:
    if _BUILD in config.stash:
        config.stash[_BUILD].join()  # never remove the directory under a running build
    if _STACK in config.stash:
        config.stash[_STACK].close()


def _shared_site(config: pytest.Config) -> dict[str, Any] | None:
    """Where the controller's build reports, in an xdist worker; None when this process
    builds its own."""
    given = getattr(config, "workerinput", {}).get("sd_site")
    return json.loads(given) if given else None


def _wait_for_build(status: Path) -> dict[str, Any]:
    """The controller's build, once its status file is there."""
    deadline = time.monotonic() + BUILD_TIMEOUT_S
    while not status.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"the site build did not finish in {BUILD_TIMEOUT_S} s", pytrace=False)
        time.sleep(0.2)
    site: dict[str, Any] = json.loads(status.read_text(encoding="utf-8"))
    return site


@pytest.fixture(scope="session")
def built_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str, int]:
    """The site built once for the run: (directory, build log, port it is built for).
    ``SD_SITE_DIR`` keeps the build in that directory (CI uploads it for reviewers)."""
    shared = _shared_site(request.config)
    if shared is not None:
        site = _wait_for_build(Path(shared["status"]))
    else:
        kept = os.environ.get("SD_SITE_DIR")
        site = _build_for_run(Path(kept) if kept else tmp_path_factory.mktemp("site"))
    assert site["ok"], site["log"]
    return Path(site["dir"]), str(site["log"]), int(site["port"])


@pytest.fixture(scope="session")
def site_dir(built_site: tuple[Path, str, int]) -> Path:
    return built_site[0]


@pytest.fixture(scope="session")
def base_url(request: pytest.FixtureRequest, built_site: tuple[Path, str, int]) -> Iterator[str]:
    # Served on the port it was built for: Material's instant navigation follows only the
    # links its sitemap lists. Under xdist the controller serves it.
    directory, _, port = built_site
    if _shared_site(request.config) is not None:
        yield f"http://127.0.0.1:{port}/"
        return
    with serve(directory, port) as url:
        yield url


def html_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs of every built page (``calculators/capacity/``), 404 excluded."""
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.parent.relative_to(site_dir).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(reason)


# The longest tests (a minute or so each): the first of those that need the site, so that
# pytest-xdist, which hands out tests in collection order, never starts one of them when the
# other worker is nearly done.
LONGEST_FIRST = ("tests/test_every_page.py", "tests/test_offline.py", "tests/test_runtime.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that reaches the browser fixture, directly or through another one, and
    order them: the tests that need no site, then the longest modules, then the rest."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)

    def rank(item: pytest.Item) -> int:
        # What needs no site first: it runs while the controller builds the site.
        if "built_site" not in getattr(item, "fixturenames", ()):
            return 0
        where = item.nodeid.split("::")[0]
        return 1 + (LONGEST_FIRST.index(where) if where in LONGEST_FIRST else len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: the order within each module and among the rest is kept


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        _unavailable("playwright is not installed (make test installs it)")
    if not (NODE_MODULES / "pyodide" / "pyodide.mjs").exists():
        _unavailable("npm assets are missing (make test runs npm ci)")
    with https_cdn() as cdn_flags, sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=chromium_path(for_tests=True), args=CHROMIUM_ARGS + cdn_flags
            )
        except Exception as error:  # noqa: BLE001 - any launch failure means no browser
            _unavailable(f"Chromium could not start: {error}")
        yield launched
        launched.close()


SW_BLOCKED = "Service Worker registration blocked by Playwright"


class Console:
    """Console errors, uncaught page errors and off-site requests seen by a context."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.cdn_requests: list[str] = []

    def log_cdn(self, request: Any) -> None:
        """Record a CDN request of a page or its workers (the service worker's re-fetches,
        which keep the runtime offline, are caching, not a second boot)."""
        if request.url.startswith(f"https://{CDN_HOST}/") and request.service_worker is None:
            self.cdn_requests.append(request.url)

    def _message(self, msg: Any) -> None:
        # Playwright's own notice where a context blocks service workers (warm_context).
        if msg.type in ("error", "warning") and msg.text != SW_BLOCKED:
            self.errors.append(f"{msg.type}: {msg.text}")

    def _page_error(self, error: Any) -> None:
        self.errors.append(f"pageerror: {error}")

    def watch(self, page: Any) -> Any:
        page.on("console", self._message)
        page.on("pageerror", self._page_error)
        return page

    def unwatch(self, page: Any) -> None:
        page.remove_listener("console", self._message)
        page.remove_listener("pageerror", self._page_error)


@pytest.fixture()
def console() -> Console:
    return Console()


# Counts, per document, the workers started on calc-worker.js (browser_support.calc_workers).
COUNT_CALC_WORKERS = """(() => {
  const Native = window.Worker;
  if (!Native) return;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (String(url).endsWith("/calc-worker.js")) {
        window.__sdCalcWorkers = (window.__sdCalcWorkers || 0) + 1;
      }
    }
  };
})();"""


def _fresh_context(browser: Any, console: Console, **options: Any) -> Iterator[Any]:
    """A new context, its calculator workers counted and its pages watched by ``console``."""
    ctx = browser.new_context(**options)
    ctx.add_init_script(COUNT_CALC_WORKERS)
    ctx.on("request", console.log_cdn)
    ctx.on("page", console.watch)
    yield ctx
    ctx.close()


@pytest.fixture()
def context(browser: Any, console: Console) -> Iterator[Any]:
    """A fresh browser context (cold caches, no service worker yet, empty storage)."""
    yield from _fresh_context(browser, console)


@pytest.fixture()
def phone_context(browser: Any, console: Console) -> Iterator[Any]:
    """A fresh context as a phone: 390×844, a touch screen (``pointer: coarse``)."""
    yield from _fresh_context(
        browser, console, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )


@pytest.fixture()
def parse_list_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts ``units.parse_list`` is called with during the test (how often an input is
    parsed)."""
    from sysdesign_core import units

    calls: list[str] = []
    parse_list = units.parse_list

    def counting(text: str, *args: object, **options: object) -> object:
        calls.append(text)
        return parse_list(text, *args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(units, "parse_list", counting)
    return calls


@pytest.fixture()
def offline_context(browser: Any, console: Console) -> Iterator[Any]:
    """A browser context in which the CDN is unreachable."""
    ctx = browser.new_context()
    route_cdn(ctx, offline=True, log=console.cdn_requests)
    ctx.on("page", console.watch)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def warm_browser_context(browser: Any) -> Iterator[Any]:
    """One context for the whole session, for tests about a live calculator rather than its
    boot: its HTTP cache, compiled wasm and kept snapshot stay warm from page to page, as for a
    returning reader. Service workers are blocked here (the offline tests own them)."""
    ctx = browser.new_context(service_workers="block")
    ctx.add_init_script(COUNT_CALC_WORKERS)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def kept_page() -> dict[str, Any]:
    """{"page": the warm context's page that ``warm_visit`` keeps from test to test}."""
    return {}


@pytest.fixture()
def warm_context(
    warm_browser_context: Any, console: Console, kept_page: dict[str, Any]
) -> Iterator[Any]:
    """The session's warm context, watched by this test's ``console``; the pages a test opens
    are closed after it (but the one ``warm_visit`` keeps). A test that adds routes or init
    scripts takes ``context`` instead."""
    ctx = warm_browser_context
    ctx.on("request", console.log_cdn)
    ctx.on("page", console.watch)
    try:
        yield ctx
    finally:
        ctx.remove_listener("request", console.log_cdn)
        ctx.remove_listener("page", console.watch)
        for page in ctx.pages:
            if page is kept_page.get("page"):
                console.unwatch(page)
            else:
                page.close()


@pytest.fixture()
def warm_visit(
    warm_context: Any, console: Console, kept_page: dict[str, Any]
) -> Callable[[str], Any]:
    """``visit(url)``: the warm context's kept page, moved to ``url`` by Material's instant
    navigation, as a reader's click moves it: the document and the calculators' worker stay,
    so a calculator is live in a tenth of a second instead of a boot. The first visit (or one
    after a page that went wrong) loads ``url`` afresh. For tests about a live page, not its
    load: tests about a boot, a shared link opened afresh or the early start use ``goto``."""

    def visit(url: str) -> Any:
        page = kept_page.get("page")
        if page is not None and not page.is_closed():
            console.watch(page)
            try:
                instant_go(page, url)
                return page
            except Exception:  # noqa: BLE001 - a page left broken by a test: start afresh
                console.unwatch(page)
                page.close()
        page = warm_context.new_page()
        # Instant navigation follows only the links Material's sitemap lists: wait for it.
        with page.expect_response("**/sitemap.xml"):
            page.goto(url)
        kept_page["page"] = page
        return page

    return visit
