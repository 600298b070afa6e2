"""The problem-bank calculators against published reference figures.

Each reference names its source; the pages cite the same ones.
"""

from __future__ import annotations

import math
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Console
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.sheets import PageSheet
from sysdesign_core import InputError, drills, get, run
from sysdesign_core.geo import MAX_PRECISION, cell_size
from sysdesign_core.sketches import (
    bloom_bits_per_item,
    bloom_false_positive_rate,
    bloom_hashes,
    count_min_shape,
)
from sysdesign_core.tables.problems import PATTERNS, PROBLEMS
from sysdesign_core.units import format_distance, parse_distance

NEW = ("bloom", "hyperloglog", "count_min", "connections", "video", "geo")

CONTRACT = {
    "bloom": (("items", "false_positive_rate", "bits"), ("bits_per_item", "size", "hashes")),
    "hyperloglog": (("precision",), ("registers", "standard_error", "size")),
    "count_min": (("epsilon", "delta"), ("width", "depth", "counters")),
}


def out(calc_id: str, name: str, **inputs: str) -> float:
    return float(run(calc_id, inputs)["outputs"][name]["value"])


def text(calc_id: str, name: str, **inputs: str) -> str:
    return str(run(calc_id, inputs)["outputs"][name]["text"])


@pytest.mark.parametrize("calc_id", sorted(CONTRACT))
def test_contract_names(calc_id: str) -> None:
    calc = get(calc_id)
    inputs, outputs = CONTRACT[calc_id]
    assert set(inputs) <= {item.name for item in calc.inputs}
    assert set(outputs) <= {item.name for item in calc.outputs}


@pytest.mark.parametrize("calc_id", NEW)
def test_page_and_defaults(calc_id: str) -> None:
    calc = get(calc_id)
    assert calc.page == f"calculators/{calc_id}.md"
    result = run(calc_id, {})
    assert all(math.isfinite(o["value"]) and o["text"] for o in result["outputs"].values())


# --- Bloom filter --------------------------------------------------------------------------
# Wikipedia, "Bloom filter" (optimal number of hash functions): a 1% rate needs about
# 9.6 bits per element with k = 7. Pei Cao, "Bloom Filters - the math" (the Summary Cache
# paper's table): m/n = 10 with k = 7 gives 0.00819. Kedmi, "Bloom filters for the
# perplexed" (2017): 1M items at 1% need 9,585,059 bits.


def test_bloom_one_percent() -> None:
    assert bloom_bits_per_item(0.01) == pytest.approx(9.585, abs=1e-3)
    assert out("bloom", "hashes", false_positive_rate="1%") == 7
    assert out("bloom", "bits_per_item", items="1M", false_positive_rate="1%") == pytest.approx(
        9.585059, abs=1e-6
    )
    assert out("bloom", "size", items="1M", false_positive_rate="1%") * 8 == 9_585_059


def test_bloom_tenth_of_a_percent() -> None:
    assert bloom_bits_per_item(0.001) == pytest.approx(14.38, abs=0.01)
    assert bloom_hashes(bloom_bits_per_item(0.001)) == 10


def test_bloom_fixed_size_summary_cache_table() -> None:
    assert bloom_false_positive_rate(10, 7) == pytest.approx(0.00819, abs=5e-6)
    assert bloom_false_positive_rate(8, 6) == pytest.approx(0.0216, abs=5e-5)
    result = run("bloom", {"items": "1M", "bits": "10M"})["outputs"]
    assert result["bits_per_item"]["value"] == 10
    assert result["hashes"]["value"] == 7
    assert result["size"]["value"] == 1.25e6
    assert result["expected_false_positive_rate"]["value"] == pytest.approx(0.00819, abs=5e-6)


def test_bloom_reaches_the_rate_asked_for() -> None:
    for rate in (0.1, 0.01, 0.001, 1e-6):
        reached = out("bloom", "expected_false_positive_rate", false_positive_rate=str(rate))
        assert reached == pytest.approx(rate, rel=0.1)


# --- HyperLogLog ---------------------------------------------------------------------------
# Redis docs, "HyperLogLog": up to 12 KB and a standard error of 0.81% (p = 14, 6-bit
# registers). Flajolet et al. 2007: standard error 1.04/sqrt(m). Twitter Algebird's table:
# 2^12 registers give 1.63%, 2^16 give 0.41%.


def test_hyperloglog_redis() -> None:
    result = run("hyperloglog", {"precision": "14"})["outputs"]
    assert result["registers"]["value"] == 16384
    assert result["standard_error"]["value"] == pytest.approx(0.0081, abs=5e-5)
    assert result["standard_error"]["text"] == "0.812%"
    assert result["size"]["value"] == 12 * 1024


