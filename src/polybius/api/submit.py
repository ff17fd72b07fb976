"""POST /api/documents: code submitted articles with the same engine as `polybius code`.

The texts go through the reader's cleaning and language check (`finish_document`), then
`code_documents` (split, prefilter, parse, code) and `Store.write_batch`, exactly the path of
a `polybius code` run. The coding runs in a child process set up as a `polybius code` worker
(engine/isolated.py, started on the first submission): a text that crashes the coder costs
that document (`error:worker`), not the server or the request's other documents.
"""

from __future__ import annotations

from polybius import aggregate
from polybius.api.models import SubmitRequest
from polybius.api.state import ApiStore
from polybius.engine.isolated import IsolatedCoder
from polybius.ingest.dates import parse_date, parse_dateline
from polybius.ingest.sources import finish_document
from polybius.ingest.text import clean_text
from polybius.models import Document, content_hash


class DocumentCoder:
    """Codes submitted documents and writes them to the store (one submission at a time)."""

    def __init__(self, store: ApiStore):
        self.store = store
        self.coder = IsolatedCoder()

    def close(self) -> None:
        """Stop the coding process."""
        self.coder.close()

    def submit(self, request: SubmitRequest) -> list[dict]:
        """Code and store the documents; one result per submitted document, in order.

        A text already in the store (same content hash, also within one request) is not coded
        again: its result describes the stored document with `stored` false.
        """
        docs = [self.to_document(d, i) for i, d in enumerate(request.documents)]
        with self.store.write_lock:
            store = self.store.store
            known = store.known_hashes(d.content_hash for d in docs)
            new, seen = [], set()
            for d in docs:
                if d.content_hash not in known and d.content_hash not in seen:
                    new.append(d)
                seen.add(d.content_hash)
            results = self.coder.code(new)
            store.write_batch(results)  # gives a document whose id is taken a suffixed id
            if results:
                # duplicates, tone and aggregated events, as after `polybius code`
                aggregate.update(store)
            self.store.data_version += 1
            store.publish_snapshot()  # other processes read the store through it
            # results come back from the coding process in order, as new Document objects
            fresh = {id(d): r for d, r in zip(new, results, strict=True)}
            out = []
            for d in docs:
                r = fresh.pop(id(d), None)
                out.append(_result(r) if r is not None else _stored(store.con, d.content_hash))
        return out

    @staticmethod
    def to_document(submitted, index: int) -> Document:
        """The stored form of the `index`-th submitted text, cleaned and checked like a read
        file (a URL other than http(s) becomes None)."""
        text = clean_text(submitted.text)
        published = None
        if submitted.date:
            try:
                published = parse_date(submitted.date)
            except Exception:  # dateparser raises more than ValueError on odd input
                published = None
            if published is None:
                raise InvalidSubmission(
                    f"documents[{index}].date: {submitted.date!r} is not a date; "
                    "use YYYY-MM-DD or leave it out"
                )
        return finish_document(
            text,
            doc_id=submitted.id or f"api-{content_hash(text)[:12]}",
            title=submitted.title,
            url=submitted.url,
            source=submitted.source,
            published=published or parse_dateline(text),
            input_path=f"api:{index}",
        )


class InvalidSubmission(ValueError):
    """A submitted document that cannot be coded as sent (reported as a 422)."""


def _result(r) -> dict:
    d = r.document
    return {
        "doc_id": d.doc_id,
        "status": d.status,
        "error": d.error,
        "stored": True,
        "n_sentences": len(r.sentences),
        "n_events": len(r.events),
        "event_ids": [e.event_id for e in r.events],
    }


def _stored(con, digest: str) -> dict:
    """The result for a text that was already stored."""
    doc_id, status, error, n_sentences = con.execute(
        "SELECT doc_id, status, error, coalesce(n_sentences, 0) FROM documents "
        "WHERE content_hash = ?",
        [digest],
    ).fetchall()[0]
    event_ids = [
        row[0]
        for row in con.execute(
            "SELECT event_id FROM events WHERE doc_id = ? ORDER BY sentence_index, event_id",
            [doc_id],
        ).fetchall()
    ]
    return {
        "doc_id": doc_id,
        "status": status,
        "error": error,
        "stored": False,
        "n_sentences": n_sentences,
        "n_events": len(event_ids),
        "event_ids": event_ids,
    }
