"""Bootstrap intervals over documents (polybius.evaluate.intervals): how far a score could move
by chance, and whether a rule's net gain could be chance."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polybius.evaluate.gold import GoldEvent, GoldSentence
from polybius.evaluate.intervals import (
    bootstrap_intervals,
    document_counts,
    net_gains,
    net_interval,
    score_intervals,
)
from polybius.evaluate.score import aggregate, score_sentence


def _event(kind: str, source: str, target: str) -> GoldEvent:
    return GoldEvent(kind, [source], [target], False)


def _sentence(sid: str, doc: str | None, gold: list[GoldEvent]) -> GoldSentence:
    return GoldSentence(sid, "text", None, gold, doc)


def test_sentences_of_one_document_are_counted_together():
    hit, miss = _event("ASSAULT", "SYR", "TUR"), _event("ACCUSE", "TUR", "SYR")
    sentences = [
        _sentence("a1", "A", [hit]),
        _sentence("a2", "A", [miss]),
        _sentence("x", None, []),
    ]
    scores = [
        score_sentence("a1", [hit], [hit]),
        score_sentence("a2", [miss], []),
        score_sentence("x", [], [_event("AID", "USA", "SYR")]),
    ]
    counts = document_counts(sentences, scores)
    # document A: 1 type match, 1 prediction, 2 gold, 1 full match, source and target right;
    # the sentence with no document is a document of its own (one false alarm)
    assert counts.tolist() == [[1, 1, 2, 1, 1, 1], [0, 1, 0, 0, 0, 0]]


def test_identical_documents_give_a_point_interval():
    counts = np.array([[1, 2, 2, 1, 1, 0]] * 30)
    out = bootstrap_intervals(counts)
    assert out["documents"] == 30
    assert out["type_f1"] == [0.5, 0.5] and out["full_precision"] == [0.5, 0.5]
    assert out["target_accuracy"] == [0.0, 0.0]


def test_no_documents_no_intervals():
    out = bootstrap_intervals(np.zeros((0, 6), dtype=np.int64))
    assert out["documents"] == 0 and "type_f1" not in out


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(*(st.integers(0, 4) for _ in range(3))).map(
            lambda t: [min(t[0], t[1], t[2]), t[1], t[2], min(t[0], t[1], t[2]), 0, 0]
        ),
        min_size=1,
        max_size=40,
    )
)
def test_interval_holds_the_whole_set_figure(rows):
    counts = np.array(rows, dtype=np.int64)
    tp, pred, gold = counts[:, 0].sum(), counts[:, 1].sum(), counts[:, 2].sum()
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    low, high = bootstrap_intervals(counts, resamples=400)["type_f1"]
    assert 0.0 <= low <= high <= 1.0
    # the figure of the set itself is one of the possible resamples: never far outside
    assert low - 0.05 <= round(f1, 4) <= high + 0.05


def test_intervals_are_reproducible_and_narrow_with_more_documents():
    rng = np.random.default_rng(1)
    tp = rng.integers(0, 3, size=400)
    rows = np.stack([tp, tp + rng.integers(0, 3, 400), tp + rng.integers(0, 3, 400)], axis=1)
    counts = np.concatenate([rows, rows[:, :1], np.zeros((400, 2), dtype=np.int64)], axis=1)
    small, large = bootstrap_intervals(counts[:40]), bootstrap_intervals(counts)
    assert bootstrap_intervals(counts[:40]) == small
    width = lambda out: out["type_f1"][1] - out["type_f1"][0]  # noqa: E731
    assert width(large) < width(small)


def test_score_intervals_on_scored_sentences():
    hit = _event("ASSAULT", "SYR", "TUR")
    sentences = [_sentence(f"s{i}", f"d{i}", [hit]) for i in range(10)]
    scores = [score_sentence(s.id, [hit], [hit] if i % 2 else []) for i, s in enumerate(sentences)]
    out = score_intervals(sentences, scores)
    recall = aggregate(scores).type_level.recall
    assert out["type_recall"][0] <= recall <= out["type_recall"][1]
    assert out["type_recall"][0] < out["type_recall"][1]


def test_net_gains_count_matches_gained_minus_false_alarms_added():
    off = np.array([[1, 2, 3, 0, 0, 0], [0, 0, 1, 0, 0, 0]])
    # +1 match (type and full) in the first document, +1 false alarm (at both levels) in the second
    on = np.array([[2, 3, 3, 1, 1, 1], [0, 1, 1, 0, 0, 0]])
    assert net_gains(on, off).tolist() == [[1, 1], [-1, -1]]
    assert net_gains(on, off, recall_only=True).tolist() == [[1, 1], [0, 0]]
    with pytest.raises(ValueError):
        net_gains(on, off[:1])


def test_net_interval_shows_when_a_gain_could_be_chance():
    gains = np.zeros((500, 2), dtype=np.int64)
    assert net_interval(gains) == ((0, 0), (0, 0))
    gains[:3] = [[1, 1], [1, 1], [-1, 0]]  # a net +1 carried by three documents
    (low_type, low_full), (high_type, high_full) = net_interval(gains)
    assert low_type < 0 < high_type and low_full >= 0 and high_full >= 2
    many = np.zeros((500, 2), dtype=np.int64)
    many[:60] = [1, 1]  # sixty documents each gain a match: not chance
    (low_type, _), _ = net_interval(many)
    assert low_type > 30


def test_a_large_set_is_resampled_in_bounded_steps(monkeypatch):
    import polybius.evaluate.intervals as intervals

    counts = np.random.default_rng(3).integers(0, 3, size=(50, 6))
    whole = bootstrap_intervals(counts, resamples=300)
    monkeypatch.setattr(intervals, "DRAWS_AT_ONCE", 120)  # two resamples of 50 at a time
    # the same draws, taken in smaller steps: the same intervals
    assert bootstrap_intervals(counts, resamples=300) == whole
