"""A page's estimates as a worksheet: ``docs/sheets/NAME.sheet``, evaluated at build time.

A problem page opens its sheet once and quotes its lines by name::

    {% set s = sheet("chat") %}
    - **Messages:** {{ s.messages }} at a 3× peak ({{ s.link("cap") }} to open the calculator)
    {{ s.table() }}

``s.NAME`` is the line's value as the page shows it (``'34.7K/s'``); ``s.value("NAME")`` the
number in base units; ``s.range("NAME")`` its ``low–high``; ``s.inputs("NAME")`` the exact
inputs of the calculator called on that line (for ``calculator()`` and ``calc_link()``), so
no page passes a rounded figure from one calculator into another. A sheet with an error, an
unknown name or a missing file fails the build, naming the file and the line.
"""

from __future__ import annotations

import posixpath
from difflib import get_close_matches
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from sysdesign_core import get
from sysdesign_core.worksheet import Line, Sheet, evaluate
from sysdesign_core.worksheet.attempt import assumptions, problems, prompts

from .render import DOCS, UnknownName, _html, _page_url, page_href

__all__ = [
    "SHEETS",
    "PageSheet",
    "sheet",
    "sheet_names",
    "sheet_title",
    "read",
    "chart_line",
    "worksheet_editor",
    "worksheet_reference",
    "worksheet_notation",
    "WORKSHEET_PAGE",
]

SHEETS = DOCS / "sheets"
WORKSHEET_PAGE = "worksheet.md"
_METHODS = frozenset(
    {"value", "range", "low", "high", "inputs", "link", "table", "line", "open", "try_first"}
)


def sheet_names() -> list[str]:
    """Every sheet's name (its file name without ``.sheet``), sorted."""
    return sorted(path.stem for path in SHEETS.glob("*.sheet"))


def sheet_title(text: str, name: str) -> str:
    """The sheet's title: its first line when that is a comment, else its name."""
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    return first.lstrip("#").strip() if first.startswith("#") else name


def _checked(name: str) -> tuple[str, Sheet]:
    path = SHEETS / f"{name}.sheet"
    if not path.is_file():
        raise UnknownName(
            f"no sheet docs/sheets/{name}.sheet; sheets: {', '.join(sheet_names()) or 'none'}"
        )
    text = path.read_text(encoding="utf-8")
    result = evaluate(text)
    if result.error:
        raise ValueError(f"docs/sheets/{name}.sheet: {result.error}")
    for problem in problems(text):
        raise ValueError(f"docs/sheets/{name}.sheet: {problem}")
    for line in result.lines:
        if line.error:
            raise ValueError(f"docs/sheets/{name}.sheet:{line.number}: {line.error}")
        if line.name in _METHODS:
            raise ValueError(
                f"docs/sheets/{name}.sheet:{line.number}: {line.name!r} is a method of a "
                "page's sheet; pick another name"
            )
    return text, result


