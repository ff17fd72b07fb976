"""The `polybius` command line."""

from __future__ import annotations

import csv
import logging
import os
import sys
import time
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from polybius import __version__
from polybius.commands.patterns import app as patterns_app
from polybius.store.db import DEFAULT_DB, SchemaMismatch, Store, dumps, event_record

app = typer.Typer(
    help="Polybius: turn news into political event data (CAMEO and PLOVER) with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(patterns_app, name="patterns")
console = Console(stderr=True)
out = Console()

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB store file.", envvar="POLYBIUS_DB")]


class Engine(StrEnum):
    local = "local"
    ray = "ray"


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


def _version(value: bool) -> None:
    if value:
        out.print(f"polybius {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log progress per batch.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


# --------------------------------------------------------------------------- code


@app.command()
def code(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (read recursively), globs, or '-' for stdin. Formats: .html/.htm "
            "(.gz), .txt, .jsonl (fields text, id, title, date, url, source), .json, .warc(.gz).",
        ),
    ],
    db: DbOption = Path(DEFAULT_DB),
    batch_size: Annotated[
        int, typer.Option(help="Documents per transaction (a crash loses at most one batch).")
    ] = 32,
    max_bytes: Annotated[
        int,
        typer.Option(
            help="Largest document accepted, in bytes; larger ones are recorded as errors."
        ),
    ] = 10 * 1024 * 1024,
    patterns: Annotated[
        list[Path] | None,
        typer.Option(
            "--patterns", help="Extra trigger-pattern TSV file(s) to use with the built-in ones."
        ),
    ] = None,
    petrarch_verbs: Annotated[
        list[Path] | None,
        typer.Option("--petrarch-verbs", help="PETRARCH2 verb dictionary to add as patterns."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-w", help="Worker processes (default: all cores; 1 codes in-process)."
        ),
    ] = 0,
    no_prefilter: Annotated[
        bool,
        typer.Option("--no-prefilter", help="Parse every sentence (slower; same events)."),
    ] = False,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local: worker processes here; ray: Ray Data.")
    ] = Engine.local,
    address: Annotated[
        str | None,
        typer.Option(
            "--address", help="Ray cluster to join (auto, ray://HOST:PORT); default: a local Ray."
        ),
    ] = None,
    parquet: Annotated[
        Path,
        typer.Option("--parquet", help="With --engine ray: where to write the Parquet dataset."),
    ] = Path("polybius-parquet"),
    report: Annotated[
        Path | None,
        typer.Option(
            "--report", help="Also write the run summary (counts, seconds per stage) as JSON."
        ),
    ] = None,
) -> None:
    """Read news, code political events and store them in DuckDB.

    Re-running the same input changes nothing; an interrupted run (Ctrl-C, a crash) resumes
    where it stopped. Documents are read and coded in parallel worker processes.
    """
    from polybius.commands.patterns import extra_pattern_specs
    from polybius.engine.runner import run
    from polybius.events.coder import Coder
    from polybius.events.patterns import PatternError
    from polybius.ingest.sources import InputNotFound, expand_inputs, input_size

    try:
        files = expand_inputs(paths)
    except InputNotFound as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    total = sum(input_size(f) for f in files) or None
    extra = extra_pattern_specs(patterns, petrarch_verbs)
    try:
        Coder(extra_patterns=extra)  # check user pattern files before starting workers
    except (PatternError, OSError) as exc:
        console.print(f"[red]error:[/] in --patterns: {exc}")
        raise typer.Exit(2) from None
    workers = workers or os.cpu_count() or 1
    log = logging.getLogger("polybius.run")
    with (
        Store(db) as store,
        Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as bar,
    ):
        task = bar.add_task("coding", total=total)

        started = time.perf_counter()

        def progress(nbytes, summary):
            rate = summary.documents / max(time.perf_counter() - started, 1e-6)
            bar.update(
                task,
                advance=nbytes,
                description=f"{summary.documents} docs ({rate:.1f}/s), {summary.events} events",
            )

        # duplicates are checked as batches land (while the workers code the next ones);
        # only clustering is left for the end of the run
        checker = None

        def on_batch(n, written, results):
            nonlocal checker
            log.info("committed batch %d (%d new documents)", n, written)
            if checker is None:  # imported here, off the start
                from polybius.aggregate import Deduplicator

                checker = Deduplicator()
            checker.check_batch(
                store, {r.document.content_hash: r.fingerprint for r in results if r.fingerprint}
            )

        if engine == Engine.ray:
            summary = _run_ray(
                files,
                store,
                parquet,
                workers,
                address,
                max_bytes,
                not no_prefilter,
                extra,
                progress,
            )
        else:
            summary = run(
                files,
                store,
                batch_size=batch_size,
                max_bytes=max_bytes,
                progress=progress,
                on_batch=on_batch,
                workers=workers,
                prefilter=not no_prefilter,
                extra_patterns=extra,
            )
        totals = store.counts()
    _print_summary(summary, totals, db)
    _aggregate_after_writes(db, checker)
    if report:
        _write_run_report(report, summary, totals)
    if summary.interrupted:
        console.print(
            "[yellow]interrupted:[/] everything coded so far is stored; run the same command "
            "again to continue"
        )
        raise typer.Exit(130)
    if summary.documents and summary.coded == 0 and summary.unchanged == 0:
        raise typer.Exit(1)
    if summary.documents == 0:
        console.print("[red]error:[/] no documents found in the input")
        raise typer.Exit(1)


