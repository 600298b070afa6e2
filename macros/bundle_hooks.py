"""mkdocs hook: Material's ``bundle.*.min.js`` starts with V8's explicit compile hint.

On a first visit (nothing in the code cache) V8 compiles a script's functions lazily, each on
the main thread the first time it runs, and Material's bundle runs nearly all of its functions
as the page starts. ``//# allFunctionsCalledOnLoad`` as a script's first line asks V8 (Chromium
136 and later) to compile all of them eagerly, on a background thread while the script streams
in; other browsers read a comment. Measured with ``bench/longtasks.py`` (fresh profile, desk):
the bundle's longest task on the capacity page went from 158 to 92 ms.

It runs before the CSP and ``sw.js`` hooks (priority 0), so the service worker's revision of
the bundle hashes the file as served. The theme's copy is left alone; the hint is added once,
even when ``mkdocs serve`` builds again into the same directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

HINT = b"//# allFunctionsCalledOnLoad\n"


def add_hint(path: Path) -> bool:
    """Put :data:`HINT` first in the script at ``path``; ``False`` when it was there already."""
    data = path.read_bytes()
    if data.startswith(HINT):
        return False
    path.write_bytes(HINT + data)
    return True


def on_post_build(config: Any) -> None:
    bundles = sorted(Path(config["site_dir"], "assets", "javascripts").glob("bundle.*.min.js"))
    if not bundles:
        raise RuntimeError("Material's bundle.*.min.js is missing from the site: theme changed?")
    for bundle in bundles:
        add_hint(bundle)
