"""Units of reading work that can be handed to worker processes.

The main process only walks the inputs and cuts JSONL files into chunks of raw lines (cheap);
workers do the expensive part: decoding, HTML extraction, language identification. stdin is
read in the main process (it cannot be shared): JSONL lines travel as raw lines like a file's,
in tasks cut as the lines arrive (a slow producer's line is coded without waiting for 15
more or for the end of the stream); a single text or HTML document travels ready-read.
"""

from __future__ import annotations

import io
import os
import queue
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from polybius.ingest.sources import (
    DEFAULT_MAX_BYTES,
    JSONL_SUFFIXES,
    ReadItem,
    expand_inputs,
    input_size,
    iter_lines,
    jsonl_record,
    open_binary,
    read_path,
    read_stream,
    special_file_reason,
    too_large_document,
    url_document,
)
from polybius.models import Document

LINES_PER_TASK = 16
FILES_PER_TASK = 8  # small files travel together so their sentences are parsed in one batch


@dataclass(frozen=True)
class Page:
    """A web page fetched by a source, to be extracted and coded in a worker."""

    url: str
    body: bytes


@dataclass
class ReadTask:
    """One file, a chunk of JSONL lines, documents already read (stdin) or fetched pages."""

    path: str
    lines: list[tuple[int, bytes | None, int]] | None = None  # (line number, raw line, bytes)
    files: list[str] = field(default_factory=list)  # more whole files after `path`
    documents: list[ReadItem] = field(default_factory=list)
    nbytes: int = 0
    # only documents lo..hi-1 of the file (a WARC or JSON list being searched for the record
    # that crashes a worker)
    items: tuple[int, int] | None = None
    pages: list[Page] = field(default_factory=list)
    # what is finished once this task's documents are committed: the files it read whole (or
    # the last chunk of a JSONL file), the URLs of its pages (see store/state.py)
    completes: tuple[str, ...] = ()


def plan_tasks(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadTask]:
    group: list[str] = []
    for path in expand_inputs(paths):
        if path == "-":
            yield from stdin_tasks(private_stdin(), max_bytes)
        elif path.lower().endswith(JSONL_SUFFIXES) and not special_file_reason(path):
            if group:
                yield _file_task(group)
                group = []
            yield from _last_completes(_jsonl_tasks(path, max_bytes), path)
        else:
            group.append(path)
            if len(group) >= FILES_PER_TASK:
                yield _file_task(group)
                group = []
    if group:
        yield _file_task(group)


def _file_task(paths: list[str]) -> ReadTask:
    nbytes = sum(input_size(p) for p in paths)
    return ReadTask(paths[0], files=paths[1:], nbytes=nbytes, completes=tuple(paths))


def _last_completes(tasks: Iterator[ReadTask], path: str) -> Iterator[ReadTask]:
    """The chunks of one file; the last one completes the file."""
    previous = None
    for task in tasks:
        if previous is not None:
            yield previous
        previous = task
    if previous is not None:
        previous.completes = (path,)
        yield previous


def page_task(pages: list[Page]) -> ReadTask:
    """Fetched pages coded together (extraction happens in the worker)."""
    return ReadTask(
        pages[0].url,
        pages=pages,
        nbytes=sum(len(p.body) for p in pages),
        completes=tuple(p.url for p in pages),
    )


STDIN_LABEL = "<stdin>"
_END = None  # end of the stream, on the line queue


