"""`polybius evaluate`: score the coder on a gold file and print or write the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from polybius.commands import CommandError
from polybius.commands.aggregation import counting_bar
from polybius.commands.tables import titled_table

if TYPE_CHECKING:
    from polybius.coding.coder import CoderSpec


def run_evaluation(
    path: Path,
    petrarch_xml: bool,
    spec: CoderSpec,
    prefilter: bool,
    console: Console,
    selection=None,
) -> tuple[dict, list[dict]]:
    """Code every gold sentence (with a progress bar); returns the report and per-sentence
    details (gold and predicted events, misses, false alarms). `selection`: the folds to
    score (a blind selection returns no details)."""
    from polybius.actors.userfiles import ActorFileError
    from polybius.coding.rules.registry import RuleError
    from polybius.evaluate.runner import evaluate_file, evaluate_petrarch

    try:
        coder = spec.build()
    except RuleError as exc:
        raise CommandError(f"in --disable-rule: {exc}") from None
    except ActorFileError as exc:
        raise CommandError(f"in --actors:\n{exc}") from None
    with counting_bar(console) as bar:

        def factory(total):
            task = bar.add_task(f"coding {path.name}", total=total)
            return lambda: bar.advance(task)

        if petrarch_xml:
            return evaluate_petrarch(path, coder, factory, prefilter)
        return evaluate_file(path, coder, factory, prefilter, selection)


def write_outputs(
    report: dict,
    details: list[dict],
    predictions: Path | None,
    json_out: Path | None,
    console: Console,
) -> None:
    """The predictions as JSONL and the report as JSON (stable format), when asked for."""
    from polybius.evaluate.runner import write_predictions

    if predictions:
        write_predictions(details, predictions)
        console.print(f"wrote predictions to {predictions}")
    if json_out:
        json_out.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
        console.print(f"wrote report to {json_out}")


def print_comparison(out: Console, report: dict, earlier: Path) -> None:
    """Each metric of `report` beside the same metric in an earlier --json report."""
    from polybius.evaluate.runner import compare

    old = json.loads(earlier.read_text())
    table = Table(title=f"compared with {earlier.name} ({old.get('coder_version')})")
    for h in ("metric", "old", "new", "change"):
        table.add_column(h)
    for name, a, b in compare(report, old):
        style = "green" if b > a else "red" if b < a else ""
        table.add_row(name, f"{a:.3f}", f"{b:.3f}", Text(f"{b - a:+.3f}", style=style))
    out.print(table)


def prf_row(label: str, d: dict, recall_only: bool) -> list[str]:
    """Gold, matched, precision, recall and F1 ('-' where only recall is meaningful)."""
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


def print_report(out: Console, report: dict, by_type: bool, confusion: bool) -> None:
    """Type-level and full-event figures per section, then the optional tables."""
    recall_only = report["recall_only"]
    sections = [("overall", "PLOVER types")]
    if "cameo_root" in report:
        sections += [("cameo_root", "CAMEO root"), ("cameo_code", "CAMEO full code")]
    out.print(f"[bold]{report['gold']}[/] ({report['format']}), coder {report['coder_version']}")
    if recall_only:
        out.print("[dim]one event annotated per sentence: recall only[/]")
    for key, label in sections:
        _print_section(out, report[key], label, recall_only)
    if "intervals" in report:
        print_intervals(out, report["intervals"], recall_only)
    if by_type:
        print_by_type(out, report["overall"])
    if confusion:
        print_confusion(out, report["overall"])


def _print_section(out: Console, o: dict, label: str, recall_only: bool) -> None:
    headers = ["level", "gold", "matched", "precision", "recall", "F1"]
    rows = [
        prf_row("type", o["type_level"], recall_only),
        prf_row("full event", o["full_event"], recall_only),
    ]
    title = f"{label}: {o['sentences']} sentences, {o['full_event']['predicted']} events predicted"
    out.print(titled_table(title, headers, rows))
    a = o["actors"]
    out.print(
        f"actors on type-matched events ({a['type_matched_events']}): "
        f"source {a['source_accuracy']:.3f}, target {a['target_accuracy']:.3f}"
    )
    if a.get("status_accuracy") is not None:
        out.print(
            f"status (occurred / intended / claimed) on the {a['status_judged']} of them "
            f"the gold gives one: {a['status_accuracy']:.3f}"
        )
    if not recall_only:
        out.print(
            f"sentences without gold events: {o['sentences_without_gold_events']}, "
            f"of which with predictions: {o['false_alarm_sentences']}"
        )


def interval_text(intervals: dict, recall_only: bool) -> str:
    """The PLOVER-type section's 95 % intervals as one line of text ("" without documents)."""
    if not intervals.get("documents"):
        return ""
    names = [("type_f1", "type F1"), ("full_f1", "full F1")]
    if recall_only:
        names = [("type_recall", "type recall"), ("full_recall", "full recall")]
    names += [("source_accuracy", "source"), ("target_accuracy", "target")]
    return ", ".join(f"{label} {intervals[k][0]:.3f}–{intervals[k][1]:.3f}" for k, label in names)


