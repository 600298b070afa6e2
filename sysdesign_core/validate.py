"""Check the whole catalog and print one line per problem: ``python -m sysdesign_core.validate``.

Each line starts with the file and line to edit, then names the table, the row and the field,
what is wrong and what to write instead::

    sysdesign_core/tables/storage.py:57: table 'databases', row 'MySQL', field 'model': is
    empty; write the data model or remove the row

Exit status 0 when the catalog is clean, 1 when there is a problem; a content mistake never
prints a traceback. Besides the records themselves, the corrections on the "What changed"
page are checked against the pages: every ``!!! corrected`` admonition in ``docs/`` has its
:class:`~sysdesign_core.records.Correction` record, and every record points at a page that
holds its admonition. Every page a row links to (a study plan's tasks) must exist in ``docs/``.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from types import ModuleType

from .records import (
    CatalogError,
    Correction,
    ItemList,
    Record,
    Table,
    list_problems,
    table_problems,
)
from .registry import calculators

__all__ = [
    "ROOT",
    "INTERNAL_WORDING",
    "VOICE_EXEMPT",
    "definition",
    "admonitions",
    "internal_wording",
    "voice_problems",
    "problems",
    "main",
]

ROOT = Path(__file__).resolve().parent.parent
"""The repository root: file names in messages and source links are relative to it."""

CORRECTIONS_MODULE = "sysdesign_core/tables/changelog.py"

# `!!! corrected "Often said: <the claim>"` (or "Common mistake: <the mistake>", or a collapsible
# `???`), possibly indented (inside a list or a tab), with \" escapes inside the title.
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?) corrected "(?P<title>(?:[^"\\]|\\.)*)"\s*$')
_FENCE = re.compile(r"^\s*(```|~~~)")
PREFIXES = ("Often said: ", "Common mistake: ")
"""How a correction box's title starts; the rest of the title is its record's ``name``."""
_PREFIX_TEXT = " or ".join(repr(prefix) for prefix in PREFIXES)


INTERNAL_WORDING = re.compile(
    r"\bseed\s*00\d|\bseeds?\b|\bthe\s+slides\b|\bsource\s+notes\b", re.IGNORECASE
)
"""Words that name the site's own source notes, which readers never see."""

VOICE_EXEMPT = frozenset({"practice/drills.md"})
"""Pages whose "seed" is the drills' random seed, a reader's control, not the source notes."""


def internal_wording(text: str) -> list[str]:
    """The internal words in ``text`` ("the seed", "seed 003", "the slides", …).

    >>> internal_wording("As seed 003 says, the slides list it")
    ['seed 003', 'the slides']
    >>> internal_wording("A seedling of an idea")
    []
    """
    return [match.group(0) for match in INTERNAL_WORDING.finditer(text)]


def _topics() -> tuple[ModuleType, ...]:
    from .tables import TOPICS  # imported late: a broken topic module is itself a problem

    return TOPICS


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def _name_lines(lines: list[str], name: str) -> list[int]:
    """1-based numbers of the lines holding ``name="<name>"`` (either quote)."""
    pattern = re.compile(r"\bname\s*=\s*([\"'])" + re.escape(name) + r"\1")
    return [number for number, line in enumerate(lines, 1) if pattern.search(line)]


def definition(name: str, row: str | None = None, kind: str = "table") -> tuple[str, int]:
    """Where the table (or list) ``name`` is defined, or its ``row``: (repo path, line).

    Found by searching the topic module for ``name="<name>"``; a row found several times is
    the occurrence nearest after the table's own line. The line is 0 when the text is built
    at run time and cannot be found; the path is "" for a table no topic module defines.

    >>> path, line = definition("databases")
    >>> path, line > 0
    ('sysdesign_core/tables/storage.py', True)
    """
    for module in _topics():
        members = module.TABLES if kind == "table" else module.LISTS
        if not any(member.name == name for member in members):
            continue
        source = inspect.getsourcefile(module)
        if source is None:  # pragma: no cover - topic modules are plain files
            return "", 0
        lines = Path(source).read_text(encoding="utf-8").splitlines()
        own = _name_lines(lines, name)
        line = own[0] if own else 0
        if row is not None:
            hits = _name_lines(lines, row)
            if hits:
                line = ([hit for hit in hits if hit >= line] or hits)[0]
        return _relative(Path(source)), line
    return "", 0


