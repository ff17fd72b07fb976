"""The measurement protocol of issue 15: fold selection, and a blind fold that never shows detail.

The gold sentences here are written for these tests; none comes from the shared data.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from conftest import bench_module, shared_path
from polybius.evaluate.folds import (
    DEFAULT_FOLDS_FILE,
    BlindModeError,
    FoldError,
    load_folds,
    parse_folds,
    plan,
    refuse_blind_details,
    select,
)
from polybius.evaluate.gold import GoldEvent, GoldSentence

POLYBIUS = [sys.executable, "-m", "polybius.cli"]

# doc -> fold for the tiny gold file below
FOLDS = {"art-a": 1, "art-b": 2, "art-c": 5}
READ_TEXTS = [
    "Turkey condemned Israel on Monday.",
    "Egypt hosted talks with Jordan in Cairo.",
    "China and Russia held talks in Beijing.",
]
BLIND_TEXTS = [
    "Norway criticised Denmark over the fishing quotas.",
    "Peru accused Chile of violating the maritime border.",
]


def _record(i: int, doc: str, text: str, events: list[dict]) -> dict:
    return {"id": f"s{i}", "doc": doc, "date": "2026-10-14", "text": text, "events": events}


GOLD = [
    _record(1, "art-a", READ_TEXTS[0], [{"event": "ACCUSE", "source": ["TUR"], "target": ["ISR"]}]),
    _record(
        2, "art-a", READ_TEXTS[1], [{"event": "CONSULT", "source": ["EGY"], "target": ["JOR"]}]
    ),
    _record(
        3,
        "art-b",
        READ_TEXTS[2],
        [{"event": "CONSULT", "source": ["CHN", "RUS"], "target": [], "reciprocal": True}],
    ),
    _record(
        4, "art-c", BLIND_TEXTS[0], [{"event": "ACCUSE", "source": ["NOR"], "target": ["DNK"]}]
    ),
    _record(
        5, "art-c", BLIND_TEXTS[1], [{"event": "ACCUSE", "source": ["PER"], "target": ["CHL"]}]
    ),
]


@pytest.fixture
def gold_files(tmp_path: Path) -> tuple[Path, Path]:
    gold = tmp_path / "tiny_train.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n")
    folds = tmp_path / "tiny_folds.tsv"
    folds.write_text(
        "# folds of tiny_train.jsonl\ndoc\tfold\n"
        + "".join(f"{d}\t{f}\n" for d, f in FOLDS.items())
    )
    return gold, folds


def _sentences(docs: list[str | None]) -> list[GoldSentence]:
    return [
        GoldSentence(f"x{i}", f"text {i}", date(2026, 1, 1), [GoldEvent("ACCUSE")], doc)
        for i, doc in enumerate(docs)
    ]


# --------------------------------------------------------------------------- module level


def test_parse_folds():
    assert parse_folds("1,2,3,4") == (1, 2, 3, 4)
    assert parse_folds("1-4") == (1, 2, 3, 4)
    assert parse_folds("4, 1-2") == (1, 2, 4)
    for bad in ("", "a", "0", "3-1", "1,,x"):
        with pytest.raises(FoldError):
            parse_folds(bad)


def test_load_folds(gold_files):
    _, folds = gold_files
    assert load_folds(folds) == FOLDS
    dup = folds.parent / "dup.tsv"
    dup.write_text("doc\tfold\nart-a\t1\nart-a\t2\n")
    with pytest.raises(FoldError, match="twice"):
        load_folds(dup)
    with pytest.raises(FoldError, match="cannot read"):
        load_folds(folds.parent / "missing.tsv")


def test_select_keeps_listed_folds_in_file_order(gold_files):
    _, folds = gold_files
    sentences = _sentences(["art-a", "art-c", "art-b", "art-a"])
    read = select(sentences, (1, 2), folds)
    assert [s.id for s in read.sentences] == ["x0", "x2", "x3"]
    assert not read.blind and read.folds == (1, 2) and read.documents == 2
    blind = select(sentences, (5,), folds)
    assert [s.id for s in blind.sentences] == ["x1"] and blind.blind
    assert select(sentences, (2, 5), folds).blind


def test_whole_file_with_blind_documents_is_blind(gold_files):
    _, folds = gold_files
    assert select(_sentences(["art-a", "art-c"]), None, folds).blind
    assert not select(_sentences(["art-a", "art-b"]), None, folds).blind
    # a gold file unrelated to the folds file is scored whole, never blind
    whole = select(_sentences([None, "other"]), None, folds)
    assert not whole.blind and len(whole.sentences) == 2


def test_gold_without_fold_entries_is_a_clear_error(gold_files):
    _, folds = gold_files
    with pytest.raises(FoldError, match="no fold entries"):
        select(_sentences([None, None]), (1,), folds, "dev.jsonl")
    with pytest.raises(FoldError, match="no fold entries"):
        select(_sentences(["other-1", "other-2"]), (1,), folds, "dev.jsonl")
    with pytest.raises(FoldError, match="1 of 2 documents without a fold"):
        select(_sentences(["art-a", "other"]), (1,), folds, "dev.jsonl")
    with pytest.raises(FoldError, match="no fold 7"):
        select(_sentences(["art-a"]), (7,), folds)
    with pytest.raises(FoldError, match="no sentences in fold"):
        select(_sentences(["art-a"]), (2,), folds)


def test_blind_selection_refuses_detail_options(gold_files):
    _, folds = gold_files
    sentences = _sentences(["art-a", "art-c"])
    with pytest.raises(BlindModeError, match="--errors"):
        plan(sentences, 5, None, folds, {"--errors": True, "--predictions": False})
    with pytest.raises(BlindModeError, match="--predictions"):
        plan(sentences, None, "1,5", folds, {"--errors": False, "--predictions": True})
    with pytest.raises(BlindModeError):
        plan(sentences, None, None, folds, {"--errors": True})
    with pytest.raises(FoldError, match="not both"):
        plan(sentences, 5, "1", folds, {})
    # aggregate-only options pass; read folds allow detail
    assert plan(sentences, 5, None, folds, {"--errors": False}).blind
    selection = plan(sentences, None, "1", folds, {"--errors": True, "--predictions": True})
    assert not selection.blind
    refuse_blind_details(selection, {"--errors": True})


# --------------------------------------------------------------------------- packaged folds


def test_packaged_folds_cover_guardian_train_exactly_once():
    path = shared_path("gold", "guardian_train.jsonl")
    docs = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.add(json.loads(line)["doc"])  # only the doc ids are read
    listed = [
        line.split("\t")[0]
        for line in DEFAULT_FOLDS_FILE.read_text().splitlines()
        if line and not line.startswith("#") and not line.startswith("doc\t")
    ]
    assert len(listed) == len(set(listed)), "a document is listed twice"
    assert set(listed) == docs
    folds = load_folds()
    assert set(folds.values()) == {1, 2, 3, 4, 5}
    sizes = Counter(folds.values())
    assert max(sizes.values()) - min(sizes.values()) <= 1


# --------------------------------------------------------------------------- command line


def _run(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*POLYBIUS, "evaluate", *map(str, args)], capture_output=True, text=True, timeout=600
    )


def _assert_no_blind_text(*outputs: str) -> None:
    for out in outputs:
        for text in BLIND_TEXTS:
            assert text not in out
            assert text[:25] not in out


def test_cli_refuses_detail_options_in_blind_mode(gold_files):
    gold, folds = gold_files
    preds = gold.parent / "p.jsonl"
    for args in (
        ["--fold", "5", "--errors", "3"],
        ["--folds", "1,2,5", "--predictions", preds],
        ["--folds-file", folds, "--errors", "1"],  # whole file: holds blind documents
    ):
        if "--folds-file" not in args:
            args = [*args, "--folds-file", folds]
        proc = _run(gold, *args)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "blind mode" in proc.stdout + proc.stderr
        _assert_no_blind_text(proc.stdout, proc.stderr)
        assert not preds.exists()


def test_cli_gold_without_folds_is_an_error(tmp_path):
    gold = tmp_path / "nodoc.jsonl"
    gold.write_text(json.dumps({"id": "n1", "text": "Iran warned Iraq.", "events": []}) + "\n")
    proc = _run(gold, "--folds", "1,2,3,4")
    assert proc.returncode == 2
    assert "no fold entries" in proc.stdout + proc.stderr


@pytest.mark.slow
def test_cli_read_folds_and_blind_fold(gold_files):
    gold, folds = gold_files
    tmp = gold.parent
    report, preds = tmp / "read.json", tmp / "read.jsonl"
    proc = _run(
        gold,
        "--folds",
        "1,2",
        "--folds-file",
        folds,
        "--errors",
        "5",
        "--predictions",
        preds,
        "--json",
        report,
    )
    proc.check_returncode()
    read = json.loads(report.read_text())
    assert read["selection"]["folds"] == [1, 2] and not read["selection"]["blind"]
    assert read["overall"]["sentences"] == 3 and read["overall"]["type_level"]["gold"] == 3
    assert [json.loads(x)["id"] for x in preds.read_text().splitlines()] == ["s1", "s2", "s3"]
    _assert_no_blind_text(proc.stdout, preds.read_text())

    blind = tmp / "blind.json"
    proc = _run(gold, "--fold", "5", "--folds-file", folds, "--by-type", "--confusion")
    proc.check_returncode()
    proc = _run(gold, "--fold", "5", "--folds-file", folds, "--json", blind, "--compare", blind)
    proc.check_returncode()
    written = blind.read_text()
    _assert_no_blind_text(proc.stdout, proc.stderr, written)
    data = json.loads(written)
    assert data["selection"] == {
        "folds": [5],
        "folds_file": "tiny_folds.tsv",
        "blind": True,
        "documents": 1,
    }
    assert data["overall"]["sentences"] == 2 and data["overall"]["type_level"]["gold"] == 2
    assert "s4" not in written and "s5" not in written  # no sentence ids either
    assert set(data) == {
        "report_version",
        "coder_version",
        "gold",
        "format",
        "recall_only",
        "overall",
        "selection",
        "intervals",
    }
    # the intervals are figures of resampled documents: no document is named
    assert data["intervals"]["documents"] == 1
    assert all(isinstance(v, (int, float, list)) for v in data["intervals"].values())


def test_a_crash_on_a_blind_sentence_withholds_the_message(gold_files, monkeypatch):
    from polybius.evaluate import runner

    gold, folds = gold_files

    def crash(sentences, *args, **kwargs):
        raise ValueError(f"cannot parse {sentences[0].text!r}")

    monkeypatch.setattr(runner, "predict", crash)
    sentences = runner.load_gold(gold)
    blind = plan(sentences, 5, None, folds, {})
    with pytest.raises(runner.BlindCodingError) as info:
        runner.evaluate_file(gold, coder=None, selection=blind)  # type: ignore[arg-type]
    _assert_no_blind_text(str(info.value), repr(info.value.__cause__), repr(info.value.__context__))
    read = plan(sentences, 1, None, folds, {})
    with pytest.raises(ValueError, match="cannot parse"):  # read folds keep the message
        runner.evaluate_file(gold, coder=None, selection=read)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- bench/accuracy.py


def _accuracy_module():
    return bench_module("accuracy")


def test_accuracy_passes_arguments_after_double_dash_to_every_evaluate():
    acc = _accuracy_module()
    own, extra = acc.split_argv(["--out-dir", "x", "--", "--disable-rule", "some_rule"])
    assert own == ["--out-dir", "x"] and extra == ["--disable-rule", "some_rule"]
    assert acc.split_argv(["--out-dir", "x"]) == (["--out-dir", "x"], [])
    shared = Path("/shared")
    commands = [acc.command(s, shared, Path("r.json"), extra) for s in acc.SETS]
    assert all(c[-2:] == extra and c[3] == "evaluate" for c in commands)
    by_stem = {s.stem: c for s, c in zip(acc.SETS, commands, strict=True)}
    assert by_stem["train_fold_5"][4:7] == [str(shared / acc.TRAIN), "--fold", "5"]
    assert by_stem["train_folds_1-4"][5:7] == ["--folds", "1,2,3,4"]
    assert [s.stem for s in acc.SETS if s.blind] == ["train_fold_5"]


def test_accuracy_rejects_a_blind_report_with_detail():
    acc = _accuracy_module()
    good = {
        "report_version": 1,
        "coder_version": "x",
        "gold": "g",
        "format": "polybius-jsonl",
        "recall_only": False,
        "overall": {},
        "selection": {"blind": True},
    }
    acc.check_blind(good, Path("r.json"))
    with pytest.raises(SystemExit):
        acc.check_blind({**good, "selection": {"blind": False}}, Path("r.json"))
    with pytest.raises(SystemExit):
        acc.check_blind({**good, "sentences": []}, Path("r.json"))


PROBES = [
    ("ontology probe", "ontology_probe"),
    ("genre probe", "genre_probe"),
    ("world probe", "world_probe"),
    ("wire probe", "wire_probe"),
]


@pytest.mark.parametrize("name,stem", PROBES)
def test_each_probe_has_a_read_and_a_blind_fold(name, stem):
    """bench/data's probes (docs/gold/ONTOLOGY_PROBE.md, GENRE_PROBE.md): every document in one
    fold, a read fold 1 and a blind fold 5, and the accuracy table scores the blind one in
    blind mode."""
    from polybius.evaluate.gold import load_gold

    acc = _accuracy_module()
    assert (name, stem) in acc.PROBES
    sets = acc.probe_sets(name, stem)
    gold, folds_file = sets[0].args[0], sets[0].args[-1]
    folds = load_folds(Path(folds_file))
    docs = {s.doc for s in load_gold(Path(gold))}
    assert docs == set(folds)
    assert set(folds.values()) == {1, 5}
    assert [s.stem for s in sets if s.blind] == [f"{stem}_5"]
    proc = subprocess.run(
        [*POLYBIUS, "evaluate", gold, "--fold", "5", "--folds-file", folds_file, "--errors", "1"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "blind mode" in proc.stdout + proc.stderr
