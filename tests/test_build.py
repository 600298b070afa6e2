"""The real strict build: no warning, macros strict, the core archive in place."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from macros import bundle_hooks, render
from sysdesign_core import InputError
from tools.chromium import ROOT


def test_build_has_no_warning(built_site: tuple[Path, str, int]) -> None:
    _, log, _ = built_site
    assert not re.search(r"^(WARNING|ERROR)", log, re.MULTILINE), log


def test_macros_are_strict() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["on_undefined"] == "strict"
    assert macros["on_error_fail"] == "true"
    assert config["strict"] == "true"


def test_unknown_names_fail_loudly() -> None:
    with pytest.raises(KeyError, match="no catalog table"):
        render.table("no_such_table")
    with pytest.raises(KeyError, match="unknown calculator"):
        render.calculator("no_such_calculator")
    with pytest.raises(InputError, match="dau"):
        render.calculator("capacity", dau="lots")


def test_core_archive_is_shipped_and_importable(site_dir: Path) -> None:
    archives = list((site_dir / "assets").glob("sysdesign_core.*.zip"))
    assert len(archives) == 1
    names = zipfile.ZipFile(archives[0]).namelist()
    assert "sysdesign_core/__init__.py" in names and "sysdesign_core/widget.py" in names
    html = (site_dir / "calculators" / "capacity" / "index.html").read_text()
    assert archives[0].name in html


def test_calculator_form_is_complete_without_javascript(site_dir: Path) -> None:
    html = (site_dir / "calculators" / "capacity" / "index.html").read_text()
    form = re.search(
        r'<form class="sd-calc" data-calc="capacity" data-state="static".*?</form>', html, re.DOTALL
    )
    assert form, "the capacity form is missing"
    assert '<output name="write_qps"' in form.group(0)
    assert "11.6K/s</output>" in form.group(0)
    assert 'id="capacity-dau"' in form.group(0) and 'name="dau"' in form.group(0)
    # The input is described by its reading ("= 500,000,000") and its error box (the last id).
    assert 'aria-describedby="capacity-dau-reading capacity-dau-error"' in form.group(0)
    assert (
        '<span class="sd-calc__reading" id="capacity-dau-reading" aria-live="polite">'
        "= 500,000,000</span>"
    ) in form.group(0)
    assert "data-stale" not in form.group(0)  # set by the runtime only
    assert 'id="capacity-dau-error" class="sd-calc__error" role="alert" hidden' in form.group(0)


@pytest.mark.parametrize(
    ("term", "page"),
    [
        ("Cassandra", "toolbox/databases/"),
        ("token bucket", "framework/failure-modes/"),
        ("PACELC", "concepts/cap-pacelc/"),
        ("Snowflake", "concepts/unique-ids/"),
        ("consistent hashing", "concepts/consistent-hashing/"),
    ],
)
def test_search_finds_the_page_for_a_term(site_dir: Path, term: str, page: str) -> None:
    import json

    index = json.loads((site_dir / "search" / "search_index.json").read_text())
    hits = {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if term.lower() in (doc["title"] + " " + doc["text"]).lower()
    }
    assert page in hits, f"search for {term!r} misses {page}"


def test_materials_bundle_carries_the_compile_hint_once(site_dir: Path, tmp_path: Path) -> None:
    bundles = list((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    data = bundles[0].read_bytes()
    assert data.startswith(bundle_hooks.HINT) and data.count(bundle_hooks.HINT) == 1
    copy = tmp_path / "bundle.min.js"
    copy.write_bytes(b'"use strict";')
    assert bundle_hooks.add_hint(copy) and not bundle_hooks.add_hint(copy)  # serve builds again
    assert copy.read_bytes() == bundle_hooks.HINT + b'"use strict";'
