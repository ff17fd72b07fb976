"""The local runner: read and code documents in worker processes, write from one process.

- Work is cut into read tasks (a file, or 16 JSONL lines); at most `2 x workers` tasks are in
  flight, so memory stays bounded whatever the input size.
- Results come back in input order, so 1 and N workers write the same store.
- Only the main process writes to DuckDB, one transaction per batch of documents.
- A worker that dies (a poisoned document) is replaced, on submit as on collect: the tasks in
  flight are retried, the oldest one document at a time (a WARC or JSON file of several
  documents by halves), and the document that kills a worker again is stored as
  `error:worker`; the run goes on.
- Ctrl-C stops submitting, keeps every batch already written and reports the run as interrupted.
  A second Ctrl-C stops at once: the documents already coded are committed, the task in hand
  and the workers are abandoned (a Ctrl-C during a commit waits for the commit).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from polybius.coding.coder import DEFAULT_SPEC, CoderSpec
from polybius.engine.allocator import bound_heap
from polybius.engine.stages import TIMINGS, code_documents
from polybius.engine.summary import RunSummary  # noqa: F401  (re-exported)
from polybius.ingest.sources import DEFAULT_MAX_BYTES, failed_document
from polybius.ingest.tasks import ReadTask, plan_tasks, read_task, split_task, task_label
from polybius.models import Document, DocumentResult
from polybius.store.db import Store

log = logging.getLogger(__name__)

STATUS_ERROR_WORKER = "error:worker"
# Test hook (fault injection, not a user option): when this environment variable is set, a
# document whose text contains its value makes the worker process exit abruptly while coding
# it, as a crash in a native library would. The resilience tests (tests/test_crashes.py) use
# it on every kind of input; it is read once per worker and costs one substring test.
CRASH_MARKER_ENV = "POLYBIUS_FAULT_CRASH_ON"


@dataclass
class TaskResult:
    results: list[DocumentResult]
    unchanged: int
    nbytes: int
    timings: Counter
    completes: tuple[str, ...] = ()  # the task's `completes` (files, URLs) once committed


ProgressFn = Callable[[int, RunSummary], None]

# ----------------------------------------------------------------------------- worker side

_worker: dict = {}


def _exit_with_parent() -> None:
    """Ask Linux to end this worker when the main process dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: workers then end when their task queue closes


def init_worker(
    known_hashes: frozenset[str],
    spec: CoderSpec,
    max_bytes: int,
    prefilter: bool,
    ignore_sigint: bool,
) -> None:
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
        _exit_with_parent()
    from polybius.nlp.pipeline import load_nlp

    bound_heap()  # peak memory must not grow with the document (engine/allocator.py)
    # a process coding run after run (a `watch` with one worker) builds its coder once, unless
    # it reads user files (they may have changed since)
    reuse = _worker.get("spec") == spec and not (spec.extra_patterns or spec.extra_actors)
    coder = _worker["coder"] if reuse else spec.build()
    _worker.update(
        spec=spec,
        coder=coder,
        nlp=load_nlp(),
        known=known_hashes,
        max_bytes=max_bytes,
        prefilter=prefilter,
        crash_on=os.environ.get(CRASH_MARKER_ENV),
    )


def _preload(spec: CoderSpec) -> None:
    """Load the model, dictionaries and extractors once in the main process before the pool
    forks: workers inherit them (copy-on-write) instead of each spending seconds loading."""
    if multiprocessing.get_start_method() != "fork":
        return
    import trafilatura  # noqa: F401

    from polybius.coding.prefilter import load_prefilter
    from polybius.ingest import language
    from polybius.nlp.pipeline import load_nlp
    from polybius.where import places

    load_nlp()
    spec.build()
    load_prefilter(spec.extra_patterns, frozenset(spec.disabled_rules), spec.extra_actors)
    language.warm_up()
    places.warm_up()


def worker_state() -> dict:
    """What `init_worker` set up in this process: coder, nlp, prefilter, ..."""
    return _worker


def crash_if_marked(doc: Document) -> None:
    """The fault-injection test hook (CRASH_MARKER_ENV): die as a native crash would."""
    if _worker["crash_on"] and _worker["crash_on"] in doc.text:
        os._exit(70)


def process_task(task: ReadTask) -> TaskResult:
    """Read and code one task (in a worker, or in the main process with one worker)."""
    TIMINGS.clear()
    t0 = time.perf_counter()
    items = read_task(task, _worker["max_bytes"])
    TIMINGS["read"] += time.perf_counter() - t0
    docs, unchanged = [], 0
    for item in items:
        doc = item.document
        if doc.content_hash in _worker["known"]:
            unchanged += 1
            continue
        crash_if_marked(doc)
        docs.append(doc)
    results = code_documents(
        docs, _worker["coder"], _worker["nlp"], prefilter=_worker["prefilter"], pack=True
    )
    return TaskResult(results, unchanged, task.nbytes, Counter(TIMINGS), task.completes)