@pytest.mark.parametrize(("precision", "error"), [(12, 0.0163), (16, 0.0041), (18, 0.0020)])
def test_hyperloglog_algebird_table(precision: int, error: float) -> None:
    assert out("hyperloglog", "standard_error", precision=str(precision)) == pytest.approx(
        error, abs=5e-5
    )


def test_hyperloglog_against_an_exact_set() -> None:
    result = run("hyperloglog", {"cardinality": "1B", "id_size": "8B"})["outputs"]
    assert result["exact_size"]["value"] == 8e9
    assert result["absolute_error"]["value"] == pytest.approx(8.125e6)


# --- count-min sketch ----------------------------------------------------------------------
# Cormode and Muthukrishnan, "An improved data stream summary: the count-min sketch and its
# applications", J. Algorithms 55 (2005): w = ceil(e/epsilon), d = ceil(ln(1/delta)).


@pytest.mark.parametrize(
    ("epsilon", "delta", "width", "depth"),
    [
        ("1%", "1%", 272, 5),
        ("0.1%", "1%", 2719, 5),
        ("0.1%", "0.1%", 2719, 7),
        ("50%", "50%", 6, 1),
    ],
)
def test_count_min_shape(epsilon: str, delta: str, width: int, depth: int) -> None:
    result = run("count_min", {"epsilon": epsilon, "delta": delta})["outputs"]
    assert result["width"]["value"] == width
    assert result["depth"]["value"] == depth
    assert result["counters"]["value"] == width * depth


def test_count_min_exact_logarithm_is_not_rounded_up() -> None:
    # ln(1/e^-3) is exactly 3 rows, not 4, even through float rounding.
    assert count_min_shape(0.01, math.exp(-3))[1] == 3


def test_count_min_memory_and_bound() -> None:
    result = run("count_min", {"counter_size": "4B", "total": "1B"})["outputs"]
    assert result["size"]["value"] == 2719 * 5 * 4
    assert result["error_bound"]["value"] == pytest.approx(1e6)


# --- connections ---------------------------------------------------------------------------


def test_connections_example() -> None:
    result = run(
        "connections",
        {
            "concurrent_users": "10M",
            "connections_per_user": "1.5",
            "memory_per_connection": "50KB",
            "connections_per_server": "100K",
            "heartbeat_interval": "30s",
        },
    )["outputs"]
    assert result["connections"]["value"] == 15e6
    assert result["servers"]["value"] == 150
    assert result["memory"]["value"] == 750e9
    assert result["memory_per_server"]["value"] == 5e9
    assert result["heartbeat_qps"]["value"] == 500e3


def test_connections_round_servers_up() -> None:
    assert out("connections", "servers", concurrent_users="100001") == 2
    assert out("connections", "servers", concurrent_users="0") == 1


# --- video ---------------------------------------------------------------------------------
# Netflix Tech Blog, "Per-Title Encode Optimization" (2015): the fixed ladder of 235 kbps …
# 5,800 kbps sums to 20,170 kbps.


def test_video_netflix_ladder() -> None:
    result = run("video", {})["outputs"]
    assert result["ladder_bitrate"]["value"] == 20_170e3
    assert result["storage_per_video_hour"]["value"] == pytest.approx(20_170e3 / 8 * 3600)


def test_video_example() -> None:
    inputs = {
        "upload_rate": "500/min",
        "ladder": "1Mbps, 3Mbps, 4Mbps",
        "views": "1M/day",
        "watch_time": "10min",
        "playback_bitrate": "2Mbps",
        "cdn_hit_ratio": "90%",
        "retention": "10d",
        "redundancy": "3",
    }
    result = run("video", inputs)["outputs"]
    per_hour = 8e6 / 8 * 3600  # 3.6 GB
    assert result["storage_per_video_hour"]["value"] == pytest.approx(per_hour)
    assert result["storage_per_day"]["value"] == pytest.approx(500 * 60 * 24 * per_hour)
    assert result["storage_total"]["value"] == pytest.approx(500 * 60 * 24 * per_hour * 30)
    viewers = 1e6 / 86_400 * 600
    assert result["concurrent_viewers"]["value"] == pytest.approx(viewers)
    assert result["cdn_egress"]["value"] == pytest.approx(viewers * 2e6)
    assert result["origin_egress"]["value"] == pytest.approx(viewers * 2e6 * 0.1)


