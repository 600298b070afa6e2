"""The macros themselves: catalog tables, calculator widgets and computed figures as HTML.

HTML lives in ``macros/templates/``; this module only fetches data from the core and fills
the templates. Everything fails loudly: an unknown name raises and the strict build stops.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from difflib import get_close_matches
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from sysdesign_core import calculators, catalog, get, plan, run
from sysdesign_core.cli import command_line
from sysdesign_core.exports import write as export_text
from sysdesign_core.onward import onward_inputs
from sysdesign_core.registry import KINDS, Calculator, parse, parse_inputs
from sysdesign_core.tables import study
from sysdesign_core.tables.levels import LEVEL_NAMES, LEVELS, SOURCES
from sysdesign_core.validate import definition
from sysdesign_core.worksheet.calls import calculator_sheet

__all__ = [
    "MACROS",
    "UnknownName",
    "table",
    "items",
    "levels",
    "calculator",
    "result",
    "value",
    "calc_link",
    "onward_link",
    "cli_line",
    "export",
    "plan_chart",
    "api_calculators",
    "api_modules",
    "page_href",
    "page_title",
    "source_url",
    "study_summary",
    "LAYOUTS",
]

MACROS = (
    "cli_line",
    "export",
    "table",
    "items",
    "calculator",
    "result",
    "value",
    "plan_chart",
    "api_modules",
)  # calc_link needs the page

DOCS = Path(__file__).resolve().parent.parent / "docs"

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

# Markdown (the API page's generated sections): not HTML, so nothing is escaped.
_MARKDOWN = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=False,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)

# A link in a catalog cell to another page is written docs-relative, like in the pages
# (`[Databases](toolbox/databases.md)`). Raw HTML escapes mkdocs' link rewriting, so the macro
# turns it into that page's URL (directory URLs, the mkdocs default) relative to the page
# showing the table, after checking that the target exists.
_PAGE_LINK = re.compile(r'href="(?P<path>[^":#?]+\.md)(?P<anchor>#[^"]*)?"')


class UnknownName(KeyError):
    """A page asked for a table, list or output the core does not have."""

    def __str__(self) -> str:  # KeyError would wrap the whole message in quotes
        return str(self.args[0])


def _unknown(what: str, name: str, known: list[str]) -> UnknownName:
    close = get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
    return UnknownName(f"no {what} {name!r}; {hint}")


def _page_url(path: str) -> str:
    """The directory URL of the docs-relative page ``path`` (``a/b.md`` -> ``a/b/``)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def page_href(target: str, page: str) -> str:
    """The URL of the docs-relative page ``target`` as seen from the page ``page``.

    >>> page_href("toolbox/databases.md", "changelog.md")
    '../toolbox/databases/'
    """
    if not (DOCS / target).is_file():
        raise ValueError(f"link to {target!r}, but docs/{target} does not exist")
    here = _page_url(page).rstrip("/") or "."
    there = _page_url(target).rstrip("/") or "."
    relative = posixpath.relpath(there, here)
    return "./" if relative == "." else relative + "/"


def _inline(text: str, page: str = "") -> Markup:
    """Render one cell of inline Markdown (code, emphasis, links) to HTML."""
    html = markdown.markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    if page:
        html = _PAGE_LINK.sub(
            lambda m: f'href="{page_href(m["path"], page)}{m["anchor"] or ""}"', html
        )
    return Markup(html)


def _html(template: str, page: str = "", **context: Any) -> str:
    # One line per block: Markdown must not see a blank line (it would end the HTML block).
    text = _TEMPLATES.get_template(template).render(
        inline=lambda cell: _inline(cell, page), **context
    )
    return "\n".join(line for line in text.splitlines() if line.strip())


def source_url(repo_url: str, name: str, kind: str = "table") -> str:
    """The repository URL of the file and line defining table (or list) ``name``; "" if unknown.

    This is the edit link (a pencil icon) under every catalog table: a contributor lands on
    the records, not on the page's placeholder.
    """
    path, line = definition(name, kind=kind)
    if not repo_url or not path:
        return ""
    return f"{repo_url.rstrip('/')}/blob/main/{path}" + (f"#L{line}" if line else "")


def page_title(target: str) -> str:
    """The title of the docs page ``target`` (an ``#anchor`` is ignored): its ``# `` heading.

    >>> page_title("practice/drills.md#solved-drills")
    'Estimation drills'
    """
    path = DOCS / target.partition("#")[0]
    if not path.is_file():
        raise ValueError(f"link to {target!r}, but docs/{target.partition('#')[0]} does not exist")
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0] == "---":  # front matter
        lines = lines[lines.index("---", 1) + 1 :] if "---" in lines[1:] else lines
    fence = ""
    for line in lines:
        opening = re.match(r"\s*(```|~~~)", line)
        if opening and (not fence or opening.group(1) == fence):
            fence = "" if fence else opening.group(1)
        elif not fence and line.startswith("# "):
            return line[2:].strip()
    raise ValueError(f"docs/{path.relative_to(DOCS).as_posix()} has no '# ' title")


