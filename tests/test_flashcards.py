"""Flashcards: generated from the catalog and the calculators, studied on a page, and built
into an Anki deck that a test opens and reads back (a zip holding a SQLite collection)."""

from __future__ import annotations

import html
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from browser_support import AXE_SCRIPT, LIVE_TIMEOUT

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
    # Each deck lists its ids, and holds its cards in a <noscript> (built by the script).
    decks = re.findall(
        r'<div class="sd-deck" data-deck="[^"]+" data-cards="([0-9a-f ]+)">\s*<noscript>(.*?)'
        r"</noscript>\s*</div>",
        page,
        flags=re.DOTALL,
    )
    assert len(decks) == len(flashcards.decks())
    for listed, markup in decks:
        assert listed.split() == re.findall(r'<details class="sd-card" data-card="(\w+)"', markup)
    assert [i for listed, _ in decks for i in listed.split()] == ids
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


def _saved(page: Any) -> dict[str, Any]:
    saved: dict[str, Any] = page.evaluate("JSON.parse(localStorage.getItem('sd-flashcards-v1'))")
    return saved


def _open_study(context: Any, base_url: str) -> tuple[Any, list[str]]:
    """The flashcards page in ``context``, its study panel ready, and the page's uncaught
    errors (the list grows while the test runs)."""
    route_cdn(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + "practice/flashcards/")
    page.wait_for_selector("#sd-study:not([hidden])")
    return page, errors


# The card on show, found by its front in the page's static list (every front is different),
# whether its deck is built or still the markup of its <noscript>.
CARD_ON_SHOW = """() => {
    const front = document.querySelector("#sd-study-front").innerHTML;
    const find = (root) => [...root.querySelectorAll("details.sd-card")]
        .find((el) => el.querySelector(".sd-card__front").innerHTML === front);
    let card = find(document);
    for (const source of document.querySelectorAll("noscript")) {
        if (card) break;
        const template = document.createElement("template");
        template.innerHTML = source.innerHTML;
        card = find(template.content);
    }
    return card ? card.dataset.card : "";
}"""


def _card(page: Any) -> str:
    """The id of the card the panel shows ("" when there is none)."""
    return str(page.evaluate(CARD_ON_SHOW))


def _grade(page: Any, grade: int = 3) -> str:
    """Show the answer of the card on show and grade it; returns the graded card's id."""
    card = _card(page)
    assert card, page.locator("#sd-study-front").text_content()
    page.click('#sd-study [data-action="reveal"]')
    page.click(f'#sd-study [data-grade="{grade}"]')
    page.wait_for_selector("#sd-study-back[hidden]", state="attached")
    return card


def _choose(page: Any, deck: str) -> None:
    page.select_option("#sd-study-deck", value=deck)


def _deck_label(page: Any, deck: str) -> str:
    selector = f'#sd-study-deck option[value="{deck}"]'
    return str(page.locator(selector).text_content())


def test_study_with_the_keyboard_keeps_progress_and_works_offline(
    browser: Any, base_url: str
) -> None:
    context = browser.new_context()
    try:
        page, errors = _open_study(context, base_url)
        assert _card(page) == flashcards.cards()[0].id
        assert page.locator("#sd-study-back").is_hidden()
        card = _card(page)
        page.keyboard.press("Space")
        page.wait_for_selector("#sd-study-back:not([hidden])")
        assert page.locator("#sd-study-grades").is_visible()
        page.keyboard.press("3")
        page.wait_for_selector("#sd-study-back[hidden]", state="attached")
        assert _card(page) != card
        assert "Reviewed today: 1." in _status(page)
        assert "19 new left today (20 a day)" in _status(page)
        saved = _saved(page)
        assert len(saved["cards"]) == 1
        (state,) = saved["cards"].values()
        assert state["interval"] == 1 and state["reps"] == 1
        # "Again" brings a card back in this session: it stays in the store, due in a minute.
        page.keyboard.press("Space")
        page.keyboard.press("1")
        page.wait_for_selector("#sd-study-back[hidden]", state="attached")
        assert len(_saved(page)["cards"]) == 2

        page.wait_for_selector('html[data-sd-offline="ready"]', timeout=LIVE_TIMEOUT)
        context.unroute("**/*")
        context.route("**/*", lambda route: route.abort())
        context.set_offline(True)
        page.reload()
        page.wait_for_selector("#sd-study:not([hidden])")
        assert "Reviewed today: 2." in _status(page)
        page.keyboard.press("Space")
        page.wait_for_selector("#sd-study-back:not([hidden])")
        assert errors == []
    finally:
        context.close()


