"""Video storage and delivery: an encoding ladder, uploads, views and the CDN in front.

Every uploaded hour is stored once per rung of the bitrate ladder; every watched second is
streamed at the rung the player picks, mostly from the CDN, the misses from the origin.

>>> parse_ladder("235Kbps, 750Kbps, 1.75Mbps")
[235000.0, 750000.0, 1750000.0]
>>> storage_per_video_hour([5.8e6])  # one 5.8 Mbps rendition: 2.61 GB an hour
2610000000.0
"""

from __future__ import annotations

from collections.abc import Sequence

from .registry import Calculator, Input, Output, Values, register
from .units import DAY

__all__ = ["parse_ladder", "storage_per_video_hour", "video_load", "VIDEO", "LADDER", "MAX_RUNGS"]

MAX_RUNGS = 30
MAX_BITRATE = 1e12  # 1 Tbps: far above any rendition, low enough to keep sums finite

LADDER = Input(
    "ladder",
    "Bitrate ladder",
    "bandwidth",
    "235Kbps, 375Kbps, 560Kbps, 750Kbps, 1050Kbps, 1750Kbps, 2350Kbps, 3000Kbps, 4300Kbps, "
    "5800Kbps",
    "Every rendition stored, comma separated: 400Kbps, 1.5Mbps, 5Mbps.",
    # A list the registry parses (many): each rung bounded like one bitrate, a decimal
    # comma ("1,5Mbps") refused rather than read as two rungs.
    many=MAX_RUNGS,
    noun="bitrate",
    minimum=0,
    exclusive_minimum=True,
    maximum=MAX_BITRATE,
)
"""The ladder input: up to :data:`MAX_RUNGS` bitrates, each above 0 and at most 1 Tbps."""


def parse_ladder(text: str) -> list[float]:
    """The bitrates (bits per second) of a comma list such as ``"235Kbps, 5.8Mbps"``.

    The registry's own parse of :data:`LADDER`; raises
    :class:`~sysdesign_core.errors.InputError` naming ``ladder`` for an empty list, a bad or
    zero bitrate, a decimal comma or more than :data:`MAX_RUNGS` rungs.
    """
    rungs = LADDER.parse(text)
    assert isinstance(rungs, tuple)  # a ``many`` input always parses to a tuple
    return list(rungs)


def storage_per_video_hour(ladder: Sequence[float]) -> float:
    """Bytes to store one hour of video in every rendition: ``Σ bitrates ÷ 8 × 3600``."""
    return sum(ladder) / 8 * 3600


def video_load(
    upload_hours_per_second: float,
    ladder: Sequence[float],
    views_per_second: float,
    watch_time: float,
    playback_bitrate: float,
    cdn_hit_ratio: float,
) -> dict[str, float]:
    """Storage a day, concurrent viewers and egress (bits per second) at the CDN and origin.

    ``concurrent = views/s × watch_time`` (Little's law); ``cdn_egress = concurrent ×
    playback_bitrate``; ``origin_egress = cdn_egress × (1 - hit ratio)``.
    """
    concurrent = views_per_second * watch_time
    cdn = concurrent * playback_bitrate
    return {
        "storage_per_video_hour": storage_per_video_hour(ladder),
        "storage_per_day": upload_hours_per_second * DAY * storage_per_video_hour(ladder),
        "concurrent_viewers": concurrent,
        "cdn_egress": cdn,
        "origin_egress": cdn * (1 - cdn_hit_ratio),
    }


def _video(values: Values) -> dict[str, float]:
    ladder = values["ladder"]  # parsed by the registry: a tuple of bits per second
    load = video_load(
        values["upload_rate"],
        ladder,
        values["views"],
        values["watch_time"],
        values["playback_bitrate"],
        values["cdn_hit_ratio"],
    )
    retention_days = values["retention"] / DAY
    return {
        **load,
        "ladder_bitrate": sum(ladder),
        "storage_total": load["storage_per_day"] * retention_days * values["redundancy"],
    }


VIDEO = register(
    Calculator(
        id="video",
        title="Video storage and delivery",
        description="Storage for an encoding ladder, and CDN and origin egress for the views.",
        page="calculators/video.md",
        inputs=(
            Input(
                "upload_rate",
                "Hours of video uploaded",
                "rate",
                "500/min",
                "Hours of video per minute or per day: 500/min, 10K/day.",
                maximum=1e9,
            ),
            LADDER,
            Input(
                "views",
                "Views",
                "rate",
                "5B/day",
                "Video plays: 5B/day, 50K/s.",
                maximum=1e12,
            ),
            Input(
                "watch_time",
                "Watch time per view",
                "duration",
                "12min",
                "Average time a play lasts: 12min.",
                maximum=DAY,
            ),
            Input(
                "playback_bitrate",
                "Average bitrate streamed",
                "bandwidth",
                "3Mbps",
                "The rung players settle on, on average: 3Mbps.",
                maximum=MAX_BITRATE,
            ),
            Input(
                "cdn_hit_ratio",
                "CDN hit ratio",
                "fraction",
                "95%",
                "Share of bytes served from CDN caches: 95%.",
            ),
            Input(
                "retention",
                "Retention",
                "duration",
                "5y",
                "How long uploads are kept: 5y.",
                maximum=1000 * 365.25 * DAY,
            ),
            Input(
                "redundancy",
                "Stored bytes per byte",
                "number",
                "1.5",
                "3 for three replicas, about 1.5 for erasure coding.",
                minimum=1,
                maximum=10,
            ),
        ),
        outputs=(
            Output("ladder_bitrate", "Sum of the ladder", "bandwidth"),
            Output("storage_per_video_hour", "Storage per hour of video", "bytes"),
            Output("storage_per_day", "Storage per day (one copy)", "bytes"),
            Output("storage_total", "Storage over retention (with redundancy)", "bytes"),
            Output("concurrent_viewers", "Viewers at once", "count"),
            Output("cdn_egress", "CDN egress", "bandwidth"),
            Output("origin_egress", "Origin egress (CDN misses)", "bandwidth"),
        ),
        compute=_video,
    )
)
