"""Latency numbers, the power-of-two table and rules of thumb for back-of-the-envelope maths.

Latencies are stored as seconds (floats) and formatted with
:func:`~sysdesign_core.units.format_duration` when a row is built, so a figure is typed once.
Powers of two and the rules of thumb are computed from their definitions.

>>> LATENCY_NUMBERS.row("Main memory reference").classic
'100ns'
>>> POWER_OF_TWO.row("2^30").exact
'1,073,741,824'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Column, Item, ItemList, Record, Source, Table
from ..units import DAY, MONTH, YEAR, format_bytes, format_count, format_duration, format_rate

__all__ = [
    "Latency",
    "PowerOfTwo",
    "LATENCY_NUMBERS",
    "POWER_OF_TWO",
    "RULES_OF_THUMB",
    "power_of_two_row",
    "TABLES",
    "LISTS",
]

NS = 1e-9
US = 1e-6
MS = 1e-3
KIB = 2**10
MIB = 2**20
GIB = 2**30

CLASSIC = Source(
    "Jonas Bonér, “Latency Numbers Every Programmer Should Know” (gist of Jeff Dean's and "
    "Peter Norvig's figures)",
    "https://gist.github.com/jboner/2841832",
    2012,
)
SCOTT = Source(
    "Colin Scott (extrapolated)",
    "https://colin-scott.github.io/personal_website/research/interactive_latency.html",
    2020,
)
NAPKIN_COMMIT = "aae5832fc5d7c6881b7a78f756e8863ec86c428b"
"""The napkin-math README commit (21 March 2026) the current figures were checked against."""

NAPKIN = Source(
    "napkin-math README (measured March 2026, commit aae5832)",
    f"https://github.com/sirupsen/napkin-math/blob/{NAPKIN_COMMIT}/README.md",
    2026,
)


@dataclass(frozen=True, kw_only=True)
class Latency(Record):
    """An operation with its classic 2012 latency and a current figure, both in seconds.

    ``classic``, ``current`` and ``change`` are the displayed cells, derived from the floats
    in ``__post_init__`` so a number is never typed twice. ``classic_s`` is ``None`` for an
    operation the 2012 list did not have.
    """

    classic_s: float | None
    current_s: float
    basis: str
    classic: str = field(init=False)
    current: str = field(init=False)
    change: str = field(init=False)

    def __post_init__(self) -> None:
        classic = (
            "not in the 2012 list" if self.classic_s is None else format_duration(self.classic_s)
        )
        object.__setattr__(self, "classic", classic)
        object.__setattr__(self, "current", format_duration(self.current_s))
        object.__setattr__(self, "change", _change(self.classic_s, self.current_s))


def _change(classic: float | None, current: float) -> str:
    """How the current figure compares with the classic one, as a factor."""
    if classic is None:
        return "—"
    ratio = classic / current
    if 0.8 <= ratio <= 1.25:
        return "about the same"
    if ratio > 1:
        return f"{ratio:.3g}× faster"
    return f"{1 / ratio:.3g}× slower"


LATENCY_NUMBERS: Table[Latency] = Table(
    name="latency_numbers",
    title="Latency numbers every engineer should know",
    caption=(
        "The 2012 column is the list popularised by [Jonas Bonér's gist]"
        "(https://gist.github.com/jboner/2841832) of Jeff Dean's and Peter Norvig's figures. "
        "Each current figure names its source: napkin-math rows are rounded measurements "
        "(re-measured on a cloud server in March 2026); Colin Scott's rows are trend "
        "extrapolations, not measurements. Treat every figure as an order of magnitude."
    ),
    ages=True,
    columns=(
        Column("name", "Operation"),
        Column("classic", "2012 figure"),
        Column("current", "Current figure"),
        Column("change", "Change"),
        Column("basis", "What the current figure measures"),
    ),
    rows=(
        Latency(
            name="L1 cache reference",
            classic_s=0.5 * NS,
            current_s=1 * NS,
            basis="One L1 hit; the trend rounds to whole ns, so not a real slowdown",
            source=SCOTT,
        ),
        Latency(
            name="Branch mispredict",
            classic_s=5 * NS,
            current_s=3 * NS,
            basis="Pipeline flush after a wrong guess",
            source=SCOTT,
        ),
        Latency(
            name="L2 cache reference",
            classic_s=7 * NS,
            current_s=4 * NS,
            basis="One L2 hit",
            source=SCOTT,
        ),
        Latency(
            name="Mutex lock/unlock",
            classic_s=25 * NS,
            current_s=17 * NS,
            basis="Uncontended lock and unlock",
            source=SCOTT,
        ),
        Latency(
            name="Main memory reference",
            classic_s=100 * NS,
            current_s=20 * NS,
            basis="Random 64-byte read from RAM",
            source=NAPKIN,
        ),
        Latency(
            name="Compress 1 KB with Snappy (Zippy)",
            classic_s=3 * US,
            current_s=2 * US,
            basis="Fast compression of 1 KB",
            source=SCOTT,
        ),
        Latency(
            name="Send 1 KB over the datacenter network",
            classic_s=10 * US,
            current_s=KIB / (10 * GIB),
            basis="Wire time of 1 KiB at napkin-math's 10 GiB/s same-zone throughput "
            "(the 2012 figure assumed 1 Gbps); excludes the round trip",
            source=NAPKIN,
        ),
        Latency(
            name="Read 4 KB randomly from SSD",
            classic_s=150 * US,
            current_s=100 * US,
            basis="Random 8 KiB SSD read",
            source=NAPKIN,
        ),
        Latency(
            name="Read 1 MB sequentially from memory",
            classic_s=250 * US,
            current_s=MIB / (20 * GIB),
            basis="1 MiB at 20 GiB/s on one thread (about 200 GiB/s with all cores)",
            source=NAPKIN,
        ),
        Latency(
            name="Round trip within the same datacenter",
            classic_s=500 * US,
            current_s=250 * US,
            basis="Network round trip within a region (or a zone)",
            source=NAPKIN,
        ),
        Latency(
            name="Read 1 MB sequentially from SSD",
            classic_s=1 * MS,
            current_s=MIB / (8 * GIB),
            basis="1 MiB at 8 GiB/s sequential SSD read",
            source=NAPKIN,
        ),
        Latency(
            name="Disk seek",
            classic_s=10 * MS,
            current_s=10 * MS,
            basis="Random 8 KiB read from a spinning disk (physics has not moved)",
            source=NAPKIN,
        ),
        Latency(
            name="Read 1 MB sequentially from disk",
            classic_s=20 * MS,
            current_s=MIB / (250 * MIB),
            basis="1 MiB at 250 MiB/s sequential HDD read",
            source=NAPKIN,
        ),
        Latency(
            name="Packet round trip California → Netherlands → California",
            classic_s=150 * MS,
            current_s=150 * MS,
            basis="Bounded by the speed of light in fibre, so the trend holds it flat",
            source=SCOTT,
        ),
        Latency(
            name="System call",
            classic_s=None,
            current_s=300 * NS,
            basis="Entering and leaving the kernel",
            source=NAPKIN,
        ),
        Latency(
            name="Context switch",
            classic_s=None,
            current_s=10 * US,
            basis="Switching threads on one core",
            source=NAPKIN,
        ),
        Latency(
            name="Proxy hop (Envoy, Nginx, HAProxy)",
            classic_s=None,
            current_s=50 * US,
            basis="Added latency of one proxy",
            source=NAPKIN,
        ),
        Latency(
            name="Database or cache query in the same zone",
            classic_s=None,
            current_s=500 * US,
            basis="Simple MySQL, Memcached or Redis query",
            source=NAPKIN,
        ),
        Latency(
            name="SSD write with fsync",
            classic_s=None,
            current_s=300 * US,
            basis="Sequential 8 KiB write made durable",
            source=NAPKIN,
        ),
        Latency(
            name="Blob storage GET (S3, GCS)",
            classic_s=None,
            current_s=80 * MS,
            basis="GET of 128 KiB on one connection (30 ms for a 304 Not Modified)",
            source=NAPKIN,
        ),
        Latency(
            name="Round trip US East ↔ US West",
            classic_s=None,
            current_s=60 * MS,
            basis="Cloud region to region",
            source=NAPKIN,
        ),
        Latency(
            name="Round trip EU West ↔ US East",
            classic_s=None,
            current_s=80 * MS,
            basis="Cloud region to region",
            source=NAPKIN,
        ),
    ),
)


# --- powers of two -------------------------------------------------------------------------

_IEC_NAMES = {
    10: "KiB (kibibyte)",
    20: "MiB (mebibyte)",
    30: "GiB (gibibyte)",
    40: "TiB (tebibyte)",
    50: "PiB (pebibyte)",
    60: "EiB (exbibyte)",
}
_WORDS = {
    10: "thousand",
    20: "million",
    30: "billion",
    40: "trillion",
    50: "quadrillion",
    60: "quintillion",
}


@dataclass(frozen=True, kw_only=True)
class PowerOfTwo(Record):
    """2^exponent: its exact value, the power of ten it is close to, and its byte unit."""

    exponent: int
    exact: str = field(init=False)
    approx: str = field(init=False)
    unit: str = field(init=False)
    gap: str = field(init=False)

    def __post_init__(self) -> None:
        value = 2**self.exponent
        decimal = 10 ** (self.exponent // 10 * 3)
        object.__setattr__(self, "exact", f"{value:,}")
        object.__setattr__(
            self, "approx", f"≈ 10^{self.exponent // 10 * 3} (a {_WORDS[self.exponent]})"
        )
        object.__setattr__(self, "unit", _IEC_NAMES[self.exponent])
        object.__setattr__(self, "gap", f"{(value / decimal - 1) * 100:.1f}%")

    @property
    def value(self) -> int:
        """The exact integer 2^exponent."""
        return int(2**self.exponent)


def power_of_two_row(exponent: int) -> PowerOfTwo:
    """The row for 2^``exponent`` (a multiple of 10 from 10 to 60)."""
    return PowerOfTwo(name=f"2^{exponent}", exponent=exponent)


POWER_OF_TWO: Table[PowerOfTwo] = Table(
    name="power_of_two",
    title="Powers of two",
    caption="Each step of 2^10 is close to ×1,000; the last column is how much bigger the "
    "binary (IEC) unit is than the decimal one (KiB vs KB, GiB vs GB).",
    columns=(
        Column("name", "Power"),
        Column("exact", "Exact value"),
        Column("approx", "Approximately"),
        Column("unit", "Byte unit"),
        Column("gap", "Bigger than 10^n by"),
    ),
    rows=tuple(power_of_two_row(exponent) for exponent in range(10, 61, 10)),
)


# --- rules of thumb ------------------------------------------------------------------------


def _rules() -> tuple[Item, ...]:
    """The rules of thumb, each figure computed from its definition."""
    rounding = 100_000 / DAY - 1
    row = LATENCY_NUMBERS.row
    ssd = row("Read 4 KB randomly from SSD").current_s
    ram_vs_ssd = ssd / row("Main memory reference").current_s
    ssd_vs_disk = row("Disk seek").current_s / ssd
    seq_ram_vs_ssd = (
        row("Read 1 MB sequentially from SSD").current_s
        / row("Read 1 MB sequentially from memory").current_s
    )
    seq_ssd_vs_disk = (
        row("Read 1 MB sequentially from disk").current_s
        / row("Read 1 MB sequentially from SSD").current_s
    )
    fsync_vs_syscall = row("SSD write with fsync").current_s / row("System call").current_s
    return (
        Item(
            "A day has 86,400 seconds; round it to 10^5",
            f"The rounding is {rounding:.1%} generous, so per-second rates come out "
            f"{1 - DAY / 100_000:.1%} low: fine for an estimate, say so when you use it.",
        ),
        Item(
            f"A month has about {MONTH / 1e6:.2f} million seconds",
            f"A twelfth of a 365.25-day year is {format_count(MONTH)} seconds; 2.5M is the "
            "usual rounding.",
        ),
        Item(
            f"A year has about {YEAR / 1e6:.1f} million seconds",
            f"{YEAR:,.0f} seconds in a 365.25-day year, close to π × 10^7.",
        ),
        Item(
            f"1 million requests a day is about {format_rate(1e6 / DAY)}",
            f"So 1 billion a day is {format_rate(1e9 / DAY)}; divide a daily count by "
            "86,400 (or 10^5) for the average rate, then multiply by the peak factor.",
        ),
        Item(
            f"Peak traffic is about {0.8 / 0.2:.0f}× the average under the 80:20 rule",
            "If 80% of requests arrive in 20% of the day, the busy hours run at "
            f"0.8 / 0.2 = {0.8 / 0.2:.0f}× the average rate; the 2-3× often quoted is a "
            "looser convention. Use a measured peak when you have one.",
        ),
        Item(
            "An ASCII character is 1 byte",
            "UTF-8 keeps ASCII at 1 byte and uses up to 4 for other characters; UTF-16 "
            "uses 2 or 4.",
        ),
        Item(
            f"1 Gbps moves {format_bytes(1e9 / 8)} per second",
            "Network links are quoted in bits; divide by 8 for bytes.",
        ),
        Item(
            f"2^10 ≈ 10^3, 2^30 ≈ 10^9 (off by {2**30 / 1e9 - 1:.1%})",
            "Close enough for estimates; the gap grows with each step (see the table).",
        ),
        Item(
            "Light in fibre covers about 200 km per millisecond",
            f"A round trip costs about {format_duration(2 * 100 / 200_000)} per 100 km of "
            "distance, before any queueing or processing.",
        ),
        Item(
            f"Random reads: RAM is about {ram_vs_ssd:,.0f}× faster than SSD, SSD about "
            f"{ssd_vs_disk:,.0f}× faster than a spinning disk",
            "Ratios of the current figures in the latency table. Sequential reads narrow the "
            f"gaps to about {seq_ram_vs_ssd:.2g}× (RAM vs SSD) and {seq_ssd_vs_disk:.2g}× "
            "(SSD vs disk).",
            source=NAPKIN,
        ),
        Item(
            f"A durable write costs about {fsync_vs_syscall:,.0f} system calls",
            "An fsync'd SSD write against entering the kernel once, from the latency table: "
            "batch durable writes (group commit, a write-ahead log) instead of syncing each one.",
            source=NAPKIN,
        ),
        Item(
            "Each extra nine of availability divides the downtime by ten",
            "And usually multiplies the cost and effort: more replicas, more regions, more "
            "testing.",
        ),
    )


RULES_OF_THUMB = ItemList(
    name="rules_of_thumb",
    title="Rules of thumb",
    items=_rules(),
)

TABLES: list[Table[Record]] = [LATENCY_NUMBERS, POWER_OF_TWO]  # type: ignore[list-item]
LISTS: list[ItemList] = [RULES_OF_THUMB]
