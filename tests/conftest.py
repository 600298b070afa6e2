"""Fixtures: one strict build of the real site per session, served on 127.0.0.1, and a real
Chromium driven by Playwright with the pinned CDN assets served from node_modules.

Browser tests are never silently skipped in CI: with ``CI`` set, a missing Chromium or
missing npm assets fail the run instead of skipping it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    CHROMIUM_ARGS,
    NODE_MODULES,
    ROOT,
    chromium_path,
    free_port,
    route_cdn,
    serve,
)

# The docs' bash fences call `sysdesign`: make the venv's scripts reachable.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


PORT = free_port()  # the site is built for the address it is served on (see SITE_URL)


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site built once for the session: (directory, build log)."""
    target = tmp_path_factory.mktemp("site")
    process = build_site(target, f"http://127.0.0.1:{PORT}/")
    assert process.returncode == 0, process.stdout + process.stderr
    return target, process.stdout + process.stderr


@pytest.fixture(scope="session")
def site_dir(built_site: tuple[Path, str]) -> Path:
    return built_site[0]


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir, PORT) as url:
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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        _unavailable("playwright is not installed (make test installs it)")
    if not (NODE_MODULES / "pyodide" / "pyodide.mjs").exists():
        _unavailable("npm assets are missing (make test runs npm ci)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
        except Exception as error:  # noqa: BLE001 - any launch failure means no browser
            _unavailable(f"Chromium could not start: {error}")
        yield launched
        launched.close()


class Console:
    """Console errors, uncaught page errors and off-site requests seen by a context."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.cdn_requests: list[str] = []

    def watch(self, page: Any) -> Any:
        page.on(
            "console",
            lambda msg: (
                msg.type in ("error", "warning") and self.errors.append(f"{msg.type}: {msg.text}")
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        return page


@pytest.fixture()
def console() -> Console:
    return Console()


# Counts, per document, the workers started on calc-worker.js (test_browser.calc_workers).
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


@pytest.fixture()
def context(browser: Any, console: Console) -> Iterator[Any]:
    """A fresh browser context with the CDN routed to the pinned npm files."""
    ctx = browser.new_context()
    ctx.add_init_script(COUNT_CALC_WORKERS)
    route_cdn(ctx, log=console.cdn_requests)
    ctx.on("page", console.watch)
    yield ctx
    ctx.close()


@pytest.fixture()
def offline_context(browser: Any, console: Console) -> Iterator[Any]:
    """A browser context in which the CDN is unreachable."""
    ctx = browser.new_context()
    route_cdn(ctx, offline=True, log=console.cdn_requests)
    ctx.on("page", console.watch)
    yield ctx
    ctx.close()
