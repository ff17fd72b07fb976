"""The pipeline stages as plain functions over plain data.

split (every sentence, rule-based) -> prefilter -> parse (the kept sentences of many documents
in one batched spaCy call) -> code (per sentence, with the document's coreference context).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date

from polybius.actors.resolver import DocumentContext
from polybius.coding.coder import Coder
from polybius.dedup import fingerprint
from polybius.models import STATUS_ERROR_CODING, Document, DocumentResult, Event, Sentence
from polybius.nlp.pipeline import Piece, load_nlp, parse_groups, split_sentences
from polybius.tone import document_tone

log = logging.getLogger(__name__)

# seconds spent per stage in this process (read by the runner and bench/throughput.py)
TIMINGS: Counter = Counter()


@dataclass
class _Prepared:
    pieces: list[Piece]
    keep: list[bool]


def _prepare(text: str, coder: Coder, prefilter: bool) -> _Prepared:
    t0 = time.perf_counter()
    pieces = split_sentences(text)
    keep = [not prefilter or coder.could_hold_event(p.text, p.words) for p in pieces]
    TIMINGS["split"] += time.perf_counter() - t0
    return _Prepared(pieces, keep)


def _code(
    prepared: _Prepared,
    sents: list,
    doc_id: str,
    published: date | None,
    coder: Coder,
    context: DocumentContext | None,
) -> tuple[list[Sentence], list[Event]]:
    t0 = time.perf_counter()
    context = context if context is not None else DocumentContext()
    parsed = iter(sents)
    sentences: list[Sentence] = []
    events: list[Event] = []
    for index, (piece, kept) in enumerate(zip(prepared.pieces, prepared.keep, strict=True)):
        sentences.append(Sentence(doc_id, index, piece.text, piece.start, piece.end))
        if kept:
            events.extend(coder.code_sentence(next(parsed), doc_id, index, published, context))
        else:
            coder.note_unparsed(piece.text, context)
            context.text = (context.text + " " + piece.text)[-5000:]
    TIMINGS["code"] += time.perf_counter() - t0
    return sentences, events


def _parse(prepared: list[_Prepared], nlp) -> list[list]:
    t0 = time.perf_counter()
    groups = [[p for p, k in zip(x.pieces, x.keep, strict=True) if k] for x in prepared]
    parsed = parse_groups(groups, nlp)
    TIMINGS["parse"] += time.perf_counter() - t0
    return parsed


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
    prepared = _prepare(text, coder, prefilter)
    (sents,) = _parse([prepared], nlp or load_nlp())
    return _code(prepared, sents, doc_id, published, coder, context)


def code_documents(
    docs: list[Document], coder: Coder, nlp=None, prefilter: bool = True
) -> list[DocumentResult]:
    """Code several documents, parsing their sentences in one batched call.

    A document whose coding fails gets `error:coding`; the others are unaffected.
    """
    nlp = nlp or load_nlp()
    results = [DocumentResult(document=d) for d in docs]
    todo: list[tuple[DocumentResult, _Prepared]] = []
    for r in results:
        if not r.document.ok:
            continue
        try:
            todo.append((r, _prepare(r.document.text, coder, prefilter)))
        except Exception as exc:  # one document must never stop a batch
            _failed_coding(r, exc)
    try:
        parsed = _parse([p for _, p in todo], nlp)
    except Exception:  # find the document that breaks the parser by parsing one at a time
        parsed = []
        for r, p in todo:
            try:
                parsed.append(_parse([p], nlp)[0])
            except Exception as exc:
                _failed_coding(r, exc)
                parsed.append(None)
    for (r, prepared), sents in zip(todo, parsed, strict=True):
        if sents is None:
            continue
        d = r.document
        try:
            r.sentences, r.events = _code(prepared, sents, d.doc_id, d.published, coder, None)
            t0 = time.perf_counter()
            # tone is computed here, in the workers, so aggregation in the main process only
            # links and clusters
            r.tone = document_tone(s.text for s in r.sentences)
            t1 = time.perf_counter()
            TIMINGS["tone"] += t1 - t0
            r.fingerprint = fingerprint(d.text)  # so the writer only looks it up
            TIMINGS["dedup"] += time.perf_counter() - t1
        except Exception as exc:
            _failed_coding(r, exc)
    return results


def code_document(doc: Document, coder: Coder, nlp=None, prefilter: bool = True) -> DocumentResult:
    """Split, parse and code one document. Errors become the document's status."""
    return code_documents([doc], coder, nlp, prefilter)[0]


def _failed_coding(result: DocumentResult, exc: Exception) -> None:
    log.exception("coding failed for %s", result.document.doc_id)
    result.document.status = STATUS_ERROR_CODING
    result.document.error = f"coding failed: {type(exc).__name__}: {exc}"
    result.sentences, result.events = [], []
