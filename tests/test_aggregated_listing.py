"""`polybius events --aggregated` beside the mentions, and one separator for code sets
(`+` in text cells, lists in JSON) (issue 18, item 6)."""

from __future__ import annotations

import csv
import io
import json

import duckdb
from typer.testing import CliRunner

from polybius.cli import app
from polybius.codesets import join_codes, split_codes


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def _clusters(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT cluster_id, source_code, target_code, num_mentions FROM clusters "
            "ORDER BY event_date NULLS LAST, cluster_id"
        ).fetchall()
    finally:
        con.close()


def test_code_sets_have_one_separator():
    assert join_codes(["QAT", "TUR"]) == "QAT+TUR"
    assert split_codes("QAT+TUR") == ["QAT", "TUR"]
    assert split_codes(None) == split_codes("") == []


def test_aggregated_lists_one_row_per_cluster(sample_store):
    clusters = _clusters(sample_store)
    lines = run("events", "--db", str(sample_store), "--aggregated", "--format", "jsonl")
    records = [json.loads(line) for line in lines.splitlines()]
    assert [r["cluster_id"] for r in records] == [c[0] for c in clusters]
    assert [r["num_mentions"] for r in records] == [c[3] for c in clusters]
    for record in records:  # JSON: lists; the text column: joined with '+'
        assert record["source_codes"] == split_codes(record["source_code"])
        assert record["target_codes"] == split_codes(record["target_code"])
    mentions = run("events", "--db", str(sample_store), "--format", "jsonl").splitlines()
    assert sum(c[3] for c in clusters) == len(mentions)  # every mention is in one cluster


def test_aggregated_filters_and_table(sample_store):
    joint = [c for c in _clusters(sample_store) if c[1] and "+" in c[1]]
    assert joint, "the sample news has an event with two sources"
    first = split_codes(joint[0][1])[0]
    text = run("events", "--db", str(sample_store), "--aggregated", "--source", first)
    assert joint[0][1] in text
    assert "aggregated events" in text.splitlines()[-1]
    none = run("events", "--db", str(sample_store), "--aggregated", "--since", "2100-01-01")
    assert "no aggregated events match" in none


def test_mentions_csv_joins_code_sets_with_plus(sample_store):
    rows = list(
        csv.DictReader(io.StringIO(run("events", "--db", str(sample_store), "--format", "csv")))
    )
    joint = [r for r in rows if "+" in r["source_codes"]]
    assert joint and all("|" not in r["source_codes"] for r in rows)
    assert ";" not in joint[0]["source_codes"]


def test_help_explains_mentions_and_aggregated_events():
    text = run("events", "--help")
    assert "--aggregated" in text
    assert "mention" in text and "aggregated event" in text


def test_doc_does_not_go_with_aggregated(sample_store):
    result = CliRunner().invoke(
        app, ["events", "--db", str(sample_store), "--aggregated", "--doc", "x"]
    )
    assert result.exit_code == 2