def _md_link(target: str, page: str) -> str:
    """A Markdown link target from ``page`` to the docs page ``target`` (``#anchor`` kept):
    relative to ``page``, so mkdocs rewrites it and the strict build checks it, anchor too."""
    path, _, anchor = target.partition("#")
    page_href(path, page)  # a missing page fails here, naming it
    relative = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def _minutes(days: Any) -> str:
    """The minutes a day among ``days`` as text: ``75–90``, or ``150`` when all are equal."""
    low, high = study.minutes_span(days)
    return f"{low}" if low == high else f"{low}–{high}"


def _study_context(page: str) -> dict[str, Any]:
    """What the study plan's templates show: its phases with their days, and the totals."""
    days = study.STUDY_PLAN.rows
    long_days = [day for day in days if day.long]
    return {
        "phases": study.by_phase(),
        "days": days,
        "hours": round(sum(day.minutes for day in days) / 60),
        "weekday": _minutes(day for day in days if not day.long),
        "long_span": _minutes(long_days),
        "long_days": [day.number for day in long_days],
        "span": _minutes,
        "link": lambda target: _md_link(target, page),
        "title": page_title,
        "plan_page": _md_link("practice/plan.md", page),
    }


LAYOUTS: dict[str, tuple[str, Callable[[str], dict[str, Any]]]] = {
    "study_plan": ("study_plan.md", _study_context),
}
"""Catalog tables that read better in a layout of their own than in rows and columns: the
table's name, its Markdown template (headings in the page's contents, links the strict build
checks, anchors included) and what fills it, given the page showing it."""


def study_summary(page: str = "index.md") -> str:
    """The study plan in a few lines, one per phase, each linking to its part of the plan page;
    for the home page (``page`` is the page showing it)."""
    return _MARKDOWN.get_template("study_summary.md").render(**_study_context(page))


def table(name: str, page: str = "", repo_url: str = "") -> str:
    """The catalog table ``name`` as HTML, with its sources, facet filters and source link.

    ``page`` (docs-relative) is the page showing it, for page links in cells; ``repo_url``
    makes the edit link under the table. The macro passes both. A table in :data:`LAYOUTS`
    is shown in its own layout instead, as Markdown.
    """
    if name not in catalog.TABLES:
        raise _unknown("catalog table", name, list(catalog.TABLES))
    if name in LAYOUTS:
        template, context = LAYOUTS[name]
        return _MARKDOWN.get_template(template).render(
            **context(page), table=catalog.TABLES[name], source_url=source_url(repo_url, name)
        )
    return _html(
        "table.html", page, table=catalog.TABLES[name], source_url=source_url(repo_url, name)
    )


def items(name: str, page: str = "", repo_url: str = "") -> str:
    """The catalog list ``name`` as a bullet list, with its source link."""
    if name not in catalog.LISTS:
        raise _unknown("catalog list", name, list(catalog.LISTS))
    return _html(
        "items.html",
        page,
        item_list=catalog.LISTS[name],
        source_url=source_url(repo_url, name, kind="list"),
    )


def levels(page: str, repo_url: str = "") -> str:
    """What each level is expected to show on the problem whose page is ``page``: three
    blocks (mid-level, senior, staff) from ``sysdesign_core/tables/levels.py``.

    A page that is no problem's, or a problem whose levels are not written yet, fails the
    build with what to add.

    >>> 'data-level="staff"' in levels("problems/chat.md")
    True
    """
    rows = [row for row in LEVELS.rows if row.page == page]
    if not rows:
        raise UnknownName(
            f"no problem in sysdesign_core/tables/problems.py has page {page!r}; "
            "levels() belongs on a problem page"
        )
    row = rows[0]
    for key, problem in row.problems():
        raise ValueError(f"levels of {row.name!r}, field {key!r}: {problem}")
    path, line = definition(LEVELS.name, row.name)
    edit = f"{repo_url.rstrip('/')}/blob/main/{path}#L{line}" if repo_url and line else ""
    return _html(
        "levels.html",
        page,
        row=row,
        levels=[(key, label, getattr(row, key)) for key, label in LEVEL_NAMES.items()],
        sources=SOURCES,
        guide=page_href("levels.md", page),
        source_url=edit,
    )


def _raw(overrides: dict[str, Any]) -> dict[str, str]:
    return {key: str(val) for key, val in overrides.items()}


def calculator(calc_id: str, **overrides: Any) -> str:
    """A calculator form (the DOM contract), its outputs already computed at build time."""
    calc: Calculator = get(calc_id)
    raw = {**calc.defaults(), **_raw(overrides)}
    parsed = parse(calc, raw)  # once, for the results, the readings and the chart
    parsed.checked()  # a bad override fails the build with the input's name
    outcome = parsed.result()
    return _html(
        "calculator.html",
        calc=calc,
        raw=raw,
        outcome=outcome,
        reading=parsed.readings(),
        chart=Markup(parsed.chart()),
        defaults=json.dumps(raw, ensure_ascii=False),
        sheet=Markup(
            str(escape(calculator_sheet(calc_id, outcome["inputs"]))).replace("\n", "&#10;")
        ),
    )


