"""The store as the API holds it: one DuckDB database, a cursor per request, one writer.

DuckDB allows one process to write a file. `polybius serve` opens the store read-only when it
accepts no submissions (so `polybius events` and other readers can run beside it) and
read-write when API tokens are configured, because POST /api/documents writes through the
same Store in this process. Reads get their own cursor (a connection to the same database,
safe to use from its thread); writes are serialised with a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from polybius.store import schema
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
        self.store = Store(path, read_only=not writable)
        # readers get cursors of this connection, never of store.con, which the writer uses
        self._readers = self.store.con.cursor()
        self.write_lock = threading.Lock()
        self.capabilities = detect_capabilities(self._readers)
        self.data_version = 0  # bumped after every write

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._readers.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self._readers.close()
        self.store.close()
