"""Pages speak to readers: no rendered text names the site's source notes.

Readers never see "the seed", "seed 003", "the slides" or "source notes". The built site is
scanned as a reader meets it (visible text, labels and the data the interview mode renders;
not scripts or styles); the drills page is let off its own word "seed", the number that picks
a random drill. The catalog check (``python -m sysdesign_core.validate``, part of
``make check``) flags the same words in the Markdown, the catalog and the calculators.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sysdesign_core import catalog
from sysdesign_core.validate import (
    INTERNAL_WORDING,
    ROOT,
    internal_wording,
    problems,
    voice_problems,
)

DRILLS = "practice/drills/"
# On the drills page "seed" is the drill's number; everything else is still checked there.
_DRILLS_WORDING = re.compile(
    r"\bseed\s*00\d|\bthe\s+slides\b|\bsource\s+notes\b|\bseed notes\b", re.IGNORECASE
)
# Attributes whose values a reader meets: labels, and data-json (data a page renders as text,
# like the interview mode's steps, problems and checkpoints).
_LABELS = ("alt", "title", "aria-label", "placeholder", "data-json")


class _ReaderText(HTMLParser):
    """The text a reader meets: text nodes and labels, minus scripts and styles (JSON data
    that a page renders, like the interview mode's steps, is kept)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style") and values.get("type") != "application/json":
            self._skip += 1
        self.parts.extend(value for key, value in attrs if key in _LABELS and value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def reader_text(html: str) -> str:
    """The reader-facing text of one HTML page, as one string."""
    parser = _ReaderText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _offending(page: str, text: str) -> list[str]:
    pattern = _DRILLS_WORDING if page == DRILLS else INTERNAL_WORDING
    return [text[max(0, m.start() - 60) : m.end() + 60] for m in pattern.finditer(text)]


def test_reader_text_keeps_labels_and_json_and_drops_scripts() -> None:
    html = (
        '<p>Hello <b>there</b></p><img alt="a chart"><script>var seed = 1</script>'
        '<script type="application/json">{"cue": "Say it"}</script><style>.seed{}</style>'
        '<div data-json="{&quot;cue&quot;: &quot;Ask first&quot;}" hidden></div>'
    )
    text = reader_text(html)
    assert "Hello there" in text and "a chart" in text and "Say it" in text
    assert "Ask first" in text
    assert "seed" not in text


def test_internal_wording_is_recognised_and_words_that_merely_contain_it_are_not() -> None:
    assert internal_wording("Seed 003 says so; the slides agree; see the source notes") == [
        "Seed 003",
        "the slides",
        "source notes",
    ]
    assert internal_wording("The seed's table") == ["seed"]
    assert internal_wording("seedling, seeded, proceeds, slideshow") == []


def test_the_drills_page_may_say_seed_but_not_the_rest() -> None:
    assert _offending(DRILLS, "Enter a seed to share the drill") == []
    assert _offending(DRILLS, "as seed 003 shows") != []
    assert _offending("checklist/", "the seed's slots") != []


def test_validate_flags_internal_wording_in_a_page(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nAs the slides say, 45 minutes.\n", encoding="utf-8")
    (tmp_path / "practice").mkdir()
    (tmp_path / "practice" / "drills.md").write_text("Pick a seed.\n", encoding="utf-8")
    found = list(voice_problems([], [], tmp_path))
    assert len(found) == 1 and found[0].startswith("docs/a.md:3: says 'the slides'"), found


def test_validate_flags_a_correction_title_without_a_reader_prefix(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text('# A\n\n!!! corrected "Corrected: x"\n    Why.\n')
    found = list(problems([], [], tmp_path))
    assert any("must start with 'Often said: ' or 'Common mistake: '" in line for line in found)


def test_the_repository_passes_the_voice_check() -> None:
    found = list(voice_problems(catalog.TABLES.values(), catalog.LISTS.values(), ROOT / "docs"))
    assert found == []


@pytest.mark.parametrize("marker", ["Often said: ", "Common mistake: "])
def test_correction_boxes_are_titled_for_readers(site_dir: Path, marker: str) -> None:
    titles = []
    for path in site_dir.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        titles += re.findall(r'class="admonition-title">([^<]*)<', html)
    assert any(title.startswith(marker) for title in titles)
    assert not any(title.startswith("Corrected") for title in titles)


def test_no_rendered_page_names_the_source_notes(site_dir: Path) -> None:
    offending = {}
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        page = path.parent.relative_to(site_dir).as_posix() + "/"
        found = _offending(page, reader_text(path.read_text(encoding="utf-8")))
        if found:
            offending[page] = found
    assert offending == {}
