"""A place of the gazetteer (where/places.py): the record the coder's location is made from."""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    name: str
    country: str  # ISO-3166 alpha-3
    lat: float
    lon: float
    population: int
    admin1: str = ""  # the admin-1 unit's name ("" when unknown)
    feature: str = "P"  # P a populated place, A an admin-1 unit
