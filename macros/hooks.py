"""mkdocs build hooks: ship the core to the browser as one content-hashed archive.

``on_config`` zips ``sysdesign_core/*.py`` deterministically (sorted, fixed timestamps), so the
same source gives the same name; the name goes into ``config.extra.core_archive`` for the
templates, and ``on_post_build`` writes the file into the site.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

CORE = Path(__file__).resolve().parent.parent / "sysdesign_core"
_ARCHIVE: dict[str, bytes] = {}


def core_archive() -> bytes:
    """The core package as zip bytes, identical for identical sources."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(CORE.rglob("*")):
            if path.suffix not in {".py", ".typed"} or "__pycache__" in path.parts:
                continue
            info = zipfile.ZipInfo(f"sysdesign_core/{path.relative_to(CORE).as_posix()}",
                                   date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def on_config(config: Any) -> Any:
    data = core_archive()
    name = f"assets/sysdesign_core.{hashlib.sha256(data).hexdigest()[:12]}.zip"
    _ARCHIVE.clear()
    _ARCHIVE[name] = data
    config.extra["core_archive"] = name
    return config


def on_post_build(config: Any) -> None:
    for name, data in _ARCHIVE.items():
        target = Path(config.site_dir) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
