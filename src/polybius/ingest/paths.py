"""Which files the command-line inputs name: folders walked, globs expanded, each file once.

Entries that are not regular files (FIFOs, sockets, devices, broken links) are kept in the
list so that the reader can give each one a status row with the reason it was not read.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable


class InputNotFound(FileNotFoundError):
    """A path, folder or glob given on the command line matched nothing."""


def expand_inputs(paths: Iterable[str]) -> list[str]:
    """Turn the command-line inputs into a list of files ('-' stays as stdin).

    Folders are walked (following links to folders) and globs expanded; every file is listed
    once, by its real path, however many links or `**` matches lead to it, so a link loop
    cannot make a file be coded again and again. Entries that are not regular files (FIFOs,
    sockets, devices, broken links) are listed too: `read_path` gives them a skipped status
    instead of opening them (a FIFO would block the run).
    """
    files: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            files.append(path)

    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        if os.path.isdir(raw):
            for found in _walk_folder(raw):
                add(found)
        elif os.path.lexists(raw):
            add(raw)
        else:
            matched = sorted(m for m in glob.glob(raw, recursive=True) if not os.path.isdir(m))
            if not matched:
                raise InputNotFound(f"no file, folder or glob match for {raw!r}")
            for m in matched:
                add(m)
    return list(dict.fromkeys(files))


def _walk_folder(root: str) -> list[str]:
    """Every non-hidden entry under `root` that is not a folder, each folder visited once."""
    found: list[str] = []
    visited: set[str] = set()
    for folder, dirs, names in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in visited:  # a link back to a folder already walked
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(folder, n) for n in names if not n.startswith("."))
    return sorted(found)


def special_file_reason(path: str) -> str | None:
    """Why `path` cannot be read as a document (None for a regular file).

    Only `stat` is used: opening a FIFO would wait for a writer.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        target = os.readlink(path) if os.path.islink(path) else "?"
        return f"broken symbolic link (to {target!r}, which does not exist)"
    except OSError as exc:  # a link loop (ELOOP), no permission, ...
        return f"cannot be examined: {exc.strerror or exc}"
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return f"{kind}, not a regular file"
    return None if stat.S_ISREG(mode) else "not a regular file"


def input_size(path: str) -> int:
    """Bytes of one input (0 for stdin and entries that are not regular files)."""
    if path == "-" or special_file_reason(path):
        return 0
    return os.path.getsize(path)