def _run_ray(files, store, parquet, workers, address, max_bytes, prefilter, extra, progress):
    from polybius.engine.ray_runner import RayNotInstalled, run_ray
    from polybius.store.parquet import load_dataset

    try:
        summary = run_ray(
            files,
            parquet,
            store.all_hashes(),
            workers,
            address,
            max_bytes,
            prefilter,
            extra,
            progress,
        )
    except RayNotInstalled as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    if parquet.exists():
        t0 = time.perf_counter()
        _, written = load_dataset(parquet, store)
        summary.timings["store"] += time.perf_counter() - t0
        summary.written = written
    console.print(f"Parquet dataset: {parquet} (events partitioned by event_day)")
    return summary


def _write_run_report(path: Path, summary, totals) -> None:
    import json

    data = {
        "documents": summary.documents,
        "written": summary.written,
        "unchanged": summary.unchanged,
        "sentences": summary.sentences,
        "events": summary.events,
        "statuses": dict(summary.statuses),
        "seconds": round(summary.seconds, 3),
        "seconds_by_stage": {k: round(v, 3) for k, v in sorted(summary.timings.items())},
        "workers": summary.workers,
        "interrupted": summary.interrupted,
        "store_totals": totals,
    }
    path.write_text(json.dumps(data, indent=2) + "\n")


def _print_summary(summary, totals, db) -> None:
    table = Table(
        title=f"Run summary ({summary.seconds:.1f} s, {summary.workers} worker"
        f"{'s' if summary.workers > 1 else ''})",
        show_header=False,
    )
    table.add_row("documents read", str(summary.documents))
    table.add_row("new documents stored", str(summary.written))
    table.add_row("unchanged (already stored)", str(summary.unchanged))
    table.add_row("coded", str(summary.coded))
    table.add_row("sentences", str(summary.sentences))
    table.add_row("events", str(summary.events))
    errors = sum(n for s, n in summary.statuses.items() if s != "ok")
    table.add_row("errors and skips", str(errors))
    for status, n in sorted(summary.statuses.items()):
        if status != "ok":
            table.add_row(f"  {status}", str(n))
    table.add_row(
        "store", f"{db}: {totals['documents']} documents, {totals['events']} events in total"
    )
    out.print(table)
    for doc_id, status, message in summary.errors[:20]:
        out.print(f"  [yellow]{status}[/] {doc_id}: {message}")
    if len(summary.errors) > 20:
        out.print(f"  ... {len(summary.errors) - 20} more (see `polybius stats --db {db}`)")


# --------------------------------------------------------------------------- load


