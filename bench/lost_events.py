"""Where the read sets' missed gold events are lost -- never the blind folds.

    .venv/bin/python bench/lost_events.py [--set S ...] [--examples N]

Each gold event no coded event pairs with by type (as `polybius evaluate` pairs them) is put
in one bucket:

  prefiltered out   no sentence of the gold record passed the prefilter (no trigger word, or
                    no dictionary actor, pronoun or unnamed group): the parser never saw it
  no party found    a trigger of the gold event's words (or, where the gold names no trigger,
                    of its type) matched, but no source or target was found
  rule:NAME         such a trigger was dropped by the rule NAME
  no trigger        the sentence was parsed and no pattern matched the gold event's words

Sets as in bench/dev_errors.py (read sets only; fold 5 of every gold is never loaded).
With --examples N, N gold events of each bucket are printed with their trigger words. With
--lemmas N, the N most frequent (lemma, PLOVER type) pairs of the content words of each
bucket's gold trigger words, over all the sets asked for: the words the misses are told in,
to weigh against their frequency in the corpora (`polybius patterns --coverage`) before any
pattern is written for them.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

from dev_errors import SETS, SHARED, ReadSet, load_set  # bench/

from polybius.coding.coder import Coder
from polybius.evaluate.runner import document_contexts, score_all
from polybius.models import Event
from polybius.nlp.pipeline import load_nlp

PREFILTERED = "prefiltered out"
CONTENT_POS = ("VERB", "NOUN", "ADJ")  # prepositions and adverbs would crowd the table
NO_TRIGGER = "no trigger"


def code_with_drops(data: ReadSet, coder: Coder):
    """Per gold id: its events, the triggers dropped (word, PLOVER type, why) and whether any
    of its sentences passed the prefilter."""
    types = {p.origin: coder.ontology.code(p.cameo).plover_type for p in coder.patterns.patterns}
    preds: dict[str, list[Event]] = {}
    drops: dict[str, list[tuple[str, str | None, str]]] = {}
    parsed: dict[str, bool] = {}
    contexts = document_contexts(data.sentences, coder)
    for (gs, context), sents in zip(contexts, data.parsed, strict=True):
        events, dropped = [], []
        parsed[gs.id] = any(coder.could_hold_event(s.text, [t.text for t in s]) for s in sents)
        for i, sent in enumerate(sents):
            found: list[tuple[int, str, str]] = []
            events.extend(coder.code_sentence(sent, gs.id, i, gs.date, context, found))
            dropped += [(sent.doc[t].lower_, types.get(origin), why) for t, origin, why in found]
        preds[gs.id], drops[gs.id] = events, dropped
    return preds, drops, parsed


def bucket(words: str, plover: str, dropped, parsed: bool) -> str:
    """The bucket of one missed gold event (see the module's help)."""
    if not parsed:
        return PREFILTERED
    said = words.lower()
    for word, dropped_type, why in dropped:
        named = re.search(rf"\b{re.escape(word)}\b", said) is not None  # "backed" in "US-backed"
        if named if said.strip() else dropped_type == plover:
            return why
    return NO_TRIGGER


def lost(data: ReadSet, coder: Coder) -> tuple[Counter, dict[str, list[tuple[str, str]]]]:
    """Per bucket: how many gold events were missed, and each one's (type, trigger words)."""
    preds, drops, parsed = code_with_drops(data, coder)
    counts: Counter = Counter()
    examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sc in score_all(data.sentences, preds):
        paired = {id(g) for g, _ in sc.type_pairs}
        words = data.triggers.get(sc.id) or [""] * len(sc.gold)
        for g, w in zip(sc.gold, words, strict=False):
            if id(g) in paired:
                continue
            why = bucket(w, g.event, drops[sc.id], parsed[sc.id])
            counts[why] += 1
            examples[why].append((g.event, w))
    return counts, examples


def lemma_counts(missed: list[tuple[str, str]], nlp) -> Counter:
    """(lemma, type) of the content words of the missed events' gold trigger words."""
    counts: Counter = Counter()
    for plover, said in missed:
        if said.strip():
            counts.update((t.lemma_, plover) for t in nlp(said.lower()) if t.pos_ in CONTENT_POS)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--set", dest="sets", action="append", choices=SETS)
    ap.add_argument("--examples", type=int, default=0, help="gold events shown per bucket")
    ap.add_argument("--lemmas", type=int, default=0, help="(lemma, type) pairs shown per bucket")
    ap.add_argument("--shared", default=str(SHARED))
    args = ap.parse_args()
    nlp, coder = load_nlp(), Coder()
    pooled: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name in args.sets or ("train", "web1"):
        counts, examples = lost(load_set(name, Path(args.shared), nlp), coder)
        print(f"\n{name}: {sum(counts.values())} gold events missed (type level)")
        for why, n in counts.most_common():
            print(f"  {n:5d}  {why}")
            for plover, said in examples[why][: args.examples]:
                print(f"           {plover} «{said}»")
            pooled[why] += examples[why]
    if args.lemmas:
        print("\nmost frequent words of the missed events' triggers, all sets above:")
        for why, missed in pooled.items():
            top = lemma_counts(missed, nlp).most_common(args.lemmas)
            print(f"  {why}: " + ", ".join(f"{lem} {plover} {n}" for (lem, plover), n in top))


if __name__ == "__main__":
    main()
