"""`polybius patterns`: trigger-pattern coverage of corpora, and PETRARCH2 dictionaries."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from polybius.commands import say_error
from polybius.events.coverage import LemmaRow, Link

app = typer.Typer(help="Trigger patterns: corpus coverage, PETRARCH2 verb dictionaries.")
console = Console(stderr=True)
out = Console()


def extra_pattern_specs(patterns: list[Path] | None, petrarch: list[Path] | None) -> tuple:
    """The extra pattern sources for the coder: TSV files, then PETRARCH2 dictionaries (read
    and converted in memory by `load_patterns`, in every worker)."""
    from polybius.events.patterns import PETRARCH_PREFIX

    tsv = [str(p) for p in patterns or ()]
    return tuple(tsv + [PETRARCH_PREFIX + str(p) for p in petrarch or ()])


@app.callback(invoke_without_command=True)
def patterns_main(
    ctx: typer.Context,
    coverage: Annotated[
        list[Path] | None,
        typer.Option(
            "--coverage",
            help="Corpus to mine (JSONL with id/text, PETRARCH XML, web pages (.html, "
            ".html.gz), or a folder of them and its subfolders; unreadable files are "
            "skipped and named); repeat for several. The blind folds (fold 5 of "
            "guardian_train's articles and of the web-news gold's pages) are always left out.",
        ),
    ] = None,
    threshold: Annotated[
        float, typer.Option(help="List uncovered lemmas with at least this % of all links.")
    ] = 0.1,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write every lemma's counts as TSV.")
    ] = None,
    petrarch_gap: Annotated[
        Path | None,
        typer.Option("--petrarch-gap", help="PETRARCH2 verb dictionary to compare with."),
    ] = None,
    gap_out: Annotated[
        Path, typer.Option("--gap-out", help="Where to write the PETRARCH gap (TSV).")
    ] = Path("out/petrarch_gap.tsv"),
) -> None:
    """Share of actor-to-actor links in corpora that the trigger patterns cover."""
    if ctx.invoked_subcommand is not None:
        return
    if not coverage:
        console.print("give corpora with --coverage FILE (or see --help)")
        raise typer.Exit(2)
    counts = mine_corpora(coverage)
    report_coverage(counts, threshold / 100, out_file)
    if petrarch_gap:
        write_gap(counts, petrarch_gap, gap_out)


@app.command("import-petrarch")
def import_petrarch(
    dictionary: Annotated[Path, typer.Argument(help="A PETRARCH2 verb dictionary (CAMEO.2.0).")],
    out_tsv: Annotated[Path, typer.Argument(help="Pattern TSV to write.")],
) -> None:
    """Convert the simple verbs and verb + particle/preposition patterns of a PETRARCH2 verb
    dictionary into the trigger-pattern TSV format (usable with `--patterns`)."""
    from polybius.events.petrarch import convert_dictionary, write_pattern_tsv

    if not dictionary.exists():
        say_error(console, f"no such file {dictionary}")
        raise typer.Exit(2)
    conversion = convert_dictionary(dictionary)
    write_pattern_tsv(conversion, out_tsv, dictionary.name)
    out.print(
        f"converted {conversion.converted_entries} entries into {len(conversion.rows)} "
        f"patterns; skipped {conversion.skipped_entries}; wrote {out_tsv}"
    )
    table = Table(title="skipped entries by reason")
    table.add_column("reason")
    table.add_column("entries", justify="right")
    for reason, n in conversion.skipped.most_common():
        table.add_row(reason, str(n))
    out.print(table)


def mine_corpora(paths: list[Path]) -> Counter[Link]:
    """Links in all corpora, with a progress bar; the blind folds are excluded."""
    from polybius.commands.aggregation import counting_bar
    from polybius.evaluate.webnews import blind_pages
    from polybius.events.coverage import (
        PAGE_SUFFIXES,
        CorpusError,
        blind_documents,
        corpus_files,
        mine,
        read_corpus,
    )

    blind = blind_documents() | blind_pages()
    counts: Counter[Link] = Counter()
    for path in paths:
        if not path.exists():
            say_error(console, f"no such file or folder {path}")
            raise typer.Exit(2)
    skipped: list[str] = []
    try:
        files = [f for path in paths for f in corpus_files(path)]
    except CorpusError as exc:
        say_error(console, str(exc))
        raise typer.Exit(2) from None
    by_name: dict[str, list[tuple[str, str]]] = {}
    for f in files:  # an unreadable file is left out, said, and the others mined
        # the web pages of a folder are one corpus, named by the folder
        name = f"{f.parent.name}/ (web pages)" if f.name.lower().endswith(PAGE_SUFFIXES) else f.name
        try:
            docs = list(read_corpus(f, blind))
        except CorpusError as exc:
            skipped.append(str(exc))
            continue
        by_name.setdefault(name, []).extend(docs)
    for message in skipped:
        console.print(f"[yellow]skipped:[/yellow] {message}")
    corpora = list(by_name.items())
    if not corpora:
        say_error(console, "no corpus could be read (see above)")
        raise typer.Exit(2)
    with counting_bar(console) as bar:
        for name, docs in corpora:
            task = bar.add_task(f"mining {name}", total=len(docs))
            counts.update(mine(docs, progress=lambda task=task: bar.advance(task)))
            console.print(f"{name}: {len(docs)} documents (blind folds left out)")
    return counts


def report_coverage(counts: Counter[Link], threshold: float, out_file: Path | None) -> None:
    from polybius.events.coverage import coverage_table, load_not_events, pattern_lemmas
    from polybius.events.patterns import load_patterns

    share, rows = coverage_table(counts, load_patterns())
    known = pattern_lemmas(load_patterns())
    not_events = load_not_events()
    total = sum(counts.values())
    out.print(f"links between two actors: {total}; covered by trigger patterns: {share:.1%}")
    table = Table(title=f"uncovered lemmas with ≥ {threshold:.1%} of all links")
    for h in ("pos", "lemma", "links", "uncovered", "share", "status"):
        table.add_column(h)
    listed = [r for r in rows if r.uncovered_share >= threshold]
    for r in listed:
        reason = not_events.get((r.pos, r.lemma))
        status = f"not an event: {reason}" if reason else "[bold]candidate[/]"
        if (r.pos, r.lemma) in known:
            status = "pattern lemma (object or preposition not matched)"
        table.add_row(
            r.pos, r.lemma, str(r.links), str(r.uncovered), f"{r.uncovered_share:.2%}", status
        )
    out.print(table)
    open_rows = [r for r in listed if (r.pos, r.lemma) not in not_events.keys() | known]
    open_share = sum(r.uncovered for r in open_rows) / max(total, 1)
    out.print(
        f"{len(open_rows)} lemmas above the threshold are neither a pattern lemma nor listed "
        f"as not an event ({open_share:.1%} of links); "
        f"not-event lemmas: {sum(r.links for r in rows if (r.pos, r.lemma) in not_events)} links"
    )
    if out_file:
        _write_rows(rows, not_events, known, out_file)


def _write_rows(rows: list[LemmaRow], not_events: dict, known: set, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["pos\tlemma\tlinks\tuncovered\tshare\tuncovered_share\tstatus"]
    for r in rows:
        key = (r.pos, r.lemma)
        flag = "pattern" if key in known else "not_event" if key in not_events else "open"
        lines.append(
            f"{r.pos}\t{r.lemma}\t{r.links}\t{r.uncovered}\t{r.share:.5f}\t"
            f"{r.uncovered_share:.5f}\t{flag}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out.print(f"wrote {path}")


def write_gap(counts: Counter[Link], dictionary: Path, path: Path) -> None:
    """Verbs and phrases PETRARCH codes that our patterns lack, by how many mined links they
    would cover that ours do not."""
    from polybius.events.coverage import covers, is_covered
    from polybius.events.ontology import load_ontology
    from polybius.events.patterns import PatternSet, load_patterns, pattern_from_row
    from polybius.events.petrarch import convert_dictionary

    ours = load_patterns()
    have = {(p.pos, " ".join((p.lemma, *p.words))) for p in ours.patterns}
    theirs = PatternSet(
        [pattern_from_row(r, r["origin"]) for r in convert_dictionary(dictionary).rows]
    )
    codes: dict[str, set[str]] = defaultdict(set)  # the phrase's own codes (no object)
    for p in theirs.patterns:
        phrase = " ".join((p.lemma, *p.words))
        if ("v", phrase) not in have:
            codes.setdefault(phrase, set())
            if not p.objects:
                codes[phrase].add(p.cameo)
    matched: dict[str, set[str]] = defaultdict(set)  # codes of the patterns that fired
    freq: Counter[str] = Counter()
    for link, n in counts.items():
        if link.pos != "v" or is_covered(ours, link):
            continue
        for p in theirs.candidates("v", link.lemma.split()[0]):
            phrase = " ".join((p.lemma, *p.words))
            if phrase in codes and covers(p, link):
                freq[phrase] += n
                matched[phrase].add(p.cameo)
                break
    ontology = load_ontology().cameo
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["phrase\tlinks\tcameo_matched\tplover_matched\tcameo_bare"]
    for phrase in sorted(codes, key=lambda k: (-freq[k], k)):
        hit = sorted(matched[phrase])
        types = sorted({ontology[c].plover_type or "" for c in hit if c in ontology} - {""})
        bare = "|".join(sorted(codes[phrase]))
        lines.append(f"{phrase}\t{freq[phrase]}\t{'|'.join(hit)}\t{'|'.join(types)}\t{bare}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out.print(f"wrote {path}: {len(codes)} PETRARCH phrases we lack, {sum(freq.values())} links")
