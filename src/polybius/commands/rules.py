"""`polybius rules`: the coder's named rules, in the order each stage runs them."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from polybius.coding.rules.registry import STAGES, all_rules


def print_rules(console: Console, stage: str | None = None) -> int:
    """Print the rules (of one stage, or all); returns how many were printed."""
    table = Table(title="Coder rules (coding/data/rules.tsv)", show_lines=False)
    for column in ("stage", "rule", "reason", "cues"):
        table.add_column(column, overflow="fold")
    shown = 0
    for s in STAGES:
        if stage is not None and s != stage:
            continue
        for r in (r for r in all_rules() if r.stage == s):
            cues = " ".join(sorted(r.cues))
            if r.with_cues:  # the cues pass a sentence only beside one of these
                cues += f" (with {' '.join(sorted(r.with_cues))})"
            table.add_row(s, r.name, r.reason, cues)
            shown += 1
    console.print(table)
    return shown
