"""The web-news gold (evaluate/webnews.py): annotations kept without text, joined with the
shared article bodies into a gold file `polybius evaluate` scores, fold 5 blind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_path
from polybius.evaluate.folds import BLIND_FOLDS, load_folds, select
from polybius.evaluate.gold import load_gold
from polybius.evaluate.span_gold import problems
from polybius.evaluate.webnews import (
    ANNOTATIONS,
    FOLDS,
    WebnewsGoldError,
    document_of,
    load_annotations,
    materialise,
)

POLYBIUS = [sys.executable, "-m", "polybius.cli"]


def test_the_shipped_annotations_hold_no_text_and_valid_events():
    rows = load_annotations()
    assert len(rows) > 1000
    assert problems(rows, "page") == []


def test_every_page_has_a_fold_and_both_folds_have_events():
    fold_of = load_folds(FOLDS)
    rows = load_annotations()
    assert {document_of(r["page"]) for r in rows} == set(fold_of)
    assert set(fold_of.values()) == {1, 5} and 5 in BLIND_FOLDS
    events = {1: 0, 5: 0}
    for r in rows:
        events[fold_of[document_of(r["page"])]] += len(r["events"])
    assert min(events.values()) >= 50


def test_materialised_gold_cuts_each_sentence_from_its_page(tmp_path: Path):
    shared = shared_path("corpora", "news_html", "ground-truth.json").parents[2]
    out = tmp_path / "web.jsonl"
    assert materialise(shared, out) == len(load_annotations())
    gold = load_gold(out)
    assert all(s.text.strip() and s.doc for s in gold)
    # sentences of a page are in page order and do not overlap
    spans: dict[str, int] = {}
    for row in load_annotations():
        assert row["start"] >= spans.get(row["page"], 0)
        spans[row["page"]] = row["end"]
    selection = select(gold, (5,), FOLDS, "web")
    assert selection.blind and selection.sentences


def test_wrong_bodies_are_refused(tmp_path: Path):
    shared = tmp_path / "shared"
    bodies = shared / "corpora" / "news_html" / "ground-truth.json"
    bodies.parent.mkdir(parents=True)
    bodies.write_text(json.dumps({"x": {"articleBody": "short"}}), encoding="utf-8")
    with pytest.raises(WebnewsGoldError, match="not the documents"):
        materialise(shared, tmp_path / "out.jsonl", ANNOTATIONS)
    with pytest.raises(WebnewsGoldError, match="--shared"):
        materialise(tmp_path / "nowhere", tmp_path / "out.jsonl")


@pytest.mark.slow
def test_the_blind_web_fold_shows_no_detail(tmp_path: Path):
    shared = shared_path("corpora", "news_html", "ground-truth.json").parents[2]
    gold = tmp_path / "web.jsonl"
    materialise(shared, gold)
    args = [str(gold), "--folds-file", str(FOLDS), "--folds", "5"]
    refused = subprocess.run([*POLYBIUS, "evaluate", *args, "--errors", "3"], capture_output=True)
    assert refused.returncode == 2 and b"blind mode" in refused.stderr + refused.stdout