@pytest.mark.parametrize("ladder", ["", "fast", "1Mbps, 0Mbps", "1Mbps, 5 apples", "1Mbps," * 31])
def test_video_bad_ladder_names_the_input(ladder: str) -> None:
    with pytest.raises(InputError) as caught:
        run("video", {"ladder": ladder})
    assert caught.value.name == "ladder"


# --- geo -----------------------------------------------------------------------------------
# Elasticsearch reference, "Geohash grid aggregation": cell dimensions at the equator.
ELASTIC = {
    1: (5_009.4e3, 4_992.6e3),
    2: (1_252.3e3, 624.1e3),
    3: (156.5e3, 156e3),
    4: (39.1e3, 19.5e3),
    5: (4.9e3, 4.9e3),
    6: (1.2e3, 609.4),
    7: (152.9, 152.4),
    8: (38.2, 19),
    9: (4.8, 4.8),
    10: (1.2, 0.595),
    11: (0.149, 0.149),
    12: (0.037, 0.019),
}


@pytest.mark.parametrize("precision", sorted(ELASTIC))
def test_geohash_cells_match_elasticsearch(precision: int) -> None:
    width, height = cell_size(precision)
    ref_width, ref_height = ELASTIC[precision]
    # The table rounds to 2–5 figures and measures latitude slightly differently: 2.5%.
    assert width == pytest.approx(ref_width, rel=0.025)
    assert height == pytest.approx(ref_height, rel=0.025)


@pytest.mark.parametrize(
    ("radius", "precision"), [("1km", 5), ("500m", 6), ("100m", 7), ("5km", 4), ("50km", 3)]
)
def test_geo_picks_the_longest_fitting_geohash(radius: str, precision: int) -> None:
    result = run("geo", {"radius": radius})["outputs"]
    assert result["precision"]["value"] == precision
    assert result["cells"]["value"] == 9
    assert min(result["cell_width"]["value"], result["cell_height"]["value"]) >= parse_distance(
        radius
    )


def test_geo_finer_cells_mean_more_cells() -> None:
    assert out("geo", "cells", radius="1km", fixed_precision="6") == 3 * 5
    assert out("geo", "cells", radius="1km", fixed_precision="7") == 15 * 15


def test_geo_cells_narrow_with_latitude() -> None:
    at_60 = out("geo", "cell_width", radius="1km", latitude="60", fixed_precision="6")
    assert at_60 == pytest.approx(cell_size(6)[0] / 2)
    # 3 km fits length-5 cells at the equator (4.9 km) but not at 60° (2.4 km across).
    assert out("geo", "precision", radius="3km", latitude="60") == 4


def test_geo_huge_radius_caps_at_the_whole_grid() -> None:
    assert out("geo", "cells", radius="20000km") == 32
    assert out("geo", "cells", radius="20000km", fixed_precision="2") == 32 * 32


def test_distance_units() -> None:
    assert parse_distance("3mi") == pytest.approx(4828.032)
    assert format_distance(4.8) == "4.8 m"
    assert format_distance(0.149) == "14.9 cm"
    assert format_distance(1223) == "1.22 km"


# --- every input, any text: finite numbers or an InputError naming an input --------------


@pytest.mark.parametrize("calc_id", NEW)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_text_gives_finite_outputs_or_input_error(calc_id: str, data: st.DataObject) -> None:
    calc = get(calc_id)
    numbers = st.sampled_from(["0", "1", "1e-320", "1e308", "5e-324", "0.5", "99", "1e400"])
    suffixes = st.sampled_from(["", "%", "K", "B", "GB", "Tbps", "ms", "y", "/s", "km", "x"])
    token = st.tuples(numbers, suffixes).map("".join)
    raw = {
        item.name: data.draw(st.one_of(token, st.text(max_size=8)), label=item.name)
        for item in calc.inputs
        if data.draw(st.booleans(), label=f"set {item.name}")
    }
    try:
        result = run(calc_id, raw)
    except InputError as error:
        assert error.name in {item.name for item in calc.inputs}
        return
    for name, output in result["outputs"].items():
        assert math.isfinite(output["value"]), (name, raw)


def test_precision_bounds() -> None:
    assert MAX_PRECISION == 12
    with pytest.raises(InputError):
        run("hyperloglog", {"precision": "14.5"})
    with pytest.raises(InputError):
        run("geo", {"fixed_precision": "13"})


