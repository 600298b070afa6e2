"""mkdocs-macros glue: exposes the core to pages as Jinja macros. No logic lives here.

Pages call ``{{ table("databases") }}``, ``{{ items("red_flags") }}``,
``{{ calculator("capacity", dau="1B") }}``, ``{{ result("capacity", "write_qps", dau="1B") }}``,
``{{ calc_link("capacity", dau="1B") }}``, ``{{ study_summary() }}`` (the study plan in brief)
and ``{% set s = sheet("chat") %}`` (a page's estimates as a worksheet: ``macros/sheets.py``).

A content mistake in a macro call (an unknown name, a bad input, a missing argument) is
reported as one line naming the page and the line of the call, ``docs/x.md:12: no catalog
table 'databse'; did you mean 'databases'?``, with no traceback. The build goes on so every
mistake is listed at once, and strict mode fails it at the end; ``mkdocs serve`` keeps
serving and shows the message in the page.
"""

from __future__ import annotations

import functools
import importlib
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from markupsafe import Markup, escape
from mkdocs_macros.errors import format_error

__all__ = ["define_env", "on_post_build", "page_line"]

log = logging.getLogger("mkdocs.plugins.sysdesign")

# What a content mistake raises: unknown names (KeyError), bad inputs (InputError and
# ParseError are ValueErrors), wrong or missing arguments (TypeError). Anything else is a bug
# in the code and keeps its traceback.
CONTENT_ERRORS = (KeyError, ValueError, TypeError)


def _file_line(page: Any, body_line: int) -> str:
    """``docs/<page>:<line>`` for line ``body_line`` of the page body Jinja renders.

    mkdocs hands macros the page without its front matter (and the blank lines after it);
    the offset is what precedes the body in the file.
    """
    where = f"docs/{page.file.src_uri}"
    if not body_line:
        return where
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    body = page.markdown or ""
    offset = source[: len(source) - len(body)].count("\n") if source.endswith(body) else 0
    return f"{where}:{body_line + offset}"


def page_line(frame: FrameType | None, page: Any) -> str:
    """``docs/<page>:<line>`` of the macro call running in ``frame``'s Jinja template."""
    while frame is not None and "__jinja_template__" not in frame.f_globals:
        frame = frame.f_back
    if frame is None:
        return _file_line(page, 0)
    template = frame.f_globals["__jinja_template__"]
    return _file_line(page, template.get_corresponding_lineno(frame.f_lineno))


def _template_error(error: TemplateError, markdown: str, page: Any) -> str:
    """One line for a Jinja mistake in a page (misspelled macro, unclosed ``{{``), no traceback.

    Registered with mkdocs-macros' ``format_error`` (a ``singledispatch`` function), which
    otherwise prints the whole Python traceback.
    """
    line = error.lineno if isinstance(error, TemplateSyntaxError) else 0
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    line = line or (frames[-1].lineno or 0 if frames else 0)
    hint = " (a misspelled macro or variable?)" if isinstance(error, UndefinedError) else ""
    return f"{_file_line(page, line)}: {error.message or error}{hint}"


format_error.register(UndefinedError, _template_error)
format_error.register(TemplateSyntaxError, _template_error)


def _reporting(env: Any, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` as a macro that reports content mistakes with the page and line."""

    @functools.wraps(func)
    def macro(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CONTENT_ERRORS as error:
            message = str(error.args[0]) if type(error) is KeyError and error.args else str(error)
            log.error("%s: %s", page_line(sys._getframe(1), env.page), message)
            if name == "value":
                return float("nan")
            return Markup('<strong class="sd-macro-error">{}</strong>').format(escape(message))

    return macro


def _forget_imported_code() -> None:
    """Drop the core and the macro modules from ``sys.modules``: the next import reads the files.

    ``mkdocs serve`` rebuilds in the same process and mkdocs-macros re-imports ``macros`` from
    the module cache, so without this a changed row in ``sysdesign_core/`` or a changed macro
    would be rebuilt from the code loaded at start-up. Called when a build starts (for the
    macros) and when it ends (so the next build's hooks import the files again too).
    """
    for name in list(sys.modules):
        if name == "sysdesign_core" or name.startswith(("sysdesign_core.", "macros.")):
            del sys.modules[name]


def on_post_build(env: Any) -> None:
    """mkdocs-macros hook: forget the imported code, so the next rebuild sees every change."""
    _forget_imported_code()


def on_post_page_macros(env: Any) -> None:
    """mkdocs-macros hook: a page the reader can mark as done gets its button's place."""
    tracked = importlib.import_module("macros.progress")
    env.markdown = tracked.with_done_mark(env.markdown, env.page.file.src_uri)


def define_env(env: Any) -> None:
    """Register the macros with mkdocs-macros, from freshly imported code."""
    _forget_imported_code()
    render = importlib.import_module("macros.render")  # not `from . import`: see above
    repo_url = str(env.conf.get("repo_url") or "")

    def table(name: str) -> str:
        return str(render.table(name, env.page.file.src_uri, repo_url))

    def items(name: str) -> str:
        return str(render.items(name, env.page.file.src_uri, repo_url))

    def levels() -> str:
        return str(render.levels(env.page.file.src_uri, repo_url))

    def calc_link(calc_id: str, **inputs: Any) -> str:
        return str(render.calc_link(calc_id, env.page.file.src_uri, **inputs))

    def onward_link(target: str, **inputs: Any) -> str:
        return str(render.onward_link(target, env.page.file.src_uri, **inputs))

    def api_calculators() -> str:
        return str(render.api_calculators(env.page.file.src_uri))

    def study_summary() -> str:
        return str(render.study_summary(env.page.file.src_uri))

    sheets = importlib.import_module("macros.sheets")
    tracked = importlib.import_module("macros.progress")

    def progress() -> str:
        return str(tracked.progress(env.page.file.src_uri))

    def sheet(name: str) -> Any:
        return sheets.sheet(name, env.page.file.src_uri)

    def worksheet_editor() -> str:
        return str(sheets.worksheet_editor(env.page.file.src_uri))

    def worksheet_reference() -> str:
        return str(sheets.worksheet_reference(env.page.file.src_uri))

    def worksheet_notation() -> str:
        return str(sheets.worksheet_notation(env.page.file.src_uri))

    own: dict[str, Callable[..., Any]] = {name: getattr(render, name) for name in render.MACROS}
    own.update(table=table, items=items, calc_link=calc_link, api_calculators=api_calculators)
    own.update(onward_link=onward_link, levels=levels, study_summary=study_summary)
    own["progress"] = progress
    page_sheets: dict[str, Callable[..., Any]] = {
        "sheet": sheet,
        "worksheet_editor": worksheet_editor,
        "worksheet_reference": worksheet_reference,
        "worksheet_notation": worksheet_notation,
    }
    own.update(page_sheets)
    for name, func in own.items():
        home = sheets if name in page_sheets else tracked if name == "progress" else render
        func.__doc__ = getattr(home, name).__doc__
        env.macro(_reporting(env, name, func), name)