def test_the_reader_sets_new_cards_a_day_and_a_bad_value_loses_nothing(
    browser: Any, base_url: str
) -> None:
    """The number of new cards a day is the reader's, kept with the progress; a
    bad value says what to write and changes neither the number nor the progress."""
    context = browser.new_context()
    try:
        page, errors = _open_study(context, base_url)
        field = page.locator("#sd-study-per-day")
        error = page.locator("#sd-study-per-day-error")
        assert field.input_value() == "20" and error.is_hidden()
        _grade(page)
        field.fill("5")
        page.wait_for_selector("#sd-study-status:has-text('4 new left today (5 a day)')")
        assert _saved(page)["perDay"] == 5
        for bad, says in (
            ("500", "At most 200"),
            ("-1", "whole number"),
            ("2.5", "whole number"),
            ("1e3", "whole number"),
            ("", "how many new cards"),
        ):
            field.fill(bad)
            field.dispatch_event("change")
            assert error.is_visible(), bad
            assert says in str(error.text_content()) and "Still 5 new cards a day" in str(
                error.text_content()
            )
            assert error.get_attribute("role") == "alert"
            assert field.get_attribute("aria-invalid") == "true"
            assert "(5 a day)" in _status(page)
            saved = _saved(page)
            assert saved["perDay"] == 5 and len(saved["cards"]) == 1, bad
        page.reload()
        page.wait_for_selector("#sd-study:not([hidden])")
        assert page.locator("#sd-study-per-day").input_value() == "5"
        assert "4 new left today (5 a day)" in _status(page)
        field.fill("0")
        assert _card(page) == ""
        assert error.is_hidden() and field.get_attribute("aria-invalid") == "false"
        assert "0 new left today (0 a day)" in _status(page)
        assert "set to 0 a day" in str(page.locator("#sd-study-front").text_content())
        assert len(_saved(page)["cards"]) == 1 and errors == []
    finally:
        context.close()


def test_each_deck_offers_its_own_new_cards(browser: Any, base_url: str) -> None:
    """Once "All decks" has had its new cards for the day, a deck not studied
    today still offers its own, and the status and the deck list say what is due and new."""
    decks = flashcards.decks()
    context = browser.new_context()
    try:
        page, errors = _open_study(context, base_url)
        studied = {_grade(page) for _ in range(20)}
        assert _card(page) == ""  # "All decks" has had its 20 new cards
        untouched = next(d for d, cards in decks.items() if not {c.id for c in cards} & studied)
        touched = next(d for d, cards in decks.items() if {c.id for c in cards} & studied)
        _choose(page, untouched)
        assert _card(page) == decks[untouched][0].id
        fresh = min(20, len(decks[untouched]))
        assert f"This deck: 0 due now, {fresh} new left today (20 a day)" in _status(page)
        assert _deck_label(page, untouched) == f"{untouched} — 0 due, {fresh} new"
        assert _deck_label(page, "") == "All decks — 0 due, 0 new"
        _choose(page, "")
        assert "All decks: 0 due now, 0 new left today (20 a day)" in _status(page)
        assert "Each deck still offers its own new cards" in str(
            page.locator("#sd-study-front").text_content()
        )
        # A deck that gave cards to "All decks" today offers the rest of its share.
        _choose(page, touched)
        seen = len({c.id for c in decks[touched]} & studied)
        left = min(20 - seen, len(decks[touched]) - seen)
        assert f"This deck: 0 due now, {left} new left today" in _status(page)
        assert errors == []
    finally:
        context.close()


