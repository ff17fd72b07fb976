"""Coding in a child process, for a caller that must outlive a crash of the coder.

The API server codes submitted texts; a text that crashes spaCy or another native library
would take the whole server down with it (and every other document of the request) if it
were coded in the server's own process. `IsolatedCoder` codes in one worker process (started
with `spawn`: the server has threads, which `fork` does not copy safely) set up exactly as a
`polybius code` worker is (`runner.init_worker`). When the worker dies, the batch is coded
again one document at a time in a fresh worker, and a document that kills that one too is
given `error:worker`; the others are coded as usual.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from polybius.coding.coder import DEFAULT_SPEC, CoderSpec
from polybius.engine import runner
from polybius.engine.stages import code_documents
from polybius.ingest.sources import DEFAULT_MAX_BYTES
from polybius.models import Document, DocumentResult

log = logging.getLogger(__name__)

WORKER_DIED = (
    "the coding process died while coding this document; it was retried alone once. "
    "The other documents of the request were coded"
)


def code_batch(docs: list[Document]) -> list[DocumentResult]:
    """Code documents in the worker (results partly compressed: see DocumentResult.pack)."""
    for doc in docs:
        runner.crash_if_marked(doc)
    w = runner.worker_state()
    return code_documents(docs, w["coder"], w["nlp"], prefilter=w["prefilter"], pack=True)


class IsolatedCoder:
    """Codes documents in a worker process that is replaced when it dies."""

    def __init__(self, spec: CoderSpec = DEFAULT_SPEC, prefilter: bool = True) -> None:
        self._initargs = (frozenset(), spec, DEFAULT_MAX_BYTES, prefilter, True)
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=runner.init_worker,
                initargs=self._initargs,
            )
        return self._executor

    def _run(self, docs: list[Document]) -> list[DocumentResult] | None:
        """The coded documents, or None (and the worker replaced) when the worker died."""
        try:
            results = self._pool().submit(code_batch, docs).result()
        except BrokenProcessPool:
            self._drop_pool()
            return None
        for r in results:
            r.unpack()
        return results

    def code(self, docs: list[Document]) -> list[DocumentResult]:
        """One result per document, in order; a document that kills the worker twice (with
        the batch, then alone) gets `error:worker`."""
        if not docs:
            return []
        with self._lock:
            results = self._run(docs)
            if results is not None:
                return results
            log.warning("the coding process died; coding the %d documents one by one", len(docs))
            out = []
            for doc in docs:
                alone = self._run([doc])
                out.append(alone[0] if alone is not None else _crashed(doc))
            return out

    def _drop_pool(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def close(self) -> None:
        """Stop the worker process (it ends with the server anyway: see runner.init_worker)."""
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)
                self._executor = None


def _crashed(doc: Document) -> DocumentResult:
    log.error("%s killed the coding process twice: %s", doc.doc_id, runner.STATUS_ERROR_WORKER)
    doc.status = runner.STATUS_ERROR_WORKER
    doc.error = WORKER_DIED
    return DocumentResult(document=doc)
