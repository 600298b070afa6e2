"""A Griffe extension for the API page: the core's docstrings read as Markdown.

The core's docstrings are plain text for ``help()`` and doctest: ``>>>`` examples, reST
literals (````code````) and roles (``:class:`Input```). mkdocstrings renders docstrings as
Markdown, where ``>>>`` would turn into nested quotes. This extension rewrites each docstring
once, as it is loaded: every doctest example becomes a ``pycon`` code block, a double-backtick
literal a single-backtick one, and a role its plain name in backticks.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

__all__ = ["DoctestBlocks", "markdown_docstring"]

_ROLE = re.compile(r":(?:class|func|data|mod|meth|attr|exc):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def _inline(line: str) -> str:
    return _LITERAL.sub(r"`\1`", _ROLE.sub(r"`\1`", line))


def markdown_docstring(text: str) -> str:
    """``text`` with doctest examples fenced as ``pycon`` and reST literals as Markdown.

    >>> markdown_docstring("Use ``run``.\\n\\n>>> 1 + 1\\n2").splitlines()
    ['Use `run`.', '', '```pycon', '>>> 1 + 1', '2', '```']
    """
    out: list[str] = []
    in_example = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(">>>") and not in_example:
            out.append("```pycon")
            in_example = True
        elif in_example and not stripped:
            out.append("```")
            in_example = False
        out.append(line.strip() if in_example else _inline(line))
    if in_example:
        out.append("```")
    return "\n".join(out)


class DoctestBlocks(Extension):
    """Rewrites every loaded object's docstring with :func:`markdown_docstring`."""

    def on_instance(self, *, obj: Object, **kwargs: Any) -> None:
        """Called by Griffe for each module, class, function and attribute it loads."""
        if obj.docstring is not None:
            obj.docstring.value = markdown_docstring(obj.docstring.value)
