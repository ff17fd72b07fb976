"""Reading GDELT 2.0 Events export files into the table `gdelt_events`, and comparing them
with Polybius's own events over the same days.

`gdelt_events` has GDELT's 61 columns with their published names and types (INTEGER ->
BIGINT, FLOAT -> DOUBLE, STRING -> VARCHAR) plus `imported_from` (the file). It is kept apart
from Polybius's tables; importing a file again replaces its rows (GlobalEventID is the key).
Accepted files: the tab-separated `.export.CSV` files, also zipped (`.zip`, as GDELT
publishes them) or gzipped (`.gz`).
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa

from polybius.export.gdelt import Column, columns, event_rows, parse_value
from polybius.store.db import Store

SQL_TYPES = {"INTEGER": "BIGINT", "FLOAT": "DOUBLE", "STRING": "VARCHAR"}
ARROW_TYPES = {"INTEGER": pa.int64(), "FLOAT": pa.float64(), "STRING": pa.string()}
BATCH = 10_000


class GdeltFormatError(ValueError):
    """A file that is not a GDELT 2.0 Events file."""


def create_table(store: Store) -> None:
    cols = ",\n".join(f"{c.name} {SQL_TYPES[c.type]}" for c in columns("events"))
    store.con.execute(
        f"""CREATE TABLE IF NOT EXISTS gdelt_events (
            {cols},
            imported_from VARCHAR,
            PRIMARY KEY (GlobalEventID))"""
    )


def _lines(path: Path) -> Iterator[str]:
    name = path.name.lower()
    if name.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                with archive.open(member) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
    elif name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
            yield from fh
    else:
        with open(path, encoding="utf-8", errors="replace") as fh:
            yield from fh


def read_rows(path: Path) -> Iterator[list]:
    """Typed rows of a GDELT 2.0 Events file; raises GdeltFormatError on a wrong layout."""
    cols = columns("events")
    for lineno, line in enumerate(_lines(path), start=1):
        line = line.rstrip("\n").rstrip("\r")
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != len(cols):
            hint = (
                " (a GDELT 1.0 file has 57 or 58 columns: import GDELT 2.0 '.export.CSV' files)"
                if len(fields) in (57, 58)
                else ""
            )
            raise GdeltFormatError(
                f"{path}:{lineno}: {len(fields)} tab-separated columns, GDELT 2.0 Events "
                f"files have {len(cols)}{hint}"
            )
        try:
            yield [parse_value(f, c.type) for f, c in zip(fields, cols, strict=True)]
        except ValueError as exc:
            raise GdeltFormatError(f"{path}:{lineno}: {exc}") from None


def import_file(store: Store, path: Path) -> int:
    """Import one file (in one transaction); returns the number of rows."""
    create_table(store)
    cols = columns("events")
    con = store.con
    n = 0
    con.execute("BEGIN TRANSACTION")
    try:
        batch: list[list] = []
        for row in read_rows(path):
            batch.append(row)
            if len(batch) >= BATCH:
                n += _insert(store, cols, batch, str(path))
                batch = []
        n += _insert(store, cols, batch, str(path))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return n


def _insert(store: Store, cols: tuple[Column, ...], rows: list[list], source: str) -> int:
    if not rows:
        return 0
    arrays = [pa.array([r[i] for r in rows], type=ARROW_TYPES[c.type]) for i, c in enumerate(cols)]
    arrays.append(pa.array([source] * len(rows), type=pa.string()))
    table = pa.Table.from_arrays(arrays, names=[c.name for c in cols] + ["imported_from"])
    store.con.register("_gdelt_batch", table)
    try:
        store.con.execute("INSERT OR REPLACE INTO gdelt_events SELECT * FROM _gdelt_batch")
    finally:
        store.con.unregister("_gdelt_batch")
    return len(rows)


# ----------------------------------------------------------------------------- compare


def dyad_side(code, country, group) -> str:
    """One side of a dyad as compared: the country code, else the group code, else the
    first three letters of the actor code, else '-'."""
    return country or group or (code[:3] if code else None) or "-"


def dyad_key(row: list) -> tuple[str, str, str]:
    """(actor 1, actor 2, CAMEO root code) of a 61-column GDELT row."""
    a1 = dyad_side(row[5], row[7], row[8])
    a2 = dyad_side(row[15], row[17], row[18])
    return a1, a2, row[28] or "-"


@dataclass
class Comparison:
    since: date | None
    until: date | None
    days: int  # days with events in both
    polybius: Counter  # dyad key -> events
    gdelt: Counter

    @property
    def shared_keys(self) -> set:
        return set(self.polybius) & set(self.gdelt)

    def figures(self) -> dict:
        shared = self.shared_keys
        union = set(self.polybius) | set(self.gdelt)
        ours = sum(self.polybius.values())
        theirs = sum(self.gdelt.values())
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "days_in_both": self.days,
            "polybius_events": ours,
            "gdelt_events": theirs,
            "dyad_roots_polybius": len(self.polybius),
            "dyad_roots_gdelt": len(self.gdelt),
            "dyad_roots_shared": len(shared),
            "dyad_root_jaccard": round(len(shared) / len(union), 4) if union else 0.0,
            "polybius_events_in_shared": sum(self.polybius[k] for k in shared),
            "gdelt_events_in_shared": sum(self.gdelt[k] for k in shared),
        }


def compare(store: Store, since: date | None = None, until: date | None = None) -> Comparison:
    """Overlap by dyad and CAMEO root code between Polybius's events and imported GDELT rows,
    over the days that have events in both (or the given range)."""
    con = store.con
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'gdelt_events'"
    ).fetchone()[0]
    if not exists:
        raise LookupError("no GDELT events imported: run `polybius import-gdelt FILE` first")
    ours_days = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT event_date FROM clusters WHERE event_date IS NOT NULL"
        ).fetchall()
    }
    their_days = {
        _day(d)
        for (d,) in con.execute(
            "SELECT DISTINCT Day FROM gdelt_events WHERE Day IS NOT NULL"
        ).fetchall()
    }
    days = {
        d
        for d in ours_days & their_days
        if (since is None or d >= since) and (until is None or d <= until)
    }
    polybius: Counter = Counter()
    for row in event_rows(store, since, until):
        if row[1] is not None and _day(row[1]) in days:
            polybius[dyad_key(row)] += 1
    gdelt: Counter = Counter()
    names = ", ".join(c.name for c in columns("events"))
    cur = con.execute(f"SELECT {names} FROM gdelt_events WHERE Day IS NOT NULL")
    while batch := cur.fetchmany(BATCH):
        for row in batch:
            if _day(row[1]) in days:
                gdelt[dyad_key(list(row))] += 1
    return Comparison(since, until, len(days), polybius, gdelt)


def _day(yyyymmdd: int) -> date | None:
    try:
        return date(yyyymmdd // 10000, yyyymmdd // 100 % 100, yyyymmdd % 100)
    except ValueError:
        return None
