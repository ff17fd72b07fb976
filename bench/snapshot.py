"""Record every event the coder produces on the shared sets, to prove a restructuring
changes nothing (or to see exactly what a change moved).

    .venv/bin/python bench/snapshot.py --out out/snapshot-before.jsonl
    .venv/bin/python bench/snapshot.py --out out/snapshot-after.jsonl \
        --compare out/snapshot-before.jsonl

Sets: guardian_dev, gsr_dev, the PETR-2 validation records, guardian_train (all folds: the
comparison prints counts only, never sentences) and the 201 Guardian articles coded whole.
Each line is one sentence id with its events, every field of the record except the coder
version and the trace (which says how, not what). Sentences and articles of the blind fold
(fold 5 of guardian_train) are stored as a hash of their events only: equal or not, never
readable.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from rich.progress import Progress

from polybius.coding.coder import Coder
from polybius.engine.stages import code_text
from polybius.evaluate.gold import load_gold, load_petrarch_xml
from polybius.evaluate.runner import predict
from polybius.nlp.pipeline import load_nlp

IGNORED = ("coder_version", "trace")
FOLDS = Path(__file__).resolve().parents[1] / "src/polybius/evaluate/data/guardian_train_folds.tsv"


def blind_docs() -> set[str]:
    rows = (line.split("\t") for line in FOLDS.read_text().splitlines() if "\t" in line)
    return {doc for doc, fold in rows if fold.strip() == "5"}


def _line(name: str, key: str, events: list, blind: bool) -> str:
    records = [_record(e) for e in events]
    line: dict = {"set": name, "id": key}
    if blind:
        digest = hashlib.sha256(json.dumps(records, sort_keys=True, default=str).encode())
        line["events_sha256"] = digest.hexdigest()
    else:
        line["events"] = records
    return json.dumps(line, sort_keys=True, default=str) + "\n"


def _record(event) -> dict:
    d = event.to_dict()
    for key in IGNORED:
        d.pop(key, None)
    return d


def _gold_sets(shared: Path):
    yield "guardian_dev", load_gold(shared / "gold/guardian_dev.jsonl")
    yield "gsr_dev", load_gold(shared / "plover/gsr_dev.jsonl")
    yield "petr2", load_petrarch_xml(shared / "petrarch2/text/PETR2_GSR_validation.xml")
    yield "guardian_train", load_gold(shared / "gold/guardian_train.jsonl")


def _articles(shared: Path) -> list[dict]:
    path = shared / "corpora/guardian_2017_2019.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def snapshot(shared: Path, out: Path, sets: set[str] | None = None) -> None:
    """Write the snapshot of `sets` (all sets when None) to `out`."""
    from datetime import date

    coder, nlp = Coder(), load_nlp()
    blind = blind_docs()
    with out.open("w", encoding="utf-8") as fh, Progress() as progress:
        for name, sentences in _gold_sets(shared):
            if sets is not None and name not in sets:
                continue
            task = progress.add_task(name, total=len(sentences))
            coded = predict(sentences, coder, lambda t=task: progress.advance(t))
            for gs in sentences:
                fh.write(_line(name, gs.id, coded[gs.id], gs.doc in blind))
        if sets is not None and "articles" not in sets:
            return
        articles = _articles(shared)
        task = progress.add_task("guardian articles", total=len(articles))
        for art in articles:
            published = date.fromisoformat(art["date"][:10]) if art.get("date") else None
            _, events = code_text(art["text"], art["id"], published, coder, True, nlp)
            fh.write(_line("articles", art["id"], events, art["id"] in blind))
            progress.advance(task)


def compare(new: Path, old: Path) -> int:
    """Per set: sentences whose events differ (counts only; ids for the sets one may read)."""

    def load(p: Path) -> dict:
        rows = (json.loads(line) for line in p.read_text(encoding="utf-8").splitlines())
        return {(r["set"], r["id"]): r.get("events", r.get("events_sha256")) for r in rows}

    a, b = load(old), load(new)
    changed: dict[str, list[str]] = {}
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            changed.setdefault(key[0], []).append(key[1])
    totals: dict[str, int] = {}
    for s, _ in a:
        totals[s] = totals.get(s, 0) + 1
    for s, n in sorted(totals.items()):
        ids = changed.get(s, [])
        shown = "" if s == "guardian_train" else " " + " ".join(ids[:20])
        print(f"{s}: {len(ids)} of {n} differ{shown}")
    return 1 if changed else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--shared", default=str(Path(__file__).resolve().parents[2] / "shared" / "data")
    )
    ap.add_argument("--out", required=True)
    ap.add_argument("--compare", help="an earlier snapshot to compare with")
    ap.add_argument(
        "--sets",
        help="comma-separated subset: guardian_dev,gsr_dev,petr2,guardian_train,articles",
    )
    args = ap.parse_args()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sets = set(args.sets.split(",")) if args.sets else None
    snapshot(Path(args.shared), out, sets)
    if args.compare:
        sys.exit(compare(out, Path(args.compare)))


if __name__ == "__main__":
    main()
