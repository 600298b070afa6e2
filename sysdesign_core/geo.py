"""Geospatial cells: which geohash length serves a search radius, and how many cells to read.

A geohash of ``p`` characters holds ``5p`` bits, alternating longitude and latitude, so its
cell spans ``360° / 2^⌈5p/2⌉`` of longitude and ``180° / 2^⌊5p/2⌋`` of latitude. A search
around a point reads the point's cell and its neighbours; when the radius is no larger than
a cell, the 3 × 3 block around the point always covers the circle.

>>> [round(d) for d in cell_size(6)]  # metres at the equator: 1.2 km × 610 m
[1223, 610]
>>> geo_search(1000)  # a 1 km radius at the equator: length 5, 9 cells
(5, 9)
>>> geo_search(1000, precision=6)  # cells of 1.2 km × 610 m: 3 × 5 of them
(6, 15)
"""

from __future__ import annotations

import math

from .registry import Calculator, Input, Output, Values, register

__all__ = [
    "EQUATOR_DEGREE",
    "MERIDIAN_DEGREE",
    "MAX_PRECISION",
    "cell_bits",
    "cell_size",
    "cells_to_cover",
    "geo_search",
    "GEO",
]

EQUATOR_DEGREE = 2 * math.pi * 6_378_137 / 360
"""Metres in one degree of longitude on the equator (WGS 84 equatorial radius): 111,319.5 m."""

MERIDIAN_DEGREE = 10_001_965.729 / 90
"""Metres in one degree of latitude, averaged along a meridian (WGS 84): 111,132.95 m."""

MAX_PRECISION = 12


def cell_bits(precision: int) -> tuple[int, int]:
    """``(longitude_bits, latitude_bits)`` of a geohash of ``precision`` characters."""
    bits = 5 * precision
    return (bits + 1) // 2, bits // 2


def cell_size(precision: int, latitude: float = 0.0) -> tuple[float, float]:
    """``(width, height)`` in metres of a geohash cell at ``latitude`` degrees.

    The width shrinks with the cosine of the latitude; the height does not.
    """
    lon_bits, lat_bits = cell_bits(precision)
    width = 360 / 2**lon_bits * EQUATOR_DEGREE * math.cos(math.radians(latitude))
    height = 180 / 2**lat_bits * MERIDIAN_DEGREE
    return width, height


def cells_to_cover(radius: float, precision: int, latitude: float = 0.0) -> int:
    """Cells in the block read to cover a circle of ``radius`` metres around any point.

    The point's cell plus ``⌈r/w⌉`` cells on each side across and ``⌈r/h⌉`` up and down,
    capped at the cells the grid has: ``(2⌈r/w⌉+1) × (2⌈r/h⌉+1)``.
    """
    width, height = cell_size(precision, latitude)
    lon_bits, lat_bits = cell_bits(precision)
    across = min(2 * math.ceil(radius / width) + 1, 2**lon_bits)
    down = min(2 * math.ceil(radius / height) + 1, 2**lat_bits)
    return int(across * down)


def geo_search(
    radius: float, latitude: float = 0.0, precision: int | None = None
) -> tuple[int, int]:
    """``(precision, cells)`` for a search of ``radius`` metres.

    Without a ``precision``, the longest geohash whose cells are still at least ``radius``
    wide and high (so 9 cells cover the circle); 1 if even those are too small.
    """
    if precision is None:
        fitting = [p for p in range(1, MAX_PRECISION + 1) if min(cell_size(p, latitude)) >= radius]
        precision = max(fitting, default=1)
    return precision, cells_to_cover(radius, precision, latitude)


def _geo(values: Values) -> dict[str, float]:
    radius, latitude = values["radius"], values["latitude"]
    fixed = values["fixed_precision"]
    precision, cells = geo_search(radius, latitude, None if fixed is None else int(fixed))
    width, height = cell_size(precision, latitude)
    return {
        "precision": float(precision),
        "cell_width": width,
        "cell_height": height,
        "cells": float(cells),
        "overfetch": cells * width * height / (math.pi * radius**2),
    }


GEO = register(
    Calculator(
        id="geo",
        title="Geospatial cells",
        description="Geohash length, cell size and cells to read for a search radius.",
        page="calculators/geo.md",
        inputs=(
            Input(
                "radius",
                "Search radius",
                "distance",
                "1km",
                "How far from the user to search: 500m, 5km, 3mi.",
                minimum=0.01,
                maximum=20_000_000,
            ),
            Input(
                "latitude",
                "Latitude (degrees, north or south)",
                "number",
                "0",
                "Cells narrow away from the equator: 0, 40.7 (New York), 60.",
                maximum=89,
            ),
            Input(
                "fixed_precision",
                "Geohash length",
                "number",
                "",
                "Optional: force a length (1 to 12) and read as many cells as it needs.",
                optional=True,
                minimum=1,
                maximum=MAX_PRECISION,
                integer=True,
            ),
        ),
        outputs=(
            Output("precision", "Geohash length", "count"),
            Output("cell_width", "Cell width", "distance"),
            Output("cell_height", "Cell height", "distance"),
            Output("cells", "Cells to read", "count"),
            Output("overfetch", "Area read ÷ circle area", "number"),
        ),
        compute=_geo,
    )
)
