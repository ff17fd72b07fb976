"""Cutting a document's sentences into bounded chunks for the parser.

A document is parsed chunk by chunk (at most CHUNK_SENTENCES sentences and CHUNK_CHARS
characters each), so the parser's memory does not grow with the document. The coder's
`DocumentContext` lives in the `Job` and is carried from chunk to chunk, and each chunk is
parsed with a few neighbouring sentences on either side (dropped after parsing): the tagger's
and parser's windows reach a few tokens past a sentence boundary, so every sentence gets the
parse it would get in one Doc of the whole document, and the events are the same.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from polybius.actors.resolver import DocumentContext
from polybius.models import DocumentResult
from polybius.nlp.pipeline import SKIPPED_SENTENCE, Piece

CHUNK_SENTENCES = 64  # sentences per chunk (kept or not)
CHUNK_CHARS = 10_000  # characters per chunk
# tokens of neighbouring sentences parsed with a chunk on each side; the tagger's window
# (4 layers of +-1 token) reaches 4, whole sentences are taken until at least this many
CONTEXT_TOKENS = 8
# chunks held back waiting for the next kept sentence (their right-hand context); past this
# (a long run of sentences the prefilter drops) the oldest is parsed without it
MAX_WAITING = 4


@dataclass
class Job:
    """One document being coded: its result so far and the context carried across chunks."""

    result: DocumentResult
    context: DocumentContext = field(default_factory=DocumentContext)
    started: float = 0.0  # perf_counter when its first sentence was split
    next_index: int = 0  # index of its next sentence
    in_flight: int = 0  # chunks yielded to the parser and not yet coded
    all_read: bool = False  # every chunk has been yielded
    stopped: bool = False  # failed or over its time budget: later chunks are dropped
    tone_words: int = 0  # the document's tone, summed sentence by sentence (polybius.tone)
    tone_weighted: float = 0.0

    @property
    def done(self) -> bool:
        return self.all_read and self.in_flight == 0

    def reset(self) -> None:
        """Start again from the first sentence (after a batch failed in the parser)."""
        self.context = DocumentContext()
        self.next_index, self.in_flight = 0, 0
        self.tone_words, self.tone_weighted = 0, 0.0
        self.all_read = self.stopped = False
        self.result.sentences, self.result.events = [], []
        self.result.notes = Counter()
        self.result.packed = []


@dataclass
class Chunk:
    """Consecutive sentences of one document; `keep` says which are parsed."""

    job: Job
    pieces: list[Piece] = field(default_factory=list)
    keep: list[bool] = field(default_factory=list)
    before: list[Piece] = field(default_factory=list)  # kept sentences parsed for context
    after: list[Piece] = field(default_factory=list)
    chars: int = 0

    @property
    def kept(self) -> list[Piece]:
        return [p for p, k in zip(self.pieces, self.keep, strict=True) if k]

    @property
    def full(self) -> bool:
        return len(self.pieces) >= CHUNK_SENTENCES or self.chars >= CHUNK_CHARS

    def add(self, piece: Piece, keep: bool) -> None:
        self.pieces.append(piece)
        self.keep.append(keep)
        self.chars += len(piece.text)


def _tokens(pieces: list[Piece] | deque[Piece]) -> int:
    return sum(len(p.words) for p in pieces)


class _Recent:
    """The last kept sentences, at least CONTEXT_TOKENS tokens of them."""

    def __init__(self) -> None:
        self.pieces: deque[Piece] = deque()
        self.tokens = 0

    def add(self, piece: Piece) -> None:
        self.pieces.append(piece)
        self.tokens += len(piece.words)
        while self.pieces and self.tokens - len(self.pieces[0].words) >= CONTEXT_TOKENS:
            self.tokens -= len(self.pieces.popleft().words)


def job_chunks(
    job: Job, pieces: Iterator[Piece], could_hold_event: Callable[[Piece], bool]
) -> Iterator[Chunk]:
    """The chunks of one document, in order, each with its context sentences."""
    recent = _Recent()
    current = Chunk(job)
    waiting: deque[Chunk] = deque()
    for piece in pieces:
        if job.stopped:
            return
        keep = piece.note != SKIPPED_SENTENCE and could_hold_event(piece)
        if keep:
            for chunk in waiting:
                if _tokens(chunk.after) < CONTEXT_TOKENS:
                    chunk.after.append(piece)
            while waiting and _tokens(waiting[0].after) >= CONTEXT_TOKENS:
                yield _out(waiting.popleft())
            recent.add(piece)
        current.add(piece, keep)
        if current.full:
            waiting.append(current)
            current = Chunk(job, before=list(recent.pieces))
            if len(waiting) > MAX_WAITING:
                yield _out(waiting.popleft())
    if current.pieces:
        waiting.append(current)
    while waiting:
        yield _out(waiting.popleft())


def _out(chunk: Chunk) -> Chunk:
    chunk.job.in_flight += 1
    return chunk


def document_chunks(
    jobs: list[Job],
    split: Callable[[str], Iterator[Piece]],
    could_hold_event: Callable[[Piece], bool],
    on_error: Callable[[Job, Exception], None],
    timings: Counter,
) -> Iterator[Chunk]:
    """The chunks of every document in turn. A document whose splitting fails is handed to
    `on_error` and the others go on. Time spent here is counted as `split`."""
    for job in jobs:
        job.started = time.perf_counter()
        stream = job_chunks(job, split(job.result.document.text), could_hold_event)
        while True:
            t0 = time.perf_counter()
            try:
                chunk = next(stream, None)
            except Exception as exc:  # one document must never stop a batch
                on_error(job, exc)
                chunk = None
            finally:
                timings["split"] += time.perf_counter() - t0
            if chunk is None:
                break
            yield chunk
        job.all_read = True
