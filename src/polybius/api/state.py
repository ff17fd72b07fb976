"""The store as the API holds it: one DuckDB database, a cursor per request, one writer.

DuckDB allows one process to write a file. `polybius serve` opens the store read-only when it
accepts no submissions and read-write when API tokens are configured, because
POST /api/documents writes through the same Store in this process. Reads get their own cursor
(a connection to the same database, safe to use from its thread); writes are serialised with a
lock.

Read-only, the server holds the file only while it answers a request: each request opens a
read-only connection (waiting briefly while a writer commits a batch) and closes it after, so
`polybius code` can write to the same store while the server runs, and each request sees the
batches committed so far (see store/locking.py and "Reading while coding" in the README).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from polybius.store import locking, schema
from polybius.store.db import Store

# the clusters columns an event's detail shows (flag `api` in store/data/columns.tsv)
CLUSTER_COLUMNS = tuple(c.name for c in schema.api_columns("clusters"))


@dataclass(frozen=True)
class Capabilities:
    """What this store holds beyond the base schema (checked once when the server starts)."""

    schema_version: int
    event_columns: frozenset[str]  # the columns the events table has
    cluster_columns: tuple[str, ...]  # columns of the clusters table we show (empty: no table)
    document_tone: bool
    document_duplicate_of: bool

    @property
    def event_cluster_id(self) -> bool:
        return "cluster_id" in self.event_columns

    @property
    def clusters(self) -> bool:
        return bool(self.cluster_columns)


def detect_capabilities(con: duckdb.DuckDBPyConnection) -> Capabilities:
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_name IN ('events', 'documents', 'clusters')"
    ).fetchall()
    columns = {(t, c) for t, c in rows}
    version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    cluster_columns = tuple(c for c in CLUSTER_COLUMNS if ("clusters", c) in columns)
    return Capabilities(
        schema_version=int(version[0][0]) if version else 0,
        event_columns=frozenset(c for t, c in columns if t == "events"),
        cluster_columns=cluster_columns if "cluster_id" in cluster_columns else (),
        document_tone=("documents", "tone") in columns,
        document_duplicate_of=("documents", "duplicate_of") in columns,
    )


class ApiStore:
    """The open store, a root connection for readers, and the write lock."""

    def __init__(self, path: str | Path, writable: bool):
        self.path = str(path)
        self.writable = writable
        # checks the schema version; a writable server keeps a read snapshot for other readers
        self.store = Store(path, read_only=not writable, publish=writable)
        self.write_lock = threading.Lock()
        self.data_version = 0  # bumped after every write
        if writable:
            # readers get cursors of this connection, never of store.con, which the writer uses
            self._readers: duckdb.DuckDBPyConnection | None = self.store.con.cursor()
            self.capabilities = detect_capabilities(self._readers)
        else:
            self._readers = None
            self.capabilities = detect_capabilities(self.store.con)
            self.store.release()  # from now on, the file is held per request only

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        readers = self._readers
        cur = _request_connection(self.path) if readers is None else readers.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        if self._readers is not None:
            self._readers.close()
        self.store.close()


def _request_connection(path: str) -> duckdb.DuckDBPyConnection:
    """A read-only connection for one request; 503 when a writer holds the file too long."""
    from fastapi import HTTPException

    try:
        return locking.connect(path, read_only=True)
    except locking.StoreBusy as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": "5"}) from None
