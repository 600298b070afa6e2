"""The contributor's path: exact validation messages, errors that point at the mistake, the
source links, the generated changelog, the recipes and the repository's contributor files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mktestdocs import check_md_file

from macros import render
from sysdesign_core import catalog
from sysdesign_core.records import (
    CatalogError,
    Column,
    Correction,
    Item,
    ItemList,
    Record,
    Source,
    Table,
    list_problems,
    table_problems,
    validate_table,
)
from sysdesign_core.validate import admonitions, definition, problems

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PYTHON = sys.executable
OK = Source("Docs", "https://example.org/docs", 2024)


def _table(*rows: Record, ages: bool = False, columns: tuple[Column, ...] = ()) -> Table[Record]:
    return Table(
        name="demo",
        title="Demo",
        columns=columns or (Column("name", "Name"),),
        rows=rows,
        ages=ages,
        facets=("fast",),
    )


def _messages(table: Table[Record]) -> list[str]:
    return [str(problem) for problem in table_problems(table)]


# --- the validation messages, exactly ---------------------------------------------------------


def test_clean_table_has_no_problem() -> None:
    assert _messages(_table(Record(name="A", source=OK, tags=frozenset({"fast"})), ages=True)) == []


@pytest.mark.parametrize(
    ("rows", "ages", "expected"),
    [
        (
            (Record(name="A"), Record(name="A")),
            False,
            "table 'demo', row 'A': duplicate name; names are unique within a table",
        ),
        (
            (Record(name=" "),),
            False,
            "table 'demo', row ' ', field 'name': is empty; write the name or remove the row",
        ),
        (
            (Record(name="A"),),
            True,
            "table 'demo', row 'A': a fact that ages needs source=Source(title, url, as_of) "
            "with the year it was checked",
        ),
        (
            (Record(name="A", source=Source("Docs", "example.org", 2024)),),
            False,
            "table 'demo', row 'A': source needs a title and an http(s) URL, got "
            "Source(title='Docs', url='example.org', as_of=2024)",
        ),
        (
            (Record(name="A", source=Source("Docs", "https://example.org", 24)),),
            True,
            "table 'demo', row 'A': source.as_of must be a year like 2024 (not after 2026), got 24",
        ),
        (
            (Record(name="A", tags=frozenset({"slow"})),),
            False,
            "table 'demo', row 'A': tags ['slow'] are not facets of the table (facets: ['fast'])",
        ),
    ],
    ids=["duplicate", "empty", "no-source", "bad-url", "bad-year", "unknown-tag"],
)
def test_record_problem_messages(rows: tuple[Record, ...], ages: bool, expected: str) -> None:
    if "not after 2026" in expected:  # the bound is the current year
        import datetime

        expected = expected.replace("2026", str(datetime.date.today().year))
    assert _messages(_table(*rows, ages=ages)) == [expected]
    with pytest.raises(CatalogError) as raised:
        validate_table(_table(*rows, ages=ages))
    assert str(raised.value) == expected


def test_missing_field_and_empty_table() -> None:
    table = _table(Record(name="A"), columns=(Column("name", "Name"), Column("limit", "Limit")))
    assert _messages(table) == ["table 'demo', row 'A': has no field 'limit' for column 'Limit'"]
    assert _messages(_table()) == ["table 'demo': has no rows; add one or remove the table"]


def test_every_problem_is_reported_not_only_the_first() -> None:
    table = _table(Record(name="A"), Record(name="A"), Record(name=""), ages=True)
    assert len(_messages(table)) == 5  # 3 missing sources, 1 duplicate, 1 empty name


def test_value_in_the_wrong_unit() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True, kw_only=True)
    class Timeout(Record):
        default: str

    columns = (Column("name", "Name"), Column("default", "Default", unit="duration"))
    good = _table(Timeout(name="read", default="60s"), columns=columns)
    assert _messages(good) == []
    bad = _table(Timeout(name="read", default="60 MB"), columns=columns)
    assert _messages(bad) == [
        "table 'demo', row 'read', field 'default': '60 MB' is not a duration; expected a "
        "duration such as 200ms, 5 min, 1h 30m, 30d or 1y"
    ]
    odd = _table(Timeout(name="read", default="60s"), columns=(Column("default", "D", unit="s"),))
    assert _messages(odd)[0] == (
        "table 'demo', column 'default': unknown unit 's'; use one of count, bytes, "
        "bandwidth, rate, duration, fraction, availability"
    )


def test_correction_fields() -> None:
    row = Correction(name="x", date="25/11/2026", page="toolbox/cdn", was="w", now="n", source=OK)
    assert _messages(_table(row, ages=True)) == [
        "table 'demo', row 'x', field 'date': '25/11/2026' is not a date; write it as "
        "YYYY-MM-DD, e.g. '2026-11-25'",
        "table 'demo', row 'x', field 'page': 'toolbox/cdn' is not a page; write the path "
        "under docs/, e.g. 'toolbox/databases.md'",
    ]


def test_list_problem_messages() -> None:
    items = ItemList("l", "L", (Item("x"), Item("x"), Item(" ")))
    assert list(list_problems(items)) == [
        "list 'l', item 2: duplicate text 'x'",
        "list 'l', item 3: text is empty; write the item or remove it",
    ]


# --- python -m sysdesign_core.validate --------------------------------------------------------


def _repo_copy(tmp_path: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "sysdesign_core", tmp_path / "sysdesign_core", ignore=ignore)
    shutil.copytree(DOCS, tmp_path / "docs", ignore=ignore)
    return tmp_path


def _validate(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [PYTHON, "-m", "sysdesign_core.validate"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_validate_cli_passes_on_the_catalog() -> None:
    process = _validate(ROOT)
    assert process.returncode == 0, process.stderr
    assert process.stdout.startswith("catalog ok: ")


def test_validate_cli_names_file_line_table_row_field(tmp_path: Path) -> None:
    root = _repo_copy(tmp_path)
    storage = root / "sysdesign_core" / "tables" / "storage.py"
    text = storage.read_text()
    assert '            model="Relational",\n' in text
    storage.write_text(
        text.replace('            model="Relational",\n', '            model="",\n', 1)
    )
    process = _validate(root)
    line = _line_of(storage, 'name="PostgreSQL"')
    assert process.returncode == 1
    assert process.stdout == ""
    assert process.stderr.splitlines() == [
        f"sysdesign_core/tables/storage.py:{line}: table 'databases', row 'PostgreSQL', "
        "field 'model': is empty; write the data model or remove the row"
    ]


def test_validate_cli_reports_a_broken_record_without_traceback(tmp_path: Path) -> None:
    root = _repo_copy(tmp_path)
    storage = root / "sysdesign_core" / "tables" / "storage.py"
    storage.write_text(storage.read_text().replace('model="Relational"', 'modle="Relational"', 1))
    process = _validate(root)
    assert process.returncode == 1
    assert "Traceback" not in process.stderr
    [message] = process.stderr.splitlines()
    assert re.fullmatch(
        r"sysdesign_core/tables/storage\.py:\d+: Database\(\) got an unexpected keyword "
        r"argument 'modle'",
        message,
    ), message


def test_validate_cli_matches_corrections_and_admonitions(tmp_path: Path) -> None:
    root = _repo_copy(tmp_path)
    page = root / "docs" / "toolbox" / "cdn.md"
    page.write_text(
        page.read_text() + '\n!!! corrected "Often said: the moon is cheese"\n    No.\n'
    )
    process = _validate(root)
    line = _line_of(page, "the moon is cheese")
    assert process.returncode == 1
    assert process.stderr.splitlines() == [
        f"docs/toolbox/cdn.md:{line}: correction 'the moon is cheese' has no Correction "
        "record in sysdesign_core/tables/changelog.py; its name must be the title without "
        "'Often said: ' or 'Common mistake: '"
    ]


def test_every_correction_on_a_page_has_its_record() -> None:
    assert list(problems(catalog.TABLES.values(), catalog.LISTS.values(), DOCS)) == []
    shown = {(page, title) for page, _, title in admonitions(DOCS)}
    assert len(shown) == len(catalog.TABLES["corrections"].rows) > 0


# --- where things come from -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(catalog.TABLES))
def test_every_table_links_to_the_line_defining_it(name: str) -> None:
    path, line = definition(name)
    assert path.startswith("sysdesign_core/tables/") and line > 0, (name, path, line)
    assert f'name="{name}"' in (ROOT / path).read_text().splitlines()[line - 1]
    html = render.table(name, repo_url="https://github.com/o/r")
    # A quiet edit link: an icon, named for assistive technology.
    link = re.search(r'<p class="sd-source"><a href="([^"]+)" aria-label="([^"]+)"', html)
    assert link, html[-400:]
    assert link.group(1) == f"https://github.com/o/r/blob/main/{path}#L{line}"
    assert link.group(2).startswith("Edit the records of the table")


def test_row_definition_points_at_the_row() -> None:
    path, line = definition("databases", "PostgreSQL")
    assert 'name="PostgreSQL"' in (ROOT / path).read_text().splitlines()[line - 1]


def test_without_repo_url_there_is_no_source_link() -> None:
    assert "sd-source" not in render.table("databases")


def test_page_links_in_cells_resolve_from_the_showing_page() -> None:
    html = render.table("corrections", page="changelog.md")
    assert 'href="../toolbox/databases/"' in html
    assert render.page_href("index.md", "toolbox/databases.md") == "../../"
    assert render.page_href("toolbox/cdn.md", "toolbox/databases.md") == "../cdn/"
    with pytest.raises(ValueError, match=r"docs/nowhere\.md does not exist"):
        render.page_href("nowhere.md", "index.md")


def test_changelog_is_generated_from_the_records() -> None:
    text = (DOCS / "changelog.md").read_text()
    assert '{{ table("corrections") }}' in text
    assert "!!! corrected" not in text and "| " not in text
    dates = [row.date for row in catalog.TABLES["corrections"].rows]
    assert dates == sorted(dates, reverse=True)


def test_unknown_names_in_macros_are_short_and_helpful() -> None:
    with pytest.raises(KeyError) as raised:
        render.table("databse")
    assert str(raised.value) == "no catalog table 'databse'; did you mean 'databases'?"
    with pytest.raises(KeyError) as raised:
        render.result("capacity", "write_qsp")
    assert str(raised.value) == (
        "calculator 'capacity' has no output 'write_qsp'; did you mean 'write_qps'?"
    )


# --- what a broken page reports in a build ----------------------------------------------------


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with its tags kept as plain values (``!ENV``, ``!!python/name``)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _tiny_build(tmp_path: Path, broken: str) -> tuple[int, str]:
    """Build a two-page project with the real site's validation and macros settings."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_ConfigLoader)  # noqa: S506
    project = {
        "site_name": "t",
        "repo_url": "https://github.com/o/r",
        "strict": True,
        "validation": config["validation"],
        "plugins": config["plugins"],
        "markdown_extensions": ["admonition"],
        "nav": ["index.md", "broken.md"],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(project))
    (tmp_path / "macros").symlink_to(ROOT / "macros")  # mkdocs-macros looks beside mkdocs.yml
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n## Here\n")
    (tmp_path / "docs" / "broken.md").write_text(
        f"---\ndescription: d\n---\n\n# Broken\n\n{broken}"
    )
    process = subprocess.run(
        [PYTHON, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    log = process.stdout + process.stderr
    assert "Traceback" not in log
    return process.returncode, log


def test_build_names_the_page_line_and_both_ends_of_a_link(tmp_path: Path) -> None:
    status, log = _tiny_build(
        tmp_path, '{{ table("databse") }}\n\n[gone](gone.md) and [home](index.md#there)\n'
    )
    assert status != 0
    assert "docs/broken.md:7: no catalog table 'databse'; did you mean 'databases'?" in log
    assert (
        "Doc file 'broken.md' contains a link 'gone.md', but the target is not found among "
        "documentation files." in log
    )
    assert (
        "Doc file 'broken.md' contains a link 'index.md#there', but the doc 'index.md' does "
        "not contain an anchor '#there'." in log
    )


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ('{{ tabel("databases") }}', "'tabel' is undefined (a misspelled macro or variable?)"),
        ('{{ table("databases" }}', "unexpected '}', expected ')'"),
    ],
    ids=["undefined", "syntax"],
)
def test_jinja_mistakes_name_the_page_and_line(tmp_path: Path, broken: str, expected: str) -> None:
    status, log = _tiny_build(tmp_path, f"Some text.\n\n{broken}\n")
    assert status != 0
    assert f"docs/broken.md:9: {expected}" in log


