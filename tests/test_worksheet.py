"""The worksheet language (sysdesign_core.worksheet): literals, units, calculators, ranges,
errors that name a line, and the limits. The CLI and the property tests are at the end."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysdesign_core import calculators, run
from sysdesign_core.tables.cost import CLOUD_PRICES
from sysdesign_core.tables.latency import LATENCY_NUMBERS
from sysdesign_core.worksheet import (
    CONSTANTS,
    MAX_RANGES,
    evaluate,
    respond_json,
    sensitivity,
    to_json,
    to_markdown,
    tornado,
)
from sysdesign_core.worksheet import evaluator as evaluate_module
from sysdesign_core.worksheet.constants import LATENCY_NAMES, PRICE_NAMES

TWITTER = """\
# Twitter, the interview's numbers
dau = 500M
writes = dau * 2 / day                 # 11.6K/s
peak = writes * 3
record = 200 B
storage = writes * record * 5 years * 3 in PB
egress = peak * 100 * 4 KB in Gbps
cap = capacity(dau=dau, writes_per_user=2, read_write_ratio=100, record_size=record)
cap.peak_read_qps
servers(peak_qps=cap.peak_read_qps, latency=50ms).servers
1 PB / 10 Gbps in hours                # 222 h
99.95% * 99.9% * 99.99%                # serial availability
dau_range = 300M (100M..1B)            # likely value, then its range
"""


def one(text: str) -> evaluate_module.Line:
    """The last line of a sheet (the one under test), checked to be error-free."""
    line = evaluate(text).lines[-1]
    assert not line.error, line.error
    return line


def value(text: str) -> float:
    line = one(text)
    assert line.value is not None
    return line.value.value


def error(text: str) -> str:
    line = evaluate(text).lines[-1]
    assert line.error, f"{text!r} should be an error, got {line.text}"
    return line.error


# --- literals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("500M", 5e8),
        ("500 M", 5e8),
        ("1.5KB", 1500.0),
        ("1.5 KB", 1500.0),
        ("4 KiB", 4096.0),
        ("200 ms", 0.2),
        ("200ms", 0.2),
        ("99.99%", 0.9999),
        ("3 nines", 0.999),
        ("10K/s", 1e4),
        ("5M/day", 5e6 / 86400),
        ("$0.023", 0.023),
        ("$1.2K", 1200.0),
        ("1Gbps", 1.25e8),  # bytes per second inside; JSON shows bits
        ("1 GB/s", 1e9),
        ("1 year", 365.25 * 86400),
        ("2 weeks", 14 * 86400),
        ("1_000_000", 1e6),
        ("1bn", 1e9),
        ("40 servers", 40.0),
        ("3 replicas", 3.0),
    ],
)
def test_literals_in_the_sites_notation(text: str, expected: float) -> None:
    assert value(text) == pytest.approx(expected)


def test_nines_and_bits_are_not_bytes() -> None:
    assert value("3.5 nines") == pytest.approx(1 - 10**-3.5)
    assert value("1 GB/s in Gbps") == value("8 Gbps")
    assert one("1 GB/s in Gbps").text == "8 Gbps"
    assert one("1 Gbps").text == "1 Gbps"
    assert one("1 GB/s").text == "1 GB/s"


def test_a_literal_binds_tighter_than_an_operator() -> None:
    line = one("1 GB / 100 MB/s")
    assert line.value is not None and line.value.value == pytest.approx(10.0)
    assert line.text == "10s"
    assert value("10 / 2/s") == pytest.approx(5.0)  # 10 / (2 per second) = 5 s


def test_the_issue_sheet() -> None:
    sheet = evaluate(TWITTER)
    assert [line.error for line in sheet.lines] == [""] * len(sheet.lines)
    shown = {line.number: line.text for line in sheet.lines}
    assert shown[3] == "11.6K/s"
    assert shown[6] == "1.1 PB"
    assert shown[11] == "222 hours"
    assert shown[12] == "99.84%"
    cap = run(
        "capacity",
        {"dau": "500M", "writes_per_user": "2", "read_write_ratio": "100", "record_size": "200B"},
    )["outputs"]
    assert sheet.lines[8].value is not None
    assert sheet.lines[8].value.value == cap["peak_read_qps"]["value"]  # exact, not rounded
    servers = run(
        "servers", {"peak_qps": repr(cap["peak_read_qps"]["value"]) + "/s", "latency": "50ms"}
    )
    assert sheet.lines[9].value is not None
    assert sheet.lines[9].value.value == servers["outputs"]["servers"]["value"]
    dau = sheet.line("dau_range")
    assert (dau.low, dau.high) == (1e8, 1e9)


def test_operators_functions_and_conversions() -> None:
    assert value("2 ^ 10") == 1024
    assert value("2 ** 3 ^ 2") == 512  # right-associative
    assert value("6 × 7 ÷ 2") == 21
    assert value("-(3 - 5)") == 2
    assert value("ceil(2.1) + floor(2.9) + min(1, 2) + max(1, 2) + log2(8) + sqrt(16)") == 15
    assert one("1 PB / 10 Gbps in hours").text == "222 hours"
    assert one("$0.023/GB/month * 10 TB in $/month").text == "$230/month"
    assert one("86400 / day in /s").text == "1/s"
    assert one("1 / 1000 in %").text == "0.1%"
    assert one("99.95% in nines").text == "3.3 nines"
    assert one("year = 365 days\n1 year in days").text == "365 days"


def test_year_is_julian_unless_a_line_says_otherwise() -> None:
    assert one("1 year in days").text == "365 days"  # 365.25 shown to 3 figures
    assert value("1 year") == 365.25 * 86400
    assert value("year = 365 days\nx = 1 year") == 365 * 86400
    assert "360 to 366" in error("year = 2 days")


# --- calculators and constants ----------------------------------------------------------


def test_every_calculator_is_a_function_with_its_outputs_as_fields() -> None:
    for calc in calculators():
        if any(item.kind == "text" and not item.optional and item.default for item in calc.inputs):
            pass  # defaults cover text inputs; called with no arguments below
        sheet = evaluate(f"r = {calc.id}()\n" + "\n".join(f"r.{out.name}" for out in calc.outputs))
        expected = run(calc.id, {})["outputs"]
        for out, line in zip(calc.outputs, sheet.lines[1:], strict=True):
            assert not line.error, (calc.id, line.error)
            assert line.value is not None
            number = line.value.value * (8 if out.kind == "bandwidth" else 1)
            assert number == pytest.approx(expected[out.name]["value"], rel=1e-12), (calc.id, out)


def test_a_calculators_input_error_is_the_lines_error() -> None:
    message = error("servers(peak_qps=10K/s, latency=-5ms)")
    assert message.startswith("servers(): latency:") and "\n" not in message
    assert "needs a duration" in error("servers(latency=5)")
    assert "no input 'latncy'; did you mean latency?" in error("servers(latncy=5ms)")
    assert "name each input" in error("servers(5)")
    assert "pick one with a '.'" in error("capacity() * 2")
    assert "did you mean peak_read_qps?" in error("capacity().peak_read_qp")


def test_constants_come_from_the_catalog_with_sources() -> None:
    assert set(LATENCY_NAMES.values()) == {row.name for row in LATENCY_NUMBERS.rows}
    assert set(PRICE_NAMES.values()) == {row.name for row in CLOUD_PRICES.rows}
    for constant in CONSTANTS.values():
        assert constant.source is not None and constant.source.as_of >= 2012
    assert value("ssd_random_read") == LATENCY_NUMBERS.row("Read 4 KB randomly from SSD").current_s
    sheet = evaluate("x = 1M * round_trip_same_region\ny = 2 TB * s3_standard * 1 month")
    assert set(sheet.constants) == {"round_trip_same_region", "s3_standard"}
    markdown = to_markdown(sheet)
    assert "as of 2026" in markdown and "Prices:" in markdown


# --- ranges and sensitivity ---------------------------------------------------------------


def test_ranges_give_low_and_high_over_every_corner() -> None:
    line = one("a = 10 (5..20)\nb = 2 (1..3)\nc = a * b - a / b")
    corners = [x * y - x / y for x in (5, 20) for y in (1, 3)]
    assert line.low == pytest.approx(min(corners)) and line.high == pytest.approx(max(corners))
    assert one("x = 100M..1B").value is not None
    assert value("x = 100M..1B") == pytest.approx(math.sqrt(1e8 * 1e9))  # geometric mean
    assert one("x = 1M (100K..10M)\ny = 2").low is None  # a line with no range has none


def test_a_non_monotone_line_is_marked() -> None:
    line = one("x = 0 (-1..1)\ny = x ^ 2")
    assert not line.monotone and line.low == line.high == 1
    assert one("x = 2 (1..3)\ny = x * 2").monotone


def test_range_errors() -> None:
    assert "low end (10) is above its high end (1)" in error("x = 10..1")
    assert "outside its range" in error("x = 50 (1..10)")
    assert "must be alike" in error("x = 1 GB..2 s")
    ranges = "\n".join(f"r{i} = 1..2" for i in range(MAX_RANGES + 1))
    assert f"more than {MAX_RANGES} ranged inputs" in evaluate(ranges).lines[-1].error


def test_sensitivity_names_the_input_that_moves_a_line_most() -> None:
    text = "users = 100M (50M..200M)\nsize = 1 KB (900 B..1.1 KB)\nstore = users * size"
    swings = sensitivity(text, 3)
    assert [s.name for s in swings] == ["users", "size"]
    assert swings[0].low == pytest.approx(50e6 * 1000) and swings[0].high == pytest.approx(
        200e6 * 1000
    )
    svg = tornado(text, 3)
    assert svg.startswith("<svg") and "users" in svg and "<table" in svg
    assert sensitivity("x = 3", 1) == [] and tornado("x = 3", 1) == ""


# --- bad input never kills the sheet --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 GB + 1 s", "cannot add a size and a duration"),
        ("dua * 2", "unknown name 'dua'"),
        ("1 / 0", "division by zero"),
        ("10 ^ 400", "overflows"),
        ("1e308 * 1e308", "not a finite number"),
        ("1" + "0" * 400, "is too large"),
        ("x = 1e400", "is too large"),
        ("5 parsecs", "unknown unit 'parsecs'"),
        ("5m", "'m' is ambiguous"),
        ("1,000", "write 1000 or 1_000"),
        ("x = ", "needs a value"),
        ("2 dau", "unknown unit 'dau' after 2"),
        ("(1 + 2", "expected ')'"),
        ("1 GB in hours", "cannot show a size in hours"),
        ('__import__("os")', "unknown function '__import__'"),
        ('open("/etc/passwd")', "unknown function 'open'"),
        ("(" * 100 + "1" + ")" * 100, "nested too deeply"),
    ],
)
def test_every_error_says_what_to_write(text: str, expected: str) -> None:
    assert expected in error(text)


def test_lines_that_do_not_depend_on_an_error_still_compute() -> None:
    sheet = evaluate("a = 1 GB + 1 s\nb = 5\nc = a * 2\nd = b * 2")
    assert sheet.lines[0].error and not sheet.lines[1].error
    assert sheet.lines[2].error == "waits for line 1 (a), which has an error"
    assert sheet.lines[2].waits_for == 1
    assert sheet.lines[3].text == "10"


def test_the_limits() -> None:
    assert "keep it to 500" in evaluate("1\n" * 500).error
    assert not evaluate("1\n" * 499).error
    assert "keep it under 20,000" in evaluate("#" * 20_001).error


def test_an_evaluation_is_bounded_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate_module, "TIME_LIMIT", -1.0)
    sheet = evaluate("x = 1\ny = 2")
    assert all(line.error.startswith("stopped: the sheet took longer than") for line in sheet.lines)


# --- export -----------------------------------------------------------------------------------


def test_json_in_base_units() -> None:
    data = to_json(evaluate("dau = 500M\nlink = 10 Gbps\nt = 200 ms\nu = 99.9%\nc = $3\nr = 1..10"))
    first = data["lines"][0]
    keys = ("line", "name", "text", "value", "unit", "low", "high", "error")
    assert {k: first[k] for k in keys} == {
        "line": 1, "name": "dau", "text": "500M", "value": 5e8, "unit": "", "low": None,
        "high": None, "error": None,
    }  # fmt: skip
    units_ = {line["name"]: (line["value"], line["unit"]) for line in data["lines"]}
    assert units_["link"] == (1e10, "bit/s")
    assert units_["t"] == (0.2, "s")
    assert units_["u"] == (pytest.approx(0.999), "")
    assert units_["c"] == (3.0, "$")
    assert data["lines"][5]["low"] == 1 and data["lines"][5]["high"] == 10


def test_markdown_export_is_a_table_with_ranges_and_decides() -> None:
    text = "users = 100M (50M..200M)\nservers = ceil(users / 1M)  # decides: the fleet size"
    markdown = to_markdown(evaluate(text))
    assert "| Name | Formula | Value | Range |" in markdown
    assert "| servers | `ceil(users / 1M)` | 100 (decides) | 50 .. 200 |" in markdown
    assert evaluate(text).line("servers").decides


def test_the_workers_reply_is_json_with_the_chart() -> None:
    reply = json.loads(respond_json("a = 2 (1..3)\nb = a * 2", 2))
    assert reply["lines"][1]["shown"] == "4" and reply["chart"].startswith("<svg")
    assert reply["swings"] == [{"line": 1, "name": "a", "low": "2", "high": "6"}]
    assert json.loads(respond_json(None))["error"] is None  # type: ignore[arg-type]


# --- the CLI ------------------------------------------------------------------------------------


def sysdesign(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sysdesign_core", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_prints_each_line_and_matches_the_core(tmp_path: object) -> None:
    done = sysdesign("worksheet", "-", stdin=TWITTER)
    assert done.returncode == 0, done.stderr
    assert (
        "storage = writes * record * 5 years * 3 in PB" in done.stdout and "1.1 PB" in done.stdout
    )
    as_json = json.loads(sysdesign("worksheet", "--json", "-", stdin=TWITTER).stdout)
    assert as_json == json.loads(json.dumps(to_json(evaluate(TWITTER))))
    markdown = sysdesign("worksheet", "--markdown", "-", stdin=TWITTER).stdout
    assert markdown == to_markdown(evaluate(TWITTER))


def test_cli_errors_exit_2_with_the_line() -> None:
    done = sysdesign("worksheet", "-", stdin="a = 1\nb = 1 GB + 1 s\n")
    assert done.returncode == 2
    assert done.stderr.startswith("sysdesign worksheet: line 2: cannot add a size")
    assert "Traceback" not in done.stderr
    missing = sysdesign("worksheet", "/no/such/sheet")
    assert missing.returncode == 2 and "cannot read /no/such/sheet" in missing.stderr


# --- property tests ------------------------------------------------------------------------------

TOKENS = [
    "dau", "x", "=", " ", "*", "/", "+", "-", "^", "(", ")", "..", ",", ".", "500M", "1B", "200 B",
    "1.5KB", "10K/s", "5M/day", "99.9%", "3 nines", "$0.02", "/GB", "/month", " in ", "PB",
    "hours", "Gbps", "day", "year", "capacity(", "servers(", "dau=", "latency=", "peak_qps=",
    ".peak_read_qps", "ceil(", "min(", "log2(", "sqrt(", "0", "1e308", "1e-308", "-", "\"", "#",
    "%", "m", "1_000", "×", "÷", "ssd_random_read", "s3_standard", "(1..10)", "100M..1B", "\t",
    "1" + "0" * 400, "1e400", "9" * 30 + "PB",
]  # fmt: skip

lines = st.lists(st.sampled_from(TOKENS), max_size=14).map("".join)
sheets = st.lists(lines, max_size=12).map("\n".join)


def check_sheet(text: str) -> None:
    sheet = evaluate(text)
    data = json.loads(respond_json(text, 1))
    assert isinstance(data["lines"], list)
    for line in sheet.lines:
        if line.error:
            assert "\n" not in line.error and line.value is None
        for number in (line.value.value if line.value else 0.0, line.low or 0.0, line.high or 0.0):
            assert math.isfinite(number)
        if line.low is not None:
            assert line.high is not None and line.low <= line.high


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets)
def test_any_sheet_gives_values_or_errors_never_an_exception(text: str) -> None:
    check_sheet(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_example_sheets_never_break(data: st.DataObject) -> None:
    text = TWITTER
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = (
                text[:at]
                + data.draw(st.sampled_from(TOKENS + ["\n", "\x00", "é", "١"]))
                + text[at:]
            )
        elif action == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 8)) :]
        else:
            text = text[:at] + text[at : at + 20] * 3 + text[at:]
    check_sheet(text)


# A sheet as a reader edits it: one line changed, added or removed at a time, the lines that
# read it (or not) after it, ranges, a year of another length, calculator calls and constants.
EDITED = """\
year = 360 days
dau = 300M (100M..1B)
per_user = 2
writes = dau * per_user / day
record = 200 B (100 B..1 KB)
cap = capacity(dau=dau, writes_per_user=per_user, record_size=record)
fleet = servers(peak_qps=cap.peak_read_qps, latency=50ms).servers
storage = writes * record * 1 year in TB
reads = 1M * ssd_random_read in s
z = 0
flipped = z * -1
"""
EDITS = TOKENS + ["3", "-", "0", "year", "(1..5)", "day = 5", "dau * 2", "cap.ingress", "\n"]


def evaluated(sheet: evaluate_module.Sheet) -> tuple[object, ...]:
    """Everything a sheet's reader and its exports see."""
    return (
        json.dumps(to_json(sheet)),
        to_markdown(sheet),
        sheet.ranges,
        [line.calls for line in sheet.lines],
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_memo_never_changes_a_sheet(data: st.DataObject) -> None:
    """Evaluated with the previous evaluation's lines (worksheet.Memo), after any sequence of
    edits, a sheet is what a fresh evaluation gives, swings for the tornado chart included."""
    memo = evaluate_module.Memo()
    text = EDITED
    for _ in range(data.draw(st.integers(1, 6))):
        lines = text.split("\n")
        at = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["edit", "edit", "insert", "delete"]))
        if action == "edit":
            where = data.draw(st.integers(0, len(lines[at])))
            cut = data.draw(st.integers(0, 3))
            lines[at] = (
                lines[at][:where] + data.draw(st.sampled_from(EDITS)) + lines[at][where + cut :]
            )
        elif action == "insert":
            lines.insert(at, data.draw(st.sampled_from(lines + ["x = dau * 2", "day = 2"])))
        else:
            del lines[at]
        text = "\n".join(lines)
        sheet = evaluate(text, memo=memo)
        assert evaluated(sheet) == evaluated(evaluate(text))
        for rid in list(sheet.ranges)[:2]:
            swung = evaluate(text, swing=(rid, "high"), memo=memo)
            assert evaluated(swung) == evaluated(evaluate(text, swing=(rid, "high")))


