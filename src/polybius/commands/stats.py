"""`polybius stats`: counts of documents by status and of events by type, dyad and day."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from polybius.commands.tables import titled_table
from polybius.store import queries
from polybius.store.db import Store


def print_stats(store: Store, db: Path, top: int, out: Console) -> None:
    """The store's totals, then four tables (dyads and days limited to `top`)."""
    totals = store.counts()
    statuses = queries.documents_by_status(store)
    by_type = queries.events_by_type(store)
    dyads = queries.top_dyads(store, top)
    days = queries.latest_days(store, top)
    out.print(
        f"[bold]{db}[/]: {totals['documents']} documents, {totals['sentences']} sentences, "
        f"{totals['events']} events"
    )
    out.print(titled_table("documents by status", ["status", "documents"], statuses))
    out.print(titled_table("events by type", ["PLOVER type", "events", "mean Goldstein"], by_type))
    out.print(
        titled_table(f"top {top} dyads", ["source", "target", "events", "mean Goldstein"], dyads)
    )
    out.print(
        titled_table(
            f"latest {top} days", ["event date", "events", "cooperation", "conflict"], days
        )
    )
