"""Derive the dashboard's world map and place coordinates from Natural Earth (public domain).

The 1:110m Natural Earth countries and populated places ship inside the geopandas 0.14.4 wheel
on PyPI. This script reads them with a small shapefile/DBF reader (no GIS library needed) and
writes the files the dashboard serves, so nothing is fetched at run time:

    src/polybius/api/static/world.json        country outlines as SVG path data in an
                                              equirectangular projection (x = lon + 180,
                                              y = 90 - lat), rounded to 0.1 degree
    src/polybius/api/data/country_points.tsv  one point per country (centre of its largest
                                              polygon) to place events located by country
    src/polybius/api/data/place_points.tsv    capitals and large cities, to place events
                                              located by a city name

Regenerate (only needed to change the map):

    .venv/bin/pip download --no-deps geopandas==0.14.4 -d /tmp/geo
    .venv/bin/python scripts/world_map.py /tmp/geo/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import io
import json
import struct
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
API = REPO / "src" / "polybius" / "api"
COUNTRIES = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
CITIES = "geopandas/datasets/naturalearth_cities/naturalearth_cities"

KOSOVO = "XKX"  # the code Polybius uses (Natural Earth has none)
Ring = list[tuple[float, float]]


# the 1:110m populated places file has "?" where its names had non-ASCII letters
_RESPELLED = {"?saka": "Osaka", "Chi?in?u": "Chisinau"}


def _spelled(name: str) -> str:
    return _RESPELLED.get(name, name)


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """Records of a dBASE III file as dicts of stripped strings."""
    n_records, header_size, record_size = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    records = []
    for i in range(n_records):
        start = header_size + i * record_size + 1  # skip the deletion flag
        record = {}
        for name, length in fields:
            record[name] = data[start : start + length].decode("utf-8", "replace").strip()
            start += length
        records.append(record)
    return records


def read_shapes(data: bytes) -> list[list[Ring] | tuple[float, float]]:
    """Polygons (a list of rings of (lon, lat)) or points of an ESRI shapefile."""
    shapes, pos = [], 100
    while pos < len(data):
        _, words = struct.unpack(">ii", data[pos : pos + 8])
        content = data[pos + 8 : pos + 8 + 2 * words]
        pos += 8 + 2 * words
        (kind,) = struct.unpack("<i", content[:4])
        if kind == 1:
            shapes.append(struct.unpack("<dd", content[4:20]))
            continue
        if kind != 5:
            raise ValueError(f"unexpected shape type {kind}")
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts]))
        offset = 44 + 4 * n_parts
        points = [
            struct.unpack("<dd", content[offset + 16 * i : offset + 16 * i + 16])
            for i in range(n_points)
        ]
        shapes.append([points[a:b] for a, b in zip(parts, parts[1:] + [n_points], strict=True)])
    return shapes


def ring_area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of a ring, in plain degree coordinates."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if abs(area) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area, cx / (6 * area), cy / (6 * area)


def small_states(have: set[str], places: list[tuple[str, float, float]]) -> list[tuple]:
    """Points for states too small for the 1:110m polygons: their capital, or a city of
    their name (Singapore, Hong Kong), from the populated places."""
    from polybius.tsv import package_data, read_tsv, split_values

    by_name = {name: (lat, lon) for name, lat, lon in places}
    out = []
    for row in read_tsv(package_data("actors", "data", "countries.tsv")):
        if row["code"] in have:
            continue
        names = split_values(row["names"])
        for candidate in split_values(row["capitals"]) + names[:1]:
            if candidate in by_name:
                lat, lon = by_name[candidate]
                out.append((row["code"], names[0], lat, lon))
                break
    return out


def path_data(rings: list[Ring]) -> str:
    """SVG path data of the rings, projected x = lon + 180, y = 90 - lat, 0.1 degree steps."""
    parts = []
    for ring in rings:
        points: list[tuple[float, float]] = []
        for lon, lat in ring:
            p = (round(lon + 180, 1), round(90 - lat, 1))
            if not points or p != points[-1]:
                points.append(p)
        if len(points) < 3:
            continue
        coords = " ".join(f"{x:g} {y:g}" for x, y in points)
        parts.append(f"M{coords}Z")
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="geopandas-0.14.4-py3-none-any.whl")
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as z:
        countries = zip(
            read_dbf(z.read(COUNTRIES + ".dbf")),
            read_shapes(z.read(COUNTRIES + ".shp")),
            strict=True,
        )
        cities = zip(
            read_dbf(z.read(CITIES + ".dbf")), read_shapes(z.read(CITIES + ".shp")), strict=True
        )
        outlines, points = [], []
        for record, rings in countries:
            code = record["iso_a3"]
            if code == "-99":
                code = KOSOVO if record["name"] == "Kosovo" else ""
            outlines.append({"code": code, "name": record["name"], "d": path_data(rings)})
            if code:
                _, lon, lat = max((ring_area_centroid(r) for r in rings), key=lambda a: abs(a[0]))
                points.append((code, record["name"], lat, lon))
        places = sorted({(_spelled(r["name"]), lat, lon) for r, (lon, lat) in cities})
    points += small_states({p[0] for p in points}, places)
    static = API / "static"
    (static / "world.json").write_text(
        json.dumps(
            {
                "source": "Natural Earth 1:110m admin-0 countries (public domain), "
                "derived by scripts/world_map.py",
                "projection": "equirectangular: x = lon + 180, y = 90 - lat",
                "countries": outlines,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n",
        encoding="utf-8",
    )
    _write_tsv(
        API / "data" / "country_points.tsv",
        "# One point per country (centre of its largest polygon in Natural Earth 1:110m,\n"
        "# public domain), used to place events located by country. Generated by\n"
        "# scripts/world_map.py; add rows by hand for countries the map lacks.\n",
        ["code", "name", "lat", "lon"],
        sorted(points),
    )
    _write_tsv(
        API / "data" / "place_points.tsv",
        "# Capitals and large cities (Natural Earth 1:110m populated places, public domain),\n"
        "# used to place events located by a city name. Generated by scripts/world_map.py.\n",
        ["name", "lat", "lon"],
        places,
    )


def _write_tsv(path: Path, header: str, columns: list[str], rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    out.write(header)
    out.write("\t".join(columns) + "\n")
    for row in rows:
        out.write("\t".join(f"{v:.2f}" if isinstance(v, float) else str(v) for v in row) + "\n")
    path.write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main()
