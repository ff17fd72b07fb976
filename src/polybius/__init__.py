"""Polybius: turn news into political event data (CAMEO and PLOVER) with evidence.

From Python::

    >>> import polybius
    >>> [event] = polybius.code("Turkey condemned Israel on Monday.", date="2026-10-14")
    >>> event.plover_type, event.source_codes, event.target_codes
    ('ACCUSE', ['TUR'], ['ISR'])

`polybius.code_files(paths, db=...)` codes files into a store as `polybius code` does, and
`polybius.open(db)` reads a store into pandas DataFrames (`.events()`, `.clusters()`,
`.documents()`). See `polybius.public` for the details; the heavy modules load on first use.
"""

# the one place the version is set: pyproject.toml reads it from here (`dynamic = ["version"]`)
__version__ = "0.7.0"
CODER_VERSION = f"polybius-{__version__}"

from polybius.public import Store, code, code_files, get_coder  # noqa: E402
from polybius.public import open_store as open  # noqa: E402, A001

__all__ = [
    "CODER_VERSION",
    "Store",
    "__version__",
    "code",
    "code_files",
    "get_coder",
    "open",
]
