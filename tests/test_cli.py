"""The CLI end to end on the bundled sample, bad batches, and crash-resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import EXAMPLES

POLYBIUS = [sys.executable, "-m", "polybius.cli"]
pytestmark = pytest.mark.slow


def run(*args, input: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [*POLYBIUS, *map(str, args)],
        input=input,
        capture_output=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200"},
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"exit {proc.returncode}\n{proc.stdout.decode()}\n{proc.stderr.decode()}"
        )
    return proc


def counts(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "sentences", "events", "event_actors")
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "sample.duckdb"
    proc = run("code", EXAMPLES, "--db", db)
    out = proc.stdout.decode()
    assert "Run summary" in out and "events" in out
    return db


def test_code_sample_stores_every_document_with_events(sample_db):
    c = counts(sample_db)
    assert c["documents"] == 12
    assert c["events"] >= 20
    con = duckdb.connect(str(sample_db), read_only=True)
    statuses = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY 1").fetchall())
    types = {r[0] for r in con.execute("SELECT DISTINCT plover_type FROM events").fetchall()}
    undated = con.execute("SELECT count(*) FROM events WHERE event_date IS NULL").fetchone()[0]
    con.close()
    assert statuses == {"ok": 12}
    assert len(types) >= 8
    assert undated == 0


def test_rerun_is_a_no_op(sample_db):
    before = counts(sample_db)
    out = run("code", EXAMPLES, "--db", sample_db).stdout.decode()
    assert counts(sample_db) == before
    assert "unchanged (already stored)" in out


def test_events_filters_and_formats(sample_db, tmp_path):
    rows = [
        json.loads(line)
        for line in run("events", "--db", sample_db, "--format", "jsonl")
        .stdout.decode()
        .splitlines()
    ]
    assert rows and all(
        r["sentence_text"][r["trigger_start"] : r["trigger_end"]] == r["trigger_text"] for r in rows
    )
    assert all(isinstance(r["trace"], list) for r in rows)
    some = rows[0]["source_codes"][0] if rows[0]["source_codes"] else rows[0]["target_codes"][0]
    filt = run("events", "--db", sample_db, "--format", "jsonl", "--source", some).stdout.decode()
    assert all(some in json.loads(line)["source_codes"] for line in filt.splitlines())
    by_type = run("events", "--db", sample_db, "--format", "jsonl", "--type", "assault").stdout
    assert all(json.loads(x)["plover_type"] == "ASSAULT" for x in by_type.decode().splitlines())
    late = run("events", "--db", sample_db, "--format", "jsonl", "--since", "2026-11-01").stdout
    assert all(json.loads(x)["event_date"] >= "2026-11-01" for x in late.decode().splitlines())
    csv_file, pq_file = tmp_path / "e.csv", tmp_path / "e.parquet"
    run("events", "--db", sample_db, "--format", "csv", "--out", csv_file)
    assert csv_file.read_text().splitlines()[0].startswith("event_id,")
    run("events", "--db", sample_db, "--format", "parquet", "--out", pq_file)
    assert duckdb.sql(f"SELECT count(*) FROM '{pq_file}'").fetchall()[0][0] == len(rows)
    assert duckdb.sql(f"SELECT typeof(trace) FROM '{pq_file}' LIMIT 1").fetchall() == [
        ("VARCHAR[]",)
    ]
    table = run("events", "--db", sample_db, "--limit", "3").stdout.decode()
    assert "evidence" in table
    bad = run("events", "--db", sample_db, "--since", "yesterday", check=False)
    assert bad.returncode == 2 and b"YYYY" not in bad.stdout


def test_show_and_stats(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    doc_id = con.execute("SELECT doc_id FROM events LIMIT 1").fetchone()[0]
    con.close()
    shown = run("show", doc_id, "--db", sample_db).stdout.decode()
    assert "->" in shown and "legend" in shown
    missing = run("show", "nope", "--db", sample_db, check=False)
    assert missing.returncode == 2
    stats = run("stats", "--db", sample_db).stdout.decode()
    for part in ("events by type", "dyads", "days", "documents by status"):
        assert part in stats


def test_code_aggregates_and_aggregate_recomputes_the_same(sample_db):
    con = duckdb.connect(str(sample_db), read_only=True)
    query = "SELECT * FROM clusters ORDER BY cluster_id"
    clusters = con.execute(query).fetchall()
    unclustered = con.execute("SELECT count(*) FROM events WHERE cluster_id IS NULL").fetchone()
    tones = con.execute("SELECT count(tone) FROM documents").fetchone()[0]
    con.close()
    assert clusters and unclustered[0] == 0 and tones == 12
    out = run("aggregate", "--db", sample_db).stdout.decode()
    assert "aggregated events" in out
    con = duckdb.connect(str(sample_db), read_only=True)
    assert con.execute(query).fetchall() == clusters
    con.close()


def test_exports_import_compare_and_trend(sample_db, tmp_path):
    events_file, mentions_file = tmp_path / "x.export.CSV", tmp_path / "x.mentions.CSV"
    run("export", "--format", "gdelt", "--db", sample_db, "--out", events_file)
    run("export", "--format", "gdelt-mentions", "--db", sample_db, "--out", mentions_file)
    events = events_file.read_text().splitlines()
    assert events and all(len(line.split("\t")) == 61 for line in events)
    con = duckdb.connect(str(sample_db), read_only=True)
    texts = dict(con.execute("SELECT coalesce(url, doc_id), text FROM documents").fetchall())
    triggers = {
        r[0]: r[1]
        for r in con.execute(
            "SELECT coalesce(url, doc_id), list(trigger_text) "
            "FROM events JOIN documents USING (doc_id) GROUP BY 1"
        ).fetchall()
    }
    con.close()
    for line in mentions_file.read_text().splitlines():  # offsets point into the document
        fields = line.split("\t")
        text, offset = texts[fields[5]], int(fields[9])
        assert any(text.startswith(t, offset) for t in triggers[fields[5]])
    polecat = run("export", "--format", "polecat", "--db", sample_db).stdout.decode()
    assert len(polecat.splitlines()) == len(events)
    run("import-gdelt", events_file, "--db", sample_db)
    compared = run("compare-gdelt", "--db", sample_db, "--json", tmp_path / "c.json")
    assert "dyad root jaccard" in compared.stdout.decode()
    assert json.loads((tmp_path / "c.json").read_text())["dyad_root_jaccard"] == 1.0
    chart, data = tmp_path / "t.png", tmp_path / "t.json"
    run(
        "trend",
        "--source",
        "RUS",
        "--by",
        "month",
        "--both-directions",
        "--db",
        sample_db,
        "--plot",
        chart,
        "--json",
        data,
    )
    assert chart.read_bytes()[:4] == b"\x89PNG" and json.loads(data.read_text())
    bad = run("export", "--format", "nope", "--db", sample_db, check=False)
    assert bad.returncode == 2


def test_bad_inputs_in_a_batch_are_recorded_and_the_rest_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Russian troops shelled Ukrainian positions near Kharkiv on Tuesday, "
        "the Ukrainian army said."
    )
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (folder / "empty.txt").write_text("")
    (folder / "bad.jsonl").write_text('{"id": "x", "text": "Turkey condemned Israel."}\n{oops\n')
    (folder / "fr.txt").write_text(
        "Le président français a rencontré mardi à Paris le chancelier allemand pour discuter "
        "de la guerre en Ukraine et des sanctions contre la Russie."
    )
    db = tmp_path / "b.duckdb"
    proc = run("code", folder, "--db", db)
    out = proc.stdout.decode()
    assert "error:binary" in out and "error:parse" in out
    con = duckdb.connect(str(db), read_only=True)
    statuses = dict(con.execute("SELECT doc_id, status FROM documents").fetchall())
    con.close()
    assert statuses["good"] == "ok" and statuses["x"] == "ok"
    assert statuses["image"] == "error:binary"
    assert statuses["empty"] == "skipped:empty"
    assert statuses["bad:2"] == "error:parse"
    assert statuses["fr"] == "skipped:language"
    before = counts(db)
    run("code", folder, "--db", db)
    assert counts(db) == before  # errors are not re-added either


def test_exit_code_is_nonzero_only_when_nothing_could_be_processed(tmp_path):
    (tmp_path / "x.bin").write_bytes(bytes(range(256)) * 10)
    proc = run("code", tmp_path / "x.bin", "--db", tmp_path / "x.duckdb", check=False)
    assert proc.returncode == 1
    missing = run("code", tmp_path / "nothing-here*", "--db", tmp_path / "x.duckdb", check=False)
    assert missing.returncode == 2 and b"no file" in missing.stderr


def test_stdin_input(tmp_path):
    line = (
        json.dumps(
            {
                "id": "stdin-doc",
                "date": "2026-10-01",
                "text": "China and Russia held talks in Beijing on Monday.",
            }
        )
        + "\n"
    )
    db = tmp_path / "s.duckdb"
    run("code", "-", "--db", db, input=line.encode())
    assert counts(db)["documents"] == 1


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path):
    src = tmp_path / "many.jsonl"
    with open(src, "w") as fh:
        for i in range(60):
            fh.write(
                json.dumps(
                    {
                        "id": f"d{i:03d}",
                        "date": "2026-10-14",
                        "text": f"Story {i}: Russian forces shelled the Ukrainian town of "
                        f"Kupiansk {i} times on Monday, Ukraine's army said.",
                    }
                )
                + "\n"
            )
    db = tmp_path / "crash.duckdb"
    proc = subprocess.Popen(
        [*POLYBIUS, "-v", "code", str(src), "--db", str(db), "--batch-size", "3"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 300
    committed = 0
    for raw in proc.stderr:
        if b"committed batch" in raw:
            committed += 1
            if committed == 2:
                proc.send_signal(signal.SIGKILL)
                break
        assert time.time() < deadline
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    # its worker processes end with it (nothing is left running)
    for _ in range(50):
        left = subprocess.run(["pgrep", "-f", str(db)], capture_output=True).stdout.split()
        if not left:
            break
        time.sleep(0.2)
    assert not left, f"worker processes outlived the killed run: {left}"
    partial = counts(db)["documents"]
    assert 6 <= partial < 60
    run("code", src, "--db", db, "--batch-size", "3")
    con = duckdb.connect(str(db), read_only=True)
    ids = [r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()]
    con.close()
    assert sorted(ids) == [f"d{i:03d}" for i in range(60)]


def test_actors_command_explains_and_counts():
    out = run(
        "actors",
        "Turkey's foreign minister, Mevlut Cavusoglu, met Nato officials.",
        "--date",
        "2019-05-01",
    ).stdout.decode()
    assert "TUR" in out and "GOV" in out and "NATO" in out and "rule" in out
    coverage = run("actors", "--coverage").stdout.decode()
    assert "person" in coverage and "state" in coverage and "CAMEO codes with patterns" in coverage


def test_load_rejects_a_folder_that_is_not_a_dataset(tmp_path):
    proc = run("load", tmp_path, "--db", tmp_path / "x.duckdb", check=False)
    assert proc.returncode == 2 and b"not a Polybius Parquet dataset" in proc.stderr


def test_patterns_coverage_reads_a_folder_and_skips_what_it_cannot_read(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    doc = {"id": "d1", "text": "Chile's president met Peru's foreign minister in Lima."}
    (corpus / "good.jsonl").write_text(json.dumps(doc) + "\n")
    (corpus / "broken.jsonl").write_text("{not json\n")
    proc = run("patterns", "--coverage", corpus)
    out = proc.stdout.decode() + proc.stderr.decode()
    assert "skipped:" in out and "broken.jsonl line 1 is not JSON" in out
    assert "good.jsonl: 1 documents" in out
    only_bad = run("patterns", "--coverage", corpus / "broken.jsonl", check=False)
    assert only_bad.returncode == 2
    assert "no corpus could be read" in only_bad.stdout.decode() + only_bad.stderr.decode()