@app.command()
def load(
    parquet_dir: Annotated[
        Path, typer.Argument(help="A Parquet dataset written by `polybius code --engine ray`.")
    ],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Bring a Parquet dataset of coded documents into the DuckDB store (skipping duplicates)."""
    from polybius.store.parquet import load_dataset

    try:
        with Store(db) as store:
            read, written = load_dataset(parquet_dir, store)
            totals = store.counts()
    except FileNotFoundError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    out.print(
        f"{read} documents in {parquet_dir}, {written} new; {db} now holds "
        f"{totals['documents']} documents and {totals['events']} events"
    )
    _aggregate_after_writes(db)


def _aggregate_after_writes(db: Path, deduplicator=None) -> None:
    """Deduplicate the new documents and update the aggregated events (incremental)."""
    from polybius.commands.aggregation import aggregate_store, summary_line

    with Store(db) as store:
        result = aggregate_store(store, console, deduplicator=deduplicator)
    out.print(summary_line(result))


# --------------------------------------------------------------------------- events


def _parse_day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{name} must be a date like 2021-12-01, got {value!r}") from None


def _open(db: Path) -> Store:
    try:
        return Store(db, read_only=True)
    except (FileNotFoundError, SchemaMismatch) as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


@app.command()
def events(
    db: DbOption = Path(DEFAULT_DB),
    source: Annotated[str | None, typer.Option(help="Source actor code, e.g. RUS.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code, e.g. NATO.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. REQUEST.")] = None,
    status: Annotated[
        str | None, typer.Option(help="occurred, intended, claimed or denied.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")] = None,
    doc: Annotated[str | None, typer.Option(help="Only events of this document id.")] = None,
    format: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.table,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of the terminal.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
) -> None:
    """List coded events with their evidence, filtered by actor, type and date."""
    from polybius.events.ontology import PLOVER_TYPES

    if type and type.upper() not in PLOVER_TYPES:
        raise typer.BadParameter(f"--type must be one of {', '.join(PLOVER_TYPES)}")
    if format == OutputFormat.parquet and out_file is None:
        raise typer.BadParameter("--format parquet needs --out FILE")
    with _open(db) as store:
        cur = store.query_events(
            source=source,
            target=target,
            plover_type=type,
            since=_parse_day(since, "--since"),
            until=_parse_day(until, "--until"),
            doc_id=doc,
            status=status,
            limit=limit,
        )
        columns = [d[0] for d in cur.description]
        if format == OutputFormat.parquet:
            import pyarrow.parquet as pq

            pq.write_table(cur.to_arrow_table(), out_file)
            console.print(f"wrote {out_file}")
            return
        rows = cur.fetchall()
    if format == OutputFormat.table:
        _print_events_table(columns, rows)
        return
    if out_file is None:
        _write_rows(sys.stdout, format, columns, rows)
        return
    with open(out_file, "w", encoding="utf-8", newline="") as stream:
        _write_rows(stream, format, columns, rows)
    console.print(f"wrote {len(rows)} events to {out_file}")


def _write_rows(stream, format: OutputFormat, columns, rows) -> None:
    if format == OutputFormat.jsonl:
        for row in rows:
            stream.write(dumps(event_record(columns, row)) + "\n")
        return
    writer = csv.writer(stream)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["|".join(v) if isinstance(v, list) else v for v in row])


def _print_events_table(columns, rows) -> None:
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
            _actor_cell(r["source_codes"], r["source_text"]),
            f"{r['plover_type']}\n{r['cameo_code']} ({r['goldstein']:+.1f})",
            _actor_cell(r["target_codes"], r["target_text"])
            + (" (reciprocal)" if r["reciprocal"] else ""),
            r["status"] + (f"\nby {r['attributed_to']}" if r["attributed_to"] else ""),
            _evidence(r["sentence_text"], r["trigger_start"], r["trigger_end"])
            + Text(f"\n[{r['doc_id']} #{r['sentence_index']}]", style="dim"),
        )
    out.print(table)
    out.print(f"{len(rows)} events")


def _actor_cell(codes, text) -> str:
    codes = "+".join(codes or []) or "-"
    return f"{codes}\n{text}" if text else codes


def _evidence(sentence: str, start: int, end: int) -> Text:
    t = Text(sentence)
    if 0 <= start < end <= len(sentence):
        t.stylize("bold magenta", start, end)
    return t


# --------------------------------------------------------------------------- show


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (see `polybius events` or `stats`).")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Print a document with its events; the evidence in each sentence is highlighted."""
    with _open(db) as store:
        document = store.document(doc_id)
        if document is None:
            console.print(f"[red]error:[/] no document {doc_id!r} in {db}")
            raise typer.Exit(2)
        sentences = store.con.execute(
            "SELECT sentence_index, text FROM sentences WHERE doc_id = ? ORDER BY sentence_index",
            [doc_id],
        ).fetchall()
        actors = store.con.execute(
            "SELECT e.sentence_index, a.role, a.start_char, a.end_char FROM event_actors a "
            "JOIN events e USING (event_id) WHERE e.doc_id = ?",
            [doc_id],
        ).fetchall()
        cur = store.query_events(doc_id=doc_id)
        columns = [d[0] for d in cur.description]
        evs = [dict(zip(columns, r, strict=True)) for r in cur.fetchall()]
    out.print(f"[bold]{document['title'] or doc_id}[/]")
    meta = [f"id {doc_id}", f"status {document['status']}"]
    for key in ("published", "source", "url"):
        if document[key]:
            meta.append(f"{key} {document[key]}")
    out.print(" · ".join(meta), style="dim")
    if document["error"]:
        out.print(f"[yellow]{document['error']}[/]")
    by_sentence: dict[int, list[dict]] = {}
    for e in evs:
        by_sentence.setdefault(e["sentence_index"], []).append(e)
    spans: dict[int, list[tuple[str, int, int]]] = {}
    for idx, role, s, e in actors:
        spans.setdefault(idx, []).append((role, s, e))
    for idx, text in sentences:
        line = Text(text)
        for role, s, e in spans.get(idx, []):
            if 0 <= s < e <= len(text):
                line.stylize("bold cyan" if role == "source" else "bold green", s, e)
        for e in by_sentence.get(idx, []):
            line.stylize("bold magenta underline", e["trigger_start"], e["trigger_end"])
        out.print(line)
        for e in by_sentence.get(idx, []):
            src = "+".join(e["source_codes"] or []) or "-"
            tgt = "+".join(e["target_codes"] or []) or "-"
            out.print(
                f"   -> [cyan]{src}[/] {e['plover_type']}/{e['cameo_code']} [green]{tgt}[/] "
                f"({e['status']}, {e['event_date'] or 'no date'})",
                highlight=False,
            )
    out.print("[dim]legend: [bold cyan]source[/] [bold green]target[/] [bold magenta]trigger[/][/]")


# --------------------------------------------------------------------------- stats


@app.command()
def stats(db: DbOption = Path(DEFAULT_DB), top: int = 15) -> None:
    """Counts of documents by status and of events by type, dyad and day."""
    with _open(db) as store:
        con = store.con
        totals = store.counts()
        statuses = con.execute(
            "SELECT status, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
        by_type = con.execute(
            "SELECT plover_type, count(*), round(avg(goldstein), 2) FROM events "
            "GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
        dyads = con.execute(
            """SELECT coalesce(nullif(array_to_string(source_codes, '+'), ''), '-'),
                      coalesce(nullif(array_to_string(target_codes, '+'), ''), '-'),
                      count(*), round(avg(goldstein), 2)
               FROM events GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?""",
            [top],
        ).fetchall()
        days = con.execute(
            """SELECT event_date, count(*),
                      count(*) FILTER (WHERE quad_class IN (1, 2)),
                      count(*) FILTER (WHERE quad_class IN (3, 4))
               FROM events WHERE event_date IS NOT NULL GROUP BY 1 ORDER BY 1 DESC LIMIT ?""",
            [top],
        ).fetchall()
    out.print(
        f"[bold]{db}[/]: {totals['documents']} documents, {totals['sentences']} sentences, "
        f"{totals['events']} events"
    )
    out.print(_table("documents by status", ["status", "documents"], statuses))
    out.print(_table("events by type", ["PLOVER type", "events", "mean Goldstein"], by_type))
    out.print(_table(f"top {top} dyads", ["source", "target", "events", "mean Goldstein"], dyads))
    out.print(
        _table(f"latest {top} days", ["event date", "events", "cooperation", "conflict"], days)
    )


# --------------------------------------------------------------------------- serve


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    token: Annotated[
        list[str] | None,
        typer.Option(
            "--token",
            help="API token allowing POST /api/documents (repeatable; 16+ characters). Also "
            "read from POLYBIUS_API_TOKENS (comma-separated). Without any token the server "
            "is read-only.",
        ),
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help="File with API tokens, one per line (also POLYBIUS_API_TOKEN_FILE).",
        ),
    ] = None,
) -> None:
    """Serve the HTTP API and the dashboard over a store.

    Open http://HOST:PORT/ for the dashboard (overview, events with their evidence, dyads,
    network, map, documents) and /docs for the API. Read-only unless tokens are configured;
    then POST /api/documents codes submitted articles into the store.
    """
    from polybius.api.auth import TokenError
    from polybius.api.serve import ServeError
    from polybius.api.serve import serve as run_server

    try:
        run_server(db, host, port, token or [], token_file)
    except (ServeError, TokenError) as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


# --------------------------------------------------------------------------- actors


@app.command()
def actors(
    text: Annotated[
        str | None, typer.Argument(help="Text whose actors to resolve ('-' reads stdin).")
    ] = None,
    when: Annotated[
        str | None,
        typer.Option("--date", help="Date of the text, YYYY-MM-DD: decides who held which office."),
    ] = None,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Print dictionary counts by kind instead.")
    ] = False,
) -> None:
    """Show how each actor in a text is resolved (code, sector, name) and which rule decided it."""
    from polybius.actors.dictionary import load_dictionary

    if coverage:
        _print_coverage(load_dictionary())
        return
    if text is None:
        raise typer.BadParameter("give a TEXT (or --coverage)")
    if text == "-":
        text = sys.stdin.read()
    from polybius.actors.explain import explain_actors

    rows = explain_actors(text, _parse_day(when, "--date"))
    if not rows:
        out.print("no actors found")
        return
    table = Table(title_justify="left")
    for h in ("sentence", "mention", "phrase", "code", "sector", "name", "rule"):
        table.add_column(h, overflow="fold")
    for r in rows:
        table.add_row(
            str(r.sentence),
            r.mention,
            r.phrase,
            r.code or "-",
            r.sector or "-",
            r.name or "",
            r.rule,
        )
    out.print(table)


