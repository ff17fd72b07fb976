"""The one column list of the events and clusters tables (`store/data/columns.tsv`).

Everything that names these columns reads them from here: the store's CREATE TABLE
statements and the migration of older stores, the writer's rows, the aggregation's records,
the API's SELECT lists and response models, and the column tables in README.md
(`python -m polybius.store.schema README.md` rewrites them; a test checks they agree).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyarrow as pa

from polybius.store import search

TABLES = ("events", "clusters")
FLAGS = frozenset({"key", "required", "derived", "aggregate", "api", "detail"})
PYTHON_TYPES: dict[str, type] = {
    "str": str,
    "int": int,
    "float": float,
    "bool": bool,
    "date": date,
    "list[str]": list[str],
}
ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "VARCHAR[]": pa.list_(pa.string()),
}
HEADER = ["table", "column", "duckdb", "python", "since", "flags", "description"]


@dataclass(frozen=True)
class Column:
    """One column of a table, as listed in columns.tsv."""

    table: str
    name: str
    duckdb: str
    python: str
    since: int
    flags: frozenset[str]
    description: str

    @property
    def nullable(self) -> bool:
        return not ({"key", "required"} & self.flags)

    @property
    def arrow(self) -> pa.DataType:
        return ARROW_TYPES[self.duckdb]

    @property
    def python_type(self) -> type:
        return PYTHON_TYPES[self.python]

    @property
    def is_list(self) -> bool:
        return self.python.startswith("list[")

    def ddl(self) -> str:
        """The column's definition in CREATE TABLE (and ALTER TABLE ADD COLUMN)."""
        if "key" in self.flags:
            return f"{self.name} {self.duckdb} PRIMARY KEY"
        if "required" in self.flags:
            return f"{self.name} {self.duckdb} NOT NULL"
        return f"{self.name} {self.duckdb}"


def parse(text: str) -> tuple[Column, ...]:
    """The columns of a columns.tsv text; raises ValueError on a malformed or unknown entry."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines or lines[0].split("\t") != HEADER:
        raise ValueError(f"columns.tsv must start with the header {HEADER}")
    out = []
    for number, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(HEADER):
            raise ValueError(f"columns.tsv row {number}: {len(cells)} cells, not {len(HEADER)}")
        table, name, duckdb, python, since, flags, description = cells
        flag_set = frozenset(f for f in flags.split(",") if f)
        problems = [
            what
            for what, bad in (
                (f"table {table!r}", table not in TABLES),
                (f"type {duckdb!r}", duckdb not in ARROW_TYPES),
                (f"python type {python!r}", python not in PYTHON_TYPES),
                (f"flags {sorted(flag_set - FLAGS)}", bool(flag_set - FLAGS)),
                (f"since {since!r}", not since.isdigit()),
            )
            if bad
        ]
        if problems:
            raise ValueError(f"columns.tsv row {number} ({name}): unknown {', '.join(problems)}")
        out.append(Column(table, name, duckdb, python, int(since), flag_set, description))
    return tuple(out)


@cache
def all_columns() -> tuple[Column, ...]:
    return parse(files("polybius.store").joinpath("data/columns.tsv").read_text("utf-8"))


def columns(table: str) -> tuple[Column, ...]:
    """The columns of `table` in table order."""
    return tuple(c for c in all_columns() if c.table == table)


def names(table: str) -> tuple[str, ...]:
    return tuple(c.name for c in columns(table))


def schema_version() -> int:
    """The newest schema version: the highest `since` of any column, or of the word index
    of text search (version 5, tables only: store/search.py)."""
    return max(search.SINCE, *(c.since for c in all_columns()))


def create_table(table: str) -> str:
    body = ",\n    ".join(c.ddl() for c in columns(table))
    return f"CREATE TABLE IF NOT EXISTS {table} (\n    {body}\n)"


def add_missing_columns(table: str, existing: set[str]) -> list[str]:
    """ALTER statements that give an older table the columns it lacks (nothing is dropped).

    Keys and NOT NULL columns are there from a table's first version (ALTER cannot add
    them); a test checks that the column list keeps it so.
    """
    return [
        f"ALTER TABLE {table} ADD COLUMN {c.ddl()}"
        for c in columns(table)
        if c.name not in existing and c.nullable
    ]


def arrow_schema(table: str, cols: tuple[Column, ...] | None = None) -> pa.Schema:
    return pa.schema([(c.name, c.arrow) for c in (cols or columns(table))])


def written_event_columns() -> tuple[Column, ...]:
    """The events columns the writer fills from an Event record (all but aggregation's)."""
    return tuple(c for c in columns("events") if "aggregate" not in c.flags)


def api_columns(table: str, flag: str = "api") -> tuple[Column, ...]:
    return tuple(c for c in columns(table) if flag in c.flags)


# ----------------------------------------------------------------------------- README


def markdown_table(table: str) -> str:
    """The README table of `table`: column, type and meaning."""
    rows = ["| column | type | meaning |", "|---|---|---|"]
    cols = columns(table)
    for c in cols:
        added = f" (schema {c.since})" if c.since > cols[0].since else ""
        rows.append(f"| `{c.name}` | {c.duckdb}{added} | {c.description} |")
    return "\n".join(rows)


def marker(table: str) -> tuple[str, str]:
    """The comments that frame a generated table in README.md."""
    return f"<!-- columns:{table} (generated from store/data/columns.tsv) -->", "<!-- /columns -->"


def readme_section(text: str, table: str) -> str | None:
    """What README text holds between the markers of `table` (None without markers)."""
    start, end = marker(table)
    if start not in text:
        return None
    return text.split(start, 1)[1].split(end, 1)[0].strip("\n")


def update_readme(text: str) -> str:
    """README text with every table section regenerated."""
    for table in TABLES:
        start, end = marker(table)
        if start in text:
            head, rest = text.split(start, 1)
            tail = rest.split(end, 1)[1]
            text = f"{head}{start}\n{markdown_table(table)}\n{end}{tail}"
    return text


def main(argv: list[str]) -> int:
    """`python -m polybius.store.schema README.md`: rewrite the README's column tables."""
    for name in argv:
        path = Path(name)
        path.write_text(update_readme(path.read_text("utf-8")), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
