"""Read the coder's errors on the sets we develop on -- never on the blind folds.

    .venv/bin/python bench/dev_errors.py score                 figures on every read set
    .venv/bin/python bench/dev_errors.py misses [--set S] [--type T]   gold events not found
    .venv/bin/python bench/dev_errors.py false [--set S] [--type T]    coded events not in gold
    .venv/bin/python bench/dev_errors.py actors [--set S] [--type T]   right type, wrong party
    .venv/bin/python bench/dev_errors.py snap NAME             save the predictions
    .venv/bin/python bench/dev_errors.py diff A B              sentences whose events differ
    ... --disable RULE [RULE ...]                             with rules switched off

Sets (names for --set): train (guardian_train folds 1-4), later (the later sentences of the
read Guardian articles, evaluate/guardian_spans.py), synthetic, gsr, web1 (web-news
gold fold 1), probe (the ontology probe's read fold, docs/gold/ONTOLOGY_PROBE.md), genre (the
genre probe's read fold, docs/gold/GENRE_PROBE.md), world (the world probe's read fold,
docs/gold/WORLD_PROBE.md), wire (the wire probe's read fold, docs/gold/WIRE_PROBE.md), dev
(guardian_dev). Fold 5 of
guardian_train, of the web-news gold and of the probes is never
loaded here, so none of its sentences can be printed. Parses are cached under out/dev/cache
(delete it after changing the parser or the sentence splitter); predictions are saved under
out/dev/snaps. Type-level misses and false alarms are paired as `polybius evaluate` pairs them.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ablation import predict, probe_read_fold  # bench/: the coding of the ablation
from accuracy import probe_files  # bench/: the invented probes

from polybius.coding.coder import Coder
from polybius.evaluate import guardian_spans
from polybius.evaluate.folds import load_folds
from polybius.evaluate.gold import GoldSentence, load_gold, read_gold_text
from polybius.evaluate.runner import score_all
from polybius.evaluate.score import aggregate, full_match, source_agrees, target_agrees
from polybius.evaluate.webnews import FOLDS as WEB_FOLDS
from polybius.evaluate.webnews import materialise
from polybius.models import Event
from polybius.nlp.headlines import reparse_headline
from polybius.nlp.pipeline import load_nlp, parse_groups, split_sentences

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
OUT = Path(__file__).resolve().parents[1] / "out" / "dev"
SETS = ("train", "later", "synthetic", "gsr", "web1", "probe", "genre", "world", "wire", "dev")
# --set name -> bench/data stem
PROBE_STEMS = {
    "probe": "ontology_probe",
    "genre": "genre_probe",
    "world": "world_probe",
    "wire": "wire_probe",
}


@dataclass
class ReadSet:
    name: str
    sentences: list[GoldSentence]
    triggers: dict[str, list[str]]  # gold id -> gold triggers, in event order
    parsed: list[list]  # per gold sentence, its sentence spans


def _raw_triggers(path: Path, keep: set[str] | None = None) -> dict[str, list[str]]:
    """Gold id -> its events' trigger words (of the ids in `keep`, if given)."""
    out = {}
    for line in read_gold_text(path).splitlines():
        rec = json.loads(line)
        if keep is None or rec["id"] in keep:
            out[rec["id"]] = [e.get("trigger", "") for e in rec.get("events", [])]
    return out


def _gold(name: str, shared: Path) -> tuple[list[GoldSentence], dict[str, list[str]]]:
    if name == "train":
        path = shared / "gold/guardian_train.jsonl"
        folds = load_folds()
        sents = [s for s in load_gold(path) if folds.get(s.doc or "", 5) != 5]
        return sents, _raw_triggers(path)
    if name == "later":  # the later sentences of read articles (evaluate/guardian_spans.py)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "later.jsonl"
            guardian_spans.materialise(shared, path, guardian_spans.LATER)
            return load_gold(path), _raw_triggers(path)
    if name == "web1":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "web.jsonl"
            materialise(shared, path)
            folds = load_folds(WEB_FOLDS)
            sents = [s for s in load_gold(path) if folds.get(s.doc or "") == 1]
            keep = {s.id for s in sents}
            return sents, {k: v for k, v in _raw_triggers(path).items() if k in keep}
    if name in PROBE_STEMS:  # a probe's read fold (docs/gold/*_PROBE.md)
        sents = probe_read_fold(PROBE_STEMS[name])
        return sents, _raw_triggers(probe_files(PROBE_STEMS[name])[0], {s.id for s in sents})
    path = {
        "synthetic": shared / "gold/synthetic_train.jsonl",
        "gsr": shared / "plover/gsr_dev.jsonl",
        "dev": shared / "gold/guardian_dev.jsonl",
    }[name]
    return load_gold(path), _raw_triggers(path)


def load_set(name: str, shared: Path, nlp) -> ReadSet:
    from spacy.tokens import DocBin

    sents, triggers = _gold(name, shared)
    cache = OUT / "cache" / f"{name}.spacy"
    groups = [split_sentences(s.text) for s in sents]
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = [sents[0].doc for sents in parse_groups(groups, nlp, headlines=False) if sents]
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(cache)
    it = iter(docs)
    parsed = [[reparse_headline(s, nlp) for s in next(it).sents] if g else [] for g in groups]
    return ReadSet(name, sents, triggers, parsed)


def _codes(codes: list[str]) -> str:
    return "+".join(codes) or "-"


def _line(e) -> str:
    return f"{e.event} {_codes(e.source)}->{_codes(e.target)} {e.status or ''}".strip()


