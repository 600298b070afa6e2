"""The concepts and latency catalog tables: valid, computed from their definitions, sourced."""

from __future__ import annotations

import math

import pytest

from sysdesign_core import catalog
from sysdesign_core.availability import downtime
from sysdesign_core.records import validate_list, validate_table
from sysdesign_core.tables import concepts, latency
from sysdesign_core.units import DAY, MONTH, WEEK, YEAR, format_duration

TABLE_NAMES = [
    "latency_numbers",
    "power_of_two",
    "nines",
    "cap_pacelc",
    "consistency_models",
    "id_schemes",
    "short_code_keyspace",
    "sharding_strategies",
    "replication_modes",
]
LIST_NAMES = ["rules_of_thumb", "consistent_hashing_notes", "durability_notes"]


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_tables_are_registered_and_valid(name: str) -> None:
    validate_table(catalog.TABLES[name])


@pytest.mark.parametrize("name", LIST_NAMES)
def test_lists_are_registered_and_valid(name: str) -> None:
    validate_list(catalog.LISTS[name])


def test_power_of_two_values_are_exact() -> None:
    rows = latency.POWER_OF_TWO.rows
    assert [row.exponent for row in rows] == [10, 20, 30, 40, 50, 60]
    for row in rows:
        assert row.value == 2**row.exponent
        assert row.exact == f"{2**row.exponent:,}"
    assert latency.POWER_OF_TWO.row("2^10").exact == "1,024"
    assert latency.POWER_OF_TWO.row("2^60").exact == "1,152,921,504,606,846,976"
    assert latency.POWER_OF_TWO.row("2^30").unit.startswith("GiB")
    assert latency.POWER_OF_TWO.row("2^10").gap == "2.4%"


@pytest.mark.parametrize("row", concepts.NINES.rows, ids=lambda row: row.name)
def test_nines_rows_equal_availability_downtime(row: concepts.Nines) -> None:
    a = row.availability
    assert row.per_year == format_duration(downtime(a, YEAR))
    assert row.per_month == format_duration(downtime(a, MONTH))
    assert row.per_week == format_duration(downtime(a, WEEK))
    assert row.per_day == format_duration(downtime(a, DAY))


@pytest.mark.parametrize(
    ("availability", "per_year"),
    [
        # Published references (365.25-day year): e.g. uptime.is, Google SRE book appendix.
        ("99.9%", "8h 45m 58s"),
        ("99.99%", "52m 36s"),
        ("99.999%", "5m 16s"),
        ("99%", "3d 15h 40m"),
    ],
)
def test_nines_match_published_references(availability: str, per_year: str) -> None:
    assert concepts.NINES.row(availability).per_year == per_year


def test_nines_levels_are_the_cheat_sheet() -> None:
    names = [row.name for row in concepts.NINES]
    assert names == ["90%", "99%", "99.9%", "99.95%", "99.99%", "99.999%", "99.9999%"]


def test_latency_rows_have_sources_and_years() -> None:
    table = latency.LATENCY_NUMBERS
    assert table.ages
    for row in table:
        assert row.source is not None, row.name
        assert row.source.url.startswith("https://")
        assert 2012 <= row.source.as_of <= 2026
        assert row.current_s > 0
        assert row.current == format_duration(row.current_s)
        if row.classic_s is not None:
            assert row.classic == format_duration(row.classic_s)


def test_latency_classic_figures_are_the_2012_list() -> None:
    table = latency.LATENCY_NUMBERS
    assert table.row("L1 cache reference").classic == "0.5ns"
    assert table.row("Main memory reference").classic == "100ns"
    assert table.row("Read 4 KB randomly from SSD").classic == "150µs"
    assert table.row("Round trip within the same datacenter").classic == "500µs"
    assert table.row("Disk seek").classic == "10ms"
    assert table.row("Packet round trip California → Netherlands → California").classic == ("150ms")


def test_keys_moved_fraction() -> None:
    assert concepts.keys_moved_fraction(10, "ring") == pytest.approx(1 / 11)
    assert concepts.keys_moved_fraction(10, "modulo") == pytest.approx(10 / 11)
    with pytest.raises(ValueError):
        concepts.keys_moved_fraction(0, "ring")
    with pytest.raises(ValueError):
        concepts.keys_moved_fraction(3, "rendezvous")


def test_keys_moved_fraction_matches_a_simulation() -> None:
    """hash mod N vs mod N+1 really moves about N/(N+1) of keys."""
    keys = range(100_000)
    moved = sum(
        1
        for key in keys
        if hash(key * 2654435761 % 2**32) % 10 != hash(key * 2654435761 % 2**32) % 11
    )
    assert moved / len(keys) == pytest.approx(concepts.keys_moved_fraction(10, "modulo"), abs=0.01)


def test_durability_matches_aws_wording() -> None:
    eleven = 1 - 1e-11
    # AWS: 10,000,000 objects -> on average one loss every 10,000 years.
    assert 1 / concepts.expected_losses(eleven, 1e7) == pytest.approx(10_000, rel=1e-3)
    # The seed's "1 object per 100 B per year" is the same rate.
    assert concepts.expected_losses(eleven, 1e11) == pytest.approx(1, rel=1e-3)


def test_short_code_keyspace() -> None:
    assert concepts.keyspace(62, 7) == 3_521_614_606_208
    row = concepts.SHORT_CODE_KEYSPACE.row("7 characters")
    assert row.bits == "41.7"
    years = 62**7 / concepts.SHORT_CODE_PER_DAY / (YEAR / DAY)
    assert math.floor(years) == 96
    assert row.lasts.startswith("96y")


def test_latency_current_column_follows_napkin_math_march_2026() -> None:
    from sysdesign_core.tables.latency import LATENCY_NUMBERS, NAPKIN, NAPKIN_COMMIT, RULES_OF_THUMB

    assert NAPKIN.as_of == 2026 and NAPKIN_COMMIT in NAPKIN.url
    current = {row.name: row.current_s for row in LATENCY_NUMBERS.rows}
    gib = 2**30
    expected = {
        "Main memory reference": 20e-9,
        "Read 1 MB sequentially from memory": 2**20 / (20 * gib),
        "Read 1 MB sequentially from SSD": 2**20 / (8 * gib),
        "System call": 300e-9,
        "SSD write with fsync": 300e-6,
        "Blob storage GET (S3, GCS)": 80e-3,
    }
    for name, seconds in expected.items():
        assert current[name] == pytest.approx(seconds), name
    rules = " ".join(item.text for item in RULES_OF_THUMB.items)
    assert "RAM is about 5,000× faster than SSD" in rules  # 100 µs / 20 ns, computed
    assert "2-3" not in rules and "4× the average" in rules
