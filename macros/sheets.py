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
from urllib.parse import urlencode

from markupsafe import Markup

from sysdesign_core import get
from sysdesign_core.worksheet import Line, Sheet, evaluate

from .render import DOCS, UnknownName, _html, page_href

__all__ = ["SHEETS", "PageSheet", "sheet", "sheet_names", "sheet_title", "WORKSHEET_PAGE"]

SHEETS = DOCS / "sheets"
WORKSHEET_PAGE = "worksheet.md"
_METHODS = frozenset({"value", "range", "low", "high", "inputs", "link", "table", "line", "open"})


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


def sheet(name: str, page: str) -> PageSheet:
    """The page's sheet (see :class:`PageSheet`)."""
    return PageSheet(name, page)


def read(name: str) -> str:
    """The text of sheet ``name`` (for the worksheet page's examples)."""
    return Path(SHEETS / f"{name}.sheet").read_text(encoding="utf-8")
