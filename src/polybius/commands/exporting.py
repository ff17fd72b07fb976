"""`polybius export`, `import-gdelt`, `compare-gdelt` and `trend`."""

from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path

from rich.console import Console
from rich.table import Table

from polybius.commands import CommandError
from polybius.store.db import Store
from polybius.store.queries import aggregation_totals


class ExportFormat(StrEnum):
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    gdelt_dates = "gdelt-dates"
    polecat = "polecat"
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


def require_clusters(store: Store) -> None:
    totals = aggregation_totals(store)
    if totals["events"]:
        return
    if totals["mentions"]:
        raise CommandError(
            f"{store.path} has events but no aggregated events: run "
            f"`polybius aggregate --db {store.path}` first"
        )
    raise CommandError(f"{store.path} has no events: run `polybius code PATH --db {store.path}`")


@contextmanager
def _output(path: Path | None):
    if path is None:
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        yield stream


def export(
    store: Store,
    format: ExportFormat,
    out_path: Path | None,
    since: date | None,
    until: date | None,
) -> int:
    """Write the export; returns the number of records."""
    from polybius.export import gdelt, polecat, tables

    require_clusters(store)
    if format == ExportFormat.parquet:
        if out_path is None:
            raise CommandError("--format parquet writes a folder: give it with --out FOLDER")
        return tables.write_parquet(store, out_path, since, until)
    with _output(out_path) as stream:
        if format == ExportFormat.gdelt:
            return gdelt.write_rows(gdelt.event_rows(store, since, until), stream, "events")
        if format == ExportFormat.gdelt_dates:
            return gdelt.write_plain(gdelt.date_rows(store, since, until), stream)
        if format == ExportFormat.gdelt_mentions:
            return gdelt.write_rows(gdelt.mention_rows(store, since, until), stream, "mentions")
        if format == ExportFormat.polecat:
            n = 0
            for record in polecat.records(store, since, until):
                stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                n += 1
            return n
        if format == ExportFormat.csv:
            return tables.write_csv(store, stream, since, until)
        return tables.write_jsonl(store, stream, since, until)


def import_gdelt(store: Store, files: list[Path]) -> list[tuple[Path, int]]:
    from polybius.export.gdelt_import import GdeltFormatError, import_file

    done = []
    for path in files:
        if not path.exists():
            raise CommandError(f"no such file {path}")
        try:
            done.append((path, import_file(store, path)))
        except GdeltFormatError as exc:
            raise CommandError(str(exc)) from None
    return done


def compare_gdelt(
    store: Store, since: date | None, until: date | None, top: int, out: Console
) -> dict:
    from polybius.export.gdelt_import import compare

    try:
        result = compare(store, since, until)
    except LookupError as exc:
        raise CommandError(str(exc)) from None
    figures = result.figures()
    if not result.days:
        out.print("no day has events in both Polybius and the imported GDELT files")
        return figures
    summary = Table(title="Polybius and GDELT over the same days", show_header=False)
    for key, value in figures.items():
        if value is not None:
            summary.add_row(key.replace("_", " "), str(value))
    out.print(summary)
    keys = sorted(
        set(result.polybius) | set(result.gdelt),
        key=lambda k: (-(result.polybius[k] + result.gdelt[k]), k),
    )[:top]
    table = Table(title=f"top {top} dyads and CAMEO root codes")
    for h in ("actor 1", "actor 2", "root", "Polybius", "GDELT"):
        table.add_column(h, justify="right" if h in ("Polybius", "GDELT") else "left")
    for k in keys:
        table.add_row(*k, str(result.polybius[k]), str(result.gdelt[k]))
    out.print(table)
    return figures


def _count(n: float) -> str:
    return str(n) if isinstance(n, int) else f"{n:.2f}"


def trend(
    store: Store,
    source: str | None,
    target: str | None,
    by: str,
    both_directions: bool,
    since: date | None,
    until: date | None,
    plot_path: Path | None,
    json_path: Path | None,
    csv_path: Path | None,
    out: Console,
    spread: bool = False,
) -> int:
    from polybius.trend import QUAD_LABELS, plot, unplaced
    from polybius.trend import trend as compute

    require_clusters(store)
    rows = compute(store, source, target, by, both_directions, since, until, spread)
    left_out = {} if spread else unplaced(store, source, target, by, both_directions, since, until)
    arrow = "<->" if both_directions else "->"
    title = f"{source or 'any'} {arrow} {target or 'any'}: events per {by}"
    if not rows:
        out.print(f"no aggregated events for {source or 'any'} {arrow} {target or 'any'}")
        return 0
    caption = ", ".join(f"Q{q} {label}" for q, label in QUAD_LABELS.items())
    if left_out:
        caption += "\nnot placed in time (dated less precisely than a " + by + "; --spread shares "
        caption += "them among the periods they cover): "
        caption += ", ".join(f"{n} of {p} precision" for p, n in left_out.items())
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    table.add_column(by, no_wrap=True)
    for q in QUAD_LABELS:
        table.add_column(f"Q{q}", justify="right")
    table.add_column("events", justify="right")
    table.add_column("Goldstein", justify="right")
    for r in rows:
        table.add_row(
            r.period.isoformat(),
            *(_count(r.counts.get(q, 0)) for q in QUAD_LABELS),
            _count(r.total),
            "" if r.mean_goldstein is None else f"{r.mean_goldstein:+.2f}",
        )
    out.print(table)
    records = [r.as_dict() for r in rows]
    if json_path:
        json_path.write_text(json.dumps(records, indent=1) + "\n")
    if csv_path:
        with open(csv_path, "w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=list(records[0]))
            writer.writeheader()
            writer.writerows(records)
    if plot_path:
        plot_path.parent.mkdir(parents=True, exist_ok=True)
        plot(rows, plot_path, title, by)
    return len(rows)
