"""The user's cache directory, where Polybius keeps tables it derives from installed data so
that each process does not derive them again (`$POLYBIUS_CACHE_DIR`, else
`$XDG_CACHE_HOME/polybius`, else `~/.cache/polybius`).

Files there are data only (never code: no pickle or marshal) and checked when read, since a
shared or writable directory is not to be trusted; a missing, damaged or foreign file only means
deriving it again. Writers write a temporary file and rename it into place, so that processes
starting together (workers, concurrent runs) read either the old file or the whole new one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    return Path(
        os.environ.get("POLYBIUS_CACHE_DIR")
        or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "polybius"
        )
    )


def write_atomic(path: Path, write) -> bool:
    """Write a file through `write(binary file)` into a temporary file renamed to `path`.

    False (and nothing left behind) when it cannot be written: an unwritable cache only means
    deriving the table again next time."""
    temporary = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=path.name, suffix=".tmp", delete=False
        ) as fh:
            temporary = fh.name
            write(fh)
        os.replace(temporary, path)  # readers see the old file or the whole new one
        return True
    except OSError as exc:
        log.info("cannot keep %s in the cache (%s)", path, exc)
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
