"""Each coder rule's net effect: the matches it gains and loses when it is switched off.

    .venv/bin/python bench/ablation.py [--rules NAME ...] [--md]

Sets: the training corpus -- guardian_train folds 1-4 and the later sentences of the read
Guardian articles (guardian_later, evaluate/guardian_spans.py), synthetic_train and gsr_dev
(the sets issue 15 names for training), the read fold 1 of the web-news gold (real pages of other
outlets, docs/gold/WEBNEWS_GOLD.md: the genre where a rule tuned on the Guardian is most
likely to misfire) and the read fold 1 of the ontology probe (invented sentences for every
row of the PLOVER codebook, docs/gold/ONTOLOGY_PROBE.md: the kinds of event the other sets
never show), of the genre probe (invented stories of domestic politics, courts, police and
elections, docs/gold/GENRE_PROBE.md: the genres of general web news) and of the world probe
(invented foreign-desk stories of wars and diplomacy, docs/gold/WORLD_PROBE.md: the genre of
guardian_train, written by readers who never saw it) and of the wire probe (invented wire copy
and local news with datelines, docs/gold/WIRE_PROBE.md: how general web news arrives) -- decides;
guardian_dev is shown for information. The blind folds (5 of each) are never coded here: a
rule kept or removed because of a blind fold would make it a dev set.

For every rule: type-level and full-event true and false positives with the rule on minus
with it off (so positive TP and negative FP are the rule's gains), the F1 difference, and
the difference in full matches whose status (occurred / intended / claimed) agrees with the
gold (status rules change no match, only this). Its net effect at a level is the matches it
gains minus the false alarms it adds (TP - FP; on gsr_dev, which annotates one event per
record, TP only), summed over the training sets. A rule whose net effect is <= 0 at both
levels and that gains no status agreement is marked for removal or generalisation. Beside
each net figure, its 95 % interval when the training documents are drawn again with
replacement (polybius.evaluate.intervals.net_interval): a gain carried by a few documents has
an interval that reaches 0 or below, and could be chance.
Sentences are parsed once; each rule then only re-codes them.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from accuracy import PROBES, probe_files  # bench/: the invented probes, one table
from rich.progress import track

from polybius.coding.coder import Coder
from polybius.coding.rules.registry import rule_names
from polybius.evaluate import guardian_spans
from polybius.evaluate.folds import load_folds
from polybius.evaluate.gold import GoldSentence, load_gold
from polybius.evaluate.intervals import document_counts, net_gains, net_interval
from polybius.evaluate.runner import document_contexts, score_all
from polybius.evaluate.score import aggregate, status_of
from polybius.evaluate.webnews import FOLDS as WEB_FOLDS
from polybius.evaluate.webnews import materialise
from polybius.nlp.pipeline import load_nlp, parse_groups, split_sentences

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TRAINING = (
    "train folds 1-4",
    "guardian later",
    "synthetic_train",
    "gsr_dev",
    "web news fold 1",
    "ontology probe fold 1",
    "genre probe fold 1",
    "world probe fold 1",
    "wire probe fold 1",
)


@dataclass
class Parsed:
    """A gold set, every sentence split and parsed once."""

    name: str
    sentences: list[GoldSentence]
    parsed: list[list]


def probe_read_fold(stem: str) -> list[GoldSentence]:
    """A probe's read fold 1; its fold 5 is blind."""
    gold, folds_file = probe_files(stem)
    folds = load_folds(folds_file)
    return [s for s in load_gold(gold) if folds.get(s.doc or "") == 1]


def load_sets(shared: Path) -> list[Parsed]:
    folds = load_folds()
    train = [
        s for s in load_gold(shared / "gold/guardian_train.jsonl") if folds.get(s.doc or "", 5) != 5
    ]
    with tempfile.TemporaryDirectory() as tmp:
        web_path = Path(tmp) / "webnews_gold.jsonl"
        materialise(shared, web_path)
        web_folds = load_folds(WEB_FOLDS)
        web = [s for s in load_gold(web_path) if web_folds.get(s.doc or "") == 1]
    later = guardian_spans.load_set(shared, guardian_spans.LATER)
    sets = [
        ("train folds 1-4", train),
        ("guardian later", later),
        ("synthetic_train", load_gold(shared / "gold/synthetic_train.jsonl")),
        ("gsr_dev", load_gold(shared / "plover/gsr_dev.jsonl")),
        ("web news fold 1", web),
        *((f"{name} fold 1", probe_read_fold(stem)) for name, stem in PROBES),
        ("guardian_dev", load_gold(shared / "gold/guardian_dev.jsonl")),
    ]
    nlp = load_nlp()
    return [
        Parsed(name, sents, parse_groups([split_sentences(s.text) for s in sents], nlp))
        for name, sents in sets
    ]


