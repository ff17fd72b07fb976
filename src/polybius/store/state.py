"""What the store remembers about its inputs, so a re-run or a restarted watch does no work twice.

- `file_state`: one row per input file coded (real path, size, modification time). A file whose
  three are unchanged is not read again: re-running over a folder costs a `stat` per file.
- `source_state`: one row per URL a source fetched (a feed, a sitemap, a page): when it was
  last fetched, its ETag and Last-Modified (for conditional requests), the hash of the body,
  the HTTP status, the outcome and the error. A page is recorded only after the batch holding
  its document is committed, so a crash loses at most that batch and the next run completes it.

Both tables are created by `CREATE TABLE IF NOT EXISTS` when a store is opened for writing, so
an older store gains them on its first write; a read-only reader of an older store sees none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime

import duckdb

TABLES = [
    """CREATE TABLE IF NOT EXISTS file_state (
        path VARCHAR PRIMARY KEY,
        size BIGINT NOT NULL,
        mtime_ns BIGINT NOT NULL,
        recorded_at TIMESTAMP
    )""",
    """CREATE TABLE IF NOT EXISTS source_state (
        source VARCHAR NOT NULL,
        url VARCHAR NOT NULL,
        kind VARCHAR,
        last_fetched TIMESTAMP,
        etag VARCHAR,
        last_modified VARCHAR,
        content_hash VARCHAR,
        http_status INTEGER,
        status VARCHAR,
        error VARCHAR,
        PRIMARY KEY (source, url)
    )""",
]

# outcomes of a fetched URL (source_state.status)
DONE = "done"  # fetched and its document committed (or nothing to code in it)
UNCHANGED = "unchanged"  # 304, or the same body as last time
ERROR = "error"  # the fetch failed (the next round tries again)
BLOCKED = "robots"  # robots.txt disallows it (not tried again)
REFUSED = "refused"  # wrong content type or too large (not tried again)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# ----------------------------------------------------------------------------- files


def file_stats(con: duckdb.DuckDBPyConnection, paths: Iterable[str]) -> dict[str, tuple[int, int]]:
    """The recorded (size, mtime_ns) of these real paths."""
    wanted = list(set(paths))
    if not wanted:
        return {}
    rows = con.execute(
        "SELECT path, size, mtime_ns FROM file_state WHERE path IN (SELECT unnest(?))", [wanted]
    ).fetchall()
    return {path: (size, mtime) for path, size, mtime in rows}


def record_files(con: duckdb.DuckDBPyConnection, stats: dict[str, tuple[int, int]]) -> None:
    """Remember these files as coded, with the size and mtime they had when planned."""
    if not stats:
        return
    # one statement over lists (executemany runs one statement per file: ~3 ms each)
    paths = list(stats)
    sizes = [size for size, _ in stats.values()]
    mtimes = [mtime for _, mtime in stats.values()]
    con.execute(
        "INSERT OR REPLACE INTO file_state "
        "SELECT unnest(?::VARCHAR[]), unnest(?::BIGINT[]), unnest(?::BIGINT[]), ?::TIMESTAMP",
        [paths, sizes, mtimes, now()],
    )


# ----------------------------------------------------------------------------- URLs


@dataclass
class UrlState:
    """One row of source_state."""

    source: str
    url: str
    kind: str = "page"
    last_fetched: datetime | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    http_status: int | None = None
    status: str | None = None
    error: str | None = None


COLUMNS = [f.name for f in fields(UrlState)]


def url_states(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, UrlState]:
    """Every URL recorded for `source`."""
    rows = con.execute(
        f"SELECT {', '.join(COLUMNS)} FROM source_state WHERE source = ?", [source]
    ).fetchall()
    return {row[1]: UrlState(*row) for row in rows}


def record_urls(con: duckdb.DuckDBPyConnection, states: Iterable[UrlState]) -> None:
    rows = [tuple(getattr(s, c) for c in COLUMNS) for s in states]
    if rows:
        marks = ", ".join("?" for _ in COLUMNS)
        con.executemany(f"INSERT OR REPLACE INTO source_state VALUES ({marks})", rows)


def finished_urls(
    con: duckdb.DuckDBPyConnection, urls: Iterable[str], statuses: Iterable[str]
) -> set[str]:
    """Which of these URLs some source already finished (coded, refused or disallowed)."""
    wanted = list(set(urls))
    if not wanted:
        return set()
    rows = con.execute(
        "SELECT DISTINCT url FROM source_state WHERE url IN (SELECT unnest(?)) "
        "AND status IN (SELECT unnest(?))",
        [wanted, list(statuses)],
    ).fetchall()
    return {r[0] for r in rows}


def source_summary(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Per source: URLs known, last fetch, URLs by outcome and the latest error (for the API).

    An older store without the table has no sources.
    """
    try:
        rows = con.execute(
            """SELECT source,
                      count(*) AS urls,
                      max(last_fetched) AS last_fetched,
                      count(*) FILTER (WHERE status = 'done') AS done,
                      count(*) FILTER (WHERE status = 'error') AS errors,
                      count(*) FILTER (WHERE status IN ('robots', 'refused')) AS refused,
                      arg_max(error, last_fetched) FILTER (WHERE status = 'error') AS last_error,
                      max(last_fetched) FILTER (WHERE status = 'error') AS last_error_at
               FROM source_state GROUP BY source ORDER BY source"""
        ).fetchall()
    except duckdb.CatalogException:
        return []
    names = ["source", "urls", "last_fetched", "done", "errors", "refused"]
    names += ["last_error", "last_error_at"]
    out = []
    for row in rows:
        record = dict(zip(names, row, strict=True))
        for key in ("last_fetched", "last_error_at"):
            if record[key] is not None:
                record[key] = record[key].isoformat() + "Z"
        out.append(record)
    return out
