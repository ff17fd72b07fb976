"""The pipeline stages as plain functions over plain data."""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import date

from polybius.actors.resolver import DocumentContext
from polybius.events.coder import Coder
from polybius.models import STATUS_ERROR_CODING, Document, DocumentResult, Event, Sentence
from polybius.nlp.pipeline import load_nlp, parse_sentences, split_sentences

log = logging.getLogger(__name__)

# seconds spent per stage in this process (read by the runner and bench/throughput.py)
TIMINGS: Counter = Counter()


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
    t0 = time.perf_counter()
    pieces = split_sentences(text)
    keep = [not prefilter or coder.could_hold_event(p.text, p.words) for p in pieces]
    t1 = time.perf_counter()
    parsed = parse_sentences([p.text for p, k in zip(pieces, keep, strict=True) if k], nlp)
    context = context if context is not None else DocumentContext()
    sentences: list[Sentence] = []
    events: list[Event] = []
    parse_time = 0.0
    for index, (piece, kept) in enumerate(zip(pieces, keep, strict=True)):
        sentences.append(Sentence(doc_id, index, piece.text, piece.start, piece.end))
        if kept:
            p0 = time.perf_counter()
            doc = next(parsed)
            parse_time += time.perf_counter() - p0
            events.extend(coder.code_sentence(doc[:], doc_id, index, published, context))
        else:
            context.text = (context.text + " " + piece.text)[-5000:]
    t2 = time.perf_counter()
    TIMINGS["split"] += t1 - t0
    TIMINGS["parse"] += parse_time
    TIMINGS["code"] += (t2 - t1) - parse_time
    return sentences, events


def code_document(doc: Document, coder: Coder, nlp=None, prefilter: bool = True) -> DocumentResult:
    """Split, parse and code one document. Errors become the document's status."""
    result = DocumentResult(document=doc)
    if not doc.ok:
        return result
    try:
        result.sentences, result.events = code_text(
            doc.text, doc.doc_id, doc.published, coder, prefilter, nlp or load_nlp()
        )
    except Exception as exc:  # one document must never stop a batch
        log.exception("coding failed for %s", doc.doc_id)
        doc.status = STATUS_ERROR_CODING
        doc.error = f"coding failed: {type(exc).__name__}: {exc}"
        result.sentences, result.events = [], []
    return result
