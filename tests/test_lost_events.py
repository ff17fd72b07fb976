"""bench/lost_events.py: where a missed gold event is lost."""

from __future__ import annotations

import pytest

from conftest import bench_module


@pytest.fixture(scope="module")
def lost_events():
    return bench_module("lost_events")


def test_a_sentence_never_parsed_is_prefiltered_out(lost_events):
    dropped = [("shelled", "ASSAULT", "no party found")]
    assert lost_events.bucket("shelled the town", "ASSAULT", dropped, False) == "prefiltered out"


def test_the_dropped_trigger_among_the_gold_words_tells_why(lost_events):
    dropped = [("said", "ACCUSE", "rule:hedging_governor"), ("backed", "SUPPORT", "rule:x")]
    assert lost_events.bucket("Moscow-backed forces", "SUPPORT", dropped, True) == "rule:x"
    assert lost_events.bucket("sent aid", "AID", dropped, True) == "no trigger"


def test_without_gold_words_the_type_decides(lost_events):
    dropped = [("met", "CONSULT", "no party found"), ("aid", "AID", "rule:y")]
    assert lost_events.bucket("", "AID", dropped, True) == "rule:y"
    assert lost_events.bucket("", "PROTEST", dropped, True) == "no trigger"


def test_missed_trigger_words_are_counted_by_lemma_and_type(lost_events, nlp):
    missed = [
        ("ASSAULT", "shelled the town"),
        ("ASSAULT", "shelling"),
        ("AID", ""),
        ("AID", "sent aid"),
    ]
    counts = lost_events.lemma_counts(missed, nlp)
    assert counts[("shell", "ASSAULT")] == 2
    assert counts[("aid", "AID")] == 1
    assert ("the", "ASSAULT") not in counts  # function words are not what a miss is told in
