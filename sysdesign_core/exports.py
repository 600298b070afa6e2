"""Files a calculator writes for another tool, instead of its table of results.

``sysdesign burn-rate --slo 99.95% --prometheus`` prints a Prometheus rules file. An export
reads the calculator's inputs (parsed and bounded as the calculator's own are),
plus a few text options of its own, and returns the file as text. The CLI adds one flag per
export and one per option (:mod:`sysdesign_core.cli`); a page shows the same text through
the ``export`` macro, so what the site shows is what the command prints.

This module is not loaded by the browser's calculators: only the CLI and the build import it.

>>> [(export.calc_id, export.flag) for export in EXPORTS]
[('burn_rate', '--prometheus')]
>>> write("burn_rate", "prometheus", {"slo": "99.95%"}).splitlines()[0]
'# Multiwindow, multi-burn-rate alerts for a 99.95% SLO over 30d'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import burn_rate
from .errors import InputError
from .registry import Values, get, parse

__all__ = ["Option", "Export", "EXPORTS", "exports_of", "write"]


@dataclass(frozen=True)
class Option:
    """A text option of an export: its name (``error_metric`` → ``--error-metric``), its
    default and a sentence of help."""

    name: str
    default: str
    help: str

    @property
    def flag(self) -> str:
        """The CLI flag: ``error_metric`` → ``--error-metric``."""
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class Export:
    """A file written from a calculator's parsed inputs (base units) and the options' text.

    ``write`` raises :class:`InputError` naming the input or option to change.
    """

    calc_id: str
    name: str
    help: str
    options: tuple[Option, ...]
    write: Callable[[Values, Mapping[str, str]], str]

    @property
    def flag(self) -> str:
        """The CLI flag that asks for this file: ``--prometheus``."""
        return "--" + self.name.replace("_", "-")


def _prometheus(inputs: Values, options: Mapping[str, str]) -> str:
    return burn_rate.prometheus_rules(
        inputs["slo"],
        inputs["window"],
        error_metric=options["error_metric"],
        total_metric=options["total_metric"],
        matchers=options["matchers"],
    )


EXPORTS: tuple[Export, ...] = (
    Export(
        calc_id="burn_rate",
        name="prometheus",
        help="print a Prometheus rules file instead of the table: recording rules for the "
        "error ratio over 5m, 30m, 1h, 6h and 3d, and the SRE Workbook's multiwindow, "
        "multi-burn-rate alerts for --slo over --window (page: 14.4x over 1h and 5m, 6x over "
        "6h and 30m; ticket: 1x over 3d and 6h, for 30 days; other windows spend the same "
        "share of the budget). --burn-rate and --alert-window do not change it.",
        options=(
            Option(
                "error_metric",
                burn_rate.DEFAULT_ERROR_METRIC,
                "with --prometheus: the counter of failed requests, with its own matchers if "
                "it shares the total's name",
            ),
            Option(
                "total_metric",
                burn_rate.DEFAULT_TOTAL_METRIC,
                "with --prometheus: the counter of all requests",
            ),
            Option(
                "matchers",
                burn_rate.DEFAULT_MATCHERS,
                'with --prometheus: label matchers for both counters, such as job="api", '
                'env!="dev"; labels matched with = are kept on the recorded ratio',
            ),
        ),
        write=_prometheus,
    ),
)


def exports_of(calc_id: str) -> tuple[Export, ...]:
    """The exports of calculator ``calc_id`` (none for most)."""
    return tuple(export for export in EXPORTS if export.calc_id == calc_id)


def write(
    calc_id: str,
    name: str,
    raw_inputs: Mapping[str, str],
    options: Mapping[str, str] | None = None,
) -> str:
    """The file export ``name`` of ``calc_id`` writes for these inputs and options (the text a
    person types; defaults for the rest). ``KeyError`` for an unknown export,
    :class:`InputError` for a bad input or option."""
    calc = get(calc_id)
    export = next((e for e in exports_of(calc.id) if e.name == name), None)
    if export is None:
        known = ", ".join(e.name for e in exports_of(calc.id)) or "none"
        raise KeyError(f"calculator {calc.id!r} has no export {name!r}; it has: {known}")
    given = dict(options or {})
    unknown = sorted(set(given) - {option.name for option in export.options})
    if unknown:
        raise InputError(unknown[0], given[unknown[0]], f"is not an option of {export.flag}")
    texts = {option.name: given.get(option.name, option.default) for option in export.options}
    # Parsed and bounded as the calculator's own inputs are; its results are not needed
    # (the burn-rate table's --burn-rate must not refuse an SLO the rules can take). A
    # conflict it finds names an input and quotes what was typed in it, as run() does.
    parsed = parse(calc, raw_inputs)
    values = parsed.checked()
    try:
        return export.write(values, texts)
    except InputError as error:
        raise error.quoting({**texts, **parsed.typed()}) from None
