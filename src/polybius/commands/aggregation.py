"""`polybius aggregate`, and the aggregation step that ends `polybius code` and `load`."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

from polybius.aggregate import AggregateSummary, Deduplicator, rebuild, update
from polybius.store.db import Store


def counting_bar(console: Console) -> Progress:
    """A transient progress bar that counts items ("coding gold.jsonl 40/156")."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=console,
        transient=True,
    )


def aggregate_store(
    store: Store,
    console: Console,
    full: bool = False,
    deduplicator: Deduplicator | None = None,
) -> AggregateSummary:
    """Run incremental (or full) aggregation with a progress bar."""
    with counting_bar(console) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"aggregating: {stage}", total=total)
            bar.update(tasks[stage], completed=done, total=total)

        if full:
            return rebuild(store, progress)
        return update(store, progress, deduplicator)


def summary_line(s: AggregateSummary) -> str:
    return (
        f"aggregation ({s.seconds:.1f} s): {s.documents_checked} documents checked for "
        f"duplicates, {s.duplicates} duplicates found; {s.mentions} mentions grouped into "
        f"{s.clusters} events"
    )
