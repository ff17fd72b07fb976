"""The SQL behind the API: parameterised queries over the store, aggregated in DuckDB.

Every function takes a cursor and returns plain dicts shaped like the response models.
Aggregations (timeline, dyads, network, map, stats) run server-side so that a store of
millions of events answers in milliseconds and the browser only receives what it draws.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import duckdb

from polybius.api.filters import EventFilters, and_where, escape_like, ilike_contains
from polybius.api.labels import label
from polybius.api.places import locate
from polybius.api.state import Capabilities
from polybius.codesets import split_codes
from polybius.store import schema
from polybius.urls import web_url
from polybius.when.precision import fits_sql

Cursor = duckdb.DuckDBPyConnection

# the events columns of every event summary and the further ones of an event's detail
# (flags `api` and `detail` in store/data/columns.tsv)
SUMMARY_COLUMNS = tuple(c.name for c in schema.api_columns("events"))
DETAIL_COLUMNS = tuple(c.name for c in schema.api_columns("events", "detail"))
LIST_COLUMNS = tuple(c.name for c in schema.columns("events") if c.is_list)
DOCUMENT_COLUMNS = (
    "doc_id",
    "title",
    "url",
    "source",
    "published",
    "language",
    "status",
    "error",
    "n_sentences",
    "n_events",
    "coded_at",
)
ORDER = {
    "newest": "event_date DESC NULLS LAST, event_id DESC",
    "oldest": "event_date ASC NULLS LAST, event_id ASC",
}
# QuadClass counts and the mean Goldstein of a group of events
QUAD_AGGREGATES = """count(*) AS events,
    count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
    count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
    count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
    count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
    round(avg(goldstein), 2) AS mean_goldstein"""
PERIOD_SQL = {
    "day": "event_date",
    "week": "date_trunc('week', event_date)::DATE",
    "month": "date_trunc('month', event_date)::DATE",
}


def _summary_select(caps: Capabilities, alias: str = "") -> str:
    """The summary columns; those an older store lacks are null."""
    p = f"{alias}." if alias else ""
    return ", ".join(p + c if c in caps.event_columns else f"NULL AS {c}" for c in SUMMARY_COLUMNS)


def _dicts(cur: Cursor) -> list[dict]:
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    if "url" in names:  # stores written before readers checked URLs may hold javascript:...
        for row in rows:
            row["url"] = web_url(row["url"])
    return rows


def _one(cur: Cursor) -> dict | None:
    rows = _dicts(cur)
    return rows[0] if rows else None


def _summary(row: dict) -> dict:
    for column in LIST_COLUMNS:  # a list is never null in a response
        if column in row:
            row[column] = row[column] or []
    return row


# ---------------------------------------------------------------------------- events


def list_events(
    cur: Cursor, caps: Capabilities, f: EventFilters, limit: int, offset: int, sort: str
) -> dict:
    """One page of events and the number matching.

    The matching events' ids and dates are collected in one scan (for the count and the
    page's order); only the page's rows are then read in full, by id. Sorting whole rows
    of a large match would cost far more.
    """
    where, params = f.where()
    index_only = f.index_only()  # a one-word text search: the word index has it all
    matches = index_only[0] if index_only else f"SELECT event_id, event_date FROM events{where}"
    params = index_only[1] if index_only else params
    if where:
        cur.execute(
            f"WITH m AS MATERIALIZED ({matches}) "
            f"SELECT event_id, (SELECT count(*) FROM m) FROM m ORDER BY {ORDER[sort]} "
            "LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        page = cur.fetchall()
        ids = [r[0] for r in page]
        if page:
            total = page[0][1]
        else:  # past the last page
            total = cur.execute(f"SELECT count(*) FROM ({matches})", params).fetchall()[0][0]
    else:
        total = cur.execute("SELECT count(*) FROM events").fetchall()[0][0]
        cur.execute(
            f"SELECT event_id FROM events ORDER BY {ORDER[sort]} LIMIT ? OFFSET ?", [limit, offset]
        )
        ids = [r[0] for r in cur.fetchall()]
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "events": events_by_id(cur, caps, ids),
    }


def events_by_id(cur: Cursor, caps: Capabilities, ids: list[str]) -> list[dict]:
    """Event summaries in the order of `ids`."""
    if not ids:
        return []
    cur.execute(f"SELECT {_summary_select(caps)} FROM events WHERE event_id = ANY(?)", [ids])
    by_id = {r["event_id"]: _summary(r) for r in _dicts(cur)}
    return [by_id[i] for i in ids if i in by_id]


def event_detail(cur: Cursor, caps: Capabilities, event_id: str) -> dict | None:
    cur.execute(
        f"SELECT {_summary_select(caps)}, {', '.join(DETAIL_COLUMNS)} "
        "FROM events WHERE event_id = ?",
        [event_id],
    )
    row = _one(cur)
    if row is None:
        return None
    detail = {k: row.pop(k) for k in DETAIL_COLUMNS}
    event = _summary(row)
    cur.execute(
        "SELECT role, position, text, code, sector, name, start_char, end_char, rule "
        "FROM event_actors WHERE event_id = ? ORDER BY role DESC, position",
        [event_id],
    )
    actors = _dicts(cur)
    for a in actors:
        a["label"] = label(a["code"])
    cur.execute(
        "SELECT doc_id, title, url, source, published FROM documents WHERE doc_id = ?",
        [event["doc_id"]],
    )
    detail.update(
        event=event,
        actors=actors,
        highlights=highlights(event, actors),
        document=_one(cur),
        cluster=cluster_of(cur, caps, event["cluster_id"]) if event["cluster_id"] else None,
    )
    return detail


def highlights(event: dict, actors: list[dict]) -> list[dict]:
    """Source, target and trigger spans inside the event's sentence (valid spans only)."""
    sentence = event.get("sentence_text") or ""
    spans = [(a["role"], a["start_char"], a["end_char"]) for a in actors]
    spans.append(("trigger", event.get("trigger_start"), event.get("trigger_end")))
    out = []
    for role, start, end in spans:
        if start is not None and end is not None and 0 <= start < end <= len(sentence):
            out.append(
                {
                    "role": role,
                    "start": start,
                    "end": end,
                    "text": sentence[start:end],
                    "event_id": event["event_id"],
                }
            )
    return sorted(out, key=lambda h: (h["start"], h["end"]))


