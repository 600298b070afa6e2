"""The literals a sheet reads, by kind, for the worksheet page's reference (which shows what
each example reads as, computed by :func:`~sysdesign_core.worksheet.evaluate`)."""

from __future__ import annotations

__all__ = ["NOTATION"]

NOTATION: tuple[tuple[tuple[str, ...], str], ...] = (
    (("500M", "1.5K", "2bn", "1_000_000"), "counts: K, M, bn (or G), T. A bare B is a byte"),
    (("200 B", "1.5KB", "4 KiB", "2 TB"), "sizes: a KB is 1,000 bytes, a KiB 1,024"),
    (("10 Gbps", "1 Gbit", "125 MB/s"), "bits and bytes are different units"),
    (("200 ms", "5 min", "1 hour", "30 days", "1 year"), "durations: a year is 365.25 days"),
    (("10K/s", "5M/day", "300/min", "40 qps"), "rates: a count over a duration"),
    (("99.95%", "3.5 nines"), "fractions: in nines shows one as nines"),
    (("$0.023", "$0.023/GB/month"), "money, and prices per unit"),
    (("40 servers", "3 replicas"), "a word that labels a count changes nothing"),
)
"""Examples of each kind of literal, with what they mean."""
