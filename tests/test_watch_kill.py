"""A `polybius watch` killed with SIGKILL mid-run loses at most the batch in flight, and the
next run fetches and codes exactly what was not committed (a subprocess test)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from polybius.sources.poll import PAGES_PER_TASK
from website import WEB, Site

REPO = Path(__file__).resolve().parents[1]
PAGES = 12
BATCH = 2


def watch_command(urls: Path, db: Path) -> list[str]:
    return [
        *(sys.executable, "-m", "polybius", "watch", f"urls:{urls}", "--db", str(db), "--once"),
        *("--workers", "1", "--batch-size", str(BATCH), "--host-interval", "0"),
        *("--concurrency", "1", "--log-format", "json"),
    ]


def committed(db: Path) -> tuple[int, set[str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        done = con.execute("SELECT url FROM source_state WHERE status = 'done'").fetchall()
    return documents, {r[0] for r in done}


@pytest.mark.slow
def test_kill_9_during_a_watch_loses_at_most_one_batch(tmp_path):
    site = Site()
    base = site.start()
    try:
        template = (WEB / "news" / "harbour.html").read_text()
        paths = [f"/burst/p{n}.html" for n in range(PAGES)]
        for n, path in enumerate(paths):  # each page its own text, so each its own document
            site.put(path, template.replace("on Monday", f"on day {n} of the talks"))
            site.slow[path] = 0.1
        urls = tmp_path / "urls.txt"
        urls.write_text("".join(f"{base}{p}\n" for p in paths))
        db = tmp_path / "w.duckdb"
        env = dict(os.environ, PYTHONPATH=str(REPO / "src"))

        proc = subprocess.Popen(
            watch_command(urls, db), env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
        )
        timer = threading.Timer(120, proc.kill)  # never hang the suite
        timer.start()
        batches = 0
        for line in proc.stderr:
            if line.startswith(b"{") and json.loads(line).get("event") == "batch":
                batches += 1
                if batches == 1:
                    proc.send_signal(signal.SIGKILL)
                    break
        proc.wait()
        timer.cancel()
        assert batches == 1 and proc.returncode == -signal.SIGKILL

        documents, done = committed(db)
        first_done = len(done)
        assert documents >= BATCH  # the batch reported committed is kept
        assert first_done == documents  # the pages' state is recorded with their batch
        assert first_done <= PAGES_PER_TASK < PAGES  # the kill did cut the run short

        site.hits.clear()
        subprocess.run(watch_command(urls, db), env=env, check=True, capture_output=True)
        documents, done = committed(db)
        assert documents == PAGES and len(done) == PAGES
        fetched_again = {p for (p, _), n in site.hits.items() if p.startswith("/burst/")}
        assert len(fetched_again) == PAGES - first_done  # exactly what was not committed
        assert site.fetched("/burst/p0.html") == 0
    finally:
        site.stop()