def cluster_of(cur: Cursor, caps: Capabilities, cluster_id: str) -> dict:
    """The aggregated event and all its mentions (documents that reported it)."""
    fields = {}
    if caps.clusters:
        cur.execute(
            f"SELECT {', '.join(caps.cluster_columns)} FROM clusters WHERE cluster_id = ?",
            [cluster_id],
        )
        fields = _one(cur) or {}
        fields = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in fields.items()}
        for side in ("source", "target"):  # JSON carries code sets as lists (codesets.py)
            if f"{side}_code" in fields:
                fields[f"{side}_codes"] = split_codes(fields[f"{side}_code"])
    cur.execute(
        "SELECT e.event_id, e.doc_id, d.title, d.source, d.published, e.event_date, e.status, "
        "e.sentence_text FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id "
        "WHERE e.cluster_id = ? ORDER BY d.published NULLS LAST, e.doc_id, e.event_id LIMIT 200",
        [cluster_id],
    )
    return {"cluster_id": cluster_id, "fields": fields, "mentions": _dicts(cur)}


# ---------------------------------------------------------------------------- documents


def _document_select(caps: Capabilities) -> str:
    cols = list(DOCUMENT_COLUMNS)
    cols.append("duplicate_of" if caps.document_duplicate_of else "NULL AS duplicate_of")
    cols.append("tone" if caps.document_tone else "NULL AS tone")
    return ", ".join(cols)


