"""How a set of actor codes is written as text: one separator everywhere.

An event may have several sources or targets ("China and Russia condemned ..."). Where our
own formats hold such a set in one text cell — the clusters table's `source_code` and
`target_code`, the events CSV, the CSV export, the tables the CLI prints — the codes are
sorted or kept in order and joined with `+` (`CHN+RUS`). JSON (the API, JSON lines, the
Python API's records) carries them as lists instead.
"""

from __future__ import annotations

from collections.abc import Iterable

CODE_SEPARATOR = "+"


def join_codes(codes: Iterable[str] | None) -> str:
    """`["CHN", "RUS"]` -> `"CHN+RUS"` ("" for none)."""
    return CODE_SEPARATOR.join(codes or ())


def split_codes(text: str | None) -> list[str]:
    """`"CHN+RUS"` -> `["CHN", "RUS"]` ([] for None or "")."""
    return [c for c in (text or "").split(CODE_SEPARATOR) if c]


def sql_has_code(column: str) -> str:
    """An SQL condition: the joined code set in `column` holds the code given as parameter."""
    return f"list_contains(string_split(coalesce({column}, ''), '{CODE_SEPARATOR}'), ?)"
