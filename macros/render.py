"""The macros themselves: catalog tables, calculator widgets and computed figures as HTML.

HTML lives in ``macros/templates/``; this module only fetches data from the core and fills
the templates. Everything fails loudly: an unknown name raises and the strict build stops.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from sysdesign_core import catalog, get, run, widget
from sysdesign_core.registry import Calculator, parse_inputs

__all__ = ["MACROS", "table", "items", "calculator", "result", "value", "calc_link"]

MACROS = ("table", "items", "calculator", "result", "value")  # calc_link needs the page

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _inline(text: str) -> Markup:
    """Render one cell of inline Markdown (code, emphasis, links) to HTML."""
    html = markdown.markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def _html(template: str, **context: Any) -> str:
    # One line per block: Markdown must not see a blank line (it would end the HTML block).
    text = _TEMPLATES.get_template(template).render(inline=_inline, **context)
    return "\n".join(line for line in text.splitlines() if line.strip())


def table(name: str) -> str:
    """The catalog table ``name`` as HTML, with its sources and facet filters."""
    try:
        data = catalog.TABLES[name]
    except KeyError:
        raise KeyError(f"no catalog table {name!r}; known: {', '.join(catalog.TABLES)}") from None
    return _html("table.html", table=data)


def items(name: str) -> str:
    """The catalog list ``name`` as a bullet list."""
    try:
        data = catalog.LISTS[name]
    except KeyError:
        raise KeyError(f"no catalog list {name!r}; known: {', '.join(catalog.LISTS)}") from None
    return _html("items.html", item_list=data)


def _raw(overrides: dict[str, Any]) -> dict[str, str]:
    return {key: str(val) for key, val in overrides.items()}


def calculator(calc_id: str, **overrides: Any) -> str:
    """A calculator form (the DOM contract), its outputs already computed at build time."""
    calc: Calculator = get(calc_id)
    raw = {**calc.defaults(), **_raw(overrides)}
    parse_inputs(calc, raw)  # a bad override fails the build with the input's name
    outcome = run(calc_id, raw)
    return _html("calculator.html", calc=calc, raw=raw, outcome=outcome,
                 chart=Markup(widget.chart(calc_id, raw)),
                 defaults=json.dumps(raw, ensure_ascii=False))


def result(calc_id: str, output: str, **inputs: Any) -> str:
    """The formatted text of one output, e.g. ``result("capacity", "write_qps", dau="1B")``."""
    return str(run(calc_id, _raw(inputs))["outputs"][output]["text"])


def value(calc_id: str, output: str, **inputs: Any) -> float:
    """The number (base units) of one output, for arithmetic in a page."""
    return float(run(calc_id, _raw(inputs))["outputs"][output]["value"])


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
