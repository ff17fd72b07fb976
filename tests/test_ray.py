"""The Ray engine codes the same events as the local engine (with a local Ray)."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from conftest import EXAMPLES

pytest.importorskip("ray", reason="the Ray engine is an optional extra: pip install '.[ray]'")
pytestmark = pytest.mark.slow
POLYBIUS = [sys.executable, "-m", "polybius.cli"]


def events(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT event_id, doc_id, sentence_index, plover_type, cameo_code, source_codes, "
            "target_codes, status, event_date, trigger_text FROM events ORDER BY event_id"
        ).fetchall()
    finally:
        con.close()


@pytest.mark.heavy  # ~20-40 s of subprocesses: `make test-all`
def test_ray_engine_matches_local_engine_and_loads_parquet(tmp_path):
    local, ray_db, loaded = tmp_path / "l.duckdb", tmp_path / "r.duckdb", tmp_path / "x.duckdb"
    parquet = tmp_path / "parquet"
    for args in (
        ["code", EXAMPLES, "--db", local, "--workers", "1"],
        [
            "code",
            EXAMPLES,
            "--db",
            ray_db,
            "--engine",
            "ray",
            "--workers",
            "2",
            "--parquet",
            parquet,
        ],
        ["load", parquet, "--db", loaded],
    ):
        proc = subprocess.run([*POLYBIUS, *map(str, args)], capture_output=True, timeout=900)
        assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    expected = events(local)
    assert expected
    assert events(ray_db) == expected
    assert events(loaded) == expected
    days = {p.name for p in (parquet / "events").iterdir()}
    assert all(d.startswith("event_day=") for d in days) and len(days) > 3
