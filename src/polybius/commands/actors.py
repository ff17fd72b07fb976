"""`polybius actors`: how each actor in a text is resolved, or what the dictionaries cover."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table

from polybius.commands.tables import titled_table


def print_resolution(
    text: str, when: date | None, out: Console, extra_actors: tuple[str, ...] = ()
) -> None:
    """One row per actor mention: the phrase, its code, sector, name and the deciding rule;
    with user files (`--actors`), then the dictionary entries matched and their origin."""
    from polybius.actors.explain import explain_actors

    rows = explain_actors(text, when, extra_actors)
    if extra_actors:
        print_origins(text, extra_actors, out)
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


def print_origins(text: str, extra_actors: tuple[str, ...], out: Console) -> None:
    """Every dictionary entry the text matches, with the file and line it was read from."""
    from polybius.actors.dictionary import load_dictionary
    from polybius.actors.matcher import find_mentions

    rows = []
    for m in find_mentions(text, load_dictionary(extra_actors)):
        for e in m.entries:
            when = f"{e.start or ''}..{e.end or ''}" if e.start or e.end else ""
            role = " ".join(part for part in (e.role, when) if part)
            rows.append([m.text, e.kind, e.code or "-", e.sector or "-", role, e.origin])
    out.print(
        titled_table(
            "dictionary entries matched",
            ["alias", "kind", "code", "sector", "role", "origin"],
            rows,
        )
    )


def print_coverage(out: Console, extra_actors: tuple[str, ...] = ()) -> None:
    """Actor dictionary entries and codes by kind, and trigger patterns by PLOVER type."""
    from polybius.actors.dictionary import load_dictionary
    from polybius.events.ontology import load_ontology
    from polybius.events.patterns import load_patterns

    dictionary = load_dictionary(extra_actors)
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
