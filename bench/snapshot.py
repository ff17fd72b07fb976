"""Record every event the coder produces on the shared sets, to prove a restructuring
changes nothing (or to see exactly what a change moved).

    .venv/bin/python bench/snapshot.py --out out/snapshot-before.jsonl
    .venv/bin/python bench/snapshot.py --out out/snapshot-after.jsonl \
        --compare out/snapshot-before.jsonl

    .venv/bin/python bench/snapshot.py --sets articles,gigaword --out out/b.jsonl \
        --compare out/a.jsonl --show 30     what moved, event by event, on the corpora

Sets: guardian_dev, gsr_dev, the PETR-2 validation records, guardian_train (all folds: the
comparison prints counts only, never sentences), the 201 Guardian articles coded whole
(`articles`) and the PETRARCH GigaWord sample's stories (`gigaword`). Each line is one
sentence id with its events, every field of the record except the coder version and the
trace (which says how, not what). Sentences and articles of the blind folds (fold 5 of
guardian_train, and the articles of guardian_fresh) are stored as a hash of their events
only: equal or not, never readable. With --show N, the comparison also prints, for up to N
readable sentences or articles that differ, the events lost (-) and gained (+) with their
sentences: how a change is checked on news no gold annotates (the readable corpora).
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
from polybius.events.coverage import read_corpus
from polybius.nlp.pipeline import load_nlp

IGNORED = ("coder_version", "trace")
DATA = Path(__file__).resolve().parents[1] / "src/polybius/evaluate/data"
BLIND_LISTS = (DATA / "guardian_train_folds.tsv", DATA / "guardian_fresh_folds.tsv")
GIGAWORD = Path("petrarch2/text/GigaWord.sample.PETR.xml")


def blind_docs() -> set[str]:
    """The articles of the blind folds: guardian_train's fold 5 and every guardian_fresh one."""
    blind = set()
    for path in BLIND_LISTS:
        rows = (line.split("\t") for line in path.read_text().splitlines() if "\t" in line)
        blind |= {doc for doc, fold in rows if fold.strip() == "5"}
    return blind


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
        if sets is None or "articles" in sets:
            articles = _articles(shared)
            task = progress.add_task("guardian articles", total=len(articles))
            for art in articles:
                published = date.fromisoformat(art["date"][:10]) if art.get("date") else None
                _, events = code_text(art["text"], art["id"], published, coder, True, nlp)
                fh.write(_line("articles", art["id"], events, art["id"] in blind))
                progress.advance(task)
        if sets is None or "gigaword" in sets:
            stories = list(read_corpus(shared / GIGAWORD, set()))
            task = progress.add_task("gigaword stories", total=len(stories))
            for story_id, text in stories:
                _, events = code_text(text, story_id, None, coder, True, nlp)
                fh.write(_line("gigaword", story_id, events, False))
                progress.advance(task)


def _load(p: Path) -> dict:
    rows = (json.loads(line) for line in p.read_text(encoding="utf-8").splitlines())
    return {(r["set"], r["id"]): r.get("events", r.get("events_sha256")) for r in rows}


def compare(new: Path, old: Path, show: int = 0) -> int:
    """Per set: sentences whose events differ (counts only; ids for the sets one may read),
    and with `show`, what moved in up to that many of the readable ones."""
    a, b = _load(old), _load(new)
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
    readable = [
        key
        for key in sorted(set(a) | set(b))
        if key[0] != "guardian_train"
        and a.get(key) != b.get(key)
        and isinstance(a.get(key, []), list)
        and isinstance(b.get(key, []), list)
    ]
    for key in readable[:show]:
        print()
        print("\n".join(moved_events(key, a.get(key) or [], b.get(key) or [])))
    return 1 if changed else 0


def _summary(e: dict) -> tuple[int, str]:
    """(sentence index, one line: type, sources -> targets, status, trigger words)."""
    sources = "+".join(a.get("code") or "?" for a in e.get("sources", [])) or "-"
    targets = "+".join(a.get("code") or "?" for a in e.get("targets", [])) or "-"
    parties = f"{sources}<->{targets}" if e.get("reciprocal") else f"{sources}->{targets}"
    return e.get("sentence_index", 0), (
        f"{e.get('plover_type')} {e.get('cameo_code')} {parties} {e.get('status')} "
        f"«{e.get('trigger_text')}»"
    )


def moved_events(key: tuple[str, str], old: list[dict], new: list[dict]) -> list[str]:
    """The lines that show one item's lost (-) and gained (+) events, sentence by sentence.
    A - and a + line that read alike are one event whose other fields moved (its date, place
    or confidence: the lines show type, parties, status and trigger)."""
    lost = [json.dumps(e, sort_keys=True) for e in old]
    gained = [json.dumps(e, sort_keys=True) for e in new]
    texts = {e.get("sentence_index", 0): e.get("sentence_text", "") for e in old + new}
    marks: dict[int, list[str]] = {}
    for sign, mine, other in (("-", lost, gained), ("+", gained, lost)):
        rest = list(other)
        for raw in mine:
            if raw in rest:
                rest.remove(raw)  # an event both have (counted, as a store would)
                continue
            at, line = _summary(json.loads(raw))
            marks.setdefault(at, []).append(f"  {sign} {line}")
    out = [f"{key[0]}:{key[1]}"]
    for at in sorted(marks):
        out.append(f" [{at}] {texts.get(at, '')[:240]}")
        out += sorted(set(marks[at]), key=lambda m: (m[2] != "-", m))  # lost, then gained
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--shared", default=str(Path(__file__).resolve().parents[2] / "shared" / "data")
    )
    ap.add_argument("--out", required=True)
    ap.add_argument("--compare", help="an earlier snapshot to compare with")
    ap.add_argument(
        "--sets",
        help="comma-separated subset: guardian_dev,gsr_dev,petr2,guardian_train,articles,gigaword",
    )
    ap.add_argument(
        "--show", type=int, default=0, help="print what moved in up to N readable items"
    )
    args = ap.parse_args()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sets = set(args.sets.split(",")) if args.sets else None
    snapshot(Path(args.shared), out, sets)
    if args.compare:
        sys.exit(compare(out, Path(args.compare), args.show))


if __name__ == "__main__":
    main()
