"""The counts of a coding run (kept apart from the runner, so that a run with nothing to
read reports without importing the engine)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from polybius.models import DocumentResult


@dataclass
class RunSummary:
    documents: int = 0  # documents read from the input
    written: int = 0  # new documents stored
    unchanged: int = 0  # already in the store (same content hash)
    duplicates: int = 0  # repeats of a document earlier in the same input (not counted again)
    sentences: int = 0
    events: int = 0
    statuses: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (doc_id, status, message)
    sentence_notes: Counter = field(default_factory=Counter)  # long sentences cut or skipped
    seconds: float = 0.0
    timings: Counter = field(default_factory=Counter)  # seconds per stage, summed over workers
    interrupted: bool = False
    workers: int = 1
    unchanged_files: int = 0  # files skipped before reading: same path, size and mtime

    @property
    def coded(self) -> int:
        return self.statuses.get("ok", 0)

    def count(self, results: list[DocumentResult]) -> None:
        """Add coded documents to the counts (statuses, sentences, events, errors)."""
        for r in results:
            self.statuses[r.document.status] += 1
            self.sentences += len(r.sentences)
            self.events += len(r.events)
            self.sentence_notes.update(r.notes)
            if not r.document.ok:
                self.errors.append((r.document.doc_id, r.document.status, r.document.error or ""))
