"""Downloads of exactly what a filter selects: CSV, Parquet or JSON, streamed.

The rows come out of DuckDB as Arrow record batches and are written batch by batch, so a
download of a million events starts at once and never sits whole in memory. Mentions (the
events table) and aggregated events (the clusters table) are streamed from SQL; the
aggregates the charts draw (timeline, dyads, network, map, actors) are small lists of dicts
written in one piece.

CSV holds no lists: actor code sets are joined with `+` as in every text format of ours
(polybius/codesets.py); other list columns (the trace) with LIST_SEPARATOR.
JSON is one array of objects (dates as YYYY-MM-DD). Parquet keeps lists and types.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from polybius.api.filters import EventFilters
from polybius.api.state import ApiStore, Capabilities
from polybius.codesets import CODE_SEPARATOR
from polybius.store import schema

LIST_SEPARATOR = ";"
BATCH_ROWS = 20_000
# document columns added to every downloaded mention (who published it, where)
DOCUMENT_FIELDS = (("title", "doc_title"), ("source", "doc_source"), ("url", "doc_url"))
WEB_URL = r"^https?://[^\s\\]"  # as polybius.urls.web_url: an absolute http(s) URL
ORDER = "e.event_date DESC NULLS LAST, e.event_id DESC"  # as GET /api/events (newest first)


class DownloadFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    json = "json"


MEDIA_TYPES = {
    DownloadFormat.csv: "text/csv; charset=utf-8",
    DownloadFormat.parquet: "application/vnd.apache.parquet",
    DownloadFormat.json: "application/json",
}


class TooManyRows(Exception):
    """More rows match than one download may hold."""


# ---------------------------------------------------------------------------- SQL


def separator(name: str) -> str:
    """How a list column is joined in CSV: code sets with `+`, anything else with `;`."""
    return CODE_SEPARATOR if name.endswith("_codes") else LIST_SEPARATOR


def _column_sql(name: str, is_list: bool, fmt: DownloadFormat, alias: str) -> str:
    if is_list and fmt is DownloadFormat.csv:
        return f"array_to_string({alias}.{name}, '{separator(name)}') AS {name}"
    return f"{alias}.{name}"


@dataclass(frozen=True)
class Query:
    """The SELECT of a download, the cheaper count of its rows, and their parameters."""

    sql: str
    count_sql: str
    params: list


def mentions_sql(caps: Capabilities, f: EventFilters, fmt: DownloadFormat) -> Query:
    """Every column of the matching events and their document's title, source and URL."""
    cols = [
        _column_sql(c.name, c.is_list, fmt, "e")
        for c in schema.columns("events")
        if c.name in caps.event_columns
    ]
    cols += [f"d.{column} AS {name}" for column, name in DOCUMENT_FIELDS if column != "url"]
    # as in the JSON answers, only an http(s) URL is given (an older store may hold others)
    cols.append(f"CASE WHEN regexp_matches(d.url, '{WEB_URL}', 'i') THEN d.url END AS doc_url")
    where, params = f.where("e")
    sql = (
        f"SELECT {', '.join(cols)} FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id"
        f"{where} ORDER BY {ORDER}"
    )
    return Query(sql, f"SELECT count(*) FROM events e{where}", params)


def clusters_sql(caps: Capabilities, f: EventFilters, fmt: DownloadFormat) -> Query:
    """The aggregated events with at least one mention matching the filters."""
    cols = [_column_sql(c.name, c.is_list, fmt, "c") for c in schema.columns("clusters")]
    where, params = f.where()
    match = f" WHERE c.cluster_id IN (SELECT cluster_id FROM events{where})" if where else ""
    sql = (
        f"SELECT {', '.join(cols)} FROM clusters c{match} "
        "ORDER BY c.event_date DESC NULLS LAST, c.cluster_id DESC"
    )
    return Query(sql, f"SELECT count(*) FROM clusters c{match}", params)


def check_size(cur, query: Query, cap: int, what: str) -> int:
    """The number of rows; TooManyRows when over the cap, with what to do about it.

    A query of its own on purpose: it reads only the filter's columns of the events table
    (12-20 ms for one actor's month of a million events). Counting in the streamed query
    instead (`count(*) OVER ()`) was measured (BENCHMARKS.md, 2026-12-02, issue 19): no
    faster for one actor's month, 0.1-0.2 s slower for 100,000 rows and 565 MB more peak
    memory at the 1,000,000-row cap, as DuckDB keeps a second copy of the rows.
    """
    n = cur.execute(query.count_sql, query.params).fetchall()[0][0]
    if n > cap:
        raise TooManyRows(
            f"{n:,} {what} match these filters; one download holds at most {cap:,} rows. "
            "Narrow the filters (a shorter date range, an actor, an event type) and download "
            "in parts, or export the whole store with `polybius export`."
        )
    return n


def stream(store: ApiStore, query: Query, fmt: DownloadFormat) -> Iterator[bytes]:
    """The query's rows in `fmt`, a batch at a time, on a connection of its own (the request's
    cursor is closed before a streamed body is sent). JSON objects are written by DuckDB."""
    sql = query.sql
    if fmt is DownloadFormat.json:
        sql = f"SELECT to_json(t)::VARCHAR AS j FROM ({sql}) t"
    with store.cursor() as cur:
        reader = cur.sql(sql, params=query.params).to_arrow_reader(BATCH_ROWS)
        yield from WRITERS[fmt](reader)


# ---------------------------------------------------------------------------- writers


def _csv(reader: pa.RecordBatchReader) -> Iterator[bytes]:
    sink = io.BytesIO()
    with pa_csv.CSVWriter(sink, reader.schema) as writer:
        yield _take(sink)  # the header line, even when no row matches
        for batch in reader:
            writer.write_batch(batch)
            yield _take(sink)
    yield _take(sink)


def _parquet(reader: pa.RecordBatchReader) -> Iterator[bytes]:
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)
            yield _take(sink)
    yield _take(sink)  # the footer


def _json(reader: pa.RecordBatchReader) -> Iterator[bytes]:
    """One JSON array of the rows, each already a JSON object (column `j`)."""
    yield b"["
    first = True
    for batch in reader:
        rows = batch.column(0).to_pylist()
        if not rows:
            continue
        yield (("\n" if first else ",\n") + ",\n".join(rows)).encode()
        first = False
    yield b"\n]\n"


def _take(sink: io.BytesIO) -> bytes:
    data = sink.getvalue()
    sink.seek(0)
    sink.truncate()
    return data


def _json_value(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


WRITERS = {DownloadFormat.csv: _csv, DownloadFormat.parquet: _parquet, DownloadFormat.json: _json}


def table_bytes(rows: Iterable[dict], fmt: DownloadFormat) -> bytes:
    """A small list of dicts (an aggregate the dashboard draws) in `fmt`."""
    rows = list(rows)
    if fmt is DownloadFormat.json:
        return (json.dumps(rows, default=_json_value, ensure_ascii=False, indent=1) + "\n").encode()
    csv = fmt is DownloadFormat.csv
    flat = [{k: _flat(k, v) if csv else v for k, v in r.items()} for r in rows]
    table = pa.Table.from_pylist(flat)
    sink = io.BytesIO()
    if fmt is DownloadFormat.csv:
        pa_csv.write_csv(table, sink)
    else:
        pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def _flat(name: str, value: object) -> object:
    if isinstance(value, list | tuple | set):
        return separator(name).join(str(v) for v in value)
    return value
