"""How much a score could move by chance: bootstrap intervals over documents.

A blind fold of a few hundred sentences gives an F1 that moves by several points when other,
equally likely articles are drawn; a change of one or two matches is within that. The
intervals here resample whole documents (sentences of one article share coreference and topic,
so they are not independent draws) with replacement, recompute each figure on every resample
and report the central 95 % of the resampled values (percentile bootstrap). A sentence with no
document is a document of its own. The resampling is seeded: the same scores give the same
intervals.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from polybius.evaluate.gold import GoldSentence
from polybius.evaluate.score import SentenceScore, aggregate

RESAMPLES = 2000
LEVEL = 0.95
SEED = 20261205
# documents drawn at once (about 16 MB of draws and as much of weights), whatever the set's size
DRAWS_AT_ONCE = 2_000_000

# per-document counts, in this column order
_COLUMNS = ("type_tp", "pred", "gold", "full_tp", "source_ok", "target_ok")


def document_counts(
    sentences: Sequence[GoldSentence], scores: Sequence[SentenceScore]
) -> np.ndarray:
    """One row per document (in order of first sentence), the counts of `_COLUMNS`, counted
    by `aggregate` as the whole set's figures are."""
    documents: dict[str, list[SentenceScore]] = {}
    by_id = {s.id: s for s in sentences}
    for sc in scores:
        gold_sentence = by_id.get(sc.id)
        key = (gold_sentence.doc if gold_sentence is not None else None) or f"sentence:{sc.id}"
        documents.setdefault(key, []).append(sc)
    rows = []
    for document_scores in documents.values():
        t = aggregate(document_scores)
        rows.append(
            [
                t.type_level.tp,
                t.type_level.n_pred,
                t.type_level.n_gold,
                t.full_event.tp,
                t.source_correct,
                t.target_correct,
            ]
        )
    return np.array(rows, dtype=np.int64).reshape(-1, len(_COLUMNS))


def _resampled_sums(rows: np.ndarray, resamples: int, seed: int) -> np.ndarray:
    """The column sums of `resamples` draws of len(rows) rows with replacement."""
    n = len(rows)
    rng = np.random.default_rng(seed)
    sums = np.empty((resamples, rows.shape[1]), dtype=np.int64)
    step = max(1, min(250, DRAWS_AT_ONCE // n))  # resamples at a time: bounded memory
    for start in range(0, resamples, step):
        stop = min(start + step, resamples)
        picks = rng.integers(0, n, size=(stop - start, n))
        weights = np.stack([np.bincount(row, minlength=n) for row in picks])
        sums[start:stop] = weights @ rows
    return sums


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.divide(num, den, out=np.zeros(num.shape, dtype=float), where=den > 0)


def _figures(totals: np.ndarray) -> dict[str, np.ndarray]:
    """The report's figures from summed counts (one row per resample)."""
    type_tp, pred, gold, full_tp, source_ok, target_ok = (totals[:, i] for i in range(6))
    out = {}
    for level, tp in (("type", type_tp), ("full", full_tp)):
        p, r = _ratio(tp, pred), _ratio(tp, gold)
        out[f"{level}_precision"] = p
        out[f"{level}_recall"] = r
        out[f"{level}_f1"] = _ratio(2 * p * r, p + r)
    out["source_accuracy"] = _ratio(source_ok, type_tp)
    out["target_accuracy"] = _ratio(target_ok, type_tp)
    return out


def bootstrap_intervals(
    counts: np.ndarray, resamples: int = RESAMPLES, level: float = LEVEL, seed: int = SEED
) -> dict:
    """{figure: [low, high]} over `resamples` draws of as many documents as there are, and
    the number of documents drawn from. Empty counts give no intervals."""
    n = len(counts)
    if n == 0:
        return {"documents": 0, "resamples": 0, "level": level}
    totals = _resampled_sums(counts, resamples, seed)
    tail = (1 - level) / 2 * 100
    out: dict = {"documents": n, "resamples": resamples, "level": level}
    for name, values in _figures(totals).items():
        low, high = np.percentile(values, [tail, 100 - tail])
        out[name] = [round(float(low), 4), round(float(high), 4)]
    return out


def score_intervals(
    sentences: Sequence[GoldSentence], scores: Sequence[SentenceScore], **kwargs
) -> dict:
    """Bootstrap intervals of a scored gold set (see `bootstrap_intervals`)."""
    return bootstrap_intervals(document_counts(sentences, scores), **kwargs)


def net_gains(on: np.ndarray, off: np.ndarray, recall_only: bool = False) -> np.ndarray:
    """Per document (rows of `document_counts` for the same sentences), the net gain of a
    change at type and full level: matches gained minus false alarms added (TP - FP), or the
    matches alone on a recall-only gold."""
    if on.shape != off.shape:
        raise ValueError("the two runs must be counted on the same documents")
    d = on - off
    d_pred = d[:, 1]
    out = np.empty((len(d), 2), dtype=np.int64)
    for column, tp in ((0, d[:, 0]), (1, d[:, 3])):
        out[:, column] = tp if recall_only else tp - (d_pred - tp)
    return out


def net_interval(
    gains: np.ndarray, resamples: int = RESAMPLES, level: float = LEVEL, seed: int = SEED
) -> tuple[tuple[int, int], tuple[int, int]]:
    """((type low, full low), (type high, full high)): the central `level` of the summed net
    gains over documents drawn with replacement. A gain that a few documents carry has a wide
    interval; one that reaches below 0 could be chance."""
    n = len(gains)
    if n == 0:
        return (0, 0), (0, 0)
    sums = _resampled_sums(gains, resamples, seed)
    tail = (1 - level) / 2 * 100
    low = np.percentile(sums, tail, axis=0, method="lower")
    high = np.percentile(sums, 100 - tail, axis=0, method="higher")
    return (int(low[0]), int(low[1])), (int(high[0]), int(high[1]))
