"""Opening a DuckDB store that another process may be using.

DuckDB lets one process write a file, or any number of processes read it, never both at
once; a process that finds the file locked gets an IOException at once. So:

- a writing session that publishes (`polybius code`, `aggregate`) keeps a read snapshot
  beside the store (store/snapshot.py), and readers open that while it lives;
- otherwise Polybius processes hold the file only briefly (`polybius code` between its
  batches, a read-only `polybius serve` per request), and every opening waits a little for
  the lock (`POLYBIUS_STORE_WAIT` seconds, default 10; a writer waits six times longer for
  readers) before it gives up with `StoreBusy`: one line that says what to do, not DuckDB's
  traceback.
"""

from __future__ import annotations

import os
import random
import time

import duckdb

from polybius.store.snapshot import live_snapshot
from polybius.store.versions import StoreNeedsNewerDuckDB, versioned_connect

DEFAULT_WAIT_SECONDS = 10.0
READER_WAIT_FACTOR = 6  # a writer waits up to 6 times longer for readers than for a writer
WAIT_ENV = "POLYBIUS_STORE_WAIT"


class StoreBusy(RuntimeError):
    """The store file is locked by another process for longer than we wait."""


def store_wait() -> float:
    """Seconds to wait for a locked store (`POLYBIUS_STORE_WAIT`, default 10)."""
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT_SECONDS)))
    except ValueError:
        return DEFAULT_WAIT_SECONDS


def is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def busy_message(path: str, exc: BaseException) -> str:
    """The one line for a locked store; says whether the holder writes or reads."""
    if held_by_readers(exc):
        return (
            f"store busy: another polybius process is reading {path} (a `serve` with --token or "
            "a long query); wait for it to finish or use another --db"
        )
    return (
        f"store busy: another polybius process is writing to {path}; wait for it to finish "
        "or use another --db"
    )


def connect(path: str, read_only: bool, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the store, retrying while another process holds its lock.

    A reader opens the live read snapshot of a writing session when there is one (see
    store/snapshot.py), else the store itself. A writer kept out by readers only waits for
    them longer (`READER_WAIT_FACTOR` times), since readers let go when their query ends.
    """
    wait = store_wait() if wait is None else wait
    started = time.monotonic()
    delay = 0.02
    while True:
        try:
            return _open(path, read_only)
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                raise
            waited = time.monotonic() - started
            limit = wait * READER_WAIT_FACTOR if held_by_readers(exc) else wait
            if waited >= limit:
                raise StoreBusy(busy_message(path, exc)) from None
        # jittered back-off, so two waiting processes do not retry in step
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.25)


def _open(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    if read_only:
        snapshot = live_snapshot(path)
        if snapshot is not None:
            try:
                return versioned_connect(str(snapshot), True, shown_as=path)
            except (duckdb.Error, StoreNeedsNewerDuckDB, FileNotFoundError):
                pass  # deleted or replaced meanwhile: the store itself is free again
    return versioned_connect(path, read_only)


def held_by_readers(exc: BaseException) -> bool:
    """DuckDB's hint that the process holding the lock only reads."""
    return "read-only mode" in str(exc)