def _print_coverage(dictionary) -> None:
    from polybius.events.ontology import load_ontology
    from polybius.events.patterns import load_patterns

    counts = dictionary.counts()
    codes = {}
    for e in dictionary.entries:
        if e.code:
            codes.setdefault(e.kind, set()).add(e.code)
    rows = [[kind, str(n), str(len(codes.get(kind, ())))] for kind, n in sorted(counts.items())]
    out.print(
        _table("actor dictionary (surface forms by kind)", ["kind", "entries", "codes"], rows)
    )
    people = {e.name for e in dictionary.entries if e.kind == "person"}
    out.print(f"{len(people)} people with dated offices")
    patterns = load_patterns()
    by_type: dict[str, int] = {}
    ontology = load_ontology()
    for p in patterns.patterns:
        t = ontology.code(p.cameo).plover_type or "-"
        by_type[t] = by_type.get(t, 0) + 1
    covered = {p.cameo for p in patterns.patterns}
    coded = [c for c, e in ontology.cameo.items() if e.plover_type]
    out.print(
        _table(
            "trigger patterns by PLOVER type",
            ["type", "patterns"],
            [[t, str(n)] for t, n in sorted(by_type.items())],
        )
    )
    out.print(f"CAMEO codes with patterns: {len(covered & set(coded))} of {len(coded)}")


