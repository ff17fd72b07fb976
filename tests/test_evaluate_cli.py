"""`polybius evaluate` end to end: tables, JSON report, predictions, comparison."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import shared_path

pytestmark = pytest.mark.slow
POLYBIUS = [sys.executable, "-m", "polybius.cli"]

GOLD = [
    {
        "id": "g1",
        "date": "2026-10-14",
        "text": "Turkey condemned Israel on Monday.",
        "events": [{"event": "ACCUSE", "source": ["TUR"], "target": ["ISR"], "reciprocal": False}],
    },
    {"id": "g2", "date": "2026-10-14", "text": "The weather in Ankara was mild.", "events": []},
    {
        "id": "g3",
        "date": "2026-10-14",
        "text": "China and Russia held talks in Beijing.",
        "events": [
            {"event": "CONSULT", "source": ["CHN", "RUS"], "target": [], "reciprocal": True}
        ],
    },
]


def run(*args):
    proc = subprocess.run([*POLYBIUS, *map(str, args)], capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode()


@pytest.mark.heavy  # ~20-40 s of subprocesses: `make test-all`
def test_evaluate_own_gold_with_all_outputs(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n")
    report, preds = tmp_path / "r.json", tmp_path / "p.jsonl"
    out = run(
        "evaluate",
        gold,
        "--by-type",
        "--confusion",
        "--errors",
        "2",
        "--json",
        report,
        "--predictions",
        preds,
    )
    assert "full event" in out and "by PLOVER type" in out and "confusion" in out
    data = json.loads(report.read_text())
    assert data["format"] == "polybius-jsonl" and not data["recall_only"]
    assert data["overall"]["sentences"] == 3
    assert data["overall"]["type_level"]["gold"] == 2
    spread = data["intervals"]  # three sentences without documents: three documents
    assert spread["documents"] == 3 and spread["resamples"] > 0
    low, high = spread["type_f1"]
    assert low <= data["overall"]["type_level"]["f1"] <= high
    assert "95% intervals" in out
    lines = [json.loads(x) for x in preds.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["g1", "g2", "g3"]
    assert all(
        {"event", "source", "target", "reciprocal", "cameo_code", "status"} <= set(e)
        for x in lines
        for e in x["events"]
    )
    # re-scoring the coder's own predictions as gold gives perfect full-event figures
    as_gold = tmp_path / "as_gold.jsonl"
    as_gold.write_text(
        "\n".join(
            json.dumps({**g, "events": x["events"]}) for g, x in zip(GOLD, lines, strict=True)
        )
        + "\n"
    )
    again = tmp_path / "again.json"
    run("evaluate", as_gold, "--json", again)
    full = json.loads(again.read_text())["overall"]["full_event"]
    assert full["precision"] == 1.0 and full["recall"] == 1.0
    compared = run("evaluate", gold, "--compare", report)
    assert "compared with" in compared and "+0.000" in compared


def test_evaluate_plover_gold_reports_recall():
    gold = shared_path("plover", "gsr_dev.jsonl")
    out = run("evaluate", gold)
    assert "recall only" in out


def test_evaluate_petrarch_xml(tmp_path):
    xml = shared_path("petrarch2", "text", "PETR2_GSR_validation.xml")
    report = tmp_path / "p.json"
    run("evaluate", "--petrarch-xml", xml, "--json", report)
    data = json.loads(report.read_text())
    assert data["cameo_root"]["sentences"] >= 70
    assert data["cameo_code"]["type_level"]["gold"] >= 70
