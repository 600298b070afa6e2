"""The command line under the capacity calculator is the command for the form's inputs: built
from the page's defaults (86,400-second day, not a rounded one) and following every edit."""

from __future__ import annotations

import html
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from browser_support import LIVE_TIMEOUT
from conftest import Console

from sysdesign_core import get, run
from sysdesign_core.cli import command_line

PAGE = "calculators/capacity/"


def shown_line(page_html: str) -> str:
    found = re.search(
        r'<code class="language-bash" data-cli="capacity"[^>]*>(.*?)</code>', page_html
    )
    assert found, "the capacity page shows its command line"
    return html.unescape(found[1])


def test_the_line_is_the_command_for_the_forms_defaults(site_dir: Path) -> None:
    line = shown_line((site_dir / PAGE / "index.html").read_text(encoding="utf-8"))
    assert line == command_line("capacity", get("capacity").defaults(), as_json=True)
    assert "--day-seconds 86400" in line
    done = subprocess.run(
        [sys.executable, "-m", "sysdesign_core", *shlex.split(line)[1:]],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)["outputs"] == run("capacity", {})["outputs"]


def test_the_line_follows_the_readers_edits(
    warm_visit: Any, console: Console, base_url: str
) -> None:
    page = warm_visit(base_url + PAGE)
    page.wait_for_selector('form[data-calc="capacity"][data-state="live"]', timeout=LIVE_TIMEOUT)
    page.fill("#capacity-dau", "20M")
    page.fill("#capacity-record_size", "1 KB")
    want = command_line(
        "capacity",
        {**get("capacity").defaults(), "dau": "20M", "record_size": "1 KB"},
        as_json=True,
    )
    page.wait_for_function(
        "t => document.querySelector('code[data-cli=capacity]').textContent === t",
        arg=want,
        timeout=LIVE_TIMEOUT,
    )
    assert "--record-size '1 KB'" in want
    assert console.errors == []
