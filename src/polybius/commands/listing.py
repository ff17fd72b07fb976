"""`polybius events`: list coded events as a table, CSV, JSON lines or Parquet."""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from polybius.codesets import join_codes, split_codes, sql_has_code
from polybius.store.db import Store, dumps, event_record


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


@dataclass(frozen=True)
class EventFilter:
    """Which events to list (every field optional); see Store.query_events."""

    source: str | None = None
    target: str | None = None
    plover_type: str | None = None
    since: date | None = None
    until: date | None = None
    doc_id: str | None = None
    status: str | None = None
    limit: int | None = None


def list_events(
    store: Store,
    filters: EventFilter,
    format: OutputFormat,
    out_file: Path | None,
    out: Console,
    console: Console,
) -> None:
    """Print or write the events matching `filters`; Parquet needs `out_file`."""
    cur = store.query_events(
        source=filters.source,
        target=filters.target,
        plover_type=filters.plover_type,
        since=filters.since,
        until=filters.until,
        doc_id=filters.doc_id,
        status=filters.status,
        limit=filters.limit,
    )
    columns = [d[0] for d in cur.description]
    if format == OutputFormat.parquet:
        import pyarrow.parquet as pq

        pq.write_table(cur.to_arrow_table(), out_file)
        console.print(f"wrote {out_file}")
        return
    rows = cur.fetchall()
    if format == OutputFormat.table:
        print_events_table(out, columns, rows)
        return
    if out_file is None:
        write_rows(sys.stdout, format, columns, rows)
        return
    with open(out_file, "w", encoding="utf-8", newline="") as stream:
        write_rows(stream, format, columns, rows)
    console.print(f"wrote {len(rows)} events to {out_file}")


def write_rows(stream: TextIO, format: OutputFormat, columns: list[str], rows: list) -> None:
    """Events as JSON lines (lists as lists), or as CSV: code sets joined with '+'
    (polybius.codesets), other lists (the trace) with '; '."""
    if format == OutputFormat.jsonl:
        for row in rows:
            stream.write(dumps(event_record(columns, row)) + "\n")
        return
    writer = csv.writer(stream)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(name, v) for name, v in zip(columns, row, strict=True)])


def _cell(column: str, value: object) -> object:
    if not isinstance(value, list):
        return value
    return join_codes(value) if column.endswith("_codes") else "; ".join(map(str, value))


def print_events_table(out: Console, columns: list[str], rows: list) -> None:
    """One table row per event: date, actors, type, status and the highlighted evidence."""
    if not rows:
        out.print("no events match")
        return
    table = Table(show_lines=True)
    for name in ("date", "source", "event", "target", "status", "evidence"):
        table.add_column(name, overflow="fold")
    for row in rows:
        r = dict(zip(columns, row, strict=True))
        table.add_row(
            str(r["event_date"] or ""),
            actor_cell(r["source_codes"], r["source_text"]),
            f"{r['plover_type']}\n{r['cameo_code']} ({r['goldstein']:+.1f})",
            actor_cell(r["target_codes"], r["target_text"])
            + (" (reciprocal)" if r["reciprocal"] else ""),
            r["status"] + (f"\nby {r['attributed_to']}" if r["attributed_to"] else ""),
            evidence(r["sentence_text"], r["trigger_start"], r["trigger_end"])
            + Text(f"\n[{r['doc_id']} #{r['sentence_index']}]", style="dim"),
        )
    out.print(table)
    out.print(f"{len(rows)} events")


def actor_cell(codes: list[str] | None, text: str | None) -> str:
    """Codes joined by '+' ('-' for none) over the actor's text."""
    joined = join_codes(codes) or "-"
    return f"{joined}\n{text}" if text else joined


def evidence(sentence: str, start: int, end: int) -> Text:
    """The sentence with its trigger highlighted (when the span fits the sentence)."""
    t = Text(sentence)
    if 0 <= start < end <= len(sentence):
        t.stylize("bold magenta", start, end)
    return t


# --------------------------------------------------------------------------- aggregated events


def query_clusters(store: Store, filters: EventFilter):
    """Aggregated events (table clusters) matching the filters, as a DuckDB result."""
    from polybius.store import schema

    where, params = [], []
    for column, value in (("source_code", filters.source), ("target_code", filters.target)):
        if value:
            where.append(sql_has_code(column))
            params.append(value.upper())
    for condition, value in (
        ("plover_type = ?", filters.plover_type.upper() if filters.plover_type else None),
        ("status = ?", filters.status),
        ("event_date >= ?", filters.since),
        ("event_date <= ?", filters.until),
    ):
        if value:
            where.append(condition)
            params.append(value)
    sql = f"SELECT {', '.join(schema.names('clusters'))} FROM clusters"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY event_date NULLS LAST, cluster_id"
    if filters.limit:
        sql += f" LIMIT {int(filters.limit)}"
    return store.con.execute(sql, params)


def list_clusters(
    store: Store,
    filters: EventFilter,
    format: OutputFormat,
    out_file: Path | None,
    out: Console,
    console: Console,
) -> None:
    """Print or write the aggregated events matching `filters` (`events --aggregated`)."""
    cur = query_clusters(store, filters)
    columns = [d[0] for d in cur.description]
    if format == OutputFormat.parquet:
        import pyarrow.parquet as pq

        pq.write_table(cur.to_arrow_table(), out_file)
        console.print(f"wrote {out_file}")
        return
    rows = cur.fetchall()
    if format == OutputFormat.table:
        print_clusters_table(out, columns, rows)
        return
    if format == OutputFormat.jsonl:  # JSON carries the code sets as lists
        columns, rows = _with_code_lists(columns, rows)
    if out_file is None:
        write_rows(sys.stdout, format, columns, rows)
        return
    with open(out_file, "w", encoding="utf-8", newline="") as stream:
        write_rows(stream, format, columns, rows)
    console.print(f"wrote {len(rows)} aggregated events to {out_file}")


def _with_code_lists(columns: list[str], rows: list) -> tuple[list[str], list]:
    at = [columns.index("source_code"), columns.index("target_code")]
    listed = [(*row, *(split_codes(row[i]) for i in at)) for row in rows]
    return [*columns, "source_codes", "target_codes"], listed


def print_clusters_table(out: Console, columns: list[str], rows: list) -> None:
    """One table row per aggregated event: date, actors, type, status and its counts."""
    if not rows:
        out.print("no aggregated events match")
        return
    table = Table(show_lines=False)
    for name in ("date", "source", "event", "target", "status", "mentions", "articles", "outlets"):
        table.add_column(name, overflow="fold")
    for row in rows:
        r = dict(zip(columns, row, strict=True))
        table.add_row(
            str(r["event_date"] or ""),
            r["source_code"] or "-",
            f"{r['plover_type']} {r['cameo_code']}",
            r["target_code"] or "-",
            r["status"] or "",
            str(r["num_mentions"]),
            str(r["num_articles"]),
            str(r["num_sources"]),
        )
    out.print(table)
    out.print(f"{len(rows)} aggregated events")