# --- the recipes and the repository's contributor files ---------------------------------------


def test_contributing_md_fences_run() -> None:
    check_md_file(fpath=ROOT / "CONTRIBUTING.md", memory=True, lang="bash")
    check_md_file(fpath=ROOT / "CONTRIBUTING.md", memory=True, lang="python")


def test_every_recipe_is_on_the_site_page_too() -> None:
    recipes = re.findall(r"^### (.+)$", (ROOT / "CONTRIBUTING.md").read_text(), re.MULTILINE)
    page = re.findall(r"^## (.+)$", (DOCS / "contributing.md").read_text(), re.MULTILINE)
    assert {"Fix a fact", "Add a row", "Add a table", "Add a page", "Add a calculator"} <= set(
        recipes
    )
    assert set(recipes) <= set(page)


def test_documented_problem_line_has_the_real_format() -> None:
    text = (DOCS / "contributing.md").read_text()
    example = re.search(r"^sysdesign_core/tables/\S+:\d+: table '.*$", text, re.MULTILINE)
    assert example, "the contributing page shows a typical problem line"
    fifo = catalog.TABLES["message_queues"].row("SQS FIFO")
    from dataclasses import replace

    unsourced = replace(catalog.TABLES["message_queues"], rows=(replace(fifo, source=None),))
    assert example.group(0).split(": ", 1)[1] == str(next(table_problems(unsourced)))


