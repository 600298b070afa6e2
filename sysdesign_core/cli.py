"""The ``sysdesign`` command: the calculators in a terminal, through the same ``run()``.

``sysdesign`` alone (or ``sysdesign list``) names them; ``sysdesign ID --input-name VALUE …``
runs one and prints a table (``--json`` for machines). Ids may be written with ``-`` or ``_``
(``sysdesign rate-limiter``). Bad input exits 2 with one line on stderr naming the input and
nothing on stdout; no input ever prints a traceback; a closed pipe (``| head -1``) ends quietly;
a terminal that cannot show σ or ÷ (``LANG=C``) gets ``\\u03c3`` in its place, not an error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from .errors import InputError
from .exports import exports_of, write
from .registry import Calculator, calculators, get, run

__all__ = ["main", "build_parser", "command_line"]

NOTATION = """\
notation (as on the site's calculators):
  counts   500, 10K, 500M, 1.5B, 2T, 1,000,000 (commas only in groups of three; 2.5, not 2,5)
  sizes    200B, 1.5KB, 10MB, 2TB (x1000) or 4KiB, 1GiB (x1024)
  rates    10K/s, 5M/day, 300/min      bandwidth  100Mbps, 1Gbps (or 125MB/s, bytes)
  time     200ms, 5 min, 1h 30m, 30d, 1y (a year is 365.25 days)
  shares   20% or 0.2                  availability  99.95%, 0.9995 or 3.5 nines
  a bare number above 1 is not a percentage: write 99.9%, not 99.9"""


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: {' '.join(message.split())}\n")
        raise SystemExit(2)


def _example(calc: Calculator) -> str:
    """A runnable example from the defaults: ``sysdesign capacity --dau 500M …``."""
    shown = [item for item in calc.inputs if item.default and not item.choices][:3]
    args = " ".join(f"{item.flag} {_shell(item.default)}" for item in shown)
    return f"sysdesign {calc.id} {args}".rstrip()


def _shell(text: str) -> str:
    """``text`` as one shell word: bare when plain, else single-quoted (a ``'`` inside is
    written ``'\\''``). docs/javascripts/onward.js quotes the same way."""
    if text and text.replace(".", "").replace("%", "").isalnum():
        return text
    return "'" + text.replace("'", "'\\''") + "'"


def command_line(calc_id: str, raw: dict[str, str], *, as_json: bool = False) -> str:
    """The command that runs ``calc_id`` on the form's ``raw`` inputs, every non-empty one
    given: ``sysdesign capacity --dau 500M … --json``. A calculator page shows it and keeps it
    in step with the form (docs/javascripts/onward.js builds the same line).

    >>> command_line("transfer", {"size": "1TB", "bandwidth": "1 Gbps"})
    "sysdesign transfer --size 1TB --bandwidth '1 Gbps'"
    """
    calc = get(calc_id)
    words = [f"sysdesign {calc.id}"]
    for item in calc.inputs:
        text = str(raw.get(item.name, "")).strip()
        if text:
            words.append(f"{item.flag} {_shell(text)}")
    return " ".join(words + (["--json"] if as_json else []))


def _add_calculator(commands: argparse._SubParsersAction[_Parser], calc: Calculator) -> None:
    about = calc.description.replace("%", "%%")
    epilog = f"example:\n  {_example(calc)}\n  {_example(calc)} --json\n\n{NOTATION}"
    if calc.note:
        epilog += f"\n\n{calc.note}"
    sub = commands.add_parser(
        calc.id,
        help=about,
        description=calc.description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for item in calc.inputs:
        default = f" (default: {item.default})" if item.default else ""
        accepted = (
            "one of " + ", ".join(item.choices)
            if item.choices
            else item.accepted.removeprefix("enter ")  # a list input says so, with its cap
        )
        text = f"{item.label}. {item.help} Accepts {accepted}.{default}"
        sub.add_argument(item.flag, dest=item.name, metavar="VALUE", help=text.replace("%", "%%"))
    sub.add_argument("--json", action="store_true", help="print JSON, values in base units")
    # A file for another tool (sysdesign_core.exports): a flag, and its options as text.
    for export in exports_of(calc.id):
        sub.add_argument(
            export.flag,
            dest=f"export:{export.name}",
            action="store_true",
            help=export.help.replace("%", "%%"),
        )
        for option in export.options:
            sub.add_argument(
                option.flag,
                dest=f"option:{option.name}",
                metavar="TEXT",
                help=f"{option.help} (default: {option.default})".replace("%", "%%"),
            )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, generated from the calculator registry."""
    from . import __version__

    parser = _Parser(
        prog="sysdesign",
        description="System design calculators.",
        epilog="Run `sysdesign ID --help` for a calculator's inputs and an example.",
    )
    parser.add_argument("--version", action="version", version=f"sysdesign {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    commands.add_parser("list", help="list the calculators")
    sheet = commands.add_parser(
        "worksheet",
        help="evaluate a worksheet file: one estimate a line, with units and ranges",
        description="Evaluate a worksheet (the language of the site's /worksheet/ page) and "
        "print each line with its value; a line with an error says why, and the others "
        "still compute. Exit status 2 if any line has an error.",
        epilog="example:\n  printf 'dau = 500M\\nwrites = dau * 2 / day\\n' | "
        "sysdesign worksheet -\n\nvalues in --json are in base units: per second, bytes, "
        "bits per second (bandwidth), seconds, fractions, dollars.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sheet.add_argument("file", metavar="FILE", help="the sheet to read; - reads stdin")
    shape = sheet.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON, values in base units")
    shape.add_argument("--markdown", action="store_true", help="print a Markdown table")
    for calc in calculators():
        _add_calculator(commands, calc)
    return parser


def _table(rows: Sequence[tuple[str, str]]) -> str:
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {text}" for label, text in rows)


def _listing(with_usage: bool) -> str:
    text = _table([(calc.id, calc.description) for calc in calculators()])
    if with_usage:
        text += (
            "\n\nRun one:   sysdesign ID --input-name VALUE ...   (e.g. "
            f"{_example(calculators()[0])})\nIts inputs: sysdesign ID --help"
        )
    return text


def _normalise(argv: list[str]) -> list[str]:
    """Accept an id written with ``-`` for ``_`` (``rate-limiter``), as page URLs do."""
    ids = {calc.id for calc in calculators()}
    for index, arg in enumerate(argv):
        if arg.startswith("-"):
            continue
        candidate = arg.replace("-", "_")
        if arg not in ids and candidate in ids:
            argv[index] = candidate
        break
    return argv


def _never_fail_to_encode() -> None:
    """Let stdout and stderr print any label on any terminal.

    Labels and notation use σ, κ, ε, ÷ and ×; a stream in ASCII or Latin-1 (``LANG=C``,
    ``PYTHONIOENCODING=ascii``, a Windows code page) would raise ``UnicodeEncodeError`` on
    them. ``backslashreplace`` writes ``\\u03c3`` instead: readable, and inside a JSON string
    it is the same character. Only streams that can be reconfigured are (tests redirect to
    ``StringIO``), and only those that would raise (``errors="strict"``). Duck-typed, with no
    new import (``io``, ``contextlib``): the browser's trimmed standard library holds only
    what the core imports.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure) and getattr(stream, "errors", None) == "strict":
            try:
                reconfigure(errors="backslashreplace")
            except (OSError, ValueError):  # closed or detached: nothing to print to
                continue


def _dumps(result: object) -> str:
    """``result`` as JSON; non-ASCII characters stay as they are where stdout can encode them,
    else they are written as ``\\uXXXX`` escapes (still the same JSON, whatever the stream)."""
    text = json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(result, indent=2, ensure_ascii=True, allow_nan=False)
    return text


def _read(path: str) -> str:
    """The sheet's text from ``path`` (``-`` is stdin); ``OSError`` or ``ValueError`` if not."""
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _worksheet(path: str, as_json: bool, as_markdown: bool) -> int:
    """Print every line of the sheet at ``path`` with its value (or its error)."""
    from .worksheet import evaluate, to_json, to_markdown

    try:
        text = _read(path)
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        sys.stderr.write(f"sysdesign worksheet: cannot read {path}: {' '.join(reason.split())}\n")
        return 2
    sheet = evaluate(text)
    if sheet.error:
        sys.stderr.write(f"sysdesign worksheet: {sheet.error}\n")
        return 2
    if as_json:
        print(_dumps(to_json(sheet)))
    elif as_markdown:
        print(to_markdown(sheet), end="")
    else:
        rows = []
        for line in sheet.lines:
            if not line.expr:
                continue
            left = f"{line.name} = {line.expr}" if line.name else line.expr
            if line.error:
                right = "error: " + line.error
            else:
                right = line.text
                if line.low_text:
                    right += f"  ({line.low_text} .. {line.high_text})"
                    right += "" if line.monotone else " not monotone"
            rows.append((f"{line.number:>3}  {left}", right))
        if rows:
            print(_table(rows))
    errors = [line for line in sheet.lines if line.error]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        sys.stderr.write(f"sysdesign worksheet: line {errors[0].number}: {errors[0].error}{more}\n")
        return 2
    return 0


def _run(argv: list[str]) -> int:
    if not argv:
        print(_listing(with_usage=True))
        return 0
    args = vars(build_parser().parse_args(_normalise(argv)))
    command = args.pop("command")
    if command == "list":
        print(_listing(with_usage=False))
        return 0
    if command == "worksheet":
        return _worksheet(args["file"], args["json"], args["markdown"])
    as_json = args.pop("json")
    chosen = [name.removeprefix("export:") for name in list(args) if name.startswith("export:")]
    chosen = [name for name in chosen if args.pop(f"export:{name}")]
    options = {
        name.removeprefix("option:"): args.pop(name)
        for name in list(args)
        if name.startswith("option:")
    }
    options = {name: value for name, value in options.items() if value is not None}
    raw = {name: value for name, value in args.items() if value is not None}
    if chosen or options:
        return _export(command, chosen, raw, options, as_json)
    try:
        result = run(command, raw)
        text = _dumps(result)
    except InputError as error:
        sys.stderr.write(f"sysdesign {command}: {error}\n")
        return 2
    if as_json:
        print(text)
        return 0
    calc = get(command)
    inputs = [
        (item.label, raw.get(item.name, item.default) or "(same as record)") for item in calc.inputs
    ]
    outputs = [(out.label, result["outputs"][out.name]["text"]) for out in calc.outputs]
    note = f"\n\n{calc.note}" if calc.note else ""
    print(f"{calc.title}\n\nInputs\n{_table(inputs)}\n\nResults\n{_table(outputs)}{note}")
    return 0


def _export(
    command: str, chosen: list[str], raw: dict[str, str], options: dict[str, str], as_json: bool
) -> int:
    """Print the file an export flag (``--prometheus``) asks for; exit 2 on a bad input, an
    option given without its flag, or two outputs asked at once."""
    flags = {export.name: export for export in exports_of(command)}
    problem = ""
    if not chosen:
        flag = next(o.flag for e in flags.values() for o in e.options if o.name in options)
        owner = next(e.flag for e in flags.values() for o in e.options if o.name in options)
        problem = f"{flag} only changes the output of {owner}; add {owner}"
    elif as_json or len(chosen) > 1:
        shown = ["--json"] * as_json + [flags[name].flag for name in chosen]
        problem = f"{' and '.join(shown)} print different things; choose one"
    if problem:
        sys.stderr.write(f"sysdesign {command}: {problem}\n")
        return 2
    try:
        text = write(command, chosen[0], raw, options)
    except InputError as error:
        sys.stderr.write(f"sysdesign {command}: {error}\n")
        return 2
    print(text, end="")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 2 bad input or usage, 1 a bug).

    A bug in the core still prints one line, never a traceback; a reader that closed the
    pipe early (``sysdesign list | head -1``) ends the command quietly.
    """
    _never_fail_to_encode()
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # Python would report the pipe again when it flushes stdout at exit: point it at
        # /dev/null (the recipe in the signal module's documentation).
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except Exception as error:  # noqa: BLE001 - one line, never a traceback
        reason = " ".join(f"{type(error).__name__}: {error}".split())[:200]
        sys.stderr.write(f"sysdesign: internal error ({reason}); please report it\n")
        return 1
