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

pytestmark = pytest.mark.slow
POLYBIUS = [sys.executable, "-m", "polybius.cli"]
POISON = "POISON-PILL"
N = 12
CRASHED = 7


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
