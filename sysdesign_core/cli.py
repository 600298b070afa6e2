"""The ``sysdesign`` command: the calculators in a terminal, through the same ``run()``.

``sysdesign list`` names them; ``sysdesign ID --input-name VALUE …`` runs one and prints a
table (``--json`` for machines). Bad input exits 2 with one line on stderr naming the input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .errors import InputError
from .registry import Calculator, calculators, get, run

__all__ = ["main", "build_parser"]


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: {message}\n")
        raise SystemExit(2)


def _add_calculator(commands: argparse._SubParsersAction[_Parser], calc: Calculator) -> None:
    about = calc.description.replace("%", "%%")
    sub = commands.add_parser(calc.id, help=about, description=about)
    for item in calc.inputs:
        default = f" (default: {item.default})" if item.default else ""
        text = f"{item.label}. {item.help}{default}".replace("%", "%%")  # argparse formats help
        sub.add_argument(item.flag, dest=item.name, metavar="VALUE", help=text)
    sub.add_argument("--json", action="store_true", help="print JSON, values in base units")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, generated from the calculator registry."""
    parser = _Parser(prog="sysdesign", description="System design calculators.")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    commands.add_parser("list", help="list the calculators")
    for calc in calculators():
        _add_calculator(commands, calc)
    return parser


def _table(rows: Sequence[tuple[str, str]]) -> str:
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {text}" for label, text in rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 2 bad input)."""
    args = vars(build_parser().parse_args(argv))
    command = args.pop("command")
    if command == "list":
        print(_table([(calc.id, calc.description) for calc in calculators()]))
        return 0
    as_json = args.pop("json")
    raw = {name: value for name, value in args.items() if value is not None}
    try:
        result = run(command, raw)
    except InputError as error:
        sys.stderr.write(f"sysdesign {command}: {error}\n")
        return 2
    if as_json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    calc = get(command)
    inputs = [
        (item.label, raw.get(item.name, item.default) or "(same as record)") for item in calc.inputs
    ]
    outputs = [(out.label, result["outputs"][out.name]["text"]) for out in calc.outputs]
    print(f"{calc.title}\n\nInputs\n{_table(inputs)}\n\nResults\n{_table(outputs)}")
    return 0