def test_an_edit_evaluates_only_the_lines_that_read_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a memo, a line whose text and inputs are unchanged keeps its outcome; a line that
    reads the edited one (directly or through another) is evaluated again."""
    memo = evaluate_module.Memo()
    text = "a = 2\nb = a * 3\nc = 10\nd = c * 2\ne = b + d"
    evaluate(text, memo=memo)
    seen: list[str] = []
    evaluate_line = evaluate_module._Evaluator.evaluate_line

    def counted(self: evaluate_module._Evaluator, number: int, source: str) -> evaluate_module.Line:
        seen.append(source)
        return evaluate_line(self, number, source)

    monkeypatch.setattr(evaluate_module._Evaluator, "evaluate_line", counted)
    sheet = evaluate(text.replace("c = 10", "c = 11"), memo=memo)
    assert seen == ["c = 11", "d = c * 2", "e = b + d"]
    assert [line.text for line in sheet.lines] == ["2", "6", "11", "22", "28"]


def test_the_page_is_sent_only_the_rows_that_changed() -> None:
    """respond_page: the first reply holds every row; after it, a reply holds the rows that
    changed since the one the page names (and all of them when it names another)."""
    from sysdesign_core.worksheet import respond_page

    first = respond_page("a = 2\nb = a * 3\nc = 5")
    assert first["base"] == 0 and [row["shown"] for row in first["lines"]] == ["2", "6", "5"]
    then = respond_page("a = 2\nb = a * 4\nc = 5\nd = c", first["serial"], first["token"])
    assert then["base"] == first["serial"] and then["count"] == 4
    assert [(row["line"], row["shown"]) for row in then["lines"]] == [(2, "8"), (4, "5")]
    stranger = respond_page("a = 2", then["serial"], "another worker")
    assert stranger["base"] == 0 and [row["shown"] for row in stranger["lines"]] == ["2"]
    assert respond_page("a = 1", first["serial"], first["token"])["base"] == 0  # not the last


def test_a_warm_up_changes_nothing_the_page_is_sent() -> None:
    """worksheet.warm (run by the worker while the reader reads) keeps nothing: the next
    reply to the page is relative to the page's last one, as if it had not run."""
    from sysdesign_core.worksheet import respond_page, warm

    first = respond_page("a = 2\nb = a * 3")
    assert warm("x = 1\ny = x * 2\nz = capacity(dau=500M).write_qps") == 3
    assert warm(None) == 1  # not text: an empty sheet
    then = respond_page("a = 2\nb = a * 5", first["serial"], first["token"])
    assert then["base"] == first["serial"] and [row["shown"] for row in then["lines"]] == ["10"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sheets, min_size=1, max_size=5))
