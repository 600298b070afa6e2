"""Flashcards: generated from the catalog and the calculators, studied on a page, and built
into an Anki deck that a test opens and reads back (a zip holding a SQLite collection)."""

from __future__ import annotations

import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from browser_support import LIVE_TIMEOUT

from macros import flashcard_hooks
from sysdesign_core import catalog, flashcards, run
from tools.cdn import route_cdn


def test_ids_are_unique_and_texts_filled() -> None:
    cards = flashcards.cards()
    assert len({card.id for card in cards}) == len(cards)
    for card in cards:
        assert re.fullmatch(r"[0-9a-f]{12}", card.id)
        assert card.front.strip() and card.back.strip() and card.deck.strip()


def test_every_row_and_list_has_its_cards() -> None:
    cards = flashcards.cards()
    decks = flashcards.decks(cards)
    for name, table in catalog.TABLES.items():
        if name in flashcards.SKIP_TABLES:
            continue
        deck = "Corrections" if name == "corrections" else table.title
        fronts = " ".join(card.front for card in decks[deck])
        for row in table.rows:
            assert flashcards.plain_links(row.name) in fronts, (name, row.name)
    for item_list in catalog.LISTS.values():
        assert any(
            f"name the {len(item_list.items)} items" in c.front for c in decks[item_list.title]
        )


def test_numeric_cards_are_computed_by_the_calculators() -> None:
    cards = {card.front: card for card in flashcards.cards()}
    card = cards["99.95% availability — downtime per month?"]
    month = run("availability", {"availability": "99.95%"})["outputs"]["downtime_month"]["text"]
    assert card.back.startswith(f"**{month}** a month")
    burn = cards["SLO 99.9% over 30 days, burning at 14.4× for 1 hour — share of the budget spent?"]
    assert burn.back.startswith("**2%**")


def test_ids_survive_a_reworded_row() -> None:
    """A card's id depends on its table and row name, not on the wording of its answer."""
    table = catalog.TABLES["rate_limiting"]
    row = table.rows[0]
    before = flashcards._row_card(table, row)
    reworded = type(row)(**{**row.__dict__, "behaviour": "Something else entirely"})
    after = flashcards._row_card(table, reworded)
    assert before.id == after.id and before.back != after.back


def test_no_link_to_a_page_of_the_site_is_left() -> None:
    for card in flashcards.cards():
        for text in (card.front, card.back):
            assert not re.search(r"\]\((?!https?://)", text), (card.front, text)


def _read_deck(path: Path) -> dict[str, list[str]]:
    """The notes of an Anki package by their Id field: [id, front, back, deck]."""
    with zipfile.ZipFile(path) as package:
        assert "collection.anki2" in package.namelist()
        data = package.read("collection.anki2")
    # Read in a directory of its own: the package may be the built site's (shared by tests).
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "collection.anki2"
        db_path.write_bytes(data)
        connection = sqlite3.connect(db_path)
        try:
            rows = connection.execute("SELECT flds FROM notes").fetchall()
            cards = connection.execute("SELECT count(*) FROM cards").fetchone()[0]
        finally:
            connection.close()
    notes = {fields[0]: fields for fields in (row[0].split("\x1f") for row in rows)}
    assert cards == len(notes)
    return notes


def test_deck_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    count = flashcard_hooks.write_deck(path)
    notes = _read_deck(path)
    cards = flashcards.cards()
    assert count == len(notes) == len(cards)
    assert set(notes) == {card.id for card in cards}
    card = next(c for c in cards if c.front.startswith("99.95% availability"))
    note = notes[card.id]
    assert note[1] == "99.95% availability — downtime per month?"
    month = run("availability", {"availability": "99.95%"})["outputs"]["downtime_month"]["text"]
    assert f"<strong>{month}</strong>" in note[2]
    assert note[3] == "Numbers to know"
    assert "Where this is taught" not in note[2]  # no site address given: no link