def predict(data: Parsed, coder: Coder) -> dict:
    """Events per gold id, coded as `polybius evaluate` codes them (shared document context)."""
    out = {}
    contexts = document_contexts(data.sentences, coder)
    for (gs, context), sents in zip(contexts, data.parsed, strict=True):
        events = []
        for i, sent in enumerate(sents):
            events.extend(coder.code_sentence(sent, gs.id, i, gs.date, context))
        out[gs.id] = events
    return out


def figures(data: Parsed, coder: Coder) -> dict:
    """Type-level and full-event figures, on how many full matches the status agrees
    (occurred / intended / claimed; a gold set without statuses counts none), and the
    counts per document ("documents", for the intervals of polybius.evaluate.intervals)."""
    scores = score_all(data.sentences, predict(data, coder))
    report = aggregate(scores).as_dict()
    out = {level: report[level] for level in ("type_level", "full_event")}
    out["documents"] = document_counts(data.sentences, scores)
    out["status"] = sum(
        g.status is not None and status_of(g.status) == status_of(p.status)
        for s in scores
        for g, p in s.full_pairs
    )
    return out


def delta(on: dict, off: dict) -> dict[str, float]:
    """With the rule minus without it."""
    out = {}
    for level, short in (("type_level", "type"), ("full_event", "full")):
        fp_on = on[level]["predicted"] - on[level]["tp"]
        fp_off = off[level]["predicted"] - off[level]["tp"]
        out[f"{short} tp"] = on[level]["tp"] - off[level]["tp"]
        out[f"{short} fp"] = fp_on - fp_off
        out[f"{short} f1"] = on[level]["f1"] - off[level]["f1"]
    out["status"] = on["status"] - off["status"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", default=str(SHARED))
    ap.add_argument("--rules", nargs="*", help="only these rules (default: all)")
    args = ap.parse_args()
    sets = load_sets(Path(args.shared))
    base = {d.name: figures(d, Coder()) for d in sets}
    for d in sets:
        t, f = base[d.name]["type_level"], base[d.name]["full_event"]
        print(f"baseline {d.name}: type F1 {t['f1']:.3f}, full F1 {f['f1']:.3f}")
    names = args.rules or rule_names()
    head = "| rule | " + " | ".join(
        f"{d.name} {k}"
        for d in sets
        for k in ("type TP/FP", "full TP/FP", "ΔF1 type/full", "Δstatus")
    )
    print(head + " | verdict |")
    print("|---" * (1 + 4 * len(sets)) + "|---|")
    for name in track(names, description="rules", transient=True):
        off = Coder(disabled_rules=(name,))
        cells, net = [], {"type": 0, "full": 0, "status": 0}
        per_document = []  # each training document's net gain (type, full)
        for d in sets:
            without = figures(d, off)
            dd = delta(base[d.name], without)
            if d.name in TRAINING:
                recall_only = d.name == "gsr_dev"
                for level in ("type", "full"):
                    net[level] += dd[f"{level} tp"] - (0 if recall_only else dd[f"{level} fp"])
                net["status"] += dd["status"]
                per_document.append(
                    net_gains(base[d.name]["documents"], without["documents"], recall_only)
                )
            cells += [
                f"{dd['type tp']:+d}/{dd['type fp']:+d}",
                f"{dd['full tp']:+d}/{dd['full fp']:+d}",
                f"{dd['type f1']:+.3f}/{dd['full f1']:+.3f}",
                f"{dd['status']:+d}",
            ]
        low, high = net_interval(np.concatenate(per_document))
        verdict = (
            f"net {net['type']:+d}/{net['full']:+d} (95 % {low[0]:+d}..{high[0]:+d}"
            f"/{low[1]:+d}..{high[1]:+d}), status {net['status']:+d}"
        )
        if net["type"] <= 0 and net["full"] <= 0 and net["status"] <= 0:
            verdict += ": no net gain on the training corpus"
        print(f"| {name} | " + " | ".join(cells) + f" | {verdict} |", flush=True)


if __name__ == "__main__":
    main()
