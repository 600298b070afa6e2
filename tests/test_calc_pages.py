"""Every registered calculator has its page, is linked from the index, and is in the API page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
    assert re.search(rf"```bash\nsysdesign {calc_id}\b", source), "needs a tested command"
    assert f"]({Path(page).name})" in INDEX
    assert page in NAV


@pytest.mark.parametrize("calc", calculators(), ids=lambda calc: calc.id)
def test_api_page_names_every_input_and_output(calc: object) -> None:
    assert f"### `{calc.id}`" in API
    section = API.split(f"### `{calc.id}`", 1)[1].split("### ", 1)[0]
    for item in (*calc.inputs, *calc.outputs):
        assert f"- `{item.name}`" in section


def test_capacity_links_onward() -> None:
    source = (DOCS / "calculators" / "capacity.md").read_text(encoding="utf-8")
    for target in ("servers", "cache", "shards"):
        assert f'calc_link("{target}"' in source
        assert f'data-onward="{target}"' in source
    assert "javascripts/onward.js" in NAV
