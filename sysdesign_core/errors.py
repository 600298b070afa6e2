"""Errors raised for input a person typed: they say which input, what was given, what works.

Every message follows one template: what was typed (quoted, at most 40 characters), what is
wrong with it, and what to write instead:

>>> str(ParseError("abc", "is not a number", "enter a number such as 500, 10K, 500M or 1.5B"))
"'abc' is not a number; enter a number such as 500, 10K, 500M or 1.5B"
>>> str(ParseError("9" * 100, "is too long", "enter at most 40 digits"))
"'9999999999999999999999999999999999999999…' is too long; enter at most 40 digits"
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["InputError", "Conflict", "ParseError", "quote", "one_line", "QUOTE_LIMIT"]

QUOTE_LIMIT = 40
"""At most this many characters of what was typed are quoted back in a message."""


def one_line(text: str) -> str:
    """``text`` with every control character escaped (``\\n``), so it prints as one line.

    >>> one_line("da\\nu")
    'da\\\\nu'
    """
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def quote(given: str) -> str:
    """``given`` stripped, cut to :data:`QUOTE_LIMIT` characters (``…`` marks a cut), quoted.

    Control characters are escaped, so a message is always one line.

    >>> quote("  10 parsecs ")
    "'10 parsecs'"
    """
    text = given.strip()
    cut = len(text) > QUOTE_LIMIT
    return "'" + one_line(text[:QUOTE_LIMIT]) + ("…" if cut else "") + "'"


class ParseError(ValueError):
    """A value could not be read; raised by :mod:`sysdesign_core.units` before a name is known."""

    def __init__(self, given: str, problem: str, accepted: str = "") -> None:
        super().__init__(problem)
        self.given = given
        self.problem = problem
        self.accepted = accepted

    def __str__(self) -> str:
        if self.given.strip():
            text = f"{quote(self.given)} {self.problem}"
        else:  # nothing typed: either the value is missing, or the problem is about the name
            text = "A value is needed" if self.problem == "is empty" else self.problem
        return one_line(f"{text}; {self.accepted}" if self.accepted else text)


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

    @property
    def shown_name(self) -> str:
        """The input's name as a message shows it: on one line and at most
        :data:`QUOTE_LIMIT` characters, since an unknown name is whatever a caller sent."""
        name = one_line(self.name)
        return name if len(name) <= QUOTE_LIMIT else name[:QUOTE_LIMIT] + "…"

    def __str__(self) -> str:
        more = len(self.errors) - 1
        tail = f" (and {more} more bad input{'s' if more > 1 else ''})" if more else ""
        return f"{self.shown_name}: {self.message}{tail}"

    @classmethod
    def combine(cls, errors: Sequence[InputError]) -> InputError:
        """One error carrying several, the first of which names the message."""
        first = errors[0]
        combined = cls(first.name, first.given, first.problem, first.accepted)
        combined.errors = list(errors)
        return combined

    def quoting(self, typed: Mapping[str, str]) -> InputError:
        """This error (and every one it carries) quoting what was typed in each named input:
        ``typed`` maps input names to their text; a name it lacks keeps its ``given``.

        >>> error = Conflict("slo", "leaves no error budget", "enter an SLO below 100%")
        >>> str(error.quoting({"slo": "1"}))
        "slo: '1' leaves no error budget; enter an SLO below 100%"
        """
        return InputError.combine(
            [
                InputError(bad.name, typed.get(bad.name, bad.given), bad.problem, bad.accepted)
                for bad in self.errors
            ]
        )


class Conflict(InputError):
    """Inputs that each parse but cannot go together (``required`` above ``nodes``).

    Raised by a calculator's ``compute()``, which sees only parsed values: it names the input
    to change, says what is wrong and what to enter, and :func:`~sysdesign_core.registry.run`
    quotes what was typed in that input. Several inputs are named with
    :meth:`InputError.combine`, each marked on the form.

    >>> str(Conflict("required", "is more than the 3 nodes", "enter at most 3"))
    'required: is more than the 3 nodes; enter at most 3'
    """

    def __init__(self, name: str, problem: str, accepted: str = "") -> None:
        super().__init__(name, "", problem, accepted)
