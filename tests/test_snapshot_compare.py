"""bench/snapshot.py: what a comparison of two snapshots shows, and what it never shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import bench_module


@pytest.fixture(scope="module")
def snapshot():
    return bench_module("snapshot")


def _event(kind: str, source: str, target: str, sentence: int = 0) -> dict:
    return {
        "plover_type": kind,
        "cameo_code": "190",
        "sources": [{"code": source}],
        "targets": [{"code": target}],
        "reciprocal": False,
        "status": "occurred",
        "trigger_text": "shelled",
        "sentence_index": sentence,
        "sentence_text": f"Invented sentence {sentence}.",
    }


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_readable_article_shows_its_lost_and_gained_events(snapshot, tmp_path, capsys):
    kept = _event("ASSAULT", "TUR", "SYR", 1)
    old = _write(
        tmp_path / "a.jsonl",
        [{"set": "articles", "id": "doc-1", "events": [kept, _event("ASSAULT", "TUR", "TUR")]}],
    )
    new = _write(
        tmp_path / "b.jsonl",
        [{"set": "articles", "id": "doc-1", "events": [kept, _event("ASSAULT", "TUR", "IRQ")]}],
    )
    assert snapshot.compare(new, old, show=5) == 1
    out = capsys.readouterr().out
    assert "articles: 1 of 1 differ doc-1" in out
    assert "  - ASSAULT 190 TUR->TUR occurred «shelled»" in out
    assert "  + ASSAULT 190 TUR->IRQ occurred «shelled»" in out
    assert out.index("  - ASSAULT") < out.index("  + ASSAULT")
    assert "Invented sentence 0." in out and "Invented sentence 1." not in out  # unchanged


def test_blind_items_and_the_training_corpus_are_never_shown(snapshot, tmp_path, capsys):
    old = _write(
        tmp_path / "a.jsonl",
        [
            {"set": "articles", "id": "blind-1", "events_sha256": "aaa"},
            {"set": "guardian_train", "id": "gt-1", "events": [_event("ASSAULT", "TUR", "SYR")]},
        ],
    )
    new = _write(
        tmp_path / "b.jsonl",
        [
            {"set": "articles", "id": "blind-1", "events_sha256": "bbb"},
            {"set": "guardian_train", "id": "gt-1", "events": []},
        ],
    )
    assert snapshot.compare(new, old, show=5) == 1
    out = capsys.readouterr().out
    assert "guardian_train: 1 of 1 differ\n" in out
    assert "ASSAULT" not in out and "Invented" not in out


def test_the_blind_lists_hold_both_blind_sets(snapshot):
    blind = snapshot.blind_docs()
    folds = (snapshot.DATA / "guardian_fresh_folds.tsv").read_text().splitlines()
    fresh = {line.split("\t")[0] for line in folds if line.endswith("\t5")}
    assert fresh and fresh <= blind
    assert len(blind) > len(fresh)  # and guardian_train's fold 5
