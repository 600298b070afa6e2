"""Fan-out on write: timeline deliveries per second, and what pulling celebrities saves.

>>> push_deliveries(posts_per_second=10_000.0, avg_followers=200.0)
2000000.0
>>> hybrid_deliveries(10_000, 200, celebrity_share=0.00001, celebrity_followers=5_000_000)
1500000.0
"""

from __future__ import annotations

from .errors import Conflict
from .registry import Calculator, Input, Output, Values, register
from .units import format_count

__all__ = ["push_deliveries", "hybrid_deliveries", "FANOUT"]


def push_deliveries(posts_per_second: float, avg_followers: float) -> float:
    """Timeline writes per second when every post is pushed to every follower."""
    return posts_per_second * avg_followers


def hybrid_deliveries(
    posts_per_second: float,
    avg_followers: float,
    celebrity_share: float,
    celebrity_followers: float,
) -> float:
    """Timeline writes per second when celebrities' posts are pulled at read time instead.

    ``avg_followers`` is the average over all posts' authors; ``celebrity_share`` of the posts
    come from accounts above the pull threshold, with ``celebrity_followers`` followers on
    average. Their deliveries (``share × celebrity_followers`` per post) are not pushed.
    """
    return posts_per_second * (avg_followers - celebrity_share * celebrity_followers)


def _fanout(values: Values) -> dict[str, float]:
    posts, avg = values["posts_per_second"], values["avg_followers"]
    share, celebrity = values["celebrity_share"], values["celebrity_followers"]
    if share * celebrity > avg:
        raise Conflict(
            "celebrity_share",
            f"with {format_count(celebrity)} followers each would alone exceed the average of "
            f"{format_count(avg)} followers",
            "lower the celebrity share or raise the average",
        )
    hybrid = hybrid_deliveries(posts, avg, share, celebrity)
    return {
        "deliveries_per_second": push_deliveries(posts, avg),
        "hybrid_deliveries_per_second": hybrid,
        "celebrity_posts_per_second": posts * share,
        "largest_fanout": max(celebrity, avg) if share > 0 else avg,
    }


FANOUT = register(
    Calculator(
        id="fanout",
        title="Fan-out on write",
        description="Timeline deliveries per second when posts are pushed to followers.",
        page="calculators/fanout.md",
        inputs=(
            Input(
                "posts_per_second",
                "Posts per second",
                "rate",
                "10K/s",
                "New posts across the service: 10K/s, 1B/day.",
                minimum=0,
            ),
            Input(
                "avg_followers",
                "Average followers per author",
                "number",
                "200",
                "Averaged over posts, celebrities included.",
            ),
            Input(
                "celebrity_share",
                "Posts by celebrities",
                "fraction",
                "0.001%",
                "Share of posts from accounts above the pull threshold (e.g. 1M followers).",
            ),
            Input(
                "celebrity_followers",
                "Followers per celebrity",
                "count",
                "5M",
                "Their average follower count.",
            ),
        ),
        outputs=(
            Output("deliveries_per_second", "Deliveries per second (push everything)", "rate"),
            Output(
                "hybrid_deliveries_per_second", "Deliveries per second (pull celebrities)", "rate"
            ),
            Output("celebrity_posts_per_second", "Celebrity posts per second", "rate"),
            Output("largest_fanout", "Deliveries for one celebrity post", "count"),
        ),
        compute=_fanout,
    )
)
