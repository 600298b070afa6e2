"""sysdesign_core: the arithmetic of system design, in pure standard-library Python.

The same code runs at site build time, in the browser (Pyodide) and in the ``sysdesign`` CLI:

>>> from sysdesign_core import run
>>> run("capacity", {"dau": "500M", "writes_per_user": "2", "day_seconds": "100000"}
...     )["outputs"]["write_qps"]["text"]
'10K/s'
"""

from __future__ import annotations

# Importing a calculator module registers it; the order here is the order of `sysdesign list`.
# isort: off
from . import capacity, availability  # noqa: F401
from . import composite, reliability, latency, sizing, fanout, ids, scaling, ratelimit  # noqa: F401
from . import sketches, connections, video, geo  # noqa: F401
from . import burn_rate, cost  # noqa: F401  (senior topics)
from . import llm, erasure  # noqa: F401
from . import overload  # noqa: F401  (retry_amplification, queue_drain, headroom)

# isort: on
from .errors import Conflict, InputError, ParseError
from .registry import Calculator, Input, Output, calculators, get, run

__all__ = [
    "Calculator",
    "Conflict",
    "Input",
    "InputError",
    "Output",
    "ParseError",
    "calculators",
    "get",
    "run",
    "__version__",
]
__version__ = "0.1.0"
