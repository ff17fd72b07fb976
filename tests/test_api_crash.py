"""A submitted text that crashes the coder costs that document, not the server (issue 16).

`polybius serve --token` runs in its own process with the fault-injection hook on
(`POLYBIUS_FAULT_CRASH_ON`, engine/runner.py): the coding process dies on the marked text as it
would on a crash in native code. The request still answers with every document's status, the
crashed one `error:worker`, the others coded and stored, and the server goes on serving.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from polybius.engine.runner import CRASH_MARKER_ENV, STATUS_ERROR_WORKER

TOKEN = "crash-token-0123456789abcdef"
MARKER = "XYZZY-CRASH-THE-CODER"
DOCUMENTS = [
    {"id": "calm-1", "text": "Russian forces shelled Kharkiv on Thursday, officials said."},
    {"id": "poison", "text": f"Protesters marched in Cairo on Friday. {MARKER} appears here."},
    {"id": "calm-2", "text": "France and Germany signed a trade agreement in Berlin on Monday."},
]
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, path: str, body: dict | None = None, timeout: float = 300) -> dict:
    """GET (or POST `body` with the token) on the server; the JSON answer."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data)
    req.add_header("Content-Type", "application/json")
    if body is not None:
        req.add_header("Authorization", f"Bearer {TOKEN}")
    with urllib.request.urlopen(req, timeout=timeout) as answer:
        assert answer.status == 200
        return json.loads(answer.read())


@pytest.fixture
def server(sample_store, tmp_path):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_store, db)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLYBIUS_API")}
    env[CRASH_MARKER_ENV] = MARKER
    proc = subprocess.Popen(
        [sys.executable, "-m", "polybius.cli", "serve", "--db", str(db), "--port", str(port)]
        + ["--host", "127.0.0.1", "--token", TOKEN],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, "the server exited"
        try:
            request(port, "/api/stats", timeout=2)
            break
        except (OSError, urllib.error.URLError):
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
    yield proc, port
    proc.terminate()
    proc.wait(timeout=30)


def test_a_document_that_crashes_the_coder_gets_error_worker(server):
    proc, port = server
    before = request(port, "/api/stats")["documents"]
    answer = request(port, "/api/documents", {"documents": DOCUMENTS})
    statuses = {d["doc_id"]: d["status"] for d in answer["documents"]}
    assert statuses == {"calm-1": "ok", "poison": STATUS_ERROR_WORKER, "calm-2": "ok"}
    assert proc.poll() is None, "the server died with its coder"
    calm = {d["doc_id"]: d for d in answer["documents"] if d["doc_id"] != "poison"}
    assert all(d["stored"] and d["n_events"] >= 1 for d in calm.values())
    assert request(port, "/api/stats")["documents"] == before + 3
    stored = request(port, "/api/documents/poison")["document"]
    assert stored["status"] == STATUS_ERROR_WORKER and "died" in stored["error"]
    # the coding process was replaced: the next submission is coded as usual
    later = {"id": "calm-3", "text": "Japan condemned North Korea's missile launch on Sunday."}
    again = request(port, "/api/documents", {"documents": [later]})["documents"]
    assert [d["status"] for d in again] == ["ok"]
