"""``python -m sysdesign_core`` is the ``sysdesign`` command."""

from .cli import main

raise SystemExit(main())
