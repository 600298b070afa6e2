"""Every registered calculator has its page, is linked from the index, and is in the API page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import render
from sysdesign_core import calculators

DOCS = Path(__file__).resolve().parent.parent / "docs"
INDEX = (DOCS / "calculators" / "index.md").read_text(encoding="utf-8")
API = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
NAV = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("calc", calculators(), ids=lambda calc: calc.id)
def test_page_exists_embeds_the_calculator_and_is_linked(calc: object) -> None:
    page = calc.page
    calc_id = calc.id
    source = (DOCS / page).read_text(encoding="utf-8")
    assert source.startswith("---\ndescription: ")
    assert f'calculator("{calc_id}")' in source
    # a tested command: a bash fence (run by test_docs) or the live line (test_cli_line)
    tested = re.search(rf"```bash\nsysdesign {calc_id}\b", source) or (
        f'cli_line("{calc_id}"' in source
    )
    assert tested, "needs a tested command"
    assert f"]({Path(page).name})" in INDEX
    assert page in NAV


def test_api_page_is_generated_from_the_registry() -> None:
    assert "{{ api_calculators() }}" in API and "{{ api_modules() }}" in API
    assert "### `" not in API, "calculator sections are generated, not typed"


@pytest.mark.parametrize("calc", calculators(), ids=lambda calc: calc.id)
def test_api_sections_name_every_input_and_output(calc: object) -> None:
    generated = render.api_calculators()
    assert f"### `{calc.id}` — {calc.title}" in generated
    section = generated.split(f"### `{calc.id}`", 1)[1].split("### ", 1)[0]
    for item in (*calc.inputs, *calc.outputs):
        assert f"- `{item.name}` — {item.label} (" in section
    assert f"[Page](../{calc.page})" in section


def test_api_modules_cover_every_calculator_module() -> None:
    blocks = render.api_modules()
    for calc in calculators():
        assert f"::: {calc.compute.__module__}\n" in blocks
    assert blocks.startswith("::: sysdesign_core.registry")


def test_capacity_links_onward() -> None:
    source = (DOCS / "calculators" / "capacity.md").read_text(encoding="utf-8")
    for target in ("servers", "cache", "shards", "cost"):
        assert f'onward_link("{target}")' in source  # exact inputs: sysdesign_core.onward
        assert f'data-onward="{target}"' in source
    assert "javascripts/onward.js" in NAV