def test_rows_the_page_patches_are_every_row(texts: list[str]) -> None:
    """The page applies each reply to the rows it holds: what it ends with is every row."""
    from sysdesign_core.worksheet import respond_page
    from sysdesign_core.worksheet.export import to_json as as_json

    rows: list[dict[str, object]] = []
    serial, token = 0, ""
    for text in texts:
        reply = respond_page(text, serial, token)
        if reply["base"]:
            for row in reply["lines"]:  # in order: a new row comes right after the last
                index = row["line"] - 1
                if index < len(rows):
                    rows[index] = row
                else:
                    rows.append(row)
            del rows[reply["count"] :]
        else:
            rows = list(reply["lines"])
        serial, token = reply["serial"], reply["token"]
        full = as_json(evaluate(text))["lines"]
        keys = ("line", "name", "shown", "error", "low_shown", "high_shown", "monotone", "decides")
        assert [{k: row[k] for k in keys} for row in rows] == [
            {k: line[k] for k in keys} for line in full
        ]


def test_every_calculators_inputs_open_as_a_sheet_with_the_same_results() -> None:
    """What "Open in the worksheet" carries from a calculator page reproduces its results."""
    from sysdesign_core.worksheet.calls import calculator_sheet

    for calc in calculators():
        result = run(calc.id, {})
        sheet = evaluate(calculator_sheet(calc.id, result["inputs"]))
        assert [line.error for line in sheet.lines] == [""] * len(sheet.lines), calc.id
        for out, line in zip(calc.outputs, sheet.lines[2:], strict=True):
            assert line.value is not None
            number = line.value.value * (8 if out.kind == "bandwidth" else 1)
            assert number == pytest.approx(result["outputs"][out.name]["value"], rel=1e-9)