# ----------------------------------------------------------------------------- main side


class _Pool:
    """A process pool that can be rebuilt after a worker dies."""

    def __init__(self, workers: int, initargs: tuple):
        self.workers, self.initargs = workers, initargs
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, initializer=init_worker, initargs=self.initargs)

    def submit(self, task: ReadTask) -> Future:
        return self.executor.submit(process_task, task)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def stop(self) -> None:
        for proc in list(getattr(self.executor, "_processes", {}).values()):
            proc.terminate()
        self.executor.shutdown(wait=False, cancel_futures=True)


def _crashed(task: ReadTask, doc_id: str | None = None) -> TaskResult:
    """The record of a task whose single document killed a worker twice."""
    label = task_label(task)
    doc = failed_document(
        label,
        STATUS_ERROR_WORKER,
        "a worker process died while reading or coding this document; it was retried once. "
        "Check the file, or run with --workers 1 -v to see the error",
    )
    if doc_id is not None:
        doc.doc_id = doc_id
    elif task.documents:
        doc.doc_id = task.documents[0].document.doc_id
    elif task.pages:
        doc.doc_id = task.pages[0].url.split("://", 1)[-1].rstrip("/")
    elif task.lines:
        lineno, line, _ = task.lines[0]
        doc.doc_id = f"{Path(task.path).name.split('.')[0]}:{lineno}"
        try:
            record = json.loads(line or b"")
            if isinstance(record, dict) and record.get("id") not in (None, ""):
                doc.doc_id = str(record["id"])
        except ValueError:
            pass
    return TaskResult([DocumentResult(doc)], 0, task.nbytes, Counter(), task.completes)


def list_documents(task: ReadTask) -> list[str]:
    """The ids of a file's documents, read but not coded (in a worker)."""
    return [item.document.doc_id for item in read_task(task, _worker["max_bytes"])]


def _attempt(pool: _Pool, task: ReadTask) -> TaskResult | None:
    """The task's result, or None (and a rebuilt pool) when it killed its worker."""
    try:
        return pool.submit(task).result()
    except BrokenProcessPool:
        log.warning("%s crashed a worker", task_label(task))
        pool.restart()
        return None


def _run_isolated(pool: _Pool, task: ReadTask) -> list[TaskResult]:
    """Retry a task that was in flight when a worker died, one document at a time; a file
    of several documents (WARC, JSON list) that still crashes is searched by halves."""
    out = []
    for single in split_task(task):
        result = _attempt(pool, single)
        if result is not None:
            out.append(result)
        elif single.lines or single.documents or single.items is not None:
            out.append(_crashed(single))
        else:
            out.extend(_isolate_in_file(pool, single))
    return out


def _isolate_in_file(pool: _Pool, task: ReadTask) -> list[TaskResult]:
    try:
        ids = pool.executor.submit(list_documents, task).result()
    except BrokenProcessPool:  # reading alone kills a worker: the whole file is the culprit
        pool.restart()
        return [_crashed(task)]
    if len(ids) <= 1:
        return [_crashed(task, ids[0] if ids else None)]
    middle = len(ids) // 2
    return _search(pool, task, 0, middle, ids) + _search(pool, task, middle, len(ids), ids)


def _search(pool: _Pool, task: ReadTask, lo: int, hi: int, ids: list[str]) -> list[TaskResult]:
    """Code documents lo..hi-1 of a file; halve the range until the crashing one is alone."""
    part = ReadTask(task.path, items=(lo, hi), nbytes=task.nbytes if lo == 0 else 0)
    result = _attempt(pool, part)
    if result is not None:
        return [result]
    if hi - lo == 1:
        return [_crashed(part, ids[lo])]
    middle = (lo + hi) // 2
    return _search(pool, task, lo, middle, ids) + _search(pool, task, middle, hi, ids)


def _submit(pool: _Pool, task: ReadTask) -> Future | None:
    """Submit a task; None when the pool is already broken (a worker died since the last
    look): the task is then retried when its turn comes, like those lost in flight."""
    try:
        return pool.submit(task)
    except BrokenProcessPool:
        return None


def _results_in_order(
    tasks: Iterator[ReadTask], workers: int, initargs: tuple, stopping: Callable[[], bool]
) -> Iterator[TaskResult]:
    if workers <= 1:
        init_worker(*initargs[:-1], ignore_sigint=False)
        for task in tasks:
            if stopping():
                return
            yield process_task(task)
        return
    _preload(initargs[1])
    pool = _Pool(workers, initargs)
    window: deque[tuple[ReadTask, Future | None]] = deque()
    try:
        for task in tasks:
            window.append((task, _submit(pool, task)))
            while len(window) >= 2 * workers:
                yield from _drain_one(pool, window)
                if stopping():
                    return
        while window:
            yield from _drain_one(pool, window)
            if stopping():
                return
    finally:
        pool.stop()