def print_intervals(out: Console, intervals: dict, recall_only: bool) -> None:
    """How far the PLOVER-type figures could move by chance (polybius.evaluate.intervals)."""
    text = interval_text(intervals, recall_only)
    if text:
        out.print(
            f"{intervals['level']:.0%} intervals, {intervals['resamples']} resamples of the "
            f"{intervals['documents']} documents: {text}"
        )


def print_by_type(out: Console, overall: dict) -> None:
    """Type-level and full-event precision, recall and F1 per PLOVER type."""
    headers = ["type", "gold", "pred"]
    headers += ["type P", "type R", "type F1", "full P", "full R", "full F1"]
    rows = []
    for t, d in overall["by_type"].items():
        a, b = d["type_level"], d["full_event"]
        rows.append(
            [t, str(a["gold"]), str(a["predicted"])]
            + [f"{x[k]:.2f}" for x in (a, b) for k in ("precision", "recall", "f1")]
        )
    out.print(titled_table("by PLOVER type", headers, rows))


def print_confusion(out: Console, overall: dict) -> None:
    """Counts of gold type (rows) against predicted type (columns)."""
    pairs = {tuple(k.split("->")): n for k, n in overall["confusion"].items()}
    gold_types = sorted({g for g, _ in pairs})
    pred_types = sorted({p for _, p in pairs})
    table = Table(title="confusion (rows gold, columns predicted)", title_justify="left")
    table.add_column("gold \\ pred")
    for p in pred_types:
        table.add_column(p[:6], justify="right")
    for g in gold_types:
        table.add_row(g, *(str(pairs.get((g, p), "")) for p in pred_types))
    out.print(table)


def format_events(events) -> str:
    """Events on one line: 'SRC TYPE/CODE -> TGT; ...' ('(none)' for none)."""
    if not events:
        return "(none)"
    parts = []
    for e in events:
        src = "+".join(e.source) or "-"
        tgt = "+".join(e.target) or "-"
        arrow = "<->" if e.reciprocal else "->"
        parts.append(f"{src} {e.event}{'/' + e.cameo_code if e.cameo_code else ''} {arrow} {tgt}")
    return "; ".join(parts)


def print_errors(out: Console, details: list[dict], n: int) -> None:
    """The first `n` sentences with misses, then the first `n` with false alarms."""
    misses = [d for d in details if d["misses"]]
    alarms = [d for d in details if d["false_alarms"]]
    for title, found in (("misses", misses), ("false alarms", alarms)):
        out.print(f"[bold]{title}[/] ({len(found)} sentences; showing {min(n, len(found))})")
        for d in found[:n]:
            out.print(f"[dim]{d['id']}[/] {d['text']}", highlight=False)
            out.print(
                f"   gold: {format_events(d['gold'])}\n   pred: {format_events(d['pred'])}",
                highlight=False,
            )
