"""Which DuckDB a store needs, and a clear error when an older one opens it.

A store file is in the storage format of the DuckDB that wrote it. Polybius writes with
DuckDB 2.x (pyproject.toml: `duckdb>=2.0,<3`), whose files DuckDB 1.x cannot read: it stops
with a long IOException about storage version numbers. We say instead which DuckDB wrote the
file, which one is installed, and what to install. The version that wrote a file is in its
header (DuckDB's main header: the magic `DUCK` at byte 8, the library version as text at
byte 52), so the message can name it even when DuckDB cannot open the file at all.
"""

from __future__ import annotations

import os
import re

import duckdb

REQUIRED_DUCKDB = "2.0"  # the oldest DuckDB that reads the stores Polybius writes
INSTALL_HINT = f"pip install 'duckdb>={REQUIRED_DUCKDB},<3'"
_MAGIC_AT, _LIBRARY_AT, _LIBRARY_LEN = 8, 52, 32


class StoreNeedsNewerDuckDB(RuntimeError):
    """The store was written by a DuckDB newer than the one installed."""


def written_by(path: str | os.PathLike[str]) -> str | None:
    """The DuckDB version that created the store file ("v2.0.0"), from its header."""
    try:
        with open(path, "rb") as f:
            head = f.read(_LIBRARY_AT + _LIBRARY_LEN)
    except OSError:
        return None
    if head[_MAGIC_AT : _MAGIC_AT + 4] != b"DUCK":
        return None
    text = head[_LIBRARY_AT:].split(b"\0", 1)[0].decode("ascii", "replace").strip()
    return text or None


def _major(version: str) -> int:
    match = re.match(r"v?(\d+)", version)
    return int(match.group(1)) if match else 0


def needs_newer_message(path: str, creator: str | None) -> str:
    made = f"written by DuckDB {creator.lstrip('v')}" if creator else "written by a newer DuckDB"
    return (
        f"{path} was {made}; this Python has DuckDB {duckdb.__version__}, which cannot read "
        f"it. Polybius stores need DuckDB >= {REQUIRED_DUCKDB}: run `{INSTALL_HINT}`"
    )


def _is_version_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "storage version" in text or "version number" in text


def versioned_connect(
    path: str, read_only: bool, shown_as: str | None = None
) -> duckdb.DuckDBPyConnection:
    """`duckdb.connect`, but a store too new for the installed DuckDB raises
    StoreNeedsNewerDuckDB naming the versions (`shown_as`: the path to name in it)."""
    creator = written_by(path) if os.path.exists(path) else None
    if creator and _major(creator) > _major(duckdb.__version__):
        raise StoreNeedsNewerDuckDB(needs_newer_message(shown_as or path, creator))
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        if _is_version_error(exc):
            raise StoreNeedsNewerDuckDB(needs_newer_message(shown_as or path, creator)) from None
        raise
