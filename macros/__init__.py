"""mkdocs-macros glue: exposes the core to pages as Jinja macros. No logic lives here.

Pages call ``{{ table("databases") }}``, ``{{ items("red_flags") }}``,
``{{ calculator("capacity", dau="1B") }}``, ``{{ result("capacity", "write_qps", dau="1B") }}``
and ``{{ calc_link("capacity", dau="1B") }}``.
"""

from __future__ import annotations

from typing import Any

from . import render

__all__ = ["define_env"]


def define_env(env: Any) -> None:
    """Register the macros with mkdocs-macros."""
    for name in render.MACROS:
        env.macro(getattr(render, name), name)

    def calc_link(calc_id: str, **inputs: Any) -> str:
        return render.calc_link(calc_id, env.page.file.src_uri, **inputs)

    calc_link.__doc__ = render.calc_link.__doc__
    env.macro(calc_link, "calc_link")
