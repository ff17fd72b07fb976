"""The plain titled table the CLI's reports print."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table


def titled_table(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> Table:
    """A left-titled table of `rows`; None cells print empty."""
    table = Table(title=title, title_justify="left")
    for h in headers:
        table.add_column(h)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table
