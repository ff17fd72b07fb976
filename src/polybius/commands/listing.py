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
    """Events as JSON lines, or as CSV with list cells joined by '|'."""
    if format == OutputFormat.jsonl:
        for row in rows:
            stream.write(dumps(event_record(columns, row)) + "\n")
        return
    writer = csv.writer(stream)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["|".join(v) if isinstance(v, list) else v for v in row])


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
    joined = "+".join(codes or []) or "-"
    return f"{joined}\n{text}" if text else joined


def evidence(sentence: str, start: int, end: int) -> Text:
    """The sentence with its trigger highlighted (when the span fits the sentence)."""
    t = Text(sentence)
    if 0 <= start < end <= len(sentence):
        t.stylize("bold magenta", start, end)
    return t
