"""The read snapshot: a copy of the store that readers open while a writer holds the file.

DuckDB lets one process write a file or several read it, never both. A writing session that
publishes (`polybius code`, `aggregate`, `polybius.code_files`) therefore keeps a copy of the
store beside it, `<db>.snapshot`, refreshed after committed batches:

- it is written while the writer holds the lock, right after a CHECKPOINT (so the file holds
  every committed row and nothing half-written), copied to a temporary name and renamed into
  place (a reader sees the old copy or the new one, never a partial one);
- `<db>.snapshot.json` names the writing process; a reader uses the snapshot only while that
  process lives, so a copy left by a killed run is never read;
- refreshing is throttled: at most every `POLYBIUS_SNAPSHOT_INTERVAL` seconds (default 2) and
  never more often than 20 times the last copy took, so copying costs at most ~5 % of a run;
- the session deletes both files when it closes the store for good.

Readers (store/locking.py: `connect(..., read_only=True)`) open the live snapshot when there
is one, so they neither wait for the writer nor make it wait; otherwise the store itself.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import socket
import time
from pathlib import Path

import duckdb

log = logging.getLogger("polybius.store")

INTERVAL_ENV = "POLYBIUS_SNAPSHOT_INTERVAL"
DEFAULT_INTERVAL = 2.0
COST_FACTOR = 20  # wait at least 20 times the last copy's duration before the next one


def snapshot_path(db: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(db)}.snapshot")


def info_path(db: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(db)}.snapshot.json")


def _interval() -> float:
    try:
        return max(0.0, float(os.environ.get(INTERVAL_ENV, DEFAULT_INTERVAL)))
    except ValueError:
        return DEFAULT_INTERVAL


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def live_snapshot(db: str | os.PathLike[str]) -> Path | None:
    """The snapshot of `db` if a live writing session published it, else None."""
    try:
        info = json.loads(info_path(db).read_text())
    except (OSError, ValueError):
        return None
    path = snapshot_path(db)
    if not isinstance(info, dict) or not path.exists():
        return None
    if info.get("host") == socket.gethostname() and not _alive(int(info.get("pid", 0))):
        return None  # left by a run that was killed
    return path


def published_at(db: str | os.PathLike[str]) -> str | None:
    """When the live snapshot was taken (ISO time, UTC), or None."""
    try:
        return json.loads(info_path(db).read_text()).get("published")
    except (OSError, ValueError, AttributeError):
        return None


class Publisher:
    """Keeps `<db>.snapshot` up to date for one writing session."""

    def __init__(self, db: str | os.PathLike[str]):
        self.db = Path(db)
        self.interval = _interval()
        self.last = float("-inf")
        self.cost = 0.0

    def due(self) -> bool:
        return time.monotonic() - self.last >= max(self.interval, COST_FACTOR * self.cost)

    def publish(self, con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
        """Copy the committed store to the snapshot (when due, or `force`); True if copied.

        `con` must be this session's writable connection, with no transaction open. A copy
        that fails (a full disk) is logged and skipped: readers keep the previous snapshot,
        and the writer goes on.
        """
        if not force and not self.due():
            return False
        started = time.monotonic()
        target = snapshot_path(self.db)
        partial = target.with_name(target.name + f".{os.getpid()}.tmp")
        try:
            con.execute("CHECKPOINT")
            shutil.copyfile(self.db, partial)
            os.replace(partial, target)
        except (OSError, duckdb.Error) as exc:
            log.warning("read snapshot of %s not refreshed: %s", self.db, exc)
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
            self.last = time.monotonic()  # try again when the next one is due
            return False
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "published": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        _write_atomically(info_path(self.db), json.dumps(info) + "\n")
        self.last = time.monotonic()
        self.cost = self.last - started
        log.info("read snapshot of %s refreshed in %.3f s", self.db, self.cost)
        return True

    def discard(self) -> None:
        """Delete the snapshot (readers then open the store itself)."""
        for path in (info_path(self.db), snapshot_path(self.db)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + f".{os.getpid()}.tmp")
    partial.write_text(text)
    os.replace(partial, path)
