"""The catalog's data, one module per topic. Each module exposes ``TABLES`` and ``LISTS``.

To add a topic: create a module here with those two lists and add its name to ``_TOPIC_NAMES``
below.

``TOPICS`` (the modules, in order) is imported on first use, not with this package: a
calculator that reads one topic (``cost`` reads ``tables.cost``) must not import every topic,
or one broken row anywhere would stop ``import sysdesign_core`` and the catalog check
(``python -m sysdesign_core.validate``) could not report it as a catalog problem.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["TOPICS"]

_TOPIC_NAMES = (
    "framework",
    "api",
    "storage",
    "messaging",
    "scaling",
    "resilience",
    "concepts",
    "latency",
    "practice",
    "problems",
    "levels",
    "checkpoints",
    "changelog",
    "observability",
    "cost",
    "coordination",
    "data_movement",
    "storage_internals",
    "multiregion",
    "search",
    "security",
    "study",
)


def __getattr__(name: str) -> tuple[ModuleType, ...]:
    """``TOPICS``: every topic module, imported in order on first use (PEP 562)."""
    if name == "TOPICS":
        return tuple(importlib.import_module(f"{__name__}.{topic}") for topic in _TOPIC_NAMES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