def private_stdin():
    """stdin's bytes through a reader of our own, over a duplicate of its descriptor.

    The line pump reads in a thread while worker processes are forked; a child inherits every
    lock as it was at the fork, and multiprocessing closes `sys.stdin` first thing in each
    child. Were the pump reading `sys.stdin.buffer`, a fork during a read would leave the child
    waiting forever for that buffer's lock (a worker pool that hangs, seen after a worker crash
    on stdin input). Falls back to `sys.stdin.buffer` when stdin has no descriptor."""
    try:
        fd = os.dup(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return sys.stdin.buffer
    return os.fdopen(fd, "rb")


def stdin_tasks(stream, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadTask]:
    """Tasks from a stream as it arrives: JSONL lines, or one text or HTML document."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    if not buffered.peek(2048)[:2048].lstrip().startswith(b"{"):
        items = list(read_stream(buffered, STDIN_LABEL, max_bytes))  # one document
        yield ReadTask(STDIN_LABEL, documents=items, nbytes=sum(x.nbytes for x in items))
        return
    lines: queue.Queue = queue.Queue(maxsize=4 * LINES_PER_TASK)  # bounds what is buffered
    threading.Thread(
        target=_pump_lines, args=(buffered, max_bytes, lines), daemon=True, name="stdin"
    ).start()
    while True:
        first = lines.get()
        if first is _END:
            return
        chunk = [first]
        while len(chunk) < LINES_PER_TASK:  # more only if already there: never wait for them
            try:
                more = lines.get_nowait()
            except queue.Empty:
                break
            if more is _END:
                yield _lines_task(STDIN_LABEL, chunk)
                return
            chunk.append(more)
        yield _lines_task(STDIN_LABEL, chunk)


def _pump_lines(stream, max_bytes: int, out: queue.Queue) -> None:
    """Read lines into `out` (in a thread: a blocking read must not hold the planner)."""
    try:
        for lineno, (line, nbytes) in enumerate(iter_lines(stream, max_bytes), start=1):
            if line is None or line.strip():
                out.put((lineno, line, nbytes))
    finally:
        out.put(_END)


def _lines_task(path: str, chunk: list[tuple[int, bytes | None, int]]) -> ReadTask:
    return ReadTask(path, lines=chunk, nbytes=sum(n for _, _, n in chunk))


def _jsonl_tasks(path: str, max_bytes: int) -> Iterator[ReadTask]:
    try:
        fh = open_binary(path)
    except OSError:
        yield ReadTask(path, nbytes=0)  # read_path records the error
        return
    with fh:
        chunk: list[tuple[int, bytes | None, int]] = []
        for lineno, (line, nbytes) in enumerate(iter_lines(fh, max_bytes), start=1):
            if line is not None and not line.strip():
                continue
            chunk.append((lineno, line, nbytes))
            if len(chunk) >= LINES_PER_TASK:
                yield _lines_task(path, chunk)
                chunk = []
        if chunk:
            yield _lines_task(path, chunk)


def read_task(task: ReadTask, max_bytes: int = DEFAULT_MAX_BYTES) -> list[ReadItem]:
    """The documents of a task (run in a worker)."""
    if task.documents:
        return task.documents
    if task.pages:
        return [ReadItem(url_document(p.url, p.body), len(p.body)) for p in task.pages]
    if task.items is not None:
        return list(islice(read_path(task.path, max_bytes), *task.items))
    if task.lines is None:
        return [item for p in [task.path, *task.files] for item in read_path(p, max_bytes)]
    stem = Path(task.path).name.split(".")[0]
    out = []
    for lineno, line, nbytes in task.lines:
        if line is None:
            doc: Document = too_large_document(f"{task.path}:{lineno}", nbytes, max_bytes)
            doc.doc_id = f"{stem}:{lineno}"
        else:
            doc = jsonl_record(line, f"{task.path}:{lineno}", f"{stem}:{lineno}")
        out.append(ReadItem(doc, nbytes))
    return out


def task_label(task: ReadTask) -> str:
    if task.items is not None:
        return f"{task.path} (documents {task.items[0] + 1}-{task.items[1]})"
    if task.lines:
        return f"{task.path}:{task.lines[0][0]}-{task.lines[-1][0]}"
    return task.path + (f" (+{len(task.files)} files)" if task.files else "")


def split_task(task: ReadTask) -> list[ReadTask]:
    """Single-document tasks, to find which document of a task crashed its worker."""
    if task.lines:
        return [ReadTask(task.path, lines=[x], nbytes=x[2]) for x in task.lines]
    if task.documents:
        return [ReadTask(task.path, documents=[d], nbytes=d.nbytes) for d in task.documents]
    if task.pages:
        return [page_task([p]) for p in task.pages]
    return [_file_task([p]) for p in [task.path, *task.files]]