def test_study_ahead_leaves_the_schedule_alone(browser: Any, base_url: str) -> None:
    """Studying ahead goes through a deck's cards that are not due, new ones
    included, and grading them there changes no due date, no ease and no count."""
    deck, cards = next((d, c) for d, c in flashcards.decks().items() if 4 <= len(c) <= 8)
    context = browser.new_context()
    try:
        page, errors = _open_study(context, base_url)
        _choose(page, deck)
        _grade(page, 4)  # one card scheduled days ahead, the others new
        before = _saved(page)
        button = page.locator('#sd-study [data-action="ahead"]')
        assert button.get_attribute("aria-pressed") == "false"
        assert page.locator("#sd-study-ahead-note").is_hidden()
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        note = str(page.locator("#sd-study-ahead-note").text_content())
        assert page.locator("#sd-study-ahead-note").is_visible()
        assert "changes no due date and no ease" in " ".join(note.split())
        assert f"{len(cards)} cards to go" in _status(page)
        shown = [_grade(page, 1)]  # missed: it comes back in this session
        while _card(page):
            shown.append(_grade(page, 3))
        assert sorted(set(shown)) == sorted(card.id for card in cards)
        assert shown.count(shown[0]) == 2
        after = _saved(page)
        assert after["cards"] == before["cards"]
        assert after["newByDeck"] == before["newByDeck"] and after["newToday"] == 1
        assert "been through every card" in str(page.locator("#sd-study-front").text_content())
        button.click()
        assert _card(page) == cards[1].id
        assert f"This deck: 0 due now, {len(cards) - 1} new left today" in _status(page)
        assert page.locator("#sd-study-ahead-note").is_hidden() and errors == []
    finally:
        context.close()


def test_all_decks_takes_new_cards_from_deck_to_deck(browser: Any, base_url: str) -> None:
    """ "All decks" interleaves the decks instead of finishing one first."""
    decks = list(flashcards.decks())
    context = browser.new_context()
    try:
        page, errors = _open_study(context, base_url)
        seen = []
        for _ in range(6):
            seen.append(str(page.locator("#sd-study-deck-name").text_content()))
            _grade(page)
        assert seen == decks[:6]  # in turn: the first card of each deck, then the second…
        assert errors == []
    finally:
        context.close()


def _box(page: Any, selector: str) -> dict[str, float]:
    box: dict[str, float] | None = page.locator(selector).bounding_box()
    assert box, selector
    return box


def test_on_a_phone_the_grades_and_the_answer_are_in_view(browser: Any, base_url: str) -> None:
    """At 390×844, once the answer shows, all four grades are on the screen and
    cover none of it (a short card; and the card with the longest answer, taller than the
    screen, once the reader has scrolled to its end)."""
    longest = max(flashcards.cards(), key=lambda card: len(card.back))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page, errors = _open_study(context, base_url)
        for deck in ("", longest.deck):
            _choose(page, deck)
            while deck and _card(page) != longest.id:
                _grade(page)
            page.evaluate("window.scrollTo(0, 0)")
            page.click('#sd-study [data-action="reveal"]')
            page.wait_for_selector("#sd-study-back:not([hidden])")
            header = _box(page, ".md-header")
            card, back = _box(page, "#sd-study-card"), _box(page, "#sd-study-back")
            assert card["y"] >= header["y"] + header["height"], (deck, card)
            first = _box(page, '#sd-study [data-grade="1"]')
            if back["y"] + back["height"] > first["y"]:
                # An answer taller than the screen: the reader scrolls to its end, and the
                # pinned grades stay in view and end up under it.
                page.evaluate(f"window.scrollBy(0, {back['y'] + back['height'] - first['y']})")
                back = _box(page, "#sd-study-back")
            for grade in range(1, 5):
                button = _box(page, f'#sd-study [data-grade="{grade}"]')
                assert button["y"] >= 0 and button["y"] + button["height"] <= 844, (deck, button)
                assert button["y"] >= back["y"] + back["height"] - 1, (deck, button, back)
            page.click('#sd-study [data-grade="3"]')
        assert errors == []
    finally:
        context.close()


AXE_PANEL = """async () => (await axe.run("#sd-study", {resultTypes: ["violations"]})).violations
    .map((v) => v.impact + " " + v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", "))"""


def test_the_study_panel_is_accessible_in_each_state(browser: Any, base_url: str) -> None:
    """axe finds nothing in the panel with an answer shown, a bad number and study ahead on,
    in both colour schemes."""
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        try:
            context.add_init_script(path=str(AXE_SCRIPT))
            page, errors = _open_study(context, base_url)
            page.click('#sd-study [data-action="reveal"]')
            page.locator("#sd-study-per-day").fill("300")
            page.click('#sd-study [data-action="ahead"]')
            page.click('#sd-study [data-action="reveal"]')
            page.mouse.move(0, 0)  # no hover colours
            assert page.evaluate(AXE_PANEL) == []
            assert errors == []
        finally:
            context.close()