def _located(message: str, path: str, line: int) -> str:
    if not path:
        return message
    return f"{path}:{line}: {message}" if line else f"{path}: {message}"


def _titles(docs: Path) -> Iterator[tuple[str, int, str]]:
    """Every ``!!! corrected`` admonition outside code fences: (page, line, whole title)."""
    for path in sorted(docs.rglob("*.md")):
        fence = ""
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            opening = _FENCE.match(line)
            if opening and (not fence or opening.group(1) == fence):
                fence = "" if fence else opening.group(1)
                continue
            match = None if fence else _ADMONITION.match(line)
            if match:
                title = match.group("title").replace('\\"', '"')
                yield path.relative_to(docs).as_posix(), number, title


def admonitions(docs: Path) -> Iterator[tuple[str, int, str]]:
    """Every ``!!! corrected`` admonition: (page under docs/, line, the claim it corrects).

    The claim is the title without "Often said: " or "Common mistake: ". Admonitions shown
    inside code fences (as in the contributing guide) are examples, not corrections, and are
    skipped.
    """
    for page, number, title in _titles(docs):
        yield page, number, _claim(title)


def _claim(title: str) -> str:
    """The claim a correction box quotes: its title without "Often said: " (or the like)."""
    for prefix in PREFIXES:
        if title.startswith(prefix):
            return title.removeprefix(prefix)
    return title


def _correction_problems(tables: list[Table[Record]], docs: Path) -> Iterator[str]:
    """Correction records and ``!!! corrected`` admonitions must match one to one."""
    records = {
        (row.page, row.name): table.name
        for table in tables
        for row in table.rows
        if isinstance(row, Correction)
    }
    found = set()
    for page, line, whole in _titles(docs):
        if not whole.startswith(PREFIXES):
            yield (
                f"docs/{page}:{line}: correction title {whole!r} must start with "
                f"{_PREFIX_TEXT}, then quote the claim as people say it"
            )
        title = _claim(whole)
        found.add((page, title))
        if (page, title) not in records:
            yield (
                f"docs/{page}:{line}: correction {title!r} has no Correction record in "
                f"{CORRECTIONS_MODULE}; its name must be the title without {_PREFIX_TEXT}"
            )
    for (page, name), table in sorted(records.items()):
        if (page, name) in found:
            continue
        path, line = definition(table, name)
        where = f"table {table!r}, row {name!r}, field 'page'"
        if not (docs / page).is_file():
            message = f"{where}: docs/{page} does not exist"
        else:
            message = (
                f"{where}: docs/{page} has no admonition "
                f'!!! corrected "{PREFIXES[0]}{name}"; fix the name or the page'
            )
        yield _located(message, path, line)


def _missing_pages(tables: list[Table[Record]], docs: Path) -> Iterator[str]:
    """Every page a row links to (:meth:`~sysdesign_core.records.Record.pages`) that is not
    under ``docs``; the strict build checks the anchors."""
    for table in tables:
        for row in table.rows:
            for page in row.pages():
                if not (docs / page.partition("#")[0]).is_file():
                    path, line = definition(table.name, row.name)
                    message = (
                        f"table {table.name!r}, row {row.name!r}: links to {page!r}, but "
                        f"docs/{page.partition('#')[0]} does not exist; write the path under "
                        "docs/, e.g. 'practice/drills.md'"
                    )
                    yield _located(message, path, line)


def _record_texts(tables: Iterable[Table[Record]]) -> Iterator[tuple[str, str | None, str]]:
    """(table, row or None, text) for every title, caption and text cell of ``tables``."""
    for table in tables:
        yield table.name, None, f"{table.title} {table.caption}"
        for row in table.rows:
            for item in fields(row):
                value = getattr(row, item.name)
                if isinstance(value, str):
                    yield table.name, row.name, value


