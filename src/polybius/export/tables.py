"""The aggregated events (table `clusters`) as CSV, JSON lines or a Parquet dataset."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import TextIO

from polybius.codesets import split_codes
from polybius.store.db import Store


def date_filter(alias: str, since: date | None, until: date | None) -> tuple[str, list]:
    """An SQL condition (starting with AND) on `alias.event_date`, and its parameters."""
    where, params = [], []
    if since:
        where.append(f"{alias}.event_date >= ?")
        params.append(since)
    if until:
        where.append(f"{alias}.event_date <= ?")
        params.append(until)
    return (" AND " + " AND ".join(where) if where else ""), params


def _clusters(store: Store, since: date | None, until: date | None):
    where, params = date_filter("c", since, until)
    return store.con.execute(
        f"SELECT * FROM clusters c WHERE TRUE {where} "
        "ORDER BY c.event_date NULLS LAST, c.cluster_id",
        params,
    )


def write_csv(store: Store, stream: TextIO, since=None, until=None) -> int:
    cur = _clusters(store, since, until)
    writer = csv.writer(stream)
    writer.writerow([d[0] for d in cur.description])
    n = 0
    while batch := cur.fetchmany(1000):
        writer.writerows(batch)
        n += len(batch)
    return n


def write_jsonl(store: Store, stream: TextIO, since=None, until=None) -> int:
    cur = _clusters(store, since, until)
    names = [d[0] for d in cur.description]
    n = 0
    while batch := cur.fetchmany(1000):
        for row in batch:
            record = dict(zip(names, row, strict=True))
            for side in ("source", "target"):  # JSON carries code sets as lists (codesets.py)
                record[f"{side}_codes"] = split_codes(record.get(f"{side}_code"))
            stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        n += len(batch)
    return n


def write_parquet(store: Store, folder: Path, since=None, until=None) -> int:
    """Two Parquet datasets under `folder`, both partitioned by event date (hive style,
    `event_date=2019-04-05/`): `events/` (one row per aggregated event) and `mentions/`
    (every mention with its cluster_id and evidence, partitioned by its cluster's date)."""
    folder.mkdir(parents=True, exist_ok=True)
    where, params = date_filter("c", since, until)
    con = store.con
    n = con.execute(f"SELECT count(*) FROM clusters c WHERE TRUE {where}", params).fetchone()[0]
    for name, select in (
        ("events", f"SELECT c.* FROM clusters c WHERE TRUE {where}"),
        (
            "mentions",
            f"""SELECT e.* EXCLUDE (event_date), e.event_date AS mention_date, c.event_date
                FROM events e JOIN clusters c ON c.cluster_id = e.cluster_id
                WHERE TRUE {where}""",
        ),
    ):
        target = folder / name
        con.execute(
            f"COPY ({select}) TO '{_sql_path(target)}' "
            "(FORMAT parquet, PARTITION_BY (event_date), OVERWRITE_OR_IGNORE true)",
            params,
        )
    return n


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
