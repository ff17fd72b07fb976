"""Keep the C heap of a coding process from growing with the length of a document.

Measured on a 2 MB document (issue 16): the memory in use stayed at 55-70 MB between parse
batches, but glibc's heap grew from 145 to 351 MB, and the peak RSS followed it.
Parsing a batch of chunks allocates large short-lived arrays (the parser's precomputed
features: ~65 MB for a batch of 16,000 tokens) between long-lived small objects (sentences,
events, the coder's context). glibc serves allocations over its mmap threshold with `mmap`,
but the threshold is *dynamic*: it rises to the size of every mmap-ed block freed, so after the
first batch the big arrays come from the heap, where the small objects allocated around them
pin the pages and the heap never shrinks. A fixed threshold (which also turns the dynamic one
off) sends every large block to `mmap` and back to the system when it is freed.

Only glibc is tuned; elsewhere (macOS, musl) these are no-ops.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import lru_cache

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number
MMAP_THRESHOLD = 128 * 1024  # glibc's default starting value, now kept fixed


@lru_cache(maxsize=1)
def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt  # noqa: B018 - glibc only: raises AttributeError elsewhere
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def bound_heap() -> bool:
    """Fix glibc's mmap threshold in this process (see the module docstring); True if done."""
    libc = _glibc()
    if libc is None:
        return False
    done = bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    if not done:
        log.debug("mallopt(M_MMAP_THRESHOLD) refused")
    return done


def release_free_memory() -> None:
    """Give the heap's free pages back to the system (after a long document)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