def voice_problems(
    tables: Iterable[Table[Record]], lists: Iterable[ItemList], docs: Path | None = None
) -> Iterator[str]:
    """Every place a reader would meet internal wording ("the seed", "the slides", …).

    Checks the catalog (titles, captions, cells, list items), the calculators' labels and help
    texts, and every page under ``docs`` except :data:`VOICE_EXEMPT`.
    """
    hint = "write for the reader: quote the claim as people say it, or drop the reference"
    for table, row, text in _record_texts(tables):
        for words in internal_wording(text):
            path, line = definition(table, row)
            where = f"table {table!r}" + (f", row {row!r}" if row else "")
            yield _located(f"{where}: says {words!r}; {hint}", path, line)
    for item_list in lists:
        texts = [item_list.title] + [f"{i.text} {i.detail}" for i in item_list.items]
        for words in (w for text in texts for w in internal_wording(text)):
            path, line = definition(item_list.name, kind="list")
            yield _located(f"list {item_list.name!r}: says {words!r}; {hint}", path, line)
    for calculator in calculators():
        texts = [calculator.title, calculator.description]
        texts += [f"{i.label} {i.help}" for i in calculator.inputs]
        texts += [f"{o.label} {o.help}" for o in calculator.outputs]
        for words in (w for text in texts for w in internal_wording(text)):
            yield f"calculator {calculator.id!r}: says {words!r}; {hint}"
    if docs is None:
        return
    for md in sorted(docs.rglob("*.md")):
        page = md.relative_to(docs).as_posix()
        if page in VOICE_EXEMPT:
            continue
        for number, text in enumerate(md.read_text(encoding="utf-8").splitlines(), 1):
            for words in internal_wording(text):
                yield f"docs/{page}:{number}: says {words!r}; {hint}"


def problems(
    tables: Iterable[Table[Record]], lists: Iterable[ItemList], docs: Path | None = None
) -> Iterator[str]:
    """Every problem of ``tables`` and ``lists``, one line each, with file and line."""
    tables = list(tables)
    for table in tables:
        for problem in table_problems(table):
            path, line = definition(table.name, problem.row)
            yield _located(problem.message, path, line)
    if docs is not None:
        yield from _correction_problems(tables, docs)
        yield from _missing_pages(tables, docs)
    lists = list(lists)
    for item_list in lists:
        path, line = definition(item_list.name, kind="list")
        for message in list_problems(item_list):
            yield _located(message, path, line)
    yield from voice_problems(tables, lists, docs)


def _import_problem(error: Exception) -> str:
    """One line for a catalog that does not even import: the topic file and line to fix."""
    if isinstance(error, CatalogError):
        return str(error)
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if "sysdesign_core" in Path(frame.filename).parts
    ]
    message = str(error).replace(".__init__()", "()")
    if not frames:
        return f"{type(error).__name__}: {message}"
    frame = frames[-1]
    return f"{_relative(Path(frame.filename))}:{frame.lineno}: {message}"


def main(argv: Sequence[str] | None = None) -> int:
    """Validate the catalog; print one line per problem to stderr. Returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m sysdesign_core.validate", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--docs",
        type=Path,
        default=ROOT / "docs",
        help="the docs directory whose corrections are checked (default: docs/)",
    )
    args = parser.parse_args(argv)
    try:
        from . import catalog
    except Exception as error:  # a broken record stops the import: report it as content
        print(_import_problem(error), file=sys.stderr)
        return 1
    docs = args.docs if args.docs.is_dir() else None
    found = list(problems(catalog.TABLES.values(), catalog.LISTS.values(), docs))
    for line in found:
        print(line, file=sys.stderr)
    if found:
        return 1
    corrections = sum(isinstance(r, Correction) for t in catalog.TABLES.values() for r in t.rows)
    print(
        f"catalog ok: {len(catalog.TABLES)} tables, {len(catalog.LISTS)} lists, "
        f"{corrections} corrections"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
