"""Submissions are coded on one worker thread, never on the event loop, with a bounded wait.

Coding a text takes seconds (spaCy parse, coder, store write) and the store has one writer,
so submissions run one at a time on a dedicated thread while the event loop keeps answering
reads. At most `size` submissions wait behind the running one; a submission beyond that is
refused at once (429) instead of piling up requests, each holding its parsed body in memory.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class QueueFull(RuntimeError):
    """Every place in the submission queue is taken."""


class SubmissionQueue:
    """One worker thread; at most 1 + `size` submissions accepted at a time."""

    def __init__(self, size: int) -> None:
        if size < 0:
            raise ValueError("the queue size cannot be negative")
        self.capacity = size + 1
        self._pending = 0
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="polybius-submit")

    @property
    def pending(self) -> int:
        return self._pending

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """`fn(*args)` on the worker thread; QueueFull when the queue is full.

        The place is given back when the job ends, not when the awaiting request does: a
        client that disconnects does not free the place of work still running.
        """
        with self._lock:
            if self._pending >= self.capacity:
                raise QueueFull(
                    f"the server is busy coding {self._pending} submissions; "
                    "try again in a few seconds"
                )
            self._pending += 1
        try:
            future = self._executor.submit(fn, *args)
        except BaseException:
            self._release(None)
            raise
        future.add_done_callback(self._release)
        return await asyncio.wrap_future(future)

    def _release(self, _: Future | None) -> None:
        with self._lock:
            self._pending -= 1

    def close(self) -> None:
        """Drop waiting submissions and wait for the running one."""
        self._executor.shutdown(wait=True, cancel_futures=True)