# --------------------------------------------------------------------------- evaluate


@app.command()
def evaluate(
    gold: Annotated[
        Path | None,
        typer.Argument(help="Gold file: PLOVER gold-standard JSON(L) or Polybius gold JSONL."),
    ] = None,
    petrarch_xml: Annotated[
        Path | None,
        typer.Option(
            "--petrarch-xml", help="Score CAMEO codes on PETRARCH validation XML instead."
        ),
    ] = None,
    by_type: Annotated[bool, typer.Option("--by-type", help="Per PLOVER type figures.")] = False,
    confusion: Annotated[bool, typer.Option("--confusion", help="Type confusion table.")] = False,
    errors: Annotated[
        int, typer.Option("--errors", help="Print this many misses and false alarms.")
    ] = 0,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the report as JSON (stable format).")
    ] = None,
    compare_with: Annotated[
        Path | None, typer.Option("--compare", help="An earlier --json report to compare with.")
    ] = None,
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", help="Write the coder's events per gold id as JSONL."),
    ] = None,
    patterns: Annotated[
        list[Path] | None, typer.Option("--patterns", help="Extra trigger-pattern TSV file(s).")
    ] = None,
    petrarch_verbs: Annotated[
        list[Path] | None,
        typer.Option("--petrarch-verbs", help="PETRARCH2 verb dictionary to add as patterns."),
    ] = None,
    no_prefilter: Annotated[
        bool,
        typer.Option("--no-prefilter", help="Parse every sentence (the figures must not change)."),
    ] = False,
) -> None:
    """Score the coder against a gold standard: precision, recall and F1 per sentence.

    Type level: the PLOVER type matches. Full event: type, and source and target code sets
    intersect the gold ones. PLOVER gold-standard records annotate one event per sentence, so
    only recall is meaningful on them.
    """
    import json as _json

    from polybius.commands.patterns import extra_pattern_specs
    from polybius.evaluate.runner import (
        compare,
        evaluate_file,
        evaluate_petrarch,
        write_predictions,
    )
    from polybius.events.coder import Coder

    if (gold is None) == (petrarch_xml is None):
        raise typer.BadParameter("give a GOLD file or --petrarch-xml FILE (one of them)")
    path = gold or petrarch_xml
    if not path.exists():
        console.print(f"[red]error:[/] no such file {path}")
        raise typer.Exit(2)
    coder = Coder(extra_patterns=extra_pattern_specs(patterns, petrarch_verbs))
    from polybius.commands.aggregation import counting_bar

    with counting_bar(console) as bar:

        def factory(total):
            task = bar.add_task(f"coding {path.name}", total=total)
            return lambda: bar.advance(task)

        if petrarch_xml:
            report, details = evaluate_petrarch(petrarch_xml, coder, factory, not no_prefilter)
        else:
            report, details = evaluate_file(gold, coder, factory, not no_prefilter)
    _print_report(report, by_type, confusion)
    if errors:
        _print_errors(details, errors)
    if predictions:
        write_predictions(details, predictions)
        console.print(f"wrote predictions to {predictions}")
    if json_out:
        json_out.write_text(_json.dumps(report, indent=2, sort_keys=True) + "\n")
        console.print(f"wrote report to {json_out}")
    if compare_with:
        old = _json.loads(compare_with.read_text())
        table = Table(title=f"compared with {compare_with.name} ({old.get('coder_version')})")
        for h in ("metric", "old", "new", "change"):
            table.add_column(h)
        for name, a, b in compare(report, old):
            style = "green" if b > a else "red" if b < a else ""
            table.add_row(name, f"{a:.3f}", f"{b:.3f}", Text(f"{b - a:+.3f}", style=style))
        out.print(table)