def test_cards_html_keeps_each_deck_in_a_noscript() -> None:
    """Each deck: its heading, then a box naming its cards' ids in order around a <noscript>
    that holds them, so a browser running scripts does not build them up front."""
    markup = flashcard_hooks.cards_html()
    decks = flashcards.decks()
    assert markup.count("<noscript>") == markup.count("</noscript>") == len(decks)
    for deck, cards in decks.items():
        ids = " ".join(card.id for card in cards)
        opening = f'<div class="sd-deck" data-deck="{html.escape(deck)}" data-cards="{ids}">'
        start = markup.index(opening)
        inside = markup[start : markup.index("</noscript>", start)]
        assert inside.startswith(opening + "\n<noscript>\n")
        assert re.findall(r'data-card="(\w+)"', inside) == ids.split()


def test_a_card_cannot_end_its_deck_early(monkeypatch: pytest.MonkeyPatch) -> None:
    """A card whose text would close the <noscript> fails the build, naming the card."""
    card = flashcards.Card(id="0" * 12, deck="D", front="a </noscript> b", back="c")
    monkeypatch.setattr(flashcards, "cards", lambda: [card])
    with pytest.raises(ValueError, match="000000000000"):
        flashcard_hooks.cards_html()


def test_the_list_builds_decks_as_they_near_the_screen(browser: Any, base_url: str) -> None:
    """With scripts, a phone builds the cards of the decks near the screen, not all of them;
    the rest come as the reader scrolls, and every card before printing."""
    decks = flashcards.decks()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page, errors = _open_study(context, base_url)
        built = page.locator(".sd-deck > details.sd-card")
        assert built.count() < len(flashcards.cards()) // 4
        last = list(decks)[-1]
        deck = page.locator(f'.sd-deck[data-deck="{last}"]')
        assert deck.locator(":scope > details.sd-card").count() == 0
        page.locator(f"#deck-{flashcard_hooks._slug(last)}").scroll_into_view_if_needed()
        deck.locator(":scope > details.sd-card").first.wait_for()
        assert deck.locator(":scope > details.sd-card").count() == len(decks[last])
        card = deck.locator(":scope > details.sd-card").first
        card.locator("summary").click()
        assert card.locator(".sd-card__back").is_visible()
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert built.count() == len(flashcards.cards())
        assert errors == []
    finally:
        context.close()


def test_after_instant_navigation_the_cards_still_work(browser: Any, base_url: str) -> None:
    """Material's instant navigation parses the page with scripts off (its <noscript>s hold
    elements then): the study panel and the list work all the same."""
    decks = flashcards.decks()
    context = browser.new_context()
    try:
        route_cdn(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        with page.expect_response("**/sitemap.xml"):
            page.goto(base_url + "practice/interview/")
        page.evaluate("window.sdSamePage = true")
        page.click('.md-nav a[href$="practice/flashcards/"] >> nth=0')
        page.wait_for_selector("#sd-study:not([hidden])")
        assert page.evaluate("window.sdSamePage === true")  # no new document: instant
        assert page.locator(".sd-deck > noscript > details.sd-card").count() > 0
        assert _card(page) == flashcards.cards()[0].id
        _grade(page)
        last = list(decks)[-1]
        page.locator(f"#deck-{flashcard_hooks._slug(last)}").scroll_into_view_if_needed()
        deck = page.locator(f'.sd-deck[data-deck="{last}"]')
        deck.locator(":scope > details.sd-card").first.wait_for()
        assert deck.locator(":scope > details.sd-card").count() == len(decks[last])
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


def test_page_script_reads_the_number_and_takes_decks_in_turn(browser: Any, base_url: str) -> None:
    """readPerDay and interleave of flashcards.js: what a reader may type, and the order of
    "All decks"."""
    page = browser.new_page()
    try:
        page.goto(base_url + "practice/flashcards/")
        got = page.evaluate(
            """async (url) => {
                const { readPerDay, interleave } = await import(url);
                const typed = ["0", " 35 ", "200", "201", "-1", "2.5", "1e3", "", "abc"];
                return {
                    read: typed.map((text) => readPerDay(text).perDay ?? null),
                    errors: typed.map((text) => readPerDay(text).error ?? ""),
                    turns: interleave([[1, 2, 3], [4], [], [5, 6]]),
                };
            }""",
            base_url + "javascripts/flashcards.js",
        )
        assert got["read"] == [0, 35, 200, None, None, None, None, None, None]
        assert all(got["errors"][i] for i in range(3, 9)) and not any(got["errors"][:3])
        assert got["turns"] == [1, 4, 5, 2, 6, 3]
    finally:
        page.close()
