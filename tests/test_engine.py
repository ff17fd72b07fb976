"""The parallel engine: same output for 1 and N workers, a worker crash, Ctrl-C."""

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

pytestmark = pytest.mark.slow
POLYBIUS = [sys.executable, "-m", "polybius.cli"]


def run(*args, env=None, check=True):
    proc = subprocess.run(
        [*POLYBIUS, *map(str, args)],
        capture_output=True,
        timeout=900,
        env={**os.environ, **(env or {})},
    )
    if check:
        assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    return proc


def dump(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute(
            "SELECT doc_id, status, content_hash, n_sentences, n_events FROM documents "
            "ORDER BY doc_id"
        ).fetchall()
        events = con.execute(
            "SELECT event_id, doc_id, sentence_index, plover_type, cameo_code, source_codes, "
            "target_codes, status, event_date, trigger_start, trigger_end FROM events "
            "ORDER BY event_id"
        ).fetchall()
        return docs + events
    finally:
        con.close()


def stories(path: Path, n: int, poison_at: int | None = None) -> Path:
    with open(path, "w") as fh:
        for i in range(n):
            text = (
                f"Story {i}. Russian forces shelled the Ukrainian town of Kupiansk on Monday, "
                f"Ukraine's army said. Turkey condemned Israel over raid number {i}."
            )
            if i == poison_at:
                text += " POISON-PILL"
            fh.write(json.dumps({"id": f"d{i:03d}", "date": "2026-10-14", "text": text}) + "\n")
    return path


@pytest.mark.heavy  # ~20-40 s of subprocesses: `make test-all`
def test_one_and_two_workers_write_identical_stores(tmp_path):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    src = stories(tmp_path / "s.jsonl", 40)
    run("code", EXAMPLES, src, "--db", one, "--workers", "1")
    run("code", EXAMPLES, src, "--db", two, "--workers", "2", "--batch-size", "5")
    assert dump(one) == dump(two)
    assert len(dump(one)) > 52


@pytest.mark.heavy  # ~20-40 s of subprocesses: `make test-all`
def test_prefilter_changes_nothing(tmp_path):
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    run("code", EXAMPLES, "--db", a, "--workers", "1")
    run("code", EXAMPLES, "--db", b, "--workers", "1", "--no-prefilter")
    assert dump(a) == dump(b)


def test_a_document_that_kills_its_worker_is_marked_and_the_run_completes(tmp_path):
    db = tmp_path / "p.duckdb"
    src = stories(tmp_path / "p.jsonl", 40, poison_at=21)
    proc = run(
        "code", src, "--db", db, "--workers", "2", env={"POLYBIUS_FAULT_CRASH_ON": "POISON-PILL"}
    )
    con = duckdb.connect(str(db), read_only=True)
    statuses = dict(con.execute("SELECT doc_id, status FROM documents").fetchall())
    con.close()
    assert len(statuses) == 40
    assert statuses.pop("d021") == "error:worker"
    assert set(statuses.values()) == {"ok"}
    assert b"error:worker" in proc.stdout


@pytest.mark.heavy  # ~20-40 s of subprocesses: `make test-all`
def test_ctrl_c_stops_cleanly_and_keeps_what_was_written(tmp_path):
    db = tmp_path / "c.duckdb"
    src = stories(tmp_path / "c.jsonl", 400)
    proc = subprocess.Popen(
        [*POLYBIUS, "-v", "code", str(src), "--db", str(db), "--workers", "2", "--batch-size", "8"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 300
    for raw in proc.stderr:
        if b"committed batch 2 " in raw:
            proc.send_signal(signal.SIGINT)
            break
        assert time.time() < deadline
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert b"Run summary" in out
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    assert 16 <= stored < 400
    run("code", src, "--db", db, "--workers", "2")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(DISTINCT doc_id) FROM documents").fetchone()[0] == 400
    con.close()
