"""The catalog's data, one module per topic. Each module exposes ``TABLES`` and ``LISTS``.

To add a topic: create a module here with those two lists and add it to ``TOPICS`` below.
"""

from __future__ import annotations

from . import (
    api,
    changelog,
    concepts,
    coordination,
    cost,
    data_movement,
    framework,
    latency,
    messaging,
    multiregion,
    observability,
    practice,
    problems,
    resilience,
    scaling,
    search,
    security,
    storage,
    storage_internals,
)

TOPICS = (
    framework,
    api,
    storage,
    messaging,
    scaling,
    resilience,
    concepts,
    latency,
    practice,
    problems,
    changelog,
    # senior topics
    observability,
    cost,
    coordination,
    data_movement,
    storage_internals,
    multiregion,
    search,
    security,
)
