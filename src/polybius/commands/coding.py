"""`polybius code` and `load`: code inputs into the store, summarise the run, aggregate."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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

from polybius.commands import CommandError, say_error
from polybius.store.db import Store

if TYPE_CHECKING:
    from polybius.aggregate import Deduplicator
    from polybius.coding.coder import CoderSpec
    from polybius.engine.summary import RunSummary
    from polybius.sources.fetch import Fetcher, FetchPolicy
    from polybius.sources.poll import Poller
    from polybius.sources.spec import Source

log = logging.getLogger("polybius.run")


@dataclass(frozen=True)
class CodeOptions:
    """How `polybius code` runs (its options, validated)."""

    batch_size: int
    max_bytes: int
    workers: int
    prefilter: bool
    spec: CoderSpec
    ray: bool = False
    address: str | None = None
    parquet: Path = Path("polybius-parquet")


def find_inputs(paths: list[str]) -> list[str]:
    """The files to read for PATH arguments (folders, globs, '-')."""
    from polybius.ingest.paths import InputNotFound, expand_inputs

    try:
        return expand_inputs(paths)
    except InputNotFound as exc:
        raise CommandError(str(exc)) from None


def split_inputs(inputs: list[str]) -> tuple[list[str], list[Source]]:
    """The files and the fetched sources (URLs, feed:, sitemap:, page:, urls:) among inputs;
    files are listed (folders walked, globs expanded) and must exist."""
    from polybius.sources.spec import FILES, SourceError, parse_source

    try:
        sources = [parse_source(text) for text in inputs]
    except SourceError as exc:
        raise CommandError(str(exc)) from None
    paths = [s.target for s in sources if s.kind == FILES]
    return (find_inputs(paths) if paths else []), [s for s in sources if s.kind != FILES]


_CHECKED: set[CoderSpec] = set()  # specs already built in this process (a watch's rounds)


def check_coder(spec: CoderSpec) -> None:
    """Build the coder once here, so a bad pattern file, actor file or rule name stops us
    before workers start."""
    if spec in _CHECKED:
        return
    from polybius.actors.userfiles import ActorFileError
    from polybius.coding.rules.registry import RuleError
    from polybius.events.patterns import PatternError

    try:
        spec.build()
    except ActorFileError as exc:
        raise CommandError(f"in --actors:\n{exc}") from None
    except (PatternError, OSError) as exc:
        raise CommandError(f"in --patterns: {exc}") from None
    except RuleError as exc:
        raise CommandError(f"in --disable-rule: {exc}") from None
    if not (spec.extra_patterns or spec.extra_actors):  # user files may change: checked again
        _CHECKED.add(spec)


def _bar(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def code_into_store(
    store: Store,
    files: list[str],
    options: CodeOptions,
    console: Console,
    remote: list[Source] | None = None,
    policy: FetchPolicy | None = None,
) -> tuple[RunSummary, Deduplicator | None]:
    """Code `files` and the `remote` sources (URLs, feeds, ...) into `store` with a progress
    bar; returns the run summary and the deduplicator that checked each committed batch (None
    if no batch was committed). Files coded before and unchanged since are not read again."""
    from polybius.sources.poll import Poller
    from polybius.sources.spec import FILES, Source

    if options.ray and remote:
        raise CommandError("--engine ray codes files only; fetch URLs with the local engine")
    sources = [Source(f, FILES, f) for f in files] + list(remote or [])
    poller = Poller(store, sources, options.max_bytes)
    if not remote:
        return code_round(store, poller, None, options, console)
    from polybius.sources.fetch import Fetcher, FetchPolicy

    with Fetcher(policy or FetchPolicy(max_bytes=options.max_bytes)) as fetcher:
        return code_round(store, poller, fetcher, options, console)


def code_round(
    store: Store,
    poller: Poller,
    fetcher: Fetcher | None,
    options: CodeOptions,
    console: Console,
) -> tuple[RunSummary, Deduplicator | None]:
    """One round of `poller`'s sources through the local engine (`code`, each `watch` round)."""
    from polybius.engine.summary import RunSummary
    from polybius.ingest.paths import input_size

    todo = poller.changed_files()
    if not todo and fetcher is None:  # nothing new: no worker, model or coder is started
        summary = RunSummary(workers=options.workers, unchanged_files=poller.unchanged_files)
        return summary, None
    from polybius.engine.runner import run

    check_coder(options.spec)  # a bad pattern file or rule name stops us before workers start
    total = (sum(input_size(f) for f in todo) or None) if fetcher is None else None
    checker: Deduplicator | None = None
    with _bar(console) as bar:
        task = bar.add_task("coding", total=total)
        started = time.perf_counter()

        def progress(nbytes: int, summary: RunSummary) -> None:
            rate = summary.documents / max(time.perf_counter() - started, 1e-6)
            bar.update(
                task,
                advance=nbytes,
                description=f"{summary.documents} docs ({rate:.1f}/s), {summary.events} events",
            )

        # duplicates are checked as batches land (while the workers code the next ones);
        # only clustering is left for the end of the run
        def on_batch(n: int, written: int, results: list) -> None:
            nonlocal checker
            log.info(
                "committed batch %d (%d new documents)",
                n,
                written,
                extra={"event": "batch", "batch": n, "documents": len(results), "new": written},
            )
            if checker is None:  # imported here, off the start
                from polybius.aggregate import Deduplicator

                checker = Deduplicator()
            checker.check_batch(
                store, {r.document.content_hash: r.fingerprint for r in results if r.fingerprint}
            )
            store.publish_snapshot()  # readers see the committed batches (store/snapshot.py)
            store.release()  # readers (a read-only `serve`) may open the store between batches

        if options.ray:
            return run_ray(todo, store, options, progress, console), checker
        summary = run(
            [],
            store,
            batch_size=options.batch_size,
            max_bytes=options.max_bytes,
            progress=progress,
            on_batch=on_batch,
            workers=options.workers,
            prefilter=options.prefilter,
            spec=options.spec,
            tasks=poller.tasks(todo, fetcher),
            on_commit=poller.commit,
        )
    summary.unchanged_files = poller.unchanged_files
    return summary, checker