def _prf_row(label: str, d: dict, recall_only: bool) -> list[str]:
    if recall_only:
        return [label, str(d["gold"]), str(d["tp"]), "-", f"{d['recall']:.3f}", "-"]
    return [
        label,
        str(d["gold"]),
        str(d["tp"]),
        f"{d['precision']:.3f}",
        f"{d['recall']:.3f}",
        f"{d['f1']:.3f}",
    ]


def _print_report(report: dict, by_type: bool, confusion: bool) -> None:
    recall_only = report["recall_only"]
    sections = [("overall", "PLOVER types")]
    if "cameo_root" in report:
        sections += [("cameo_root", "CAMEO root"), ("cameo_code", "CAMEO full code")]
    out.print(f"[bold]{report['gold']}[/] ({report['format']}), coder {report['coder_version']}")
    if recall_only:
        out.print("[dim]one event annotated per sentence: recall only[/]")
    for key, label in sections:
        o = report[key]
        headers = ["level", "gold", "matched", "precision", "recall", "F1"]
        rows = [
            _prf_row("type", o["type_level"], recall_only),
            _prf_row("full event", o["full_event"], recall_only),
        ]
        out.print(
            _table(
                f"{label}: {o['sentences']} sentences, "
                f"{o['full_event']['predicted']} events predicted",
                headers,
                rows,
            )
        )
        a = o["actors"]
        out.print(
            f"actors on type-matched events ({a['type_matched_events']}): "
            f"source {a['source_accuracy']:.3f}, target {a['target_accuracy']:.3f}"
        )
        if not recall_only:
            out.print(
                f"sentences without gold events: {o['sentences_without_gold_events']}, "
                f"of which with predictions: {o['false_alarm_sentences']}"
            )
    o = report["overall"]
    if by_type:
        headers = [
            "type",
            "gold",
            "pred",
            "type P",
            "type R",
            "type F1",
            "full P",
            "full R",
            "full F1",
        ]
        rows = []
        for t, d in o["by_type"].items():
            a, b = d["type_level"], d["full_event"]
            rows.append(
                [
                    t,
                    str(a["gold"]),
                    str(a["predicted"]),
                    f"{a['precision']:.2f}",
                    f"{a['recall']:.2f}",
                    f"{a['f1']:.2f}",
                    f"{b['precision']:.2f}",
                    f"{b['recall']:.2f}",
                    f"{b['f1']:.2f}",
                ]
            )
        out.print(_table("by PLOVER type", headers, rows))
    if confusion:
        pairs = {tuple(k.split("->")): n for k, n in o["confusion"].items()}
        gold_types = sorted({g for g, _ in pairs})
        pred_types = sorted({p for _, p in pairs})
        table = Table(title="confusion (rows gold, columns predicted)", title_justify="left")
        table.add_column("gold \\ pred")
        for p in pred_types:
            table.add_column(p[:6], justify="right")
        for g in gold_types:
            table.add_row(g, *(str(pairs.get((g, p), "")) for p in pred_types))
        out.print(table)


