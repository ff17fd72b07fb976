"""The Guardian sets of evaluate/guardian_spans.py, kept without their text and joined with
the shared articles: guardian_fresh (the articles no other gold set annotates, blind as a
whole) and guardian_later (the later sentences of read articles)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_path
from polybius.evaluate.folds import BLIND_FOLDS, load_folds, select
from polybius.evaluate.gold import load_gold
from polybius.evaluate.guardian_spans import (
    FRESH,
    FRESH_FOLDS,
    LATER,
    GuardianGoldError,
    load_annotations,
    materialise,
)
from polybius.evaluate.span_gold import SpanGoldError, problems

POLYBIUS = [sys.executable, "-m", "polybius.cli"]


@pytest.mark.parametrize("annotations", [FRESH, LATER], ids=["fresh", "later"])
def test_the_shipped_annotations_hold_no_text_and_valid_events(annotations: Path):
    rows = load_annotations(annotations)
    assert len(rows) > 1000 and sum(len(r["events"]) for r in rows) > 400
    assert problems(rows, "article") == []
    # triggers are kept as spans of the sentence, never as its words
    assert all(isinstance(e["trigger"], list) for r in rows for e in r["events"])


def test_every_article_is_blind_and_none_is_in_another_guardian_gold():
    fold_of = load_folds(FRESH_FOLDS)
    articles = {r["article"] for r in load_annotations()}
    assert articles == set(fold_of)
    assert set(fold_of.values()) == {5} and 5 in BLIND_FOLDS
    train = load_gold(shared_path("gold", "guardian_train.jsonl"))
    dev = load_gold(shared_path("gold", "guardian_dev.jsonl"))
    assert not articles & {s.doc for s in train + dev}


def test_materialised_gold_cuts_each_sentence_from_its_article(tmp_path: Path):
    shared = shared_path("corpora", "guardian_2017_2019.jsonl").parents[1]
    out = tmp_path / "fresh.jsonl"
    assert materialise(shared, out) == len(load_annotations())
    gold = load_gold(out)
    assert all(s.text.strip() and s.doc and s.date for s in gold)
    triggers = [json.loads(line)["events"] for line in out.read_text().splitlines()]
    assert all(isinstance(e["trigger"], str) and e["trigger"] for es in triggers for e in es)
    spans: dict[str, int] = {}  # an article's sentences are in order and do not overlap
    for row in load_annotations():
        assert row["start"] >= spans.get(row["article"], 0)
        spans[row["article"]] = row["end"]
    selection = select(gold, (5,), FRESH_FOLDS, "fresh")
    assert selection.blind and len(selection.sentences) == len(gold)


def test_wrong_articles_are_refused(tmp_path: Path):
    shared = tmp_path / "shared"
    articles = shared / "corpora" / "guardian_2017_2019.jsonl"
    articles.parent.mkdir(parents=True)
    articles.write_text(json.dumps({"id": "guardian-156", "text": "Short."}) + "\n")
    with pytest.raises(GuardianGoldError, match="not the documents"):
        materialise(shared, tmp_path / "out.jsonl", FRESH)
    with pytest.raises(SpanGoldError, match="--shared"):
        materialise(tmp_path / "nowhere", tmp_path / "out.jsonl")


@pytest.mark.slow
def test_the_fresh_set_shows_no_detail(tmp_path: Path):
    shared = shared_path("corpora", "guardian_2017_2019.jsonl").parents[1]
    gold = tmp_path / "fresh.jsonl"
    materialise(shared, gold)
    args = [str(gold), "--folds-file", str(FRESH_FOLDS), "--fold", "5"]
    refused = subprocess.run([*POLYBIUS, "evaluate", *args, "--errors", "3"], capture_output=True)
    assert refused.returncode == 2 and b"blind mode" in refused.stderr + refused.stdout


def test_later_sentences_come_from_read_articles_after_their_gold_sentences(tmp_path: Path):
    rows = load_annotations(LATER)
    train = load_gold(shared_path("gold", "guardian_train.jsonl"))
    dev = load_gold(shared_path("gold", "guardian_dev.jsonl"))
    fold_of = load_folds()
    for row in rows:  # never an article of the blind fold 5
        assert row["article"] in {s.doc for s in dev} or fold_of[row["article"]] in (1, 2, 3, 4)
    shared = shared_path("corpora", "guardian_2017_2019.jsonl").parents[1]
    out = tmp_path / "later.jsonl"
    assert materialise(shared, out, LATER) == len(rows)
    annotated = {(s.doc, s.text) for s in train + dev}  # no sentence of an article coded twice
    assert not {(s.doc, s.text) for s in load_gold(out)} & annotated


def test_problems_names_each_wrong_row():
    good = {"event": "ASSAULT", "source": ["SYR"], "target": [], "status": "occurred"}
    rows = [
        {"id": "a-0", "article": "a", "start": 0, "end": 10, "events": [good]},
        {"id": "a-0", "article": "a", "start": 5, "end": 5, "events": []},
        {
            "id": "a-2",
            "article": "a",
            "start": 0,
            "end": 4,
            "events": [
                {**good, "event": "ATTACK", "source": ["syr"], "status": "maybe", "trigger": [2, 9]}
            ],
        },
    ]
    assert problems(rows, "article") == [
        "a-0: span 5-5",
        "a-0: repeated id",
        "a-2: type ATTACK",
        "a-2: codes ['syr']",
        "a-2: status maybe",
        "a-2: trigger span [2, 9]",
    ]
