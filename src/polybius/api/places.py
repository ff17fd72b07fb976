"""Coordinates for the map: events carry a place name and a country code, rarely lat/lon.

An event is placed by its own coordinates when it has them, else by its place name when that
is a capital or large city listed in data/place_points.tsv, else at its country's point
(data/country_points.tsv). Both files are derived from Natural Earth by scripts/world_map.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from polybius.tsv import package_data, read_tsv


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float
    precision: str  # coordinates | place | country


@lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    return {
        r["code"]: (float(r["lat"]), float(r["lon"]))
        for r in read_tsv(package_data("api", "data", "country_points.tsv"))
    }


@lru_cache(maxsize=1)
def place_points() -> dict[str, tuple[float, float]]:
    return {
        _key(r["name"]): (float(r["lat"]), float(r["lon"]))
        for r in read_tsv(package_data("api", "data", "place_points.tsv"))
    }


def _key(name: str) -> str:
    name = name.strip().casefold()
    return name[4:] if name.startswith("the ") else name


def locate(
    place: str | None, country: str | None, lat: float | None, lon: float | None
) -> Point | None:
    """Where to draw an event, or None when nothing about it can be placed."""
    if lat is not None and lon is not None:
        return Point(lat, lon, "coordinates")
    if place and (hit := place_points().get(_key(place))):
        return Point(*hit, "place")
    if country and (hit := country_points().get(country)):
        return Point(*hit, "country")
    return None
