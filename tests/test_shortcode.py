"""The short-code permutation: a bijection on [0, space), codes of fixed length, invertible."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sysdesign_core import shortcode
from sysdesign_core.tables.concepts import SHORT_CODE_NOTES

KEY = b"test-key"


@pytest.mark.parametrize("space", [1, 2, 3, 62, 100, 1000, 62**2, 4097])
def test_permutation_is_a_bijection_within_the_range(space: int) -> None:
    images = [shortcode.permute(value, KEY, space) for value in range(space)]
    assert sorted(images) == list(range(space))
    assert all(
        shortcode.unpermute(image, KEY, space) == value for value, image in enumerate(images)
    )


def test_a_different_key_gives_a_different_permutation() -> None:
    first = [shortcode.permute(value, b"one", 1000) for value in range(1000)]
    second = [shortcode.permute(value, b"two", 1000) for value in range(1000)]
    assert first != second


def test_neighbouring_counters_do_not_give_neighbouring_codes() -> None:
    images = [shortcode.permute(value, KEY) for value in range(100)]
    steps = [abs(b - a) for a, b in zip(images, images[1:], strict=False)]
    assert min(steps) > 1000


@given(st.integers(min_value=0, max_value=shortcode.SPACE - 1))
def test_codes_have_seven_characters_and_decode_to_their_counter(counter: int) -> None:
    code = shortcode.short_code(counter, KEY)
    assert len(code) == shortcode.CODE_LENGTH
    assert set(code) <= set(shortcode.ALPHABET)
    assert 0 <= shortcode.decode(code) < shortcode.SPACE
    assert shortcode.counter_of(code, KEY) == counter


@pytest.mark.parametrize("value", [-1, shortcode.SPACE])
def test_values_outside_the_range_are_refused(value: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        shortcode.permute(value, KEY)


def test_a_64_bit_id_needs_eleven_characters() -> None:
    assert shortcode.SPACE == 62**7 < 2**42
    assert round(math.log2(shortcode.SPACE), 1) == 41.7
    assert shortcode.chars_for_bits(64) == 11
    assert 62**10 < 2**64 <= 62**11


def test_the_page_notes_carry_the_computed_figures() -> None:
    text = " ".join(f"{item.text} {item.detail}" for item in SHORT_CODE_NOTES.items)
    assert f"{62**7:,}" in text and "41.7" in text and "11 characters" in text
