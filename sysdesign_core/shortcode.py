"""Short codes: a keyed permutation of a counter into fixed-length base-62 codes.

A URL shortener wants codes that are short, unique without a lookup, and not guessable in
sequence. A 64-bit ID (a Snowflake ID, say) cannot give 7 characters: 62^7 is only about
2^41.7, and a 64-bit value needs 11 base-62 characters. Instead, count 0, 1, 2, … and
permute the counter *within* [0, 62^7) with a keyed Feistel network, walking the cycle until
the result falls inside the range. Distinct counters give distinct codes (the permutation is
a bijection), every code has exactly 7 characters, and neighbours look unrelated.

>>> SPACE == 62**7
True
>>> short_code(0, b"demo-key"), short_code(1, b"demo-key")
('K6CosHL', 'A6jFo6l')
>>> counter = 123_456
>>> code = short_code(counter, b"demo-key")
>>> len(code), counter_of(code, b"demo-key") == counter
(7, True)
>>> sorted(permute(i, b"k", 1000) for i in range(1000)) == list(range(1000))
True
"""

from __future__ import annotations

import hashlib
import math

__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "SPACE",
    "ROUNDS",
    "chars_for_bits",
    "permute",
    "unpermute",
    "encode",
    "decode",
    "short_code",
    "counter_of",
]

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""The 62 symbols of a base-62 code, in digit order."""

CODE_LENGTH = 7
"""Characters per short code."""

SPACE = len(ALPHABET) ** CODE_LENGTH
"""How many distinct codes of :data:`CODE_LENGTH` characters exist (62^7)."""

ROUNDS = 4
"""Feistel rounds; four keyed rounds make a strong pseudo-random permutation (Luby–Rackoff)."""


def chars_for_bits(bits: int, alphabet: int = len(ALPHABET)) -> int:
    """Characters needed to write every ``bits``-bit value in base ``alphabet``.

    >>> chars_for_bits(64), chars_for_bits(41)
    (11, 7)
    """
    length = 0
    while alphabet**length < 2**bits:
        length += 1
    return length


def _half_bits(space: int) -> int:
    """Bits of each Feistel half: the smallest even width whose range covers ``space``."""
    width = max(2, math.ceil(math.log2(space)))
    return (width + 1) // 2


def _round(key: bytes, number: int, half: int, bits: int) -> int:
    """The keyed round function: a BLAKE2b hash of the round number and the half."""
    data = number.to_bytes(1, "big") + half.to_bytes(8, "big")
    digest = hashlib.blake2b(data, key=key, digest_size=8).digest()
    return int.from_bytes(digest, "big") & ((1 << bits) - 1)


def _feistel(value: int, key: bytes, bits: int, decrypt: bool) -> int:
    """One pass of the balanced Feistel network over ``2 * bits``-bit values."""
    mask = (1 << bits) - 1
    left, right = value >> bits, value & mask
    order = range(ROUNDS - 1, -1, -1) if decrypt else range(ROUNDS)
    for number in order:
        if decrypt:
            left, right = right ^ _round(key, number, left, bits), left
        else:
            left, right = right, left ^ _round(key, number, right, bits)
    return (left << bits) | right


def _walk(value: int, key: bytes, space: int, decrypt: bool) -> int:
    if not 0 <= value < space:
        raise ValueError(f"{value} is outside [0, {space})")
    bits = _half_bits(space)
    value = _feistel(value, key, bits, decrypt)
    while value >= space:  # cycle-walking: re-apply until the value is back in range
        value = _feistel(value, key, bits, decrypt)
    return value


def permute(value: int, key: bytes, space: int = SPACE) -> int:
    """The image of ``value`` under the keyed permutation of [0, ``space``).

    A Feistel network permutes the 2^k values of its block; cycle-walking (applying it again
    while the result is ``space`` or more) restricts it to a permutation of [0, space),
    since every cycle that leaves the range comes back to it.
    """
    return _walk(value, key, space, decrypt=False)


def unpermute(value: int, key: bytes, space: int = SPACE) -> int:
    """The inverse of :func:`permute`: ``unpermute(permute(v, k), k) == v``."""
    return _walk(value, key, space, decrypt=True)


def encode(value: int, length: int = CODE_LENGTH) -> str:
    """``value`` in base 62, left-padded to ``length`` characters.

    >>> encode(61, 3), encode(62, 3)
    ('00Z', '010')
    """
    base = len(ALPHABET)
    if not 0 <= value < base**length:
        raise ValueError(f"{value} does not fit in {length} base-62 characters")
    chars = []
    for _ in range(length):
        value, digit = divmod(value, base)
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def decode(code: str) -> int:
    """The number a base-62 ``code`` stands for (the inverse of :func:`encode`)."""
    value = 0
    for char in code:
        value = value * len(ALPHABET) + ALPHABET.index(char)
    return value


def short_code(counter: int, key: bytes) -> str:
    """The 7-character code for the ``counter``-th link, under the secret ``key``."""
    return encode(permute(counter, key))


def counter_of(code: str, key: bytes) -> int:
    """The counter a code was made from (for audits; redirects look the code up instead)."""
    return unpermute(decode(code), key)
