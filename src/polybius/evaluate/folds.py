"""The measurement protocol of issue 15: fixed folds of a gold file, one of them blind.

`data/guardian_train_folds.tsv` assigns every article (`doc`) of `gold/guardian_train.jsonl` to
fold 1-5. Folds 1-4 are read: develop on them, print their errors. Fold 5 is **blind**: it may
be scored, but only aggregate figures (P/R/F1 overall and per type, actor accuracy, confusion
counts) ever leave the scorer; its sentences, predictions, misses and false alarms are never
printed or written.

Blind mode applies whenever the sentences to score include a document of a blind fold: with
`--fold 5`, with `--folds` listing 5, and also when a gold file that holds blind documents is
scored whole (so `polybius evaluate guardian_train.jsonl --errors 10` cannot show the blind
fold by accident).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from polybius.evaluate.gold import GoldSentence, load_gold

DEFAULT_FOLDS_FILE = Path(__file__).parent / "data" / "guardian_train_folds.tsv"
BLIND_FOLDS: frozenset[int] = frozenset({5})


class FoldError(ValueError):
    """A fold selection that cannot be honoured (bad spec, gold without folds, ...)."""


class BlindModeError(FoldError):
    """An option that would show sentence-level detail of a blind fold."""


@dataclass(frozen=True)
class FoldSelection:
    """The sentences to score and whether the scoring is blind."""

    sentences: list[GoldSentence]
    folds: tuple[int, ...] | None  # None: the whole gold file, no selection
    blind: bool
    folds_file: Path
    documents: int

    def report_fields(self) -> dict:
        """What the JSON report records about the selection (no sentence ids, no texts)."""
        return {
            "folds": list(self.folds) if self.folds is not None else None,
            "folds_file": self.folds_file.name,
            "blind": self.blind,
            "documents": self.documents,
        }


def load_folds(path: str | Path | None = None) -> dict[str, int]:
    """doc id -> fold, from a `doc<TAB>fold` file (lines starting with '#' are comments)."""
    path = Path(path) if path is not None else DEFAULT_FOLDS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FoldError(f"cannot read folds file {path}: {exc.strerror}") from None
    folds: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if cells[:2] == ["doc", "fold"]:
            continue
        if len(cells) != 2 or not cells[1].strip().isdigit():
            raise FoldError(f"{path}:{n}: expected 'doc<TAB>fold', got {line!r}")
        doc, fold = cells[0].strip(), int(cells[1])
        if doc in folds:
            raise FoldError(f"{path}:{n}: document {doc!r} listed twice")
        folds[doc] = fold
    if not folds:
        raise FoldError(f"{path}: no fold entries")
    return folds


def parse_folds(spec: str) -> tuple[int, ...]:
    """'1,2,3,4' or '1-4' (or a mix: '1-2,4') -> sorted fold numbers."""
    out: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        lo, sep, hi = part.partition("-")
        try:
            if sep:
                a, b = int(lo), int(hi)
                if a > b:
                    raise ValueError
                out.update(range(a, b + 1))
            else:
                out.add(int(part))
        except ValueError:
            raise FoldError(f"bad fold list {spec!r}: use e.g. '1,2,3,4' or '1-4'") from None
    if not out or min(out) < 1:
        raise FoldError(f"bad fold list {spec!r}: folds are numbered from 1")
    return tuple(sorted(out))


def requested_folds(fold: int | None, folds: str | None) -> tuple[int, ...] | None:
    """The folds asked for by `--fold N` / `--folds LIST` (at most one of them), or None."""
    if fold is not None and folds is not None:
        raise FoldError("give --fold or --folds, not both")
    if fold is not None:
        if fold < 1:
            raise FoldError(f"bad fold {fold}: folds are numbered from 1")
        return (fold,)
    if folds is not None:
        return parse_folds(folds)
    return None


def select(
    sentences: list[GoldSentence],
    folds: Iterable[int] | None,
    folds_file: str | Path | None = None,
    gold_name: str = "gold file",
) -> FoldSelection:
    """The sentences of the listed folds, in file order (documents stay whole and in order).

    folds=None keeps every sentence; the selection is still blind when one of them belongs to
    a document of a blind fold.
    """
    path = Path(folds_file) if folds_file is not None else DEFAULT_FOLDS_FILE
    fold_of = load_folds(path)
    if folds is None:
        docs = {s.doc for s in sentences if s.doc is not None}
        blind = any(fold_of.get(d) in BLIND_FOLDS for d in docs)
        return FoldSelection(list(sentences), None, blind, path, len(docs))
    wanted = tuple(sorted(set(folds)))
    unknown = sorted(set(wanted) - set(fold_of.values()))
    if unknown:
        present = ", ".join(map(str, sorted(set(fold_of.values()))))
        raise FoldError(
            f"{path.name} has no fold {', '.join(map(str, unknown))} (folds: {present})"
        )
    _check_covered(sentences, fold_of, path, gold_name)
    chosen = [s for s in sentences if fold_of[s.doc] in wanted]  # type: ignore[index]
    if not chosen:
        raise FoldError(f"{gold_name} has no sentences in fold(s) {','.join(map(str, wanted))}")
    docs = {s.doc for s in chosen}
    blind = bool(set(wanted) & BLIND_FOLDS)
    return FoldSelection(chosen, wanted, blind, path, len(docs))


def _check_covered(
    sentences: list[GoldSentence], fold_of: Mapping[str, int], path: Path, gold_name: str
) -> None:
    """Every sentence must belong to a document the folds file assigns (counts only)."""
    if not sentences:
        raise FoldError(f"{gold_name} has no sentences")
    no_doc = sum(1 for s in sentences if s.doc is None)
    docs = {s.doc for s in sentences if s.doc is not None}
    missing = docs - set(fold_of)
    if not docs - missing:
        raise FoldError(
            f"{gold_name} has no fold entries in {path.name}: folds are defined for the "
            "documents listed there (use the gold file they were made for, or --folds-file)"
        )
    if no_doc or missing:
        raise FoldError(
            f"{gold_name}: {no_doc} sentences without a 'doc' and {len(missing)} of "
            f"{len(docs)} documents without a fold in {path.name}; every document needs a fold"
        )


def refuse_blind_details(selection: FoldSelection, detail_options: Mapping[str, bool]) -> None:
    """Raise BlindModeError when a blind selection is asked for sentence-level detail.

    detail_options: option name -> whether it was given (e.g. {"--errors": True}).
    """
    if not selection.blind:
        return
    given = [name for name, on in detail_options.items() if on]
    if given:
        what = (
            f"fold{'s' if len(selection.folds) > 1 else ''} {','.join(map(str, selection.folds))}"
            if selection.folds is not None
            else "a gold file that holds blind documents"
        )
        raise BlindModeError(
            f"blind mode ({what}; blind folds: {','.join(map(str, sorted(BLIND_FOLDS)))}): "
            f"{', '.join(given)} would show sentence-level detail; only aggregate figures "
            "(--by-type, --confusion, --json, --compare) are allowed"
        )


def plan(
    sentences: list[GoldSentence],
    fold: int | None,
    folds: str | None,
    folds_file: str | Path | None,
    detail_options: Mapping[str, bool],
    gold_name: str = "gold file",
) -> FoldSelection:
    """Fold options -> the selection to score; refusals raise FoldError / BlindModeError."""
    selection = select(sentences, requested_folds(fold, folds), folds_file, gold_name)
    refuse_blind_details(selection, detail_options)
    return selection


def plan_evaluation(
    gold: Path | None,
    petrarch_xml: Path | None,
    fold: int | None,
    folds: str | None,
    folds_file: Path | None,
    detail_options: Mapping[str, bool],
) -> FoldSelection | None:
    """What `polybius evaluate` scores, decided before anything is coded.

    None for PETRARCH records (they have no documents, hence no folds); otherwise the
    selection of the gold file, blind when it holds a document of a blind fold.
    """
    if petrarch_xml is not None:
        if fold is not None or folds is not None or folds_file is not None:
            raise FoldError("--fold/--folds/--folds-file apply to a GOLD file, not --petrarch-xml")
        return None
    if gold is None:
        raise FoldError("give a GOLD file")
    return plan(load_gold(gold), fold, folds, folds_file, detail_options, gold.name)
