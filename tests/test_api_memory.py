"""A 100 MB body costs the server no memory: `polybius serve` in its own process, the body
streamed from here in 1 MB chunks over a socket, the server's RSS read from /proc."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

TOKEN = "memory-token-0123456789abcdef"
BODY_BYTES = 100 * 1024 * 1024
CHUNK = b"x" * (1024 * 1024)
MAX_GROWTH = 50 * 1024 * 1024
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss(pid: int) -> int:
    """Resident set size of a process, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for process {pid}")


class PeakRss:
    """Samples a process's RSS every 10 ms in a thread; `peak` is the highest seen."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = rss(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss(self.pid))
            time.sleep(0.01)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss(self.pid))


@pytest.fixture(scope="module")
def server(sample_store, tmp_path_factory):
    db = tmp_path_factory.mktemp("memory") / "store.duckdb"
    shutil.copy(sample_store, db)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLYBIUS_API")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "polybius.cli", "serve", "--db", str(db), "--port", str(port)]
        + ["--token", TOKEN],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, "the server exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
    yield proc, port
    proc.terminate()
    proc.wait(timeout=30)


def post_streamed(port: int, headers: dict[str, str], chunked: bool) -> tuple[int, bytes, int]:
    """POST a 100 MB body in 1 MB chunks; (status, response, bytes the server took)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {BODY_BYTES}"
    sock.sendall(
        f"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n{head}{framing}\r\n\r\n".encode()
    )
    sent = 0
    try:
        for _ in range(BODY_BYTES // len(CHUNK)):
            data = b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK) if chunked else CHUNK
            sock.sendall(data)
            sent += len(CHUNK)
        if chunked:
            sock.sendall(b"0\r\n\r\n")
    except OSError:  # the server may stop taking the rest; its answer is waiting
        pass
    answer = b""
    while b"\r\n\r\n" not in answer:
        part = sock.recv(65536)
        if not part:
            break
        answer += part
    sock.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1") else 0
    return status, answer, sent


@pytest.mark.parametrize(
    ("headers", "chunked", "status"),
    [
        ({"Content-Type": "application/json"}, False, 401),
        ({"Content-Type": "text/plain"}, True, 401),
        ({"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}, True, 413),
        ({"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}, False, 413),
    ],
    ids=["no-token", "no-token-chunked", "token-chunked", "token-content-length"],
)
def test_a_100mb_body_is_refused_without_growing_the_server(server, headers, chunked, status):
    proc, port = server
    before = rss(proc.pid)
    with PeakRss(proc.pid) as sampler:
        got, answer, sent = post_streamed(port, headers, chunked)
    growth = sampler.peak - before
    mb = 2**20
    print(f"\n{status}: {sent / mb:.0f} MB sent, RSS {before / mb:.1f} MB, +{growth / mb:.1f} MB")
    assert got == status, answer[:500]
    assert sent == BODY_BYTES  # taken and thrown away as it came: the answer reached us
    assert growth < MAX_GROWTH, f"the server grew by {growth / 2**20:.1f} MB"
    # still answering
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 200")
