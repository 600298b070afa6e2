"""Set-up seams: `make serve PORT=…`, the CLI from a fresh shell, the cheat sheet's PDF link,
and the page scripts: their modules' seams and their type check (`make typecheck-js`)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "docs" / "javascripts"
TSC = ROOT / "node_modules" / ".bin" / "tsc"
# One program for the page scripts, one for the worker (a worker's globals, not a page's).
JS_CONFIGS = ("jsconfig.json", "jsconfig.worker.json")


def _make_dry_run(*args: str) -> str:
    done = subprocess.run(
        ["make", "-n", "--always-make", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _make_pdf() -> object:
    spec = importlib.util.spec_from_file_location("make_pdf", ROOT / "tools" / "make_pdf.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_serve_takes_a_port() -> None:
    commands = _make_dry_run("serve", "PORT=8123")
    assert "--dev-addr 127.0.0.1:8123" in commands
    assert "SITE_URL=http://127.0.0.1:8123/" in commands
    assert "--dev-addr 127.0.0.1:8000" in _make_dry_run("serve")


def test_cli_target_runs_the_virtualenv_command() -> None:
    assert ".venv/bin/sysdesign capacity --dau 1B" in _make_dry_run("cli", "ARGS=capacity --dau 1B")
    assert ".venv/bin/sysdesign list" in _make_dry_run("cli")


def test_readme_says_how_to_run_the_cli_from_a_fresh_shell() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/sysdesign list" in readme and "make cli" in readme
    assert "make serve PORT=" in readme


def test_site_prints_pdfs_only_with_chromium() -> None:
    commands = _make_dry_run("site")
    assert "tools/make_pdf.py --check" in commands and "tools/make_pdf.py site" in commands


def test_pdf_link_is_hidden_until_the_pdf_exists() -> None:
    make_pdf = _make_pdf()
    source = (ROOT / "docs" / "cheatsheet.md").read_text(encoding="utf-8")
    hidden = make_pdf.PDF_LINK_HIDDEN  # type: ignore[attr-defined]
    assert hidden in source and "../pdf/cheatsheet.pdf" in source
    shown = make_pdf.show_pdf_link(f"<span {hidden}>PDF</span>")  # type: ignore[attr-defined]
    assert shown == "<span data-sd-pdf>PDF</span>"


def test_built_site_without_pdfs_hides_the_link(site_dir: Path) -> None:
    cheat = (site_dir / "cheatsheet" / "index.html").read_text(encoding="utf-8")
    assert not (site_dir / "pdf").exists()
    assert "data-sd-pdf hidden" in cheat


# --- the page scripts ---------------------------------------------------------------------


def _tsc(*args: str) -> subprocess.CompletedProcess[str]:
    """The pinned TypeScript compiler, run in the repository; skips without it, except in CI."""
    if not TSC.exists():
        reason = "TypeScript is not installed (npm ci, or make install)"
        if os.environ.get("CI"):
            pytest.fail(f"the scripts cannot be type-checked in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    return subprocess.run(
        [str(TSC), *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300
    )


def test_make_check_type_checks_the_scripts() -> None:
    commands = _make_dry_run("check")
    for config in JS_CONFIGS:
        assert f"node_modules/.bin/tsc -p {config}" in commands


@pytest.mark.parametrize("config", JS_CONFIGS)
def test_the_scripts_type_check(config: str) -> None:
    """`make typecheck-js`: no type error in the scripts' JSDoc, checked strictly."""
    done = _tsc("-p", config, "--pretty", "false")
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_script_is_type_checked_once() -> None:
    """Each script opts in (`// @ts-check`) and belongs to exactly one of the two programs."""
    scripts = sorted(path.name for path in SCRIPTS.glob("*.js"))
    checked: list[str] = []
    for config in JS_CONFIGS:
        listed = _tsc("-p", config, "--listFilesOnly")
        assert listed.returncode == 0, listed.stdout + listed.stderr
        checked += [
            Path(line).name for line in listed.stdout.splitlines() if "/docs/javascripts/" in line
        ]
    assert sorted(name for name in checked if name.endswith(".js")) == scripts
    unchecked = [
        name for name in scripts if not (SCRIPTS / name).read_text().startswith("// @ts-check\n")
    ]
    assert unchecked == []


def _imports(name: str) -> set[str]:
    source = (SCRIPTS / name).read_text(encoding="utf-8")
    return set(re.findall(r'^import [^;]+ from "\./([\w-]+\.js)";', source, re.M))


def test_the_runtime_is_imported_never_the_forms() -> None:
    """Whatever asks the worker something imports the runtime module; no script imports the
    calculator forms, so a page pulls in only what it uses and the layers look one way."""
    assert _imports("calculators.js") == {"runtime.js", "clipboard.js"}
    for name in ("drills.js", "try-first.js", "worksheet.js"):
        assert "runtime.js" in _imports(name), name
    importers = [
        path.name for path in SCRIPTS.glob("*.js") if "calculators.js" in _imports(path.name)
    ]
    assert importers == []
    for name in ("runtime.js", "clipboard.js"):
        assert _imports(name) == set(), name  # the bottom layer imports nothing


def test_only_the_runtime_talks_to_the_worker() -> None:
    """The message plumbing is one module: no other page script posts to the worker."""
    talking = sorted(
        path.name
        for path in SCRIPTS.glob("*.js")
        if path.name != "calc-worker.js" and re.search(r"\.postMessage\(", path.read_text())
    )
    assert talking == ["offline.js", "runtime.js"]  # offline.js: to the service worker


def test_type_declarations_are_not_published(site_dir: Path) -> None:
    """globals.d.ts is for the type check: not in the site, not in the service worker's list."""
    assert sorted(SCRIPTS.glob("*.d.ts"))
    assert list(site_dir.rglob("*.d.ts")) == []
    assert ".d.ts" not in (site_dir / "sw.js").read_text(encoding="utf-8")
    for name in ("runtime.js", "filters.js", "clipboard.js"):
        assert (site_dir / "javascripts" / name).is_file(), name
