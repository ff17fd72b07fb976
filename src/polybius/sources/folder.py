"""Files already coded are not read again: a file is known by its real path, size and mtime.

`polybius code FOLDER` (and a folder given to `watch`) asks the store which files it coded
before and plans only the others; a re-run over an unchanged folder then costs one `stat`
per file and one query, no reading or extraction. A file is recorded once every document read
from it is committed (see `engine.runner.run`'s `on_commit`), with the size and mtime it had
when it was planned: a file changed while it was being coded is read again next time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from polybius.ingest.paths import special_file_reason
from polybius.store import state
from polybius.store.db import Store

Stat = tuple[int, int]  # (size, mtime in nanoseconds)


@dataclass
class FileTracker:
    """Splits input files into changed and unchanged, and records them once committed."""

    store: Store
    planned: dict[str, Stat] = field(default_factory=dict)  # input path -> stat when planned

    def changed(self, files: list[str]) -> tuple[list[str], int]:
        """The files to read (new or changed since recorded) and how many are unchanged.

        stdin and entries that are not regular files are always read (they get a status row).
        """
        stats: dict[str, tuple[str, Stat]] = {}
        for path in files:
            if path == "-" or special_file_reason(path):
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            stats[path] = (os.path.realpath(path), (st.st_size, st.st_mtime_ns))
        recorded = state.file_stats(self.store.con, (real for real, _ in stats.values()))
        todo = []
        for path in files:
            if path in stats:
                real, stat = stats[path]
                if recorded.get(real) == stat:
                    continue
                self.planned[path] = stat
            todo.append(path)
        return todo, len(files) - len(todo)

    def commit(self, keys: list[str]) -> None:
        """Record the planned files among `keys` (other keys, such as URLs, are ignored)."""
        done = {os.path.realpath(k): self.planned.pop(k) for k in keys if k in self.planned}
        state.record_files(self.store.con, done)
