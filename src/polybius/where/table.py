"""The gazetteer's table as kept in the user's cache: columns of plain numbers and UTF-8 text.

The file is data only, never code (no pickle or marshal, which a shared or writable cache
directory would turn into a way to crash or mislead every user's process), and it is read back
in a few hundredths of a second, where parsing and checking 75,000 JSON rows took one or two
seconds in every process that codes. Layout: one JSON header line (format name, version, the
key of the inputs it was built from, SHA-256 of the payload, the sections' byte lengths) then
the sections back to back:

    keys         the lower-cased names looked up, "\\n"-separated UTF-8
    strings      the distinct place and admin-1 names, "\\n"-separated UTF-8
    name admin1  per place, an index into strings (uint32)
    country      per place, three ASCII letters (ISO-3166 alpha-3)
    feature      per place, one ASCII letter: P a populated place, A an admin-1 unit
    lat lon      per place (float64)
    population   per place (int64)
    offsets      per key, plus one: where its places start in refs (uint32)
    refs         place indexes, each key's places most populous first (uint32)

What a lookup relies on is checked when the file is read, a whole column at a time: every index
in range, every name with at least one place, coordinates on the globe, no negative population,
known feature classes, lengths that agree. A file that fails is refused (TableRejected) and the
caller builds the table again. The places of a name are made when it is first looked up.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
import sys
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice

from polybius.where.place import Place

FORMAT_NAME = "polybius-gazetteer"
# bump when the layout changes (the key of the inputs covers the contents)
FORMAT_VERSION = 1
MAX_HEADER_BYTES = 64 * 1024
_FLOAT, _INT, _INDEX = "d", "q", "I"
# section name -> array typecode, or "" for text (in file order)
SECTIONS: dict[str, str] = {
    "keys": "",
    "strings": "",
    "name": _INDEX,
    "admin1": _INDEX,
    "country": "",
    "feature": "",
    "lat": _FLOAT,
    "lon": _FLOAT,
    "population": _INT,
    "offsets": _INDEX,
    "refs": _INDEX,
}


class TableRejected(ValueError):
    """A file that is not a gazetteer table of this format built from these inputs."""


@dataclass(frozen=True)
class Columns:
    """The table's sections, checked (see the module's docstring)."""

    keys: list[str]
    strings: list[str]
    name: array
    admin1: array
    country: str
    feature: str
    lat: array
    lon: array
    population: array
    offsets: array
    refs: array


class Gazetteer(Mapping[str, tuple[Place, ...]]):
    """Lower-cased name -> its places (most populous first), made from the columns on first
    lookup. Equal to a dict holding the same names and places."""

    def __init__(self, columns: Columns) -> None:
        self._c = columns
        self._position = dict(zip(columns.keys, range(len(columns.keys))))  # noqa: B905
        self._made: dict[str, tuple[Place, ...]] = {}

    def __getitem__(self, name: str) -> tuple[Place, ...]:
        found = self._made.get(name)
        if found is None:
            i = self._position[name]  # KeyError: no place of that name
            c = self._c
            found = tuple(self._place(r) for r in c.refs[c.offsets[i] : c.offsets[i + 1]])
            self._made[name] = found
        return found

    def _place(self, row: int) -> Place:
        c = self._c
        return Place(
            c.strings[c.name[row]],
            c.country[3 * row : 3 * row + 3],
            c.lat[row],
            c.lon[row],
            c.population[row],
            c.strings[c.admin1[row]],
            c.feature[row],
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._c.keys)

    def __len__(self) -> int:
        return len(self._c.keys)

    def __contains__(self, name: object) -> bool:
        return name in self._position


def encode(places: Mapping[str, tuple[Place, ...]], key: str) -> bytes:
    """The table as a cache file built from the inputs named by `key`."""
    index: dict[Place, int] = {}
    keys = sorted(places)
    offsets, refs = array(_INDEX, [0]), array(_INDEX)
    for name in keys:
        found = places[name]
        if not found or "\n" in name:
            raise ValueError(f"cannot store the name {name!r}")
        refs.extend(index.setdefault(p, len(index)) for p in found)
        offsets.append(len(refs))
    rows = list(index)
    strings: dict[str, int] = {}
    for p in rows:
        if "\n" in p.name or "\n" in p.admin1 or len(p.country) != 3 or not p.country.isascii():
            raise ValueError(f"cannot store the place {p!r}")
        strings.setdefault(p.name, len(strings))
        strings.setdefault(p.admin1, len(strings))
    sections = {
        "keys": "\n".join(keys).encode(),
        "strings": "\n".join(strings).encode(),
        "name": array(_INDEX, (strings[p.name] for p in rows)).tobytes(),
        "admin1": array(_INDEX, (strings[p.admin1] for p in rows)).tobytes(),
        "country": "".join(p.country for p in rows).encode("ascii"),
        "feature": "".join(p.feature for p in rows).encode("ascii"),
        "lat": array(_FLOAT, (p.lat for p in rows)).tobytes(),
        "lon": array(_FLOAT, (p.lon for p in rows)).tobytes(),
        "population": array(_INT, (p.population for p in rows)).tobytes(),
        "offsets": offsets.tobytes(),
        "refs": refs.tobytes(),
    }
    payload = b"".join(sections.values())
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "key": key,
        "byteorder": sys.byteorder,
        "places": len(rows),
        "names": len(keys),
        "sections": [len(s) for s in sections.values()],
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    return json.dumps(header).encode() + b"\n" + payload


def decode(data: bytes, key: str) -> Gazetteer:
    """The table in a cache file, checked; TableRejected (a ValueError) when it is not sound."""
    head, newline, payload = data[: MAX_HEADER_BYTES + 1].partition(b"\n")
    if not newline:
        raise TableRejected("no header line")
    payload = data[len(head) + 1 :]
    try:
        header = json.loads(head)
    except (ValueError, RecursionError) as exc:
        raise TableRejected(f"unreadable header ({exc})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT_NAME:
        raise TableRejected("not a Polybius gazetteer cache")
    expected = {"version": FORMAT_VERSION, "key": key, "byteorder": sys.byteorder}
    if any(header.get(k) != v for k, v in expected.items()):
        raise TableRejected("built by another version or from other inputs")
    if header.get("sha256") != hashlib.sha256(payload).hexdigest():
        raise TableRejected("checksum mismatch: the file is damaged or was changed")
    lengths, n_places, n_names = header.get("sections"), header.get("places"), header.get("names")
    if not (
        isinstance(lengths, list)
        and len(lengths) == len(SECTIONS)
        and all(type(n) is int and n >= 0 for n in lengths)
        and sum(lengths) == len(payload)
        and type(n_places) is int
        and type(n_names) is int
        and n_places > 0
        and n_names > 0
    ):
        raise TableRejected("unexpected layout")
    sections: dict[str, bytes | array] = {}
    at = 0
    for (name, code), size in zip(SECTIONS.items(), lengths, strict=True):
        raw = payload[at : at + size]
        at += size
        if code:
            if size % array(code).itemsize:
                raise TableRejected(f"section {name} is cut")
            column = array(code)
            column.frombytes(raw)
            sections[name] = column
        else:
            sections[name] = raw
    return Gazetteer(_checked(sections, n_places, n_names))


def _text(raw: bytes | array, what: str) -> list[str]:
    try:
        return bytes(raw).decode("utf-8").split("\n")
    except UnicodeDecodeError:
        raise TableRejected(f"{what} are not UTF-8") from None


def _checked(s: dict[str, bytes | array], n_places: int, n_names: int) -> Columns:
    """The sections as columns once every check passed (else TableRejected)."""
    keys, strings = _text(s["keys"], "names"), _text(s["strings"], "place names")
    country, feature = bytes(s["country"]), bytes(s["feature"])
    if len(keys) != n_names or len(s["offsets"]) != n_names + 1:
        raise TableRejected("invalid number of names")
    per_place = ("name", "admin1", "feature", "lat", "lon", "population")
    if any(len(s[k]) != n_places for k in per_place) or len(country) != 3 * n_places:
        raise TableRejected("invalid column lengths")
    if max(s["name"]) >= len(strings) or max(s["admin1"]) >= len(strings):
        raise TableRejected("invalid string index")
    if not country.isalpha() or feature.translate(None, b"PA"):
        raise TableRejected("invalid country or feature class")
    lat, lon, population = s["lat"], s["lon"], s["population"]
    if not (math.isfinite(sum(lat)) and math.isfinite(sum(lon))):  # a NaN or infinity
        raise TableRejected("invalid coordinates")
    if min(lat) < -90 or max(lat) > 90 or min(lon) < -180 or max(lon) > 180:
        raise TableRejected("invalid coordinates")
    if min(population) < 0:
        raise TableRejected("invalid population")
    offsets, refs = s["offsets"], s["refs"]
    if (
        offsets[0] != 0
        or offsets[-1] != len(refs)
        or not all(map(operator.lt, offsets, islice(offsets, 1, None)))  # each has a place
        or max(refs) >= n_places
    ):
        raise TableRejected("invalid places of a name")
    return Columns(
        keys,
        strings,
        s["name"],
        s["admin1"],
        country.decode("ascii"),
        feature.decode("ascii"),
        lat,
        lon,
        population,
        offsets,
        refs,
    )
