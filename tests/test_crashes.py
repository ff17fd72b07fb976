"""A worker crash never aborts a run, whatever the input (issue 16): folder, glob, stdin, JSONL
and WARC. The crash is injected with the POLYBIUS_FAULT_CRASH_ON test hook (engine/runner.py)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import bench_module

pytestmark = pytest.mark.slow
POLYBIUS = [sys.executable, "-m", "polybius.cli"]
POISON = "POISON-PILL"
N = 100  # more tasks than the pool has in flight: the pool breaks while tasks are submitted
CRASHED = 3


def story(i: int) -> str:
    text = (
        f"Story {i}. Russian forces shelled the Ukrainian town of Kupiansk on Monday, "
        f"Ukraine's army said. Turkey condemned Israel over raid number {i}."
    )
    return text + (f" {POISON}" if i == CRASHED else "")


def code(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [*POLYBIUS, "code", *args, "--workers", "2", "--batch-size", "4"],
        input=stdin,
        capture_output=True,
        timeout=900,
        env={**os.environ, "POLYBIUS_FAULT_CRASH_ON": POISON},
    )
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    assert b"aggregation (" in proc.stdout  # the run went on to aggregate
    return proc


def statuses(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return dict(con.execute("SELECT doc_id, status FROM documents").fetchall())
    finally:
        con.close()


def check(db: Path, crashed_id: str) -> None:
    found = statuses(db)
    assert len(found) == N
    assert found.pop(crashed_id) == "error:worker"
    assert set(found.values()) == {"ok"}


def test_folder(tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    for i in range(N):
        (folder / ("sub" if i % 2 else "") / f"s{i:02d}.txt").write_text(story(i))
    code([str(folder), "--db", str(tmp_path / "f.duckdb")])
    check(tmp_path / "f.duckdb", f"s{CRASHED:02d}")


def test_glob(tmp_path):
    for i in range(N):
        (tmp_path / f"g{i:02d}.txt").write_text(story(i))
    code([str(tmp_path / "g*.txt"), "--db", str(tmp_path / "g.duckdb")])
    check(tmp_path / "g.duckdb", f"g{CRASHED:02d}")


def _jsonl() -> bytes:
    lines = (json.dumps({"id": f"d{i:02d}", "text": story(i)}) for i in range(N))
    return ("\n".join(lines) + "\n").encode()


def test_stdin(tmp_path):
    code(["-", "--db", str(tmp_path / "s.duckdb")], stdin=_jsonl())
    check(tmp_path / "s.duckdb", f"d{CRASHED:02d}")


def test_jsonl(tmp_path):
    (tmp_path / "in.jsonl").write_bytes(_jsonl())
    code([str(tmp_path / "in.jsonl"), "--db", str(tmp_path / "j.duckdb")])
    check(tmp_path / "j.duckdb", f"d{CRASHED:02d}")


def test_warc(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(N):
            body = f"<html><body><article><p>{story(i)}</p></article></body></html>".encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://example.org/news/{i}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
            writer.write_record(record)
    db = tmp_path / "w.duckdb"
    code([str(path), "--db", str(db)])
    found = statuses(db)
    assert len(found) == N
    crashed = [d for d, s in found.items() if s == "error:worker"]
    assert len(crashed) == 1
    assert list(found.values()).count("ok") == N - 1


@pytest.mark.heavy  # ~100 s: bench/memory.py measures the same bound
def test_a_2mb_document_is_coded_within_2gb_of_address_space(tmp_path):
    """Issue 16: one 5 MB document took 13 GB; a 2 MB one must now code under `ulimit -v 2G`."""
    import resource

    make_text = bench_module("memory").make_text

    src = tmp_path / "big.jsonl"
    src.write_text(json.dumps({"id": "big", "text": make_text(2_000_000)}) + "\n")
    limit = 2 * 1024**3

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    proc = subprocess.run(
        [*POLYBIUS, "code", str(src), "--db", str(tmp_path / "b.duckdb"), "--workers", "1"],
        capture_output=True,
        timeout=900,
        preexec_fn=cap,
        env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
    )
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    assert statuses(tmp_path / "b.duckdb") == {"big": "ok"}


def test_an_overlong_sentence_is_cut_and_counted(tmp_path):
    from polybius.coding.coder import Coder
    from polybius.engine.stages import code_documents
    from polybius.models import Document
    from polybius.nlp.pipeline import MAX_SENTENCE_CHARS, MAX_SENTENCE_TOKENS, split_sentences

    clause = "Turkey condemned Israel over the raid on the border town, "
    text = "Opening line. " + clause * 300 + "and the talks ended. " + "x" * 5000
    pieces = split_sentences(text)
    assert all(len(p.words) <= MAX_SENTENCE_TOKENS for p in pieces)
    assert all(text[p.start : p.end] == p.text for p in pieces)
    parts = [p for p in pieces if p.note == "sentence_split"]
    assert len(parts) > 5 and all(len(p.text) <= MAX_SENTENCE_CHARS for p in parts)
    assert [p.note for p in pieces].count("sentence_too_long") == 1
    (result,) = code_documents([Document("long", text, "h", status="ok")], Coder())
    assert result.document.status == "ok"
    assert result.notes["sentence_too_long"] == 1 and result.notes["sentence_split"] == len(parts)
    assert result.events


def test_a_document_over_its_time_budget_is_too_complex():
    from polybius.coding.coder import Coder
    from polybius.engine.stages import code_documents
    from polybius.models import Document

    text = "Turkey condemned Israel over the raid. " * 400
    (r,) = code_documents([Document("slow", text, "h", status="ok")], Coder(), seconds=0.0)
    assert r.document.status == "error:too_complex"
    assert r.sentences == [] and r.events == []
