"""Per-sentence scoring of predicted events against gold events (see DESIGN.md).

An event matches at type level when the PLOVER type matches; it matches in full when, in
addition, the source and target code sets each intersect the gold ones (or both are empty).
Reciprocal events are compared as unordered pairs of parties. A gold `IGO` matches any
international-organisation code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from polybius.evaluate.gold import IGO_CODES, GoldEvent

NONE = "NONE"


def _upper(codes: list[str]) -> set[str]:
    return {c.upper() for c in codes}


def _intersect(gold: set[str], pred: set[str]) -> set[str]:
    """Common codes; a gold plain IGO is met by any organisation code."""
    if "IGO" in gold and pred & IGO_CODES:
        pred = pred | {"IGO"}
    return gold & pred


def _sets_agree(gold: list[str], pred: list[str]) -> bool:
    g, p = _upper(gold), _upper(pred)
    if not g and not p:
        return True
    return bool(_intersect(g, p))


def source_agrees(gold: GoldEvent, pred: GoldEvent) -> bool:
    if gold.reciprocal or pred.reciprocal:
        return _pair_agrees(gold, pred)
    return _sets_agree(gold.source, pred.source)


def target_agrees(gold: GoldEvent, pred: GoldEvent) -> bool:
    if gold.reciprocal or pred.reciprocal:
        return _pair_agrees(gold, pred)
    return _sets_agree(gold.target, pred.target)


def _pair_agrees(gold: GoldEvent, pred: GoldEvent) -> bool:
    """Unordered parties: the predicted parties cover min(2, n) of the gold parties."""
    g = _upper(gold.source + gold.target)
    p = _upper(pred.source + pred.target)
    if not g:
        return not p
    return len(_intersect(g, p)) >= min(2, len(g))


def full_match(gold: GoldEvent, pred: GoldEvent) -> bool:
    return gold.event == pred.event and source_agrees(gold, pred) and target_agrees(gold, pred)


@dataclass
class SentenceScore:
    id: str
    gold: list[GoldEvent]
    pred: list[GoldEvent]
    type_pairs: list[tuple[GoldEvent, GoldEvent]] = field(default_factory=list)
    full_pairs: list[tuple[GoldEvent, GoldEvent]] = field(default_factory=list)
    confusion: list[tuple[str, str]] = field(default_factory=list)


def _type_pairs(gold: list[GoldEvent], pred: list[GoldEvent]) -> list[tuple[GoldEvent, GoldEvent]]:
    """Gold and predicted events of the same type, each used once, the pairs whose actors
    agree best taken first over the whole sentence (not gold event by gold event: a gold event
    listed first must not take the prediction a later one matches in full). Any events of one
    type can pair, so this always pairs as many as can be."""
    options = [
        (-_actor_score(g, p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if g.event == p.event
    ]
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(options):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return [(gold[gi], pred[pi]) for gi, pi in sorted(pairs)]


def _full_pairs(gold: list[GoldEvent], pred: list[GoldEvent]) -> list[tuple[GoldEvent, GoldEvent]]:
    """As many (gold, pred) pairs that match in full as can be made, each event used once
    (a maximum bipartite matching, by augmenting paths: a sentence holds a handful of events)."""
    ok = [[full_match(g, p) for p in pred] for g in gold]
    owner: dict[int, int] = {}  # pred index -> gold index

    def place(gi: int, seen: set[int]) -> bool:
        for pi, fits in enumerate(ok[gi]):
            if fits and pi not in seen:
                seen.add(pi)
                if pi not in owner or place(owner[pi], seen):
                    owner[pi] = gi
                    return True
        return False

    for gi in range(len(gold)):
        place(gi, set())
    return [(gold[gi], pred[pi]) for gi, pi in sorted((gi, pi) for pi, gi in owner.items())]


def _actor_score(g: GoldEvent, p: GoldEvent) -> int:
    return int(source_agrees(g, p)) + int(target_agrees(g, p))


def score_sentence(sid: str, gold: list[GoldEvent], pred: list[GoldEvent]) -> SentenceScore:
    s = SentenceScore(sid, gold, pred)
    s.type_pairs = _type_pairs(gold, pred)
    s.full_pairs = _full_pairs(gold, pred)
    matched_g = {id(g) for g, _ in s.type_pairs}
    matched_p = {id(p) for _, p in s.type_pairs}
    for g, p in s.type_pairs:
        s.confusion.append((g.event, p.event))
    rest_g = [g for g in gold if id(g) not in matched_g]
    rest_p = [p for p in pred if id(p) not in matched_p]
    for g, p in zip(rest_g, rest_p, strict=False):
        s.confusion.append((g.event, p.event))
    for g in rest_g[len(rest_p) :]:
        s.confusion.append((g.event, NONE))
    for p in rest_p[len(rest_g) :]:
        s.confusion.append((NONE, p.event))
    return s


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "predicted": self.n_pred,
            "gold": self.n_gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Totals:
    type_level: PRF = field(default_factory=PRF)
    full_event: PRF = field(default_factory=PRF)
    by_type: dict[str, tuple[PRF, PRF]] = field(default_factory=dict)
    source_correct: int = 0
    target_correct: int = 0
    type_matched: int = 0
    status_judged: int = 0  # type-matched events whose gold states a status
    status_correct: int = 0
    confusion: Counter = field(default_factory=Counter)
    sentences: int = 0
    sentences_without_gold: int = 0
    sentences_without_gold_with_pred: int = 0

    def as_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "sentences_without_gold_events": self.sentences_without_gold,
            "false_alarm_sentences": self.sentences_without_gold_with_pred,
            "type_level": self.type_level.as_dict(),
            "full_event": self.full_event.as_dict(),
            "actors": {
                "type_matched_events": self.type_matched,
                "source_accuracy": round(self.source_correct / self.type_matched, 4)
                if self.type_matched
                else 0.0,
                "target_accuracy": round(self.target_correct / self.type_matched, 4)
                if self.type_matched
                else 0.0,
                "status_judged": self.status_judged,
                "status_accuracy": round(self.status_correct / self.status_judged, 4)
                if self.status_judged
                else None,
            },
            "by_type": {
                t: {"type_level": a.as_dict(), "full_event": b.as_dict()}
                for t, (a, b) in sorted(self.by_type.items())
            },
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
        }


# the gold's statuses that the coder writes as "claimed" (an attributed or denied act)
_CLAIMED = {"reported_claim", "denied", "claimed"}


def status_of(value: str | None) -> str:
    """A status as occurred / intended / claimed, the distinction analysts filter on."""
    value = value or "occurred"
    return "claimed" if value in _CLAIMED else value


def aggregate(scores: list[SentenceScore]) -> Totals:
    t = Totals()
    for s in scores:
        t.sentences += 1
        if not s.gold:
            t.sentences_without_gold += 1
            if s.pred:
                t.sentences_without_gold_with_pred += 1
        for prf in (t.type_level, t.full_event):
            prf.n_pred += len(s.pred)
            prf.n_gold += len(s.gold)
        t.type_level.tp += len(s.type_pairs)
        t.full_event.tp += len(s.full_pairs)
        for g in s.gold:
            a, b = t.by_type.setdefault(g.event, (PRF(), PRF()))
            a.n_gold += 1
            b.n_gold += 1
        for p in s.pred:
            a, b = t.by_type.setdefault(p.event, (PRF(), PRF()))
            a.n_pred += 1
            b.n_pred += 1
        for g, p in s.type_pairs:
            t.by_type[g.event][0].tp += 1
            t.type_matched += 1
            t.source_correct += int(source_agrees(g, p))
            t.target_correct += int(target_agrees(g, p))
            if g.status is not None:
                t.status_judged += 1
                t.status_correct += int(status_of(g.status) == status_of(p.status))
        for g, _ in s.full_pairs:
            t.by_type[g.event][1].tp += 1
        t.confusion.update(s.confusion)
    return t