def run_ray(
    files: list[str],
    store: Store,
    options: CodeOptions,
    progress: Callable[[int, RunSummary], None],
    console: Console,
) -> RunSummary:
    """Code with Ray Data into a Parquet dataset, then load what is new into the store."""
    from polybius.engine.ray_runner import RayNotInstalled, run_ray
    from polybius.store.parquet import load_dataset

    parquet = options.parquet
    try:
        summary = run_ray(
            files,
            parquet,
            store.all_hashes(),
            options.workers,
            options.address,
            options.max_bytes,
            options.prefilter,
            options.spec,
            progress,
        )
    except RayNotInstalled as exc:
        raise CommandError(str(exc)) from None
    if parquet.exists():
        t0 = time.perf_counter()
        _, written = load_dataset(parquet, store)
        summary.timings["store"] += time.perf_counter() - t0
        summary.written = written
    console.print(f"Parquet dataset: {parquet} (events partitioned by event_day)")
    return summary


def write_run_report(path: Path, summary: RunSummary, totals: dict[str, int]) -> None:
    """The run summary as JSON (for `code --report`)."""
    data = {
        "documents": summary.documents,
        "written": summary.written,
        "unchanged": summary.unchanged,
        "duplicates_in_input": summary.duplicates,
        "sentences": summary.sentences,
        "events": summary.events,
        "statuses": dict(summary.statuses),
        "sentence_notes": dict(summary.sentence_notes),
        "seconds": round(summary.seconds, 3),
        "seconds_by_stage": {k: round(v, 3) for k, v in sorted(summary.timings.items())},
        "workers": summary.workers,
        "unchanged_files": summary.unchanged_files,
        "interrupted": summary.interrupted,
        "store_totals": totals,
    }
    path.write_text(json.dumps(data, indent=2) + "\n")


def print_summary(out: Console, summary: RunSummary, totals: dict[str, int], db: Path) -> None:
    """The run summary table, then the first 20 documents that failed or were skipped."""
    table = Table(
        title=f"Run summary ({summary.seconds:.1f} s, {summary.workers} worker"
        f"{'s' if summary.workers > 1 else ''})",
        show_header=False,
    )
    table.add_row("documents read", str(summary.documents))
    table.add_row("new documents stored", str(summary.written))
    table.add_row("unchanged (already stored)", str(summary.unchanged))
    if summary.unchanged_files:
        table.add_row("files unchanged since coded (not read)", str(summary.unchanged_files))
    if summary.duplicates:
        table.add_row("repeated in the input (coded once)", str(summary.duplicates))
    table.add_row("coded", str(summary.coded))
    table.add_row("sentences", str(summary.sentences))
    table.add_row("events", str(summary.events))
    for note, label in (
        ("sentence_split", "  parts of sentences over the length cap"),
        ("sentence_too_long", "  sentence parts too long to parse (skipped)"),
    ):
        if summary.sentence_notes.get(note):
            table.add_row(label, str(summary.sentence_notes[note]))
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


def exit_status(summary: RunSummary, console: Console) -> int:
    """The exit code of a run: 130 when interrupted (saying how to continue), 1 when nothing
    could be processed, else 0."""
    if summary.interrupted:
        console.print(
            "[yellow]interrupted:[/] everything coded so far is stored; run the same command "
            "again to continue"
        )
        return 130
    if summary.documents and summary.coded == 0 and summary.unchanged + summary.duplicates == 0:
        return 1
    if summary.documents == 0 and summary.unchanged_files:
        return 0
    if summary.documents == 0:
        say_error(console, "no documents found in the input")
        return 1
    return 0


def load_parquet(db: Path, parquet_dir: Path) -> tuple[int, int, dict[str, int]]:
    """Load a Parquet dataset into the store: (documents read, new, store counts after)."""
    from polybius.store.parquet import load_dataset

    try:
        with Store(db) as store:
            read, written = load_dataset(parquet_dir, store)
            return read, written, store.counts()
    except FileNotFoundError as exc:
        raise CommandError(str(exc)) from None


def aggregate_after_writes(
    db: Path, console: Console, out: Console, deduplicator: Deduplicator | None = None
) -> None:
    """Deduplicate the new documents and update the aggregated events (incremental)."""
    from polybius.commands.aggregation import aggregate_store, summary_line

    with Store(db, publish=True) as store:  # readers read the snapshot while we aggregate
        result = aggregate_store(store, console, deduplicator=deduplicator)
    out.print(summary_line(result))
