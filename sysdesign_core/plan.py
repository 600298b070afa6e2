"""The 45-minute interview plan as a chart: one row per slot, in minutes, in order.

Drawn from the catalog's plan (:func:`sysdesign_core.tables.framework.time_blocks`), so the
picture, the checklist table and the tests agree. Each row carries its name and minutes as
text, so no colour or legend is needed to read it.

>>> svg = plan_chart()
>>> "Deep dive · 15 min" in svg and "<td>25–40</td>" in svg
True
"""

from __future__ import annotations

from . import charts
from .tables.framework import TimeBlock, time_blocks

__all__ = ["plan_chart"]


def plan_chart(blocks: tuple[TimeBlock, ...] | None = None) -> str:
    """A timeline of ``blocks`` (the catalog's 45-minute plan by default) as a figure.

    Each slot is a row: its name and minutes above a bar that runs from its first to its
    last minute on a shared 0–45 axis, so both the share and the order show.
    """
    blocks = time_blocks() if blocks is None else blocks
    total = sum(block.minutes for block in blocks) or 1
    size, edge = charts.FONT_SIZE, 4
    label_height, bar_height, gap = size + 6, 18, 10
    row_height = label_height + bar_height + gap
    width = charts.WIDTH
    scale = (width - 2 * edge) / total
    height = row_height * len(blocks) + size + 14
    parts = []
    start = 0
    spans = []
    for index, block in enumerate(blocks):
        top = row_height * index
        x = edge + start * scale
        spans.append((block, start, start + block.minutes))
        parts.append(
            f'<line x1="{edge}" y1="{top + label_height + bar_height / 2}" '
            f'x2="{width - edge}" y2="{top + label_height + bar_height / 2}" '
            f'stroke="currentColor" stroke-opacity="0.25" stroke-dasharray="2 3"/>'
            f'<rect x="{charts.num(x)}" y="{top + label_height}" '
            f'width="{charts.num(block.minutes * scale)}" height="{bar_height}" rx="3" '
            f'fill="currentColor" fill-opacity="0.4" '
            f'stroke="currentColor" stroke-width="1.5"/>'
            + charts.text(edge, top + size, f"{block.name} · {block.minutes} min", bold=True)
        )
        start += block.minutes
    axis = row_height * len(blocks) + size
    ticks = [t for t in range(0, total + 1, 15)] + ([total] if total % 15 else [])
    for tick in ticks:
        x = edge + tick * scale
        anchor = "start" if tick == 0 else "end" if tick == total else "middle"
        label = f"{tick} min" if tick == total else f"{tick}"
        parts.append(
            f'<line x1="{charts.num(x)}" y1="0" x2="{charts.num(x)}" y2="{axis - size}" '
            f'stroke="currentColor" stroke-opacity="0.15"/>'
            + charts.text(x, axis + 4, label, anchor=anchor)
        )
    rows = [
        (block.name, block.steps, f"{block.minutes}", f"{begin}–{end}")
        for block, begin, end in spans
    ]
    longest = max(blocks, key=lambda block: block.minutes)
    return charts.figure(
        f"The {total}-minute interview, slot by slot",
        f"{len(blocks)} slots in order: "
        + "; ".join(f"{block.name} {block.minutes} minutes" for block in blocks)
        + f". The longest is {longest.name.lower()}.",
        "".join(parts),
        f"Minutes per slot in a {total}-minute interview, in the order they come.",
        ("Slot", "Steps", "Minutes", "From–to (minute)"),
        rows,
        height=height,
    )
