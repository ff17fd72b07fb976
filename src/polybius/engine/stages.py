"""The pipeline stages as plain functions over plain data.

split (every sentence, rule-based) -> prefilter -> parse (the kept sentences of documents, in
chunks of bounded size, a batch of chunks per spaCy call) -> code (per sentence, with the
document's coreference context carried across chunks). The stages run as one stream, so memory
stays bounded whatever the size of a document (see engine/chunking.py).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from datetime import date

from polybius.actors.resolver import DocumentContext
from polybius.coding.coder import Coder
from polybius.dedup import fingerprint
from polybius.engine.chunking import Chunk, Job, document_chunks
from polybius.models import (
    STATUS_ERROR_CODING,
    STATUS_ERROR_TOO_COMPLEX,
    Document,
    DocumentResult,
    Event,
    Sentence,
)
from polybius.nlp.pipeline import Piece, iter_sentences, load_nlp, parse_chunks
from polybius.tone import document_tone_of, sentence_tone

log = logging.getLogger(__name__)

# seconds spent per stage in this process (read by the runner and bench/throughput.py)
TIMINGS: Counter = Counter()
# a document still being coded this long after it started is given up as error:too_complex
DOC_SECONDS = 600.0
# with `pack`, a document's sentences and events are compressed every this many sentences
PACK_SENTENCES = 2_000


def code_text(
    text: str,
    doc_id: str,
    published: date | None,
    coder: Coder,
    prefilter: bool = True,
    nlp=None,
    context: DocumentContext | None = None,
) -> tuple[list[Sentence], list[Event]]:
    """Split a text into sentences, parse those that could hold an event, code them.

    `context` carries actors named earlier in the same document (for coreference).
    """
    job = Job(DocumentResult(Document(doc_id, text, "", published=published)))
    if context is not None:
        job.context = context
    _run_jobs([job], coder, nlp or load_nlp(), prefilter, None, _reraise)
    return job.result.sentences, job.result.events


def code_documents(
    docs: list[Document],
    coder: Coder,
    nlp=None,
    prefilter: bool = True,
    seconds: float | None = DOC_SECONDS,
    pack: bool = False,
) -> list[DocumentResult]:
    """Code several documents, parsing their sentences in bounded, batched chunks.

    A document whose coding fails gets `error:coding`, one still being coded `seconds` after
    it started gets `error:too_complex`; the others are unaffected. With `pack`, long
    documents come back partly compressed (`DocumentResult.unpack` restores them): what a
    worker holds then does not grow with the document.
    """
    nlp = nlp or load_nlp()
    results = [DocumentResult(document=d) for d in docs]
    jobs = [Job(r) for r in results if r.document.ok]
    try:
        _run_jobs(jobs, coder, nlp, prefilter, seconds, _failed, pack)
    except Exception:  # find the document that breaks the parser by parsing one at a time
        for job in jobs:
            if job.done or job.stopped:
                continue
            job.reset()
            try:
                _run_jobs([job], coder, nlp, prefilter, seconds, _failed, pack)
            except Exception as exc:
                _failed(job, exc)
    for job in jobs:
        if not job.stopped:
            _finish(job)
    return results


def _run_jobs(
    jobs: list[Job],
    coder: Coder,
    nlp,
    prefilter: bool,
    seconds: float | None,
    on_error: Callable[[Job, Exception], None],
    pack: bool = False,
) -> None:
    """Split, parse and code the documents' chunks as a stream (a batch of chunks at a time).
    A document whose splitting or coding raises is handed to `on_error`."""

    def could_hold_event(piece: Piece) -> bool:
        return not prefilter or coder.could_hold_event(piece.text, piece.words)

    t0 = time.perf_counter()
    split_before, code_before = TIMINGS["split"], TIMINGS["code"]
    chunks = document_chunks(jobs, iter_sentences, could_hold_event, on_error, TIMINGS)
    stream = ((c.before, c.kept, c.after, c) for c in chunks)
    try:
        for sents, chunk in parse_chunks(stream, nlp):
            chunk.job.in_flight -= 1
            t1 = time.perf_counter()
            _code_chunk(chunk, sents, coder, seconds, on_error, prefilter)
            if pack and len(chunk.job.result.sentences) >= PACK_SENTENCES:
                chunk.job.result.pack()
            TIMINGS["code"] += time.perf_counter() - t1
    finally:
        own = (TIMINGS["split"] - split_before) + (TIMINGS["code"] - code_before)
        TIMINGS["parse"] += time.perf_counter() - t0 - own


def _code_chunk(
    chunk: Chunk,
    sents: list,
    coder: Coder,
    seconds: float | None,
    on_error: Callable[[Job, Exception], None],
    prefiltered: bool,
) -> None:
    """Code one chunk's sentences in order, with the document's context. `prefiltered`: the
    kept sentences passed the coder's prefilter when they were chunked (not tested again)."""
    job = chunk.job
    if job.stopped:
        return
    if seconds is not None and time.perf_counter() - job.started > seconds:
        _too_complex(job, seconds)
        return
    r, context = job.result, job.context
    doc_id, published = r.document.doc_id, r.document.published
    parsed = iter(sents)
    try:
        if job.next_index == 0:  # the places of the whole story, before its lead is coded
            coder.prime_story(r.document.text, context)
        for piece, kept in zip(chunk.pieces, chunk.keep, strict=True):
            index = job.next_index
            job.next_index += 1
            r.sentences.append(Sentence(doc_id, index, piece.text, piece.start, piece.end))
            words, polarity = sentence_tone(piece.text)
            job.tone_words += words
            job.tone_weighted += words * polarity
            if piece.note:
                r.notes[piece.note] += 1
            if kept:
                sent = next(parsed)
                r.events.extend(
                    coder.code_sentence(sent, doc_id, index, published, context, None, prefiltered)
                )
            else:
                coder.note_unparsed(piece.text, context, published)
                context.text = (context.text + " " + piece.text)[-5000:]
    except Exception as exc:  # one document must never stop a batch
        on_error(job, exc)


def _finish(job: Job) -> None:
    """Tone and fingerprint, computed here in the workers so aggregation in the main process
    only links and clusters, and the writer only looks the fingerprint up."""
    t0 = time.perf_counter()
    r = job.result
    r.tone = document_tone_of(job.tone_words, job.tone_weighted)
    t1 = time.perf_counter()
    TIMINGS["tone"] += t1 - t0
    r.fingerprint = fingerprint(r.document.text)
    TIMINGS["dedup"] += time.perf_counter() - t1


def code_document(doc: Document, coder: Coder, nlp=None, prefilter: bool = True) -> DocumentResult:
    """Split, parse and code one document. Errors become the document's status."""
    return code_documents([doc], coder, nlp, prefilter)[0]


def _reraise(job: Job, exc: Exception) -> None:
    """code_text's error handler: a single text's error is the caller's."""
    raise exc


def _failed(job: Job, exc: Exception) -> None:
    result = job.result
    log.exception("coding failed for %s", result.document.doc_id)
    _stop(job, STATUS_ERROR_CODING, f"coding failed: {type(exc).__name__}: {exc}")


def _too_complex(job: Job, seconds: float) -> None:
    log.warning("%s: still coding after %.0f s, given up", job.result.document.doc_id, seconds)
    _stop(
        job,
        STATUS_ERROR_TOO_COMPLEX,
        f"still coding after {seconds:.0f} s (at sentence {job.next_index}); given up",
    )


def _stop(job: Job, status: str, message: str) -> None:
    job.stopped = True
    result = job.result
    result.document.status = status
    result.document.error = message
    result.sentences, result.events = [], []
