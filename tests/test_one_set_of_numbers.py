"""One set of numbers: the cheat sheet's peak factor is the calculator's
default, and the Twitter walkthrough stores one size per tweet in its estimates, its
calculator and its monthly cost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.sheets import PageSheet
from sysdesign_core import get, run

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# ``name = record.field``: a sheet line quoting one output of a calculator called earlier.
FIELD = re.compile(r"^\s*(?P<record>\w+)\.(?P<field>\w+)\s*$")
STORAGE_FIELDS = {"storage_per_day", "storage_total"}
# ``s.inputs("cap")`` (an embedded calculator) or ``s.link("cap")`` (a prefilled link).
EMBEDDED = re.compile(r'\bs\.(?:inputs|link)\("(\w+)"\)')
TWITTER_PAGE = DOCS / "walkthroughs" / "twitter.md"


def test_the_cheat_sheet_states_the_calculators_peak_factor() -> None:
    default = get("capacity").input("peak_factor").default
    text = (DOCS / "cheatsheet.md").read_text(encoding="utf-8")
    (peak,) = [line for line in text.splitlines() if line.startswith("peak QPS")]
    rule = peak.split("(")[0]
    assert "× 4" not in rule and "×4" not in rule, f"the rule multiplies by 4: {peak!r}"
    assert re.search(rf"(?<![\d.]){re.escape(default)}(?![\d.])", peak), (
        f"the peak line does not state the calculator's default peak factor {default}: {peak!r}"
    )
    # Where each number comes from: the framework's section on the 80:20 rule and the peak.
    assert "capacity-estimation.md#the-8020-rule-and-the-peak" in text


@pytest.fixture(scope="module")
def twitter() -> PageSheet:
    return PageSheet("twitter", "walkthroughs/twitter.md")


def _storage_calls(sheet: PageSheet, page: str) -> dict[str, dict[str, str]]:
    """The capacity calls whose storage a reader sees, by the calling line's name: those a
    line of the sheet quotes storage from, and those the page embeds or links (the calculator
    shows storage)."""
    lines = sheet._sheet.lines
    capacity = {
        line.name: inputs for line in lines for calc, inputs in line.calls if calc == "capacity"
    }
    used = {name: capacity[name] for name in EMBEDDED.findall(page) if name in capacity}
    for line in lines:
        found = FIELD.match(line.expr or "")
        if found and found["record"] in capacity and found["field"] in STORAGE_FIELDS:
            used[found["record"]] = capacity[found["record"]]
    return used


def test_the_twitter_sheet_stores_one_size_per_tweet(twitter: PageSheet) -> None:
    page = TWITTER_PAGE.read_text(encoding="utf-8")
    calls = _storage_calls(twitter, page)
    assert calls, "the sheet estimates storage with capacity()"
    sizes = {run("capacity", inputs)["inputs"]["record_size"] for inputs in calls.values()}
    assert len(sizes) == 1, f"storage is estimated with more than one tweet size: {sizes}"
    (size,) = sizes
    # The cost's storage is those estimates' 5-year total, at the same size per tweet.
    ((calc, cost_inputs),) = twitter.line("cost_month").calls
    assert calc == "cost"
    stored = run("cost", cost_inputs)["inputs"]["storage"]
    for name, inputs in calls.items():
        done = run("capacity", inputs)
        per_tweet = stored / (
            done["inputs"]["dau"]
            * done["inputs"]["writes_per_user"]
            * 365.25
            * done["inputs"]["retention_years"]
            * done["inputs"]["replicas"]
        )
        assert per_tweet == pytest.approx(size), (
            f"the cost stores another size per tweet than {name}"
        )
        assert stored == pytest.approx(done["outputs"]["storage_total"]["value"]), name
    # The embedded calculator is one of those calls.
    assert 'calculator("capacity", **s.inputs("cap_rounded"))' in page and "cap_rounded" in calls


def test_the_twitter_page_quotes_storage_at_the_one_stored_size(twitter: PageSheet) -> None:
    text = TWITTER_PAGE.read_text(encoding="utf-8")
    quoted = set(re.findall(r"\bs\.([a-z_]\w*)\b", text))
    lines = twitter._sheet.lines
    capacity = {
        line.name: inputs for line in lines for calc, inputs in line.calls if calc == "capacity"
    }
    sizes = set()
    for line in lines:
        found = FIELD.match(line.expr or "")
        if line.name in quoted and found and found["field"] in STORAGE_FIELDS:
            sizes.add(run("capacity", capacity[found["record"]])["inputs"]["record_size"])
    assert len(sizes) == 1, f"the page quotes storage at more than one size per tweet: {sizes}"
    # The "Often said" storage box agrees with the estimates instead of offering a second
    # figure: it quotes the estimates' own storage lines, at the size the page names.
    box = text.split("Often said: “Storage")[1].split("\n\n")[0]
    assert "s.storage_day }}" in box and "s.storage_total }}" in box, box
    assert "we assume 1 KB per tweet all-in" not in text
    estimate = next(line for line in text.splitlines() if line.startswith("- **Storage:**"))
    assert "s.tweet_row" in estimate, "the storage estimate names the stored size per tweet"
    assert run("capacity", twitter.inputs("cap"))["inputs"]["record_size"] == pytest.approx(
        twitter.value("tweet_row")
    )
