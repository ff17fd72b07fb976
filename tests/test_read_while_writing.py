"""Reading a store while `polybius code` writes it (issue 18, item 3): readers open the
writer's read snapshot (store/snapshot.py) and get the committed rows, never an exception;
a store too new for the installed DuckDB says which DuckDB to install."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import polybius
from polybius.store import snapshot, versions
from polybius.store.db import Store
from polybius.store.versions import StoreNeedsNewerDuckDB


def _stories(path: Path, n: int, first: int = 0) -> Path:
    with open(path, "w") as fh:
        for i in range(first, first + n):
            text = (
                f"Bulletin {i}. Greece protested to Turkey about airspace incident {i} on "
                "Tuesday, the ministry in Athens said."
            )
            fh.write(json.dumps({"id": f"b{i:03d}", "date": "2026-10-14", "text": text}) + "\n")
    return path


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_snapshot_holds_the_committed_rows_and_goes_away_on_close(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db, publish=True) as store:
        assert snapshot.live_snapshot(db) == snapshot.snapshot_path(db)
        store.con.execute("INSERT INTO meta VALUES ('note', 'written after the first snapshot')")
        assert store.publish_snapshot(force=True)
        con = duckdb.connect(str(snapshot.snapshot_path(db)), read_only=True)
        try:
            rows = con.execute("SELECT value FROM meta WHERE key = 'note'").fetchall()
        finally:
            con.close()
        assert rows == [("written after the first snapshot",)]
    assert not snapshot.snapshot_path(db).exists()
    assert not snapshot.info_path(db).exists()
    assert snapshot.live_snapshot(db) is None


def test_a_snapshot_left_by_a_killed_run_is_not_read(tmp_path):
    db = tmp_path / "k.duckdb"
    Store(db).close()
    snapshot.snapshot_path(db).write_bytes(db.read_bytes())
    info = {"pid": _dead_pid(), "host": os.uname().nodename, "published": "2026-01-01T00:00:00Z"}
    snapshot.info_path(db).write_text(json.dumps(info))
    assert snapshot.live_snapshot(db) is None
    info["pid"] = os.getpid()
    snapshot.info_path(db).write_text(json.dumps(info))
    assert snapshot.live_snapshot(db) == snapshot.snapshot_path(db)


def test_publishing_is_throttled(tmp_path, monkeypatch):
    monkeypatch.setenv(snapshot.INTERVAL_ENV, "3600")
    with Store(tmp_path / "t.duckdb", publish=True) as store:
        assert not store.publish_snapshot()  # published on opening, not due again for an hour
        assert store.publish_snapshot(force=True)
    with Store(tmp_path / "t.duckdb") as store:
        assert not store.publish_snapshot()  # a store opened without publish never copies


# ----------------------------------------------------------------------------- DuckDB versions


def _checksum(block: bytes) -> int:
    """DuckDB's block checksum (a multiply-xor over 8-byte words; our own few lines)."""
    total = 5381
    for (word,) in struct.iter_unpack("<Q", block):
        total ^= (word * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    return total


def _store_of_a_future_duckdb(path: Path) -> Path:
    """A store whose header claims a storage format no installed DuckDB reads."""
    Store(path).close()
    data = bytearray(path.read_bytes())
    struct.pack_into("<Q", data, 12, 5000)  # the storage version number
    struct.pack_into("<Q", data, 0, _checksum(bytes(data[8:4096])))
    path.write_bytes(bytes(data))
    return path


def test_a_store_from_a_newer_duckdb_says_what_to_install(tmp_path):
    db = _store_of_a_future_duckdb(tmp_path / "future.duckdb")
    with pytest.raises(StoreNeedsNewerDuckDB) as caught:
        polybius.open(db)
    message = str(caught.value)
    assert str(db) in message
    assert f"DuckDB {duckdb.__version__}" in message
    assert f"DuckDB >= {versions.REQUIRED_DUCKDB}" in message
    assert "pip install" in message


def test_an_older_duckdb_is_told_the_version_the_store_needs(tmp_path, monkeypatch):
    db = tmp_path / "now.duckdb"
    Store(db).close()
    assert versions.written_by(db) == f"v{duckdb.__version__}"
    monkeypatch.setattr(duckdb, "__version__", "1.4.1")
    with pytest.raises(StoreNeedsNewerDuckDB) as caught:
        polybius.open(db)
    assert "this Python has DuckDB 1.4.1" in str(caught.value)
    assert f"written by DuckDB {versions.written_by(db).lstrip('v')}" in str(caught.value)


@pytest.mark.slow
def test_the_cli_prints_the_needed_duckdb_in_one_line(tmp_path):
    db = _store_of_a_future_duckdb(tmp_path / "future.duckdb")
    proc = subprocess.run(
        [sys.executable, "-m", "polybius", "stats", "--db", str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "400"},
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"Polybius stores need DuckDB >= {versions.REQUIRED_DUCKDB}" in proc.stderr


# ----------------------------------------------------------------------------- the bar


@pytest.mark.slow
def test_pandas_reads_the_committed_rows_while_code_writes(tmp_path):
    db = tmp_path / "busy.duckdb"
    env = {
        **os.environ,
        "POLYBIUS_SNAPSHOT_INTERVAL": "0",  # a fresh snapshot after every batch
    }
    writer = subprocess.Popen(
        [sys.executable, "-m", "polybius", "code", str(_stories(tmp_path / "in.jsonl", 30))]
        + ["--db", str(db), "--workers", "1", "--batch-size", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    counts, from_snapshot = [], 0
    try:
        while writer.poll() is None:
            if not db.exists():
                time.sleep(0.05)
                continue
            live = snapshot.live_snapshot(db) is not None
            store = polybius.open(db)  # the documented route; never raises
            events = store.events()
            frame = store.documents()  # read after the events: holds all their documents
            assert set(events["doc_id"]) <= set(frame["doc_id"])
            counts.append(len(frame))
            from_snapshot += live and writer.poll() is None
            time.sleep(0.1)
        out, err = writer.communicate(timeout=600)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err.decode()[-3000:]
    assert counts == sorted(counts), counts  # committed rows only ever grow
    assert any(0 < n < 30 for n in counts), counts  # it read while batches were landing
    assert from_snapshot >= 1
    assert len(polybius.open(db).documents()) == 30
    assert not snapshot.snapshot_path(db).exists()  # the run cleaned up after itself


@pytest.mark.slow
def test_a_writable_server_keeps_a_snapshot_for_other_readers(sample_store, tmp_path):
    """`serve --token` holds the store for writing: other processes read its snapshot."""
    from polybius.api.app import close_app, create_app

    db = tmp_path / "served.duckdb"
    db.write_bytes(sample_store.read_bytes())
    expected = len(polybius.open(db).documents())
    app = create_app(db, tokens=["a-token-of-twenty-chars"])
    try:
        assert snapshot.live_snapshot(db) == snapshot.snapshot_path(db)
        reader = subprocess.run(
            [
                sys.executable,
                "-c",
                "import polybius, sys; print(len(polybius.open(sys.argv[1]).documents()))",
                str(db),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "POLYBIUS_STORE_WAIT": "0.2"},
        )
        assert reader.returncode == 0, reader.stderr
        assert int(reader.stdout) == expected
    finally:
        close_app(app)
    assert snapshot.live_snapshot(db) is None


def test_a_failed_copy_never_fails_the_writer(tmp_path, monkeypatch, caplog):
    db = tmp_path / "f.duckdb"
    with Store(db, publish=True) as store:
        first = snapshot.snapshot_path(db).read_bytes()

        def full_disk(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(snapshot.shutil, "copyfile", full_disk)
        store.con.execute("INSERT INTO meta VALUES ('note', 'after the copy failed')")
        assert store.publish_snapshot(force=True) is False
        assert "not refreshed" in caplog.text
        assert snapshot.snapshot_path(db).read_bytes() == first  # the previous copy stays
        assert list(tmp_path.glob("*.tmp")) == []
