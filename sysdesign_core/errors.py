"""Errors raised for input a person typed: they say which input, what was given, what works."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["InputError", "ParseError"]


class ParseError(ValueError):
    """A value could not be read; raised by :mod:`sysdesign_core.units` before a name is known."""

    def __init__(self, given: str, problem: str, accepted: str = "") -> None:
        super().__init__(problem)
        self.given = given
        self.problem = problem
        self.accepted = accepted

    def __str__(self) -> str:
        given = self.given.strip()
        if given:
            text = f"{given!r} {self.problem}"
        else:  # nothing typed: either the value is missing, or the problem is about the name
            text = "A value is needed" if self.problem == "is empty" else self.problem
        return f"{text}; {self.accepted}" if self.accepted else text


class InputError(ValueError):
    """One or more named inputs of a calculator are unusable.

    ``errors`` lists every bad input (at least this one), so a form can mark each field;
    ``str()`` is a single line naming the first one, so a terminal shows one clear message.
    """

    def __init__(self, name: str, given: str, problem: str, accepted: str = "") -> None:
        super().__init__(problem)
        self.name = name
        self.given = given
        self.problem = problem
        self.accepted = accepted
        self.errors: list[InputError] = [self]

    @property
    def message(self) -> str:
        """The message for this one input, without its name (shown under the field)."""
        return str(ParseError(self.given, self.problem, self.accepted))

    def __str__(self) -> str:
        more = len(self.errors) - 1
        tail = f" (and {more} more bad input{'s' if more > 1 else ''})" if more else ""
        return f"{self.name}: {self.message}{tail}"

    @classmethod
    def combine(cls, errors: Sequence[InputError]) -> InputError:
        """One error carrying several, the first of which names the message."""
        first = errors[0]
        combined = cls(first.name, first.given, first.problem, first.accepted)
        combined.errors = list(errors)
        return combined
