"""Free-text inputs (comma lists, request traces) that a calculator parses itself.

The registry's kinds all read one quantity. A few calculators take a list (``composite``'s
availabilities, ``rate_limiter``'s trace); their input uses the ``text`` kind registered here,
and their ``compute`` parses each item, raising :class:`InputError` that names the input.

>>> split_list(" 99.9%, 99.95% ,3 nines ")
['99.9%', '99.95%', '3 nines']
"""

from __future__ import annotations

from typing import Any

from .errors import ParseError
from .registry import KINDS, Kind

__all__ = ["TEXT_HELP", "split_list", "parse_text"]

TEXT_HELP = "a comma-separated list"


def parse_text(text: str) -> Any:
    """The text itself, stripped; refuses an empty value (the calculator parses the rest)."""
    stripped = text.strip()
    if not stripped:
        raise ParseError(text, "is empty", f"enter {TEXT_HELP}")
    return stripped


def split_list(text: str) -> list[str]:
    """The non-empty items of a comma (or semicolon) separated list, stripped."""
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


# Registered here rather than in registry.KINDS so that the registry stays untouched; a
# ``text`` kind there would supersede this one (setdefault keeps whichever came first).
KINDS.setdefault("text", Kind("text", parse_text, str, "text", TEXT_HELP))
