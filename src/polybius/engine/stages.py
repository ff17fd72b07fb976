"""The pipeline stages as plain functions over plain data."""

from __future__ import annotations

import logging

from polybius.actors.resolver import DocumentContext
from polybius.events.coder import Coder
from polybius.models import STATUS_ERROR_CODING, Document, DocumentResult, Sentence
from polybius.nlp.pipeline import load_nlp, parse

log = logging.getLogger(__name__)


def code_document(doc: Document, coder: Coder, nlp=None) -> DocumentResult:
    """Split, parse and code one document. Errors become the document's status."""
    result = DocumentResult(document=doc)
    if not doc.ok:
        return result
    try:
        nlp = nlp or load_nlp()
        index = 0
        context = DocumentContext()
        for offset, parsed in parse(doc.text, nlp):
            for sent in parsed.sents:
                if not sent.text.strip():
                    continue
                result.sentences.append(
                    Sentence(
                        doc_id=doc.doc_id,
                        index=index,
                        text=sent.text,
                        start=offset + sent.start_char,
                        end=offset + sent.end_char,
                    )
                )
                result.events.extend(
                    coder.code_sentence(sent, doc.doc_id, index, doc.published, context)
                )
                index += 1
    except Exception as exc:  # one document must never stop a batch
        log.exception("coding failed for %s", doc.doc_id)
        doc.status = STATUS_ERROR_CODING
        doc.error = f"coding failed: {type(exc).__name__}: {exc}"
        result.sentences, result.events = [], []
    return result