def _drain_one(pool: _Pool, window: deque) -> Iterator[TaskResult]:
    task, future = window.popleft()
    try:
        if future is None:
            raise BrokenProcessPool("the pool was broken when this task was submitted")
        result = future.result()
    except BrokenProcessPool:
        # every task in flight is lost with the pool: rebuild it, retry the oldest task alone,
        # then resubmit the others
        pending = [t for t, _ in window]
        window.clear()
        pool.restart()
        yield from _run_isolated(pool, task)
        for t in pending:
            window.append((t, _submit(pool, t)))
        return
    yield result


class ForcedStop(BaseException):
    """A second Ctrl-C: stop now (BaseException, so no `except Exception` swallows it)."""


def _sigint_handler(state: dict) -> Callable:
    """First Ctrl-C: finish the task in hand, commit, stop. Second: stop now (`ForcedStop`),
    unless a batch is being committed, which then completes first (the loop stops after it)."""

    def on_sigint(signum, frame) -> None:
        if state["flag"] and not state.get("committing"):
            raise ForcedStop
        if not state["flag"]:
            log.warning("stopping after the documents in hand; press Ctrl-C again to stop now")
        state["flag"] = True

    return on_sigint


def _first_seen(results: list[DocumentResult], seen: set[str]) -> list[DocumentResult]:
    """The results whose content was not met before in this run (`seen` is updated)."""
    fresh = []
    for r in results:
        if r.document.content_hash not in seen:
            seen.add(r.document.content_hash)
            fresh.append(r)
    return fresh


def run(
    paths: Iterable[str],
    store: Store,
    batch_size: int = 32,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressFn | None = None,
    on_batch: Callable[[int, int, list[DocumentResult]], None] | None = None,
    workers: int = 1,
    prefilter: bool = True,
    spec: CoderSpec = DEFAULT_SPEC,
    tasks: Iterable[ReadTask] | None = None,
    on_commit: Callable[[list[str]], None] | None = None,
) -> RunSummary:
    """Code every document under `paths` into `store`. Documents already stored are skipped.

    `tasks` replaces the plan of `paths` (fetched pages, files already filtered); `on_commit`
    receives the `completes` keys of the tasks whose documents are all committed.
    """
    started = time.perf_counter()
    summary = RunSummary(workers=max(1, workers))
    known = store.all_hashes()
    store.release()  # a read-only `serve` may read the store until the first batch is written
    initargs = (known, spec, max_bytes, prefilter, True)
    pending: list[DocumentResult] = []
    pending_bytes = 0
    completed: list[str] = []  # keys of tasks read whole, committed with the next batch

    def report_committed() -> None:
        if on_commit and completed:
            on_commit(list(completed))
        completed.clear()

    batches = 0
    interrupted = {"flag": False}

    seen: set[str] = set()  # content hashes met in this run: a repeat is no new document

    def flush() -> None:
        nonlocal batches, pending_bytes
        if not pending:
            report_committed()
            return
        interrupted["committing"] = True
        fresh = _first_seen(pending, seen)
        t0 = time.perf_counter()
        written = store.write_batch(fresh)
        summary.timings["store"] += time.perf_counter() - t0
        batches += 1
        summary.written += written
        summary.duplicates += len(pending) - len(fresh)
        summary.unchanged += len(fresh) - written  # stored meanwhile by another process
        summary.count(fresh)
        report_committed()  # first: the state of what was read follows the commit closely
        if on_batch:
            on_batch(batches, written, fresh)
        if progress:
            progress(pending_bytes, summary)
        pending.clear()
        pending_bytes = 0
        interrupted["committing"] = False

    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, _sigint_handler(interrupted))
    planned = plan_tasks(paths, max_bytes) if tasks is None else iter(tasks)
    results = _results_in_order(planned, workers, initargs, lambda: interrupted["flag"])
    try:
        try:
            for result in results:
                summary.timings.update(result.timings)
                summary.unchanged += result.unchanged
                summary.documents += len(result.results) + result.unchanged
                for r in result.results:
                    r.unpack()  # a long document comes from its worker partly compressed
                pending.extend(result.results)
                pending_bytes += result.nbytes
                completed.extend(result.completes)
                if len(pending) >= batch_size:
                    flush()
                elif progress and not result.results:
                    progress(result.nbytes, summary)
                if not pending:  # nothing uncommitted comes before these
                    report_committed()
        except ForcedStop:
            log.warning("stopped at the second Ctrl-C; committing the documents already coded")
            results.close()  # stops the worker pool now
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the last commit is not interrupted
        flush()
    finally:
        signal.signal(signal.SIGINT, previous)
    summary.interrupted = interrupted["flag"]
    summary.seconds = time.perf_counter() - started
    return summary
