"""Long-lived connections (chat, notifications, live updates): servers, memory, heartbeats.

A WebSocket or long-poll connection costs memory for as long as it is open, whether or not
anything is sent, and each one sends a heartbeat to prove it is alive.

>>> connection_load(10e6, 1, 50e3, 100e3, 30)
(10000000.0, 100, 500000000000.0, 333333.3333333333)
"""

from __future__ import annotations

import math

from .registry import Calculator, Input, Output, Values, register

__all__ = ["connection_load", "CONNECTIONS"]


def connection_load(
    concurrent_users: float,
    connections_per_user: float,
    memory_per_connection: float,
    connections_per_server: float,
    heartbeat_interval: float,
) -> tuple[float, int, float, float]:
    """``(connections, servers, memory, heartbeat_qps)`` for a fleet of connection servers.

    ``servers = ⌈connections ÷ connections_per_server⌉`` (at least 1),
    ``memory = connections × memory_per_connection``,
    ``heartbeat_qps = connections ÷ heartbeat_interval``.
    """
    connections = concurrent_users * connections_per_user
    servers = max(1, math.ceil(connections / connections_per_server - 1e-9))
    return (
        connections,
        servers,
        connections * memory_per_connection,
        connections / heartbeat_interval,
    )


def _connections(values: Values) -> dict[str, float]:
    connections, servers, memory, heartbeats = connection_load(
        values["concurrent_users"],
        values["connections_per_user"],
        values["memory_per_connection"],
        values["connections_per_server"],
        values["heartbeat_interval"],
    )
    return {
        "connections": connections,
        "servers": float(servers),
        "memory": memory,
        "memory_per_server": memory / servers,
        "heartbeat_qps": heartbeats,
        "heartbeat_per_server": heartbeats / servers,
    }


CONNECTIONS = register(
    Calculator(
        id="connections",
        title="Long-lived connections",
        description="Servers, memory and heartbeat load for persistent connections "
        "(WebSockets, long polling).",
        page="calculators/connections.md",
        inputs=(
            Input(
                "concurrent_users",
                "Users online at once",
                "count",
                "10M",
                "Connected at the peak, not daily users: 10M.",
                maximum=1e12,
            ),
            Input(
                "connections_per_user",
                "Connections per user",
                "number",
                "1",
                "Devices or tabs each user keeps open: 1.5.",
                maximum=100,
            ),
            Input(
                "memory_per_connection",
                "Memory per connection",
                "bytes",
                "50KB",
                "Socket buffers, TLS state and session: 10KB to 100KB.",
                maximum=1e9,
            ),
            Input(
                "connections_per_server",
                "Connections per server",
                "count",
                "100K",
                "What one server holds with headroom: 100K, 1M.",
                minimum=1,
                maximum=1e9,
            ),
            Input(
                "heartbeat_interval",
                "Heartbeat interval",
                "duration",
                "30s",
                "How often each connection pings to stay alive: 30s.",
                minimum=0.001,
                maximum=86_400,
            ),
        ),
        outputs=(
            Output("connections", "Open connections", "count"),
            Output("servers", "Connection servers", "count"),
            Output("memory", "Memory for connections", "bytes"),
            Output("memory_per_server", "Memory per server", "bytes"),
            Output("heartbeat_qps", "Heartbeats per second", "rate"),
            Output("heartbeat_per_server", "Heartbeats per second per server", "rate"),
        ),
        compute=_connections,
    )
)
