"""mkdocs hooks for the flashcards: the cards as static HTML on their page, and an Anki deck.

- ``on_page_markdown`` replaces ``<!-- sd:flashcards -->`` on ``practice/flashcards.md``
  with every card from :func:`sysdesign_core.flashcards.cards`, grouped by deck, each a
  ``<details>`` element. A deck's cards sit in a ``<noscript>``: without JavaScript the
  browser shows them as they are, and with it the browser reads them as text, so a phone does
  not build ~7,000 elements before the page can respond; ``flashcards.js`` builds a deck's
  cards when it nears the screen and studies them (the deck's ``data-cards`` lists its ids).
- ``on_post_build`` writes the same cards to ``site/sysdesign.apkg`` with genanki. Note and
  deck ids are fixed and each note's guid comes from its card id, so re-importing an updated
  deck updates the cards in Anki and keeps their review history.

A missing placeholder fails the build.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import markdown

PAGE = "practice/flashcards.md"
MARK = "<!-- sd:flashcards -->"
DECK_FILE = "sysdesign.apkg"
DECK_NAME = "sysdesign"
# Random, fixed once: Anki recognises the deck and the note type by these on every import.
DECK_ID = 1_734_920_561
MODEL_ID = 1_607_392_319

_CSS = (
    ".card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; "
    "max-width: 40em; margin: 1em auto; line-height: 1.45; } "
    ".deck { font-size: 13px; color: #666; } code { font-size: 0.9em; }"
)

# Imported inside each function, not here: `make serve` drops the core from sys.modules after
# every build (macros/__init__.py), and a name bound at import time would keep stale cards.


def to_html(text: str, inline: bool = False) -> str:
    """Markdown to HTML on one line (the page embeds it in a raw HTML block)."""
    rendered = str(markdown.markdown(text, extensions=["sane_lists"]))
    if inline:
        rendered = re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.DOTALL)
    return rendered.replace("\n", " ")


DOCS = Path(__file__).resolve().parent.parent / "docs"
_SHOWN = re.compile(r"""\b(?:table|items)\(\s*["']([\w-]+)["']""")


def pages_showing() -> dict[str, str]:
    """Catalog table or list name -> the docs-relative page that shows it (first by path;
    practice pages and the cheat sheet last: a card sends its reader to where it is taught)."""
    found: dict[str, str] = {}

    def last(path: Path) -> tuple[bool, str]:
        rel = path.relative_to(DOCS).as_posix()
        return rel.startswith("practice/") or rel == "cheatsheet.md", rel

    paths = sorted(DOCS.rglob("*.md"), key=last)
    for path in paths:
        for name in _SHOWN.findall(path.read_text(encoding="utf-8")):
            found.setdefault(name, path.relative_to(DOCS).as_posix())
    return found


def card_page(card: Any, shown: dict[str, str]) -> str:
    """The page a card sends its reader to, or "" when no page shows its source."""
    return str(card.page or shown.get(card.origin, ""))


def page_url(path: str) -> str:
    """The directory URL of a docs-relative page: ``a/b.md`` -> ``a/b/``."""
    stem = path.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def cards_html() -> str:
    """Every card as Markdown headings (one per deck) and one ``<details>`` per card."""
    from sysdesign_core import flashcards

    all_cards = flashcards.cards()
    shown = pages_showing()
    parts = [f'<p class="sd-cards__count">{len(all_cards)} cards.</p>', ""]
    for deck, deck_cards in flashcards.decks(all_cards).items():
        ids = " ".join(card.id for card in deck_cards)
        parts += [f"### {deck} {{ #deck-{_slug(deck)} }}", ""]
        parts.append(f'<div class="sd-deck" data-deck="{html.escape(deck)}" data-cards="{ids}">')
        parts.append("<noscript>")
        for card in deck_cards:
            page = card_page(card, shown)
            more = (
                f'<p class="sd-card__more"><a href="../../{page_url(page)}">Where this is '
                "taught</a></p>"
                if page
                else ""
            )
            markup = (
                f'<details class="sd-card" data-card="{card.id}">'
                f'<summary class="sd-card__front">{to_html(card.front, inline=True)}</summary>'
                f'<div class="sd-card__back">{to_html(card.back)}{more}</div></details>'
            )
            if "</noscript" in markup.lower():
                raise ValueError(f"card {card.id} ({card.front!r}) would end its deck's <noscript>")
            parts.append(markup)
        parts += ["</noscript>", "</div>", ""]
    return "\n".join(parts)


def on_page_markdown(markdown_text: str, page: Any, **_: Any) -> str:
    if page.file.src_uri != PAGE:
        return markdown_text
    if MARK not in markdown_text:
        raise ValueError(f"{PAGE} lost its placeholder {MARK}")
    return markdown_text.replace(MARK, cards_html())


def write_deck(path: Path, site_url: str = "") -> int:
    """Write every card to an Anki package at ``path``; returns the number of notes.

    With ``site_url``, each answer ends with a link to the page that teaches it.
    """
    import genanki

    from sysdesign_core import flashcards

    model = genanki.Model(
        MODEL_ID,
        "sysdesign card",
        fields=[{"name": "Id"}, {"name": "Front"}, {"name": "Back"}, {"name": "Deck"}],
        templates=[
            {
                "name": "Card",
                "qfmt": '<div class="card"><p class="deck">{{Deck}}</p>{{Front}}</div>',
                "afmt": '{{FrontSide}}<hr id="answer"><div class="card">{{Back}}</div>',
            }
        ],
        css=_CSS,
        sort_field_index=1,
    )
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    all_cards = flashcards.cards()
    shown = pages_showing()
    for card in all_cards:
        page = card_page(card, shown)
        more = (
            f'<p><a href="{html.escape(site_url + page_url(page))}">Where this is taught</a></p>'
            if page and site_url
            else ""
        )
        note = genanki.Note(
            model=model,
            fields=[
                card.id,
                to_html(card.front, inline=True),
                to_html(card.back) + more,
                html.escape(card.deck),
            ],
            guid=genanki.guid_for("sysdesign", card.id),
            tags=["sysdesign", _slug(card.deck)],
        )
        deck.add_note(note)
    path.parent.mkdir(parents=True, exist_ok=True)
    genanki.Package(deck).write_to_file(str(path))
    return len(all_cards)


def on_post_build(config: Any, **_: Any) -> None:
    site_url = str(config.get("site_url") or "")
    write_deck(Path(config["site_dir"]) / DECK_FILE, site_url if site_url.endswith("/") else "")
