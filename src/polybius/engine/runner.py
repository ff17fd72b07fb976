"""The local runner: read inputs, code documents in batches, write each batch in one transaction."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from polybius.engine.stages import code_document
from polybius.events.coder import Coder
from polybius.ingest.sources import DEFAULT_MAX_BYTES, ReadItem, iter_documents
from polybius.models import DocumentResult
from polybius.store.db import Store

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    documents: int = 0  # documents read from the input
    written: int = 0  # new documents stored
    unchanged: int = 0  # already in the store (same content hash)
    sentences: int = 0
    events: int = 0
    statuses: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (doc_id, status, message)
    seconds: float = 0.0

    @property
    def coded(self) -> int:
        return self.statuses.get("ok", 0)


ProgressFn = Callable[[int, RunSummary], None]


def run(
    paths: Iterable[str],
    store: Store,
    batch_size: int = 32,
    max_bytes: int = DEFAULT_MAX_BYTES,
    coder: Coder | None = None,
    progress: ProgressFn | None = None,
    on_batch: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """Code every document under `paths` into `store`. Documents already stored are skipped."""
    started = time.perf_counter()
    coder = coder or Coder()
    summary = RunSummary()
    batch: list[ReadItem] = []
    batches = 0

    def flush() -> None:
        nonlocal batches
        if not batch:
            return
        known = store.known_hashes(item.document.content_hash for item in batch)
        results: list[DocumentResult] = []
        for item in batch:
            doc = item.document
            if doc.content_hash in known:
                summary.unchanged += 1
                continue
            results.append(code_document(doc, coder))
        written = store.write_batch(results)
        batches += 1
        summary.written += written
        for r in results:
            summary.statuses[r.document.status] += 1
            summary.sentences += len(r.sentences)
            summary.events += len(r.events)
            if not r.document.ok:
                summary.errors.append(
                    (r.document.doc_id, r.document.status, r.document.error or "")
                )
        if on_batch:
            on_batch(batches, written)
        if progress:
            progress(sum(i.nbytes for i in batch), summary)
        batch.clear()

    for item in iter_documents(paths, max_bytes=max_bytes):
        summary.documents += 1
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    flush()
    summary.seconds = time.perf_counter() - started
    return summary
