"""`polybius evaluate-places`: the place and date figures on the place/date gold."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from polybius.commands import CommandError
from polybius.commands.aggregation import counting_bar

ROWS = [
    ("place: country precision", "country_precision", "≥ 0.90"),
    ("place: country recall", "country_recall", "≥ 0.75"),
    ("place: city/admin-1 precision", "fine_precision", "≥ 0.80"),
    ("place: city/admin-1 recall", "fine_recall", ""),
    ("events with a place (coder)", "predicted_with_place", ""),
    ("events with a place (gold)", "gold_with_place", ""),
    ("date: exact", "date_exact", ""),
    ("date: exact or within precision", "date_within", "≥ 0.90"),
]


def run(train: Path, gold: Path, console: Console, out: Console, json_out: Path | None) -> dict:
    from polybius.evaluate.places_dates import PlaceDateGoldError, evaluate_places_dates

    if not train.is_file():
        raise CommandError(f"no such file {train}: give the guardian_train.jsonl gold file")
    if not gold.is_file():
        raise CommandError(f"no such file {gold}: give the place/date gold TSV (--gold)")
    try:
        with counting_bar(console) as bar:

            def factory(total):
                task = bar.add_task("coding the gold articles", total=total)
                return lambda: bar.advance(task)

            report = evaluate_places_dates(train, gold, progress_factory=factory)
    except PlaceDateGoldError as exc:
        raise CommandError(str(exc)) from None
    print_report(out, report)
    if json_out:
        json_out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report


def print_report(out: Console, report: dict) -> None:
    table = Table(
        title=(
            f"Places and dates: {report['gold_events']} gold events in {report['articles']} "
            f"articles, {report['matched_events']} matched by type"
        ),
        title_justify="left",
    )
    for name in ("figure", "value", "of", "bar"):
        table.add_column(name, justify="left" if name == "figure" else "right")
    for label, key, bar in ROWS:
        r = report[key]
        table.add_row(label, f"{r['value']:.3f}", f"{r['hits']}/{r['total']}", bar)
    table.add_row("occurred events after publication", str(report["occurred_after_publication"]))
    out.print(table)