def test_deck_links_to_the_site(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    flashcard_hooks.write_deck(path, "https://example.org/sd/")
    notes = _read_deck(path)
    card = next(c for c in flashcards.cards() if c.front.startswith("99.95% availability"))
    assert '<a href="https://example.org/sd/calculators/availability/">' in notes[card.id][2]
    assert all("Where this is taught" in note[2] for note in notes.values())


def test_the_built_site_carries_the_deck_and_the_static_cards(site_dir: Path) -> None:
    notes = _read_deck(site_dir / flashcard_hooks.DECK_FILE)
    assert len(notes) == len(flashcards.cards())
    page = (site_dir / "practice" / "flashcards" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<details class="sd-card" data-card="([0-9a-f]{12})"', page)
    assert set(ids) == set(notes)
    assert 'href="../../sysdesign.apkg"' in page
    # Every card links to the page that teaches it, and that page was built.
    links = re.findall(r'<a href="\.\./\.\./([^"]*)">Where this is taught</a>', page)
    assert len(links) == len(ids)
    for link in set(links):
        assert (site_dir / link / "index.html").is_file(), link
    # A download, not a page: every first visit would fetch it if the service worker
    # precached it.
    assert "sysdesign.apkg" not in (site_dir / "sw.js").read_text(encoding="utf-8")


def _status(page: Any) -> str:
    return str(page.locator("#sd-study-status").text_content())


def test_study_with_the_keyboard_keeps_progress_and_works_offline(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context()
    try:
        route_cdn(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base_url + "practice/flashcards/")
        page.wait_for_selector("#sd-study:not([hidden])")
        first = page.locator("#sd-study-front").inner_html()
        assert first == page.locator("details.sd-card .sd-card__front").first.inner_html()
        assert page.locator("#sd-study-back").is_hidden()
        page.keyboard.press("Space")
        page.wait_for_selector("#sd-study-back:not([hidden])")
        assert page.locator("#sd-study-grades").is_visible()
        page.keyboard.press("3")
        page.wait_for_function(
            "f => document.querySelector('#sd-study-front').innerHTML !== f", arg=first
        )
        assert "Reviewed today: 1" in _status(page)
        assert "New left today: 19" in _status(page)
        saved = page.evaluate("JSON.parse(localStorage.getItem('sd-flashcards-v1'))")
        assert len(saved["cards"]) == 1
        (state,) = saved["cards"].values()
        assert state["interval"] == 1 and state["reps"] == 1
        # "Again" brings a card back in this session: it stays in the store, due in a minute.
        page.keyboard.press("Space")
        page.keyboard.press("1")
        page.wait_for_function(
            "() => Object.keys(JSON.parse(localStorage.getItem('sd-flashcards-v1')).cards)"
            ".length === 2"
        )

        page.wait_for_selector('html[data-sd-offline="ready"]', timeout=LIVE_TIMEOUT)
        context.unroute("**/*")
        context.route("**/*", lambda route: route.abort())
        context.set_offline(True)
        page.reload()
        page.wait_for_selector("#sd-study:not([hidden])")
        assert "Reviewed today: 2" in _status(page)
        page.keyboard.press("Space")
        page.wait_for_selector("#sd-study-back:not([hidden])")
        assert errors == []
    finally:
        context.close()


def test_without_javascript_every_card_is_listed(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + "practice/flashcards/")
        assert page.locator("#sd-study").is_hidden()
        count = page.locator("details.sd-card").count()
        assert count == len(flashcards.cards())
        card = page.locator("details.sd-card").first
        card.locator("summary").click()
        assert card.locator(".sd-card__back").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("grade", [2, 3, 4])
def test_schedule_in_the_page_script_grows_the_gap(browser: Any, base_url: str, grade: int) -> None:
    """The scheduling function of flashcards.js: each pass lengthens the gap, Again resets."""
    page = browser.new_page()
    try:
        page.goto(base_url + "practice/flashcards/")
        gaps = page.evaluate(
            """async ([url, grade]) => {
                const { schedule } = await import(url);
                let card = null;
                const gaps = [];
                for (let i = 0; i < 4; i++) {
                    card = schedule(card, grade, 0);
                    gaps.push(card.interval);
                }
                const again = schedule(card, 1, 0);
                return { gaps, again: again.interval, due: again.due, lapses: again.lapses };
            }""",
            [base_url + "javascripts/flashcards.js", grade],
        )
        assert gaps["gaps"] == sorted(gaps["gaps"]) and gaps["gaps"][-1] > gaps["gaps"][0]
        assert gaps["again"] == 0 and gaps["due"] == 60_000 and gaps["lapses"] == 1
    finally:
        page.close()
