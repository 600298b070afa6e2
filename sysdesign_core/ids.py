"""Snowflake-style 64-bit ids: timestamp, node and sequence bits, and what each allows.

Twitter's Snowflake uses 41 bits of milliseconds, 10 bits of node id and 12 bits of
sequence (plus a sign bit): ids for about 69.7 years, 1,024 nodes, 4,096 ids per ms per node.

>>> layout = snowflake_layout(41, 10, 12, 0.001)
>>> round(layout.lifetime / (365.25 * 86400), 1), layout.nodes, layout.ids_per_second_per_node
(69.7, 1024, 4096000.0)
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Conflict
from .registry import Calculator, Input, Output, Values, register

__all__ = ["SnowflakeLayout", "snowflake_layout", "ID_BITS", "SNOWFLAKE"]

ID_BITS = 63
"""Usable bits of a signed 64-bit integer (the sign bit stays 0 so ids sort as positives)."""


@dataclass(frozen=True)
class SnowflakeLayout:
    """What a bit layout allows: seconds of ids, nodes, ids per second per node and in all."""

    lifetime: float
    nodes: int
    ids_per_second_per_node: float
    ids_per_second: float


def snowflake_layout(
    timestamp_bits: int, node_bits: int, sequence_bits: int, tick: float
) -> SnowflakeLayout:
    """The limits of an id made of a ``tick``-second timestamp, a node id and a sequence.

    The timestamp counts ``2^timestamp_bits`` ticks from a custom epoch; each node issues
    ``2^sequence_bits`` ids per tick before it must wait for the next tick.
    """
    nodes = 2**node_bits
    per_node = 2**sequence_bits / tick
    return SnowflakeLayout(
        lifetime=2**timestamp_bits * tick,
        nodes=nodes,
        ids_per_second_per_node=per_node,
        ids_per_second=per_node * nodes,
    )


def _snowflake(values: Values) -> dict[str, float]:
    bits = {name: int(values[name]) for name in ("timestamp_bits", "node_bits", "sequence_bits")}
    if sum(bits.values()) > ID_BITS:
        raise Conflict(
            "timestamp_bits",
            f"with the other fields makes {sum(bits.values())} bits",
            f"keep timestamp + node + sequence bits at most {ID_BITS}",
        )
    layout = snowflake_layout(
        bits["timestamp_bits"], bits["node_bits"], bits["sequence_bits"], values["tick"]
    )
    return {
        "lifetime": layout.lifetime,
        "ids_per_second_per_node": layout.ids_per_second_per_node,
        "nodes": float(layout.nodes),
        "ids_per_second": layout.ids_per_second,
    }


SNOWFLAKE = register(
    Calculator(
        id="snowflake",
        title="Snowflake id layout",
        description="How long a Snowflake-style id lasts, how many nodes and ids per second.",
        page="calculators/snowflake.md",
        inputs=(
            Input(
                "timestamp_bits",
                "Timestamp bits",
                "count",
                "41",
                "Twitter used 41.",
                minimum=1,
                maximum=ID_BITS,
                integer=True,
            ),
            Input(
                "node_bits",
                "Node (worker) bits",
                "count",
                "10",
                "Twitter used 10.",
                minimum=0,
                maximum=ID_BITS,
                integer=True,
            ),
            Input(
                "sequence_bits",
                "Sequence bits",
                "count",
                "12",
                "Twitter used 12.",
                minimum=0,
                maximum=ID_BITS,
                integer=True,
            ),
            Input(
                "tick",
                "Timestamp tick",
                "duration",
                "1ms",
                "Time per timestamp unit: 1ms.",
                minimum=0,
                exclusive_minimum=True,
            ),
        ),
        outputs=(
            Output("lifetime", "Ids last for", "duration"),
            Output("ids_per_second_per_node", "Ids per second per node", "rate"),
            Output("nodes", "Nodes", "count"),
            Output("ids_per_second", "Ids per second in all", "rate"),
        ),
        compute=_snowflake,
    )
)
