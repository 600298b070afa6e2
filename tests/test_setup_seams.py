"""Set-up seams: `make serve PORT=…`, the CLI from a fresh shell, the cheat sheet's PDF link."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