def test_text_lines_feed_a_calculators_text_inputs() -> None:
    sheet = evaluate(
        'parts = "99.99%, 99.9%"\nc = composite(components=parts)\nc.availability\nx = parts * 2'
    )
    assert sheet.lines[0].text == '"99.99%, 99.9%"'
    assert sheet.lines[2].text == "99.89%"
    assert "text is only for a calculator's text inputs" in sheet.lines[3].error


def test_every_input_that_is_not_a_quantity_takes_text_in_quotes_or_a_text_line() -> None:
    sheet = evaluate(
        'seconds = "0, 10, 10"\n'
        "r = rate_limiter(trace=seconds, limit=10)\n"
        "r.fixed_window_accepted\n"
        'e = composite(components="99.99% * (99.9% | 99.9%)", mode="parallel")\n'
        "e.components_count\n"
        'y = availability(availability=99.9%, year="365")\n'
        "y.downtime_year in hours\n"
        "bad = rate_limiter(trace=3)"
    )
    assert [line.error for line in sheet.lines[:7]] == [""] * 7
    assert [sheet.lines[i].text for i in (2, 4)] == ["10", "3"]
    assert sheet.lines[6].text == "8.76 hours"
    assert 'rate_limiter() input trace takes text in quotes, as in trace="…"' in (
        sheet.lines[7].error
    )
    assert "comma between two digits" in evaluate('rate_limiter(trace="0, 2,5")').lines[0].error


def test_a_share_of_a_count_is_a_count_not_a_percentage() -> None:
    """30% of 8.33M is 2.5M (it showed as 250,000,000%); a product of percentages stays one."""
    lines = evaluate(
        "a = 8.33M * 30%\nb = 2 * 30%\nc = 99.95% * 99.9%\nd = 1M/day * 1 day * 1%"
    ).lines
    assert [line.text for line in lines] == ["2.5M", "60%", "99.85%", "10K"]
