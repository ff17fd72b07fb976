"""A store another process holds (issue 16, item 5): one clear line for every command, and a
read-only `serve` running while `code` writes to the same store."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from polybius.store.db import Store

pytestmark = pytest.mark.slow
POLYBIUS = [sys.executable, "-m", "polybius.cli"]
BUSY = "error: store busy: another polybius process is writing to"


def polybius(*args, wait: float = 0.3, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "POLYBIUS_STORE_WAIT": str(wait), "COLUMNS": "80"}
    return subprocess.run(
        [*POLYBIUS, *map(str, args)], capture_output=True, timeout=timeout, env=env
    )


def hold_lock(db: Path, seconds: float) -> subprocess.Popen:
    """Another process writing to the store: it holds DuckDB's lock for `seconds`."""
    code = (
        "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
        "print('locked', flush=True); time.sleep(float(sys.argv[2]))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(seconds)], stdout=subprocess.PIPE
    )
    assert proc.stdout.readline() == b"locked\n"
    return proc


def stories(path: Path, n: int, first: int = 0) -> Path:
    with open(path, "w") as fh:
        for i in range(first, first + n):
            text = (
                f"Story {i}. Russian forces shelled the Ukrainian town of Kupiansk on Monday, "
                f"Ukraine's army said. Turkey condemned Israel over raid number {i}."
            )
            fh.write(json.dumps({"id": f"d{i:03d}", "date": "2026-10-14", "text": text}) + "\n")
    return path


@pytest.fixture
def busy_store(tmp_path):
    db = tmp_path / "busy.duckdb"
    Store(db).close()
    holder = hold_lock(db, 120)
    yield db
    holder.kill()
    holder.wait()


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["events"],
        ["show", "d000"],
        ["export", "--format", "csv"],
        ["trend", "--source", "RUS"],
        ["aggregate"],
        ["code", "INPUT"],
        ["serve", "--port", "PORT"],
    ],
    ids=lambda a: a[0],
)
def test_a_busy_store_is_one_line_for_every_command(busy_store, tmp_path, args):
    args = [
        str(stories(tmp_path / "in.jsonl", 2))
        if a == "INPUT"
        else str(_free_port())
        if a == "PORT"
        else a
        for a in args
    ]
    proc = polybius(*args, "--db", busy_store)
    err = proc.stderr.decode().strip()
    assert proc.returncode == 75, err
    assert err.splitlines() == [
        f"{BUSY} {busy_store}; wait for it to finish or use another --db"
    ], err
    assert "Traceback" not in err


def test_a_command_waits_for_a_short_lock(tmp_path):
    db = tmp_path / "short.duckdb"
    Store(db).close()
    holder = hold_lock(db, 1.5)
    try:
        proc = polybius("stats", "--db", db, wait=30)
    finally:
        holder.wait()
    assert proc.returncode == 0, proc.stderr.decode()
    assert "documents" in proc.stdout.decode()


# ----------------------------------------------------------------------------- serve + code


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def _start_server(db: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [*POLYBIUS, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        assert server.poll() is None, server.stderr.read().decode()
        try:
            if _get(f"http://127.0.0.1:{port}/api/stats")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.kill()
    raise AssertionError("the server did not start")


def test_read_only_serve_and_code_share_a_store(tmp_path):
    db = tmp_path / "shared.duckdb"
    first = polybius("code", stories(tmp_path / "a.jsonl", 4), "--db", db, "--workers", "1")
    assert first.returncode == 0, first.stderr.decode()
    port = _free_port()
    server = _start_server(db, port)
    try:
        writer = subprocess.Popen(
            [
                *POLYBIUS,
                "code",
                str(stories(tmp_path / "b.jsonl", 120, first=100)),
                "--db",
                str(db),
                "--workers",
                "1",
                "--batch-size",
                "2",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "POLYBIUS_STORE_WAIT": "30"},
        )
        answers, seen = [], set()
        while writer.poll() is None:
            for path in ("/api/stats", "/api/events?limit=5", "/api/documents"):
                status, body = _get(f"http://127.0.0.1:{port}{path}")
                answers.append(status)
                if path == "/api/stats" and status == 200:
                    seen.add(body["documents"])
            time.sleep(0.1)
        out, err = writer.communicate()
        assert writer.returncode == 0, err.decode()[-3000:]
        assert "124 documents" in out.decode()
        status, stats = _get(f"http://127.0.0.1:{port}/api/stats")
        assert status == 200 and stats["documents"] == 124  # the server sees every batch
        assert set(answers) == {200}, answers
        assert len(answers) >= 6
        assert len(seen) >= 2, seen  # it answered while the store was being written
    finally:
        server.terminate()
        server.wait(timeout=30)