def test_live_reload_and_edit_links() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert {"sysdesign_core", "macros"} <= set(config["watch"])
    assert config["edit_uri"] == "edit/main/docs/"
    pages = [next(iter(entry.values())) for entry in config["nav"] if isinstance(entry, dict)]
    assert pages[-2:] == ["changelog.md", "contributing.md"]


def test_issue_forms() -> None:
    forms = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    names = {}
    for path in forms:
        form = yaml.safe_load(path.read_text())
        if path.name == "config.yml":
            continue
        assert form["name"] and form["description"] and form["body"], path.name
        ids = [field["id"] for field in form["body"] if "id" in field]
        assert len(ids) == len(set(ids)), path.name
        names[form["name"]] = form
    assert set(names) == {"Wrong or outdated fact", "Missing topic", "Calculator request"}
    source = next(f for f in names["Wrong or outdated fact"]["body"] if f.get("id") == "source")
    assert source["validations"]["required"] is True


def test_dependabot_covers_every_pinned_ecosystem() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(ecosystems) == {"pip", "npm", "github-actions"}
    assert all(update["schedule"]["interval"] for update in ecosystems.values())


def test_ci_checks_and_tests_in_two_jobs_and_uploads_the_site() -> None:
    """The fast job lints and runs every test that needs no browser; the browser job runs the
    rest and uploads the site it built. Together they run the whole suite, each building once."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True

    def runs(job: str) -> list[str]:
        steps = workflow["jobs"][job]["steps"]
        return [str(step.get("run", step.get("uses", ""))) for step in steps]

    fast, browser = runs("fast"), runs("browser")
    assert any(run.startswith("make lint typecheck validate") for run in fast)
    assert any(run.startswith("make test-fast") for run in fast)
    assert any(run.startswith("make test-browser") for run in browser)
    assert any(run.startswith("actions/upload-artifact@") for run in browser)
    for job in (fast, browser):
        assert any(run.startswith("actions/cache@") for run in job)  # .cache/ between runs
    makefile = (ROOT / "Makefile").read_text()
    assert '-m "not browser"' in makefile and "-m browser" in makefile


def test_pre_commit_runs_the_make_check_tools() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert entries == [
        ".venv/bin/ruff format",
        ".venv/bin/ruff check --fix",
        ".venv/bin/mypy",
        ".venv/bin/python -m sysdesign_core.validate",
    ]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^check: lint typecheck validate", makefile, re.MULTILINE)


def test_pull_request_template_has_the_checklist() -> None:
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text()
    for must in ("make check", "Source(", "!!! corrected", "Correction", "nav:"):
        assert must in text
    assert text.count("- [ ]") >= 6


def test_a_rebuild_reads_changed_rows_and_macros_again(tmp_path: Path) -> None:
    # `mkdocs serve` rebuilds in one process: after a build, the next one must import the
    # edited files, not reuse the modules loaded at start-up (run in a subprocess on a copy).
    root = _repo_copy(tmp_path)
    shutil.copytree(ROOT / "macros", root / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    script = (
        "import pathlib, macros\n"
        "from sysdesign_core import catalog\n"
        "assert catalog.TABLES['databases'].row('PostgreSQL').model == 'Relational'\n"
        "path = pathlib.Path('sysdesign_core/tables/storage.py')\n"
        "path.write_text(path.read_text().replace('model=\"Relational\"', 'model=\"Edited\"', 1))\n"
        "macros.on_post_build(None)\n"
        "from sysdesign_core import catalog\n"
        "print(catalog.TABLES['databases'].row('PostgreSQL').model)\n"
    )
    process = subprocess.run(
        [PYTHON, "-c", script],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.stdout.strip() == "Edited", process.stderr


def test_admonitions_are_found_indented_but_not_in_fences(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        '# A\n\n!!! corrected "Often said: \\"one\\""\n    Why.\n\n'
        '- item\n\n    ??? corrected "Common mistake: two"\n        Why.\n\n'
        '```text\n!!! corrected "Often said: an example"\n```\n'
    )
    assert list(admonitions(tmp_path)) == [("a.md", 3, '"one"'), ("a.md", 8, "two")]