class PageSheet:
    """The sheet ``name`` as the page ``page`` quotes it (see the module docstring)."""

    def __init__(self, name: str, page: str) -> None:
        self._name, self._page = name, page
        self._text, self._sheet = _checked(name)

    def line(self, name: str) -> Line:
        """The line that defines ``name``; an unknown name fails the build with a suggestion."""
        try:
            return self._sheet.line(name)
        except KeyError:
            known = [line.name for line in self._sheet.lines if line.name]
            close = get_close_matches(name, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"names: {', '.join(known)}"
            raise UnknownName(f"sheet {self._name!r} has no line {name!r}; {hint}") from None

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        line = self.line(name)
        if line.record:
            raise ValueError(
                f"{name} in sheet {self._name!r} is a calculator's results: "
                f"quote one, as {name}_x = {name}.field"
            )
        return line.text

    def value(self, name: str) -> float:
        """The line's likely value in base units (bytes per second stay bytes per second)."""
        line = self.line(name)
        if line.value is None:
            raise ValueError(f"{name} in sheet {self._name!r} has no single value")
        return line.value.value

    def range(self, name: str) -> str:
        """``'6.94K/s–69.4K/s'``: the line's low and high, for a line that depends on a range."""
        line = self.line(name)
        if not line.low_text:
            raise ValueError(f"{name} in sheet {self._name!r} depends on no range")
        return f"{line.low_text}–{line.high_text}"

    def inputs(self, name: str) -> dict[str, str]:
        """The exact inputs of the calculator called on line ``name`` (its first call)."""
        line = self.line(name)
        if not line.calls:
            raise ValueError(f"{name} in sheet {self._name!r} calls no calculator")
        return dict(line.calls[0][1])

    def link(self, name: str) -> str:
        """A relative link to the calculator called on line ``name``, prefilled exactly."""
        line = self.line(name)
        if not line.calls:
            raise ValueError(f"{name} in sheet {self._name!r} calls no calculator")
        calc_id, inputs = line.calls[0]
        target = posixpath.relpath(get(calc_id).page, posixpath.dirname(self._page) or ".")
        return f"{target}?{urlencode(inputs)}"

    def open(self) -> str:
        """A relative link that opens this sheet in the worksheet."""
        target = posixpath.relpath(WORKSHEET_PAGE, posixpath.dirname(self._page) or ".")
        return f"{target}?{urlencode({'example': self._name})}"

    def table(self) -> Markup:
        """The sheet as a table (name, formula, value, range) with a link to open it live."""
        rows = [line for line in self._sheet.lines if line.expr]
        href = page_href(WORKSHEET_PAGE, self._page) + "?" + urlencode({"example": self._name})
        return Markup(
            _html(
                "sheet.html",
                self._page,
                name=self._name,
                title=sheet_title(self._text, self._name),
                rows=rows,
                href=href,
                source=f"docs/sheets/{self._name}.sheet",
            )
        )

    def try_first(self) -> Markup:
        """The "Try it first" panel: the sheet's ``# try:`` figures to answer and its
        assumptions to change, graded live (javascripts/try-first.js). Hidden without
        JavaScript, where the page is the full answer."""
        asked = prompts(self._text, self._sheet)
        if not 3 <= len(asked) <= 6:
            raise ValueError(
                f"docs/sheets/{self._name}.sheet asks for {len(asked)} figures with '# try:' "
                "lines; a design asks for 3 to 6"
            )
        sheets = posixpath.relpath("sheets", _page_url(self._page).rstrip("/") or ".") + "/"
        examples = dict.fromkeys(f"<code>{p.example}</code>" for p in asked if p.example)
        return Markup(
            _html(
                "try_first.html",
                self._page,
                name=self._name,
                sheets=sheets,
                prompts=asked,
                shown={p.name: self._sheet.line(p.name).text for p in asked},
                assumptions=assumptions(self._text),
                examples=Markup(", ".join(examples)),
            )
        )


def sheet(name: str, page: str) -> PageSheet:
    """The page's sheet (see :class:`PageSheet`)."""
    return PageSheet(name, page)


def read(name: str) -> str:
    """The text of sheet ``name`` (for the worksheet page's examples)."""
    return Path(SHEETS / f"{name}.sheet").read_text(encoding="utf-8")


DEFAULT_EXAMPLE = "tour"


def _reply(text: str, chart_line: int | None) -> dict[str, Any]:
    from sysdesign_core.worksheet import respond

    return respond(text, chart_line)


def chart_line(text: str) -> int | None:
    """The line whose tornado chart a sheet opens with: the deciding line if it depends on a
    range, else the last line that does; ``None`` if no line does."""
    lines = evaluate(text).lines
    ranged = [line for line in lines if line.low_text and not line.error]
    decides = [line for line in ranged if line.decides]
    chosen = decides or ranged[-1:]
    return chosen[0].number if chosen else None


def _lines_kept(text: str) -> Markup:
    """``text`` escaped with its newlines as ``&#10;``: the page's HTML drops blank lines
    (``render._html``), which would renumber a sheet's lines."""
    return Markup(str(escape(text)).replace("\n", "&#10;"))


def worksheet_editor(page: str) -> Markup:
    """The worksheet page's editor, its results computed now (the page without JavaScript
    shows them), and every sheet as an example to start from."""
    examples = []
    for name in sheet_names():
        text = read(name)
        examples.append({"name": name, "title": sheet_title(text, name)})  # fetched when chosen
    examples.sort(key=lambda e: (e["name"] != DEFAULT_EXAMPLE, e["title"].lower()))
    text = read(DEFAULT_EXAMPLE)
    line = chart_line(text)
    reply = _reply(text, line)
    return Markup(
        _html(
            "worksheet.html",
            page,
            text=_lines_kept(text),
            rows=text.count("\n") + 1,
            reply=reply,
            chart=Markup(reply["chart"]),
            chart_line=line,
            examples=examples,
            default=DEFAULT_EXAMPLE,
            sheets_url=posixpath.relpath("sheets", _page_url(page).rstrip("/") or ".") + "/",
        )
    )


def worksheet_reference(page: str) -> Markup:
    """The language's reference, generated: calculators as functions, constants with their
    sources, units by dimension, functions, limits."""
    from sysdesign_core import calculators
    from sysdesign_core.worksheet import CONSTANTS, FUNCTIONS, MAX_CHARS, MAX_LINES, MAX_RANGES
    from sysdesign_core.worksheet.quantity import Quantity, show

    constants = [
        {
            "name": c.name,
            "shown": show(Quantity(c.quantity.value, c.quantity.dims)),
            "row": c.row,
            "source": c.source,
        }
        for c in CONSTANTS.values()
    ]
    return Markup(
        _html(
            "worksheet_reference.html",
            page,
            calculators=calculators(),
            constants=constants,
            functions=sorted(FUNCTIONS),
            limits={"lines": MAX_LINES, "chars": MAX_CHARS, "ranges": MAX_RANGES},
        )
    )


def worksheet_notation(page: str) -> Markup:
    """The literals a sheet reads, each example with what it reads as (computed now)."""
    from sysdesign_core.worksheet.notation import NOTATION

    notation = [
        {
            "examples": [(text, evaluate(text).lines[0].text) for text in examples],
            "meaning": meaning,
        }
        for examples, meaning in NOTATION
    ]
    return Markup(_html("worksheet_notation.html", page, notation=notation))