# --- the problems table ----------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
SIXTEEN = {
    "News feed": "walkthroughs/twitter.md",
    "URL shortener": "walkthroughs/url-shortener.md",
    **{
        name: f"problems/{slug}.md"
        for name, slug in [
            ("Chat", "chat"),
            ("Video streaming", "video-streaming"),
            ("Ride-hailing", "ride-hailing"),
            ("File sync", "file-sync"),
            ("Web crawler", "web-crawler"),
            ("Distributed rate limiter", "rate-limiter"),
            ("Top-K and leaderboards", "top-k"),
            ("Ticket booking", "ticket-booking"),
            ("Ad-click aggregation", "ad-click-aggregation"),
            ("Search typeahead", "typeahead"),
            ("Distributed key-value store", "key-value-store"),
            ("Notification system", "notifications"),
            ("Nearby places", "nearby-places"),
            ("Payments and wallets", "payments"),
        ]
    },
}


def test_problems_table_lists_the_bank() -> None:
    """The first sixteen problems keep their pages; every row, old or new, has a page that
    exists, patterns from the facets and a difficulty (which is also a filter)."""
    rows = {row.name: row.page for row in PROBLEMS}
    assert {name: rows.get(name) for name in SIXTEEN} == SIXTEEN
    assert len(rows) >= 29
    for row in PROBLEMS:
        assert (ROOT / "docs" / row.page).is_file(), row.page
        assert row.tags & set(PATTERNS), row.name
        assert row.difficulty in {"Easy", "Medium", "Hard"}
        assert row.tags - set(PATTERNS) == {row.difficulty.lower()}


def test_problems_index_and_nav() -> None:
    index = (ROOT / "docs/problems/index.md").read_text(encoding="utf-8")
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert '{{ table("problems") }}' in index
    assert "problems/index.md" in nav
    for row in PROBLEMS:
        assert (ROOT / "docs" / row.page).is_file(), row.page
        assert row.page in nav, f"{row.page} is not in the nav"


def test_each_written_page_uses_the_calculators_its_row_names() -> None:
    for row in PROBLEMS:
        source = (ROOT / "docs" / row.page).read_text(encoding="utf-8")
        used = set(re.findall(r'(?:result|value|calc_link|calculator)\(\s*"(\w+)"', source))
        for name in re.findall(r'sheet\("([a-z0-9-]+)"\)', source):  # the page's sheet
            sheet = PageSheet(name, row.page)._sheet
            used |= {calc for line in sheet.lines for calc, _ in line.calls}
        assert set(row.calcs) <= used, (row.name, sorted(set(row.calcs) - used))


def test_problem_rows_link_their_pages() -> None:
    for row in PROBLEMS:
        assert row.cells(PROBLEMS.columns)[0] == f"[{row.name}]({row.page}) ({row.asked_as})"


def test_drill_scenarios_name_problems_of_the_bank() -> None:
    names = {row.name for row in PROBLEMS}
    linked = [s for s in drills.SCENARIOS if s.problem]
    assert len(linked) >= 8
    assert {s.problem for s in linked} <= names
    drill = next(d for d in map(drills.generate, range(200)) if d.scenario == "a ticketing site")
    assert drill.statement().endswith("problem bank: Ticket booking.")


def test_problems_index_is_built_filterable_and_linked(site_dir: Path) -> None:
    html = (site_dir / "problems/index.html").read_text(encoding="utf-8")
    table = html.split('data-table="problems"', 1)[1].split("</table>", 1)[0]
    assert len(re.findall(r"<tr [^>]*data-tags=", table)) == len(PROBLEMS.rows)
    for facet in PATTERNS:
        assert f'<input type="checkbox" value="{facet}">' in table
    for row in PROBLEMS:
        url = posixpath.relpath(row.page.removesuffix(".md"), "problems") + "/"
        assert f'href="{url}"' in table, url
        assert (site_dir / row.page.removesuffix(".md") / "index.html").is_file()


@pytest.mark.browser
def test_pattern_filters_narrow_the_index(context: Any, console: Console, base_url: str) -> None:
    page = context.new_page()
    page.goto(base_url + "problems/")
    rows = "#table-problems tbody tr"
    page.wait_for_selector("#table-problems .sd-filter:not([hidden])")
    for facet in ("geospatial", "real-time"):
        page.check(f"#table-problems input[value='{facet}']")
    shown = page.eval_on_selector_all(
        f"{rows}:not([hidden]) th a", "links => links.map(a => a.textContent)"
    )
    want = [r.name for r in PROBLEMS if {"geospatial", "real-time"} <= r.tags]
    assert shown == want and want
    count = page.inner_text("#table-problems .sd-filter__count")
    assert count == f"{len(want)} of {len(PROBLEMS.rows)} rows match."
    page.uncheck("#table-problems input[value='geospatial']")
    page.uncheck("#table-problems input[value='real-time']")
    assert page.locator(f"{rows}:not([hidden])").count() == len(PROBLEMS.rows)
    assert console.errors == []