def _output(calc_id: str, output: str, inputs: dict[str, Any]) -> dict[str, Any]:
    outputs: dict[str, dict[str, Any]] = run(calc_id, _raw(inputs))["outputs"]
    if output not in outputs:
        close = get_close_matches(output, list(outputs), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"outputs: {', '.join(outputs)}"
        raise UnknownName(f"calculator {calc_id!r} has no output {output!r}; {hint}")
    return outputs[output]


def result(calc_id: str, output: str, **inputs: Any) -> str:
    """The formatted text of one output, e.g. ``result("capacity", "write_qps", dau="1B")``."""
    return str(_output(calc_id, output, inputs)["text"])


def value(calc_id: str, output: str, **inputs: Any) -> float:
    """The number (base units) of one output, for arithmetic in a page."""
    return float(_output(calc_id, output, inputs)["value"])


def calc_link(calc_id: str, from_page: str, **inputs: Any) -> str:
    """A link from the page ``from_page`` (docs-relative) to the calculator, prefilled.

    Used as ``[open it prefilled]({{ calc_link("capacity", dau="1B") }})``: a relative
    ``.md`` link (so mkdocs checks it) with the inputs in the query string. Inputs are
    parsed now, so a typo fails the build.
    """
    calc = get(calc_id)
    parse_inputs(calc, {**calc.defaults(), **_raw(inputs)})
    target = posixpath.relpath(calc.page, posixpath.dirname(from_page) or ".")
    return f"{target}?{urlencode(_raw(inputs))}" if inputs else target


def onward_link(target: str, from_page: str, calc_id: str = "capacity", **inputs: Any) -> str:
    """A link from ``from_page`` to calculator ``target``, prefilled with the exact onward
    inputs of ``calc_id``'s result for ``inputs`` (its defaults, then these):
    ``sysdesign_core.onward``, the same inputs the live page writes after each edit."""
    calc = get(calc_id)
    links = onward_inputs(run(calc_id, {**calc.defaults(), **_raw(inputs)}))
    if target not in links:
        raise UnknownName(
            f"{calc_id} links onward to {', '.join(links) or 'nothing'}, not {target!r}"
        )
    return calc_link(target, from_page, **links[target])


def cli_line(calc_id: str, json_output: bool = False, **inputs: Any) -> Markup:
    """The ``sysdesign`` command for a calculator's inputs (the defaults, then ``inputs``), as a
    code block that javascripts/onward.js keeps in step with the page's form for ``calc_id``."""
    calc = get(calc_id)
    raw = {**calc.defaults(), **_raw(inputs)}
    parse_inputs(calc, raw)  # a bad input fails the build with its name
    line = command_line(calc_id, raw, as_json=json_output)
    return Markup(
        '<div class="highlight"><pre><code class="language-bash" data-cli="{}"{}>{}</code>'
        "</pre></div>"
    ).format(calc_id, Markup(' data-json=""') if json_output else "", line)


def export(calc_id: str, name: str, **inputs: Any) -> str:
    """The file ``sysdesign CALC --NAME`` prints (a Prometheus rules file for ``burn_rate``),
    for the calculator's inputs and the export's options given by name (defaults for the
    rest), as plain text for a fenced block: ``{{ export("burn_rate", "prometheus") }}``."""
    calc = get(calc_id)
    names = {item.name for item in calc.inputs}
    raw = {key: value for key, value in _raw(inputs).items() if key in names}
    options = {key: str(value) for key, value in inputs.items() if key not in names}
    return export_text(calc_id, name, raw, options).rstrip("\n")


def plan_chart() -> Markup:
    """The 45-minute interview plan as a chart (minutes per slot, in order), from the catalog."""
    return Markup(f'<figure class="sd-figure">{plan.plan_chart()}</figure>')


def api_calculators(page: str = "reference/api.md") -> str:
    """Every registered calculator's inputs and outputs as Markdown, from the registry.

    One ``### `id` — title`` section each, in the order of ``sysdesign list``; a calculator
    added to the registry appears here with nothing else to edit.
    """

    def relative(target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(page) or ".")

    env = _MARKDOWN.overlay()
    env.filters["relative"] = relative
    return env.get_template("api_calculators.md").render(calcs=calculators(), kinds=KINDS)


# Modules documented on the API page besides the calculators' own, in this order.
API_BASE_MODULES = (
    "sysdesign_core.registry",
    "sysdesign_core.inputs",
    "sysdesign_core.errors",
    "sysdesign_core.units",
    "sysdesign_core.worksheet",
)


def api_modules() -> str:
    """mkdocstrings blocks (``::: module``) for the core's API and every calculator's module.

    The calculator modules come from the registry (where each ``compute`` function lives), so
    a new calculator module is documented as soon as it registers a calculator.
    """
    names = list(API_BASE_MODULES)
    for calc in calculators():
        module = getattr(calc.compute, "__module__", "")
        if module.startswith("sysdesign_core.") and module not in names:
            names.append(module)
    return "\n\n".join(f"::: {name}" for name in names) + "\n"