def show_errors(data: ReadSet, preds: dict[str, list[Event]], kind: str, only: str | None):
    """kind "misses": gold events no coded event pairs with (and what was coded instead);
    "false": coded events no gold event pairs with (their trace, and the gold); "actors":
    events paired by type whose source or target disagrees (which side, and the trace)."""
    by_id = {s.id: s for s in data.sentences}
    shown = 0
    for sc in score_all(data.sentences, preds):
        if kind == "actors":
            coded = dict(zip((id(p) for p in sc.pred), preds[sc.id], strict=True))
            rows = [
                f"  {_wrong_side(g, p)} gold {_line(g)} / coded {_line(p)}  "
                f"«{coded[id(p)].trigger_text}»  {' | '.join(coded[id(p)].trace)}"
                for g, p in sc.type_pairs
                if not full_match(g, p) and (only is None or g.event == only)
            ]
            context = []
        elif kind == "misses":
            paired = {id(g) for g, _ in sc.type_pairs}
            # a set whose gold has no trigger words (gsr_dev) still shows its misses
            words = data.triggers.get(sc.id) or [""] * len(sc.gold)
            pairs = zip(sc.gold, words, strict=False)
            rows = [f"  MISS {_line(g)}  «{t}»" for g, t in pairs if _open(g, paired, only)]
            context = [f"  coded {_line(p)}" for p in sc.pred]
        else:
            paired = {id(p) for _, p in sc.type_pairs}
            pairs = zip(sc.pred, preds[sc.id], strict=True)
            rows = [
                f"  FALSE {_line(p)}  «{e.trigger_text}»  {' | '.join(e.trace[:3])}"
                for p, e in pairs
                if _open(p, paired, only)
            ]
            context = [f"  gold {_line(g)}" for g in sc.gold]
        if rows:
            print(f"\n{sc.id}: {by_id[sc.id].text}")
            print("\n".join(rows + context))
            shown += 1
    print(f"\n{shown} sentences")


def _wrong_side(gold, pred) -> str:
    """SOURCE, TARGET or BOTH: the side of a type-matched pair that disagrees."""
    src, tgt = source_agrees(gold, pred), target_agrees(gold, pred)
    return "BOTH" if not (src or tgt) else ("SOURCE" if not src else "TARGET")


def _open(event, paired: set[int], only: str | None) -> bool:
    """Not paired by type, and of the type asked for."""
    return id(event) not in paired and (only is None or event.event == only)


def figures(data: ReadSet, preds) -> str:
    t = aggregate(score_all(data.sentences, preds))
    d = t.as_dict()
    ty, fu = d["type_level"], d["full_event"]
    src = t.source_correct / t.type_matched if t.type_matched else 0
    tgt = t.target_correct / t.type_matched if t.type_matched else 0
    return (
        f"{data.name:10} type {ty['precision']:.3f}/{ty['recall']:.3f}/{ty['f1']:.3f} "
        f"(tp {ty['tp']} pred {ty['predicted']} gold {ty['gold']})  "
        f"full {fu['precision']:.3f}/{fu['recall']:.3f}/{fu['f1']:.3f} (tp {fu['tp']})  "
        f"src/tgt {src:.3f}/{tgt:.3f}"
    )


def snapshot(preds: dict[str, list[Event]]) -> dict[str, list[str]]:
    return {
        k: sorted(
            f"{e.plover_type} {e.cameo_code} {_codes(e.source_codes)}->{_codes(e.target_codes)} "
            f"{e.status} «{e.trigger_text}»"
            for e in v
        )
        for k, v in preds.items()
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("command", choices=("score", "misses", "false", "actors", "snap", "diff"))
    ap.add_argument("names", nargs="*", help="snap: a name; diff: two names")
    ap.add_argument("--set", dest="sets", action="append", choices=SETS)
    ap.add_argument("--type", help="only events of this PLOVER type")
    ap.add_argument("--disable", nargs="*", default=[], help="rules switched off")
    ap.add_argument("--shared", default=str(SHARED))
    args = ap.parse_args()
    snaps = OUT / "snaps"
    if args.command == "diff":
        a, b = (json.loads((snaps / f"{n}.json").read_text()) for n in args.names)
        texts = a.pop("_texts", {})
        b.pop("_texts", None)
        for k in sorted(set(a) | set(b)):
            if a.get(k, []) != b.get(k, []):
                print(f"\n{k}: {texts.get(k, '')}")
                for e in sorted(set(a.get(k, [])) - set(b.get(k, []))):
                    print(f"  - {e}")
                for e in sorted(set(b.get(k, [])) - set(a.get(k, []))):
                    print(f"  + {e}")
        return
    nlp = load_nlp()
    coder = Coder(disabled_rules=tuple(args.disable))
    names = args.sets or (SETS if args.command in ("score", "snap") else ("train",))
    saved: dict = {"_texts": {}}
    for name in names:
        data = load_set(name, Path(args.shared), nlp)
        preds = predict(data, coder)
        if args.command == "score":
            print(figures(data, preds), flush=True)
        elif args.command == "snap":
            saved.update({f"{name}:{k}": v for k, v in snapshot(preds).items()})
            saved["_texts"].update({f"{name}:{s.id}": s.text for s in data.sentences})
            print(figures(data, preds), flush=True)
        else:
            show_errors(data, preds, args.command, args.type)
    if args.command == "snap":
        snaps.mkdir(parents=True, exist_ok=True)
        (snaps / f"{args.names[0]}.json").write_text(json.dumps(saved, ensure_ascii=False))


if __name__ == "__main__":
    main()