def _fmt_events(events) -> str:
    if not events:
        return "(none)"
    parts = []
    for e in events:
        src = "+".join(e.source) or "-"
        tgt = "+".join(e.target) or "-"
        arrow = "<->" if e.reciprocal else "->"
        parts.append(f"{src} {e.event}{'/' + e.cameo_code if e.cameo_code else ''} {arrow} {tgt}")
    return "; ".join(parts)


def _print_errors(details: list[dict], n: int) -> None:
    misses = [d for d in details if d["misses"]]
    alarms = [d for d in details if d["false_alarms"]]
    out.print(f"[bold]misses[/] ({len(misses)} sentences; showing {min(n, len(misses))})")
    for d in misses[:n]:
        out.print(f"[dim]{d['id']}[/] {d['text']}", highlight=False)
        out.print(
            f"   gold: {_fmt_events(d['gold'])}\n   pred: {_fmt_events(d['pred'])}", highlight=False
        )
    out.print(f"[bold]false alarms[/] ({len(alarms)} sentences; showing {min(n, len(alarms))})")
    for d in alarms[:n]:
        out.print(f"[dim]{d['id']}[/] {d['text']}", highlight=False)
        out.print(
            f"   gold: {_fmt_events(d['gold'])}\n   pred: {_fmt_events(d['pred'])}", highlight=False
        )


def _table(title: str, headers: list[str], rows) -> Table:
    table = Table(title=title, title_justify="left")
    for h in headers:
        table.add_column(h)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


# --------------------------------------------------------------------- aggregation and exports


