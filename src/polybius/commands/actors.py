"""`polybius actors`: how each actor in a text is resolved, or what the dictionaries cover."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table

from polybius.commands.tables import titled_table


def print_resolution(text: str, when: date | None, out: Console) -> None:
    """One row per actor mention: the phrase, its code, sector, name and the deciding rule."""
    from polybius.actors.explain import explain_actors

    rows = explain_actors(text, when)
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


def print_coverage(out: Console) -> None:
    """Actor dictionary entries and codes by kind, and trigger patterns by PLOVER type."""
    from polybius.actors.dictionary import load_dictionary
    from polybius.events.ontology import load_ontology
    from polybius.events.patterns import load_patterns

    dictionary = load_dictionary()
    counts = dictionary.counts()
    codes: dict[str, set[str]] = {}
    for e in dictionary.entries:
        if e.code:
            codes.setdefault(e.kind, set()).add(e.code)
    rows = [[kind, str(n), str(len(codes.get(kind, ())))] for kind, n in sorted(counts.items())]
    out.print(
        titled_table("actor dictionary (surface forms by kind)", ["kind", "entries", "codes"], rows)
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
        titled_table(
            "trigger patterns by PLOVER type",
            ["type", "patterns"],
            [[t, str(n)] for t, n in sorted(by_type.items())],
        )
    )
    out.print(f"CAMEO codes with patterns: {len(covered & set(coded))} of {len(coded)}")