def list_documents(
    cur: Cursor,
    caps: Capabilities,
    q: str | None,
    status: str | None,
    source: str | None,
    date_from,
    date_to,
    limit: int,
    offset: int,
) -> dict:
    clauses, params = [], []
    if q:
        like = ilike_contains(q)
        clauses.append(f"(title {like} OR doc_id {like})")
        params += [f"%{escape_like(q)}%"] * 2
    if status:
        clauses.append("status = ?")
        params.append(status)
    if source:
        clauses.append("source = ?")
        params.append(source)
    if date_from:
        clauses.append("published >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("published <= ?")
        params.append(date_to)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = cur.execute(f"SELECT count(*) FROM documents{where}", params).fetchall()[0][0]
    first = (
        "(SELECT s.text FROM sentences s WHERE s.doc_id = documents.doc_id "
        "ORDER BY s.sentence_index LIMIT 1) AS first_sentence"
    )
    cur.execute(
        f"SELECT {_document_select(caps)}, {first} FROM documents{where} "
        "ORDER BY published DESC NULLS LAST, doc_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {"total": total, "limit": limit, "offset": offset, "documents": _dicts(cur)}


def document_detail(cur: Cursor, caps: Capabilities, doc_id: str) -> dict | None:
    cur.execute(f"SELECT {_document_select(caps)}, text FROM documents WHERE doc_id = ?", [doc_id])
    document = _one(cur)
    if document is None:
        return None
    text = document.pop("text")
    cur.execute(
        "SELECT sentence_index AS index, text, start_char, end_char FROM sentences "
        "WHERE doc_id = ? ORDER BY sentence_index",
        [doc_id],
    )
    sentences = _dicts(cur)
    cur.execute(
        f"SELECT {_summary_select(caps)} FROM events WHERE doc_id = ? "
        "ORDER BY sentence_index, trigger_start, event_id",
        [doc_id],
    )
    events = [_summary(e) for e in _dicts(cur)]
    cur.execute(
        "SELECT a.event_id, a.role, a.start_char, a.end_char FROM event_actors a "
        "JOIN events e ON e.event_id = a.event_id WHERE e.doc_id = ?",
        [doc_id],
    )
    actors_by_event: dict[str, list[dict]] = defaultdict(list)
    for a in _dicts(cur):
        actors_by_event[a["event_id"]].append(a)
    spans: dict[int, list[dict]] = defaultdict(list)
    for e in events:
        spans[e["sentence_index"]].extend(highlights(e, actors_by_event[e["event_id"]]))
    for s in sentences:
        s["highlights"] = sorted(spans[s["index"]], key=lambda h: (h["start"], h["end"]))
    duplicates: list[str] = []
    if caps.document_duplicate_of:
        cur.execute(
            "SELECT doc_id FROM documents WHERE duplicate_of = ? ORDER BY doc_id LIMIT 500",
            [doc_id],
        )
        duplicates = [r[0] for r in cur.fetchall()]
    return {
        "document": document,
        "text": text,
        "sentences": sentences,
        "events": events,
        "duplicates": duplicates,
    }


# ---------------------------------------------------------------------------- actors, dyads


def list_actors(cur: Cursor, f: EventFilters, q: str | None, limit: int, offset: int) -> dict:
    """Actor codes with the number of events they are source or target of."""
    where, params = f.where()
    cur.execute(
        f"""SELECT code, count(*) AS events, sum(src)::BIGINT AS as_source,
                   sum(tgt)::BIGINT AS as_target, round(avg(goldstein), 2) AS mean_goldstein
            FROM (SELECT unnest(source_codes) AS code, 1 AS src, 0 AS tgt, goldstein
                  FROM events{where}
                  UNION ALL
                  SELECT unnest(target_codes), 0, 1, goldstein FROM events{where})
            GROUP BY code ORDER BY events DESC, code""",
        params + params,
    )
    rows = _dicts(cur)
    for r in rows:
        r["label"] = label(r["code"])
    if q:
        needle = q.casefold()
        rows = [
            r
            for r in rows
            if needle in r["code"].casefold() or needle in (r["label"] or "").casefold()
        ]
    return {"total": len(rows), "actors": rows[offset : offset + limit]}


def _pairs(where: str) -> str:
    """One row per (source code, target code) pair of each event matching `where`.

    Unnesting in two nested SELECTs; the same as a lateral join on both lists, which
    DuckDB plans far slower (seconds on a million events) once a condition joins them.
    """
    return (
        "(SELECT event_id, src, unnest(target_codes) AS tgt, goldstein, quad_class FROM "
        "(SELECT event_id, unnest(source_codes) AS src, target_codes, goldstein, quad_class "
        f"FROM events{where}))"
    )


def top_dyads(cur: Cursor, f: EventFilters, limit: int) -> list[dict]:
    """The most frequent (source code, target code) pairs."""
    where, params = f.where()
    cur.execute(
        f"""SELECT src AS source, tgt AS target, count(*) AS events,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   round(avg(goldstein), 2) AS mean_goldstein
            FROM {_pairs(where)}
            GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?""",
        [*params, limit],
    )
    rows = _dicts(cur)
    for r in rows:
        r["source_label"], r["target_label"] = label(r["source"]), label(r["target"])
    return rows


def timeline(cur: Cursor, f: EventFilters, by: str) -> list[dict]:
    """Events per day, week or month by QuadClass, with the mean Goldstein score. An event
    dated less precisely than the period (a month, a year) is not in any bin (`unplaced`)."""
    where, params = f.where()
    period = PERIOD_SQL[by]
    placed = f"event_date IS NOT NULL AND {fits_sql(by)}"
    cur.execute(
        f"SELECT {period} AS period, {QUAD_AGGREGATES} FROM events"
        f"{and_where(where, placed)} GROUP BY 1 ORDER BY 1",
        params,
    )
    return _dicts(cur)


def unplaced(cur: Cursor, f: EventFilters, by: str) -> int:
    """The (filtered) dated events a timeline by `by` leaves out: "not placed in time"."""
    where, params = f.where()
    left_out = f"event_date IS NOT NULL AND NOT {fits_sql(by)}"
    cur.execute(f"SELECT count(*) FROM events{and_where(where, left_out)}", params)
    return cur.fetchall()[0][0]


def dyad_series(
    cur: Cursor, f: EventFilters, source: str, target: str, both: bool, by: str
) -> list[dict]:
    """The timeline of the events from `source` to `target` (and back, with `both`)."""
    if both:
        f = replace(f, actor=source, with_actor=target)
    else:
        f = replace(f, source=source, target=target)
    return timeline(cur, f, by)


def dyad_unplaced(
    cur: Cursor, f: EventFilters, source: str, target: str, both: bool, by: str
) -> int:
    """The events of `dyad_series` it leaves out as less precise than `by`."""
    if both:
        f = replace(f, actor=source, with_actor=target)
    else:
        f = replace(f, source=source, target=target)
    return unplaced(cur, f, by)


def network(cur: Cursor, f: EventFilters, limit: int, min_events: int) -> dict:
    """Who interacts with whom: undirected edges between actor codes, heaviest first."""
    where, params = f.where()
    cur.execute(
        f"""SELECT least(src, tgt) AS a, greatest(src, tgt) AS b,
                   count(DISTINCT event_id) AS events, round(avg(goldstein), 2) AS mean_goldstein
            FROM {_pairs(where)} WHERE src <> tgt
            GROUP BY 1, 2 HAVING count(DISTINCT event_id) >= ?
            ORDER BY events DESC, a, b LIMIT ?""",
        [*params, min_events, limit],
    )
    edges = _dicts(cur)
    weight: dict[str, int] = defaultdict(int)
    for e in edges:
        weight[e["a"]] += e["events"]
        weight[e["b"]] += e["events"]
    nodes = [
        {"code": code, "label": label(code), "events": n}
        for code, n in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {"nodes": nodes, "edges": edges}


def map_points(cur: Cursor, f: EventFilters) -> dict:
    """Located events grouped by where they are drawn (coordinates, city or country)."""
    where, params = f.where()
    cur.execute(
        f"""SELECT location_name AS place, location_country AS country,
                   round(lat, 2) AS lat, round(lon, 2) AS lon,
                   count(*) AS events,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   sum(goldstein) AS goldstein_sum, count(goldstein) AS goldstein_n
            FROM events{where} GROUP BY ALL""",
        params,
    )
    points: dict[tuple, dict] = {}
    unlocated = 0
    for r in _dicts(cur):
        point = locate(r["place"], r["country"], r["lat"], r["lon"])
        if point is None:
            unlocated += r["events"]
            continue
        key = (point.lat, point.lon)
        p = points.setdefault(
            key,
            {
                "lat": point.lat,
                "lon": point.lon,
                "precision": point.precision,
                "places": set(),
                "country": r["country"],
                "events": 0,
                "conflict": 0,
                "cooperation": 0,
                "_sum": 0.0,
                "_n": 0,
            },
        )
        if r["place"]:
            p["places"].add(r["place"])
        for k in ("events", "conflict", "cooperation"):
            p[k] += r[k]
        p["_sum"] += r["goldstein_sum"] or 0.0
        p["_n"] += r["goldstein_n"]
    out = []
    for p in points.values():
        s, n = p.pop("_sum"), p.pop("_n")
        p["mean_goldstein"] = round(s / n, 2) if n else None
        p["places"] = sorted(p["places"])[:20]
        out.append(p)
    out.sort(key=lambda p: (-p["events"], p["lat"], p["lon"]))
    located = sum(p["events"] for p in out)
    return {"located": located, "unlocated": unlocated, "points": out}


def stats(cur: Cursor, caps: Capabilities, accepts_documents: bool) -> dict:
    def count(table: str) -> int:
        return cur.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]

    first, last = cur.execute("SELECT min(event_date), max(event_date) FROM events").fetchall()[0]
    cur.execute(
        """SELECT plover_type, quad_class, status, count(*) AS n,
                  round(avg(goldstein), 2) AS g, grouping(plover_type) AS gt,
                  grouping(quad_class) AS gq
           FROM events GROUP BY GROUPING SETS ((plover_type), (quad_class), (status))
           ORDER BY n DESC"""
    )
    by_type, by_quad, by_status = [], [], []
    for t, q, s, n, g, gt, gq in cur.fetchall():
        if not gt:
            by_type.append({"key": t, "count": n, "mean_goldstein": g})
        elif not gq:
            by_quad.append({"key": None if q is None else str(q), "count": n, "mean_goldstein": g})
        else:
            by_status.append({"key": s, "count": n, "mean_goldstein": g})
    by_quad.sort(key=lambda r: r["key"] or "")
    cur.execute("SELECT status AS key, count(*) AS count FROM documents GROUP BY 1 ORDER BY 2 DESC")
    doc_statuses = _dicts(cur)
    return {
        "documents": count("documents"),
        "sentences": count("sentences"),
        "events": count("events"),
        "first_event_date": first,
        "last_event_date": last,
        "documents_by_status": doc_statuses,
        "events_by_type": by_type,
        "events_by_quad_class": by_quad,
        "events_by_status": by_status,
        "clusters": count("clusters") if caps.clusters else None,
        "schema_version": caps.schema_version,
        "accepts_documents": accepts_documents,
    }