@app.command()
def aggregate(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Recompute duplicate links, document tone and aggregated events from scratch.

    `polybius code` already does this incrementally after every run; use this command after
    changing the store by other means, or to upgrade a store of an older schema version.
    Duplicates: MinHash LSH over 5-word shingles, exact Jaccard >= 0.5. Events: mentions with
    the same PLOVER type, CAMEO root, source and target code sets, dated within 2 days and in
    a compatible place (see README).
    """
    from polybius.commands.aggregation import aggregate_store, store_totals, summary_line

    with Store(db) as store:
        result = aggregate_store(store, console, full=True)
        totals = store_totals(store)
    out.print(summary_line(result))
    out.print(
        f"{db}: {totals['documents']} documents ({totals['duplicates']} duplicates), "
        f"{totals['mentions']} mentions, {totals['events']} aggregated events "
        f"({totals['multi_source_events']} reported by more than one source)"
    )


def _since_until(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    return _parse_day(since, "--since"), _parse_day(until, "--until")


SinceOption = Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")]


@app.command()
def export(
    format: Annotated[
        str,
        typer.Option(
            "--format",
            help="gdelt (GDELT 2.0 Events, 61 tab-separated columns), gdelt-mentions (GDELT 2.0 "
            "Mentions, 16 columns), polecat (PLOVER JSON lines), parquet (folder partitioned "
            "by event date), csv or jsonl (the aggregated events table).",
        ),
    ],
    db: DbOption = Path(DEFAULT_DB),
    since: SinceOption = None,
    until: UntilOption = None,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", help="File (folder for parquet) to write; default: stdout."),
    ] = None,
) -> None:
    """Export the aggregated events (one record per event, with mention counts)."""
    from polybius.commands.exporting import CommandError, ExportFormat
    from polybius.commands.exporting import export as run_export

    try:
        kind = ExportFormat(format)
    except ValueError:
        raise typer.BadParameter(
            f"--format must be one of {', '.join(f.value for f in ExportFormat)}"
        ) from None
    first, last = _since_until(since, until)
    with _open(db) as store:
        try:
            n = run_export(store, kind, out_file, first, last)
        except CommandError as exc:
            console.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None
    console.print(f"wrote {n} events" + (f" to {out_file}" if out_file else ""))


@app.command("import-gdelt")
def import_gdelt(
    files: Annotated[
        list[Path],
        typer.Argument(help="GDELT 2.0 Events files (.export.CSV, also .zip or .gz)."),
    ],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Read GDELT 2.0 Events files into the table gdelt_events, for `polybius compare-gdelt`.

    The rows are kept apart from Polybius's own events; importing a file again replaces them.
    """
    from polybius.commands.exporting import CommandError
    from polybius.commands.exporting import import_gdelt as run_import

    with Store(db) as store:
        try:
            done = run_import(store, files)
        except CommandError as exc:
            console.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None
        total = store.con.execute("SELECT count(*) FROM gdelt_events").fetchone()[0]
    for path, n in done:
        out.print(f"{path}: {n} GDELT events")
    out.print(f"{db}: {total} GDELT events in gdelt_events")


@app.command("compare-gdelt")
def compare_gdelt(
    db: DbOption = Path(DEFAULT_DB),
    since: SinceOption = None,
    until: UntilOption = None,
    top: Annotated[int, typer.Option(help="Dyads and root codes to list.")] = 20,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the overlap figures as JSON.")
    ] = None,
) -> None:
    """Compare Polybius's events with imported GDELT events over the days both cover.

    Events are counted per dyad and CAMEO root code (actor 1 country or group, actor 2, root);
    the overlap figures say how many dyad-roots and events the two have in common.
    """
    import json as _json

    from polybius.commands.exporting import CommandError
    from polybius.commands.exporting import compare_gdelt as run_compare

    first, last = _since_until(since, until)
    with _open(db) as store:
        try:
            figures = run_compare(store, first, last, top, out)
        except CommandError as exc:
            console.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None
    if json_out:
        json_out.write_text(_json.dumps(figures, indent=2) + "\n")


@app.command()
def trend(
    source: Annotated[str | None, typer.Option(help="Source actor code, e.g. RUS.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code, e.g. NATO.")] = None,
    by: Annotated[str, typer.Option(help="Period: day, week or month.")] = "week",
    both_directions: Annotated[
        bool,
        typer.Option(
            "--both-directions", "--reciprocal", help="Count target -> source events too."
        ),
    ] = False,
    db: DbOption = Path(DEFAULT_DB),
    since: SinceOption = None,
    until: UntilOption = None,
    plot_file: Annotated[
        Path | None, typer.Option("--plot", help="Also draw the chart into this PNG file.")
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write JSON.")] = None,
    csv_out: Annotated[Path | None, typer.Option("--csv", help="Also write CSV.")] = None,
) -> None:
    """Events of a dyad per period: counts per QuadClass and mean Goldstein score."""
    from polybius.commands.exporting import CommandError
    from polybius.commands.exporting import trend as run_trend
    from polybius.trend import PERIODS

    if by not in PERIODS:
        raise typer.BadParameter(f"--by must be one of {', '.join(PERIODS)}")
    first, last = _since_until(since, until)
    with _open(db) as store:
        try:
            n = run_trend(
                store,
                source,
                target,
                by,
                both_directions,
                first,
                last,
                plot_file,
                json_out,
                csv_out,
                out,
            )
        except CommandError as exc:
            console.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None
    if plot_file and n:
        console.print(f"chart written to {plot_file}")


if __name__ == "__main__":
    app()
