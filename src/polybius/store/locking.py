"""Opening a DuckDB store that another process may be using.

DuckDB lets one process write a file, or any number of processes read it, never both at
once; a process that finds the file locked gets an IOException at once. Polybius processes
therefore hold the file only briefly where they can (`polybius code` between its batches,
a read-only `polybius serve` per request), and every opening waits a little for the lock
(`POLYBIUS_STORE_WAIT` seconds, default 10) before it gives up with `StoreBusy`: one line
that says what to do, not DuckDB's traceback.
"""

from __future__ import annotations

import os
import random
import time

import duckdb

DEFAULT_WAIT_SECONDS = 10.0
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
    if "read-only mode" in str(exc):  # DuckDB's hint: the holder only reads
        return (
            f"store busy: another polybius process is reading {path} (a `serve` with --token or "
            "a long query); wait for it to finish or use another --db"
        )
    return (
        f"store busy: another polybius process is writing to {path}; wait for it to finish "
        "or use another --db"
    )


def connect(path: str, read_only: bool, wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the store, retrying while another process holds its lock."""
    deadline = time.monotonic() + (store_wait() if wait is None else wait)
    delay = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(busy_message(path, exc)) from None
        # jittered back-off, so two waiting processes do not retry in step
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.25)
