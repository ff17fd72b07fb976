"""Reading stdin in a thread while worker processes are forked must not hang the workers
(ingest/tasks.py `private_stdin`): multiprocessing closes `sys.stdin` in every child, and a
child forked while the line pump held `sys.stdin.buffer`'s lock waited for it forever."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import io, multiprocessing, os, sys, time
from polybius.ingest import tasks

read_end, write_end = os.pipe()
os.write(write_end, b'{"id": "a", "text": "one line, then the stream stays open"}\n')
sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(read_end, "rb")))
if sys.argv[1] == "pump-on-sys-stdin":  # what the code did before: the test must see it hang
    planned = tasks.stdin_tasks(sys.stdin.buffer, 10**6)
else:
    planned = tasks.plan_tasks(["-"])
next(planned)  # the pump thread now waits in a read for the next line
time.sleep(0.3)
child = multiprocessing.get_context("fork").Process(target=int)
child.start()
child.join(float(sys.argv[2]))
print("hung" if child.exitcode is None else "exited")
if child.exitcode is None:
    child.kill()
os._exit(0)
"""


def _fork_while_reading(variant: str, wait: float) -> str:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, variant, str(wait)],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return out.stdout.decode().strip()


def test_a_worker_forked_while_stdin_is_read_starts():
    assert _fork_while_reading("plan", 20) == "exited"


def test_the_check_sees_the_hang_of_a_pump_on_sys_stdin():
    assert _fork_while_reading("pump-on-sys-stdin", 3) == "hung"
